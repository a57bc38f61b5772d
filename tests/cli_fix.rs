//! `check --fix`, `--unsafe-fixes`, `--diff`, baselines, `completions` and
//! `rules --format json`, run as a user would: in a temporary folder.

use std::fs;

use tempfile::TempDir;

mod common;

use common::{folder_of_bytes as folder, run_in};

fn read(dir: &TempDir, path: &str) -> Vec<u8> {
    fs::read(dir.path().join(path)).unwrap()
}

/// A safe fix (backticks), an unsafe one (`?1`) and a finding with no fix
/// (`AUTOINCREMENT`).
const MIXED: &str = "CREATE TABLE `account` (id INTEGER PRIMARY KEY AUTOINCREMENT);\nSELECT * FROM account WHERE id = ?1;\n";

#[test]
fn fix_applies_the_safe_fixes_and_reports_what_remains() {
    let dir = folder(&[("m/1.sql", MIXED.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--fix", "m", "--format", "compact"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        String::from_utf8(read(&dir, "m/1.sql")).unwrap(),
        "CREATE TABLE \"account\" (id INTEGER PRIMARY KEY AUTOINCREMENT);\nSELECT * FROM account WHERE id = ?1;\n"
    );
    insta::assert_snapshot!(run.stdout, @r"
    m/1.sql:1:48: error[autoincrement] `AUTOINCREMENT` is SQLite-only; PostgreSQL rejects it as a syntax error
    m/1.sql:2:34: error[numbered-placeholder] `?1` is a SQLite numbered parameter; PostgreSQL rejects `?`
    ");
    assert_eq!(run.stderr, "Fixed 1 finding (1 file); 2 remain\n");
}

#[test]
fn unsafe_fixes_apply_the_unsafe_ones_too_and_a_second_run_fixes_nothing() {
    let dir = folder(&[("m/1.sql", MIXED.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--unsafe-fixes", "m"]);
    assert_eq!(run.code, 1, "AUTOINCREMENT has no fix: {}", run.stdout);
    assert!(
        run.stdout
            .ends_with("Fixed 2 findings (1 file); 1 remains\n"),
        "{}",
        run.stdout
    );
    let fixed = read(&dir, "m/1.sql");
    assert!(String::from_utf8_lossy(&fixed).contains("id = $1"));
    let again = run_in(dir.path(), &["check", "--unsafe-fixes", "m"]);
    assert!(
        again
            .stdout
            .ends_with("Fixed 0 findings (0 files); 1 remains\n"),
        "{}",
        again.stdout
    );
    assert_eq!(read(&dir, "m/1.sql"), fixed, "the fix is idempotent");
}

#[test]
fn a_run_with_everything_fixed_exits_0() {
    let dir = folder(&[("m/1.sql", b"CREATE TABLE `t` (x TEXT);\n")]);
    let run = run_in(dir.path(), &["check", "--fix", "m"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("Fixed 1 finding (1 file); 0 remain\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_prints_a_unified_diff_writes_nothing_and_exits_1() {
    let dir = folder(&[("m/1.sql", MIXED.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--diff", "--unsafe-fixes", "m"]);
    assert_eq!(run.code, 1);
    assert_eq!(read(&dir, "m/1.sql"), MIXED.as_bytes());
    insta::assert_snapshot!(run.stdout, @r#"
    --- a/m/1.sql
    +++ b/m/1.sql
    @@ -1,2 +1,2 @@
    -CREATE TABLE `account` (id INTEGER PRIMARY KEY AUTOINCREMENT);
    -SELECT * FROM account WHERE id = ?1;
    +CREATE TABLE "account" (id INTEGER PRIMARY KEY AUTOINCREMENT);
    +SELECT * FROM account WHERE id = $1;
    "#);
    assert_eq!(run.stderr, "Would fix 2 findings (1 file)\n");
    let clean = folder(&[("m/1.sql", b"SELECT 1;\n")]);
    let run = run_in(clean.path(), &["check", "--diff", "m"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn diff_and_fix_refuse_standard_input_and_each_other() {
    let dir = folder(&[]);
    let run = run_in(dir.path(), &["check", "--fix", "-"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read standard input"),
        "{}",
        run.stderr
    );
    let run = run_in(dir.path(), &["check", "--fix", "--diff", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("m/1.sql", MIXED.as_bytes())]);
    let path = dir.path().join("m/1.sql");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
    let run = run_in(dir.path(), &["check", "--fix", "m"]);
    assert_eq!(run.code, 1);
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o604);
    let names: Vec<_> = fs::read_dir(dir.path().join("m")).unwrap().collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn bytes_outside_the_edits_never_change() {
    // A byte-order mark, CRLF line ends, a byte that is not UTF-8 in a
    // comment, tabs and trailing spaces: only the backticks may change.
    let mut original =
        b"\xEF\xBB\xBF-- caf\xE9 \t \r\nCREATE TABLE `t` (\tx INT ) ;  \r\n".to_vec();
    original.extend_from_slice(b"-- end \xFF\xFE\r\n\r\n");
    let dir = folder(&[("m/1.sql", &original)]);
    let run = run_in(dir.path(), &["check", "--fix", "m"]);
    assert!(
        run.stdout.contains("Fixed 1 finding (1 file)"),
        "{}",
        run.stdout
    );
    let expected = [
        &b"\xEF\xBB\xBF-- caf\xE9 \t \r\nCREATE TABLE \"t\" (\tx INT ) ;  \r\n"[..],
        b"-- end \xFF\xFE\r\n\r\n",
    ]
    .concat();
    assert_eq!(read(&dir, "m/1.sql"), expected);
}

#[test]
fn a_file_linted_in_parts_is_not_fixed_and_says_so() {
    let mut large = String::new();
    while large.len() <= 1 << 20 {
        large.push_str("CREATE TABLE `t` (x INT);\n");
    }
    let dir = folder(&[("m/big.sql", large.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--fix", "m", "--format", "compact"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("m/big.sql: not fixed: files over 1 MB are linted in parts"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&dir, "m/big.sql"), large.as_bytes());
}

#[test]
fn a_baseline_hides_the_findings_it_recorded_and_counts_stale_entries() {
    let twice = "PRAGMA foreign_keys = 1;\nPRAGMA foreign_keys = 1;\n";
    let dir = folder(&[("m/1.sql", twice.as_bytes()), ("m/2.sql", MIXED.as_bytes())]);
    let run = run_in(
        dir.path(),
        &["check", "m", "--write-baseline", "baseline.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("Wrote 5 findings to the baseline baseline.json\n"),
        "{}",
        run.stdout
    );
    let baseline: serde_json::Value = serde_json::from_slice(&read(&dir, "baseline.json")).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["findings"].as_array().unwrap();
    let pragma = &entries[0];
    assert_eq!(
        (pragma["path"].as_str(), pragma["rule"].as_str()),
        (Some("m/1.sql"), Some("pragma"))
    );
    assert_eq!(
        pragma["count"], 2,
        "the same finding twice is one entry counted twice"
    );

    let written = read(&dir, "baseline.json");
    run_in(
        dir.path(),
        &["check", "m", "--write-baseline", "baseline.json"],
    );
    assert_eq!(
        read(&dir, "baseline.json"),
        written,
        "the same run writes the same file"
    );

    let run = run_in(dir.path(), &["check", "m", "--baseline", "baseline.json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("5 findings hidden by the baseline; 0 stale baseline entries\n"),
        "{}",
        run.stdout
    );

    // Lines moved (a blank line above), a third PRAGMA, a statement gone.
    let moved = format!("\n{twice}PRAGMA foreign_keys = 1;\n");
    fs::write(dir.path().join("m/1.sql"), moved).unwrap();
    let first_line = MIXED.lines().next().unwrap();
    fs::write(dir.path().join("m/2.sql"), format!("\n\n{first_line}\n")).unwrap();
    let run = run_in(
        dir.path(),
        &[
            "check",
            "m",
            "--baseline",
            "baseline.json",
            "--format",
            "compact",
        ],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout, @"m/1.sql:4:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error");
    assert!(
        run.stderr
            .contains("4 findings hidden by the baseline; 1 stale baseline entry"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_configuration_names_the_baseline_relative_to_its_folder() {
    let dir = folder(&[
        ("dal-audit.toml", b"baseline = \"db/baseline.json\"\n"),
        ("db/m/1.sql", b"PRAGMA foreign_keys = 1;\n"),
        ("src/x", b""),
    ]);
    let run = run_in(
        dir.path(),
        &["check", "db/m", "--write-baseline", "db/baseline.json"],
    );
    assert_eq!(run.code, 0);
    let baseline = String::from_utf8(read(&dir, "db/baseline.json")).unwrap();
    assert!(baseline.contains("\"path\": \"m/1.sql\""), "{baseline}");
    let run = run_in(&dir.path().join("src"), &["check", "../db/m"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("1 finding hidden by the baseline"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_baseline_is_a_clear_error() {
    let dir = folder(&[
        ("m/1.sql", b"SELECT 1;\n"),
        ("old.json", b"{\"version\": 9, \"findings\": []}"),
        ("junk.json", b"not json"),
    ]);
    let run = run_in(dir.path(), &["check", "m", "--baseline", "old.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "dal-audit: `old.json` is a baseline of version 9; this dal-audit reads version 1\n"
    );
    let run = run_in(dir.path(), &["check", "m", "--baseline", "junk.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("dal-audit: `junk.json` is not a dal-audit baseline"),
        "{}",
        run.stderr
    );
    let run = run_in(dir.path(), &["check", "m", "--baseline", "missing.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read the baseline `missing.json`"),
        "{}",
        run.stderr
    );
}

#[test]
fn completions_for_each_shell() {
    let dir = folder(&[]);
    for (shell, marker) in [
        ("bash", "_dal__audit()"),
        ("zsh", "#compdef dal-audit"),
        ("fish", "complete -c dal-audit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = run_in(dir.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(
            run.stdout.contains("unsafe-fixes"),
            "{shell} completes check's flags"
        );
    }
    let run = run_in(dir.path(), &["completions", "tcsh"]);
    assert_eq!(run.code, 2);
}

#[test]
fn rules_as_json_list_every_rule_with_its_fix() {
    let dir = folder(&[]);
    let run = run_in(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rules.len(), dal_audit::rules::all().len());
    let backtick = rules
        .iter()
        .find(|r| r["id"] == "backtick-identifier")
        .unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(backtick).unwrap(), @r#"
    {
      "breaks": [
        "postgres"
      ],
      "engines": [
        "postgres"
      ],
      "fix": "safe",
      "fixable": true,
      "group": "sqlite_only",
      "id": "backtick-identifier",
      "on_by_default": true,
      "severity": "error",
      "summary": "`` `name` `` quoted names: PostgreSQL only reads double quotes"
    }
    "#);
    let pragma = rules.iter().find(|r| r["id"] == "pragma").unwrap();
    assert_eq!(
        (&pragma["fixable"], &pragma["fix"]),
        (&serde_json::json!(false), &serde_json::Value::Null)
    );
    // Opt-in rules say so: off unless selected.
    let on_by_default =
        |id: &str| rules.iter().find(|r| r["id"] == id).unwrap()["on_by_default"].clone();
    assert_eq!(on_by_default("pragma"), serde_json::json!(true));
    assert_eq!(
        on_by_default("unparsed-statement"),
        serde_json::json!(false)
    );
    assert_eq!(on_by_default("varchar-length"), serde_json::json!(false));
}

#[test]
fn fix_leaves_the_baselined_findings_alone() {
    let new = "CREATE TABLE `u` (x TEXT);\n";
    let dir = folder(&[("m/1.sql", MIXED.as_bytes())]);
    let run = run_in(dir.path(), &["check", "m", "--write-baseline", "b.json"]);
    assert_eq!(run.code, 0);
    fs::write(dir.path().join("m/2.sql"), new).unwrap();
    let run = run_in(
        dir.path(),
        &["check", "m", "--unsafe-fixes", "--baseline", "b.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        read(&dir, "m/1.sql"),
        MIXED.as_bytes(),
        "baselined: not fixed"
    );
    assert_eq!(read(&dir, "m/2.sql"), b"CREATE TABLE \"u\" (x TEXT);\n");
    assert!(
        run.stdout.contains("Fixed 1 finding (1 file); 0 remain"),
        "{}",
        run.stdout
    );
}

/// A Rust file's SQL literal is fixed in place; every byte outside the
/// edit, Rust code included, is unchanged. `?1` → `$1` is unsafe.
#[test]
fn fix_rewrites_sql_inside_a_rust_literal_and_nothing_else() {
    let source = "pub async fn touch(pool: &sqlx::AnyPool) {\n    sqlx::query(\"UPDATE users SET seen = 1 WHERE id = ?1\")\n        .execute(pool)\n        .await\n        .unwrap();\n}\n";
    let dir = folder(&[("src/db.rs", source.as_bytes())]);
    let run = run_in(dir.path(), &["check", "--fix", "src"]);
    assert_eq!(
        read(&dir, "src/db.rs"),
        source.as_bytes(),
        "a safe run leaves an unsafe fix"
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let run = run_in(dir.path(), &["check", "--unsafe-fixes", "src"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        String::from_utf8(read(&dir, "src/db.rs")).unwrap(),
        source.replace("?1", "$1")
    );
}
