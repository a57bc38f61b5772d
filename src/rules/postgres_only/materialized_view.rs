//! `CREATE|DROP|ALTER|REFRESH MATERIALIZED VIEW`: SQLite has only plain views.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::ObjectKind;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "materialized-view",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "materialized views: SQLite has only plain views",
    check,
    triggers: &[Keyword::MATERIALIZED],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    if head.object != Some(ObjectKind::MaterializedView) {
        return;
    }
    out.report(
        head.span.clone(),
        "materialized views are PostgreSQL-only; SQLite rejects `MATERIALIZED VIEW`",
        "use a plain VIEW, or a summary table the storage code refreshes explicitly",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_every_verb() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE MATERIALIZED VIEW m AS SELECT 1; REFRESH MATERIALIZED VIEW CONCURRENTLY m; DROP MATERIALIZED VIEW m"
            ),
            [
                "CREATE MATERIALIZED VIEW",
                "REFRESH MATERIALIZED VIEW",
                "DROP MATERIALIZED VIEW"
            ]
        );
        assert!(flagged(&RULE, "CREATE VIEW materialized AS SELECT 1").is_empty());
    }
}
