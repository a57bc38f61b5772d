//! `ORDER BY x` without `NULLS FIRST`/`NULLS LAST`: SQLite sorts NULLs as the
//! smallest values (first when ascending), PostgreSQL as the largest (last
//! when ascending), so rows come back in different orders and a `LIMIT`
//! keeps different rows.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::history::tables::Name;
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};
use crate::syntax::model::order_by::SortKey;
use crate::syntax::model::{ExprKind, Identifier};

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

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for key in &ctx.model().order_by {
        if key.nulls.is_some() || never_null(key) || declared_never_null(ctx, key) {
            continue;
        }
        out.report(
            key.span.clone(),
            "NULLs sort first here on SQLite and last on PostgreSQL (the reverse with DESC): the engines return the rows in different orders",
            "say where NULLs go: `NULLS FIRST` or `NULLS LAST` (SQLite 3.30+; harmless on a NOT NULL column), or order by `coalesce(x, <default>)`",
        );
    }
}

/// `coalesce(x, 'fallback')`: a key that ends in a literal is never NULL;
/// nor, in practice, is a column named `id` (`id`, `t.id`, `s.t.id`).
fn never_null(key: &SortKey) -> bool {
    if key.column.len() <= 3
        && key
            .column
            .last()
            .is_some_and(|c| c.value.eq_ignore_ascii_case("id"))
    {
        return true;
    }
    match &key.expr.kind {
        ExprKind::Call(name, args) if name == "coalesce" || name == "ifnull" => matches!(
            args.last().map(|a| &a.kind),
            Some(ExprKind::String(_) | ExprKind::Number)
        ),
        _ => false,
    }
}

/// A key that is a column (`c`, `t.c`) which the project's migrations
/// declare `NOT NULL` or `PRIMARY KEY` in every table of the statement that
/// has it: NULLs cannot come, so their order cannot differ.
fn declared_never_null(ctx: &StatementCtx, key: &SortKey) -> bool {
    let Some(schemas) = ctx.schemas else {
        return false;
    };
    let model = ctx.model();
    // An outer join fills a NOT NULL column of its optional side with NULLs.
    let outer_join = [
        ClauseKind::LeftJoin,
        ClauseKind::RightJoin,
        ClauseKind::FullJoin,
    ]
    .into_iter()
    .any(|kind| clauses_of(model, kind).next().is_some());
    let column = match key.column.as_slice() {
        [column] | [_, column] if !outer_join => column,
        _ => return false,
    };
    let tables: Vec<Name> = model.relations.iter().map(name).collect();
    schemas.never_null(&tables, &name(column))
}

fn name(identifier: &Identifier) -> Name {
    Name {
        text: identifier.value.clone(),
        quoted: identifier.quote.is_some(),
    }
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
