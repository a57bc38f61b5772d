//! Large files, linted in parts so that memory does not grow with the file.
//!
//! A file over `PART_BYTES` is never read whole: each part is a window of the
//! file read from disk (seek and read), linted, and handed to the caller as
//! an ordinary `FileReport` before the next window is read. Its findings
//! (about ten times the text's size) and its text are dropped once written.
//!
//! Where a part ends: after the last statement of the window that ends with
//! a `;` followed only by spaces up to its line end (`StreamEnd::Open`), so
//! a comment on the statement's line (`PRAGMA x; -- dal-audit: allow(…)`)
//! stays with it, and what follows starts afresh exactly as whole-file
//! lexing would have it. A window without such a statement is read again
//! twice as large (one huge statement is one part).
//!
//! What makes the parts' output the whole file's, byte for byte:
//! - a part's `SourceFile` knows its `Origin` (first byte and line in the
//!   file), so every report carries file offsets and file lines;
//! - a part's text holds `CONTEXT_LINES` whole lines before and after the
//!   text it lints, the lines the human format shows around a finding;
//! - what is decided on the whole file is decided once, by a first scan of
//!   its bytes (`FileFacts`): binary or not, NUL bytes and invalid UTF-8
//!   (counted over the file, reported in the part holding the first), the
//!   byte-order mark (first part only);
//! - `allow-file(…)` covers the whole file: when the bytes contain
//!   `allow-file(` at all, a first pass over the parts finds the directives
//!   and which rules report anything (`FileAllows`), then the parts are linted;
//! - the summary counts the file once (`FileReport::part`).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::lint::stack::on_lint_stack;
use crate::lint::suppress::{FileAllows, file_allow_ids};
use crate::lint::{
    FileReport, LintOptions, LintedStatements, file_start_findings, finish, keep_targeted,
    lint_statements,
};
use crate::rules::input::{invalid_utf8, nul_byte};
use crate::sources::file::{Origin, SourceFile};
use crate::sources::input;
use crate::sources::load::{lint_shared, read_shared};
use crate::syntax::stream::StreamEnd;

/// Files up to this size are linted whole; larger ones in parts of about
/// this size. A part's findings take about ten times its text.
pub const PART_BYTES: usize = 1 << 20;

/// Whole lines a part holds around the text it lints: the human format
/// shows a finding with miette's one line of context, read with one more
/// line on each side (`report/snippet.rs`); one more keeps a margin.
pub const CONTEXT_LINES: usize = 3;

/// How much of the file the first scan reads at a time.
const SCAN_BLOCK: usize = 1 << 20;

/// What can be found only in an `allow-file` directive.
const ALLOW_FILE: &[u8] = b"allow-file(";

/// Why `for_each_part` stopped early.
#[derive(Debug)]
pub enum PartsError<E> {
    /// The file could not be read.
    Unreadable(io::Error),
    /// `on_part` returned this error.
    Stopped(E),
}

impl<E> From<io::Error> for PartsError<E> {
    fn from(error: io::Error) -> Self {
        PartsError::Unreadable(error)
    }
}

/// Whether `for_each_part` lints this file in parts (it is larger than `PART_BYTES`).
pub fn in_parts(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > PART_BYTES as u64)
}

/// Lints the file at `path` and hands its report to `on_part`: one report
/// for a file up to `PART_BYTES`, else one per part, in file order, each
/// handed over before the next part is read.
pub fn for_each_part<E>(
    path: &Path,
    options: &LintOptions,
    on_part: impl FnMut(FileReport) -> Result<(), E>,
) -> Result<(), PartsError<E>> {
    for_each_part_sized(path, options, PART_BYTES, on_part)
}

/// `for_each_part` with another part size (tests force tiny parts).
pub(crate) fn for_each_part_sized<E>(
    path: &Path,
    options: &LintOptions,
    part_bytes: usize,
    mut on_part: impl FnMut(FileReport) -> Result<(), E>,
) -> Result<(), PartsError<E>> {
    let name = path.to_string_lossy();
    let mut file = File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
    let facts = if len > part_bytes {
        Some(FileFacts::scan(&mut file)?)
    } else {
        None
    };
    let Some(facts) = facts.filter(|facts| !facts.binary) else {
        // Small, or binary (reported from its first bytes, never linted).
        let report = lint_shared(&name, read_shared(path)?, options);
        return on_part(report).map_err(PartsError::Stopped);
    };
    let mut parts = Parts {
        file,
        name: &name,
        len,
        part_bytes,
        facts: &facts,
        options,
    };
    let file_allows = if facts.may_allow_file {
        Some(parts.survey()?)
    } else {
        None
    };
    let mut part = 0;
    parts.walk(|(file, diagnostics, statements)| {
        let mut report = finish(
            file,
            diagnostics,
            &statements,
            options,
            file_allows.as_ref(),
        );
        report.part = Some(part);
        part += 1;
        on_part(report)
    })
}

