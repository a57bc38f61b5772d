//! Qualified names (`s.t`, `public.users`, `"public".t`): the qualifier and
//! whether the name stands where a table (or index, view) is named. The
//! tokens say where each qualifier is; the AST says which names are
//! relations (`Visitor::pre_visit_relation`), over what the keyword before
//! the name says (`TABLE_POSITION`), which is all the fallback knows.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{ObjectName, Statement, Visit, Visitor};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::Identifier;
use crate::syntax::statement::StatementTokens;

/// The first part of a qualified name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedName {
    /// The qualifier (`public` of `public.users`), with its quoting.
    pub qualifier: Identifier,
    /// The qualifier with its `.`: what removing it removes.
    pub with_dot: Range<usize>,
    /// Whether the name names a table, index or view.
    pub relation: bool,
}

/// Keywords after which a name is a table (or index, view) name.
const TABLE_POSITION: [Keyword; 9] = [
    Keyword::TABLE,
    Keyword::INTO,
    Keyword::UPDATE,
    Keyword::JOIN,
    Keyword::REFERENCES,
    Keyword::INDEX,
    Keyword::VIEW,
    Keyword::FROM,
    Keyword::TRIGGER,
];

/// Words between a table keyword and the name (`TABLE IF NOT EXISTS s.t`, `FROM ONLY s.t`).
const BEFORE_A_TABLE_NAME: [Keyword; 4] =
    [Keyword::IF, Keyword::NOT, Keyword::EXISTS, Keyword::ONLY];

/// Whether a table keyword comes before token `i`, past `IF NOT EXISTS`/`ONLY`.
pub(super) fn after_table_keyword(view: &StatementTokens, i: usize) -> bool {
    let keyword = (0..i)
        .rev()
        .map(|p| view.keyword(p))
        .find(|k| !k.is_some_and(|k| BEFORE_A_TABLE_NAME.contains(&k)));
    keyword
        .flatten()
        .is_some_and(|k| TABLE_POSITION.contains(&k))
}

/// The qualified names, relations as the AST says too.
pub fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<QualifiedName> {
    let mut names = scan(view);
    // The tree only says which of the located names are relations.
    if names.is_empty() {
        return names;
    }
    let mut relations = Relations {
        view,
        starts: Vec::new(),
    };
    let _ = ast.visit(&mut relations);
    for name in &mut names {
        name.relation |= relations.starts.contains(&name.qualifier.span.start);
    }
    names
}

/// Where the qualifiers of the AST's relation names start.
struct Relations<'v, 'a> {
    view: &'v StatementTokens<'a>,
    starts: Vec<usize>,
}

impl Visitor for Relations<'_, '_> {
    type Break = ();

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
        let qualifier = (relation.0.len() > 1)
            .then(|| relation.0.first().and_then(|part| part.as_ident()))
            .flatten();
        if let Some(start) = qualifier
            .and_then(|i| self.view.file.range(i.span))
            .map(|r| r.start)
        {
            self.starts.push(start);
        }
        ControlFlow::Continue(())
    }
}

/// Every `a.b` whose `a` is not itself qualified.
pub fn scan(view: &StatementTokens) -> Vec<QualifiedName> {
    let tokens = view.tokens;
    let mut names = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let SqlToken::Word(word) = &token.kind else {
            continue;
        };
        let qualifies = tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == SqlToken::Period)
            && tokens
                .get(i + 2)
                .is_some_and(|t| matches!(t.kind, SqlToken::Word(_)))
            && (i == 0 || tokens[i - 1].kind != SqlToken::Period);
        if !qualifies {
            continue;
        }
        names.push(QualifiedName {
            qualifier: Identifier {
                span: token.span.clone(),
                value: word.value.clone(),
                quote: word.quote_style,
            },
            with_dot: token.span.start..tokens[i + 1].span.end,
            relation: after_table_keyword(view, i),
        });
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// (qualifier with its dot, relation) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(String, bool)>; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let seen = |names: &[QualifiedName]| {
                names
                    .iter()
                    .map(|n| (sql[n.with_dot.clone()].to_string(), n.relation))
                    .collect()
            };
            [
                seen(&ctx.model().qualified_names),
                seen(&Model::from_tokens(ctx.tokens_view()).qualified_names),
            ]
        })
    }

    #[test]
    fn columns_tables_and_what_only_the_tree_knows_is_a_table() {
        let [ast, tokens] = both("SELECT x.a, s.f(1) FROM s.t x JOIN \"p\".u ON x.a = u.b");
        let expected = [
            ("x.", false),
            ("s.", false),
            ("s.", true),
            ("\"p\".", true),
            ("x.", false),
            ("u.", false),
        ]
        .map(|(q, r)| (q.to_string(), r));
        assert_eq!(ast, expected);
        assert_eq!(tokens, expected);
        let [ast, tokens] = both("CREATE INDEX i ON app.users (id)");
        assert_eq!(ast, [("app.".to_string(), true)]);
        assert_eq!(tokens, [("app.".to_string(), false)]);
    }
}
