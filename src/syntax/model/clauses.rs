//! Query clauses rules ask about: `DISTINCT ON (…)`, `LATERAL`,
//! `DELETE … USING`, `UPDATE … FROM`, `RETURNING`, `LEFT JOIN`, `RIGHT JOIN`, `FULL JOIN`,
//! `NULLS FIRST|LAST`, row locks, `FETCH FIRST`, `IN ()`, upserts.
//!
//! sqlparser keeps no span for a clause's keywords, so as for column
//! definitions the tokens say where each clause is written (`from_tokens`)
//! and, when a dialect parsed the statement, the AST says which are there
//! (`from_ast` keeps at most as many of each kind as the tree holds: a
//! column named `lateral` is no clause).

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{
    ConflictTarget, Distinct, Expr, InTarget, JoinOperator, OnInsert, OrderByExpr, Query, Select,
    SetExpr, Statement, TableFactor, Visit, Visitor,
};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

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
    /// `LEFT [OUTER] JOIN`.
    LeftJoin,
    /// `RIGHT [OUTER] JOIN`.
    RightJoin,
    /// `FULL [OUTER] JOIN`.
    FullJoin,
    /// The `FROM` of `UPDATE t SET … FROM …`.
    UpdateFrom,
    /// `NULLS FIRST` or `NULLS LAST` of an ordering.
    NullsOrder,
    /// `FOR UPDATE|SHARE|NO KEY …|KEY SHARE`: the first two words.
    RowLock,
    /// `FETCH FIRST|NEXT … ROWS ONLY|WITH TIES`.
    Fetch,
    /// `IN ()`: an empty list.
    EmptyInList,
    /// `ON CONFLICT … DO x` of an INSERT, up to the action's first word.
    Upsert,
    /// `ON CONFLICT ON CONSTRAINT name`.
    OnConflictOnConstraint,
    /// The `OVER` of a window function call.
    Over,
    /// The `FILTER` of an aggregate's `FILTER (WHERE …)`.
    AggregateFilter,
    /// The INSERT, UPDATE or DELETE inside `WITH x AS (…)`, without the parentheses.
    DataModifyingCte,
}

const KINDS: [ClauseKind; 17] = [
    ClauseKind::DistinctOn,
    ClauseKind::Lateral,
    ClauseKind::DeleteUsing,
    ClauseKind::Returning,
    ClauseKind::LeftJoin,
    ClauseKind::RightJoin,
    ClauseKind::FullJoin,
    ClauseKind::UpdateFrom,
    ClauseKind::NullsOrder,
    ClauseKind::RowLock,
    ClauseKind::Fetch,
    ClauseKind::EmptyInList,
    ClauseKind::Upsert,
    ClauseKind::OnConflictOnConstraint,
    ClauseKind::Over,
    ClauseKind::AggregateFilter,
    ClauseKind::DataModifyingCte,
];

/// The clauses the tokens show, in source order.
pub fn from_tokens(view: &StatementTokens) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for i in 0..view.tokens.len() {
        for (kind, last) in [clause_at(view, i), upsert_at(view, i)]
            .into_iter()
            .flatten()
        {
            clauses.push(Clause {
                kind,
                span: view.token_span(i, last),
            });
        }
        clauses.extend(data_modifying_cte(view, i));
    }
    let statement_level = [
        (ClauseKind::DeleteUsing, delete_using(view)),
        (ClauseKind::UpdateFrom, update_from(view)),
    ];
    for (kind, keyword) in statement_level {
        if let Some(i) = keyword {
            clauses.push(Clause {
                kind,
                span: view.tokens[i].span.clone(),
            });
        }
    }
    clauses.sort_by_key(|c| c.span.start);
    clauses
}

