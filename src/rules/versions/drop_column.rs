//! `ALTER TABLE … DROP [COLUMN] c`: SQLite accepts it from 3.35 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ActionKind;

pub static RULE: Rule = Rule {
    id: "drop-column",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … DROP COLUMN` needs SQLite 3.35",
    requires: &[(Engine::Sqlite, Version::new(3, 35))],
    check,
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    for action in table
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::DropColumn)
    {
        report_if_too_old(
            ctx,
            out,
            ctx.token_span(action.tokens.start, action.tokens.end - 1),
            "`ALTER TABLE … DROP COLUMN`",
            "raise the SQLite target to 3.35, or rebuild the table: create the new table, copy the rows, drop the old one, rename",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["sqlite>=3.30"])
    }

    #[test]
    fn flags_dropped_columns_with_or_without_the_column_keyword() {
        assert_eq!(
            flagged("ALTER TABLE t DROP COLUMN legacy"),
            ["DROP COLUMN legacy"]
        );
        assert_eq!(flagged("ALTER TABLE main.t DROP legacy"), ["DROP legacy"]);
        assert_eq!(
            flagged("ALTER TABLE IF EXISTS t DROP COLUMN a, DROP CONSTRAINT c, DROP b"),
            ["DROP COLUMN a", "DROP b"]
        );
    }

    #[test]
    fn ignores_other_drops_and_new_enough_targets() {
        assert!(flagged("ALTER TABLE t DROP CONSTRAINT t_pk").is_empty());
        assert!(flagged("ALTER TABLE t ALTER COLUMN a DROP DEFAULT").is_empty());
        assert!(flagged("ALTER TABLE t ALTER COLUMN a DROP NOT NULL").is_empty());
        assert!(flagged("DROP TABLE t").is_empty());
        let sql = "ALTER TABLE t DROP COLUMN a";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.35"]).is_empty());
        let old = findings_with_targets(&RULE, sql, &["sqlite>=3.34"]);
        assert!(
            old[0]
                .message
                .contains("needs SQLite 3.35; your targets include sqlite>=3.34")
        );
    }
}
