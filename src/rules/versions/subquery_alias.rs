//! `FROM (SELECT …)` without an alias: PostgreSQL accepts it from 16 on;
//! SQLite always has.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

pub static RULE: Rule = Rule {
    id: "subquery-alias",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a subquery in `FROM` without an alias needs PostgreSQL 16",
    requires: &[(Engine::Postgres, Version::new(16, 0))],
    check,
    triggers: &[Keyword::SELECT, Keyword::WITH, Keyword::VALUES],
    ..Rule::DEFAULT
};

/// What may follow a derived table's `)` when it has no alias.
const NO_ALIAS: &[Keyword] = &[
    Keyword::WHERE,
    Keyword::GROUP,
    Keyword::ORDER,
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::HAVING,
    Keyword::WINDOW,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::JOIN,
    Keyword::INNER,
    Keyword::LEFT,
    Keyword::RIGHT,
    Keyword::FULL,
    Keyword::CROSS,
    Keyword::NATURAL,
    Keyword::ON,
    Keyword::RETURNING,
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for open in 1..ctx.tokens.len() {
        if ctx.tokens[open].kind != SqlToken::LParen
            || !opens_a_table(ctx, open - 1)
            || !matches!(ctx.keyword(open + 1), Some(Keyword::SELECT | Keyword::WITH | Keyword::VALUES))
        {
            continue;
        }
        let Some(close) = ctx.matching_paren(open) else {
            continue;
        };
        let unaliased = match ctx.tokens.get(close + 1) {
            None => true,
            Some(next) => {
                matches!(next.kind, SqlToken::Comma | SqlToken::RParen | SqlToken::SemiColon)
                    || ctx.keyword(close + 1).is_some_and(|k| NO_ALIAS.contains(&k))
            }
        };
        if unaliased {
            report_if_too_old(
                ctx,
                out,
                ctx.token_span(open, close),
                "a subquery in `FROM` without an alias",
                "name the subquery: `FROM (SELECT …) AS sub`, which every version of both engines accepts",
            );
        }
    }
}

/// Whether token `i` (just before a `(`) starts a table reference: `FROM`,
/// `JOIN`, or a comma inside a `FROM` list.
fn opens_a_table(ctx: &StatementCtx, i: usize) -> bool {
    match ctx.keyword(i) {
        Some(Keyword::FROM | Keyword::JOIN) => true,
        _ if ctx.tokens[i].kind == SqlToken::Comma => in_from_list(ctx, i),
        _ => false,
    }
}

/// Whether the comma at `i` separates tables of a `FROM` clause at its level.
fn in_from_list(ctx: &StatementCtx, comma: usize) -> bool {
    let mut depth = 0usize;
    for j in (0..comma).rev() {
        match ctx.tokens[j].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => return false,
            SqlToken::LParen => depth -= 1,
            _ if depth == 0 => match ctx.keyword(j) {
                Some(Keyword::FROM) => return true,
                Some(Keyword::SELECT | Keyword::WHERE | Keyword::SET | Keyword::VALUES) => return false,
                _ => {}
            },
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["postgres>=15"])
    }

    #[test]
    fn flags_unaliased_derived_tables() {
        assert_eq!(flagged("SELECT count(*) FROM (SELECT 1)"), ["(SELECT 1)"]);
        assert_eq!(
            flagged("SELECT * FROM a, (SELECT id FROM b) WHERE true"),
            ["(SELECT id FROM b)"]
        );
        assert_eq!(
            flagged("INSERT INTO t SELECT x FROM (SELECT max(v) AS x FROM u GROUP BY k)"),
            ["(SELECT max(v) AS x FROM u GROUP BY k)"]
        );
    }

    #[test]
    fn ignores_aliased_subqueries_and_other_parentheses() {
        for sql in [
            "SELECT * FROM (SELECT 1) AS s",
            "SELECT * FROM (SELECT 1) s WHERE true",
            "SELECT * FROM t WHERE id IN (SELECT id FROM u)",
            "SELECT (SELECT 1), count(*) FROM t",
            "SELECT * FROM t JOIN (SELECT 1 AS id) u ON u.id = t.id",
        ] {
            assert!(flagged(sql).is_empty(), "{sql}");
        }
        assert!(findings_with_targets(&RULE, "SELECT * FROM (SELECT 1)", &["postgres>=16"]).is_empty());
    }
}
