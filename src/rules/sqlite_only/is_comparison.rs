//! `a IS b`, `a IS NOT b` with a value: SQLite's null-safe equality.
//! PostgreSQL only allows NULL, TRUE, FALSE, UNKNOWN or `DISTINCT FROM` after IS.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "is-comparison",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`a IS b` with a value is SQLite-only; PostgreSQL writes `IS NOT DISTINCT FROM`",
    check,
    triggers: &[Keyword::IS],
    ..Rule::DEFAULT
};

/// What PostgreSQL accepts after `IS [NOT]`.
const POSTGRES_IS: [&str; 9] = ["NULL", "TRUE", "FALSE", "UNKNOWN", "DISTINCT", "DOCUMENT", "JSON", "NORMALIZED", "OF"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    // `COMMENT ON COLUMN c IS 'text'`, `SECURITY LABEL … IS 'text'`: PostgreSQL's own IS.
    if ctx.is_word(0, "COMMENT") || ctx.is_word(0, "SECURITY") {
        return;
    }
    for i in 1..ctx.tokens.len().saturating_sub(1) {
        if !ctx.is_word(i, "IS") {
            continue;
        }
        let operand = if ctx.is_word(i + 1, "NOT") { i + 2 } else { i + 1 };
        if operand >= ctx.tokens.len() || POSTGRES_IS.iter().any(|w| ctx.is_word(operand, w)) {
            continue;
        }
        // NFC/NFD… NORMALIZED and the like start with a word PostgreSQL knows there.
        if ["NFC", "NFD", "NFKC", "NFKD"].iter().any(|w| ctx.is_word(operand, w)) {
            continue;
        }
        let negated = operand == i + 2;
        out.report(
            ctx.token_span(i, operand),
            format!(
                "`{}` with a value is SQLite's null-safe comparison; PostgreSQL rejects it as a syntax error",
                if negated { "IS NOT" } else { "IS" }
            ),
            format!(
                "write `a IS {}DISTINCT FROM b` (PostgreSQL; SQLite since 3.39), or spell it out for older SQLite: \
                 `(a = b OR (a IS NULL AND b IS NULL))`",
                if negated { "" } else { "NOT " }
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_values_after_is() {
        let sql = "SELECT * FROM t WHERE a IS b AND c IS NOT 1 AND d IS NULL AND e IS NOT TRUE AND f IS DISTINCT FROM g;";
        assert_eq!(flagged(&super::RULE, sql), ["IS b", "IS NOT 1"]);
    }
}