/// What is decided on the whole file, from one scan of its bytes.
struct FileFacts {
    binary: bool,
    /// `nul-byte` and `invalid-utf8` with file offsets, for the part holding them.
    findings: Vec<Diagnostic>,
    /// Whether the bytes contain `allow-file(` anywhere.
    may_allow_file: bool,
}

impl FileFacts {
    fn scan(file: &mut File) -> io::Result<Self> {
        file.seek(SeekFrom::Start(0))?;
        let mut block = vec![0; SCAN_BLOCK];
        let mut utf8 = Utf8Scan::default();
        let (mut nuls, mut first_nul) = (0, None);
        let mut binary = false;
        let mut may_allow_file = false;
        let mut tail = Vec::new();
        let mut at = 0;
        loop {
            let read = read_full(file, &mut block)?;
            let bytes = &block[..read];
            if at == 0 {
                binary = input::binary_evidence(bytes).is_some();
            }
            if read == 0 || binary {
                break;
            }
            nuls += bytes.iter().filter(|&&b| b == 0).count();
            first_nul = first_nul.or_else(|| Some(at + bytes.iter().position(|&b| b == 0)?));
            utf8.feed(bytes, at, read < block.len());
            tail.extend_from_slice(&bytes[..bytes.len().min(ALLOW_FILE.len())]);
            may_allow_file |= contains(&tail, ALLOW_FILE) || contains(bytes, ALLOW_FILE);
            tail = bytes[bytes.len().saturating_sub(ALLOW_FILE.len())..].to_vec();
            at += read;
        }
        utf8.feed(&[], at, true);
        let mut findings: Vec<Diagnostic> = utf8.finding().into_iter().collect();
        findings.extend(first_nul.map(|first| nul_byte::diagnostic_at(first, nuls)));
        Ok(FileFacts {
            binary,
            findings,
            may_allow_file,
        })
    }
}

/// Invalid UTF-8 counted block by block as a whole-file decode counts it:
/// an invalid sequence at a block's end may be the start of a character
/// completed by the next block, so it is decoded again with that block.
#[derive(Default)]
struct Utf8Scan {
    carried: Vec<u8>,
    first: Option<(Range<usize>, Vec<u8>)>,
    count: usize,
}

impl Utf8Scan {
    /// `bytes` start at file offset `at`; `last` when no bytes follow.
    fn feed(&mut self, bytes: &[u8], at: usize, last: bool) {
        let mut buffer = std::mem::take(&mut self.carried);
        let start = at - buffer.len();
        buffer.extend_from_slice(bytes);
        let mut offset = start;
        let mut chunks = buffer.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            offset += chunk.valid().len();
            let bad = chunk.invalid();
            if bad.is_empty() {
                continue;
            }
            if !last && chunks.peek().is_none() {
                self.carried = bad.to_vec();
                return;
            }
            self.count += 1;
            self.first
                .get_or_insert_with(|| (offset..offset + bad.len(), bad.to_vec()));
            offset += bad.len();
        }
    }

    fn finding(&self) -> Option<Diagnostic> {
        let (first, bytes) = self.first.clone()?;
        Some(invalid_utf8::diagnostic_at(first, &bytes, self.count))
    }
}

/// Reads until `buffer` is full or the file ends; returns the bytes read.
fn read_full(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A part linted, before its suppressions: its file, findings and statements.
type LintedPart = (SourceFile, Vec<Diagnostic>, LintedStatements);

/// A large file being read part by part.
struct Parts<'a> {
    file: File,
    name: &'a str,
    len: usize,
    part_bytes: usize,
    facts: &'a FileFacts,
    options: &'a LintOptions,
}

