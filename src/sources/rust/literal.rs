//! A Rust string literal's value, with the file offset of every byte of it.
//!
//! SQL is linted on the literal's value (escapes decoded, `\` line
//! continuations removed); `ByteMap` takes each SQL offset back to the
//! bytes of the `.rs` file that wrote it, so findings point into the literal.

use std::ops::Range;

/// A literal's value and where each of its bytes came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub value: String,
    pub map: ByteMap,
}

impl Decoded {
    /// Appends the next literal of a `concat!`: the value runs on, each
    /// byte still mapped to where it was written.
    pub fn append(&mut self, next: Decoded) {
        self.value.push_str(&next.value);
        self.map.starts.pop();
        self.map.starts.extend(next.map.starts);
        self.map.raw &= next.map.raw;
    }
}

/// `starts[i]`: the file offset of the source text that produced value byte
/// `i`; `starts[value.len()]` is where the literal's contents end. A byte
/// written as itself maps one to one; an escape's bytes all map to its `\`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByteMap {
    starts: Vec<usize>,
    /// Whether the literal is raw (`r"…"`, `r#"…"#`): nothing is escaped.
    raw: bool,
}

impl ByteMap {
    /// The file range a value range was written in.
    pub fn file_range(&self, value: Range<usize>) -> Range<usize> {
        let last = self.starts.len() - 1;
        let start = self.starts[value.start.min(last)];
        let end = self.starts[value.end.min(last)];
        start..end.max(start)
    }

    /// The file range of a value range when every byte of it was written as
    /// itself (no escape, no line continuation): only then can an edit of
    /// the value be made in the file.
    pub fn exact_range(&self, value: Range<usize>) -> Option<Range<usize>> {
        let last = self.starts.len() - 1;
        if value.end > last {
            return None;
        }
        let verbatim = (value.start..value.end).all(|i| self.starts[i + 1] == self.starts[i] + 1);
        verbatim.then(|| self.starts[value.start]..self.starts[value.end])
    }

    /// Whether `text` can be written into the literal as it is.
    pub fn accepts(&self, text: &str) -> bool {
        if self.raw {
            !text.contains('"')
        } else {
            !text.contains(['"', '\\'])
        }
    }
}

/// Decodes the literal whose source text is `source`, starting at file
/// offset `at`: `"…"`, `r"…"`, `r#"…"#`, and byte strings. `None` for
/// anything else (a C string, a char).
pub fn decode(source: &str, at: usize) -> Option<Decoded> {
    let unprefixed = source.strip_prefix('b').unwrap_or(source);
    let prefix = source.len() - unprefixed.len();
    if let Some(raw) = unprefixed.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let open = prefix + 1 + hashes + 1;
        let close = source.len().checked_sub(hashes + 1)?;
        let body = source.get(open..close)?;
        let starts = (0..=body.len()).map(|i| at + open + i).collect();
        return Some(Decoded {
            value: body.to_string(),
            map: ByteMap { starts, raw: true },
        });
    }
    let body = unprefixed.strip_prefix('"')?.strip_suffix('"')?;
    Some(unescape(body, at + prefix + 1))
}

/// The value of a non-raw literal's contents `body` (at file offset `at`).
fn unescape(body: &str, at: usize) -> Decoded {
    let mut value = String::with_capacity(body.len());
    let mut starts = Vec::with_capacity(body.len() + 1);
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let offset = at + body.len() - rest.len();
        if c != '\\' {
            for i in 0..c.len_utf8() {
                starts.push(offset + i);
            }
            value.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (decoded, len) = escape(rest);
        if let Some(decoded) = decoded {
            starts.extend(std::iter::repeat_n(offset, decoded.len_utf8()));
            value.push(decoded);
        }
        rest = &rest[len..];
    }
    starts.push(at + body.len());
    Decoded {
        value,
        map: ByteMap { starts, raw: false },
    }
}

