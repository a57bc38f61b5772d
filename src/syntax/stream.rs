//! Statement at a time: lexes a file in pieces of about `CHUNK_BYTES` and
//! hands each statement to the caller as soon as it is complete, so memory
//! is bounded by a piece and one statement rather than by the file (sqlparser
//! keeps every token, whitespace included, at 88 bytes each: a 20 MB file
//! would need about 0.8 GB).
//!
//! A piece is cut at a line end. A cut can land inside a string, quoted name,
//! dollar quote or block comment, so only the tokens up to the piece's last
//! top-level `;` are kept: everything before that `;` is tokenized exactly as
//! whole-file lexing would (the tokenizer never looks past the token it is
//! on, and a piece starts where whole-file lexing would have a `;` or a
//! fresh start). The rest is lexed again with the next piece. A piece with
//! no complete statement is retried twice as long, up to the whole file.

use std::ops::{ControlFlow, Range};

use sqlparser::dialect::Dialect;

use crate::sources::file::SourceFile;
use crate::syntax::lexer::{Comment, LexError, Lexed, Token, lex_range, record_error};
use crate::syntax::splitter::{RawStatement, runner_markers, split, split_complete};

/// Large enough that tokenizer start-up and re-lexing the tail of a piece
/// cost little; small enough that a piece's tokens take a few MB.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// Where the range given to `for_each_statement` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamEnd {
    /// At the end of the file: every statement is handed over, an
    /// unfinished one too, and tokenizer errors are reported.
    File,
    /// Somewhere in the file (a part of a large file, see `parts.rs`): only
    /// the statements before the last *cut* are handed over. A cut is the
    /// line start after a statement's `;` with nothing but spaces between
    /// (so a comment on the statement's line stays with it), followed by
    /// `lines_after` whole lines inside the range (the part's reports show
    /// them around a finding).
    Open { lines_after: usize },
}

/// Calls `on_statement(tokens, statement, comments)` for each statement of
/// `range` in order; `statement.tokens` indexes `tokens`, and `comments` are
/// those after the previous statement's end up to this statement's end.
/// Returns the tokenizer errors and the comments after the last statement
/// (or, with `StreamEnd::Open`, where the statements handed over end).
pub fn for_each_statement(
    file: &SourceFile,
    range: Range<usize>,
    dialect: &dyn Dialect,
    stream_end: StreamEnd,
    mut on_statement: impl FnMut(&mut [Token], &RawStatement, &[Comment]),
) -> Streamed {
    let each = |tokens: &mut [Token], statement: &RawStatement, comments: &[Comment]| {
        on_statement(tokens, statement, comments);
        ControlFlow::Continue(())
    };
    for_each_statement_until(file, range, dialect, stream_end, each)
}

/// `for_each_statement` until `on_statement` breaks: nothing after that
/// statement is lexed (a reader that needs only a file's first few
/// statements pays for those alone).
pub fn for_each_statement_until(
    file: &SourceFile,
    range: Range<usize>,
    dialect: &dyn Dialect,
    stream_end: StreamEnd,
    mut on_statement: impl FnMut(&mut [Token], &RawStatement, &[Comment]) -> ControlFlow<()>,
) -> Streamed {
    let mut errors = Vec::new();
    let mut pending = Lexed::default();
    let mut buf = Vec::new();
    let mut position = range.start;
    let mut chunk = chunk_bytes();
    while position < range.end {
        let end = piece_end(&file.text, position, chunk, range.end);
        let kept = (pending.tokens.len(), pending.comments.len());
        let result = lex_range(file, position..end, dialect, &mut buf, &mut pending);
        if end < range.end || stream_end != StreamEnd::File {
            let (statements, complete) =
                split_complete(&pending.tokens, &runner_markers(&pending.comments));
            let resume = match stream_end {
                StreamEnd::File => (complete > kept.0)
                    .then(|| (statements.len(), pending.tokens[complete - 1].span.end)),
                StreamEnd::Open { lines_after } => {
                    last_cut(&file.text[..range.end], &statements, lines_after)
                }
            };
            if let Some((count, resume)) = resume {
                if emit(&mut pending, &statements[..count], &mut on_statement).is_break() {
                    return Streamed::stopped(errors);
                }
                pending.tokens.clear();
                pending.comments.clear();
                position = resume;
                chunk = chunk_bytes();
            } else {
                pending.tokens.truncate(kept.0);
                pending.comments.truncate(kept.1);
                if end == range.end {
                    break;
                }
                chunk = chunk.saturating_mul(2);
            }
            continue;
        }
        let Err(broken) = result else {
            break;
        };
        // A real tokenizer error: report it and hand over everything before
        // it, the unfinished statement included: a statement never runs
        // across text that could not be read (lexing resumes on the next line).
        let resume = record_error(file, broken, range.end, &mut pending);
        errors.append(&mut pending.errors);
        let statements = split(&pending.tokens, &runner_markers(&pending.comments));
        let ControlFlow::Continue(trailing) = emit(&mut pending, &statements, &mut on_statement)
        else {
            return Streamed::stopped(errors);
        };
        pending.tokens.clear();
        pending.comments.drain(..pending.comments.len() - trailing);
        match resume {
            Some(next) if next > position => position = next,
            _ => break,
        }
        chunk = chunk_bytes();
    }
    if stream_end != StreamEnd::File {
        return Streamed {
            cut: (position > range.start).then_some(position),
            ..Streamed::default()
        };
    }
    let statements = split(&pending.tokens, &runner_markers(&pending.comments));
    let ControlFlow::Continue(trailing) = emit(&mut pending, &statements, &mut on_statement) else {
        return Streamed::stopped(errors);
    };
    let trailing_comments = pending
        .comments
        .split_off(pending.comments.len() - trailing);
    Streamed {
        errors,
        trailing_comments,
        cut: None,
    }
}

