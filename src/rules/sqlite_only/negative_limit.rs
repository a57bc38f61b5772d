//! `LIMIT -1`, `OFFSET -1`: SQLite reads a negative LIMIT as "no limit" and a
//! negative OFFSET as zero. PostgreSQL rejects both.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::LimitKind;

pub static RULE: Rule = Rule {
    id: "negative-limit",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`LIMIT -1` / `OFFSET -1`: PostgreSQL rejects negative values",
    check,
    triggers: &[Keyword::LIMIT, Keyword::OFFSET],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for limit in &ctx.model().limits {
        if !is_negative_number(ctx.text(&limit.value)) {
            continue;
        }
        let (clause, help) = match limit.kind {
            LimitKind::Limit => (
                "LIMIT",
                "leave the LIMIT out (`LIMIT ALL` on PostgreSQL only); to skip rows without a limit on both engines, \
                 write a large LIMIT such as `LIMIT 9223372036854775807 OFFSET n`",
            ),
            LimitKind::Offset => ("OFFSET", "write `OFFSET 0` or leave the OFFSET out"),
        };
        out.report(
            limit.keyword.start..limit.value.end,
            format!("a negative {clause}: SQLite ignores it, PostgreSQL fails with `{clause} must not be negative`"),
            help,
        );
    }
}

/// `-1`, `- 1`, `(-1)`: a minus sign before a number, in parentheses or not.
fn is_negative_number(value: &str) -> bool {
    let bare: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .collect();
    bare.starts_with('-') && bare.parse::<f64>().is_ok_and(|n| n < 0.0)
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_negative_limits_and_offsets() {
        let sql = "SELECT a FROM t LIMIT -1 OFFSET 5; ";
        assert_eq!(flagged(&super::RULE, sql), ["LIMIT -1"]);
        assert_eq!(
            flagged(&super::RULE, "SELECT a FROM t LIMIT 1 OFFSET -2;"),
            ["OFFSET -2"]
        );
        assert!(flagged(&super::RULE, "SELECT a - 1 FROM t LIMIT 10 - 1;").is_empty());
    }

    /// `LIMIT (-1)` and `LIMIT - 1`: SQLite returns every row, PostgreSQL
    /// fails with `LIMIT must not be negative` (the token scan wanted `-1`
    /// written together, without parentheses).
    #[test]
    fn flags_spaced_and_parenthesized_negatives() {
        assert_eq!(
            flagged(&super::RULE, "SELECT a FROM t LIMIT (-1) OFFSET ( - 2 );"),
            ["LIMIT (-1)", "OFFSET ( - 2 )"]
        );
        assert_eq!(
            flagged(&super::RULE, "SELECT a FROM t LIMIT - 1"),
            ["LIMIT - 1"]
        );
        assert_eq!(
            flagged(
                &super::RULE,
                "SELECT a FROM (SELECT a FROM t LIMIT -1) s LIMIT -0, 5"
            ),
            ["LIMIT -1"]
        );
        // No dialect parses the statement: the model comes from the tokens.
        assert_eq!(
            flagged(
                &super::RULE,
                "SELECT a FROM t WHERE b === 1 LIMIT (-1) OFFSET 3"
            ),
            ["LIMIT (-1)"]
        );
    }
}
