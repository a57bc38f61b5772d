//! `INSERT INTO t SELECT … FROM u ON CONFLICT …`: an upsert whose `ON
//! CONFLICT` comes right after the SELECT's FROM clause (no WHERE, GROUP BY,
//! HAVING, WINDOW, ORDER BY or LIMIT between), where SQLite reads the `ON`
//! as a join condition. The tree says what the INSERT's source ends with;
//! the `ON CONFLICT` words are its last top-level ones in the tokens.
//! Without an AST, the last top-level clause word before them decides.

use std::ops::Range;

use sqlparser::ast::{GroupByExpr, Insert, OnInsert, Query, SetExpr, Statement};
use sqlparser::tokenizer::Token as SqlToken;

use super::words::QUERY_CLAUSE_WORDS;
use crate::syntax::statement::StatementTokens;

/// The `ON CONFLICT` words of such an upsert.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Option<Range<usize>> {
    let insert = match ast {
        Statement::Insert(insert) => insert,
        Statement::Query(query) => match query.body.as_ref() {
            SetExpr::Insert(Statement::Insert(insert)) => insert,
            _ => return None,
        },
        _ => return None,
    };
    let upsert = matches!(insert.on, Some(OnInsert::OnConflict(_)));
    if !(upsert && source_ends_with_from(insert)) {
        return None;
    }
    let on = top_level(view)
        .into_iter()
        .rfind(|&i| view.words_at(i, &["ON", "CONFLICT"]))?;
    Some(view.token_span(on, on + 1))
}

/// Whether the INSERT's query ends with a FROM clause.
fn source_ends_with_from(insert: &Insert) -> bool {
    let Some(query) = insert.source.as_deref() else {
        return false;
    };
    query.order_by.is_none()
        && query.limit_clause.is_none()
        && query.fetch.is_none()
        && body_ends_with_from(query)
}

fn body_ends_with_from(query: &Query) -> bool {
    let mut body = query.body.as_ref();
    // `SELECT … UNION SELECT … FROM u`: the last SELECT ends the source.
    while let SetExpr::SetOperation { right, .. } = body {
        body = right.as_ref();
    }
    let SetExpr::Select(select) = body else {
        return false;
    };
    let grouped = match &select.group_by {
        GroupByExpr::Expressions(expressions, modifiers) => {
            !expressions.is_empty() || !modifiers.is_empty()
        }
        GroupByExpr::All(_) => true,
    };
    !select.from.is_empty()
        && select.selection.is_none()
        && !grouped
        && select.having.is_none()
        && select.named_window.is_empty()
        && select.qualify.is_none()
}

/// The same, from the tokens: the last top-level clause word before the
/// first top-level `ON CONFLICT` is `FROM`.
pub(super) fn scan(view: &StatementTokens) -> Option<Range<usize>> {
    let top = top_level(view);
    let on = top
        .iter()
        .copied()
        .find(|&i| view.words_at(i, &["ON", "CONFLICT"]))?;
    let last_clause = top
        .into_iter()
        .take_while(|&i| i < on)
        .filter(|&i| QUERY_CLAUSE_WORDS.iter().any(|w| view.is_word(i, w)))
        .last()?;
    view.is_word(last_clause, "FROM")
        .then(|| view.token_span(on, on + 1))
}

/// Token indices outside any parentheses.
fn top_level(view: &StatementTokens) -> Vec<usize> {
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (i, token) in view.tokens.iter().enumerate() {
        match token.kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 => found.push(i),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// The `ON CONFLICT` text from the AST and from the tokens.
    fn both(sql: &str) -> [Option<String>; 2] {
        with_statement(sql, |ctx| {
            let seen = |m: &Model| {
                m.upsert_after_from
                    .as_ref()
                    .map(|s| sql[s.clone()].to_string())
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    #[test]
    fn on_conflict_right_after_from() {
        let on = Some("ON CONFLICT".to_string());
        for sql in [
            "INSERT INTO l (a, b) SELECT id, 0 FROM u ON CONFLICT (a, b) DO NOTHING",
            "INSERT INTO l (a) SELECT x.id FROM u x JOIN v y ON x.id = y.id ON CONFLICT DO NOTHING",
            "WITH q AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM q ON CONFLICT DO NOTHING",
        ] {
            assert_eq!(both(sql), [on.clone(), on.clone()], "{sql}");
        }
    }

    #[test]
    fn other_clauses_or_no_from_before_it() {
        for sql in [
            "INSERT INTO l (a) VALUES (1) ON CONFLICT DO NOTHING",
            "INSERT INTO l (a) SELECT id FROM u WHERE id > 0 ON CONFLICT DO NOTHING",
            "INSERT INTO l (a) SELECT (SELECT 1 FROM u) ON CONFLICT DO NOTHING",
            "INSERT INTO l (a) SELECT id FROM u ORDER BY id ON CONFLICT DO NOTHING",
            "INSERT INTO l (a) SELECT id FROM u",
        ] {
            assert_eq!(both(sql), [None, None], "{sql}");
        }
    }
}
