//! `dal-audit verify`: one set replayed on both engines ends with different
//! schemas (tables, columns, type families, nullability, defaults, keys,
//! indexes, normalized across engines).

use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "schema-differs",
    group: "engine",
    kind: RuleKind::Engine,
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "the same migrations leave SQLite and PostgreSQL with different schemas",
    ..Rule::DEFAULT
};
