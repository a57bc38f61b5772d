//! SQLite's statement conflict clause: `INSERT OR IGNORE`, `INSERT OR
//! REPLACE`, `UPDATE OR …` (the statement's first three words). The tree
//! says which statement has one (`Insert::or`, `Update::or`) and whether an
//! INSERT's rows are plain `VALUES`; the words are the statement's first
//! tokens. Without an AST, the tokens say both.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Insert, Query, SetExpr, Statement, Visit, Visitor};
use sqlparser::tokenizer::Token as SqlToken;

use super::words::CONFLICT_RESOLUTIONS;
use crate::syntax::statement::StatementTokens;

/// `INSERT|UPDATE OR resolution` at a statement's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementConflict {
    /// Whether the statement is an INSERT (else an UPDATE).
    pub insert: bool,
    /// The resolution, upper-cased (`IGNORE`, `REPLACE`…).
    pub resolution: &'static str,
    /// The verb through the resolution.
    pub span: Range<usize>,
    /// ` OR resolution`: removing it leaves the plain verb.
    pub removal: Range<usize>,
    /// An INSERT of plain `VALUES` rows (no query, no upsert, no RETURNING).
    pub plain_values: bool,
    /// Where the statement ends, before its `;`.
    pub end: usize,
}

/// The clause the tree's INSERT or UPDATE has, its words located in the tokens.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Option<StatementConflict> {
    let (insert, plain_values) = match ast {
        Statement::Insert(insert) if insert.or.is_some() => (true, plain_values(insert)),
        Statement::Update(update) if update.or.is_some() => (false, false),
        _ => return None,
    };
    let mut clause = at_start(view)?;
    (clause.insert == insert).then_some(())?;
    clause.plain_values = plain_values;
    Some(clause)
}

/// Whether an INSERT's rows are plain `VALUES`, with no query inside.
fn plain_values(insert: &Insert) -> bool {
    let Some(source) = insert.source.as_deref() else {
        return false;
    };
    let mut queries = QueryCount(0);
    let _ = source.visit(&mut queries);
    matches!(source.body.as_ref(), SetExpr::Values(_))
        && queries.0 == 1
        && insert.on.is_none()
        && insert.returning.is_none()
}

struct QueryCount(usize);

impl Visitor for QueryCount {
    type Break = ();

    fn pre_visit_query(&mut self, _: &Query) -> ControlFlow<()> {
        self.0 += 1;
        ControlFlow::Continue(())
    }
}

/// The clause the tokens spell.
pub(super) fn scan(view: &StatementTokens) -> Option<StatementConflict> {
    let mut clause = at_start(view)?;
    if clause.insert {
        let has = |word| (3..view.tokens.len()).any(|i| view.is_word(i, word));
        clause.plain_values = has("VALUES") && !has("SELECT") && !has("ON") && !has("RETURNING");
    }
    Some(clause)
}

/// `INSERT|UPDATE OR resolution` as the first three tokens.
fn at_start(view: &StatementTokens) -> Option<StatementConflict> {
    let insert = view.is_word(0, "INSERT");
    if !(insert || view.is_word(0, "UPDATE")) || !view.is_word(1, "OR") {
        return None;
    }
    let resolution = CONFLICT_RESOLUTIONS
        .into_iter()
        .find(|r| view.is_word(2, r))?;
    let last = view
        .tokens
        .iter()
        .rposition(|t| t.kind != SqlToken::SemiColon)?;
    Some(StatementConflict {
        insert,
        resolution,
        span: view.token_span(0, 2),
        removal: view.tokens[0].span.end..view.tokens[2].span.end,
        plain_values: false,
        end: view.tokens[last].span.end,
    })
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// (clause, resolution, removed text, plain values, text to the end)
    /// from the AST and from the tokens.
    type Seen = Option<(String, &'static str, String, bool, String)>;

    fn both(sql: &str) -> [Seen; 2] {
        both_models(sql, |m: &Model| {
            m.statement_conflict.as_ref().map(|c| {
                (
                    sql[c.span.clone()].to_string(),
                    c.resolution,
                    sql[c.removal.clone()].to_string(),
                    c.plain_values,
                    sql[..c.end].to_string(),
                )
            })
        })
    }

    #[test]
    fn insert_or_ignore_with_values() {
        let sql = "insert or ignore into t (a) values (1), (2);";
        let expected = Some((
            "insert or ignore".to_string(),
            "IGNORE",
            " or ignore".to_string(),
            true,
            sql.trim_end_matches(';').to_string(),
        ));
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn queries_upserts_and_updates_are_no_plain_values() {
        for sql in [
            "INSERT OR REPLACE INTO t SELECT a FROM u",
            "INSERT OR IGNORE INTO t (a) VALUES ((SELECT 1))",
            "INSERT OR IGNORE INTO t (a) VALUES (1) RETURNING a",
            "UPDATE OR FAIL t SET a = 1",
        ] {
            let [ast, tokens] = both(sql);
            assert_eq!(ast, tokens, "{sql}");
            assert!(ast.is_some_and(|c| !c.3), "{sql}");
        }
    }

    #[test]
    fn replace_into_is_no_conflict_clause() {
        assert_eq!(both("REPLACE INTO t (a) VALUES (1)"), [None, None]);
    }
}
