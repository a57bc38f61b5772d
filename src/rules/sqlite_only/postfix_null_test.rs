//! `WHERE x NOT NULL`: SQLite's postfix null test. PostgreSQL knows
//! `x IS NOT NULL` and `x NOTNULL`, not `x NOT NULL`.

use sqlparser::keywords::Keyword;
use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::model::is_create_table;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postfix-null-test",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`x NOT NULL` as a condition is SQLite-only; write `x IS NOT NULL`",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::NOT],
    ..Rule::DEFAULT
};

/// Statements made of expressions, where `NOT NULL` is never a column constraint.
const EXPRESSION_STATEMENTS: [&str; 8] = ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES", "CREATE"];

/// Words after which `NOT NULL` starts a new operand rather than testing one.
const NOT_AN_OPERAND: [&str; 14] = [
    "IS", "NOT", "AND", "OR", "WHERE", "WHEN", "THEN", "ELSE", "SET", "ON", "SELECT", "DEFAULT", "CHECK", "RETURN",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for region in expression_regions(ctx) {
        for i in region.start.max(1)..region.end.saturating_sub(1) {
            let postfix = ctx.is_word(i, "NOT") && ctx.is_word(i + 1, "NULL") && ends_operand(ctx, i - 1);
            if !postfix {
                continue;
            }
            out.report(
                ctx.token_span(i, i + 1),
                "postfix `NOT NULL` test: SQLite accepts `x NOT NULL`, PostgreSQL rejects it as a syntax error",
                "write `x IS NOT NULL`, the standard spelling both engines run",
            )
            .with_fix(Fix {
                applicability: Applicability::Safe,
                message: "write `IS NOT NULL`".into(),
                edits: vec![Edit {
                    span: ctx.tokens[i].span.start..ctx.tokens[i].span.start,
                    replacement: "IS ".into(),
                }],
            });
        }
    }
}

/// Whether token `i` can end an operand: a name, a literal or a `)`.
fn ends_operand(ctx: &StatementCtx, i: usize) -> bool {
    match &ctx.tokens[i].kind {
        SqlToken::Word(w) => {
            w.quote_style.is_some() || !NOT_AN_OPERAND.iter().any(|k| w.value.eq_ignore_ascii_case(k))
        }
        SqlToken::Number(..) | SqlToken::SingleQuotedString(_) | SqlToken::RParen => true,
        _ => false,
    }
}

/// Token ranges holding expressions: the whole statement for queries, DML,
/// views, indexes and triggers; only the CHECK, DEFAULT and generated-column
/// parentheses of a table definition, where `NOT NULL` is otherwise a constraint.
fn expression_regions(ctx: &StatementCtx) -> Vec<Range<usize>> {
    let Some(first) = ctx.bare_word(0) else {
        return Vec::new();
    };
    let first = first.to_ascii_uppercase();
    let defines_table = (is_create_table(ctx) && !ctx.tokens.iter().enumerate().any(|(i, _)| ctx.is_word(i, "SELECT")))
        || first == "ALTER";
    if defines_table {
        return (0..ctx.tokens.len())
            .filter(|&i| {
                ["CHECK", "DEFAULT", "AS"].iter().any(|k| ctx.is_word(i, k))
                    && ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen)
            })
            .filter_map(|i| ctx.matching_paren(i + 1).map(|close| i + 2..close))
            .collect();
    }
    if !EXPRESSION_STATEMENTS.contains(&first.as_str()) {
        return Vec::new();
    }
    if first == "CREATE" && !(1..4).any(|i| ["VIEW", "INDEX", "TRIGGER"].iter().any(|k| ctx.is_word(i, k))) {
        return Vec::new();
    }
    #[allow(clippy::single_range_in_vec_init)] // one region: the whole statement
    let whole = vec![0..ctx.tokens.len()];
    whole
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_conditions_not_constraints() {
        let sql = "INSERT INTO s SELECT id FROM t WHERE id NOT NULL AND (b) NOT NULL AND c IS NOT NULL;";
        assert_eq!(flagged(&super::RULE, sql), ["NOT NULL", "NOT NULL"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "INSERT INTO s SELECT id FROM t WHERE id IS NOT NULL AND (b) IS NOT NULL AND c IS NOT NULL;"
        );
        assert!(flagged(&super::RULE, "CREATE TABLE t (a my_type NOT NULL, b INT NOT NULL);").is_empty());
        assert!(flagged(&super::RULE, "ALTER TABLE t ALTER COLUMN a SET NOT NULL;").is_empty());
        assert!(flagged(&super::RULE, "CREATE DOMAIN d AS text NOT NULL;").is_empty());
    }

    #[test]
    fn flags_inside_table_checks_and_partial_indexes() {
        assert_eq!(flagged(&super::RULE, "CREATE TABLE t (a INT NOT NULL, CHECK (a NOT NULL));"), ["NOT NULL"]);
        assert_eq!(flagged(&super::RULE, "CREATE INDEX i ON t (a) WHERE b NOT NULL;"), ["NOT NULL"]);
    }
}
