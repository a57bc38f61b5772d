//! Rust sources: each literal form, each call form, spans, fixes,
//! suppressions, executor engines and the boundary rules.

use super::*;
use crate::project::targets::Targets;

fn options(storage: Option<bool>) -> FileOptions {
    FileOptions {
        storage,
        ..FileOptions::default()
    }
}

/// `(rule, the file text the finding points at)` for each finding.
fn findings_with(code: &str, options: &FileOptions) -> Vec<(String, String)> {
    let report = lint_rust("src/lib.rs", code.as_bytes(), options);
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), code[d.span.clone()].to_string()))
        .collect()
}

fn findings(code: &str) -> Vec<(String, String)> {
    findings_with(code, &options(None))
}

fn pair(rule: &str, text: &str) -> (String, String) {
    (rule.to_string(), text.to_string())
}

#[test]
fn every_sqlx_function_and_macro_is_read() {
    for call in [
        "sqlx::query(\"SELECT ?1\")",
        "sqlx::query_as::<_, User>(\"SELECT ?1\")",
        "sqlx::query_scalar(\"SELECT ?1\")",
        "sqlx::query_with(\"SELECT ?1\", args)",
        "sqlx::query_as_with(\"SELECT ?1\", args)",
        "sqlx::query_scalar_with(\"SELECT ?1\", args)",
        "sqlx::raw_sql(\"SELECT ?1\")",
        "sqlx::query!(\"SELECT ?1\", id)",
        "sqlx::query_unchecked!(\"SELECT ?1\", id)",
        "sqlx::query_as!(User, \"SELECT ?1\", id)",
        "sqlx::query_as_unchecked!(User, \"SELECT ?1\", id)",
        "sqlx::query_scalar!(\"SELECT ?1\", id)",
        "query(\"SELECT ?1\")",
        "diesel::sql_query(\"SELECT ?1\")",
        "conn.execute(\"SELECT ?1\", [])",
        "conn.execute_batch(\"SELECT ?1\")",
        "conn.prepare(\"SELECT ?1\")",
        "conn.prepare_cached(\"SELECT ?1\")",
        "conn.query_row(\"SELECT ?1\", [], f)",
        "client.query(\"SELECT ?1\", &[])",
        "client.query_one(\"SELECT ?1\", &[])",
        "client.batch_execute(\"SELECT ?1\")",
    ] {
        let code = format!("fn f() {{ let _ = {call}; }}");
        assert_eq!(
            findings(&code),
            [pair("numbered-placeholder", "?1")],
            "{call}"
        );
    }
}

#[test]
fn shared_method_names_count_only_for_statements() {
    let code = r#"fn f() {
        cmd.execute("ls ?1");
        http.query("q=?1");
        db.prepare("SELECT ?1");
    }"#;
    assert_eq!(findings(code), [pair("numbered-placeholder", "?1")]);
    let report = lint_rust("a.rs", code.as_bytes(), &options(None));
    assert_eq!(report.statements, 1);
}

#[test]
fn constants_lets_and_concat_flow_into_calls() {
    let code = r#"
const FIND: &str = "SELECT strftime('%s', 'now')";
static COUNT: &str = concat!("SELECT ", "?1");
fn f() {
    let local = "PRAGMA foreign_keys = 1";
    sqlx::query(FIND);
    sqlx::query(COUNT);
    sqlx::query(&local);
}
"#;
    assert_eq!(
        findings(code),
        [
            pair("sqlite-date-function", "strftime('%s', 'now')"),
            pair("numbered-placeholder", "?1"),
            pair("pragma", "PRAGMA foreign_keys = 1"),
        ]
    );
}

#[test]
fn sql_built_at_run_time_is_counted_not_guessed() {
    let code = r#"fn f(table: &str, sql: String) {
        sqlx::query(&format!("SELECT * FROM {table} WHERE id = ?1"));
        sqlx::query(&sql);
        conn.execute(&format!("DELETE FROM {table}"), []);
        conn.execute(&sql, []);
    }"#;
    let report = lint_rust("a.rs", code.as_bytes(), &options(None));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    // The fourth call could be anything's `execute`: not counted.
    assert_eq!(report.unchecked, 3);
}

