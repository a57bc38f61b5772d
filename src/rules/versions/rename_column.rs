//! `ALTER TABLE … RENAME [COLUMN] a TO b`: SQLite accepts it from 3.25 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "rename-column",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … RENAME COLUMN` needs SQLite 3.25",
    requires: &[(Engine::Sqlite, Version::new(3, 25))],
    check,
    triggers: &[Keyword::RENAME],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    // `RENAME TO new_table` renames the table, which every version can do.
    for action in table.actions.iter().filter(|a| a.renames_column) {
        report_if_too_old(
            ctx,
            out,
            ctx.token_span(action.tokens.start, action.tokens.end - 1),
            "`ALTER TABLE … RENAME COLUMN`",
            "raise the SQLite target to 3.25, or rebuild the table with the new column name",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["sqlite>=3.20"])
    }

    #[test]
    fn flags_column_renames_only() {
        assert_eq!(
            flagged("ALTER TABLE t RENAME COLUMN a TO b"),
            ["RENAME COLUMN a TO b"]
        );
        assert_eq!(flagged("ALTER TABLE t RENAME a TO b"), ["RENAME a TO b"]);
        assert!(flagged("ALTER TABLE t RENAME TO u").is_empty());
        assert!(flagged("ALTER INDEX i RENAME TO j").is_empty());
        // No SQLite version renames a constraint (syntax error near "CONSTRAINT"): not a column rename.
        assert!(flagged("ALTER TABLE t RENAME CONSTRAINT c TO d").is_empty());
        let sql = "ALTER TABLE t RENAME COLUMN a TO b";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.25"]).is_empty());
    }
}
