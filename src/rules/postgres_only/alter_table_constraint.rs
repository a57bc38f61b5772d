//! `ALTER TABLE … ADD CONSTRAINT` / `ADD PRIMARY KEY` / `DROP CONSTRAINT` /
//! `VALIDATE CONSTRAINT`…: SQLite cannot change a table's constraints after
//! it was created; only a table rebuild can.

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{ActionKind, ConstraintChange};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "alter-table-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … ADD/DROP CONSTRAINT`: SQLite cannot change constraints of an existing table",
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
        .filter(|a| a.kind == ActionKind::Constraint)
    {
        // SQLite 3.53 added `ADD [CONSTRAINT n] CHECK (…)` and `DROP CONSTRAINT n`
        // (for CHECK and NOT NULL constraints).
        if matches!(
            action.constraint_change,
            Some(ConstraintChange::AddCheck | ConstraintChange::Drop)
        ) && !ctx.targets.lacks(Engine::Sqlite, Version::new(3, 53))
        {
            continue;
        }
        let span = ctx.token_span(action.tokens.start, action.tokens.end - 1);
        let words = ctx.text(&ctx.token_span(
            action.tokens.start,
            (action.tokens.start + 1).min(action.tokens.end - 1),
        ));
        out.report(
            span,
            format!("`ALTER TABLE … {}` changes a constraint; SQLite's ALTER TABLE cannot add, drop or change constraints", words.to_uppercase()),
            "declare constraints in the CREATE TABLE; to change one later, rebuild the table (CREATE TABLE new with the constraint, INSERT INTO new SELECT … FROM old, DROP TABLE old, ALTER TABLE new RENAME TO old), or enforce it in the storage code",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_each_constraint_action_with_its_exact_span() {
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE devices DROP CONSTRAINT devices_pkey, ADD COLUMN a int, ADD PRIMARY KEY (uuid, user_uuid);"
            ),
            [
                "DROP CONSTRAINT devices_pkey",
                "ADD PRIMARY KEY (uuid, user_uuid)"
            ]
        );
        assert_eq!(
            flagged(
                &RULE,
                "alter table t add constraint fk foreign key (a) references u (id) on delete cascade"
            ),
            ["add constraint fk foreign key (a) references u (id) on delete cascade"]
        );
    }

    #[test]
    fn check_constraints_and_drops_are_gated_on_sqlite_3_53() {
        let sql = "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0), DROP CONSTRAINT d, ADD UNIQUE (a)";
        let at =
            |targets: &[&str]| crate::testing::findings_with_targets(&RULE, sql, targets).len();
        assert_eq!(at(&["sqlite>=3.35"]), 3);
        assert_eq!(at(&["sqlite>=3.53"]), 1);
    }

    #[test]
    fn columns_with_inline_constraints_and_renames_stay_silent() {
        assert!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD COLUMN c int CONSTRAINT fk REFERENCES u (id)"
            )
            .is_empty()
        );
        assert!(flagged(&RULE, "ALTER TABLE t RENAME COLUMN a TO b").is_empty());
        assert!(
            flagged(
                &RULE,
                "-- ALTER TABLE t DROP CONSTRAINT c\nSELECT 'ALTER TABLE t DROP CONSTRAINT c'"
            )
            .is_empty()
        );
    }

    #[test]
    fn unparsable_statement_is_still_flagged() {
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD CONSTRAINT c EXCLUDE USING gist (r WITH &&) ))"
            ),
            ["ADD CONSTRAINT c EXCLUDE USING gist (r WITH &&) ))"]
        );
    }
}
