//! The statement head, built both ways.

use super::head::{ClauseKind, Head, ObjectKind, Verb};
use super::*;
use crate::testing::with_statement;

/// What a head says, with its spans as text.
#[derive(Debug, PartialEq)]
struct Seen {
    verb: Verb,
    object: Option<ObjectKind>,
    span: String,
    clauses: Vec<(ClauseKind, String)>,
    names: Vec<String>,
    separators: usize,
}

fn seen(sql: &str, head: &Head) -> Seen {
    let text = |span: &Range<usize>| sql[span.clone()].to_string();
    Seen {
        verb: head.verb,
        object: head.object,
        span: text(&head.span),
        clauses: head
            .clauses
            .iter()
            .map(|c| (c.kind, text(&c.span)))
            .collect(),
        names: head.names.iter().map(text).collect(),
        separators: head.separators.len(),
    }
}

/// The head from the AST (the statement must parse) and from the tokens.
fn both(sql: &str) -> (Seen, Seen) {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_some(), "{sql} parses");
        let tokens = Model::from_tokens(ctx.tokens_view());
        (
            seen(sql, ctx.model().head.as_ref().expect("a head")),
            seen(sql, tokens.head.as_ref().expect("a head")),
        )
    })
}

/// The head of a statement no dialect parses: the tokens' alone.
fn tokens_only(sql: &str) -> Seen {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_none(), "{sql} does not parse");
        seen(sql, ctx.model().head.as_ref().expect("a head"))
    })
}

fn clause(kind: ClauseKind, text: &str) -> (ClauseKind, String) {
    (kind, text.to_string())
}

#[test]
fn a_create_head_has_its_modifiers_guard_and_name() {
    let sql = "CREATE OR REPLACE TEMP VIEW IF NOT EXISTS s.v AS SELECT 1";
    let expected = Seen {
        verb: Verb::Create,
        object: Some(ObjectKind::View),
        span: "CREATE OR REPLACE TEMP VIEW".into(),
        clauses: vec![
            clause(ClauseKind::OrReplace, "OR REPLACE"),
            clause(ClauseKind::IfNotExists, "IF NOT EXISTS"),
        ],
        names: vec!["s.v".into()],
        separators: 0,
    };
    let (ast, tokens) = both(sql);
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn a_drop_lists_its_names_and_commas() {
    let (ast, tokens) = both("DROP TABLE IF EXISTS a, s.b CASCADE");
    assert_eq!(ast, tokens);
    assert_eq!(
        (ast.verb, ast.object),
        (Verb::Drop, Some(ObjectKind::Table))
    );
    assert_eq!(ast.names, ["a", "s.b"]);
    assert_eq!(ast.separators, 1);
    assert_eq!(ast.clauses, [clause(ClauseKind::IfExists, "IF EXISTS")]);
}

#[test]
fn object_kinds_of_two_words_and_enums() {
    for (sql, object, span) in [
        (
            "CREATE MATERIALIZED VIEW m AS SELECT 1",
            ObjectKind::MaterializedView,
            "CREATE MATERIALIZED VIEW",
        ),
        (
            "CREATE VIRTUAL TABLE f USING fts5(a)",
            ObjectKind::VirtualTable,
            "CREATE VIRTUAL TABLE",
        ),
        (
            "CREATE TYPE e AS ENUM ('a', 'b')",
            ObjectKind::EnumType,
            "CREATE TYPE",
        ),
        ("CREATE TYPE c AS (a int)", ObjectKind::Type, "CREATE TYPE"),
        (
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)",
            ObjectKind::Index,
            "CREATE UNIQUE INDEX",
        ),
        (
            "CREATE EXTENSION IF NOT EXISTS pgcrypto",
            ObjectKind::Extension,
            "CREATE EXTENSION",
        ),
    ] {
        let (ast, tokens) = both(sql);
        assert_eq!(ast, tokens, "{sql}");
        assert_eq!(
            (ast.object, ast.span.as_str()),
            (Some(object), span),
            "{sql}"
        );
    }
}

#[test]
fn head_clauses_of_other_verbs() {
    let (ast, tokens) = both("MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE");
    assert_eq!(ast, tokens);
    assert_eq!(
        (ast.verb, ast.clauses),
        (Verb::Merge, vec![clause(ClauseKind::Into, "INTO")])
    );
    let (ast, tokens) =
        both("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()");
    assert_eq!(ast, tokens);
    assert_eq!(
        ast.clauses,
        [clause(ClauseKind::ExecuteFunction, "EXECUTE")]
    );
    let vacuum = tokens_only("VACUUM INTO 'b.db'");
    assert_eq!(
        (vacuum.verb, vacuum.clauses),
        (Verb::Vacuum, vec![clause(ClauseKind::Into, "INTO")])
    );
    let analyze = tokens_only("ANALYZE VERBOSE a (x), b");
    assert_eq!(analyze.names, ["a", "b"]);
    assert_eq!(
        analyze.clauses,
        [
            clause(ClauseKind::Options, "VERBOSE"),
            clause(ClauseKind::ColumnList, "(x)")
        ]
    );
}

#[test]
fn replace_into_is_told_from_insert_or_replace() {
    // SQLite's dialect parses both as an INSERT that replaces.
    let (ast, tokens) = both("REPLACE INTO t (a) VALUES (1)");
    assert_eq!((ast.verb, tokens.verb), (Verb::Replace, Verb::Replace));
    let (ast, tokens) = both("INSERT OR REPLACE INTO t (a) VALUES (1)");
    assert_eq!((ast.verb, tokens.verb), (Verb::Insert, Verb::Insert));
}

#[test]
fn words_that_name_columns_are_no_head() {
    let (ast, tokens) = both("CREATE TABLE grant (type text, owner text)");
    assert_eq!(ast, tokens);
    assert_eq!(
        (ast.verb, ast.object, ast.names),
        (
            Verb::Create,
            Some(ObjectKind::Table),
            vec!["grant".to_string()]
        )
    );
    let (ast, _) = both("UPDATE t SET a = 1");
    assert_eq!(ast.verb, Verb::Update);
}
