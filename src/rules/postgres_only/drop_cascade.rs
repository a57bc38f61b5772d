//! `DROP … CASCADE` / `RESTRICT`: PostgreSQL's dependency handling. SQLite
//! rejects both words.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
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
    let Some(last) = ctx.tokens.len().checked_sub(1) else {
        return;
    };
    // DROP FUNCTION/TYPE/SCHEMA… are reported whole by their own rules.
    let is_plain_drop = ctx.is_word(0, "DROP")
        && ctx
            .ddl_object_kind()
            .is_some_and(|k| ["TABLE", "VIEW", "INDEX"].iter().any(|w| ctx.is_word(k, w)));
    let is_drop_column = ctx.alter_table().is_some_and(|t| {
        t.actions.last().is_some_and(|a| {
            a.kind == ActionKind::DropColumn || a.constraint_change == Some(ConstraintChange::Drop)
        })
    });
    if !(is_plain_drop || is_drop_column) {
        return;
    }
    let word = if ctx.is_word(last, "CASCADE") {
        "CASCADE"
    } else if ctx.is_word(last, "RESTRICT") {
        "RESTRICT"
    } else {
        return;
    };
    let span = ctx.tokens[last].span.clone();
    let start = ctx.tokens[last - 1].span.end;
    let (help, applicability) = if word == "RESTRICT" {
        (
            "leave `RESTRICT` out: it is PostgreSQL's default",
            Applicability::Safe,
        )
    } else {
        (
            "drop the dependent objects (views, foreign keys) explicitly first, then the object itself without CASCADE",
            Applicability::Unsafe,
        )
    };
    out.report(
        span,
        format!("`{word}` on DROP is PostgreSQL-only; SQLite rejects it"),
        help,
    )
    .with_fix(Fix::removal(
        // Without CASCADE, PostgreSQL refuses to drop an object others depend on.
        applicability,
        format!("remove `{word}`"),
        start..ctx.tokens[last].span.end,
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
