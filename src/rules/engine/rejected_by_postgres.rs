//! `dal-audit verify`: PostgreSQL refused a statement when the set was
//! replayed in a scratch database as its runner runs it. A failure that only
//! follows from an earlier one is reported as `info`.

use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "rejected-by-postgres",
    group: "engine",
    kind: RuleKind::Engine,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "PostgreSQL refused the statement when `verify` replayed the set",
    ..Rule::DEFAULT
};