#[test]
fn spans_point_into_escaped_raw_continued_and_multi_line_literals() {
    let escaped = "fn f() { sqlx::query(\"SELECT \\\"a\\\" FROM t WHERE x = ?1\"); }";
    assert_eq!(findings(escaped), [pair("numbered-placeholder", "?1")]);
    let raw = "fn f() { sqlx::query(r#\"SELECT \"a\"\n  FROM t\n  WHERE x = ?2\"#); }";
    assert_eq!(findings(raw), [pair("numbered-placeholder", "?2")]);
    let continued = "fn f() { sqlx::query(\"SELECT a \\\n      FROM t WHERE x = ?3\"); }";
    assert_eq!(findings(continued), [pair("numbered-placeholder", "?3")]);
    let unicode = "fn f() { sqlx::query(\"SELECT 'é\\u{e9}' WHERE x = ?4\"); }";
    assert_eq!(findings(unicode), [pair("numbered-placeholder", "?4")]);
    let report = lint_rust("a.rs", raw.as_bytes(), &options(None));
    assert_eq!(
        report.file.line_col(report.diagnostics[0].span.start),
        (3, 13)
    );
}

#[test]
fn fixes_are_kept_only_where_every_edit_maps_exactly() {
    let plain = "fn f() { sqlx::query(\"SELECT a FROM t WHERE x = ?1\"); }";
    let report = lint_rust("a.rs", plain.as_bytes(), &options(None));
    let fix = report.diagnostics[0]
        .fix
        .as_ref()
        .expect("a fix in a plain literal");
    assert_eq!(&plain[fix.edits[0].span.clone()], "?1");
    // An escape inside the edited range: the fix cannot be written back.
    let escaped = "fn f() { sqlx::query(\"SELECT a FROM t WHERE x = \\x3f1\"); }";
    let report = lint_rust("a.rs", escaped.as_bytes(), &options(None));
    assert_eq!(report.diagnostics[0].rule, "numbered-placeholder");
    assert!(report.diagnostics[0].fix.is_none());
}

#[test]
fn rust_and_sql_comments_suppress() {
    let code = r#"fn f() {
    // dal-audit: allow(numbered-placeholder) the SQLite build binds by number
    sqlx::query("SELECT ?1");
    sqlx::query("SELECT ?2"); // dal-audit: allow(numbered-placeholder) same
    sqlx::query("SELECT ?3 -- dal-audit: allow(numbered-placeholder) in the SQL");
    sqlx::query("SELECT ?4");
    let url = "http://x"; // dal-audit: allow(pragma) nothing to allow here
}"#;
    assert_eq!(
        findings(code),
        [
            pair("numbered-placeholder", "?4"),
            pair("unused-suppression", "pragma"),
        ]
    );
    let in_literal = "fn f() { let s = \"// dal-audit: allow(pragma) x\"; }";
    assert!(findings(in_literal).is_empty());
}

#[test]
fn query_builder_fragments_get_token_rules_only() {
    let code = r#"fn f() {
    let mut qb = QueryBuilder::new("SELECT * FROM t WHERE ");
    qb.push(" id = ?1 AND ");
    qb.push(" strftime('%s') > ");
    other.push(" id = ?9 ");
}"#;
    assert_eq!(
        findings(code),
        [
            pair("numbered-placeholder", "?1"),
            pair("sqlite-date-function", "strftime('%s')"),
        ]
    );
}

#[test]
fn sqlx_column_overrides_are_never_flagged() {
    let code = r###"fn f() {
    sqlx::query_as!(User, r#"SELECT id AS "id!", name AS "name?", age AS "age: i64", at AS "at!: Time", x AS "x?: T" FROM users"#);
}"###;
    assert_eq!(findings(code), []);
}

