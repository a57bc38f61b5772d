//! The column list of a table constraint: `PRIMARY KEY (a, b)`, `UNIQUE
//! (…)`, `FOREIGN KEY (…)`. sqlparser gives a table constraint no span, so
//! the fallback's scan of the constraint locates the list for both builders.

use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use super::{ConstraintKind, Identifier};
use crate::syntax::statement::StatementTokens;

/// One element of a constraint's column list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyColumn {
    /// The element, from its first token to its last.
    pub span: Range<usize>,
    /// The name it starts with (`a` of `a DESC`), when it starts with one.
    pub name: Option<Identifier>,
    /// Whether the element is that name alone (`a`, not `a DESC` or `lower(a)`).
    pub alone: bool,
}

/// The column list of a constraint of `kind` whose tokens are `element`,
/// its kind named at `kind_at`: the list's parentheses and its elements.
pub(super) fn from_tokens(
    view: &StatementTokens,
    kind: ConstraintKind,
    element: &Range<usize>,
    kind_at: usize,
) -> (Option<Range<usize>>, Vec<KeyColumn>) {
    let listed = matches!(
        kind,
        ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::ForeignKey
    );
    let open = listed
        .then(|| (kind_at..element.end).find(|&i| view.tokens[i].kind == SqlToken::LParen))
        .flatten();
    let Some((open, close)) = open.and_then(|o| Some((o, view.matching_paren(o)?))) else {
        return (None, Vec::new());
    };
    let columns = view
        .split_top_level(open + 1..close)
        .into_iter()
        .filter(|part| !part.is_empty())
        .map(|part| {
            let first = &view.tokens[part.start];
            let name = match &first.kind {
                SqlToken::Word(w) => Some(Identifier {
                    span: first.span.clone(),
                    value: w.value.clone(),
                    quote: w.quote_style,
                }),
                _ => None,
            };
            KeyColumn {
                span: view.token_span(part.start, part.end - 1),
                alone: name.is_some() && part.len() == 1,
                name,
            }
        })
        .collect();
    (Some(view.token_span(open, close)), columns)
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// Each table constraint's (list, [(element, name, alone)]), from the
    /// AST and from the tokens.
    type Seen = Vec<(Option<String>, Vec<(String, Option<String>, bool)>)>;

    fn both(sql: &str) -> [Seen; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let text = |span: &std::ops::Range<usize>| sql[span.clone()].to_string();
            let seen = |m: &Model| {
                m.table_constraints
                    .iter()
                    .map(|c| {
                        let columns = c
                            .columns
                            .iter()
                            .map(|k| {
                                (
                                    text(&k.span),
                                    k.name.as_ref().map(|n| n.value.clone()),
                                    k.alone,
                                )
                            })
                            .collect();
                        (c.column_list.as_ref().map(text), columns)
                    })
                    .collect()
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    fn key(name: &str, alone: bool, written: &str) -> (String, Option<String>, bool) {
        (written.into(), Some(name.into()), alone)
    }

    #[test]
    fn primary_unique_and_foreign_keys() {
        let sql = "CREATE TABLE t (a INT, b INT, \"C\" INT, PRIMARY KEY (a, b DESC), \
                   CONSTRAINT u UNIQUE (\"C\"), FOREIGN KEY (a) REFERENCES p (id), CHECK (a > 0))";
        let expected = vec![
            (
                Some("(a, b DESC)".to_string()),
                vec![key("a", true, "a"), key("b", false, "b DESC")],
            ),
            (Some("(\"C\")".to_string()), vec![key("C", true, "\"C\"")]),
            (Some("(a)".to_string()), vec![key("a", true, "a")]),
            (None, vec![]),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn constraints_added_by_alter_table() {
        let sql = "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)";
        let expected = vec![(Some("(p_id)".to_string()), vec![key("p_id", true, "p_id")])];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }
}
