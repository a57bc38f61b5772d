//! `FROM t INDEXED BY idx`, `FROM t NOT INDEXED`: SQLite's index hints.
//! PostgreSQL has no index hints and rejects both.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "indexed-by",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`INDEXED BY` / `NOT INDEXED` index hints are SQLite-only",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::INDEXED],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for hint in &ctx.model().index_hints {
        out.report(
            hint.span.clone(),
            format!(
                "`{}` is a SQLite index hint; PostgreSQL rejects it as a syntax error",
                ctx.text(&hint.span)
            ),
            "drop the hint: both planners pick indexes themselves",
        )
        .with_fix(Fix::removal(
            // A hint never changes the result, only the plan.
            Applicability::Safe,
            "remove the index hint",
            hint.after..hint.span.end,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_hints() {
        let sql = "SELECT a FROM t INDEXED BY t_a WHERE a = 1 UNION SELECT a FROM u NOT INDEXED;";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["INDEXED BY t_a", "NOT INDEXED"]
        );
        assert_eq!(
            fixed(&super::RULE, sql),
            "SELECT a FROM t WHERE a = 1 UNION SELECT a FROM u;"
        );
    }

    #[test]
    fn a_column_named_indexed_is_no_hint() {
        // Both engines run it on a boolean column `indexed`.
        assert!(flagged(&super::RULE, "SELECT * FROM t WHERE NOT indexed;").is_empty());
    }
}
