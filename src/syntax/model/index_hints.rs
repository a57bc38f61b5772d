//! SQLite's index hints on a table in `FROM`/`JOIN`: `INDEXED BY name` and
//! `NOT INDEXED`. The AST says which table has one (`TableFactor::Table`'s
//! `index_directives`, SQLite's dialect only); sqlparser keeps no span for
//! the words, so the tokens say where. Without an AST the tokens say both.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Spanned, Statement, TableFactor, TableIndexDirective, Visit, Visitor};

use crate::syntax::statement::StatementTokens;

/// One index hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexHint {
    pub kind: IndexHintKind,
    /// `INDEXED BY name` or `NOT INDEXED`.
    pub span: Range<usize>,
    /// Where the table (or its alias) before the hint ends: removing
    /// `after..span.end` leaves the table as if the hint were never written.
    pub after: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexHintKind {
    IndexedBy,
    NotIndexed,
}

/// The hints the AST's tables have, located in the tokens.
pub fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<IndexHint> {
    let written = scan(view);
    // Only hints the tokens spell are kept: without one, no walk.
    if written.is_empty() {
        return written;
    }
    let mut finder = Finder {
        view,
        written,
        found: Vec::new(),
    };
    let _ = ast.visit(&mut finder);
    finder.found.sort_by_key(|h| h.span.start);
    finder.found
}

struct Finder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    /// Every hint the tokens spell, taken as the AST's tables claim them.
    written: Vec<IndexHint>,
    found: Vec<IndexHint>,
}

impl Visitor for Finder<'_, '_> {
    type Break = ();

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table {
            name,
            index_directives,
            ..
        } = factor
        {
            let table_end = self.view.file.range(name.span()).map_or(0, |r| r.end);
            for directive in index_directives {
                let kind = match directive {
                    TableIndexDirective::IndexedBy(_) => IndexHintKind::IndexedBy,
                    TableIndexDirective::NotIndexed => IndexHintKind::NotIndexed,
                    TableIndexDirective::MySql(_) => continue,
                };
                // The first hint of that kind written after the table's name.
                let at = self
                    .written
                    .iter()
                    .position(|h| h.kind == kind && h.span.start >= table_end);
                if let Some(at) = at {
                    self.found.push(self.written.remove(at));
                }
            }
        }
        ControlFlow::Continue(())
    }
}

/// Every `INDEXED BY name` and `NOT INDEXED` the tokens spell.
pub fn scan(view: &StatementTokens) -> Vec<IndexHint> {
    (1..view.tokens.len())
        .filter_map(|i| hint_at(view, i))
        .collect()
}

/// The hint whose `INDEXED` is token `i`.
fn hint_at(view: &StatementTokens, i: usize) -> Option<IndexHint> {
    let (kind, first, last) = if view.words_at(i, &["INDEXED", "BY"]) && i + 2 < view.tokens.len() {
        (IndexHintKind::IndexedBy, i, i + 2)
    } else if i >= 2 && view.words_at(i - 1, &["NOT", "INDEXED"]) {
        (IndexHintKind::NotIndexed, i - 1, i)
    } else {
        return None;
    };
    Some(IndexHint {
        kind,
        span: view.token_span(first, last),
        after: view.tokens[first - 1].span.end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// The hints as (kind, text, text removed with them), from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(IndexHintKind, String, String)>; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let seen = |hints: &[IndexHint]| {
                hints
                    .iter()
                    .map(|h| {
                        (
                            h.kind,
                            sql[h.span.clone()].to_string(),
                            sql[h.after..h.span.end].to_string(),
                        )
                    })
                    .collect()
            };
            [
                seen(&ctx.model().index_hints),
                seen(&Model::from_tokens(ctx.tokens_view()).index_hints),
            ]
        })
    }

    #[test]
    fn hints_after_tables_and_their_aliases() {
        let expected = vec![
            (
                IndexHintKind::IndexedBy,
                "INDEXED BY \"i\"".to_string(),
                " INDEXED BY \"i\"".to_string(),
            ),
            (
                IndexHintKind::NotIndexed,
                "NOT INDEXED".to_string(),
                " NOT INDEXED".to_string(),
            ),
        ];
        let sql = "SELECT a FROM t AS x INDEXED BY \"i\" JOIN u y NOT INDEXED ON x.a = y.a";
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn a_column_named_indexed_is_no_hint_in_the_tree() {
        let [ast, tokens] = both("SELECT * FROM t WHERE NOT indexed");
        assert!(ast.is_empty());
        // The tokens alone cannot tell: the fallback errs towards the hint.
        assert_eq!(tokens.len(), 1);
    }
}
