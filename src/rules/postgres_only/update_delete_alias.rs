//! `UPDATE t x SET …`, `DELETE FROM t x WHERE …`: a table alias without
//! `AS`. PostgreSQL accepts it; SQLite accepts an alias in UPDATE and DELETE
//! only with the `AS` keyword.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "update-delete-alias",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`UPDATE t x SET` / `DELETE FROM t x`: SQLite needs `AS` before an alias there",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::UPDATE, Keyword::DELETE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(target) = &ctx.model().dml_target else {
        return;
    };
    let Some(alias) = target.alias.as_ref().filter(|a| !a.with_as) else {
        return;
    };
    let span = alias.span.clone();
    out.report(
        span.clone(),
        format!(
            "alias `{}` without `AS`: SQLite accepts an UPDATE/DELETE alias only after `AS`",
            ctx.text(&span)
        ),
        "write `AS` before the alias, which both engines accept",
    )
    .with_fix(Fix {
        // Checked on SQLite 3.40; when SQLite's grammar gained `AS` aliases on
        // UPDATE/DELETE targets is not verified for every targeted version.
        applicability: Applicability::Unsafe,
        message: "insert `AS` before the alias".into(),
        edits: vec![Edit {
            span: span.start..span.start,
            replacement: "AS ".into(),
        }],
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_aliases_without_as() {
        assert_eq!(
            flagged(
                &RULE,
                "DELETE FROM api_tokens a USING api_tokens b WHERE a.id > b.id; UPDATE s.post p SET x = 1; WITH c AS (SELECT 1) UPDATE t u SET a = 2"
            ),
            ["a", "p", "u"]
        );
        assert_eq!(
            fixed(&RULE, "UPDATE post p SET x = 1"),
            "UPDATE post AS p SET x = 1"
        );
        // A word sqlparser knows (DATA) is still an alias there; SQLite rejects it.
        assert_eq!(flagged(&RULE, "UPDATE t data SET x = 1"), ["data"]);
    }

    #[test]
    fn as_aliases_and_plain_statements_stay_silent() {
        assert!(flagged(&RULE, "WITH q AS (SELECT 1) INSERT INTO t (a) SELECT 1 FROM q ON CONFLICT (a) DO UPDATE SET \"b\" = 1").is_empty());
        assert!(
            flagged(
                &RULE,
                "CREATE TRIGGER t AFTER UPDATE ON post FOR EACH ROW EXECUTE FUNCTION f()"
            )
            .is_empty()
        );
        assert!(
            flagged(
                &RULE,
                "UPDATE ONLY t SET x = 1; DELETE FROM ONLY t WHERE a = 1"
            )
            .is_empty()
        );
        assert!(flagged(&RULE, "UPDATE t AS p SET x = 1; UPDATE t SET x = 1; DELETE FROM t WHERE a = 1; DELETE FROM t; UPDATE OR IGNORE t SET a = 1").is_empty());
    }
}
