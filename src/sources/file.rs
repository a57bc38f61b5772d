//! One input file in memory: its display path, its text and a line index.
//!
//! Every span in dal-audit is a byte range into `SourceFile::text`. sqlparser
//! reports line/column locations (1-based, columns in `char`s, only `\n` starts
//! a line); `LineIndex` converts them to bytes once, without rescanning the file.
//!
//! A large file is linted in parts (`parts.rs`): a part's `text` is a slice of
//! the file that starts at a line start, `origin` says where. Inside the
//! pipeline offsets index `text` and line numbers are the file's (so parse
//! messages name the file's lines); a `FileReport`'s spans are file offsets,
//! which reporters turn into positions and text with `position` and `slice`.

use std::ops::Range;
use std::sync::Arc;

use sqlparser::tokenizer::Location;

/// A file (or stdin) loaded for linting.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it; it is what every report prints.
    pub path: String,
    /// The text being linted. Shared so that reporters can render snippets
    /// without copying the file.
    pub text: Arc<str>,
    pub lines: LineIndex,
    /// Where `text` starts in the file: zero unless this is a part of a large file.
    pub origin: Origin,
}

/// A part's first byte offset in the file and the file's (1-based) line number there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub byte: usize,
    pub line: usize,
}

impl Default for Origin {
    fn default() -> Self {
        Origin { byte: 0, line: 1 }
    }
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
            origin: Origin::default(),
        }
    }

    /// A part of a file: `text` starts at `origin` (a line start).
    pub fn part(path: impl Into<String>, text: impl Into<Arc<str>>, origin: Origin) -> Self {
        SourceFile {
            origin,
            ..SourceFile::new(path, text)
        }
    }

    /// The file's 1-based line and column (in characters) of an offset into `text`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.line_col(&self.text, offset);
        (line + self.origin.line - 1, column)
    }

    /// The file's 1-based line and column of a file offset (a report's span).
    pub fn position(&self, file_offset: usize) -> (usize, usize) {
        self.line_col(self.local(file_offset))
    }

    /// The text of a file range (a report's span), if this part holds it.
    pub fn slice(&self, file_range: Range<usize>) -> Option<&str> {
        let start = file_range.start.checked_sub(self.origin.byte)?;
        let end = file_range.end.checked_sub(self.origin.byte)?;
        self.text.get(start..end)
    }

    /// The offset into `text` of a file offset (clamped to the part's start).
    pub fn local(&self, file_offset: usize) -> usize {
        file_offset.saturating_sub(self.origin.byte)
    }

    /// Byte offset of a sqlparser location, `None` for `Location(0, 0)` ("unknown").
    pub fn offset(&self, location: Location) -> Option<usize> {
        self.lines
            .offset(&self.text, self.local_location(location)?)
    }

    /// A location with the file's line number as one with the line in `text`.
    fn local_location(&self, location: Location) -> Option<Location> {
        if location.line == 0 {
            return Some(location);
        }
        let line = location.line.checked_sub(self.origin.line as u64 - 1)?;
        (line > 0).then(|| Location::new(line, location.column))
    }

    /// Like `offset`, for locations asked in increasing order: `cursor`
    /// remembers the last point found on a non-ASCII line, so a long line is
    /// walked once rather than once per token (which was quadratic).
    pub fn offset_after(&self, location: Location, cursor: &mut OffsetCursor) -> Option<usize> {
        let location = self.local_location(location)?;
        self.lines.offset_after(&self.text, location, cursor)
    }

    /// Byte range of a sqlparser span; `None` when either end is unknown.
    pub fn range(&self, span: sqlparser::tokenizer::Span) -> Option<Range<usize>> {
        let start = self.offset(span.start)?;
        let end = self.offset(span.end)?;
        (start <= end).then_some(start..end)
    }

    /// The sqlparser location of a byte offset (used to shift re-tokenized slices).
    pub fn location(&self, offset: usize) -> Location {
        let (line, column) = self.line_col(offset);
        Location::new(line as u64, column as u64)
    }
}

/// The last location `offset_after` resolved on a non-ASCII line.
#[derive(Debug, Clone, Copy, Default)]
pub struct OffsetCursor {
    line: u64,
    column: u64,
    byte: usize,
}

/// Start of every line, plus whether the line is pure ASCII (then a column is
/// a byte count and needs no scan).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    line_is_ascii: Vec<bool>,
    /// For each long non-ASCII line (by index, sorted): the byte offset from
    /// the line's start of every `CHECKPOINT`-th character. A column then
    /// costs at most `CHECKPOINT` characters of scanning, not the whole line:
    /// on a minified one-line file, one scan per token was quadratic.
    checkpoints: Vec<(usize, Box<[usize]>)>,
}

