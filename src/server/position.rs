//! Byte offsets ↔ LSP positions, in the encoding negotiated at `initialize`.
//!
//! dal-audit's spans are byte ranges into the document's text. An LSP
//! position is a line and a column counted in the negotiated unit: UTF-16
//! code units unless the client offers UTF-8 (`general.positionEncodings`).
//! Lines end at `\n`, `\r\n` or `\r`, as the protocol says (sqlparser and the
//! reporters count only `\n`, which is why this index is the server's own).

use lsp_types::{Position, PositionEncodingKind};

/// The unit of an LSP column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), else UTF-16,
    /// which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offers_utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, and where its content ends (before the
/// line break).
#[derive(Debug, Clone)]
pub struct Lines {
    /// `(start, content_end)` of every line, in order; the last line has no break.
    lines: Vec<(usize, usize)>,
    encoding: Encoding,
}

impl Lines {
    pub fn new(text: &str, encoding: Encoding) -> Lines {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let break_len = match bytes[i] {
                b'\n' => 1,
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                b'\r' => 1,
                _ => 0,
            };
            if break_len == 0 {
                i += 1;
                continue;
            }
            lines.push((start, i));
            i += break_len;
            start = i;
        }
        lines.push((start, bytes.len()));
        Lines { lines, encoding }
    }

    /// The position of a byte offset (clamped to the text, and back to the
    /// start of a character it falls inside).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.lines.partition_point(|(start, _)| *start <= offset) - 1;
        let (start, content_end) = self.lines[line];
        // An offset inside a `\r\n` break counts as the end of the line's content.
        let column: usize = text[start..offset.min(content_end)]
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The byte offset of a position. As the protocol asks, a column past the
    /// end of a line means the end of its content and a line past the end of
    /// the text means the end of the text; a column inside a character (half
    /// of a surrogate pair) means that character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&(start, content_end)) = self.lines.get(position.line as usize) else {
            return text.len();
        };
        let wanted = position.character as usize;
        let mut column = 0;
        for (i, c) in text[start..content_end].char_indices() {
            let width = self.encoding.width(c);
            if column + width > wanted {
                return start + i;
            }
            column += width;
        }
        content_end
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The start of the line holding `offset`, and the end of its content.
    pub fn line_around(&self, offset: usize) -> (usize, usize) {
        let line = self.lines.partition_point(|(start, _)| *start <= offset) - 1;
        self.lines[line]
    }

    pub fn range(&self, text: &str, span: &std::ops::Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    // `é` is 2 bytes and 1 UTF-16 unit; `🦀` is 4 bytes and 2 UTF-16 units.
    const TEXT: &str = "SELECT 'é🦀', `x`;\r\nSELECT 2;\rSELECT 3;\n";

    fn at(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn columns_count_utf16_units_or_bytes() {
        let backtick = TEXT.find('`').unwrap();
        let utf16 = Lines::new(TEXT, Encoding::Utf16);
        let utf8 = Lines::new(TEXT, Encoding::Utf8);
        // 8 ASCII characters before `é`, then é (1 unit / 2 bytes), 🦀 (2 / 4), `', ` (3).
        assert_eq!(utf16.position(TEXT, backtick), at(0, 8 + 1 + 2 + 3));
        assert_eq!(utf8.position(TEXT, backtick), at(0, 8 + 2 + 4 + 3));
        assert_eq!(utf16.offset(TEXT, at(0, 14)), backtick);
        assert_eq!(utf8.offset(TEXT, at(0, 17)), backtick);
    }

    #[test]
    fn lines_break_at_crlf_cr_and_lf() {
        let lines = Lines::new(TEXT, Encoding::Utf16);
        let second = TEXT.find("SELECT 2").unwrap();
        let third = TEXT.find("SELECT 3").unwrap();
        assert_eq!(lines.position(TEXT, second), at(1, 0));
        assert_eq!(lines.position(TEXT, third), at(2, 0));
        assert_eq!(lines.offset(TEXT, at(2, 0)), third);
        assert_eq!(lines.position(TEXT, TEXT.len()), at(3, 0));
        // The `\r\n` belongs to no column: its offsets are the end of line 0.
        let cr = TEXT.find('\r').unwrap();
        assert_eq!(lines.position(TEXT, cr + 1), lines.position(TEXT, cr));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let lines = Lines::new(TEXT, Encoding::Utf16);
        let cr = TEXT.find('\r').unwrap();
        assert_eq!(lines.offset(TEXT, at(0, 999)), cr);
        assert_eq!(lines.offset(TEXT, at(99, 0)), TEXT.len());
        assert_eq!(lines.position(TEXT, 10_000), at(3, 0));
    }

    #[test]
    fn a_column_inside_a_character_means_its_start() {
        let crab = TEXT.find('🦀').unwrap();
        let utf16 = Lines::new(TEXT, Encoding::Utf16);
        // 🦀 takes UTF-16 columns 9 and 10: column 10 is its second half.
        assert_eq!(utf16.offset(TEXT, at(0, 10)), crab);
        let utf8 = Lines::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.offset(TEXT, at(0, 12)), crab);
        // A byte offset inside 🦀 is its start too.
        assert_eq!(utf8.position(TEXT, crab + 2), utf8.position(TEXT, crab));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        let utf32 = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&utf32)), Encoding::Utf16);
    }
}
