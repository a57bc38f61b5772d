//! `DROP … CASCADE` / `RESTRICT`: PostgreSQL's dependency handling. SQLite
//! rejects both words.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::drop_behavior::DropBehaviorKind;
use crate::syntax::model::head::{ObjectKind, Verb};
use crate::syntax::model::{ActionKind, ConstraintChange};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "drop-cascade",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DROP … CASCADE`/`RESTRICT`: SQLite rejects both",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::CASCADE, Keyword::RESTRICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let model = ctx.model();
    let Some(behavior) = &model.drop_behavior else {
        return;
    };
    // DROP FUNCTION/TYPE/SCHEMA… are reported whole by their own rules.
    let is_plain_drop = model.head.as_ref().is_some_and(|h| {
        h.verb == Verb::Drop
            && matches!(
                h.object,
                Some(ObjectKind::Table | ObjectKind::View | ObjectKind::Index)
            )
    });
    let is_drop_column = model.alter_table.as_ref().is_some_and(|t| {
        t.actions.last().is_some_and(|a| {
            a.kind == ActionKind::DropColumn || a.constraint_change == Some(ConstraintChange::Drop)
        })
    });
    if !(is_plain_drop || is_drop_column) {
        return;
    }
    let (word, help, applicability) = match behavior.kind {
        DropBehaviorKind::Restrict => (
            "RESTRICT",
            "leave `RESTRICT` out: it is PostgreSQL's default",
            Applicability::Safe,
        ),
        DropBehaviorKind::Cascade => (
            "CASCADE",
            "drop the dependent objects (views, foreign keys) explicitly first, then the object itself without CASCADE",
            // Without CASCADE, PostgreSQL refuses to drop an object others depend on.
            Applicability::Unsafe,
        ),
    };
    out.report(
        behavior.span.clone(),
        format!("`{word}` on DROP is PostgreSQL-only; SQLite rejects it"),
        help,
    )
    .with_fix(Fix::removal(
        applicability,
        format!("remove `{word}`"),
        behavior.removal.clone(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_cascade_and_restrict() {
        assert_eq!(
            flagged(
                &RULE,
                "DROP VIEW user_view CASCADE; ALTER TABLE t DROP COLUMN c RESTRICT; DROP TYPE e CASCADE"
            ),
            ["CASCADE", "RESTRICT"]
        );
        assert_eq!(fixed(&RULE, "DROP TABLE t RESTRICT;"), "DROP TABLE t;");
        assert!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u ON DELETE CASCADE"
            )
            .is_empty()
        );
    }
}
