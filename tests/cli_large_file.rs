//! A file over `parts::PART_BYTES` is linted in parts by the command line;
//! what it prints must be what linting the whole file at once gives.

mod common;

use common::dal_audit;
use dal_audit::LintOptions;
use dal_audit::lint::parts::PART_BYTES;
use dal_audit::lint_bytes;
use dal_audit::report::{self, Format, Style};

/// Migrations of every shape the splitter cares about, repeated past
/// `PART_BYTES` (so two parts at least), with an `allow-file` at the very
/// end. JSON and SARIF (whose fingerprints count over the file) are compared;
/// the human format's parts are compared in `parts.rs`'s own tests.
fn large_migration() -> String {
    let block = "-- dal-audit: allow(pragma) needed by the desktop build\n\
        PRAGMA foreign_keys = ON;\n\
        CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT DEFAULT 'a; b', created_at TEXT DEFAULT (strftime('%s', 'now')));\n\
        /* a block comment; with a semicolon */ SELECT x::text FROM t WHERE y = ?1; -- dal-audit: allow(numbered-placeholder) sqlx binds it\n\
        CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE t SET note = 'é 東京'; END;\r\n\
        CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql;\n";
    let mut sql = String::new();
    while sql.len() < PART_BYTES + PART_BYTES / 4 {
        sql.push_str(block);
    }
    sql.push_str(
        "-- dal-audit: allow-file(trigger) the triggers move into the storage code in v2\n",
    );
    sql
}

#[test]
fn a_file_linted_in_parts_prints_what_the_whole_file_gives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("0001_large.sql");
    let sql = large_migration();
    std::fs::write(&path, &sql).unwrap();
    let name = path.to_string_lossy().into_owned();
    let whole = lint_bytes(&name, sql.as_bytes(), &LintOptions::default());
    assert!(
        whole.diagnostics.len() > 1000,
        "the file has findings throughout"
    );
    for (format, flag) in [
        (Format::Json, "json"),
        (Format::Human, "human"),
        (Format::Sarif, "sarif"),
    ] {
        let mut expected = Vec::new();
        report::write(
            format,
            std::slice::from_ref(&whole),
            Style { color: false },
            &mut expected,
        )
        .unwrap();
        let printed = dal_audit()
            .args(["check", "--color", "never", "--format", flag])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(printed.status.code(), Some(1), "{flag}");
        assert!(
            printed.stdout == expected,
            "--format {flag} differs from the whole-file report"
        );
    }
}