const CHECKPOINT: usize = 64;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut line_is_ascii = Vec::new();
        let mut ascii = true;
        for (i, byte) in text.bytes().enumerate() {
            if byte == b'\n' {
                line_starts.push(i + 1);
                line_is_ascii.push(ascii);
                ascii = true;
            } else if byte >= 0x80 {
                ascii = false;
            }
        }
        line_is_ascii.push(ascii);
        let mut index = LineIndex {
            line_starts,
            line_is_ascii,
            checkpoints: Vec::new(),
        };
        for line_index in 0..index.line_starts.len() {
            let start = index.line_starts[line_index];
            let line = &text[start..index.line_end(text, line_index)];
            if !index.line_is_ascii[line_index] && line.len() > CHECKPOINT {
                let marks = line.char_indices().step_by(CHECKPOINT).map(|(b, _)| b);
                index.checkpoints.push((line_index, marks.collect()));
            }
        }
        index
    }

    fn line_checkpoints(&self, line_index: usize) -> &[usize] {
        self.checkpoints
            .binary_search_by_key(&line_index, |(line, _)| *line)
            .map_or(&[], |i| &self.checkpoints[i].1)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 1-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    fn line_end(&self, text: &str, line_index: usize) -> usize {
        self.line_starts
            .get(line_index + 1)
            .map_or(text.len(), |next| next - 1)
    }

    pub fn offset(&self, text: &str, location: Location) -> Option<usize> {
        if location.line == 0 || location.column == 0 {
            return None;
        }
        let line_index = usize::try_from(location.line - 1).ok()?;
        let start = *self.line_starts.get(line_index)?;
        let column = usize::try_from(location.column - 1).ok()?;
        let end = self.line_end(text, line_index);
        if self.line_is_ascii[line_index] {
            return Some((start + column).min(text.len()));
        }
        // Scan from the last checkpoint at or before the column.
        let marks = self.line_checkpoints(line_index);
        let mark = (column / CHECKPOINT).min(marks.len().saturating_sub(1));
        let (skipped_chars, from) = marks
            .get(mark)
            .map_or((0, start), |b| (mark * CHECKPOINT, start + b));
        // A column one past the last char of the line is the line's end
        // (an exclusive span end); anything further is clamped there too.
        Some(
            text[from..end]
                .char_indices()
                .nth(column - skipped_chars)
                .map_or(end, |(byte, _)| from + byte),
        )
    }

    fn offset_after(
        &self,
        text: &str,
        location: Location,
        cursor: &mut OffsetCursor,
    ) -> Option<usize> {
        let line_index = usize::try_from(location.line.checked_sub(1)?).ok()?;
        if location.column == 0 || *self.line_is_ascii.get(line_index)? {
            return self.offset(text, location);
        }
        let (mut column, mut byte) =
            if cursor.line == location.line && cursor.column <= location.column {
                (cursor.column, cursor.byte)
            } else {
                (1, self.line_starts[line_index])
            };
        let end = self.line_end(text, line_index);
        let mut chars = text[byte..end].chars();
        while column < location.column {
            let Some(c) = chars.next() else {
                return Some(end);
            };
            byte += c.len_utf8();
            column += 1;
        }
        *cursor = OffsetCursor {
            line: location.line,
            column,
            byte,
        };
        Some(byte)
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next - 1,
        };
        let start = self.line_starts[line_index];
        let column = if self.line_is_ascii[line_index] {
            offset - start
        } else {
            let marks = self.line_checkpoints(line_index);
            let mark = marks
                .partition_point(|&b| b <= offset - start)
                .saturating_sub(1);
            let (skipped_chars, from) = marks
                .get(mark)
                .map_or((0, start), |b| (mark * CHECKPOINT, start + b));
            skipped_chars + text[from..offset].chars().count()
        };
        (line_index + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_through_locations_on_mixed_text() {
        let text = "ab\nécho 🎉 x\n\nlast";
        let file = SourceFile::new("t.sql", text);
        for (offset, _) in text.char_indices() {
            let location = file.location(offset);
            assert_eq!(file.offset(location), Some(offset), "offset {offset}");
        }
        assert_eq!(file.line_col(text.find('x').unwrap()), (2, 8));
        assert_eq!(file.offset(Location::new(0, 0)), None);
    }

    #[test]
    fn offset_after_agrees_with_offset_in_any_order() {
        let text = "ab\nécho 🎉 x ü\n\nlast é";
        let file = SourceFile::new("t.sql", text);
        let mut cursor = OffsetCursor::default();
        for line in [1, 2, 2, 2, 3, 4, 4, 2, 4] {
            for column in [1, 2, 5, 3, 7, 9, 40] {
                let location = Location::new(line, column);
                assert_eq!(
                    file.offset_after(location, &mut cursor),
                    file.offset(location),
                    "{location:?}"
                );
            }
        }
    }

    #[test]
    fn long_non_ascii_lines_convert_like_a_full_scan() {
        let text = format!("x\n{}\nend", "é, 🎉 ab ".repeat(100));
        let file = SourceFile::new("t.sql", text.as_str());
        let line = &text[2..text.len() - 4];
        for (column, (byte, _)) in line.char_indices().enumerate() {
            let location = Location::new(2, column as u64 + 1);
            assert_eq!(file.offset(location), Some(2 + byte), "column {column}");
            assert_eq!(file.line_col(2 + byte), (2, column + 1), "byte {byte}");
        }
        let past_end = Location::new(2, line.chars().count() as u64 + 5);
        assert_eq!(file.offset(past_end), Some(text.len() - 4));
    }
}
