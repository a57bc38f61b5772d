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

use crate::lexer::Token;

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
    push(&mut statements, tokens, start..tokens.len(), None);
    statements
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
    use crate::dialect::lint_dialect;
    use crate::lexer::lex;
    use crate::source::SourceFile;

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
    fn transaction_begin_is_not_a_block() {
        assert_eq!(statements("BEGIN; SELECT 1; COMMIT;").len(), 3);
    }
}
