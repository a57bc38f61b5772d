//! The other PostgreSQL `ALTER TABLE` actions (`OWNER TO`, `SET SCHEMA`,
//! `SET (…)`, `ATTACH PARTITION`, `ENABLE ROW LEVEL SECURITY`, `SET
//! LOGGED`…). SQLite's ALTER TABLE knows only RENAME, ADD COLUMN and DROP
//! COLUMN; the rules next to this one cover constraints, columns and triggers.

use sqlparser::keywords::Keyword;
use crate::syntax::model::ActionKind;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "alter-table-action",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "PostgreSQL-only ALTER TABLE actions (OWNER TO, SET SCHEMA, ATTACH PARTITION…)",
    check,
    // `alter_table()` needs `ALTER TABLE`.
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    for action in table.actions.iter().filter(|a| a.kind == ActionKind::Other) {
        let first = action.tokens.start;
        let head = ctx.text(&ctx.token_span(first, (first + 1).min(action.tokens.end - 1)));
        out.report(
            ctx.token_span(first, action.tokens.end - 1),
            format!("`ALTER TABLE … {head}` is PostgreSQL-only; SQLite's ALTER TABLE knows only RENAME, ADD COLUMN and DROP COLUMN"),
            "leave server administration (owners, schemas, partitions, storage settings) out of the portable migrations; change the table's structure with a table rebuild",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_actions_sqlite_does_not_know() {
        assert_eq!(
            flagged(&RULE, "ALTER TABLE t OWNER TO app; ALTER TABLE ONLY p ATTACH PARTITION c FOR VALUES IN (1)"),
            ["OWNER TO app", "ATTACH PARTITION c FOR VALUES IN (1)"]
        );
    }

    #[test]
    fn sqlite_actions_and_the_other_rules_actions_stay_silent() {
        for sql in [
            "ALTER TABLE t RENAME TO u",
            "ALTER TABLE t RENAME COLUMN a TO b",
            "ALTER TABLE t ADD c int",
            "ALTER TABLE t DROP COLUMN c",
            "ALTER TABLE t DROP CONSTRAINT c",
            "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
            "ALTER TABLE t DISABLE TRIGGER ALL",
        ] {
            assert!(flagged(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
