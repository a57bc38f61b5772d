//! `dal-audit verify`: embedded SQLite refused a statement when the set was
//! replayed as its runner runs it. A failure that only follows from an
//! earlier one (a table whose CREATE failed) is reported as `info`.

use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "rejected-by-sqlite",
    group: "engine",
    kind: RuleKind::Engine,
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "SQLite refused the statement when `verify` replayed the set",
    ..Rule::DEFAULT
};
