//! The command line's contract: exit codes, messages, rule listing.

mod common;

use common::{FIXTURE, PORTABLE_FIXTURE, dal_audit};
use predicates::prelude::*;

#[test]
fn findings_exit_1_and_a_clean_set_exits_0() {
    dal_audit().args(["check", FIXTURE]).assert().code(1);
    dal_audit()
        .args(["check", PORTABLE_FIXTURE])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found (4 files"));
}

#[test]
fn warnings_alone_do_not_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("0001.sql"),
        "CREATE TABLE t (user_id INT REFERENCES users (id));\n",
    )
    .unwrap();
    dal_audit()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("integer-width"));
}

#[test]
fn a_statement_both_engines_reject_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("0001.sql"), "ALTER TABLE t ADD c INT,;\n").unwrap();
    dal_audit()
        .args(["check", "--format", "compact"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[parse-error] SQLite rejects this statement (near \",\": syntax error), and PostgreSQL's grammar breaks at the same token",
        ));
}

#[test]
fn a_missing_path_is_a_one_line_error_naming_it() {
    dal_audit()
        .args(["check", "no/such/migrations"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "dal-audit: cannot read `no/such/migrations`: no such file or directory; check the path\n",
        );
}

#[test]
fn no_path_means_the_migrations_folder() {
    let dir = tempfile::tempdir().unwrap();
    dal_audit()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`migrations`"));
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    std::fs::write(
        dir.path().join("migrations/0001.sql"),
        "PRAGMA foreign_keys = 1;",
    )
    .unwrap();
    dal_audit()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("migrations/0001.sql:1:1"));
}

#[test]
fn a_usage_error_exits_2() {
    dal_audit()
        .args(["check", "--format", "yaml", FIXTURE])
        .assert()
        .code(2);
    dal_audit().arg("lint").assert().code(2);
}

#[test]
fn rules_lists_every_rule_with_its_metadata() {
    let assert = dal_audit().arg("rules").assert().code(0);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for rule in dal_audit::rules::all() {
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id))
            .unwrap_or_else(|| panic!("{} is not listed", rule.id));
        assert!(line.contains(rule.summary), "{line}");
        assert!(line.contains(rule.severity.as_str()), "{line}");
    }
}

#[test]
fn colour_follows_the_flag() {
    let coloured = dal_audit()
        .args(["check", "--color", "always", FIXTURE])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}["));
    let plain = dal_audit()
        .args(["check", "--color", "auto", FIXTURE])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("\u{1b}["));
}
