//! `FROM t INDEXED BY idx`, `FROM t NOT INDEXED`: SQLite's index hints.
//! PostgreSQL has no index hints and rejects both.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

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
    for i in 1..ctx.tokens.len() {
        let last = if ctx.is_word(i, "INDEXED") && ctx.is_word(i + 1, "BY") && i + 2 < ctx.tokens.len() {
            i + 2
        } else if i >= 2 && ctx.is_word(i - 1, "NOT") && ctx.is_word(i, "INDEXED") {
            i
        } else {
            continue;
        };
        let first = if last == i { i - 1 } else { i };
        let span = ctx.token_span(first, last);
        out.report(
            span.clone(),
            format!("`{}` is a SQLite index hint; PostgreSQL rejects it as a syntax error", ctx.text(&span)),
            "drop the hint: both planners pick indexes themselves",
        )
        .with_fix(Fix::removal(
            // A hint never changes the result, only the plan.
            Applicability::Safe,
            "remove the index hint",
            ctx.tokens[first - 1].span.end..span.end,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_hints() {
        let sql = "SELECT a FROM t INDEXED BY t_a WHERE a = 1 UNION SELECT a FROM u NOT INDEXED;";
        assert_eq!(flagged(&super::RULE, sql), ["INDEXED BY t_a", "NOT INDEXED"]);
        assert_eq!(fixed(&super::RULE, sql), "SELECT a FROM t WHERE a = 1 UNION SELECT a FROM u;");
    }
}
