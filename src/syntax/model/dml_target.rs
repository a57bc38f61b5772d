//! The target table of `UPDATE [OR …] [ONLY] t [[AS] a]` and `DELETE FROM
//! [ONLY] t [[AS] a]`, behind a `WITH` clause too: its name, PostgreSQL's
//! `ONLY` before it, and its alias with or without `AS`. The AST says what
//! is there (`TableAlias::explicit`) and where (the idents' spans); without
//! an AST the tokens after the verb say both.

use std::ops::Range;

use sqlparser::ast::{
    FromTable, ObjectName, SetExpr, Spanned, Statement, TableAlias, TableFactor, TableInheritance,
};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::locate;
use super::words::WITH_BODY_VERBS;
use crate::syntax::statement::StatementTokens;

/// An UPDATE's or DELETE's target table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DmlTarget {
    /// The (possibly qualified) table name.
    pub name: Range<usize>,
    /// PostgreSQL's `ONLY` before the name.
    pub only: Option<Range<usize>>,
    pub alias: Option<TargetAlias>,
}

/// The alias of the target table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetAlias {
    /// The alias's name (without `AS`).
    pub span: Range<usize>,
    /// Whether `AS` comes before it.
    pub with_as: bool,
}

/// The target the tree names, located through the idents' spans.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Option<DmlTarget> {
    let statement = match ast {
        Statement::Query(query) => match query.body.as_ref() {
            SetExpr::Update(statement) | SetExpr::Delete(statement) => statement,
            _ => return None,
        },
        statement => statement,
    };
    let relation = match statement {
        Statement::Update(update) => &update.table.relation,
        Statement::Delete(delete) => match &delete.from {
            FromTable::WithFromKeyword(tables) => &tables.first()?.relation,
            FromTable::WithoutKeyword(_) => return None,
        },
        _ => return None,
    };
    let TableFactor::Table {
        name,
        alias,
        inheritance,
        ..
    } = relation
    else {
        return None;
    };
    if let Some(target) = only_read_as_a_name(view, name, alias.as_ref()) {
        return Some(target);
    }
    let name = span_of(view, name.span())?;
    let only = matches!(inheritance, Some(TableInheritance::Only { .. }))
        .then(|| only_before(view, name.start))
        .flatten();
    let alias = alias.as_ref().and_then(|alias| {
        Some(TargetAlias {
            span: span_of(view, alias.name.span)?,
            with_as: alias.explicit,
        })
    });
    Some(DmlTarget { name, only, alias })
}

/// SQLite's dialect knows no `ONLY`: it reads `UPDATE ONLY t` as table
/// `ONLY` with alias `t`, which SQLite itself rejects. It is PostgreSQL's
/// `ONLY` before table `t`.
fn only_read_as_a_name(
    view: &StatementTokens,
    name: &ObjectName,
    alias: Option<&TableAlias>,
) -> Option<DmlTarget> {
    let [part] = name.0.as_slice() else {
        return None;
    };
    let ident = part.as_ident()?;
    let alias = alias.filter(|a| !a.explicit)?;
    (ident.quote_style.is_none() && ident.value.eq_ignore_ascii_case("ONLY")).then_some(())?;
    Some(DmlTarget {
        name: span_of(view, alias.name.span)?,
        only: Some(span_of(view, ident.span)?),
        alias: None,
    })
}

fn span_of(view: &StatementTokens, span: sqlparser::tokenizer::Span) -> Option<Range<usize>> {
    locate::tokens_of(view, span).map(|tokens| locate::bytes(view, &tokens))
}

/// The `ONLY` word right before the name (or before `(` of `ONLY (t)`).
fn only_before(view: &StatementTokens, name_start: usize) -> Option<Range<usize>> {
    let mut i = view.token_from(name_start).checked_sub(1)?;
    if view.tokens[i].kind == SqlToken::LParen {
        i = i.checked_sub(1)?;
    }
    (view.keyword(i) == Some(Keyword::ONLY)).then(|| view.tokens[i].span.clone())
}

