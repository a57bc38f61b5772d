//! Bytes that are not UTF-8. PostgreSQL rejects them in a UTF-8 database and
//! the Rust drivers read migrations as `&str`; dal-audit lints the rest of the
//! file with each bad byte read as `_` (see `input.rs`), so every span is
//! still a byte range into the file as it is on disk.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "invalid-utf8",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "the file is not valid UTF-8",
    ..Rule::DEFAULT
};

/// One diagnostic for the file, at its first invalid sequence.
pub fn diagnostic(bytes: &[u8], invalid: &[Range<usize>]) -> Option<Diagnostic> {
    let first = invalid.first()?.clone();
    Some(diagnostic_at(first.clone(), &bytes[first], invalid.len()))
}

/// The finding for a file with `count` invalid sequences, the first at
/// `first` made of `first_bytes`.
pub fn diagnostic_at(first: Range<usize>, first_bytes: &[u8], count: usize) -> Diagnostic {
    let hex: Vec<String> = first_bytes.iter().map(|b| format!("0x{b:02X}")).collect();
    let more = match count.saturating_sub(1) {
        0 => String::new(),
        1 => "; 1 more invalid sequence follows".into(),
        n => format!("; {n} more invalid sequences follow"),
    };
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!("invalid UTF-8: {} is not a UTF-8 character{more}", hex.join(" ")).into(),
        help: "re-save the file as UTF-8 (dal-audit linted the rest, reading each bad byte as `_`)"
            .into(),
        targets: std::borrow::Cow::Borrowed(RULE.targets),
        span: first,
        labels: Vec::new(),
        fix: None,
    }
}
