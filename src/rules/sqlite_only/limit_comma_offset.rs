//! `LIMIT 10, 20`: SQLite's (and MySQL's) offset-first limit. PostgreSQL
//! rejects it: "LIMIT #,# syntax is not supported".

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::LimitKind;

pub static RULE: Rule = Rule {
    id: "limit-comma-offset",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`LIMIT offset, count` is SQLite-only; write `LIMIT count OFFSET offset`",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::LIMIT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let limits = &ctx.model().limits;
    for offset in limits.iter().filter(|l| l.kind == LimitKind::Offset) {
        // `LIMIT offset, count`: two values under one `LIMIT`, the offset first.
        let Some(count) = limits
            .iter()
            .find(|l| l.kind == LimitKind::Limit && l.keyword == offset.keyword)
        else {
            continue;
        };
        let rewrite = format!(
            "LIMIT {} OFFSET {}",
            ctx.text(&count.value),
            ctx.text(&offset.value)
        );
        let span = offset.keyword.start..count.value.end;
        out.report(
            span.clone(),
            "`LIMIT offset, count`: PostgreSQL fails with `LIMIT #,# syntax is not supported`",
            format!("write `{rewrite}`: both engines read it the same way (note the order: the count comes first)"),
        )
        .with_fix(Fix {
            applicability: Applicability::Safe,
            message: format!("write `{rewrite}`"),
            edits: vec![Edit {
                span,
                replacement: rewrite,
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_swaps_the_numbers() {
        let sql = "SELECT * FROM (SELECT a FROM t LIMIT 10, 20) s LIMIT 5;";
        assert_eq!(flagged(&super::RULE, sql), ["LIMIT 10, 20"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "SELECT * FROM (SELECT a FROM t LIMIT 20 OFFSET 10) s LIMIT 5;"
        );
        assert!(flagged(&super::RULE, "SELECT a FROM t LIMIT 20 OFFSET 10;").is_empty());
        assert_eq!(
            fixed(
                &super::RULE,
                "SELECT a FROM t LIMIT (SELECT n FROM s LIMIT 1), f(2, 3)"
            ),
            "SELECT a FROM t LIMIT f(2, 3) OFFSET (SELECT n FROM s LIMIT 1)"
        );
        assert!(
            flagged(
                &super::RULE,
                "SELECT (SELECT a FROM s LIMIT 1), b FROM t LIMIT 1"
            )
            .is_empty()
        );
    }
}
