//! `ILIKE` and `~~*`: PostgreSQL's case-insensitive LIKE. SQLite rejects it
//! (its own LIKE is already case-insensitive for ASCII, PostgreSQL's is not).

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::MatchKind;

pub static RULE: Rule = Rule {
    id: "ilike",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ILIKE`: SQLite rejects it; compare `lower(x) LIKE lower(pattern)`",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let model = ctx.model();
    let ilike = model
        .matches
        .iter()
        .filter(|m| m.kind == MatchKind::ILike)
        .map(|m| m.keyword.clone());
    // `~~*` and `!~~*`, PostgreSQL's operator spellings of [NOT] ILIKE.
    let spelled = model
        .operators
        .iter()
        .filter(|op| matches!(ctx.text(&op.span), "~~*" | "!~~*"))
        .map(|op| op.span.clone());
    let mut spans: Vec<_> = ilike.chain(spelled).collect();
    spans.sort_by_key(|s| s.start);
    for span in spans {
        out.report(
            span.clone(),
            format!(
                "`{}` is PostgreSQL's case-insensitive LIKE; SQLite rejects it",
                ctx.text(&span)
            ),
            "write `lower(x) LIKE lower(pattern)`, which means the same on both engines",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_ilike_outside_strings() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT * FROM t WHERE a ILIKE 'x%' AND b NOT ilike 'ILIKE'"
            ),
            ["ILIKE", "ilike"]
        );
        assert!(flagged(&RULE, "SELECT ilike_count FROM t -- ILIKE").is_empty());
    }
}
