//! A file's bytes before they are SQL text: UTF-8 decoding that keeps every
//! byte offset, and the binary-file check.
//!
//! Every span dal-audit reports is a byte range into the file as it is on
//! disk. A lossy decode (one U+FFFD, three bytes, per bad byte) would shift
//! every offset after the first bad byte, so each byte of an invalid sequence
//! is replaced by one ASCII `_` instead: the text has exactly the file's
//! length, and each valid character sits at its original offset. `_` is an
//! identifier character in every dialect, as a non-ASCII byte is to SQLite's
//! own tokenizer, so a bad byte inside a name keeps the name one token, and
//! inside a string or comment it changes nothing that a rule looks at.

use std::ops::Range;

/// Stands in for each byte of an invalid UTF-8 sequence.
pub const INVALID_BYTE_STAND_IN: char = '_';

/// How much of a file's start the binary check reads (as git does).
const BINARY_SNIFF_LEN: usize = 8000;

/// A file is binary when more than 1 in `BINARY_RATIO` of its first bytes
/// is not text: a stray NUL or Latin-1 `é` in a SQL file stays far below it,
/// random or compressed bytes are far above (about half of them).
const BINARY_RATIO: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The file's text, `bytes.len()` long, invalid bytes replaced one for one.
    pub text: String,
    /// Byte ranges of the invalid UTF-8 sequences, in order.
    pub invalid: Vec<Range<usize>>,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            invalid: Vec::new(),
        };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            invalid.push(text.len()..text.len() + bad.len());
            text.extend(std::iter::repeat_n(INVALID_BYTE_STAND_IN, bad.len()));
        }
    }
    debug_assert_eq!(text.len(), bytes.len());
    Decoded { text, invalid }
}

/// How many of the file's first bytes are not text, when that makes it binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BinaryEvidence {
    pub non_text: usize,
    pub sniffed: usize,
}

/// Whether the file looks binary: NUL, control characters other than
/// whitespace, and invalid UTF-8 are "not text".
pub fn binary_evidence(bytes: &[u8], decoded: &Decoded) -> Option<BinaryEvidence> {
    let sniffed = bytes.len().min(BINARY_SNIFF_LEN);
    let controls = bytes[..sniffed]
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    let invalid: usize = decoded
        .invalid
        .iter()
        .take_while(|r| r.start < sniffed)
        .map(|r| r.end.min(sniffed) - r.start)
        .sum();
    let non_text = controls + invalid;
    (sniffed > 0 && non_text * BINARY_RATIO > sniffed)
        .then_some(BinaryEvidence { non_text, sniffed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_keep_every_offset() {
        let bytes = b"SELECT 'caf\xe9', \xff\xfe x, '\xf0\x9f\x8e\x89';";
        let decoded = decode(bytes);
        assert_eq!(decoded.text.len(), bytes.len());
        assert_eq!(decoded.invalid, [11..12, 15..16, 16..17]);
        assert_eq!(&decoded.text[..15], "SELECT 'caf_', ");
        assert!(decoded.text.ends_with("'🎉';"));
    }

    #[test]
    fn truncated_sequence_at_the_end_is_one_invalid_range() {
        let decoded = decode(b"SELECT 1; \xe2\x82");
        assert_eq!(decoded.invalid, vec![10..12]);
        assert_eq!(decoded.text, "SELECT 1; __");
    }

    #[test]
    fn a_stray_nul_or_latin1_byte_is_not_binary_but_random_bytes_are() {
        let sql = b"CREATE TABLE t (a TEXT);\0\nINSERT INTO t VALUES ('caf\xe9');\n";
        assert_eq!(binary_evidence(sql, &decode(sql)), None);
        let random: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(binary_evidence(&random, &decode(&random)).is_some());
        assert_eq!(binary_evidence(b"", &decode(b"")), None);
    }
}
