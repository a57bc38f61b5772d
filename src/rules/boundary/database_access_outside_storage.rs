//! A database call (sqlx, rusqlite, postgres, diesel) or the opening of a
//! pool or connection in Rust code outside the configured `storage` modules.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RuleKind, Sink};
use crate::sources::rust::scan::Named;

pub static RULE: Rule = Rule {
    id: "database-access-outside-storage",
    group: "boundary",
    kind: RuleKind::Rust,
    severity: Severity::Error,
    targets: &[],
    summary: "a database call outside the `storage` modules",
    ..Rule::DEFAULT
};

pub fn diagnostic(access: &Named) -> Diagnostic {
    let mut out = Vec::new();
    Sink::new(&RULE, &mut out).report(
        access.span.clone(),
        format!("`{}` reaches the database outside the storage modules", access.name),
        "move the query into the storage layer (the `storage` globs of dal-audit.toml) and call it through the storage trait; the storage modules are where each engine's SQL is checked",
    );
    out.pop().expect("just reported")
}