/// The clauses the tokens show that the AST holds too.
pub fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<Clause> {
    let mut clauses = from_tokens(view);
    // The tree only confirms what the tokens located: no walk for nothing.
    if clauses.is_empty() {
        return clauses;
    }
    let mut counter = Counter::default();
    let _ = ast.visit(&mut counter);
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
        Keyword::LEFT => outer_join(view, i).map(|join| (ClauseKind::LeftJoin, join)),
        Keyword::RIGHT => outer_join(view, i).map(|join| (ClauseKind::RightJoin, join)),
        Keyword::FULL => outer_join(view, i).map(|join| (ClauseKind::FullJoin, join)),
        Keyword::NULLS if matches!(view.keyword(i + 1), Some(Keyword::FIRST | Keyword::LAST)) => {
            Some((ClauseKind::NullsOrder, i + 1))
        }
        Keyword::FOR if is_lock_strength(view.keyword(i + 1)) => Some((ClauseKind::RowLock, i + 1)),
        Keyword::FETCH if matches!(view.keyword(i + 1), Some(Keyword::FIRST | Keyword::NEXT)) => {
            let end = (i..view.tokens.len())
                .find(|&j| matches!(view.keyword(j), Some(Keyword::ONLY | Keyword::TIES)))
                .unwrap_or(i + 1);
            Some((ClauseKind::Fetch, end))
        }
        Keyword::IN if is_empty_list(view, i + 1) => Some((ClauseKind::EmptyInList, i + 2)),
        Keyword::ON if view.keyword(i + 1) == Some(Keyword::CONFLICT) => {
            on_constraint(view, i).map(|last| (ClauseKind::OnConflictOnConstraint, last))
        }
        Keyword::OVER if follows_call(view, i) => Some((ClauseKind::Over, i)),
        Keyword::FILTER if follows_call(view, i) && is_open(view, i + 1) => {
            Some((ClauseKind::AggregateFilter, i))
        }
        _ => None,
    }
}

/// Whether token `i` follows a `)`, as `OVER` and `FILTER` follow a call.
fn follows_call(view: &StatementTokens, i: usize) -> bool {
    i > 0 && view.tokens[i - 1].kind == SqlToken::RParen
}

fn is_open(view: &StatementTokens, i: usize) -> bool {
    view.tokens
        .get(i)
        .is_some_and(|t| t.kind == SqlToken::LParen)
}

/// `AS [[NOT] MATERIALIZED] (INSERT|UPDATE|DELETE …)` at `as_`: the
/// statement inside the parentheses (its first and last token).
fn data_modifying_cte(view: &StatementTokens, as_: usize) -> Option<Clause> {
    if view.keyword(0) != Some(Keyword::WITH) || view.keyword(as_) != Some(Keyword::AS) {
        return None;
    }
    let opens_cte = is_open(view, as_ + 1)
        || view.keyword(as_ + 1) == Some(Keyword::MATERIALIZED)
        || view.keyword(as_ + 1) == Some(Keyword::NOT)
            && view.keyword(as_ + 2) == Some(Keyword::MATERIALIZED);
    if !opens_cte {
        return None;
    }
    let open = (as_ + 1..view.tokens.len()).find(|&j| is_open(view, j))?;
    let verb = open + 1;
    let modifies = matches!(
        view.keyword(verb),
        Some(Keyword::INSERT | Keyword::UPDATE | Keyword::DELETE)
    );
    if !modifies {
        return None;
    }
    let close = view.matching_paren(open).unwrap_or(verb);
    Some(Clause {
        kind: ClauseKind::DataModifyingCte,
        span: view.token_span(verb, close.saturating_sub(1).max(verb)),
    })
}

/// Whether the word after `FOR` starts a row lock strength.
fn is_lock_strength(word: Option<Keyword>) -> bool {
    matches!(
        word,
        Some(Keyword::UPDATE | Keyword::SHARE | Keyword::NO | Keyword::KEY)
    )
}

/// Whether tokens `open` and the next are `(` `)`.
fn is_empty_list(view: &StatementTokens, open: usize) -> bool {
    let kind = |i: usize| view.tokens.get(i).map(|t| &t.kind);
    kind(open) == Some(&SqlToken::LParen) && kind(open + 1) == Some(&SqlToken::RParen)
}

/// The last token of `ON CONFLICT ON CONSTRAINT name` starting at `on`.
fn on_constraint(view: &StatementTokens, on: usize) -> Option<usize> {
    let named = view.keyword(on + 2) == Some(Keyword::ON)
        && view.keyword(on + 3) == Some(Keyword::CONSTRAINT);
    named.then(|| (on + 4).min(view.tokens.len() - 1))
}

