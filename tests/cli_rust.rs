//! `check` on Rust sources: the fixture's dual-backend `src/`, config
//! overrides and executor types, the boundary rules, discovery.

mod common;

use std::path::Path;

use common::{check_json, dal_audit};

const CONFIG: &str = "fixtures/sqlx-app/dal-audit.toml";

/// `(path, line, rule)` of every finding in the fixture's Rust files.
fn rust_findings(args: &[&str]) -> Vec<(String, u64, String)> {
    let document = check_json(args);
    let diagnostics = document["diagnostics"].as_array().expect("diagnostics");
    diagnostics
        .iter()
        .filter(|d| d["path"].as_str().is_some_and(|f| f.ends_with(".rs")))
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(found: &[(String, u64, String)], file: &str, line: u64, rule: &str) -> bool {
    found
        .iter()
        .any(|(f, l, r)| f.ends_with(file) && *l == line && r == rule)
}

#[test]
fn the_fixture_reports_each_backend_for_its_engine_and_the_boundary() {
    let found = rust_findings(&["--config", CONFIG]);
    // Policy rules hold in the SQLite backend too.
    assert!(
        has(&found, "storage/sqlite.rs", 26, "numbered-placeholder"),
        "{found:#?}"
    );
    assert!(
        has(&found, "storage/sqlite.rs", 37, "sqlite-date-function"),
        "{found:#?}"
    );
    // Shared code is checked for both engines.
    assert!(
        has(&found, "storage/mod.rs", 19, "sqlite-date-function"),
        "{found:#?}"
    );
    // PostgreSQL syntax in the PostgreSQL backend is fine (override targets).
    assert!(
        !found
            .iter()
            .any(|(f, _, _)| f.ends_with("storage/postgres.rs")),
        "{found:#?}"
    );
    // The boundary: a query and a concrete pool in a handler.
    assert!(
        has(&found, "handlers/admin.rs", 2, "concrete-pool-type"),
        "{found:#?}"
    );
    assert!(
        has(&found, "handlers/admin.rs", 4, "concrete-pool-type"),
        "{found:#?}"
    );
    assert!(
        has(
            &found,
            "handlers/admin.rs",
            5,
            "database-access-outside-storage"
        ),
        "{found:#?}"
    );
    // Storage may name pools and run queries.
    let in_storage_boundary = found.iter().any(|(f, _, r)| {
        f.contains("storage/")
            && (r == "concrete-pool-type" || r == "database-access-outside-storage")
    });
    assert!(!in_storage_boundary, "{found:#?}");
    assert_eq!(check_json(&["--config", CONFIG])["summary"]["unchecked"], 4);
}

#[test]
fn the_fixture_run_exits_1_and_reads_its_human_output() {
    let output = dal_audit()
        .args(["check", "--config", CONFIG])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(stdout);
    assert!(
        stdout.contains("4 queries built at run time not checked"),
        "{stdout}"
    );
}

#[test]
fn without_storage_globs_the_boundary_rules_are_off() {
    let found = rust_findings(&["fixtures/sqlx-app/src"]);
    assert!(!found.is_empty());
    assert!(
        !found
            .iter()
            .any(|(_, _, r)| r == "concrete-pool-type" || r == "database-access-outside-storage"),
        "{found:#?}"
    );
}

/// A project in a temporary folder: its files, then `check` run there.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn rules_in(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let output = dal_audit()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const CAST_IN_SQLITE_FN: &str =
    "async fn f(pool: &SqlitePool) { sqlx::query(\"SELECT a::int FROM t\"); }\n";

#[test]
fn precedence_is_overrides_then_executor_types_then_project_targets() {
    // The executor type narrows to SQLite: `::` is flagged though the project targets both.
    let dir = project(&[
        ("dal-audit.toml", "paths = [\"src\"]\n"),
        ("src/a.rs", CAST_IN_SQLITE_FN),
        (
            "src/b.rs",
            "async fn f(pool: &PgPool) { sqlx::query(\"SELECT a::int FROM t\"); }\n",
        ),
    ]);
    assert_eq!(
        rules_in(dir.path(), &[]),
        [("src/a.rs".to_string(), "postgres-cast-operator".to_string())]
    );
    // An override's targets win over the executor type.
    let dir = project(&[
        (
            "dal-audit.toml",
            "paths = [\"src\"]\n[[overrides]]\nfiles = [\"src/a.rs\"]\ntargets = [\"postgres>=14\"]\n",
        ),
        ("src/a.rs", CAST_IN_SQLITE_FN),
    ]);
    assert_eq!(rules_in(dir.path(), &[]), []);
    // Without executor types or overrides, the project's targets apply.
    let dir = project(&[
        (
            "dal-audit.toml",
            "targets = [\"postgres>=14\"]\npaths = [\"src\"]\n",
        ),
        (
            "src/a.rs",
            "fn f() { sqlx::query(\"SELECT a::int FROM t\"); }\n",
        ),
    ]);
    assert_eq!(rules_in(dir.path(), &[]), []);
}

#[test]
fn override_rule_levels_turn_rules_off_and_change_severity() {
    let dir = project(&[
        (
            "dal-audit.toml",
            "paths = [\"src\"]\n[[overrides]]\nfiles = [\"src/storage/**\"]\nrules = { pragma = \"off\", numbered-placeholder = \"warning\" }\n",
        ),
        (
            "src/storage/a.rs",
            "fn f() { sqlx::query(\"PRAGMA foreign_keys = 1\"); sqlx::query(\"SELECT ?1\"); }\n",
        ),
        (
            "src/b.rs",
            "fn f() { sqlx::query(\"PRAGMA foreign_keys = 1\"); }\n",
        ),
    ]);
    let output = dal_audit()
        .current_dir(dir.path())
        .args(["check", "--format", "compact"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("src/b.rs:1:23: error[pragma]"), "{stdout}");
    assert!(
        stdout.contains("src/storage/a.rs:1:70: warning[numbered-placeholder]"),
        "{stdout}"
    );
    assert!(!stdout.contains("src/storage/a.rs:1:23"), "{stdout}");
}

#[test]
fn gitignored_folders_and_files_without_database_code_are_skipped() {
    let dir = project(&[
        (".gitignore", "target/\n"),
        (
            "target/debug/build/gen.rs",
            "fn f() { sqlx::query(\"SELECT ?1\"); }\n",
        ),
        ("src/a.rs", "fn f() { sqlx::query(\"SELECT ?1\"); }\n"),
        ("src/plain.rs", "fn main() {}\n"),
    ]);
    assert_eq!(
        rules_in(dir.path(), &["."]),
        [("./src/a.rs".to_string(), "numbered-placeholder".to_string())]
    );
}

#[test]
fn storage_globs_activate_the_boundary_rules() {
    let dir = project(&[
        (
            "dal-audit.toml",
            "paths = [\"src\"]\nstorage = [\"src/storage/**\"]\n",
        ),
        (
            "src/storage/db.rs",
            "use sqlx::PgPool;\nfn f(p: &PgPool) { sqlx::query(\"SELECT 1\"); }\n",
        ),
        (
            "src/api.rs",
            "use sqlx::PgPool;\nfn f(p: &PgPool) { sqlx::query(\"SELECT 1\"); }\n",
        ),
    ]);
    let found = rules_in(dir.path(), &[]);
    let at = |rule: &str| {
        found
            .iter()
            .filter(|(f, r)| f == "src/api.rs" && r == rule)
            .count()
    };
    assert_eq!(at("concrete-pool-type"), 2, "{found:?}");
    assert_eq!(at("database-access-outside-storage"), 1, "{found:?}");
    assert!(found.iter().all(|(f, _)| f == "src/api.rs"), "{found:?}");
}

/// `state.pool` in a handler, where another file declares `AppState::pool`
/// as a pool: the grep step's pattern, known by the field's type.
#[test]
fn a_pool_field_declared_elsewhere_is_caught_where_it_is_reached() {
    let dir = common::folder(&[
        (
            "dal-audit.toml",
            "paths = [\"src\"]\nstorage = [\"src/storage/**\"]\n",
        ),
        (
            "src/state.rs",
            "pub struct AppState {\n    pub pool: sqlx::AnyPool,\n    pub jobs: Jobs,\n}\npub struct Jobs { pub threads: rayon::ThreadPool }\npub struct Db { pub db: std::sync::Arc<sqlx::AnyPool> }\n",
        ),
        (
            "src/handlers.rs",
            "pub async fn show(state: AppState, db: Db) {\n    let user = storage::user(&state.pool, 1).await;\n    state.jobs.threads.install(|| ());\n    let n = storage::count(&db.db).await;\n}\n",
        ),
        (
            "src/storage/mod.rs",
            "pub async fn user(pool: &sqlx::AnyPool, id: i64) {}\npub fn reach(state: &crate::AppState) -> &sqlx::AnyPool { &state.pool }\n",
        ),
    ]);
    let run = common::run_in(dir.path(), &["check", "--format", "compact"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    src/handlers.rs:2:37: error[database-access-outside-storage] `state.pool` reaches the database outside the storage modules (`AppState::pool` is a `sqlx::AnyPool`)
    src/handlers.rs:4:32: error[database-access-outside-storage] `db.db` reaches the database outside the storage modules (`Db::db` is a `std::sync::Arc<sqlx::AnyPool>`)
    ");
}
