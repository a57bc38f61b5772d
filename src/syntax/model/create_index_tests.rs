//! The `CREATE INDEX` node, built from the AST and from the tokens alike.

use super::*;
use crate::testing::with_statement;

/// What both builders say of `sql`'s index: (from the AST, from the tokens).
fn both(sql: &str) -> (Vec<String>, Vec<String>) {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_some(), "{sql} parses");
        let tokens = Model::from_tokens(ctx.tokens_view());
        (described(sql, ctx.model()), described(sql, &tokens))
    })
}

/// Each part of the index, as text.
fn described(sql: &str, model: &Model) -> Vec<String> {
    let Some(index) = &model.create_index else {
        return Vec::new();
    };
    let text = |span: &Range<usize>| sql[span.clone()].to_string();
    let mut parts = vec![
        text(&index.head),
        index.name.as_ref().map_or("unnamed".into(), text),
        format!(
            "unique {} concurrently {} if not exists {}",
            index.unique, index.concurrently, index.if_not_exists
        ),
    ];
    if let Some(method) = &index.using {
        parts.push(format!("{} {}", text(&method.span), method.name));
    }
    parts.extend(index.operator_classes.iter().map(|c| text(&c.span)));
    parts.extend(
        index
            .clauses
            .iter()
            .map(|c| format!("{:?} {}", c.kind, text(&c.span))),
    );
    parts
}

#[test]
fn a_plain_index_has_a_name_and_no_postgres_parts() {
    let (ast, tokens) = both("CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a, b DESC) WHERE a > 0");
    let expected = [
        "CREATE UNIQUE INDEX IF NOT EXISTS i ON",
        "i",
        "unique true concurrently false if not exists true",
    ];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn postgres_parts_are_located() {
    let (ast, tokens) = both(
        "CREATE INDEX CONCURRENTLY ON t USING gin (doc jsonb_path_ops, name text_pattern_ops) \
         INCLUDE (c) NULLS NOT DISTINCT WITH (fastupdate = off) WHERE x",
    );
    let expected = [
        "CREATE INDEX CONCURRENTLY ON",
        "unnamed",
        "unique false concurrently true if not exists false",
        "USING gin gin",
        "jsonb_path_ops",
        "text_pattern_ops",
        "Include INCLUDE (c)",
        "NullsNotDistinct NULLS NOT DISTINCT",
        "With WITH (fastupdate = off)",
    ];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn other_statements_have_no_index() {
    let (ast, tokens) = both("CREATE TABLE t (a int)");
    assert!(ast.is_empty() && tokens.is_empty());
}

#[test]
fn the_fallback_finds_a_tablespace() {
    with_statement("CREATE INDEX i ON t (a) TABLESPACE fast", |ctx| {
        assert!(
            ctx.ast.is_none(),
            "sqlparser has no TABLESPACE for an index"
        );
        let index = ctx.model().create_index.as_ref().expect("an index");
        let clause = index
            .clauses_of(ClauseKind::Tablespace)
            .next()
            .expect("a clause");
        assert_eq!(ctx.text(&clause.span), "TABLESPACE fast");
    });
}
