//! An engine-specific pool, connection or database type (`SqlitePool`,
//! `PgPool`, `Pool<Sqlite>`, `rusqlite::Connection`…) named outside the
//! configured `storage` modules, imports included: the trait boundary.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RuleKind, Sink};
use crate::sources::rust::scan::Named;

pub static RULE: Rule = Rule {
    id: "concrete-pool-type",
    group: "boundary",
    kind: RuleKind::Rust,
    severity: Severity::Error,
    targets: &[],
    summary: "an engine-specific pool or connection type outside the `storage` modules",
    ..Rule::DEFAULT
};

pub fn diagnostic(named: &Named) -> Diagnostic {
    let mut out = Vec::new();
    Sink::new(&RULE, &mut out).report(
        named.span.clone(),
        format!("`{}` ties this code to one engine outside the storage modules", named.name),
        "depend on the storage trait (or `sqlx::Any`) here and keep engine-specific types inside the `storage` modules, so the other backend stays a drop-in",
    );
    out.pop().expect("just reported")
}
