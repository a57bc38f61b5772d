//! `a IS b`, `a IS NOT b` with a value: SQLite's null-safe equality.
//! PostgreSQL only allows NULL, TRUE, FALSE, UNKNOWN or `DISTINCT FROM` after IS.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "is-comparison",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`a IS b` with a value is SQLite-only; PostgreSQL writes `IS NOT DISTINCT FROM`",
    check,
    triggers: &[Keyword::IS],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for comparison in &ctx.model().is_comparisons {
        // `a IS UNKNOWN`, `a IS JSON`: PostgreSQL's own tests, no syntax error there.
        if comparison.predicate_word {
            continue;
        }
        out.report(
            comparison.operator.start..comparison.operand.end,
            format!(
                "`{}` with a value is SQLite's null-safe comparison; PostgreSQL rejects it as a syntax error",
                if comparison.negated { "IS NOT" } else { "IS" }
            ),
            format!(
                "write `a IS {}DISTINCT FROM b` (PostgreSQL; SQLite since 3.39), or spell it out for older SQLite: \
                 `(a = b OR (a IS NULL AND b IS NULL))`",
                if comparison.negated { "" } else { "NOT " }
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_values_after_is() {
        let sql = "SELECT * FROM t WHERE a IS b AND c IS NOT 1 AND d IS NULL AND e IS NOT TRUE AND f IS DISTINCT FROM g;";
        assert_eq!(flagged(&super::RULE, sql), ["IS b", "IS NOT 1"]);
    }

    #[test]
    fn flags_the_whole_operand() {
        let sql = "SELECT * FROM t WHERE a IS (b) OR c IS NOT d.e OR f IS unknown;";
        assert_eq!(flagged(&super::RULE, sql), ["IS (b)", "IS NOT d.e"]);
    }

    #[test]
    fn a_comment_is_no_comparison() {
        assert!(flagged(&super::RULE, "COMMENT ON COLUMN t.a IS 'x';").is_empty());
        assert!(flagged(&super::RULE, "SECURITY LABEL ON TABLE t IS 'x';").is_empty());
    }
}
