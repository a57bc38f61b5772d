//! `CREATE TABLE` options, built from the AST and from the tokens alike.

use super::*;
use crate::testing::with_statement;

/// Each option of `sql` as (kind, text, removed text): from the AST, from the tokens.
type Described = Vec<(TableOptionKind, String, String)>;

fn both(sql: &str) -> (Described, Described) {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_some(), "{sql} parses");
        let tokens = Model::from_tokens(ctx.tokens_view());
        let described = |model: &Model| -> Described {
            let text = |span: &Range<usize>| sql[span.clone()].to_string();
            let options = model.table_options.iter();
            options
                .map(|o| (o.kind, text(&o.span), text(&o.removal)))
                .collect()
        };
        (described(ctx.model()), described(&tokens))
    })
}

fn owned(expected: &[(TableOptionKind, &str, &str)]) -> Described {
    let owned = expected.iter();
    owned
        .map(|(k, s, r)| (*k, s.to_string(), r.to_string()))
        .collect()
}

#[test]
fn sqlite_options_with_what_removing_them_removes() {
    let (ast, tokens) = both("CREATE TABLE t (a INT PRIMARY KEY) STRICT, WITHOUT ROWID;");
    let expected = owned(&[
        (TableOptionKind::Strict, "STRICT", "STRICT, "),
        (
            TableOptionKind::WithoutRowid,
            "WITHOUT ROWID",
            ", WITHOUT ROWID",
        ),
    ]);
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn postgres_options_before_and_after_the_columns() {
    let (ast, tokens) = both("CREATE UNLOGGED TABLE p (a int) PARTITION BY RANGE (a)");
    let expected = owned(&[
        (TableOptionKind::Unlogged, "UNLOGGED", "UNLOGGED"),
        (TableOptionKind::PartitionBy, "PARTITION BY", "PARTITION BY"),
    ]);
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
    let (ast, tokens) = both("CREATE TABLE c PARTITION OF p FOR VALUES FROM (1) TO (2)");
    let expected = owned(&[(TableOptionKind::PartitionOf, "PARTITION OF", "PARTITION OF")]);
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn columns_named_like_options_are_no_options() {
    let (ast, tokens) = both("CREATE TABLE t (strict INT, partition int, inherits text)");
    assert!(ast.is_empty() && tokens.is_empty());
}

#[test]
fn like_other_is_a_like_element_in_both_builders() {
    // SQLite's dialect parses it as a column named LIKE of type `a`.
    let kinds = |m: &Model| {
        let constraints = m.table_constraints.iter();
        (
            constraints.map(|c| c.kind).collect::<Vec<_>>(),
            m.columns.len(),
        )
    };
    with_statement("CREATE TABLE c (LIKE a)", |ctx| {
        assert!(ctx.ast.is_some());
        let tokens = Model::from_tokens(ctx.tokens_view());
        assert_eq!(kinds(ctx.model()), (vec![ConstraintKind::Like], 0));
        assert_eq!(kinds(&tokens), (vec![ConstraintKind::Like], 0));
    });
}

#[test]
fn deferrable_constraints_and_action_commas() {
    let sql = "CREATE TABLE x (a int, UNIQUE (a) DEFERRABLE INITIALLY DEFERRED, CHECK (a > 0))";
    let deferrable = |m: &Model| {
        let constraints = m.table_constraints.iter();
        constraints
            .map(|c| c.deferrable.as_ref().map(|s| sql[s.clone()].to_string()))
            .collect::<Vec<_>>()
    };
    let (ast, tokens) = both_with(sql, deferrable);
    let expected = vec![Some("DEFERRABLE INITIALLY DEFERRED".to_string()), None];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
    let alter = "ALTER TABLE t ADD a int, DROP COLUMN b";
    let commas = |m: &Model| {
        let actions = m.alter_table.iter().flat_map(|t| &t.actions);
        actions
            .map(|a| a.comma.as_ref().map(|s| alter[s.clone()].to_string()))
            .collect::<Vec<_>>()
    };
    let (ast, tokens) = both_with(alter, commas);
    let expected = vec![None, Some(",".to_string())];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

fn both_with<T>(sql: &str, f: impl Fn(&Model) -> T) -> (T, T) {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_some(), "{sql} parses");
        let tokens = Model::from_tokens(ctx.tokens_view());
        (f(ctx.model()), f(&tokens))
    })
}
