//! `LIMIT -1`, `OFFSET -1`: SQLite reads a negative LIMIT as "no limit" and a
//! negative OFFSET as zero. PostgreSQL rejects both.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

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
    for i in 0..ctx.tokens.len().saturating_sub(2) {
        let clause = if ctx.is_word(i, "LIMIT") {
            "LIMIT"
        } else if ctx.is_word(i, "OFFSET") {
            "OFFSET"
        } else {
            continue;
        };
        let negative = ctx.tokens[i + 1].kind == SqlToken::Minus
            && matches!(ctx.tokens[i + 2].kind, SqlToken::Number(..))
            && ctx.adjacent(i + 1);
        if !negative {
            continue;
        }
        let help = if clause == "LIMIT" {
            "leave the LIMIT out (`LIMIT ALL` on PostgreSQL only); to skip rows without a limit on both engines, \
             write a large LIMIT such as `LIMIT 9223372036854775807 OFFSET n`"
        } else {
            "write `OFFSET 0` or leave the OFFSET out"
        };
        out.report(
            ctx.token_span(i, i + 2),
            format!("a negative {clause}: SQLite ignores it, PostgreSQL fails with `{clause} must not be negative`"),
            help,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_negative_limits_and_offsets() {
        let sql = "SELECT a FROM t LIMIT -1 OFFSET 5; ";
        assert_eq!(flagged(&super::RULE, sql), ["LIMIT -1"]);
        assert_eq!(flagged(&super::RULE, "SELECT a FROM t LIMIT 1 OFFSET -2;"), ["OFFSET -2"]);
        assert!(flagged(&super::RULE, "SELECT a - 1 FROM t LIMIT 10 - 1;").is_empty());
    }
}
