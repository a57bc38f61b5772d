//! The command line's `--target`, `explain` and `rules`, as a user runs them.

use assert_cmd::Command;
use predicates::prelude::*;

fn dal_audit() -> Command {
    Command::cargo_bin("dal-audit").expect("the binary builds")
}

/// A migration that uses features of SQLite 3.35 and PostgreSQL 15.
const MIGRATION: &str = "\
INSERT INTO notes (id, body) VALUES (1, 'hi') RETURNING id;
CREATE UNIQUE INDEX handles_owner ON handles (owner_id, handle) NULLS NOT DISTINCT;
";

fn migration_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("0001_init.sql"), MIGRATION).unwrap();
    dir
}

fn check(dir: &tempfile::TempDir, targets: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = dal_audit();
    cmd.current_dir(dir.path())
        .args(["check", "0001_init.sql", "--color", "never"]);
    for target in targets {
        cmd.args(["--target", target]);
    }
    cmd.assert()
}

#[test]
fn old_targets_report_the_version_that_allows_each_construct() {
    let dir = migration_dir();
    let output = check(&dir, &["sqlite>=3.24", "postgres>=13"]).code(1);
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    insta::assert_snapshot!(stdout);
}

#[test]
fn new_enough_targets_are_clean() {
    let dir = migration_dir();
    check(&dir, &["sqlite>=3.35", "postgres>=15"])
        .code(0)
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn targets_replace_the_defaults_engine_by_engine() {
    let dir = migration_dir();
    // Only PostgreSQL 14 targeted: the SQLite finding disappears, the PostgreSQL one stays.
    check(&dir, &["postgres>=14"])
        .code(1)
        .stdout(predicate::str::contains(
            "needs PostgreSQL 15; your targets include postgres>=14",
        ))
        .stdout(predicate::str::contains("needs SQLite").not());
    // The defaults (sqlite>=3.35, postgres>=14) report the PostgreSQL 15 clause.
    check(&dir, &[])
        .code(1)
        .stdout(predicate::str::contains("needs PostgreSQL 15"))
        .stdout(predicate::str::contains("needs SQLite").not());
}

#[test]
fn a_bad_target_is_a_usage_error() {
    let dir = migration_dir();
    check(&dir, &["mysql>=8"])
        .code(2)
        .stderr(predicate::str::contains("unknown engine `mysql`"));
    check(&dir, &["sqlite>=three"])
        .code(2)
        .stderr(predicate::str::contains("bad version `three`"));
}

#[test]
fn explain_prints_the_rule_page() {
    dal_audit()
        .args(["explain", "pragma"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# pragma\n"))
        .stdout(predicate::str::contains("## Why"))
        .stdout(predicate::str::contains("## Portable form"));
}

#[test]
fn explain_output_reads_as_the_page() {
    let output = dal_audit().args(["explain", "pragma"]).assert().code(0);
    insta::assert_snapshot!(String::from_utf8(output.get_output().stdout.clone()).unwrap());
}

#[test]
fn explain_works_outside_the_source_tree() {
    let elsewhere = tempfile::tempdir().unwrap();
    dal_audit()
        .current_dir(elsewhere.path())
        .args(["explain", "returning-clause"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "SQLite added `RETURNING` in 3.35.0",
        ));
}

#[test]
fn explain_of_an_unknown_rule_suggests_the_closest_id() {
    let output = dal_audit().args(["explain", "pragmas"]).assert().code(2);
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    insta::assert_snapshot!(stderr, @"dal-audit: unknown rule `pragmas`; did you mean `pragma`? (`dal-audit rules` lists them all)");
}

#[test]
fn rules_lists_version_gates_with_their_versions() {
    let output = dal_audit().arg("rules").assert().code(0);
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let line = |id: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("`{id}` is not listed:\n{stdout}"))
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("returning-clause"),
        "returning-clause versions error sqlite<3.35"
    );
    assert_eq!(
        line("merge-statement"),
        "merge-statement versions error postgres<15"
    );
    assert_eq!(
        line("integer-width"),
        "integer-width semantics warning postgres"
    );
    // The DEFAULT column: pedantic rules are off unless selected.
    let default = |id: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .and_then(|l| l.split_whitespace().nth(4))
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(default("varchar-length"), "off");
    assert_eq!(default("unparsed-statement"), "off");
    assert_eq!(default("integer-width"), "on");
}

#[test]
fn a_target_written_with_another_comparison_suggests_the_spec_meant() {
    let dir = migration_dir();
    check(&dir, &["postgres=14"])
        .code(2)
        .stderr(predicate::str::contains(
            "target `postgres=14`: write `postgres>=14`",
        ));
}

#[test]
fn check_help_shows_a_readable_target_placeholder() {
    let output = dal_audit().args(["check", "--help"]).assert().code(0);
    let help = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(help.contains("--target <TARGET>"), "{help}");
    assert!(!help.contains("<ENGINE>=VERSION>"), "{help}");
    assert!(help.contains("`postgres>=14`"), "{help}");
}
