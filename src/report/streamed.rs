//! A pretty-printed JSON document written while its one large array is still
//! being produced: the text before the array, then the elements in chunks (a
//! file's worth, rendered ahead on any thread) as they come, then the text
//! after it, byte for byte what `serde_json::to_writer_pretty` writes for the
//! whole document.

use std::io::{self, Write};

use serde::Serialize;

use crate::report::Rendered;

/// serde_json's pretty printer indents each level by two spaces.
const STEP: usize = 2;

pub struct StreamedArray {
    /// The indentation of the line that opens the array.
    indent: usize,
    elements: usize,
}

impl StreamedArray {
    /// Writes `document` up to the `[` of its array `key`, which must be empty.
    pub fn begin(document: &impl Serialize, key: &str, out: &mut dyn Write) -> io::Result<Self> {
        let (head, _) = split(document, key)?;
        out.write_all(head.as_bytes())?;
        let line_start = head.rfind('\n').map_or(0, |i| i + 1);
        let indent = head[line_start..].len() - head[line_start..].trim_start().len();
        Ok(StreamedArray {
            indent,
            elements: 0,
        })
    }

    /// Adds `value` to `chunk`, elements rendered ahead of writing (on any
    /// thread, after `begin`): each at its depth, separated by commas.
    pub fn render_element(&self, value: &impl Serialize, chunk: &mut Rendered) -> io::Result<()> {
        if chunk.items > 0 {
            chunk.bytes.extend_from_slice(b",\n");
        }
        let indent = self.indent + STEP;
        write!(chunk.bytes, "{:indent$}", "")?;
        let out = &mut chunk.bytes;
        serde_json::to_writer_pretty(Indented { out, indent }, value)?;
        chunk.items += 1;
        Ok(())
    }

    /// Writes a rendered chunk after the elements written so far.
    pub fn write_rendered(&mut self, chunk: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        if chunk.items == 0 {
            return Ok(());
        }
        let separator = if self.elements == 0 { "\n" } else { ",\n" };
        out.write_all(separator.as_bytes())?;
        out.write_all(&chunk.bytes)?;
        self.elements += chunk.items;
        Ok(())
    }

    /// Writes the rest of `document` from the `]` of its array `key` (which
    /// must be empty), then a newline.
    pub fn finish(
        self,
        document: &impl Serialize,
        key: &str,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let (_, tail) = split(document, key)?;
        if self.elements > 0 {
            write!(out, "\n{:indent$}", "", indent = self.indent)?;
        }
        writeln!(out, "{tail}")
    }
}

/// `document` as text, cut between the `[` and `]` of its empty array `key`.
fn split(document: &impl Serialize, key: &str) -> io::Result<(String, String)> {
    let text = serde_json::to_string_pretty(document)?;
    // Inside a string a `"` is escaped, so this finds only the key itself.
    let opening = format!("\"{key}\": [");
    let at = text
        .find(&(opening.clone() + "]"))
        .ok_or_else(|| io::Error::other(format!("no empty array `{key}` to stream")))?
        + opening.len();
    let (head, tail) = text.split_at(at);
    Ok((head.to_string(), tail.to_string()))
}

/// Indents every line after the first: an element's own pretty text placed
/// at its depth in the document (a newline inside a JSON string is escaped,
/// so every newline is the printer's).
struct Indented<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(first) = lines.next() {
            self.out.extend_from_slice(first);
        }
        for line in lines {
            self.out.push(b'\n');
            self.out.resize(self.out.len() + self.indent, b' ');
            self.out.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Document<T> {
        head: &'static str,
        nested: [Items<T>; 1],
        tail: u32,
    }

    #[derive(Serialize)]
    struct Items<T> {
        items: T,
    }

    fn document<T>(items: T) -> Document<T> {
        Document {
            head: "\"items\": [] in a string",
            nested: [Items { items }],
            tail: 7,
        }
    }

    fn streamed(values: &[serde_json::Value]) -> String {
        let mut out = Vec::new();
        let mut array = StreamedArray::begin(&document([(); 0]), "items", &mut out).unwrap();
        // Elements rendered one by one and in chunks of two give the same text.
        for pair in values.chunks(2) {
            let mut chunk = Rendered::default();
            for value in pair {
                array.render_element(value, &mut chunk).unwrap();
            }
            array.write_rendered(&chunk, &mut out).unwrap();
            array
                .write_rendered(&Rendered::default(), &mut out)
                .unwrap();
        }
        array.finish(&document([(); 0]), "items", &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn streamed_output_is_serde_jsons_pretty_output() {
        let values = [
            serde_json::json!({"a": [1, {"b": "x\ny"}], "c": {}}),
            serde_json::json!([]),
            serde_json::json!("s"),
        ];
        for n in 0..=values.len() {
            let whole = serde_json::to_string_pretty(&document(&values[..n])).unwrap() + "\n";
            assert_eq!(streamed(&values[..n]), whole, "{n} elements");
        }
    }
}
