//! `ALTER TABLE … ADD COLUMN` forms PostgreSQL runs and SQLite refuses: a
//! `UNIQUE` or `PRIMARY KEY` column (always), and a default that is not a
//! constant — `CURRENT_TIMESTAMP` or any `(expression)` — as soon as the
//! table holds a row (`Cannot add a column with non-constant default`).

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::column_type::ColumnDefault;
use crate::syntax::model::words::CURRENT_TIME_KEYWORDS;
use crate::syntax::model::{ColumnConstraint, ConstraintKind};

pub static RULE: Rule = Rule {
    id: "add-column-restriction",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ADD COLUMN` with UNIQUE/PRIMARY KEY or a non-constant default: SQLite refuses it",
    check,
    // `alter_table()` needs `ALTER TABLE`.
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for column in ctx.column_definitions().iter().filter(|c| c.added) {
        for constraint in &column.constraint_list {
            if matches!(
                constraint.kind,
                ConstraintKind::Unique | ConstraintKind::PrimaryKey
            ) {
                report_key(ctx, out, constraint);
            }
        }
        if let Some(default) = &column.default {
            report_default(out, default);
        }
    }
}

/// `UNIQUE` or `PRIMARY KEY` on an added column.
fn report_key(ctx: &StatementCtx, out: &mut Sink, constraint: &ColumnConstraint) {
    let words = ctx.text(&constraint.keyword);
    out.report(
        constraint.keyword.clone(),
        format!("SQLite cannot add a `{words}` column (`Cannot add a {} column`)", words.to_uppercase()),
        "add the column without it, then `CREATE UNIQUE INDEX … ON t (column)`, which both engines run; a new primary key needs a table rebuild",
    );
}

/// `DEFAULT CURRENT_TIMESTAMP` or `DEFAULT (expression)` on an added column.
fn report_default(out: &mut Sink, default: &ColumnDefault) {
    let Some(first_term) = &default.first_term else {
        return;
    };
    let time = default
        .leading
        .as_ref()
        .and_then(|l| l.keyword)
        .is_some_and(|k| CURRENT_TIME_KEYWORDS.contains(&k));
    if !(default.parenthesized || time) {
        return;
    }
    out.report(
        default.keyword.start..first_term.end,
        "SQLite refuses to add a column with a non-constant default once the table has rows (`Cannot add a column with non-constant default`)",
        "add the column with a constant default (or none), then fill it: `UPDATE t SET column = CURRENT_TIMESTAMP`",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_keys_and_non_constant_defaults_of_added_columns() {
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE r ADD COLUMN u UUID NOT NULL UNIQUE, ADD COLUMN at timestamp DEFAULT CURRENT_TIMESTAMP, ADD c int DEFAULT (1 + 1) PRIMARY KEY"
            ),
            [
                "UNIQUE",
                "DEFAULT CURRENT_TIMESTAMP",
                "DEFAULT (1 + 1)",
                "PRIMARY KEY"
            ]
        );
    }

    #[test]
    fn constant_defaults_and_create_table_stay_silent() {
        assert!(
            flagged(
                &RULE,
                "ALTER TABLE r ADD COLUMN a int DEFAULT 0 NOT NULL, ADD b text DEFAULT 'x'"
            )
            .is_empty()
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE r (a int UNIQUE DEFAULT CURRENT_TIMESTAMP)"
            )
            .is_empty()
        );
        assert!(flagged(&RULE, "ALTER TABLE r ADD CONSTRAINT u UNIQUE (a)").is_empty());
    }
}