impl Parts<'_> {
    /// The first pass: the file's `allow-file` directives, and which rules
    /// report anything in the file.
    fn survey(&mut self) -> io::Result<FileAllows> {
        let mut allows = FileAllows::default();
        let options = self.options;
        self.walk(|(file, mut diagnostics, statements)| {
            keep_targeted(&mut diagnostics, options);
            for d in diagnostics {
                if !allows.reported.contains(&d.rule) {
                    allows.reported.push(d.rule);
                }
            }
            allows
                .ids
                .extend(file_allow_ids(&file, &statements.comments));
            Ok::<(), io::Error>(())
        })
        .map_err(|error| match error {
            PartsError::Unreadable(error) | PartsError::Stopped(error) => error,
        })?;
        Ok(allows)
    }

    /// Lints the file part by part, handing each to `on_part`.
    fn walk<E>(
        &mut self,
        mut on_part: impl FnMut(LintedPart) -> Result<(), E>,
    ) -> Result<(), PartsError<E>> {
        let mut origin = Origin::default();
        let mut lint_start = 0;
        let mut window = self.part_bytes.max(1);
        loop {
            let (text, at_end) = self.read_window(origin.byte, lint_start, window)?;
            let Some(text) = text else {
                window = window.saturating_mul(2);
                continue;
            };
            let file = SourceFile::part(self.name, text, origin);
            let Some(linted) = self.lint_part(file, lint_start - origin.byte, at_end) else {
                window = window.saturating_mul(2);
                continue;
            };
            let next = linted.2.cut.filter(|_| !at_end).map(|cut| {
                let file = &linted.0;
                (file.origin.byte + cut, context_start(file, cut))
            });
            on_part(linted).map_err(PartsError::Stopped)?;
            let Some(next) = next else {
                return Ok(());
            };
            (lint_start, origin) = next;
            window = self.part_bytes.max(1);
        }
    }

    /// The file's text from `from` to the last line end within `window`
    /// bytes after `lint_start` (or to the file's end); `None` when that
    /// holds no line end; and whether it reaches the file's end.
    fn read_window(
        &mut self,
        from: usize,
        lint_start: usize,
        window: usize,
    ) -> io::Result<(Option<String>, bool)> {
        let end = lint_start.saturating_add(window).min(self.len);
        let mut bytes = vec![0; end - from];
        self.file.seek(SeekFrom::Start(from as u64))?;
        self.file.read_exact(&mut bytes)?;
        let at_end = end == self.len;
        if !at_end {
            let Some(last_newline) = bytes[lint_start - from..].iter().rposition(|&b| b == b'\n')
            else {
                return Ok((None, false));
            };
            bytes.truncate(lint_start - from + last_newline + 1);
        }
        // Cut at line starts, every UTF-8 sequence is decoded as in the whole file.
        let text =
            String::from_utf8(bytes).unwrap_or_else(|error| input::decode(error.as_bytes()).text);
        Ok((Some(text), at_end))
    }

    /// Lints `file.text` from `start` to its last cut (or its end at the
    /// file's end); `None` when no statement ends at a cut.
    fn lint_part(&self, file: SourceFile, start: usize, at_end: bool) -> Option<LintedPart> {
        let options = self.options;
        let (diagnostics, linted) = on_lint_stack(|| {
            let mut diagnostics = Vec::new();
            let mut body_start = start;
            if file.origin.byte + start == 0 {
                body_start = file_start_findings(&file.text, &mut diagnostics);
            }
            let end = if at_end {
                StreamEnd::File
            } else {
                StreamEnd::Open {
                    lines_after: CONTEXT_LINES,
                }
            };
            let range = body_start..file.text.len();
            let linted = lint_statements(&file, range, end, options, &mut diagnostics);
            (diagnostics, linted)
        });
        let stop = if at_end { file.text.len() } else { linted.cut? };
        let mut diagnostics = diagnostics;
        let here = file.origin.byte + start..file.origin.byte + stop;
        let set_findings = options.set_findings.for_file(self.name);
        for finding in self.facts.findings.iter().chain(set_findings) {
            if here.contains(&finding.span.start) {
                let mut local = finding.clone();
                local.span =
                    finding.span.start - file.origin.byte..finding.span.end - file.origin.byte;
                diagnostics.push(local);
            }
        }
        Some((file, diagnostics, linted))
    }
}

