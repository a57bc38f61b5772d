//! `CREATE VIEW IF NOT EXISTS`: SQLite's guard for views. PostgreSQL has
//! `CREATE OR REPLACE VIEW` instead, which SQLite in turn lacks.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind, Verb};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "view-if-not-exists",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`CREATE VIEW IF NOT EXISTS` is SQLite-only; drop and re-create the view",
    check,
    triggers: &[Keyword::VIEW],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    if !(head.verb == Verb::Create && head.object == Some(ObjectKind::View)) {
        return;
    }
    let Some(guard) = head.clause(ClauseKind::IfNotExists) else {
        return;
    };
    out.report(
        guard,
        "`CREATE VIEW IF NOT EXISTS` is SQLite-only; PostgreSQL rejects the `IF NOT EXISTS` as a syntax error",
        "write `DROP VIEW IF EXISTS name;` followed by `CREATE VIEW name AS …`: both engines run that pair",
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_the_guard() {
        let sql = "CREATE VIEW if not exists positions AS SELECT 1;";
        assert_eq!(flagged(&super::RULE, sql), ["if not exists"]);
        assert_eq!(
            flagged(
                &super::RULE,
                "CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1;"
            ),
            ["IF NOT EXISTS"]
        );
        assert!(flagged(&super::RULE, "CREATE TABLE IF NOT EXISTS t (a INT);").is_empty());
        assert!(flagged(&super::RULE, "CREATE OR REPLACE VIEW v AS SELECT 1;").is_empty());
    }

    #[test]
    fn flags_the_guard_after_or_replace_too() {
        // PostgreSQL: syntax error at `NOT`; SQLite rejects the `OR` first (`create-or-replace-view`).
        let sql = "CREATE OR REPLACE VIEW IF NOT EXISTS v AS SELECT 1;";
        assert_eq!(flagged(&super::RULE, sql), ["IF NOT EXISTS"]);
    }
}
