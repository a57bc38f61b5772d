//! A database call (sqlx, rusqlite, postgres, diesel), the opening of a
//! pool or connection, or a field declared with a database type
//! (`state.pool`) in Rust code outside the configured `storage` modules.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RuleKind, Sink};
use crate::sources::rust::scan::{FieldAccess, Named};

pub static RULE: Rule = Rule {
    id: "database-access-outside-storage",
    group: "boundary",
    kind: RuleKind::Rust,
    severity: Severity::Error,
    targets: &[],
    summary: "a database call or pool outside the `storage` modules",
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

/// `state.pool`, where the project declares `pool` with a database type.
pub fn field_diagnostic(reached: &FieldAccess) -> Diagnostic {
    let field = &reached.field;
    let mut out = Vec::new();
    Sink::new(&RULE, &mut out).report(
        reached.access.span.clone(),
        format!(
            "`{}` reaches the database outside the storage modules (`{}::{}` is a `{}`)",
            reached.access.name, field.owner, field.name, field.type_text
        ),
        "hand this code a storage trait object instead of the pool (the grep step's `state.pool`), and keep the pool inside the storage modules",
    );
    out.pop().expect("just reported")
}
