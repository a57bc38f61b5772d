//! `ALTER TABLE … ALTER COLUMN c TYPE|SET DEFAULT|DROP NOT NULL…`: SQLite
//! cannot change an existing column; only a table rebuild can.

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{ActionKind, ColumnChange};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "alter-column",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … ALTER COLUMN` (TYPE, SET/DROP DEFAULT, SET/DROP NOT NULL): SQLite cannot change a column",
    check,
    // `alter_table()` needs `ALTER TABLE`.
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
        .filter(|a| a.kind == ActionKind::AlterColumn)
    {
        // SQLite 3.53 added `ALTER COLUMN c SET|DROP NOT NULL`.
        if matches!(
            action.column_change,
            Some(ColumnChange::SetNotNull | ColumnChange::DropNotNull)
        ) && !ctx.targets.lacks(Engine::Sqlite, NOT_NULL_VERSION)
        {
            continue;
        }
        // `ALTER COLUMN c TYPE`, `ALTER COLUMN c SET NOT NULL`…: the action up to what it changes.
        let described = action.change_words.as_ref().unwrap_or(&action.span);
        out.report(
            action.span.clone(),
            format!("`{}`: SQLite's ALTER TABLE cannot change a column's type or default (nor, before 3.53, its nullability)", ctx.text(described)),
            "rebuild the table with the new column definition (CREATE TABLE new …, INSERT INTO new SELECT … FROM old, DROP TABLE old, ALTER TABLE new RENAME TO old), or add a new column and copy the data",
        );
    }
}

const NOT_NULL_VERSION: Version = Version::new(3, 53);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_every_alter_column_form() {
        let sql = "ALTER TABLE t ALTER COLUMN a TYPE TEXT USING a::text, ALTER b SET DEFAULT 0, \
                   ALTER COLUMN c DROP NOT NULL, ALTER COLUMN d SET DATA TYPE int;";
        assert_eq!(
            flagged(&RULE, sql),
            [
                "ALTER COLUMN a TYPE TEXT USING a::text",
                "ALTER b SET DEFAULT 0",
                "ALTER COLUMN c DROP NOT NULL",
                "ALTER COLUMN d SET DATA TYPE int"
            ]
        );
    }

    #[test]
    fn not_null_changes_are_gated_on_sqlite_3_53() {
        let sql = "ALTER TABLE t ALTER COLUMN c DROP NOT NULL, ALTER COLUMN d SET NOT NULL, ALTER e TYPE int";
        let at =
            |targets: &[&str]| crate::testing::findings_with_targets(&RULE, sql, targets).len();
        assert_eq!(at(&["sqlite>=3.35"]), 3);
        assert_eq!(at(&["sqlite>=3.53"]), 1);
    }

    #[test]
    fn message_names_the_change() {
        let report = crate::lint::lint_source(
            crate::SourceFile::new("t.sql", "ALTER TABLE t ALTER COLUMN c DROP NOT NULL"),
            &crate::LintOptions {
                rules: vec![&RULE],
                ..Default::default()
            },
        );
        assert!(
            report.diagnostics[0]
                .message
                .starts_with("`ALTER COLUMN c DROP NOT NULL`"),
            "{}",
            report.diagnostics[0].message
        );
    }

    #[test]
    fn other_statements_and_strings_stay_silent() {
        assert!(flagged(&RULE, "ALTER TABLE t ADD COLUMN alter_me int").is_empty());
        assert!(flagged(&RULE, "SELECT 'ALTER TABLE t ALTER COLUMN c TYPE int'").is_empty());
        assert!(flagged(&RULE, "ALTER INDEX i ALTER COLUMN 1 SET STATISTICS 5").is_empty());
    }
}