#[test]
fn executor_types_pick_the_engine_and_overrides_win() {
    let code = r#"
async fn sqlite(pool: &SqlitePool) { sqlx::query("INSERT INTO t (a) VALUES (?1)"); }
async fn tx(tx: &mut Transaction<'_, Sqlite>) { sqlx::query("SELECT a::int FROM t"); }
async fn pg(pool: &PgPool) { sqlx::query("SELECT a::int FROM t WHERE b = ?1"); }
"#;
    // `::` is PostgreSQL-only: flagged for the SQLite functions only; the
    // policy rule holds everywhere.
    let rules: Vec<(String, String)> = findings(code);
    assert!(rules.contains(&pair("numbered-placeholder", "?1")));
    assert!(
        rules.contains(&pair("postgres-cast-operator", "a::int")),
        "{rules:?}"
    );
    assert_eq!(
        rules
            .iter()
            .filter(|(r, _)| r == "postgres-cast-operator")
            .count(),
        1,
        "{rules:?}"
    );
    assert_eq!(
        rules
            .iter()
            .filter(|(r, _)| r == "numbered-placeholder")
            .count(),
        2
    );
    // An override's targets win over the executor types.
    let both = FileOptions {
        targets_from_override: true,
        ..options(None)
    };
    let with_override = findings_with(code, &both);
    assert_eq!(
        with_override
            .iter()
            .filter(|(r, _)| r == "postgres-cast-operator")
            .count(),
        2,
        "{with_override:?}"
    );
    // Without executor types, the project's targets apply.
    let sqlite_project = FileOptions {
        lint: LintOptions {
            targets: Targets::parse(&["sqlite>=3.35"]).unwrap(),
            ..LintOptions::default()
        },
        ..options(None)
    };
    let plain = "fn f() { sqlx::query(\"SELECT a::int FROM t WHERE b = ?1\"); }";
    // (The policy holds in modules narrowed to one engine, not for a
    // project that targets SQLite alone.)
    assert_eq!(
        findings_with(plain, &sqlite_project),
        [pair("postgres-cast-operator", "a::int")]
    );
}

#[test]
fn boundary_rules_report_calls_and_types_outside_storage() {
    let code = r#"use sqlx::{SqlitePool, Sqlite, Row};
use rusqlite::Connection;
async fn handler(state: &AppState) {
    let pool: Pool<Sqlite> = SqlitePool::connect("sqlite::memory:").await?;
    let rows = sqlx::query("SELECT 1").fetch_all(&state.pool).await?;
    let other = tokio_postgres::connect(url, NoTls);
}"#;
    let outside = findings_with(code, &options(Some(false)));
    assert_eq!(
        outside,
        [
            pair("concrete-pool-type", "SqlitePool"),
            pair("concrete-pool-type", "Sqlite"),
            pair("concrete-pool-type", "Connection"),
            pair("concrete-pool-type", "Sqlite"),
            pair("concrete-pool-type", "SqlitePool"),
            pair("database-access-outside-storage", "connect"),
            pair("database-access-outside-storage", "query"),
            pair("database-access-outside-storage", "connect"),
        ]
    );
    assert!(findings_with(code, &options(Some(true))).is_empty());
    assert!(findings_with(code, &options(None)).is_empty());
}

#[test]
fn a_field_declared_with_a_database_type_is_database_access_outside_storage() {
    let code = "struct AppState { pool: sqlx::AnyPool, workers: rayon::ThreadPool }
async fn handler(state: &AppState, app: &App) {
    let users = storage::list_users(&state.pool).await;
    let mut conn = app.state.pool.acquire().await?;
    state.workers.install(|| ());
}";
    assert_eq!(
        findings_with(code, &options(Some(false))),
        [
            pair("database-access-outside-storage", "pool"),
            pair("database-access-outside-storage", "pool"),
        ]
    );
    assert!(findings_with(code, &options(Some(true))).is_empty());
    // Declared in another file: the project's fields come with the options;
    // this file names no database word, and is read for them all the same.
    let handler = "async fn handler(state: &AppState) { let n = count(&state.pool).await; }";
    let project = fields::DatabaseFields::from_facts(fields::field_facts_of(
        "pub struct AppState { pub pool: sqlx::SqlitePool }",
    ));
    let report = lint_rust(
        "src/handlers.rs",
        handler.as_bytes(),
        &FileOptions {
            storage: Some(false),
            database_fields: project,
            ..FileOptions::default()
        },
    );
    let messages: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "`state.pool` reaches the database outside the storage modules (`AppState::pool` is a `sqlx::SqlitePool`)"
        ]
    );
    // A name another struct gives another type is no evidence.
    let ambiguous =
        "struct A { pool: PgPool } struct B { pool: ThreadPool } fn f(b: B) { b.pool.join(); }";
    assert!(
        findings_with(ambiguous, &options(Some(false)))
            .iter()
            .all(|(rule, _)| rule != "database-access-outside-storage")
    );
}

