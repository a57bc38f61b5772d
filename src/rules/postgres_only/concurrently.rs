//! `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`: PostgreSQL builds
//! or drops the index without blocking writes. SQLite has no such option.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "concurrently",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE/DROP INDEX CONCURRENTLY`: SQLite rejects `CONCURRENTLY`",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::CONCURRENTLY],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    if head.ddl_object() != Some(ObjectKind::Index) {
        return;
    }
    let Some(word) = head.clause(ClauseKind::Concurrently) else {
        return;
    };
    // With the spaces after it, so `INDEX CONCURRENTLY i` becomes `INDEX i`.
    let after = &ctx.text(&(word.end..ctx.span.end));
    let end = word.end + after.len() - after.trim_start().len();
    out.report(
        word.clone(),
        "`CONCURRENTLY` is PostgreSQL-only; SQLite rejects it",
        "leave `CONCURRENTLY` out of portable migrations; where a large PostgreSQL table needs it, keep that index in a PostgreSQL-only migration (it cannot run inside a transaction anyway)",
    )
    .with_fix(Fix::removal(
        // Without it PostgreSQL blocks writes to the table while the index builds.
        Applicability::Unsafe,
        "remove `CONCURRENTLY`",
        word.start..end,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_the_word() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a); DROP INDEX CONCURRENTLY i"
            ),
            ["CONCURRENTLY", "CONCURRENTLY"]
        );
        assert_eq!(
            fixed(&RULE, "DROP INDEX CONCURRENTLY IF EXISTS i;"),
            "DROP INDEX IF EXISTS i;"
        );
        assert!(flagged(&RULE, "CREATE INDEX concurrently_idx ON t (a)").is_empty());
    }
}
