//! A UTF-8 byte-order mark (EF BB BF) at the start of a file. SQLite skips it;
//! PostgreSQL's lexer reads it as part of the first word (`syntax error at or
//! near "﻿CREATE"`) when a driver sends the file as is, which sqlx does.
//! Only `psql -f` strips it.

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "byte-order-mark",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "the file starts with a UTF-8 byte-order mark, which PostgreSQL rejects",
    ..Rule::DEFAULT
};

pub const BOM: &str = "\u{feff}";

pub fn diagnostic(text: &str) -> Option<Diagnostic> {
    text.starts_with(BOM).then(|| Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: "the file starts with a UTF-8 byte-order mark (EF BB BF), which PostgreSQL reads as part of the first word".into(),
        help: "save the file as UTF-8 without a BOM (before the migration is first applied: sqlx checksums the bytes)".into(),
        targets: std::borrow::Cow::Borrowed(RULE.targets),
        span: 0..BOM.len(),
        labels: Vec::new(),
        fix: None,
    })
}