#[test]
fn files_without_database_markers_report_nothing_and_unparsable_ones_say_so() {
    let report = lint_rust(
        "a.rs",
        b"fn main() { println!(\"hi\"); }",
        &options(Some(false)),
    );
    assert_eq!((report.statements, report.diagnostics.len()), (0, 0));
    let broken = lint_rust(
        "a.rs",
        b"fn f( { sqlx::query(\"SELECT ?1\")",
        &options(None),
    );
    let found: Vec<_> = broken
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.span.clone()))
        .collect();
    assert_eq!(found, [("rust-syntax-error", 6..7)]);
}

#[test]
fn query_file_macros_lint_the_named_file_at_the_path_literal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\n").unwrap();
    std::fs::create_dir_all(dir.path().join("queries")).unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(
        dir.path().join("queries/find.sql"),
        "SELECT 1;\nSELECT ?1;\n",
    )
    .unwrap();
    let code = "fn f() { sqlx::query_file!(\"queries/find.sql\", id); sqlx::query_file_as!(U, \"queries/gone.sql\"); }";
    let path = dir.path().join("src/db.rs");
    let report = lint_rust(&path.to_string_lossy(), code.as_bytes(), &options(None));
    let found: Vec<(&str, &str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule, &code[d.span.clone()], &*d.message))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "numbered-placeholder");
    assert_eq!(found[0].1, "queries/find.sql");
    assert!(
        found[0].2.starts_with("queries/find.sql:2:8: "),
        "{}",
        found[0].2
    );
    // The missing file is counted, not guessed.
    assert_eq!(report.unchecked, 1);
}

#[test]
fn hostile_rust_files_are_linted_or_skipped_never_a_panic() {
    let deep = format!(
        "fn f() {{ sqlx::query(\"SELECT ?1\"); let x = {}1{}; }}",
        "(".repeat(5_000),
        ")".repeat(5_000)
    );
    let inputs: Vec<Vec<u8>> = vec![
        b"fn f() { sqlx::query(\"SELECT ?1".to_vec(),
        b"fn f() { sqlx::query(r###\"SELECT ?1\"#); }".to_vec(),
        b"fn f() { sqlx::query(\"SELECT \xff ?1\"); }".to_vec(),
        b"fn f() { sqlx::query(\"\\u{110000} \\x ?1\"); }".to_vec(),
        "fn f() { sqlx::query(\"SELECT \\x1\u{e9} ?1\"); }"
            .as_bytes()
            .to_vec(),
        b"fn f() { sqlx::query!(); sqlx::query_as!(U); concat!(); }".to_vec(),
        b"fn f() { sqlx::query(concat!(\"SELECT \", 1, \"?1\")); }".to_vec(),
        deep.into_bytes(),
    ];
    for input in inputs {
        let report = lint_rust("a.rs", &input, &options(Some(false)));
        for d in &report.diagnostics {
            assert!(d.span.end <= input.len(), "{d:?}");
        }
    }
    let bom_shebang = "\u{feff}#!/usr/bin/env run\nfn f() { sqlx::query(\"SELECT ?1\"); }\n";
    assert_eq!(findings(bom_shebang), [pair("numbered-placeholder", "?1")]);
}
