//! The keys of every `ORDER BY`: a query's, a window's (`OVER (ORDER BY …)`,
//! `WINDOW w AS (ORDER BY …)`), an aggregate's (`string_agg(x, ',' ORDER BY
//! x)`, `WITHIN GROUP (ORDER BY …)`) and a DELETE's or UPDATE's. Rules ask
//! whether a key says where NULLs go, and what it sorts on. An index's
//! columns (`CREATE INDEX i ON t (a DESC)`) are no ORDER BY: sqlparser reads
//! them as sort keys too, so the tree is walked where ORDER BY is written.
//!
//! From the AST (`from_ast.rs`, with `statement_keys`, `query_keys`,
//! `function_keys`) the tree says which keys there are, what each sorts on
//! and in which direction; the tokens after the expression say where its
//! `ASC|DESC` and `NULLS FIRST|LAST` are written (`options_after`).
//! From the tokens (`scan`) each key runs from `ORDER BY` or a comma of its
//! level to the next, ended by a word of `ENDS_AN_ORDER_BY`.

use std::ops::Range;

use sqlparser::ast::{
    Function, FunctionArgumentClause, FunctionArguments, NamedWindowExpr, OrderByExpr, OrderByKind,
    Query, SetExpr, Statement, WindowType,
};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::token_shapes::expr;
use super::words::ENDS_AN_ORDER_BY;
use super::{Expr, Identifier};
use crate::syntax::statement::StatementTokens;

/// One key of an `ORDER BY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The key as written: its expression with its `ASC|DESC`, `USING op`
    /// and `NULLS FIRST|LAST`.
    pub span: Range<usize>,
    /// What the key sorts on.
    pub expr: Expr,
    /// The parts of the expression when it is a column name (`c`, `t.c`,
    /// `s.t.c`); empty for any other expression.
    pub column: Vec<Identifier>,
    pub descending: bool,
    /// `NULLS FIRST|LAST`, when written.
    pub nulls: Option<Range<usize>>,
}

/// Where a key's `ASC|DESC` and `NULLS FIRST|LAST` are, after its expression.
pub struct Options {
    /// The token after the key.
    pub end: usize,
    pub nulls: Option<Range<usize>>,
}

/// The options written after a key's expression, which ends before token `end`.
pub fn options_after(view: &StatementTokens, mut end: usize) -> Options {
    match view.keyword(end) {
        Some(Keyword::ASC | Keyword::DESC) => end += 1,
        // PostgreSQL's `ORDER BY x USING >`.
        Some(Keyword::USING) if end + 1 < view.tokens.len() => end += 2,
        _ => {}
    }
    let nulls = is_nulls_order(view, end).then(|| {
        end += 2;
        view.token_span(end - 2, end - 1)
    });
    Options { end, nulls }
}

fn is_nulls_order(view: &StatementTokens, i: usize) -> bool {
    view.keyword(i) == Some(Keyword::NULLS)
        && matches!(view.keyword(i + 1), Some(Keyword::FIRST | Keyword::LAST))
}

/// A DELETE's or UPDATE's ORDER BY keys (SQLite's `… ORDER BY … LIMIT n`).
pub fn statement_keys(statement: &Statement) -> &[OrderByExpr] {
    match statement {
        Statement::Delete(delete) => &delete.order_by,
        Statement::Update(update) => &update.order_by,
        _ => &[],
    }
}

/// A call's window keys and aggregate keys.
pub fn function_keys(function: &Function) -> Vec<&OrderByExpr> {
    let mut keys = Vec::new();
    if let Some(WindowType::WindowSpec(spec)) = &function.over {
        keys.extend(&spec.order_by);
    }
    if let FunctionArguments::List(list) = &function.args {
        for clause in &list.clauses {
            if let FunctionArgumentClause::OrderBy(order) = clause {
                keys.extend(order);
            }
        }
    }
    keys.extend(&function.within_group);
    keys
}

/// A query's ORDER BY keys and those of its named windows.
pub fn query_keys(query: &Query) -> Vec<&OrderByExpr> {
    let mut keys = Vec::new();
    if let Some(order) = &query.order_by
        && let OrderByKind::Expressions(order) = &order.kind
    {
        keys.extend(order);
    }
    let mut bodies = vec![query.body.as_ref()];
    while let Some(body) = bodies.pop() {
        match body {
            SetExpr::Select(select) => {
                for window in &select.named_window {
                    if let NamedWindowExpr::WindowSpec(spec) = &window.1 {
                        keys.extend(&spec.order_by);
                    }
                }
            }
            SetExpr::SetOperation { left, right, .. } => {
                bodies.push(left);
                bodies.push(right);
            }
            _ => {}
        }
    }
    keys
}

/// The sort keys the tokens show.
pub fn scan(view: &StatementTokens) -> Vec<SortKey> {
    let mut keys = Vec::new();
    for i in 1..view.tokens.len() {
        if view.keyword(i - 1) == Some(Keyword::ORDER) && view.keyword(i) == Some(Keyword::BY) {
            keys.extend(
                key_ranges(view, i + 1)
                    .into_iter()
                    .map(|key| key_from_tokens(view, key)),
            );
        }
    }
    keys
}

/// Token ranges of the keys from `first`, split at commas of its level.
fn key_ranges(view: &StatementTokens, first: usize) -> Vec<Range<usize>> {
    let mut keys = Vec::new();
    let mut start = first;
    let mut depth = 0usize;
    let mut i = first;
    while i < view.tokens.len() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => break,
            SqlToken::RParen => depth -= 1,
            SqlToken::Comma if depth == 0 => {
                keys.push(start..i);
                start = i + 1;
            }
            SqlToken::SemiColon => break,
            _ if depth == 0
                && view
                    .keyword(i)
                    .is_some_and(|k| ENDS_AN_ORDER_BY.contains(&k)) =>
            {
                break;
            }
            _ => {}
        }
        i += 1;
    }
    keys.push(start..i);
    keys.retain(|key| !key.is_empty());
    keys
}

