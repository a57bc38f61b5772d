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
/// are control characters and one is NUL: random or compressed bytes have
/// about 1 in 9, text has almost none. Invalid UTF-8 does not count: a file
/// in a legacy encoding (Latin-1, CP1251) is text, reported by `invalid-utf8`
/// and still linted.
const BINARY_RATIO: usize = 20;

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
    /// UTF-16 text (a byte-order mark, or NUL as every other byte): a
    /// Windows "Unicode" save, which needs re-saving rather than removing.
    pub utf16: bool,
}

/// Whether the file looks binary: NUL and control characters other than
/// whitespace are "not text".
pub fn binary_evidence(bytes: &[u8]) -> Option<BinaryEvidence> {
    let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    let non_text = sniffed
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    // As git does, binary data has a NUL; pasted terminal colours do not.
    if !sniffed.contains(&0) || non_text * BINARY_RATIO <= sniffed.len() {
        return None;
    }
    let nul_at = |parity: usize| {
        sniffed
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sniffed.len() / 2;
    let utf16 = sniffed.starts_with(&[0xff, 0xfe])
        || sniffed.starts_with(&[0xfe, 0xff])
        || nul_at(0) * 10 > half * 9
        || nul_at(1) * 10 > half * 9;
    Some(BinaryEvidence {
        non_text,
        sniffed: sniffed.len(),
        utf16,
    })
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
    fn a_stray_nul_or_legacy_encoding_is_not_binary_but_random_bytes_are() {
        let sql = b"CREATE TABLE t (a TEXT);\0\nINSERT INTO t VALUES ('caf\xe9');\n";
        assert_eq!(binary_evidence(sql), None);
        // Russian comments saved as CP1251: nearly every letter is invalid UTF-8.
        let cp1251 = b"-- \xd1\xee\xe7\xe4\xe0\xf2\xfc \xf2\xe0\xe1\xeb\xe8\xf6\xf3\nCREATE TABLE t (a TEXT);\n";
        assert_eq!(binary_evidence(cp1251), None);
        let random: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(binary_evidence(&random).is_some_and(|e| !e.utf16));
        assert_eq!(binary_evidence(b""), None);
    }

    #[test]
    fn utf16_text_is_binary_and_said_to_be_utf16() {
        let utf16: Vec<u8> = "SELECT 1;\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(binary_evidence(&utf16).is_some_and(|e| e.utf16));
    }
}
