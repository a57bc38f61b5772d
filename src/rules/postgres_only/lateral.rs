//! `JOIN LATERAL (…)` / `, LATERAL (…)`: PostgreSQL's correlated subquery in
//! FROM. SQLite rejects `LATERAL`.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "lateral",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`LATERAL` subqueries: SQLite rejects them",
    check,
    triggers: &[Keyword::LATERAL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        if ctx.is_word(i, "LATERAL") {
            out.report(
                token.span.clone(),
                "`LATERAL` is PostgreSQL-only; SQLite rejects it",
                "write a correlated subquery in the SELECT list, or a plain join on a grouped subquery",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_lateral() {
        assert_eq!(flagged(&RULE, "SELECT * FROM t, LATERAL (SELECT 1) x; SELECT 'LATERAL'"), ["LATERAL"]);
    }
}
