//! Tokens with byte spans, from sqlparser's tokenizer.
//!
//! Whitespace is dropped (the parser skips it anyway and it is half of all
//! tokens); comments are kept apart for suppressions. A tokenizer error (an
//! unterminated string, quoted name, dollar quote or block comment) becomes a
//! `LexError`, and tokenizing resumes on the next line so the rest of the file
//! is still linted.

use std::ops::Range;

use sqlparser::dialect::Dialect;
use sqlparser::tokenizer::{
    Location, Span, Token as SqlToken, TokenWithSpan, Tokenizer, Whitespace,
};

use crate::source::SourceFile;

/// A token that is not whitespace or a comment.
#[derive(Debug, Clone)]
pub struct Token {
    pub kind: SqlToken,
    /// Byte range in the file.
    pub span: Range<usize>,
    /// sqlparser's line/column span, handed back to the parser.
    pub location: Span,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub span: Range<usize>,
    /// The comment's text without `--`, `/*` and `*/`.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct LexError {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<Comment>,
    pub errors: Vec<LexError>,
}

impl Lexed {
    /// Where untokenizable text starts: statement boundaries for the splitter.
    pub fn error_offsets(&self) -> Vec<usize> {
        self.errors.iter().map(|e| e.span.start).collect()
    }
}

/// Tokenizes `range` of the file with `dialect`; all spans are file spans.
pub fn lex(file: &SourceFile, range: Range<usize>, dialect: &dyn Dialect) -> Lexed {
    let mut lexed = Lexed::default();
    let mut start = range.start;
    while start < range.end {
        let resume = lex_until_error(file, start..range.end, dialect, &mut lexed);
        match resume {
            Some(next) if next > start => start = next,
            _ => break,
        }
    }
    lexed
}

/// Tokenizes from `range.start`; on a tokenizer error records it and returns
/// where to resume (the next line after the broken token).
fn lex_until_error(
    file: &SourceFile,
    range: Range<usize>,
    dialect: &dyn Dialect,
    lexed: &mut Lexed,
) -> Option<usize> {
    let base = file.location(range.start);
    let mut buf = Vec::new();
    let result = Tokenizer::new(dialect, &file.text[range.clone()])
        .with_unescape(false)
        .tokenize_with_location_into_buf_with_mapper(&mut buf, |token| shift(token, base));
    let broken_token_start = buf
        .last()
        .and_then(|t| file.offset(t.span.end))
        .unwrap_or(range.start);
    for token in buf {
        push_token(file, token, lexed);
    }
    let error = result.err()?;
    let line_end = file.text[broken_token_start..range.end]
        .find('\n')
        .map_or(range.end, |i| broken_token_start + i);
    lexed.errors.push(LexError {
        span: broken_token_start..line_end.max(broken_token_start + 1).min(range.end),
        message: error.message,
    });
    (line_end < range.end).then_some(line_end + 1)
}

fn push_token(file: &SourceFile, token: TokenWithSpan, lexed: &mut Lexed) {
    let Some(span) = file.range(token.span) else {
        return;
    };
    match token.token {
        SqlToken::Whitespace(Whitespace::SingleLineComment { comment, .. }) => {
            lexed.comments.push(Comment {
                span,
                text: comment.trim_end_matches(['\r', '\n']).to_string(),
            })
        }
        SqlToken::Whitespace(Whitespace::MultiLineComment(text)) => {
            lexed.comments.push(Comment { span, text })
        }
        SqlToken::Whitespace(_) | SqlToken::EOF => {}
        kind => lexed.tokens.push(Token {
            kind,
            span,
            location: token.span,
        }),
    }
}

/// Moves a location computed inside a slice that starts at `base` to file coordinates.
pub fn shift_location(location: Location, base: Location) -> Location {
    if location.line == 0 {
        return location;
    }
    if location.line == 1 {
        Location::new(base.line, base.column + location.column - 1)
    } else {
        Location::new(base.line + location.line - 1, location.column)
    }
}

fn shift(mut token: TokenWithSpan, base: Location) -> TokenWithSpan {
    token.span = Span::new(
        shift_location(token.span.start, base),
        shift_location(token.span.end, base),
    );
    token
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::lint_dialect;

    fn lex_all(text: &str) -> (SourceFile, Lexed) {
        let file = SourceFile::new("t.sql", text);
        let lexed = lex(&file, 0..text.len(), lint_dialect());
        (file, lexed)
    }

    #[test]
    fn token_spans_slice_the_source_exactly() {
        let (file, lexed) = lex_all("SELECT `a`, 'é''x', ?1 -- note\nFROM t /* c */;");
        let texts: Vec<&str> = lexed
            .tokens
            .iter()
            .map(|t| &file.text[t.span.clone()])
            .collect();
        assert_eq!(
            texts,
            ["SELECT", "`a`", ",", "'é''x'", ",", "?1", "FROM", "t", ";"]
        );
        let comments: Vec<&str> = lexed.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(comments, [" note", " c "]);
    }

    #[test]
    fn unterminated_string_is_reported_and_the_next_line_still_lexed() {
        let (file, lexed) = lex_all("SELECT 'oops;\nPRAGMA x;");
        assert_eq!(lexed.errors.len(), 1);
        assert_eq!(&file.text[lexed.errors[0].span.clone()], "'oops;");
        assert!(
            lexed
                .tokens
                .iter()
                .any(|t| &file.text[t.span.clone()] == "PRAGMA")
        );
    }

    #[test]
    fn dollar_quoted_body_is_one_token() {
        let (_, lexed) = lex_all("CREATE FUNCTION f() AS $$ BEGIN x; END $$ LANGUAGE plpgsql;");
        assert!(
            lexed
                .tokens
                .iter()
                .any(|t| matches!(t.kind, SqlToken::DollarQuotedString(_)))
        );
        assert_eq!(
            lexed
                .tokens
                .iter()
                .filter(|t| t.kind == SqlToken::SemiColon)
                .count(),
            1
        );
    }
}
