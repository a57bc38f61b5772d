//! `ARRAY[1, 2]`, `ARRAY(SELECT …)`, `x = ANY(…)`, `x <> ALL(…)`:
//! PostgreSQL's arrays. SQLite has no array values and rejects them.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-array",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ARRAY[…]` values and `= ANY(…)`: SQLite has no arrays",
    check,
    triggers: &[Keyword::ARRAY, Keyword::ANY, Keyword::SOME, Keyword::ALL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 0..ctx.tokens.len() {
        let next = ctx.tokens.get(i + 1).map(|t| &t.kind);
        if ctx.is_word(i, "ARRAY") && matches!(next, Some(SqlToken::LBracket | SqlToken::LParen) | Some(SqlToken::Word(_))) {
            // SQLite's tokenizer reads `[1, 2]` as one bracket-quoted name.
            let bracketed = match next {
                Some(SqlToken::Word(w)) => w.quote_style == Some('['),
                _ => true,
            };
            if bracketed {
                let end = array_end(ctx, i + 1);
                out.report(
                    ctx.token_span(i, end),
                    "`ARRAY` values are PostgreSQL-only; SQLite has no arrays",
                    "store the elements as rows of a child table (or as a JSON text both engines can read), and bind lists as separate parameters",
                );
            }
        } else if (ctx.is_word(i, "ANY") || ctx.is_word(i, "SOME") || ctx.is_word(i, "ALL"))
            && next == Some(&SqlToken::LParen)
            && i > 0
            && is_comparison(&ctx.tokens[i - 1].kind)
        {
            let close = ctx.matching_paren(i + 1).unwrap_or(i + 1);
            out.report(
                ctx.token_span(i - 1, close),
                format!("`{} (…)` compares with an array or subquery the PostgreSQL way; SQLite rejects it", ctx.text(&ctx.token_span(i - 1, i))),
                "write `x IN (a, b, …)` or `x IN (SELECT …)` (`<> ALL` becomes `NOT IN`), which both engines run",
            );
        }
    }
}

fn array_end(ctx: &StatementCtx, open: usize) -> usize {
    match ctx.tokens[open].kind {
        SqlToken::LParen => ctx.matching_paren(open).unwrap_or(open),
        SqlToken::LBracket => (open..ctx.tokens.len()).find(|&i| ctx.tokens[i].kind == SqlToken::RBracket).unwrap_or(open),
        _ => open,
    }
}

fn is_comparison(kind: &SqlToken) -> bool {
    matches!(kind, SqlToken::Eq | SqlToken::Neq | SqlToken::Lt | SqlToken::Gt | SqlToken::LtEq | SqlToken::GtEq | SqlToken::DoubleEq)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_array_values_and_any() {
        assert_eq!(
            flagged(&RULE, "SELECT ARRAY[id] AS b FROM t WHERE id = ANY($1) AND x <> ALL (SELECT 1)"),
            ["ARRAY[id]", "= ANY($1)", "<> ALL (SELECT 1)"]
        );
        assert!(flagged(&RULE, "SELECT 1 UNION ALL (SELECT 2); SELECT 'ARRAY[1]'").is_empty());
    }
}
