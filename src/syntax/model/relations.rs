//! The tables (and views) a statement names: what it reads and writes. A
//! rule asks whether a column is declared NOT NULL in the tables a query
//! reads (`null-ordering`). From the AST, sqlparser's relations
//! (`visit_relations`); from the tokens, the name after a table keyword
//! (`FROM`, `JOIN`, `INTO`, `UPDATE`, `TABLE`… as for qualified names) and
//! each further name of a `FROM a, b` list.

use sqlparser::ast::Statement;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::Identifier;
use super::qualified_names::after_table_keyword;
use crate::syntax::statement::StatementTokens;

/// The last part of each relation name the tree holds (`t` of `s.t`), in
/// source order.
pub fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<Identifier> {
    let mut found = Vec::new();
    let _ = sqlparser::ast::visit_relations(ast, |relation| {
        let last = relation.0.last().and_then(|part| part.as_ident());
        let located = last.and_then(|ident| {
            Some(Identifier {
                span: view.file.range(ident.span).filter(|s| !s.is_empty())?,
                value: ident.value.clone(),
                quote: ident.quote_style,
            })
        });
        found.extend(located);
        std::ops::ControlFlow::<()>::Continue(())
    });
    found.sort_by_key(|r| r.span.start);
    found.dedup();
    found
}

/// The last part of each name the tokens put where a table is named.
pub fn scan(view: &StatementTokens) -> Vec<Identifier> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        if !is_name_start(view, i) || !after_table_keyword(view, i) || !names_a_relation(view, i) {
            continue;
        }
        let mut name = i;
        loop {
            let last = name_end(view, name);
            found.extend(identifier(view, last));
            if view.keyword(i.saturating_sub(1)) != Some(Keyword::FROM) {
                break;
            }
            // `FROM a [AS] x, b`: the next name of the list.
            match next_in_list(view, last + 1) {
                Some(next) => name = next,
                None => break,
            }
        }
    }
    found
}

/// Whether the name at `i`, after a table keyword, is one the tree calls
/// a relation: not a foreign key's table (`REFERENCES t`), not the action
/// of `ON DELETE CASCADE`, not the `AS` of `CREATE TABLE t AS`.
fn names_a_relation(view: &StatementTokens, i: usize) -> bool {
    let before = |back: usize| i.checked_sub(back).and_then(|j| view.keyword(j));
    let referential_action = before(2) == Some(Keyword::ON)
        && matches!(before(1), Some(Keyword::DELETE | Keyword::UPDATE));
    before(1) != Some(Keyword::REFERENCES)
        && !referential_action
        && view.keyword(i) != Some(Keyword::AS)
}

/// A word that starts a name: not the tail of `a.b`.
fn is_name_start(view: &StatementTokens, i: usize) -> bool {
    view.tokens
        .get(i)
        .is_some_and(|t| matches!(t.kind, SqlToken::Word(_)))
        && (i == 0 || view.tokens[i - 1].kind != SqlToken::Period)
}

/// The last word of the name that starts at `first` (`s.t`: `t`).
fn name_end(view: &StatementTokens, first: usize) -> usize {
    let mut last = first;
    while view
        .tokens
        .get(last + 1)
        .is_some_and(|t| t.kind == SqlToken::Period)
        && view
            .tokens
            .get(last + 2)
            .is_some_and(|t| matches!(t.kind, SqlToken::Word(_)))
    {
        last += 2;
    }
    last
}

/// After a FROM item ending before `i` (`[AS] alias`), the name after its comma.
fn next_in_list(view: &StatementTokens, mut i: usize) -> Option<usize> {
    if view.keyword(i) == Some(Keyword::AS) {
        i += 1;
    }
    if is_alias(view, i) {
        i += 1;
    }
    (view.tokens.get(i)?.kind == SqlToken::Comma && is_name_start(view, i + 1)).then_some(i + 1)
}

/// A word that can alias a table: quoted, or no keyword.
fn is_alias(view: &StatementTokens, i: usize) -> bool {
    match view.tokens.get(i).map(|t| &t.kind) {
        Some(SqlToken::Word(w)) => w.quote_style.is_some() || w.keyword == Keyword::NoKeyword,
        _ => false,
    }
}

fn identifier(view: &StatementTokens, i: usize) -> Option<Identifier> {
    let SqlToken::Word(word) = &view.tokens[i].kind else {
        return None;
    };
    Some(Identifier {
        span: view.tokens[i].span.clone(),
        value: word.value.clone(),
        quote: word.quote_style,
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::both_models;

    fn relations(sql: &str) -> [Vec<String>; 2] {
        both_models(sql, |m| {
            m.relations
                .iter()
                .map(|r| format!("{} {:?}", r.value, r.quote))
                .collect()
        })
    }

    #[test]
    fn tables_read_and_written() {
        let expected =
            |names: &[&str]| -> Vec<String> { names.iter().map(|n| format!("{n} None")).collect() };
        let [ast, tokens] =
            relations("SELECT * FROM s.a x, b AS y JOIN c ON c.id = x.id WHERE x.n = 1");
        assert_eq!(ast, expected(&["a", "b", "c"]));
        assert_eq!(tokens, ast);
        let [ast, tokens] =
            relations("CREATE TABLE t (a int REFERENCES u ON DELETE CASCADE ON UPDATE RESTRICT)");
        assert_eq!(ast, expected(&["t"]));
        assert_eq!(tokens, ast);
        let [ast, tokens] = relations("INSERT INTO t (a) SELECT a FROM u");
        assert_eq!(ast, expected(&["t", "u"]));
        assert_eq!(tokens, ast);
        let [ast, tokens] = relations("UPDATE \"T\" SET a = 1");
        assert_eq!(ast, ["T Some('\"')"]);
        assert_eq!(tokens, ast);
    }
}
