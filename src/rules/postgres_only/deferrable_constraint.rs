//! `PRIMARY KEY (…) DEFERRABLE`, `UNIQUE (…) DEFERRABLE INITIALLY DEFERRED`:
//! PostgreSQL defers checking these table constraints to the commit. SQLite
//! defers only foreign keys and rejects DEFERRABLE on other table
//! constraints.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ConstraintKind;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "deferrable-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DEFERRABLE` on a PRIMARY KEY, UNIQUE or CHECK table constraint: SQLite defers only foreign keys",
    check,
    triggers: &[Keyword::DEFERRABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let keys = ctx.model().table_constraints.iter().filter(|c| {
        matches!(
            c.kind,
            ConstraintKind::PrimaryKey
                | ConstraintKind::Unique
                | ConstraintKind::Check
                | ConstraintKind::Exclude
        )
    });
    for deferrable in keys.filter_map(|c| c.deferrable.clone()) {
        out.report(
            deferrable,
            "`DEFERRABLE` on a key or check constraint is PostgreSQL-only; SQLite defers only foreign keys",
            "drop `DEFERRABLE` and order the statements so the constraint holds after each one",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_deferrable_keys_not_foreign_keys() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE x (a int, b int, UNIQUE (a) DEFERRABLE INITIALLY DEFERRED, CONSTRAINT f FOREIGN KEY (b) REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)"
            ),
            ["DEFERRABLE INITIALLY DEFERRED"]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE x (a int, PRIMARY KEY (a) NOT DEFERRABLE)"
            )
            .is_empty()
        );
        // The model's table constraints include those ALTER TABLE adds.
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE x ADD CONSTRAINT u UNIQUE (a) DEFERRABLE"
            ),
            ["DEFERRABLE"]
        );
    }
}
