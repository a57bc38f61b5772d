//! A NUL byte in the SQL text. SQL text crosses C APIs as a NUL-terminated
//! string: psql and the sqlite3 shell silently stop reading at the NUL, so
//! everything after it never runs, and Python's sqlite3 refuses the script.

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "nul-byte",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Error,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "a NUL byte: the engines' tools stop reading the file there",
    ..Rule::DEFAULT
};

/// One diagnostic for the file, at its first NUL byte.
pub fn diagnostic(text: &str) -> Option<Diagnostic> {
    let first = text.bytes().position(|b| b == 0)?;
    Some(diagnostic_at(first, text.bytes().filter(|&b| b == 0).count()))
}

/// The finding for a file with `count` NUL bytes, the first at `first`.
pub fn diagnostic_at(first: usize, count: usize) -> Diagnostic {
    let more = match count.saturating_sub(1) {
        0 => String::new(),
        1 => " (1 more follows)".into(),
        n => format!(" ({n} more follow)"),
    };
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!("NUL byte{more}: psql and the sqlite3 shell stop reading here and silently skip the rest of the file").into(),
        help: "delete the NUL byte(s); if the file is binary, it does not belong among the migrations".into(),
        targets: std::borrow::Cow::Borrowed(RULE.targets),
        span: first..first + 1,
        labels: Vec::new(),
        fix: None,
    }
}
