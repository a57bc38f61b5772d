//! A `miette::SourceCode` that finds a snippet through the line index.
//!
//! miette's own `SourceCode for str` scans the text from its first byte for
//! every snippet it renders, so a report on a large file with many findings
//! costs O(file × findings): minutes on a 60 MB file. This type hands miette
//! only the text from a few lines before the snippet and shifts the result
//! back, which gives miette's exact output for a cost independent of where in
//! the file the snippet is.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::SourceFile;

pub struct IndexedSource {
    file: SourceFile,
    /// miette also breaks lines at a lone `\r`, which the line index does
    /// not; such rare files take miette's full scan to stay exact.
    has_lone_cr: bool,
}

impl IndexedSource {
    pub fn new(file: &SourceFile) -> Self {
        let bytes = file.text.as_bytes();
        let has_lone_cr = bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        IndexedSource {
            file: file.clone(),
            has_lone_cr,
        }
    }
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.file.text.as_bytes();
        if self.has_lone_cr {
            return text.read_span(span, context_lines_before, context_lines_after);
        }
        // Start one line earlier than the context needs, so miette's scan
        // of the window is in the same state at the snippet as a full scan.
        let (line, _) = self.file.line_col(span.offset());
        let skipped_lines = line.saturating_sub(context_lines_before + 2);
        let window_start = self.file.lines.line_start(skipped_lines + 1).unwrap_or(0);
        let local = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let contents =
            text[window_start..].read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + window_start).into(),
                contents.span().len(),
            ),
            contents.line() + skipped_lines,
            contents.column(),
            contents.line_count() + skipped_lines,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(contents: &dyn SpanContents) -> (Vec<u8>, usize, usize, usize, usize, usize) {
        (
            contents.data().to_vec(),
            contents.span().offset(),
            contents.span().len(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )
    }

    #[test]
    fn every_snippet_equals_miettes_full_scan() {
        let texts = [
            "a\nbb\r\nccc\n\ndddd é\neeeee\nf\n\n\ngg\nlast",
            "one line only",
            "x\n",
            "lone\rcarriage\nreturn\n",
        ];
        for text in texts {
            let file = SourceFile::new("t.sql", text);
            let indexed = IndexedSource::new(&file);
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for len in [0, 1, 3, 9] {
                    let span = SourceSpan::new(start.into(), len.min(text.len() - start));
                    for context in [0, 1, 2, 3] {
                        let want = text.as_bytes().read_span(&span, context, context);
                        let got = indexed.read_span(&span, context, context);
                        match (want, got) {
                            (Ok(w), Ok(g)) => {
                                assert_eq!(
                                    snapshot(&*g),
                                    snapshot(&*w),
                                    "{text:?} {span:?} {context}"
                                )
                            }
                            (w, g) => assert_eq!(w.is_ok(), g.is_ok(), "{text:?} {span:?}"),
                        }
                    }
                }
            }
        }
    }
}