/// An upsert's `ON CONFLICT … DO x` starting at token `on` of an INSERT
/// (a column constraint's `ON CONFLICT REPLACE` is no upsert).
fn upsert_at(view: &StatementTokens, on: usize) -> Option<(ClauseKind, usize)> {
    let on_conflict =
        view.keyword(on) == Some(Keyword::ON) && view.keyword(on + 1) == Some(Keyword::CONFLICT);
    if !on_conflict || !is_dml(view) {
        return None;
    }
    let action = (on + 2..view.tokens.len()).find(|&i| view.keyword(i) == Some(Keyword::DO))?;
    Some((ClauseKind::Upsert, (action + 1).min(view.tokens.len() - 1)))
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

/// The first `FROM` after `SET` at the statement's own level of an UPDATE.
fn update_from(view: &StatementTokens) -> Option<usize> {
    if !matches!(view.keyword(0), Some(Keyword::UPDATE | Keyword::WITH)) {
        return None;
    }
    let update = (0..view.tokens.len()).find(|&i| view.keyword(i) == Some(Keyword::UPDATE))?;
    let mut depth = 0usize;
    let mut after_set = false;
    for i in update + 1..view.tokens.len() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => match view.keyword(i) {
                Some(Keyword::SET) => after_set = true,
                Some(Keyword::WHERE | Keyword::RETURNING) => return None,
                Some(Keyword::FROM) if after_set => return Some(i),
                _ => {}
            },
        }
    }
    None
}

