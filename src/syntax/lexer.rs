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

use crate::sources::file::{OffsetCursor, SourceFile};

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
    let mut buf = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let Err(broken) = lex_range(file, start..range.end, dialect, &mut buf, &mut lexed) else {
            break;
        };
        match record_error(file, broken, range.end, &mut lexed) {
            Some(next) if next > start => start = next,
            _ => break,
        }
    }
    lexed
}

/// A tokenizer error: where the broken token starts and what is wrong.
#[derive(Debug)]
pub struct Broken {
    pub start: usize,
    pub message: String,
}

/// Tokenizes `range` and appends its tokens and comments to `lexed`,
/// stopping at a tokenizer error. `buf` is scratch space reused between
/// calls: sqlparser needs every token of the range (whitespace included, 88
/// bytes each) in one vector, so callers keep ranges small.
pub fn lex_range(
    file: &SourceFile,
    range: Range<usize>,
    dialect: &dyn Dialect,
    buf: &mut Vec<TokenWithSpan>,
    lexed: &mut Lexed,
) -> Result<(), Broken> {
    let base = file.location(range.start);
    buf.clear();
    let result = Tokenizer::new(dialect, &file.text[range.clone()])
        .with_unescape(false)
        .tokenize_with_location_into_buf_with_mapper(buf, |token| shift(token, base));
    // An error's own location is often EOF; the end of the last good token
    // is where the broken one starts.
    let broken_token_start = buf
        .last()
        .and_then(|t| file.offset(t.span.end))
        .unwrap_or(range.start);
    let mut cursor = OffsetCursor::default();
    for token in buf.drain(..) {
        push_token(file, token, &mut cursor, lexed);
    }
    result.map_err(|error| Broken {
        start: broken_token_start,
        message: error.message,
    })
}

/// Records a tokenizer error up to the end of its line and returns where to
/// resume (the next line), if anything is left before `end`.
pub fn record_error(
    file: &SourceFile,
    broken: Broken,
    end: usize,
    lexed: &mut Lexed,
) -> Option<usize> {
    let start = broken.start;
    let line_end = file.text[start..end].find('\n').map_or(end, |i| start + i);
    lexed.errors.push(LexError {
        span: start..line_end.max(start + 1).min(end),
        message: broken.message,
    });
    (line_end < end).then_some(line_end + 1)
}

fn push_token(
    file: &SourceFile,
    token: TokenWithSpan,
    cursor: &mut OffsetCursor,
    lexed: &mut Lexed,
) {
    // Half of all tokens are whitespace: drop them before any other work.
    if matches!(
        token.token,
        SqlToken::EOF
            | SqlToken::Whitespace(Whitespace::Space | Whitespace::Newline | Whitespace::Tab)
    ) {
        return;
    }
    let (Some(start), Some(end)) = (
        file.offset_after(token.span.start, cursor),
        file.offset_after(token.span.end, cursor),
    ) else {
        return;
    };
    if start > end {
        return;
    }
    let span = start..end;
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
    use crate::syntax::dialect::lint_dialect;

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
