//! `WITH x AS (INSERT|UPDATE|DELETE … RETURNING …) …`: PostgreSQL's
//! data-modifying common table expressions. SQLite's WITH takes only SELECT.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "data-modifying-cte",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`WITH x AS (INSERT/UPDATE/DELETE …)`: SQLite's WITH takes only SELECT",
    check,
    triggers: &[Keyword::WITH],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::DataModifyingCte) {
        let statement = ctx.text(&clause.span);
        let verb = statement.split_whitespace().next().unwrap_or(statement);
        out.report(
            clause.span.clone(),
            format!("`{verb}` inside WITH: SQLite's common table expressions take only SELECT"),
            "run the INSERT/UPDATE/DELETE as its own statement (in the same transaction) and use its RETURNING rows from the storage code",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_modifying_ctes() {
        assert_eq!(
            flagged(
                &RULE,
                "WITH x AS ( INSERT INTO p (n) SELECT 'a' RETURNING id ), y AS (SELECT 1) SELECT * FROM x"
            ),
            ["INSERT INTO p (n) SELECT 'a' RETURNING id"]
        );
        assert!(flagged(&RULE, "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").is_empty());
    }
}