/// What `for_each_statement` hands back after the last statement.
#[derive(Debug, Default)]
pub struct Streamed {
    /// The tokenizer errors, in order.
    pub errors: Vec<LexError>,
    /// Comments after the last statement (an `allow-file` at the end, say).
    pub trailing_comments: Vec<Comment>,
    /// With `StreamEnd::Open`: the last cut, if there was one.
    pub cut: Option<usize>,
}

impl Streamed {
    /// What a stream stopped by its reader hands back: the errors so far.
    fn stopped(errors: Vec<LexError>) -> Streamed {
        Streamed {
            errors,
            ..Streamed::default()
        }
    }
}

/// The last statement of `statements` (complete ones) followed by a cut in
/// `text`: how many statements to hand over, and the cut.
fn last_cut(text: &str, statements: &[RawStatement], lines_after: usize) -> Option<(usize, usize)> {
    statements
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, statement)| {
            let terminator = statement.terminator.as_ref()?;
            let rest = &text.as_bytes()[terminator.end..];
            let blank = rest
                .iter()
                .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r'));
            let newline = terminator.end + blank.count();
            if text.as_bytes().get(newline) != Some(&b'\n') {
                return None;
            }
            let cut = newline + 1;
            let whole_lines = text.as_bytes()[cut..].iter().filter(|&&b| b == b'\n');
            (whole_lines.take(lines_after).count() == lines_after).then_some((i + 1, cut))
        })
}

#[cfg(not(test))]
fn chunk_bytes() -> usize {
    CHUNK_BYTES
}

/// Tests force tiny pieces, so that every kind of cut gets exercised.
#[cfg(test)]
fn chunk_bytes() -> usize {
    tests::CHUNK_OVERRIDE
        .with(|c| c.get())
        .unwrap_or(CHUNK_BYTES)
}

/// The end of the line reached `chunk` bytes after `start`, or `end`.
fn piece_end(text: &str, start: usize, chunk: usize, end: usize) -> usize {
    let from = start.saturating_add(chunk);
    if from >= end {
        return end;
    }
    text.as_bytes()[from..end]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(end, |i| from + i + 1)
}