/// Where the part after a cut starts: `CONTEXT_LINES` lines before the cut
/// (or at the start of this part's text).
fn context_start(file: &SourceFile, cut: usize) -> Origin {
    let (line, _) = file.lines.line_col(&file.text, cut);
    let first = line.saturating_sub(CONTEXT_LINES).max(1);
    let byte = file.lines.line_start(first).unwrap_or(0);
    Origin {
        byte: file.origin.byte + byte,
        line: file.origin.line + first - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{self, Format, Style};

    /// Statements and comments that make cuts hard, in CRLF and LF lines.
    const FRAGMENTS: &[&str] = &[
        "PRAGMA foreign_keys = ON;\n",
        "PRAGMA journal_mode = WAL; -- dal-audit: allow(pragma) WAL for the desktop app\n",
        "-- dal-audit: allow(sqlite-date-function) kept until the move\nSELECT datetime('now');\n",
        "INSERT INTO t (a, b) VALUES\n  ('a; b', 'O''Brien'),\n  ('/* not a comment */', 'é 🎉');\n",
        "SELECT 'a;\nb;\n' AS x, \"q;\nx\" FROM t WHERE a = ?1;\r\n",
        "/* block ;\n comment ; */ SELECT 1;\n",
        "CREATE FUNCTION f() RETURNS int AS $$\n  SELECT 1;\n  SELECT 2;\n$$ LANGUAGE sql;\n",
        "CREATE TRIGGER trg AFTER UPDATE ON t\nFOR EACH ROW\nBEGIN\n  UPDATE t SET x = CASE WHEN 1 THEN 2 END;\n  DELETE FROM u;\nEND;\n",
        "CREATE TABLE w (\r\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\r\n  at TEXT DEFAULT (strftime('%s', 'now'))\r\n);\r\n",
        "SELECT 1; SELECT 2;\n",
        "SELEC broken statement here;\n",
        "\n\n   \n",
        "SELECT `café` FROM ünïcode; -- trailing é\n",
        "SELECT 'has a \0 NUL';\n",
        "SELECT 'latin-1 caf\u{e9}';\n",
        "SELECT x FROM t /* tail */;\n;\n",
    ];

    /// A file built from `FRAGMENTS` in a seeded order, with invalid UTF-8
    /// spliced in and the given start and end.
    fn generated(seed: u64, count: usize, start: &[u8], end: &[u8]) -> Vec<u8> {
        let mut bytes = start.to_vec();
        let mut state = seed;
        for i in 0..count {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let fragment = FRAGMENTS[(state >> 33) as usize % FRAGMENTS.len()];
            if i % 7 == 3 {
                // Latin-1 `é` (invalid UTF-8), and a lone byte before a newline.
                bytes.extend_from_slice(b"SELECT 'caf\xe9', 1 \xf0\x9f;\n");
            }
            if i % 11 == 5 {
                // A line too long for the human format to show whole.
                let long = format!("SELECT ?1, '{}' || ?2;\n", "é x".repeat(1500));
                bytes.extend_from_slice(long.as_bytes());
            }
            bytes.extend_from_slice(fragment.as_bytes());
        }
        bytes.extend_from_slice(end);
        bytes
    }

    /// Every format's output, from reports handed over as the CLI does.
    fn rendered(reports: &[FileReport]) -> Vec<String> {
        let formats = [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Compact,
        ];
        formats
            .iter()
            .map(|&format| {
                // As the CLI does: each report rendered, then written in order.
                let mut out = Vec::new();
                report::write(format, reports, Style { color: false }, &mut out).unwrap();
                String::from_utf8(out).unwrap()
            })
            .collect()
    }

    fn in_parts_of(path: &Path, part_bytes: usize) -> Vec<FileReport> {
        let mut reports = Vec::new();
        let options = LintOptions::default();
        for_each_part_sized(path, &options, part_bytes, |report| {
            reports.push(report);
            Ok::<(), ()>(())
        })
        .unwrap();
        reports
    }

    #[test]
    fn invalid_utf8_counted_in_blocks_is_counted_as_in_one_piece() {
        let bytes = b"a\xe2\x82 \xff\xfe\xf0\x9f\x8e\x89\xc3\xa9x\xf0\x9f\n\xe9";
        let whole = input::decode(bytes).invalid;
        for cut in 0..=bytes.len() {
            let mut scan = Utf8Scan::default();
            scan.feed(&bytes[..cut], 0, false);
            scan.feed(&bytes[cut..], cut, true);
            let first = scan.first.map(|(range, _)| range);
            assert_eq!(
                (first, scan.count),
                (whole.first().cloned(), whole.len()),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn parts_give_what_the_whole_file_gives_in_every_format() {
        let ends: [(&[u8], &[u8]); 5] = [
            (b"", b""),
            (b"\xef\xbb\xbf", b"-- dal-audit: allow-file(numbered-placeholder) bound by sqlx\n"),
            (
                b"-- dal-audit: allow-file(pragma, trigger, merge-statement, no-such-rule) SQLite-only\n",
                b"SELECT 1; /* never closed ;\n",
            ),
            (b"\xef\xbb\xbfPRAGMA a = 1;\n", b"SELECT 'unterminated;\nSELECT 2;\n"),
            (b"/* dal-audit: allow-file(truncate) */\n", b"SELECT 3"),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (seed, (start, end)) in ends.iter().enumerate() {
            let bytes = generated(seed as u64, 60, start, end);
            let path = dir.path().join(format!("f{seed}.sql"));
            std::fs::write(&path, &bytes).unwrap();
            let whole = in_parts_of(&path, usize::MAX);
            assert_eq!(whole.len(), 1);
            assert!(whole[0].diagnostics.len() > 20, "{seed}: too few findings");
            let want = rendered(&whole);
            for part_bytes in [1, 16, 100, 700, 4000] {
                let parts = in_parts_of(&path, part_bytes);
                let statements: usize = parts.iter().map(|r| r.statements).sum();
                assert_eq!(statements, whole[0].statements, "{seed}/{part_bytes}");
                assert_eq!(
                    rendered(&parts),
                    want,
                    "seed {seed}, parts of {part_bytes} bytes"
                );
                if part_bytes <= 100 {
                    assert!(
                        parts.len() > 5,
                        "{seed}/{part_bytes}: {} parts",
                        parts.len()
                    );
                }
            }
        }
    }
}
