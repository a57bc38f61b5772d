//! `--format sarif`: SARIF 2.1.0, what GitHub code scanning and other
//! dashboards import. Unlike workflow annotations it has no display limit, and
//! `partialFingerprints` let a dashboard follow a finding across edits.
//!
//! The types below are the subset of the SARIF object model dal-audit fills,
//! serialized with serde (field names are SARIF's, in camelCase).

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::report::streamed::StreamedArray;
use crate::report::{Rendered, Reporter, Summary};
use crate::rules::{self, Rule};
use crate::sources::file::SourceFile;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The key of our fingerprint; bump the version if its recipe ever changes.
const FINGERPRINT_KEY: &str = "dalAudit/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Our columns count characters (SARIF's default is UTF-16 code units).
    column_kind: &'static str,
    /// Always empty: results are streamed into it.
    results: [SarifResult<'a>; 0],
}

const RESULTS: &str = "results";

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    short_description: Text,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: HashMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// The log, opened in `begin`, each file's results written as they come.
#[derive(Default)]
pub struct Sarif {
    results: Option<StreamedArray>,
    /// How often each fingerprint input (by digest) was met so far in the
    /// file being linted in parts: a file's parts are rendered in order, one
    /// such file at a time (`cli::lint_files`).
    parts_occurrences: Mutex<Occurrences>,
}

impl Reporter for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.results = Some(StreamedArray::begin(&log(), RESULTS, out)?);
        Ok(())
    }

    fn render(&self, report: &FileReport) -> io::Result<Rendered> {
        let array = self.results.as_ref().ok_or_else(not_begun)?;
        let mut rendered = Rendered::default();
        // A file linted whole counts on its own; a large file's parts go on
        // counting where the previous part stopped.
        let mut own = Occurrences::default();
        let mut shared;
        let occurrences = match report.part {
            None => &mut own,
            Some(part) => {
                shared = self
                    .parts_occurrences
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                if part == 0 {
                    *shared = Occurrences::default();
                }
                &mut *shared
            }
        };
        // Each result is serialized as it is made: a part has tens of thousands.
        for result in file_results(report, occurrences) {
            array.render_element(&result, &mut rendered)?;
        }
        Ok(rendered)
    }

    fn write(&mut self, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        let array = self.results.as_mut().ok_or_else(not_begun)?;
        array.write_rendered(rendered, out)
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let array = self.results.take().ok_or_else(not_begun)?;
        array.finish(&log(), RESULTS, out)
    }
}

fn not_begun() -> io::Error {
    io::Error::other("the SARIF report was not begun")
}

fn log() -> Log<'static> {
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: driver() },
            column_kind: "unicodeCodePoints",
            results: [],
        }],
    }
}

fn driver() -> Driver {
    Driver {
        name: "dal-audit",
        version: env!("CARGO_PKG_VERSION"),
        semantic_version: env!("CARGO_PKG_VERSION"),
        information_uri: env!("CARGO_PKG_REPOSITORY"),
        rules: rules::all().iter().map(|r| descriptor(r)).collect(),
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.id,
        short_description: Text {
            text: rule.summary.to_string(),
        },
        help_uri: rule.doc_url(),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: std::iter::once(rule.group)
                .chain(rule.targets.iter().map(|e| e.as_str()))
                .collect(),
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// How often each fingerprint input was met so far in a file.
///
/// Almost every input is met once, so only the digests are kept (8 bytes
/// each) and counts only for the inputs met again: a 60 MB file's 836k
/// findings took 110 MB with a count per digest, about 60 MB this way.
#[derive(Default)]
struct Occurrences {
    seen: HashSet<u64>,
    repeats: HashMap<u64, usize>,
}

impl Occurrences {
    /// How many times `input` was met before (0 the first time), counting this time.
    fn next(&mut self, input: &str) -> usize {
        let digest = digest(input);
        if self.seen.insert(digest) {
            return 0;
        }
        let repeats = self.repeats.entry(digest).or_default();
        *repeats += 1;
        *repeats
    }
}

/// `occurrences` counts the fingerprint inputs met earlier in the file.
fn file_results<'a>(
    report: &'a FileReport,
    occurrences: &'a mut Occurrences,
) -> impl Iterator<Item = SarifResult<'a>> {
    let artifact = ArtifactLocation {
        uri: file_uri(&report.file.path),
    };
    report.diagnostics.iter().map(move |d| {
        let key = fingerprint_input(report, d);
        let fingerprint = fingerprint(&key, occurrences.next(&key));
        SarifResult {
            rule_id: d.rule,
            rule_index: rules::all()
                .iter()
                .position(|r| r.id == d.rule)
                .unwrap_or(0),
            level: level(d.severity),
            message: Text {
                text: format!("{}\nhelp: {}", d.message, d.help),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact.clone(),
                    region: region(&report.file, &d.span),
                },
            }],
            partial_fingerprints: HashMap::from([(FINGERPRINT_KEY, fingerprint)]),
            fixes: fixes(d, &artifact),
        }
    })
}

