//! Window functions, `f(…) OVER (…)`: SQLite accepts them from 3.25 on, and
//! an aggregate's `FILTER (WHERE …)` from 3.30 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_older_than;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::ClauseKind;

pub static RULE: Rule = Rule {
    id: "window-function",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "window functions (`OVER`) need SQLite 3.25, aggregate `FILTER` 3.30",
    requires: &[
        (Engine::Sqlite, Version::new(3, 25)),
        (Engine::Sqlite, Version::new(3, 30)),
    ],
    check,
    triggers: &[Keyword::OVER, Keyword::FILTER],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in &ctx.model().clauses {
        let (construct, version, help) = match clause.kind {
            ClauseKind::Over => (
                "a window function (`OVER`)",
                Version::new(3, 25),
                "raise the SQLite target to 3.25, or compute the ranking in the storage code",
            ),
            ClauseKind::AggregateFilter => (
                "an aggregate `FILTER (WHERE …)`",
                Version::new(3, 30),
                "raise the SQLite target to 3.30, or write `sum(CASE WHEN … THEN x END)`",
            ),
            _ => continue,
        };
        report_if_older_than(
            ctx,
            out,
            clause.span.clone(),
            construct,
            (Engine::Sqlite, version),
            help,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_with_targets;

    fn flagged(sql: &str, target: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &[target])
    }

    #[test]
    fn gates_over_and_filter_at_their_versions() {
        let sql = "SELECT row_number() OVER (ORDER BY a), count(*) FILTER (WHERE b) FROM t";
        assert_eq!(flagged(sql, "sqlite>=3.24"), ["OVER", "FILTER"]);
        assert_eq!(flagged(sql, "sqlite>=3.25"), ["FILTER"]);
        assert!(flagged(sql, "sqlite>=3.30").is_empty());
    }

    #[test]
    fn ignores_columns_named_like_the_keywords() {
        assert!(
            flagged(
                "SELECT over, filter FROM t WHERE filter = 'OVER ('",
                "sqlite>=3.0"
            )
            .is_empty()
        );
    }
}
