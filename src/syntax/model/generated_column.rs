//! A generated column's `[GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]`:
//! where it starts, whether it is SQLite's `AS (…)` shorthand, the
//! expression's parentheses and the storage word after them. sqlparser gives
//! a column option no span, so the fallback's scan of the definition locates
//! it for both builders.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::statement::StatementTokens;

/// A column's generation clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedColumn {
    /// The first word: `GENERATED` of `GENERATED ALWAYS AS`, else `AS`.
    pub start: Range<usize>,
    /// The `AS` word.
    pub as_keyword: Range<usize>,
    /// Whether it is written `GENERATED ALWAYS AS`, not SQLite's shorthand `AS`.
    pub full_form: bool,
    /// The expression's `(`.
    pub open: Range<usize>,
    /// Its `)`, when it has one.
    pub close: Option<Range<usize>>,
    /// `STORED` or `VIRTUAL` right after the `)`.
    pub storage: Option<Storage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storage {
    pub kind: StorageKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKind {
    Stored,
    Virtual,
}

/// The first `AS (` among a column's constraint tokens, and what surrounds it.
pub(super) fn from_tokens(
    view: &StatementTokens,
    constraints: &Range<usize>,
) -> Option<GeneratedColumn> {
    let opens = |i: usize| {
        view.tokens
            .get(i)
            .is_some_and(|t| t.kind == SqlToken::LParen)
    };
    let r#as = constraints
        .clone()
        .find(|&i| view.keyword(i) == Some(Keyword::AS) && opens(i + 1))?;
    let full_form = r#as >= 2
        && view.keyword(r#as - 2) == Some(Keyword::GENERATED)
        && view.keyword(r#as - 1) == Some(Keyword::ALWAYS);
    let first = if full_form { r#as - 2 } else { r#as };
    let close = view.matching_paren(r#as + 1);
    let storage = close.and_then(|close| {
        let kind = match view.keyword(close + 1)? {
            Keyword::STORED => StorageKind::Stored,
            Keyword::VIRTUAL => StorageKind::Virtual,
            _ => return None,
        };
        Some(Storage {
            kind,
            span: view.tokens[close + 1].span.clone(),
        })
    });
    Some(GeneratedColumn {
        start: view.tokens[first].span.clone(),
        as_keyword: view.tokens[r#as].span.clone(),
        full_form,
        open: view.tokens[r#as + 1].span.clone(),
        close: close.map(|c| view.tokens[c].span.clone()),
        storage,
    })
}

#[cfg(test)]
mod tests {
    use super::StorageKind;
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// Each generated column's (from its first word through its `)`, full
    /// form, storage), from the AST and from the tokens.
    type Seen = Vec<(String, bool, Option<StorageKind>)>;

    fn both(sql: &str) -> [Seen; 2] {
        both_models(sql, |m: &Model| {
            m.columns
                .iter()
                .filter_map(|c| c.generated.as_ref())
                .map(|g| {
                    let end = g.close.as_ref().unwrap_or(&g.open).end;
                    (
                        sql[g.start.start..end].to_string(),
                        g.full_form,
                        g.storage.as_ref().map(|s| s.kind),
                    )
                })
                .collect()
        })
    }

    #[test]
    fn full_form_shorthand_and_storage() {
        let sql = "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, \
                   c INT AS (a + 1), d TEXT AS (lower(x)) VIRTUAL NOT NULL)";
        let expected = vec![
            (
                "GENERATED ALWAYS AS (a * 2)".to_string(),
                true,
                Some(StorageKind::Stored),
            ),
            ("AS (a + 1)".to_string(), false, None),
            (
                "AS (lower(x))".to_string(),
                false,
                Some(StorageKind::Virtual),
            ),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn an_added_column_and_an_identity_which_is_none() {
        let sql = "ALTER TABLE t ADD COLUMN g BIGINT GENERATED ALWAYS AS (a * 2) STORED";
        let expected = vec![(
            "GENERATED ALWAYS AS (a * 2)".to_string(),
            true,
            Some(StorageKind::Stored),
        )];
        assert_eq!(both(sql), [expected.clone(), expected]);
        let sql = "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY)";
        assert_eq!(both(sql), [vec![], vec![]]);
    }
}
