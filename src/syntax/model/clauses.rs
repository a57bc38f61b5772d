//! Query clauses rules ask about: `DISTINCT ON (…)`, `LATERAL`,
//! `DELETE … USING`, `RETURNING`, `RIGHT JOIN`, `FULL JOIN`.
//!
//! sqlparser keeps no span for a clause's keywords, so as for column
//! definitions the tokens say where each clause is written (`from_tokens`)
//! and, when a dialect parsed the statement, the AST says which are there
//! (`from_ast` keeps at most as many of each kind as the tree holds: a
//! column named `lateral` is no clause).

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Distinct, JoinOperator, Select, Statement, TableFactor, Visit, Visitor};
use sqlparser::keywords::Keyword;

use crate::syntax::statement::StatementTokens;

/// One clause, located by its keywords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    /// What a finding points at: see each kind.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// `DISTINCT ON (…)`, up to its `)`.
    DistinctOn,
    /// The `LATERAL` of a subquery or function in `FROM`.
    Lateral,
    /// The `USING` of `DELETE FROM t [AS a] USING …`.
    DeleteUsing,
    /// `RETURNING …` of an INSERT, UPDATE or DELETE, to the statement's end.
    Returning,
    /// `RIGHT [OUTER] JOIN`.
    RightJoin,
    /// `FULL [OUTER] JOIN`.
    FullJoin,
}

const KINDS: [ClauseKind; 6] = [
    ClauseKind::DistinctOn,
    ClauseKind::Lateral,
    ClauseKind::DeleteUsing,
    ClauseKind::Returning,
    ClauseKind::RightJoin,
    ClauseKind::FullJoin,
];

/// The clauses the tokens show, in source order.
pub fn from_tokens(view: &StatementTokens) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for i in 0..view.tokens.len() {
        if let Some((kind, last)) = clause_at(view, i) {
            clauses.push(Clause {
                kind,
                span: view.token_span(i, last),
            });
        }
    }
    if let Some(using) = delete_using(view) {
        clauses.push(Clause {
            kind: ClauseKind::DeleteUsing,
            span: view.tokens[using].span.clone(),
        });
    }
    clauses.sort_by_key(|c| c.span.start);
    clauses
}

/// The clauses the tokens show that the AST holds too.
pub fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<Clause> {
    let mut counter = Counter::default();
    let _ = ast.visit(&mut counter);
    let mut clauses = from_tokens(view);
    for kind in KINDS {
        let mut allowed = counter.count(kind);
        clauses.retain(|c| {
            if c.kind != kind {
                return true;
            }
            let keep = allowed > 0;
            allowed = allowed.saturating_sub(1);
            keep
        });
    }
    clauses
}

/// The clause that starts at token `i`, with its last token.
fn clause_at(view: &StatementTokens, i: usize) -> Option<(ClauseKind, usize)> {
    match view.keyword(i)? {
        Keyword::DISTINCT if view.keyword(i + 1) == Some(Keyword::ON) => {
            let close = view.matching_paren(i + 2).unwrap_or(i + 1);
            Some((ClauseKind::DistinctOn, close))
        }
        Keyword::LATERAL => Some((ClauseKind::Lateral, i)),
        Keyword::RETURNING if is_dml(view) => Some((ClauseKind::Returning, view.tokens.len() - 1)),
        Keyword::RIGHT => outer_join(view, i).map(|join| (ClauseKind::RightJoin, join)),
        Keyword::FULL => outer_join(view, i).map(|join| (ClauseKind::FullJoin, join)),
        _ => None,
    }
}

/// The `JOIN` of `RIGHT|FULL [OUTER] JOIN` starting at `i`.
fn outer_join(view: &StatementTokens, i: usize) -> Option<usize> {
    let join = if view.keyword(i + 1) == Some(Keyword::OUTER) {
        i + 2
    } else {
        i + 1
    };
    (view.keyword(join) == Some(Keyword::JOIN)).then_some(join)
}

/// The `USING` within `DELETE FROM [ONLY] t [[AS] a] USING`.
fn delete_using(view: &StatementTokens) -> Option<usize> {
    let delete = (0..view.tokens.len()).find(|&i| {
        view.keyword(i) == Some(Keyword::DELETE) && view.keyword(i + 1) == Some(Keyword::FROM)
    })?;
    let mut table_reference = delete + 2..(delete + 7).min(view.tokens.len());
    let using = table_reference.find(|&i| view.keyword(i) == Some(Keyword::USING))?;
    let after_where = (delete + 2..using).any(|i| view.keyword(i) == Some(Keyword::WHERE));
    (!after_where).then_some(using)
}

/// Whether the statement is DML (`INSERT`, `UPDATE`, `DELETE`, `REPLACE`,
/// possibly behind a `WITH` clause): only there is `RETURNING` a clause.
fn is_dml(view: &StatementTokens) -> bool {
    let verbs = [
        Keyword::INSERT,
        Keyword::UPDATE,
        Keyword::DELETE,
        Keyword::REPLACE,
    ];
    match view.keyword(0) {
        Some(Keyword::WITH) => {
            (1..view.tokens.len()).any(|i| view.keyword(i).is_some_and(|k| verbs.contains(&k)))
        }
        Some(first) => verbs.contains(&first),
        None => false,
    }
}

