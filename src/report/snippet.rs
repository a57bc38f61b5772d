//! The text miette renders snippets from, bounded for hostile files.
//!
//! miette's own `SourceCode` for a string rescans the file from its start for
//! every snippet and prints whole lines: a minified 60 MB one-line dump with
//! thousands of findings would take hours and print gigabytes. This source
//! finds lines through the file's `LineIndex` and, when the lines around a
//! span are long, shows a window of them around the span instead.

use std::borrow::Cow;
use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::sources::file::SourceFile;

/// Lines around a span are shown whole up to this many bytes in all.
const MAX_CONTEXT: usize = 4096;
/// Bytes shown on each side of a span inside a long line.
const MARGIN: usize = 120;
/// A label longer than this is shown as its start, up to the end of its line.
const MAX_LABEL: usize = 1024;

pub struct Snippets<'a> {
    pub file: &'a SourceFile,
    /// The file's text as shown: `file.text` with every byte of a terminal
    /// control character replaced, so offsets are unchanged.
    shown: Cow<'a, str>,
}

impl<'a> Snippets<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        Snippets {
            file,
            shown: without_terminal_controls(&file.text),
        }
    }
}

/// Characters a terminal acts on instead of printing: an escape sequence in a
/// hostile file could clear the screen or rewrite earlier output, a lone `\r`
/// overwrite the line, a bidirectional override reorder what is shown.
fn is_terminal_control(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// Whether `text` is printable ASCII, tabs and newlines only: by far the
/// common case, told by a byte scan without decoding characters.
fn is_plain(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n'))
}

/// Whether a terminal would act on some character of `text`.
fn has_terminal_control(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_terminal_control(c, chars.peek().copied()) {
            return true;
        }
    }
    false
}

/// `text` with each byte of a terminal control character shown as `?`.
fn without_terminal_controls(text: &str) -> Cow<'_, str> {
    if is_plain(text) || !has_terminal_control(text) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_terminal_control(c, chars.peek().copied()) {
            shown.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// A message for the terminal: control characters quoted from the file are
/// escaped (`\u{1b}`), everything else is kept.
pub fn printable(message: &str) -> Cow<'_, str> {
    if is_plain(message) || !message.chars().any(|c| is_terminal_control(c, Some('\n'))) {
        return Cow::Borrowed(message);
    }
    Cow::Owned(
        message
            .chars()
            .map(|c| {
                if is_terminal_control(c, Some('\n')) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

impl SourceCode for Snippets<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Spans are file offsets, lines the file's: this text is the part
        // of the file at `origin` (all of it unless the file is large).
        let text = &*self.file.text;
        let origin = self.file.origin;
        let start = span
            .offset()
            .checked_sub(origin.byte)
            .ok_or(MietteError::OutOfBounds)?;
        let end = start.saturating_add(span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.local_line(start);
        let last = self.local_line(ceil_boundary(text, end));
        let lines = self.file.lines.line_count();
        // Short lines: miette's own scan, over a few lines only (one more on
        // each side than the context, so that it ends in the same state as a
        // scan of the whole file), which gives exactly miette's output.
        let from_line = first.saturating_sub(context_lines_before + 1).max(1);
        let to_line = (last + context_lines_after + 1).min(lines);
        let nearby = self.line_start(from_line)..(self.line_end(to_line) + 1).min(text.len());
        if nearby.len() <= MAX_CONTEXT {
            let one_line = OneLine {
                start,
                len: span.len(),
                line: first,
            };
            if let Some(contents) =
                self.one_line_contents(one_line, &nearby, context_lines_before, context_lines_after)
            {
                return Ok(Box::new(contents));
            }
            let local = &self.shown.as_bytes()[nearby.clone()];
            let local_span = SourceSpan::new((start - nearby.start).into(), span.len());
            let contents =
                local.read_span(&local_span, context_lines_before, context_lines_after)?;
            let lines_before = from_line - 1 + origin.line - 1;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.file.path.clone(),
                contents.data(),
                SourceSpan::new(
                    (contents.span().offset() + nearby.start + origin.byte).into(),
                    contents.span().len(),
                ),
                contents.line() + lines_before,
                contents.column(),
                contents.line_count() + lines_before,
            )));
        }
        // Long lines: a window of the span's own lines around it.
        let low = match context_lines_before {
            // As miette's sources do: without context before, the contents
            // start at the span, so that their line and column are its.
            0 => start,
            _ => start.saturating_sub(MARGIN).max(self.line_start(first)),
        };
        let high = end
            .saturating_add(MARGIN)
            .min(self.line_end(last))
            .min(low + MAX_CONTEXT)
            .max(start);
        let window = floor_boundary(text, low)..ceil_boundary(text, high);
        let (line, column) = self.file.line_col(window.start);
        let data = &self.shown[window.clone()];
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            data.as_bytes(),
            (window.start + origin.byte..window.end + origin.byte).into(),
            line - 1,
            column - 1,
            data.matches('\n').count() + 1,
        )))
    }
}

/// A span of at least one byte within one line of `text`, and its 1-based line.
#[derive(Clone, Copy)]
struct OneLine {
    start: usize,
    len: usize,
    line: usize,
}