/// The target the tokens spell.
pub(super) fn scan(view: &StatementTokens) -> Option<DmlTarget> {
    let mut i = after_verb(view, main_verb(view)?)?;
    let only = view.is_word(i, "ONLY").then(|| view.tokens[i].span.clone());
    if only.is_some() {
        i += 1;
    }
    let SqlToken::Word(_) = view.tokens.get(i)?.kind else {
        return None;
    };
    let mut last = i;
    while view
        .tokens
        .get(last + 1)
        .is_some_and(|t| t.kind == SqlToken::Period)
        && last + 2 < view.tokens.len()
    {
        last += 2;
    }
    Some(DmlTarget {
        name: view.token_span(i, last),
        only,
        alias: alias_at(view, last + 1),
    })
}

/// The first token after `UPDATE [OR …]` or `DELETE FROM`.
fn after_verb(view: &StatementTokens, verb: usize) -> Option<usize> {
    if view.is_word(verb, "UPDATE") {
        Some(if view.is_word(verb + 1, "OR") {
            verb + 3
        } else {
            verb + 1
        })
    } else {
        view.words_at(verb, &["DELETE", "FROM"]).then_some(verb + 2)
    }
}

/// `[AS] alias` at token `i`: a name, not a keyword opening the next
/// clause (`SET`, `WHERE`, `INDEXED`…).
fn alias_at(view: &StatementTokens, i: usize) -> Option<TargetAlias> {
    let with_as = view.is_word(i, "AS");
    let at = if with_as { i + 1 } else { i };
    let SqlToken::Word(word) = &view.tokens.get(at)?.kind else {
        return None;
    };
    (word.quote_style.is_some() || word.keyword == Keyword::NoKeyword).then(|| TargetAlias {
        span: view.tokens[at].span.clone(),
        with_as,
    })
}

/// The verb a statement opens with, after a `WITH` clause: `None` unless it
/// is UPDATE or DELETE (an INSERT's `ON CONFLICT DO UPDATE` is not one).
fn main_verb(view: &StatementTokens) -> Option<usize> {
    let is_target_verb = |i: usize| view.is_word(i, "UPDATE") || view.is_word(i, "DELETE");
    if !view.is_word(0, "WITH") {
        return is_target_verb(0).then_some(0);
    }
    let mut depth = 0usize;
    for (i, token) in view.tokens.iter().enumerate() {
        match token.kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && WITH_BODY_VERBS.iter().any(|w| view.is_word(i, w)) => {
                return is_target_verb(i).then_some(i);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// (name, ONLY, alias, with AS) from the AST and from the tokens.
    type Seen = Option<(String, bool, Option<(String, bool)>)>;

    fn both(sql: &str) -> [Seen; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let text = |span: &std::ops::Range<usize>| sql[span.clone()].to_string();
            let seen = |m: &Model| {
                m.dml_target.as_ref().map(|t| {
                    (
                        text(&t.name),
                        t.only.as_ref().is_some_and(|o| text(o) == "ONLY"),
                        t.alias.as_ref().map(|a| (text(&a.span), a.with_as)),
                    )
                })
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    fn target(name: &str, only: bool, alias: Option<(&str, bool)>) -> Seen {
        Some((
            name.into(),
            only,
            alias.map(|(a, with_as)| (a.into(), with_as)),
        ))
    }

    #[test]
    fn aliases_with_and_without_as() {
        let expected = target("s.t", false, Some(("x", false)));
        assert_eq!(both("UPDATE s.t x SET a = 1"), [expected.clone(), expected]);
        let expected = target("t", false, Some(("\"x\"", true)));
        assert_eq!(
            both("DELETE FROM t AS \"x\" WHERE a = 1"),
            [expected.clone(), expected]
        );
        let expected = target("t", false, None);
        assert_eq!(
            both("UPDATE OR REPLACE t SET a = 1"),
            [expected.clone(), expected]
        );
    }

    #[test]
    fn only_before_the_table_is_no_table_name() {
        let expected = target("t", true, None);
        assert_eq!(
            both("UPDATE ONLY t SET a = 1"),
            [expected.clone(), expected]
        );
        let expected = target("t", true, Some(("x", false)));
        assert_eq!(
            both("DELETE FROM ONLY t x WHERE a = 1"),
            [expected.clone(), expected]
        );
    }

    #[test]
    fn behind_a_with_clause_and_not_in_an_upsert() {
        let expected = target("t", false, Some(("x", false)));
        let sql = "WITH c AS (SELECT 1) UPDATE t x SET a = 1";
        assert_eq!(both(sql), [expected.clone(), expected]);
        let sql = "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2";
        assert_eq!(both(sql), [None, None]);
    }
}