/// How many clauses of each kind the AST holds.
#[derive(Default)]
struct Counter {
    distinct_on: usize,
    lateral: usize,
    delete_using: usize,
    returning: usize,
    right_join: usize,
    full_join: usize,
}

impl Counter {
    fn count(&self, kind: ClauseKind) -> usize {
        match kind {
            ClauseKind::DistinctOn => self.distinct_on,
            ClauseKind::Lateral => self.lateral,
            ClauseKind::DeleteUsing => self.delete_using,
            ClauseKind::Returning => self.returning,
            ClauseKind::RightJoin => self.right_join,
            ClauseKind::FullJoin => self.full_join,
        }
    }

    fn joins(&mut self, select: &Select) {
        for join in select.from.iter().flat_map(|table| &table.joins) {
            match join.join_operator {
                JoinOperator::Right(_) | JoinOperator::RightOuter(_) => self.right_join += 1,
                JoinOperator::FullOuter(_) => self.full_join += 1,
                _ => {}
            }
        }
    }
}

impl Visitor for Counter {
    type Break = ();

    fn pre_visit_select(&mut self, select: &Select) -> ControlFlow<()> {
        if matches!(select.distinct, Some(Distinct::On(_))) {
            self.distinct_on += 1;
        }
        self.joins(select);
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        let lateral = match factor {
            TableFactor::Derived { lateral, .. } | TableFactor::Function { lateral, .. } => {
                *lateral
            }
            _ => false,
        };
        self.lateral += usize::from(lateral);
        ControlFlow::Continue(())
    }

    fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
        let returning = match statement {
            Statement::Insert(insert) => insert.returning.is_some(),
            Statement::Update(update) => update.returning.is_some(),
            Statement::Delete(delete) => {
                self.delete_using += usize::from(delete.using.is_some());
                delete.returning.is_some()
            }
            _ => false,
        };
        self.returning += usize::from(returning);
        ControlFlow::Continue(())
    }
}

/// The model's clauses of one kind.
pub fn clauses_of(model: &super::Model, kind: ClauseKind) -> impl Iterator<Item = &Clause> {
    model.clauses.iter().filter(move |c| c.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// Each clause as (kind, text): from the AST, then from the tokens.
    fn both(sql: &str) -> (Vec<(ClauseKind, String)>, Vec<(ClauseKind, String)>) {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let listed = |model: &Model| {
                let texts = model.clauses.iter();
                texts
                    .map(|c| (c.kind, sql[c.span.clone()].to_string()))
                    .collect()
            };
            (
                listed(ctx.model()),
                listed(&Model::from_tokens(ctx.tokens_view())),
            )
        })
    }

    fn expect(sql: &str, expected: &[(ClauseKind, &str)]) {
        let expected: Vec<(ClauseKind, String)> =
            expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
        let (ast, tokens) = both(sql);
        assert_eq!(ast, expected, "from the AST: {sql}");
        assert_eq!(tokens, expected, "from the tokens: {sql}");
    }

    #[test]
    fn select_clauses_both_ways() {
        expect(
            "SELECT DISTINCT ON (a) a FROM t RIGHT JOIN u ON t.id = u.id \
             FULL OUTER JOIN v ON true, LATERAL (SELECT 1) AS x",
            &[
                (ClauseKind::DistinctOn, "DISTINCT ON (a)"),
                (ClauseKind::RightJoin, "RIGHT JOIN"),
                (ClauseKind::FullJoin, "FULL OUTER JOIN"),
                (ClauseKind::Lateral, "LATERAL"),
            ],
        );
        expect(
            "SELECT * FROM t CROSS JOIN LATERAL generate_series(1, t.n) AS g",
            &[(ClauseKind::Lateral, "LATERAL")],
        );
    }

    #[test]
    fn delete_using_and_returning_both_ways() {
        expect(
            "DELETE FROM t AS a USING u WHERE a.id = u.id RETURNING a.id",
            &[
                (ClauseKind::DeleteUsing, "USING"),
                (ClauseKind::Returning, "RETURNING a.id"),
            ],
        );
        expect(
            "UPDATE t SET a = 1 RETURNING *",
            &[(ClauseKind::Returning, "RETURNING *")],
        );
        expect(
            "DELETE FROM t WHERE id IN (SELECT id FROM u JOIN v USING (id))",
            &[],
        );
    }

    #[test]
    fn a_column_named_like_a_keyword_is_no_clause_when_parsed() {
        let (ast, tokens) = both("SELECT lateral FROM t");
        assert_eq!(ast, []);
        assert_eq!(tokens, [(ClauseKind::Lateral, "lateral".to_string())]);
    }
}