impl Snippets<'_> {
    /// What miette's scan of `nearby` gives, read off the line index instead
    /// (that scan, byte by byte, was a tenth of a run's CPU), for the usual
    /// span: within one line, with no `\r` nearby (miette counts `\r\n` and
    /// a lone `\r` its own ways). `None`: take miette's scan.
    fn one_line_contents(
        &self,
        span: OneLine,
        nearby: &Range<usize>,
        before: usize,
        after: usize,
    ) -> Option<MietteSpanContents<'_>> {
        let text = self.shown.as_bytes();
        let end = span.start + span.len;
        if span.len == 0
            || text[span.start..end].contains(&b'\n')
            || text[nearby.clone()].contains(&b'\r')
        {
            return None;
        }
        let index = span.line - 1;
        // Without context before, the contents start at the span itself.
        let (from, first_line, column) = match before {
            0 => (span.start, index, span.start - self.line_start(span.line)),
            _ => {
                let first_line = index.saturating_sub(before);
                (self.line_start(first_line + 1), first_line, 0)
            }
        };
        // miette counts the newlines it passed: up to the span without
        // context after, else up to the end of the last context line.
        let (to, newlines) = match after {
            0 => (end, index),
            _ => match self.file.lines.line_start(span.line + after + 1) {
                Some(next) => (next, index + after + 1),
                None => (text.len(), self.file.lines.line_count() - 1),
            },
        };
        let origin = self.file.origin;
        Some(MietteSpanContents::new_named(
            self.file.path.clone(),
            &text[from..to],
            (from + origin.byte..to + origin.byte).into(),
            first_line + origin.line - 1,
            column,
            newlines + origin.line - 1,
        ))
    }

    /// The 1-based line of `text` (not of the file) an offset into it is on.
    fn local_line(&self, offset: usize) -> usize {
        self.file.lines.line_col(&self.file.text, offset).0
    }

    /// Where 1-based line `line` of `text` starts.
    fn line_start(&self, line: usize) -> usize {
        self.file
            .lines
            .line_start(line)
            .unwrap_or(self.file.text.len())
    }

    /// Where 1-based line `line` of `text` ends, before its `\n`.
    fn line_end(&self, line: usize) -> usize {
        self.file
            .lines
            .line_start(line + 1)
            .map_or(self.file.text.len(), |next| next - 1)
    }

    /// A label span (file offsets) short enough to draw: a huge one (a 60
    /// MB statement) is shown as its start.
    pub fn label_span(&self, span: &Range<usize>) -> Range<usize> {
        if span.len() <= MAX_LABEL {
            return span.clone();
        }
        let start = self.file.local(span.start);
        let end = self
            .line_end(self.local_line(start))
            .min(start + MAX_LABEL)
            .max(start);
        span.start..floor_boundary(&self.file.text, end) + self.file.origin.byte
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(file: &SourceFile, span: Range<usize>, context: usize) -> (String, usize, usize) {
        let snippets = Snippets::new(file);
        let contents = snippets.read_span(&span.into(), context, context).unwrap();
        let data = String::from_utf8(contents.data().to_vec()).unwrap();
        (data, contents.line(), contents.column())
    }

    #[test]
    fn short_lines_read_exactly_as_miettes_full_scan() {
        let texts = [
            "a;\nSELECT x;\n\nb;\r\nc;\n\n\nd é;\n",
            "CREATE TABLE t (\n  id INTEGER,\n\n  é TEXT\n);\nSELECT 1;\nlast",
            "one line",
            "x\n",
            "",
        ];
        for text in texts {
            let file = SourceFile::new("t.sql", text);
            let snippets = Snippets::new(&file);
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for len in [0, 1, 4, 9].map(|n: usize| n.min(text.len() - start)) {
                    let span = SourceSpan::new(start.into(), len);
                    for context in 0..3 {
                        let want = text.as_bytes().read_span(&span, context, context).unwrap();
                        let got = snippets.read_span(&span, context, context).unwrap();
                        let shape = |c: &dyn SpanContents| {
                            let s = c.span();
                            (
                                c.data().to_vec(),
                                s.offset(),
                                s.len(),
                                c.line(),
                                c.column(),
                                c.line_count(),
                            )
                        };
                        assert_eq!(shape(&*got), shape(&*want), "{text:?} {span:?} {context}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_span() {
        let text = format!(
            "SELECT 1;\n{}é ?1 {};",
            "x".repeat(10_000),
            "y".repeat(10_000)
        );
        let file = SourceFile::new("t.sql", text.as_str());
        let at = text.find("?1").unwrap();
        let (data, line, column) = read(&file, at..at + 2, 2);
        assert!(
            data.contains("é ?1 y") && data.len() < 2 * MARGIN + 10,
            "{data}"
        );
        assert_eq!(line, 1);
        assert_eq!(column, file.line_col(at - MARGIN).1 - 1);
    }

    #[test]
    fn terminal_controls_are_never_shown_raw() {
        let file = SourceFile::new("t.sql", "SELECT \u{1b}[2J 'a\rb' \u{202e}x;\r\n");
        let (data, _, _) = read(&file, 7..8, 1);
        assert_eq!(data, "SELECT ?[2J 'a?b' ???x;\r\n");
        assert_eq!(printable("found: \u{1b}"), "found: \\u{1b}");
        assert_eq!(printable("`?1` is fine"), "`?1` is fine");
    }

    #[test]
    fn a_huge_label_is_cut_to_the_end_of_its_first_line() {
        let text = format!("PRAGMA {}\n{};", "a".repeat(2000), "b".repeat(2000));
        let file = SourceFile::new("t.sql", text.as_str());
        let snippets = Snippets::new(&file);
        assert_eq!(snippets.label_span(&(0..text.len())), 0..MAX_LABEL);
        assert_eq!(snippets.label_span(&(0..7)), 0..7);
    }
}
