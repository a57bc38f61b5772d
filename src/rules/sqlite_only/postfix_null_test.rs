//! `WHERE x NOT NULL`: SQLite's postfix null test. PostgreSQL knows
//! `x IS NOT NULL` and `x NOTNULL`, not `x NOT NULL`.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postfix-null-test",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`x NOT NULL` as a condition is SQLite-only; write `x IS NOT NULL`",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::NOT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for test in &ctx.model().postfix_null_tests {
        out.report(
            test.clone(),
            "postfix `NOT NULL` test: SQLite accepts `x NOT NULL`, PostgreSQL rejects it as a syntax error",
            "write `x IS NOT NULL`, the standard spelling both engines run",
        )
        .with_fix(Fix {
            applicability: Applicability::Safe,
            message: "write `IS NOT NULL`".into(),
            edits: vec![Edit {
                span: test.start..test.start,
                replacement: "IS ".into(),
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_conditions_not_constraints() {
        let sql =
            "INSERT INTO s SELECT id FROM t WHERE id NOT NULL AND (b) NOT NULL AND c IS NOT NULL;";
        assert_eq!(flagged(&super::RULE, sql), ["NOT NULL", "NOT NULL"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "INSERT INTO s SELECT id FROM t WHERE id IS NOT NULL AND (b) IS NOT NULL AND c IS NOT NULL;"
        );
        assert!(
            flagged(
                &super::RULE,
                "CREATE TABLE t (a my_type NOT NULL, b INT NOT NULL);"
            )
            .is_empty()
        );
        assert!(flagged(&super::RULE, "ALTER TABLE t ALTER COLUMN a SET NOT NULL;").is_empty());
        assert!(flagged(&super::RULE, "CREATE DOMAIN d AS text NOT NULL;").is_empty());
    }

    #[test]
    fn flags_inside_table_checks_and_partial_indexes() {
        assert_eq!(
            flagged(
                &super::RULE,
                "CREATE TABLE t (a INT NOT NULL, CHECK (a NOT NULL));"
            ),
            ["NOT NULL"]
        );
        assert_eq!(
            flagged(&super::RULE, "CREATE INDEX i ON t (a) WHERE b NOT NULL;"),
            ["NOT NULL"]
        );
    }
}
