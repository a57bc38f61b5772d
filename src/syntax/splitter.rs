//! Cuts a file's tokens into statements at top-level `;`.
//!
//! Strings, quoted names, comments and `$tag$` bodies are single tokens, so a
//! `;` inside them never reaches this code. What remains is the one place SQL
//! nests statements in plain tokens: `CREATE TRIGGER … BEGIN …; …; END` (and a
//! PostgreSQL `BEGIN ATOMIC … END` function body), where `;` ends an inner
//! statement. The splitter, not the parser, owns statement spans.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::lexer::{Comment, Lexed, Token};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawStatement {
    /// Indices into the file's token list, without the `;`.
    pub tokens: Range<usize>,
    /// Bytes from the first token's start to the last token's end.
    pub span: Range<usize>,
    /// The `;` that ends the statement, if there is one.
    pub terminator: Option<Range<usize>>,
}

/// `breaks` are byte offsets where text could not be tokenized: a statement
/// never runs across one (what follows an unterminated string is a new start).
pub fn split(tokens: &[Token], breaks: &[usize]) -> Vec<RawStatement> {
    scan(tokens, breaks, true).0
}

/// The statements ended by a top-level `;`, and how many tokens they take
/// (up to and including the last such `;`). What follows may be an
/// unfinished statement: a caller lexing a file piece by piece keeps it for
/// the next piece.
pub fn split_complete(tokens: &[Token], breaks: &[usize]) -> (Vec<RawStatement>, usize) {
    scan(tokens, breaks, false)
}

/// Every place a whole-file lexing says a statement must end: text that
/// could not be tokenized, and runner section markers (in file order).
pub fn statement_breaks(lexed: &Lexed) -> Vec<usize> {
    let mut breaks = lexed.error_offsets();
    breaks.extend(runner_markers(&lexed.comments));
    breaks.sort_unstable();
    breaks
}

/// Where a migration runner's section marker ends a statement: goose
/// (`-- +goose Up|Down|StatementBegin|StatementEnd`) and dbmate
/// (`-- migrate:up|down`) split files there themselves, so a statement
/// without its `;` before `-- +goose Down` ends at the marker.
pub fn runner_markers(comments: &[Comment]) -> Vec<usize> {
    comments
        .iter()
        .filter(|c| {
            let text = c.text.trim_start();
            text.starts_with("+goose ") || text.starts_with("migrate:")
        })
        .map(|c| c.span.start)
        .collect()
}

fn scan(tokens: &[Token], breaks: &[usize], with_tail: bool) -> (Vec<RawStatement>, usize) {
    let mut statements = Vec::new();
    let mut start = 0;
    let mut block_depth = 0usize;
    let mut has_block_body = false;
    let mut breaks = breaks.iter().peekable();
    for (i, token) in tokens.iter().enumerate() {
        if breaks.next_if(|&&b| b <= token.span.start).is_some() {
            while breaks.next_if(|&&b| b <= token.span.start).is_some() {}
            push(&mut statements, tokens, start..i, None);
            start = i;
            block_depth = 0;
        }
        if i == start {
            has_block_body = starts_block_statement(&tokens[i..]);
        }
        match &token.kind {
            SqlToken::SemiColon if block_depth == 0 => {
                push(&mut statements, tokens, start..i, Some(token.span.clone()));
                start = i + 1;
            }
            SqlToken::Word(w) if has_block_body && w.quote_style.is_none() => match w.keyword {
                Keyword::BEGIN => block_depth += 1,
                Keyword::CASE if block_depth > 0 => block_depth += 1,
                Keyword::END if block_depth > 0 => block_depth -= 1,
                _ => {}
            },
            _ => {}
        }
    }
    let complete = start;
    if with_tail {
        push(&mut statements, tokens, start..tokens.len(), None);
    }
    (statements, complete)
}

fn push(
    statements: &mut Vec<RawStatement>,
    tokens: &[Token],
    range: Range<usize>,
    terminator: Option<Range<usize>>,
) {
    if range.is_empty() {
        return;
    }
    let span = tokens[range.start].span.start..tokens[range.end - 1].span.end;
    statements.push(RawStatement {
        tokens: range,
        span,
        terminator,
    });
}

/// `CREATE [OR REPLACE] [TEMP|TEMPORARY] TRIGGER|FUNCTION|PROCEDURE`: the
/// statements whose body may hold `BEGIN … END` with inner `;`.
fn starts_block_statement(tokens: &[Token]) -> bool {
    let mut keywords = tokens.iter().take(5).map(|t| match &t.kind {
        SqlToken::Word(w) if w.quote_style.is_none() => w.keyword,
        _ => Keyword::NoKeyword,
    });
    if keywords.next() != Some(Keyword::CREATE) {
        return false;
    }
    for keyword in keywords {
        match keyword {
            Keyword::OR | Keyword::REPLACE | Keyword::TEMP | Keyword::TEMPORARY => continue,
            Keyword::TRIGGER | Keyword::FUNCTION | Keyword::PROCEDURE => return true,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::file::SourceFile;
    use crate::syntax::dialect::lint_dialect;
    use crate::syntax::lexer::lex;

    fn statements(text: &str) -> Vec<String> {
        let file = SourceFile::new("t.sql", text);
        let lexed = lex(&file, 0..text.len(), lint_dialect());
        split(&lexed.tokens, &[])
            .into_iter()
            .map(|s| file.text[s.span].to_string())
            .collect()
    }

    #[test]
    fn splits_at_top_level_semicolons_only() {
        let got = statements("SELECT ';' ; -- a; b\n SELECT \"x;y\" /* ; */ ;;\nSELECT $$ a; b $$");
        assert_eq!(got, ["SELECT ';'", "SELECT \"x;y\"", "SELECT $$ a; b $$"]);
    }

    #[test]
    fn trigger_body_with_case_stays_one_statement() {
        let sql = "CREATE TRIGGER t AFTER UPDATE ON a BEGIN\n  UPDATE a SET x = CASE WHEN 1 THEN 2 END;\n  DELETE FROM b;\nEND;\nPRAGMA x;";
        let got = statements(sql);
        assert_eq!(got.len(), 2);
        assert!(got[0].ends_with("END"));
        assert_eq!(got[1], "PRAGMA x");
    }

    #[test]
    fn runner_section_markers_end_a_statement() {
        let sql = "-- +goose Up\nALTER TABLE t ADD c INT\n-- +goose Down\nALTER TABLE t DROP c;\n-- migrate:up\nSELECT 1";
        let file = SourceFile::new("t.sql", sql);
        let lexed = lex(&file, 0..sql.len(), lint_dialect());
        let got: Vec<&str> = split(&lexed.tokens, &runner_markers(&lexed.comments))
            .into_iter()
            .map(|s| &sql[s.span])
            .collect();
        assert_eq!(
            got,
            [
                "ALTER TABLE t ADD c INT",
                "ALTER TABLE t DROP c",
                "SELECT 1"
            ]
        );
    }

    #[test]
    fn transaction_begin_is_not_a_block() {
        assert_eq!(statements("BEGIN; SELECT 1; COMMIT;").len(), 3);
    }
}
