//! PostgreSQL's `ONLY` before a table name: this table, not its inheritance
//! children or partitions (`ALTER TABLE ONLY t`, `FROM ONLY t`, `UPDATE
//! ONLY t`, `TRUNCATE ONLY t`, `LOCK TABLE ONLY t`). The AST says which
//! table names have one; the word itself is the token before the name.
//! Without an AST, the tokens after a table keyword say both.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Spanned, Statement, TableFactor, TableInheritance, Visit, Visitor};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Span, Token as SqlToken};

use super::words::BEFORE_ONLY;
use crate::syntax::statement::StatementTokens;

/// One `ONLY` before a table name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlyMarker {
    /// The word.
    pub span: Range<usize>,
    /// The word and the space after it: removing it leaves the plain name.
    pub removal: Range<usize>,
}

/// The markers of the tree's table names, located in the tokens.
/// The words one of its nodes is always written with: a statement without
/// any holds no an `ONLY` marker, and its tree is not walked (`from_ast::build`).
pub(super) const WRITTEN_WITH: &[Keyword] = &[Keyword::ONLY];

pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<OnlyMarker> {
    let mut finder = Finder {
        view,
        found: Vec::new(),
    };
    match ast {
        Statement::AlterTable(alter) if alter.only => finder.before(alter.name.span()),
        Statement::Truncate(truncate) => {
            for target in truncate.table_names.iter().filter(|t| t.only) {
                finder.before(target.name.span());
            }
        }
        Statement::Lock(lock) => {
            for target in lock.tables.iter().filter(|t| t.only) {
                finder.before(target.name.span());
            }
        }
        _ => {}
    }
    let _ = ast.visit(&mut finder);
    let mut found = finder.found;
    found.sort_by_key(|m| m.span.start);
    found.dedup();
    found
}

struct Finder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    found: Vec<OnlyMarker>,
}

impl Finder<'_, '_> {
    /// The `ONLY` right before the name at `name` (or before `(` of `ONLY (t)`).
    fn before(&mut self, name: Span) {
        let Some(bytes) = self.view.file.range(name) else {
            return;
        };
        let Some(mut i) = self.view.token_from(bytes.start).checked_sub(1) else {
            return;
        };
        if self.view.tokens[i].kind == SqlToken::LParen && i > 0 {
            i -= 1;
        }
        if self.view.keyword(i) == Some(Keyword::ONLY) {
            self.found.push(marker(self.view, i));
        }
    }
}

impl Visitor for Finder<'_, '_> {
    type Break = ();

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        let TableFactor::Table {
            name,
            alias,
            inheritance,
            ..
        } = factor
        else {
            return ControlFlow::Continue(());
        };
        if matches!(inheritance, Some(TableInheritance::Only { .. })) {
            self.before(name.span());
        }
        // SQLite's dialect knows no ONLY: `FROM ONLY t` is table `ONLY` with
        // alias `t` there.
        let only_as_name = match name.0.as_slice() {
            [part] => part.as_ident().is_some_and(|ident| {
                ident.quote_style.is_none() && ident.value.eq_ignore_ascii_case("ONLY")
            }),
            _ => false,
        };
        if only_as_name && alias.as_ref().is_some_and(|a| !a.explicit) {
            let at = self
                .view
                .file
                .range(name.span())
                .map(|b| self.view.token_from(b.start));
            if let Some(i) = at.filter(|&i| self.view.keyword(i) == Some(Keyword::ONLY)) {
                self.found.push(marker(self.view, i));
            }
        }
        ControlFlow::Continue(())
    }
}

/// Every `ONLY` the tokens spell after a table keyword (`FROM`, `JOIN`,
/// `TABLE`, `UPDATE`, `IF EXISTS`) and before a name.
pub(super) fn scan(view: &StatementTokens) -> Vec<OnlyMarker> {
    (1..view.tokens.len().saturating_sub(1))
        .filter(|&i| view.is_word(i, "ONLY"))
        .filter(|&i| {
            let after_table_keyword = BEFORE_ONLY.iter().any(|w| view.is_word(i - 1, w))
                || i >= 2 && view.words_at(i - 2, &["IF", "EXISTS"]);
            // `FETCH … ROWS ONLY` is followed by no name.
            let names_table = matches!(view.tokens[i + 1].kind, SqlToken::Word(_))
                && !view.is_word(i + 1, "SELECT");
            after_table_keyword && names_table
        })
        .map(|i| marker(view, i))
        .collect()
}

fn marker(view: &StatementTokens, i: usize) -> OnlyMarker {
    let span = view.tokens[i].span.clone();
    let end = view.tokens.get(i + 1).map_or(span.end, |t| t.span.start);
    OnlyMarker {
        removal: span.start..end,
        span,
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// The removals (`ONLY` and its space) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<String>; 2] {
        both_models(sql, |m: &Model| {
            m.only_markers
                .iter()
                .map(|o| {
                    assert_eq!(&sql[o.span.clone()], "ONLY");
                    sql[o.removal.clone()].to_string()
                })
                .collect()
        })
    }

    #[test]
    fn only_before_tables() {
        let only = vec!["ONLY ".to_string()];
        for sql in [
            "ALTER TABLE ONLY t ADD CONSTRAINT c UNIQUE (a)",
            "ALTER TABLE IF EXISTS ONLY s.t ALTER COLUMN a SET DEFAULT 1",
            "SELECT * FROM ONLY t WHERE a = 1",
            "UPDATE ONLY t SET a = 1",
            "DELETE FROM ONLY t WHERE a = 1",
            "LOCK TABLE ONLY t IN SHARE MODE",
            "TRUNCATE TABLE ONLY t",
        ] {
            assert_eq!(both(sql), [only.clone(), only.clone()], "{sql}");
        }
        let two = vec!["ONLY ".to_string(), "ONLY ".to_string()];
        let sql = "SELECT * FROM ONLY a x JOIN ONLY b y ON x.i = y.i";
        assert_eq!(both(sql), [two.clone(), two]);
    }

    #[test]
    fn the_tree_knows_only_after_truncate() {
        assert_eq!(both("TRUNCATE ONLY t")[0], ["ONLY "]);
    }

    #[test]
    fn fetch_rows_only_is_no_marker() {
        let sql = "SELECT * FROM t FETCH FIRST 5 ROWS ONLY";
        assert_eq!(both(sql), [Vec::<String>::new(), Vec::new()]);
    }
}
