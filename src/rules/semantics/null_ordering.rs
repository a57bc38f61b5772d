//! `ORDER BY x` without `NULLS FIRST`/`NULLS LAST`: SQLite sorts NULLs as the
//! smallest values (first when ascending), PostgreSQL as the largest (last
//! when ascending), so rows come back in different orders and a `LIMIT`
//! keeps different rows.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use sqlparser::ast::Ident;

use crate::diagnostic::{Engine, Severity};
use crate::history::tables::{Name, last_ident};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::{keyword_runs, targets_both_engines, word};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "null-ordering",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "`ORDER BY` puts NULLs first on SQLite and last on PostgreSQL unless `NULLS FIRST`/`NULLS LAST` says",
    check,
    triggers: &[Keyword::ORDER],
    ..Rule::DEFAULT
};

/// Words that end an `ORDER BY` list at its own nesting level.
const LIST_END: &[Keyword] = &[
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::FETCH,
    Keyword::FOR,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::ROWS,
    Keyword::RANGE,
    Keyword::GROUPS,
    Keyword::WINDOW,
    Keyword::RETURNING,
    Keyword::ON,
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for order in keyword_runs(ctx, &[Keyword::ORDER, Keyword::BY]) {
        for key in sort_keys(ctx, order + 2) {
            if key.clone().any(|i| ctx.keyword(i) == Some(Keyword::NULLS))
                || never_null(ctx, &key)
                || declared_never_null(ctx, &key)
            {
                continue;
            }
            out.report(
                ctx.token_span(key.start, key.end - 1),
                "NULLs sort first here on SQLite and last on PostgreSQL (the reverse with DESC): the engines return the rows in different orders",
                "say where NULLs go: `NULLS FIRST` or `NULLS LAST` (SQLite 3.30+; harmless on a NOT NULL column), or order by `coalesce(x, <default>)`",
            );
        }
    }
}

/// `coalesce(x, 'fallback')`: a key that ends in a literal is never NULL;
/// nor, in practice, is a column named `id` (`id`, `t.id`, `id DESC`).
fn never_null(ctx: &StatementCtx, key: &Range<usize>) -> bool {
    let names: Vec<&str> = key
        .clone()
        .filter(|&i| !matches!(ctx.keyword(i), Some(Keyword::ASC | Keyword::DESC)))
        .filter(|&i| ctx.tokens[i].kind != SqlToken::Period)
        .map(|i| word(ctx, i).unwrap_or(""))
        .collect();
    if names.last().is_some_and(|n| n.eq_ignore_ascii_case("id"))
        && names.len() <= 3
        && names.iter().all(|n| !n.is_empty())
    {
        return true;
    }
    let is_coalesce = word(ctx, key.start)
        .is_some_and(|w| w.eq_ignore_ascii_case("coalesce") || w.eq_ignore_ascii_case("ifnull"));
    let Some(close) = ctx.matching_paren(key.start + 1) else {
        return false;
    };
    is_coalesce
        && ctx.tokens[key.start + 1].kind == SqlToken::LParen
        && matches!(
            ctx.tokens[close - 1].kind,
            SqlToken::SingleQuotedString(_) | SqlToken::Number(..)
        )
}

/// A key that is a column (`c`, `t.c`, `c DESC`) which the project's
/// migrations declare `NOT NULL` or `PRIMARY KEY` in every table of the
/// statement that has it: NULLs cannot come, so their order cannot differ.
fn declared_never_null(ctx: &StatementCtx, key: &Range<usize>) -> bool {
    let (Some(schemas), Some(ast)) = (ctx.schemas, ctx.ast) else {
        return false;
    };
    // An outer join fills a NOT NULL column of its optional side with NULLs.
    let outer_join = (0..ctx.tokens.len()).any(|i| {
        matches!(
            ctx.keyword(i),
            Some(Keyword::LEFT | Keyword::RIGHT | Keyword::FULL)
        )
    });
    if outer_join {
        return false;
    }
    // `c` or `t.c`: words joined by periods, nothing else but ASC/DESC.
    let parts: Vec<&SqlToken> = key
        .clone()
        .filter(|&i| !matches!(ctx.keyword(i), Some(Keyword::ASC | Keyword::DESC)))
        .map(|i| &ctx.tokens[i].kind)
        .collect();
    let column = match parts.as_slice() {
        [SqlToken::Word(c)] | [SqlToken::Word(_), SqlToken::Period, SqlToken::Word(c)] => c,
        _ => return false,
    };
    let column = Name::of(&Ident {
        value: column.value.clone(),
        quote_style: column.quote_style,
        span: sqlparser::tokenizer::Span::empty(),
    });
    let mut tables = Vec::new();
    let _ = sqlparser::ast::visit_relations(ast, |relation| {
        tables.extend(last_ident(relation).map(Name::of));
        std::ops::ControlFlow::<()>::Continue(())
    });
    schemas.never_null(&tables, &column)
}

/// Token ranges of the keys after `ORDER BY`, split at commas of its level.
fn sort_keys(ctx: &StatementCtx, first: usize) -> Vec<Range<usize>> {
    let mut keys = Vec::new();
    let mut start = first;
    let mut depth = 0usize;
    let mut i = first;
    while i < ctx.tokens.len() {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => break,
            SqlToken::RParen => depth -= 1,
            SqlToken::Comma if depth == 0 => {
                keys.push(start..i);
                start = i + 1;
            }
            SqlToken::SemiColon => break,
            _ if depth == 0 && ctx.keyword(i).is_some_and(|k| LIST_END.contains(&k)) => break,
            _ => {}
        }
        i += 1;
    }
    keys.push(start..i);
    keys.retain(|key| !key.is_empty());
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_keys_without_a_nulls_clause() {
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT * FROM t ORDER BY a, lower(b) DESC, c NULLS LAST LIMIT 10"
            ),
            ["a", "lower(b) DESC"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM t ORDER BY x + id"),
            ["x + id"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT row_number() OVER (PARTITION BY g ORDER BY created_at ROWS UNBOUNDED PRECEDING), string_agg(x, ',' ORDER BY x) FROM t"
            ),
            ["created_at", "x"]
        );
    }

    #[test]
    fn ignores_ordered_nulls_and_strings() {
        for sql in [
            "SELECT * FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST",
            "SELECT 'ORDER BY a' FROM t -- ORDER BY b",
            "CREATE INDEX i ON t (a DESC)",
            "SELECT * FROM t ORDER BY coalesce(due, '9999-12-31'), ifnull(n, 0) DESC",
            "SELECT * FROM t ORDER BY id, t.id DESC, s.t.ID",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