/// The character an escape at the start of `text` stands for (`None` for a
/// line continuation) and the escape's length in bytes.
fn escape(text: &str) -> (Option<char>, usize) {
    let bytes = text.as_bytes();
    let simple = |c| (Some(c), 2);
    match bytes.get(1) {
        Some(b'n') => simple('\n'),
        Some(b't') => simple('\t'),
        Some(b'r') => simple('\r'),
        Some(b'0') => simple('\0'),
        Some(b'\\') => simple('\\'),
        Some(b'"') => simple('"'),
        Some(b'\'') => simple('\''),
        Some(b'x') => {
            let hex = text
                .get(2..4)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(code) => (Some(char::from(code)), 4),
                // Not an escape rustc accepts: keep the backslash, shift nothing.
                None => (Some('\\'), 1),
            }
        }
        Some(b'u') => {
            let close = text.find('}').unwrap_or(text.len() - 1);
            let digits = text.get(3..close).unwrap_or("").replace('_', "");
            let c = u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32);
            (c, close + 1)
        }
        Some(b'\n') | Some(b'\r') => {
            // `\` at a line end: the line break and the next line's leading
            // whitespace are not part of the value.
            let after = &text[1..];
            let kept = after.trim_start_matches([' ', '\t', '\n', '\r']);
            (None, 1 + after.len() - kept.len())
        }
        // rustc rejects anything else; keep the byte so nothing shifts.
        _ => (Some('\\'), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file text of each value byte range, through the map.
    fn through(source: &str, at: usize, value_range: Range<usize>) -> String {
        let file = format!("{}{source}", " ".repeat(at));
        let decoded = decode(source, at).unwrap();
        file[decoded.map.file_range(value_range)].to_string()
    }

    #[test]
    fn plain_literals_map_one_to_one() {
        let d = decode("\"SELECT ?1\"", 10).unwrap();
        assert_eq!(d.value, "SELECT ?1");
        assert_eq!(d.map.file_range(7..9), 18..20);
        assert_eq!(d.map.exact_range(7..9), Some(18..20));
        assert_eq!(through("\"SELECT ?1\"", 10, 7..9), "?1");
    }

    #[test]
    fn escapes_map_to_their_backslash_and_are_not_exact() {
        let source = r#""a\n\"b\" \u{e9}\x41 c""#;
        let d = decode(source, 0).unwrap();
        assert_eq!(d.value, "a\n\"b\" éA c");
        assert_eq!(through(source, 0, 2..5), "\\\"b\\\"");
        let e = d.value.find('é').unwrap();
        assert_eq!(through(source, 0, e..e + 2), "\\u{e9}");
        assert_eq!(d.map.exact_range(2..5), None);
        let c = d.value.len() - 1;
        assert_eq!(through(source, 0, c..c + 1), "c");
        assert!(d.map.exact_range(c..c + 1).is_some());
    }

    #[test]
    fn line_continuations_vanish_from_the_value() {
        let source = "\"SELECT a, \\\n        b FROM t\"";
        let d = decode(source, 4).unwrap();
        assert_eq!(d.value, "SELECT a, b FROM t");
        let b = d.value.find('b').unwrap();
        assert_eq!(through(source, 4, b..b + 8), "b FROM t");
    }

    #[test]
    fn raw_strings_keep_every_byte_and_refuse_quotes_in_edits() {
        let source = "r#\"SELECT \"x\"\nFROM t\"#";
        let d = decode(source, 3).unwrap();
        assert_eq!(d.value, "SELECT \"x\"\nFROM t");
        assert_eq!(through(source, 3, 7..10), "\"x\"");
        assert_eq!(d.map.exact_range(0..6), Some(6..12));
        assert!(!d.map.accepts("\"y\""));
        assert!(d.map.accepts("$1"));
        let plain = decode("\"a\"", 0).unwrap();
        assert!(!plain.map.accepts("a\\b"));
    }

    #[test]
    fn multi_byte_characters_map_byte_by_byte() {
        let source = "\"é ?1\"";
        let d = decode(source, 0).unwrap();
        assert_eq!(through(source, 0, 3..5), "?1");
        assert_eq!(d.map.exact_range(0..2), Some(1..3));
    }
}