/// Hands each statement over with its comments; returns how many comments
/// at the end of `lexed.comments` came after the last statement.
fn emit(
    lexed: &mut Lexed,
    statements: &[RawStatement],
    on_statement: &mut impl FnMut(&mut [Token], &RawStatement, &[Comment]) -> ControlFlow<()>,
) -> ControlFlow<(), usize> {
    let mut comments = lexed.comments.as_slice();
    for statement in statements {
        let end = statement
            .terminator
            .as_ref()
            .map_or(statement.span.end, |t| t.end);
        let count = comments.iter().take_while(|c| c.span.start < end).count();
        on_statement(&mut lexed.tokens, statement, &comments[..count])?;
        comments = &comments[count..];
    }
    ControlFlow::Continue(comments.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dialect::lint_dialect;
    use crate::syntax::lexer::lex;
    use crate::syntax::splitter::statement_breaks;

    /// Statements (text and token texts) and errors.
    type Outcome = (Vec<(String, Vec<String>)>, Vec<(Range<usize>, String)>);

    /// What whole-file lexing gives.
    fn whole(file: &SourceFile) -> Outcome {
        let lexed = lex(file, 0..file.text.len(), lint_dialect());
        let statements = split(&lexed.tokens, &statement_breaks(&lexed))
            .iter()
            .map(|s| describe(file, &lexed.tokens, s))
            .collect();
        let errors = lexed
            .errors
            .iter()
            .map(|e| (e.span.clone(), e.message.clone()))
            .collect();
        (statements, errors)
    }

    fn describe(file: &SourceFile, tokens: &[Token], s: &RawStatement) -> (String, Vec<String>) {
        let texts = tokens[s.tokens.clone()]
            .iter()
            .map(|t| {
                format!(
                    "{}@{:?}{:?}",
                    &file.text[t.span.clone()],
                    t.span,
                    t.location
                )
            })
            .collect();
        (file.text[s.span.clone()].to_string(), texts)
    }

    #[test]
    fn a_reader_that_has_seen_enough_stops_the_stream() {
        let text = "SELECT 1;\nSELECT 2;\nSELECT 3;\n".repeat(20_000);
        let file = SourceFile::new("t.sql", text.as_str());
        let mut seen = Vec::new();
        let streamed = for_each_statement_until(
            &file,
            0..text.len(),
            lint_dialect(),
            StreamEnd::File,
            |_, statement, _| {
                seen.push(file.text[statement.span.clone()].to_string());
                if seen.len() == 2 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(seen, ["SELECT 1", "SELECT 2"]);
        assert!(streamed.errors.is_empty() && streamed.trailing_comments.is_empty());
    }

    fn streamed(file: &SourceFile, chunk: usize) -> Outcome {
        let mut statements = Vec::new();
        let errors = for_each_statement_with(file, chunk, |tokens, s, _| {
            statements.push(describe(file, tokens, s));
        });
        let errors = errors
            .iter()
            .map(|e| (e.span.clone(), e.message.clone()))
            .collect();
        (statements, errors)
    }

    /// The same as `for_each_statement`, with a tiny piece size to force many cuts.
    fn for_each_statement_with(
        file: &SourceFile,
        chunk: usize,
        f: impl FnMut(&mut [Token], &RawStatement, &[Comment]),
    ) -> Vec<LexError> {
        CHUNK_OVERRIDE.with(|c| c.set(Some(chunk)));
        let streamed =
            for_each_statement(file, 0..file.text.len(), lint_dialect(), StreamEnd::File, f);
        CHUNK_OVERRIDE.with(|c| c.set(None));
        streamed.errors
    }

    thread_local! {
        pub static CHUNK_OVERRIDE: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    }

    const TRICKY: &str = "-- lead ; comment\nSELECT 'a;\nb' ;\nCREATE TRIGGER t AFTER UPDATE ON a BEGIN\n  UPDATE a SET x = CASE WHEN 1 THEN 2 END;\n  DELETE FROM b;\nEND;\n/* block ;\n comment */ SELECT \"q;\nx\", `é;\n` ; SELECT $$ a;\n b $$;\nPRAGMA x = 1;;\n  SELECT 🎉 FROM t /* tail */";

    #[test]
    fn pieces_give_what_whole_file_lexing_gives() {
        let texts = [
            TRICKY.to_string(),
            format!("{TRICKY};\nSELECT 'unterminated;\nSELECT 2;\nSELECT \"also;\nSELECT 3;"),
            format!("SELECT 1; /* never closed ;\n{TRICKY}"),
            "SELECT 'oops;\nPRAGMA x;".to_string(),
            String::new(),
            "\n\n;\n".to_string(),
        ];
        for text in &texts {
            let file = SourceFile::new("t.sql", text.as_str());
            let want = whole(&file);
            for chunk in [1, 2, 5, 7, 13, 64, 1 << 20] {
                assert_eq!(streamed(&file, chunk), want, "chunk {chunk} on {text:?}");
            }
        }
    }
}
