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

use crate::sources::file::SourceFile;
use crate::syntax::dialect::ParseDialect;
use crate::syntax::lexer::{Comment, Token, lex};

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
    let mut tokens = tokens;
    parse_each_dialect_with(
        file,
        span,
        &mut tokens,
        |_| false,
        |tokens, dialect, span| parse_tokens(dialect, tokens, file, span),
    )
}

/// Like `parse_statement`, but lends the token kinds to the parser and takes
/// them back instead of copying them: the tokens are unchanged afterwards.
pub fn parse_statement_lending(
    file: &SourceFile,
    tokens: &mut [Token],
    comments: &[Comment],
    span: Range<usize>,
) -> ParseResult {
    // Only a fallback needs to know whether its tokens would be the same.
    let neutral = |tokens: &[Token]| tokenized_alike_by_every_dialect(tokens, comments);
    parse_each_dialect_with(file, span, tokens, neutral, |tokens, dialect, span| {
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

/// Whether `dialect` parses `text` as one statement.
pub fn parses_as(dialect: ParseDialect, text: &str) -> bool {
    let file = SourceFile::new("", text);
    reparse(&file, &(0..text.len()), dialect).is_ok()
}

/// `first` parses with the file's own tokens (SQLite dialect); the other
/// dialects re-tokenize the statement's text, unless `neutral` says every
/// dialect would produce the same tokens. `neutral` is asked only when the
/// first dialect fails, and at most once: most statements parse at once.
fn parse_each_dialect_with<T: ?Sized>(
    file: &SourceFile,
    span: Range<usize>,
    tokens: &mut T,
    neutral: impl FnOnce(&T) -> bool,
    mut first: impl FnMut(&mut T, ParseDialect, &Range<usize>) -> Result<Statement, String>,
) -> ParseResult {
    let mut errors = Vec::new();
    let mut neutral = Some(neutral);
    let mut reuse_tokens = false;
    for dialect in ParseDialect::ALL {
        if dialect != ParseDialect::Sqlite
            && let Some(neutral) = neutral.take()
        {
            reuse_tokens = neutral(tokens);
        }
        let attempt = if dialect == ParseDialect::Sqlite || reuse_tokens {
            first(tokens, dialect, &span)
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

/// Whether the PostgreSQL and generic tokenizers would cut this statement
/// exactly as the SQLite one did, so a fallback parse can reuse its tokens
/// instead of tokenizing again. Deliberately narrow: plain ASCII words,
/// double-quoted names, digit-only numbers, strings with no prefix letter
/// (`E''`, `N''`…) and common punctuation; block comments must not nest
/// (PostgreSQL nests them). Anything else is re-tokenized.
fn tokenized_alike_by_every_dialect(tokens: &[Token], comments: &[Comment]) -> bool {
    if comments.iter().any(|c| c.text.contains("/*")) {
        return false;
    }
    let copies_from_stdin = tokens.iter().any(
        |t| matches!(&t.kind, SqlToken::Word(w) if w.keyword == sqlparser::keywords::Keyword::STDIN),
    );
    let mut previous: Option<&Token> = None;
    for token in tokens {
        let alike = match &token.kind {
            SqlToken::Word(w) => match w.quote_style {
                None => w
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                Some('"') => true,
                Some(_) => false,
            },
            SqlToken::Number(n, false) => {
                n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && n.bytes().filter(|&b| b == b'.').count() <= 1
                    && n.starts_with(|c: char| c.is_ascii_digit())
                    && n.ends_with(|c: char| c.is_ascii_digit())
            }
            SqlToken::SingleQuotedString(_) => !previous.is_some_and(|p| {
                matches!(p.kind, SqlToken::Word(_)) && p.span.end == token.span.start
            }),
            // No dialect here treats `$…` as a placeholder, so all three read a
            // `$tag$…$tag$` body the same way.
            SqlToken::DollarQuotedString(_) => true,
            // Inside trigger bodies. The generic tokenizer would take the
            // line after `COPY … FROM STDIN;` as data, hence the guard.
            SqlToken::SemiColon => !copies_from_stdin,
            SqlToken::Comma
            | SqlToken::Period
            | SqlToken::LParen
            | SqlToken::RParen
            | SqlToken::Eq
            | SqlToken::Lt
            | SqlToken::Gt
            | SqlToken::LtEq
            | SqlToken::GtEq
            | SqlToken::Plus
            | SqlToken::Minus
            | SqlToken::Mul
            | SqlToken::Div
            | SqlToken::DoubleColon
            | SqlToken::StringConcat => true,
            _ => false,
        };
        if !alike {
            return false;
        }
        previous = Some(token);
    }
    true
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
    use crate::syntax::dialect::lint_dialect;

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
            let lent = parse_statement_lending(&file, &mut tokens, &[], 0..sql.len());
            assert_eq!(format!("{tokens:?}"), before, "{sql}");
            assert_eq!(format!("{lent:?}"), format!("{copied:?}"), "{sql}");
        }
    }

    #[test]
    fn statements_called_alike_are_tokenized_alike_by_every_dialect() {
        let samples = [
            (
                "CREATE TABLE t (a INTEGER NOT NULL DEFAULT 0, \"b c\" TEXT)",
                true,
            ),
            (
                "SELECT a.b, 'x''y' || c, 1.5 FROM t WHERE d >= 2 AND e::text = 'z'",
                true,
            ),
            ("COMMENT ON TABLE t IS 'it''s'", true),
            (
                "CREATE TRIGGER IF NOT EXISTS g AFTER UPDATE ON t BEGIN UPDATE t SET a = strftime('%s', 'now') WHERE id = NEW.id; DELETE FROM u; END",
                true,
            ),
            (
                "CREATE TRIGGER g AFTER UPDATE ON t BEGIN COPY t FROM STDIN; END",
                false,
            ),
            ("SELECT E'a\\'b'", false),
            ("SELECT N'x', X'AB'", false),
            ("SELECT a#b, @c, `d`, [e]", false),
            ("SELECT ?1, $1, :n", false),
            ("SELECT 1_000, 0x1F, .5, 1e5", false),
            ("SELECT café, 🎉", false),
            ("SELECT 1 /* a /* nested */ b */", false),
            (
                "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
                true,
            ),
            ("SELECT $$ body; 'x' $$, $fn$ a $$ b $fn$", true),
            (
                "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.a := now(); RETURN NEW; END; $$ LANGUAGE plpgsql",
                true,
            ),
            ("SELECT a->>'b', a != b", false),
        ];
        for (sql, expected) in samples {
            let file = SourceFile::new("t.sql", sql);
            let lexed = lex(&file, 0..sql.len(), lint_dialect());
            let alike = tokenized_alike_by_every_dialect(&lexed.tokens, &lexed.comments);
            assert_eq!(alike, expected, "{sql}");
            if !alike {
                continue;
            }
            let ours: Vec<_> = lexed
                .tokens
                .iter()
                .map(|t| (t.kind.clone(), t.span.clone()))
                .collect();
            for dialect in [ParseDialect::Postgres, ParseDialect::Generic] {
                let theirs: Vec<_> = lex(&file, 0..sql.len(), dialect.dialect())
                    .tokens
                    .iter()
                    .map(|t| (t.kind.clone(), t.span.clone()))
                    .collect();
                assert_eq!(theirs, ours, "{sql} with {}", dialect.name());
            }
        }
    }
}
