//! Bytes that are not UTF-8. PostgreSQL rejects them in a UTF-8 database and
//! the Rust drivers read migrations as `&str`; dal-audit lints the rest of the
//! file with each bad byte replaced by U+FFFD (the file itself is untouched).

use std::str::Utf8Error;

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::rules::Rule;
use crate::source::SourceFile;

pub static RULE: Rule = Rule {
    id: "invalid-utf8",
    group: "input",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "the file is not valid UTF-8",
    ..Rule::DEFAULT
};

/// `error` comes from the original bytes; everything before `valid_up_to` is
/// identical in the lossy text, so that offset is exact in both.
pub fn diagnostic(file: &SourceFile, error: Utf8Error) -> Diagnostic {
    let start = error.valid_up_to();
    let end = file.text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!("invalid UTF-8 at byte {start}; the rest of the file was linted with each bad byte shown as U+FFFD"),
        help: "re-save the file as UTF-8".into(),
        targets: RULE.targets.to_vec(),
        span: start..end,
        labels: Vec::new(),
        fix: None,
    }
}
