//! `dal-audit verify`: the SQLite and PostgreSQL folders of a
//! `[[verify.split]]` end with schemas that differ: one folder got a table
//! or column the other forgot.

use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "schema-drift",
    group: "engine",
    kind: RuleKind::Engine,
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "a split history's SQLite and PostgreSQL folders end with different schemas",
    ..Rule::DEFAULT
};
