//! `ALTER TABLE IF EXISTS`, `ADD COLUMN IF NOT EXISTS`, `DROP COLUMN IF
//! EXISTS`: PostgreSQL's guards, which SQLite's ALTER TABLE rejects.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "alter-table-if-exists",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`IF [NOT] EXISTS` on ALTER TABLE or on ADD/DROP COLUMN: SQLite rejects it",
    check,
    // `alter_table()` needs `ALTER TABLE`.
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

const HELP: &str = "drop the guard and let the migration tool's version table decide whether the migration runs; SQLite has no conditional ALTER TABLE";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    let table_guard = table.if_exists.iter().map(|guard| (guard, true));
    let column_guards = table
        .actions
        .iter()
        .filter_map(|a| a.guard.as_ref())
        .map(|g| (g, false));
    for (guard, on_table) in table_guard.chain(column_guards) {
        let span = ctx.token_span(guard.start, guard.end - 1);
        let message = if on_table {
            "`ALTER TABLE IF EXISTS`: SQLite's ALTER TABLE has no IF EXISTS".to_string()
        } else {
            format!(
                "`{}` on a column: SQLite's ALTER TABLE has no such guard",
                ctx.text(&span)
            )
        };
        out.report(span, message, HELP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_each_guard_exactly() {
        assert_eq!(
            flagged(
                &RULE,
                "alter table if exists history add column if not exists deleted_at timestamp, drop column if exists x"
            ),
            ["if exists", "if not exists", "if exists"]
        );
    }

    #[test]
    fn other_guards_stay_silent() {
        assert!(flagged(&RULE, "CREATE TABLE IF NOT EXISTS t (a int)").is_empty());
        assert!(flagged(&RULE, "ALTER TABLE t ADD COLUMN if_not_exists int").is_empty());
        assert!(flagged(&RULE, "ALTER TABLE t DROP CONSTRAINT IF EXISTS c").is_empty());
    }
}