fn region(file: &SourceFile, span: &Range<usize>) -> Region {
    let (start_line, start_column) = file.position(span.start);
    let (end_line, end_column) = file.position(span.end);
    Region {
        start_line: Some(start_line),
        start_column: Some(start_column),
        end_line: Some(end_line),
        end_column: Some(end_column),
        byte_offset: span.start,
        byte_length: span.len(),
    }
}

fn fixes(d: &Diagnostic, artifact: &ArtifactLocation) -> Vec<SarifFix> {
    let Some(fix) = &d.fix else {
        return Vec::new();
    };
    vec![SarifFix {
        description: Text {
            text: fix.message.clone(),
        },
        artifact_changes: [ArtifactChange {
            artifact_location: artifact.clone(),
            replacements: fix
                .edits
                .iter()
                .map(|edit| Replacement {
                    deleted_region: Region {
                        byte_offset: edit.span.start,
                        byte_length: edit.span.len(),
                        ..Region::default()
                    },
                    inserted_content: Text {
                        text: edit.replacement.clone(),
                    },
                })
                .collect(),
        }],
    }]
}

/// What identifies a finding whatever moves around it: the rule, the text of
/// its statement and the flagged text, without whitespace (re-indenting a
/// statement is no new finding). Line
/// numbers are left out on purpose, so inserting a migration line above keeps
/// the fingerprint.
fn fingerprint_input(report: &FileReport, d: &Diagnostic) -> String {
    let file = &report.file;
    let spans = &report.statement_spans;
    let statement = spans
        .partition_point(|s| s.start <= d.span.start)
        .checked_sub(1)
        .map(|i| &spans[i])
        .filter(|s| d.span.start < s.end.max(s.start + 1))
        .and_then(|s| file.slice(s.clone()))
        .unwrap_or("");
    let flagged = file.slice(d.span.clone()).unwrap_or("");
    format!(
        "{}\u{0}{}\u{0}{}",
        d.rule,
        without_whitespace(statement),
        without_whitespace(flagged)
    )
}

/// A finding's fingerprint as a baseline records it: the first
/// occurrence's (a baseline counts repeats instead of numbering them).
pub(crate) fn finding_fingerprint(report: &FileReport, d: &Diagnostic) -> String {
    fingerprint(&fingerprint_input(report, d), 0)
}

/// Same input, same statement, n-th time in the file: the occurrence index
/// keeps two identical findings apart.
fn fingerprint(input: &str, occurrence: usize) -> String {
    let digest = Sha256::new()
        .chain_update(input.as_bytes())
        .chain_update(occurrence.to_le_bytes())
        .finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint input as 64 bits: a large file's counts stay small (two
/// inputs alike in these bits among a file's findings are as unlikely as a
/// collision of 64-bit hashes; it would only number one of them on).
fn digest(input: &str) -> u64 {
    let digest = Sha256::digest(input.as_bytes());
    u64::from_le_bytes(digest[..8].try_into().unwrap_or_default())
}

fn without_whitespace(text: &str) -> String {
    text.split_whitespace().collect()
}

/// A relative URI (resolved by code scanning against the checkout) with `/`
/// separators; characters a URI cannot hold are percent-encoded.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut uri = String::new();
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris() {
        assert_eq!(
            file_uri("./migrations/001 init.sql"),
            "migrations/001%20init.sql"
        );
        assert_eq!(file_uri("migrations\\a.sql"), "migrations/a.sql");
        assert_eq!(file_uri("/tmp/x#1.sql"), "file:///tmp/x%231.sql");
    }

    #[test]
    fn fingerprints_ignore_whitespace_and_count_repeats() {
        assert_eq!(
            without_whitespace("PRAGMA  foreign_keys\n = ON"),
            "PRAGMAforeign_keys=ON"
        );
        assert_ne!(fingerprint("x", 0), fingerprint("x", 1));
        assert_eq!(fingerprint("x", 0).len(), 32);
    }

    #[test]
    fn occurrences_number_each_input_from_zero() {
        let mut occurrences = Occurrences::default();
        let numbered: Vec<usize> = ["a", "b", "a", "a", "b", "c"]
            .iter()
            .map(|input| occurrences.next(input))
            .collect();
        assert_eq!(numbered, [0, 0, 1, 2, 1, 0]);
    }
}