/// Whether the statement is DML (`INSERT`, `UPDATE`, `DELETE`, `REPLACE`,
/// possibly behind a `WITH` clause): only there is `RETURNING` a clause.
pub(crate) fn is_dml(view: &StatementTokens) -> bool {
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

/// The clauses the AST holds, one entry each.
#[derive(Default)]
struct Counter {
    found: Vec<ClauseKind>,
}

impl Counter {
    fn count(&self, kind: ClauseKind) -> usize {
        self.found.iter().filter(|&&k| k == kind).count()
    }

    fn add_if(&mut self, present: bool, kind: ClauseKind) {
        if present {
            self.found.push(kind);
        }
    }

    fn joins(&mut self, select: &Select) {
        for join in select.from.iter().flat_map(|table| &table.joins) {
            match join.join_operator {
                JoinOperator::Left(_) | JoinOperator::LeftOuter(_) => {
                    self.found.push(ClauseKind::LeftJoin)
                }
                JoinOperator::Right(_) | JoinOperator::RightOuter(_) => {
                    self.found.push(ClauseKind::RightJoin)
                }
                JoinOperator::FullOuter(_) => self.found.push(ClauseKind::FullJoin),
                _ => {}
            }
        }
    }

    fn on_insert(&mut self, on: Option<&OnInsert>) {
        if let Some(OnInsert::OnConflict(conflict)) = on {
            self.found.push(ClauseKind::Upsert);
            let on_constraint = matches!(
                conflict.conflict_target,
                Some(ConflictTarget::OnConstraint(_))
            );
            self.add_if(on_constraint, ClauseKind::OnConflictOnConstraint);
        }
    }
}

impl Visitor for Counter {
    type Break = ();

    fn pre_visit_select(&mut self, select: &Select) -> ControlFlow<()> {
        let distinct_on = matches!(select.distinct, Some(Distinct::On(_)));
        self.add_if(distinct_on, ClauseKind::DistinctOn);
        self.joins(select);
        ControlFlow::Continue(())
    }

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        for cte in query.with.iter().flat_map(|with| &with.cte_tables) {
            let modifies = matches!(
                *cte.query.body,
                SetExpr::Insert(_) | SetExpr::Update(_) | SetExpr::Delete(_)
            );
            self.add_if(modifies, ClauseKind::DataModifyingCte);
        }
        for _ in &query.locks {
            self.found.push(ClauseKind::RowLock);
        }
        self.add_if(query.fetch.is_some(), ClauseKind::Fetch);
        ControlFlow::Continue(())
    }

    fn pre_visit_order_by_expr(&mut self, order: &OrderByExpr) -> ControlFlow<()> {
        let nulls = order.options.nulls_first.is_some();
        self.add_if(nulls, ClauseKind::NullsOrder);
        ControlFlow::Continue(())
    }

    fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
        if let Expr::Function(call) = expr {
            self.add_if(call.over.is_some(), ClauseKind::Over);
            self.add_if(call.filter.is_some(), ClauseKind::AggregateFilter);
        }
        let empty_list = matches!(
            expr,
            Expr::In { target: InTarget::List(list), .. } if list.is_empty()
        );
        self.add_if(empty_list, ClauseKind::EmptyInList);
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        let lateral = match factor {
            TableFactor::Derived { lateral, .. } | TableFactor::Function { lateral, .. } => {
                *lateral
            }
            _ => false,
        };
        self.add_if(lateral, ClauseKind::Lateral);
        ControlFlow::Continue(())
    }

    fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
        let returning = match statement {
            Statement::Insert(insert) => {
                self.on_insert(insert.on.as_ref());
                insert.returning.is_some()
            }
            Statement::Update(update) => {
                self.add_if(update.from.is_some(), ClauseKind::UpdateFrom);
                update.returning.is_some()
            }
            Statement::Delete(delete) => {
                self.add_if(delete.using.is_some(), ClauseKind::DeleteUsing);
                delete.returning.is_some()
            }
            _ => false,
        };
        self.add_if(returning, ClauseKind::Returning);
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

    /// Each clause of a model as (kind, text).
    type Listed = Vec<(ClauseKind, String)>;

    /// The clauses from the AST, then from the tokens.
    fn both(sql: &str) -> (Listed, Listed) {
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
        let expected: Listed = expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
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
            "SELECT left(a, 2) FROM t LEFT JOIN u ON true NATURAL LEFT OUTER JOIN v",
            &[
                (ClauseKind::LeftJoin, "LEFT JOIN"),
                (ClauseKind::LeftJoin, "LEFT OUTER JOIN"),
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

    #[test]
    fn update_from_and_orderings_both_ways() {
        expect(
            "UPDATE t SET a = (SELECT b FROM v) FROM u WHERE t.id = u.id",
            &[(ClauseKind::UpdateFrom, "FROM")],
        );
        expect(
            "SELECT * FROM t ORDER BY a NULLS LAST, b DESC NULLS FIRST \
             FETCH FIRST 5 ROWS ONLY",
            &[
                (ClauseKind::NullsOrder, "NULLS LAST"),
                (ClauseKind::NullsOrder, "NULLS FIRST"),
                (ClauseKind::Fetch, "FETCH FIRST 5 ROWS ONLY"),
            ],
        );
        expect(
            "SELECT * FROM t WHERE a IN ()",
            &[(ClauseKind::EmptyInList, "IN ()")],
        );
        expect(
            "SELECT * FROM t FOR UPDATE SKIP LOCKED",
            &[(ClauseKind::RowLock, "FOR UPDATE")],
        );
    }

    #[test]
    fn upserts_both_ways() {
        expect(
            "INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING",
            &[
                (
                    ClauseKind::OnConflictOnConstraint,
                    "ON CONFLICT ON CONSTRAINT t_pkey",
                ),
                (
                    ClauseKind::Upsert,
                    "ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING",
                ),
            ],
        );
        expect(
            "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = excluded.a",
            &[(ClauseKind::Upsert, "ON CONFLICT (a) DO UPDATE")],
        );
        expect("CREATE TABLE t (a INT UNIQUE ON CONFLICT REPLACE)", &[]);
    }

    #[test]
    fn windows_filters_and_modifying_ctes_both_ways() {
        expect(
            "SELECT row_number() OVER (ORDER BY a), count(*) FILTER (WHERE b), over FROM t",
            &[
                (ClauseKind::Over, "OVER"),
                (ClauseKind::AggregateFilter, "FILTER"),
            ],
        );
        expect(
            "WITH x AS (DELETE FROM t WHERE a RETURNING id), y AS (SELECT 1) SELECT * FROM x",
            &[
                (
                    ClauseKind::DataModifyingCte,
                    "DELETE FROM t WHERE a RETURNING id",
                ),
                (
                    ClauseKind::Returning,
                    "RETURNING id), y AS (SELECT 1) SELECT * FROM x",
                ),
            ],
        );
    }
}
