//! SQLite's hidden row id named in a statement: each unquoted `rowid` or
//! `_rowid_` standing as a name. With an AST, its identifiers say where
//! names stand (the `ROWID` of `WITHOUT ROWID` is none); without one, every
//! such word but the one after `WITHOUT`.

use std::ops::Range;

use super::Identifier;
use super::words::ROW_ID_NAMES;
use crate::syntax::statement::StatementTokens;

/// Whether `name`, unquoted, names the hidden row id.
pub fn is_row_id(name: &str) -> bool {
    ROW_ID_NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// The row id names among the AST's identifiers (sorted by position).
pub(super) fn from_identifiers(identifiers: &[Identifier]) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = identifiers
        .iter()
        .filter(|i| i.quote.is_none() && is_row_id(&i.value))
        .map(|i| i.span.clone())
        .collect();
    found.dedup();
    found
}

/// Every unquoted row id word the tokens spell, but `WITHOUT ROWID`'s.
pub(super) fn scan(view: &StatementTokens) -> Vec<Range<usize>> {
    (0..view.tokens.len())
        .filter(|&i| ROW_ID_NAMES.iter().any(|n| view.is_word(i, n)))
        .filter(|&i| !(i > 0 && view.is_word(i - 1, "WITHOUT")))
        .map(|i| view.tokens[i].span.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// The row id names' text, from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<String>; 2] {
        both_models(sql, |m: &Model| {
            m.row_ids
                .iter()
                .map(|r| sql[r.clone()].to_string())
                .collect()
        })
    }

    #[test]
    fn row_ids_in_expressions() {
        let sql = "DELETE FROM t WHERE rowid NOT IN (SELECT min(_rowid_) FROM t GROUP BY a)";
        let expected = vec!["rowid".to_string(), "_rowid_".to_string()];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn qualified_and_selected() {
        let expected = vec!["ROWID".to_string(), "rowid".to_string()];
        assert_eq!(
            both("SELECT t.ROWID, rowid AS r FROM t"),
            [expected.clone(), expected]
        );
    }

    #[test]
    fn without_rowid_and_quoted_names_are_none() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            both("CREATE TABLE kv (k TEXT PRIMARY KEY) WITHOUT ROWID"),
            [none.clone(), none.clone()]
        );
        assert_eq!(both("SELECT \"rowid\" FROM t"), [none.clone(), none]);
    }

    #[test]
    fn a_declared_rowid_column_is_a_name() {
        let expected = vec!["rowid".to_string()];
        assert_eq!(
            both("CREATE TABLE r (rowid INTEGER, x TEXT)"),
            [expected.clone(), expected]
        );
    }
}