/// A key from its tokens: the options are its last words.
fn key_from_tokens(view: &StatementTokens, key: Range<usize>) -> SortKey {
    let mut end = key.end;
    let mut nulls = None;
    if end >= key.start + 2 && is_nulls_order(view, end - 2) {
        nulls = Some(view.token_span(end - 2, end - 1));
        end -= 2;
    }
    let mut descending = false;
    if end > key.start + 1 {
        match view.keyword(end - 1) {
            Some(Keyword::ASC) => end -= 1,
            Some(Keyword::DESC) => {
                descending = true;
                end -= 1;
            }
            _ if end >= key.start + 3 && view.keyword(end - 2) == Some(Keyword::USING) => end -= 2,
            _ => {}
        }
    }
    let expression = key.start..end;
    SortKey {
        span: view.token_span(key.start, key.end - 1),
        expr: expr(view, expression.clone()),
        column: column_parts(view, expression),
        descending,
        nulls,
    }
}

/// `c`, `t.c`, `s.t.c`: words joined by periods (not the value `NULL`,
/// `TRUE` or `FALSE`).
fn column_parts(view: &StatementTokens, tokens: Range<usize>) -> Vec<Identifier> {
    let value = |i: usize| {
        matches!(
            view.keyword(i),
            Some(Keyword::NULL | Keyword::TRUE | Keyword::FALSE)
        )
    };
    if tokens.len().is_multiple_of(2) || (tokens.len() == 1 && value(tokens.start)) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    for (n, i) in tokens.enumerate() {
        match &view.tokens[i].kind {
            SqlToken::Word(word) if n % 2 == 0 => parts.push(Identifier {
                span: view.tokens[i].span.clone(),
                value: word.value.clone(),
                quote: word.quote_style,
            }),
            SqlToken::Period if n % 2 == 1 => {}
            _ => return Vec::new(),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::ExprKind;
    use crate::testing::both_models;

    /// (key text, expression text, column parts, descending, NULLS text).
    type Seen = (String, String, Vec<String>, bool, Option<String>);

    fn keys(sql: &str) -> Vec<Seen> {
        let [ast, tokens] = both_models(sql, |m| {
            m.order_by
                .iter()
                .map(|k| {
                    (
                        sql[k.span.clone()].to_string(),
                        sql[k.expr.span.clone()].to_string(),
                        k.column.iter().map(|c| c.value.clone()).collect(),
                        k.descending,
                        k.nulls.clone().map(|n| sql[n].to_string()),
                    )
                })
                .collect::<Vec<Seen>>()
        });
        assert_eq!(ast, tokens, "{sql}");
        ast
    }

    fn key(text: &str, expr: &str, column: &[&str], descending: bool, nulls: Option<&str>) -> Seen {
        (
            text.to_string(),
            expr.to_string(),
            column.iter().map(|c| c.to_string()).collect(),
            descending,
            nulls.map(str::to_string),
        )
    }

    #[test]
    fn query_keys_with_their_options() {
        assert_eq!(
            keys("SELECT * FROM t ORDER BY a, lower(b) DESC, s.t.c NULLS LAST, (d) ASC LIMIT 10"),
            [
                key("a", "a", &["a"], false, None),
                key("lower(b) DESC", "lower(b)", &[], true, None),
                key(
                    "s.t.c NULLS LAST",
                    "s.t.c",
                    &["s", "t", "c"],
                    false,
                    Some("NULLS LAST")
                ),
                key("(d) ASC", "(d)", &[], false, None),
            ]
        );
    }

    #[test]
    fn window_and_aggregate_keys() {
        let sql = "SELECT row_number() OVER (PARTITION BY g ORDER BY created_at DESC ROWS UNBOUNDED PRECEDING), \
                   string_agg(x, ',' ORDER BY x) FROM t";
        assert_eq!(
            keys(sql),
            [
                key("created_at DESC", "created_at", &["created_at"], true, None),
                key("x", "x", &["x"], false, None),
            ]
        );
    }

    #[test]
    fn keys_of_subqueries_and_unions() {
        let sql = "SELECT a FROM (SELECT a FROM t ORDER BY b) AS s UNION SELECT c FROM u ORDER BY 1 DESC NULLS FIRST";
        assert_eq!(
            keys(sql),
            [
                key("b", "b", &["b"], false, None),
                key("1 DESC NULLS FIRST", "1", &[], true, Some("NULLS FIRST")),
            ]
        );
    }

    #[test]
    fn a_key_knows_its_expression() {
        let [ast, tokens] = both_models("SELECT * FROM t ORDER BY coalesce(a, -1)", |m| {
            m.order_by[0].expr.kind.clone()
        });
        assert_eq!(ast, tokens);
        let ExprKind::Call(name, args) = ast else {
            panic!("a call: {ast:?}");
        };
        assert_eq!(name, "coalesce");
        assert_eq!(args.last().map(|a| &a.kind), Some(&ExprKind::Number));
    }

    #[test]
    fn index_columns_are_no_order_by() {
        assert!(keys("CREATE INDEX i ON t (a DESC, b)").is_empty());
        assert!(keys("CREATE TABLE t (a INT, PRIMARY KEY (a DESC))").is_empty());
    }
}
