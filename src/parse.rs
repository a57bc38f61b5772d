//! Parses one statement at a time, trying each dialect in turn.
//!
//! The first attempt reuses the file's tokens (SQLite dialect). PostgreSQL and
//! the generic dialect tokenize differently (`?`, backticks, `E''`), so they
//! re-tokenize the statement's text; spans are shifted back to file
//! coordinates either way, so an AST node's span is a file span.

use std::ops::Range;

use sqlparser::ast::Statement;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Span, Token as SqlToken, TokenWithSpan};

use crate::dialect::ParseDialect;
use crate::lexer::{Token, lex};
use crate::source::SourceFile;

/// sqlparser recurses once per nesting level; deeper input is reported, not parsed.
pub const RECURSION_LIMIT: usize = 64;

/// Why one dialect could not parse a statement.
#[derive(Debug, Clone)]
pub struct DialectError {
    pub dialect: ParseDialect,
    pub message: String,
    /// Where the parser stopped, when it said so.
    pub span: Option<Range<usize>>,
}

pub type ParseResult = Result<(Statement, ParseDialect), Vec<DialectError>>;

pub fn parse_statement(file: &SourceFile, tokens: &[Token], span: Range<usize>) -> ParseResult {
    parse_each_dialect(file, span, |dialect, span| {
        parse_tokens(dialect, tokens, file, span)
    })
}

/// Like `parse_statement`, but lends the token kinds to the parser and takes
/// them back instead of copying them: the tokens are unchanged afterwards.
pub fn parse_statement_lending(
    file: &SourceFile,
    tokens: &mut [Token],
    span: Range<usize>,
) -> ParseResult {
    parse_each_dialect(file, span, |dialect, span| {
        let lent = tokens
            .iter_mut()
            .map(|t| TokenWithSpan::new(std::mem::replace(&mut t.kind, SqlToken::EOF), t.location))
            .collect();
        let (result, returned) = run_parser(dialect, lent, file, span);
        for (token, back) in tokens.iter_mut().zip(returned) {
            token.kind = back.token;
        }
        result
    })
}

/// `first` parses with the file's own tokens (SQLite dialect); the other
/// dialects re-tokenize the statement's text.
fn parse_each_dialect(
    file: &SourceFile,
    span: Range<usize>,
    mut first: impl FnMut(ParseDialect, &Range<usize>) -> Result<Statement, String>,
) -> ParseResult {
    let mut errors = Vec::new();
    for dialect in ParseDialect::ALL {
        let attempt = if dialect == ParseDialect::Sqlite {
            first(dialect, &span)
        } else {
            reparse(file, &span, dialect)
        };
        match attempt {
            Ok(statement) => return Ok((statement, dialect)),
            Err(message) => errors.push(dialect_error(file, dialect, message)),
        }
    }
    Err(errors)
}

fn reparse(
    file: &SourceFile,
    span: &Range<usize>,
    dialect: ParseDialect,
) -> Result<Statement, String> {
    let lexed = lex(file, span.clone(), dialect.dialect());
    if let Some(error) = lexed.errors.first() {
        let (line, column) = file.line_col(error.span.start);
        return Err(format!(
            "{} at Line: {line}, Column: {column}",
            error.message
        ));
    }
    parse_tokens(dialect, &lexed.tokens, file, span)
}

fn parse_tokens(
    dialect: ParseDialect,
    tokens: &[Token],
    file: &SourceFile,
    span: &Range<usize>,
) -> Result<Statement, String> {
    let with_spans = tokens
        .iter()
        .map(|t| TokenWithSpan::new(t.kind.clone(), t.location))
        .collect();
    run_parser(dialect, with_spans, file, span).0
}

/// Parses one statement from `with_spans`; also returns the tokens.
fn run_parser(
    dialect: ParseDialect,
    mut with_spans: Vec<TokenWithSpan>,
    file: &SourceFile,
    span: &Range<usize>,
) -> (Result<Statement, String>, Vec<TokenWithSpan>) {
    let end = file.location(span.end);
    // An explicit EOF placed at the statement's end gives "found: EOF" a location.
    with_spans.push(TokenWithSpan::new(SqlToken::EOF, Span::new(end, end)));
    let mut parser = Parser::new(dialect.dialect())
        .with_recursion_limit(RECURSION_LIMIT)
        .with_tokens_with_locations(with_spans);
    let result = parser.parse_statement().map_err(|e| error_text(&e));
    let result = result.and_then(|statement| {
        let next = parser.peek_token_ref();
        if next.token != SqlToken::EOF {
            return Err(format!(
                "Expected: end of statement, found: {} at Line: {}, Column: {}",
                next.token, next.span.start.line, next.span.start.column
            ));
        }
        Ok(statement)
    });
    (result, parser.into_tokens())
}

fn error_text(error: &ParserError) -> String {
    match error {
        ParserError::TokenizerError(m) | ParserError::ParserError(m) => m.clone(),
        ParserError::RecursionLimitExceeded => {
            format!("nested more than {RECURSION_LIMIT} levels deep (sqlparser's recursion limit)")
        }
    }
}

/// Splits sqlparser's "… at Line: L, Column: C" suffix into a span.
fn dialect_error(file: &SourceFile, dialect: ParseDialect, message: String) -> DialectError {
    let (text, span) = match message.rsplit_once(" at Line: ") {
        Some((text, position)) => (text.to_string(), position_span(file, position)),
        None => (message, None),
    };
    DialectError {
        dialect,
        // A NUL byte in the input shows up verbatim in "found: \0".
        message: text.replace('\0', "\\0"),
        span,
    }
}

fn position_span(file: &SourceFile, position: &str) -> Option<Range<usize>> {
    let (line, column) = position.split_once(", Column: ")?;
    let location =
        sqlparser::tokenizer::Location::new(line.parse().ok()?, column.trim().parse().ok()?);
    let start = file.offset(location)?;
    let end = file.text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::lint_dialect;

    #[test]
    fn lending_gives_the_same_result_and_hands_the_tokens_back() {
        for sql in [
            "SELECT a, 'x' FROM t WHERE b = ?1",
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql",
            "PRAGMA journal_mode = WAL",
            "SELECT 1 2",
        ] {
            let file = SourceFile::new("t.sql", sql);
            let mut tokens = lex(&file, 0..sql.len(), lint_dialect()).tokens;
            let before = format!("{tokens:?}");
            let copied = parse_statement(&file, &tokens, 0..sql.len());
            let lent = parse_statement_lending(&file, &mut tokens, 0..sql.len());
            assert_eq!(format!("{tokens:?}"), before, "{sql}");
            assert_eq!(format!("{lent:?}"), format!("{copied:?}"), "{sql}");
        }
    }
}
