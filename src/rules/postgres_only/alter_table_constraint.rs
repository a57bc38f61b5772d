//! `ALTER TABLE … ADD CONSTRAINT` / `ADD PRIMARY KEY` / `DROP CONSTRAINT` /
//! `VALIDATE CONSTRAINT`…: SQLite cannot change a table's constraints after
//! it was created; only a table rebuild can.

use crate::alter_table::ActionKind;
use crate::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "alter-table-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … ADD/DROP CONSTRAINT`: SQLite cannot change constraints of an existing table",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    for action in table.actions.iter().filter(|a| a.kind == ActionKind::Constraint) {
        let span = ctx.token_span(action.tokens.start, action.tokens.end - 1);
        let words = ctx.text(&ctx.token_span(action.tokens.start, (action.tokens.start + 1).min(action.tokens.end - 1)));
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
            flagged(&RULE, "ALTER TABLE devices DROP CONSTRAINT devices_pkey, ADD COLUMN a int, ADD PRIMARY KEY (uuid, user_uuid);"),
            ["DROP CONSTRAINT devices_pkey", "ADD PRIMARY KEY (uuid, user_uuid)"]
        );
        assert_eq!(
            flagged(&RULE, "alter table t add constraint fk foreign key (a) references u (id) on delete cascade"),
            ["add constraint fk foreign key (a) references u (id) on delete cascade"]
        );
    }

    #[test]
    fn columns_with_inline_constraints_and_renames_stay_silent() {
        assert!(flagged(&RULE, "ALTER TABLE t ADD COLUMN c int CONSTRAINT fk REFERENCES u (id)").is_empty());
        assert!(flagged(&RULE, "ALTER TABLE t RENAME COLUMN a TO b").is_empty());
        assert!(flagged(&RULE, "-- ALTER TABLE t DROP CONSTRAINT c\nSELECT 'ALTER TABLE t DROP CONSTRAINT c'").is_empty());
    }

    #[test]
    fn unparsable_statement_is_still_flagged() {
        assert_eq!(
            flagged(&RULE, "ALTER TABLE t ADD CONSTRAINT c EXCLUDE USING gist (r WITH &&) ))"),
            ["ADD CONSTRAINT c EXCLUDE USING gist (r WITH &&) ))"]
        );
    }
}
