//! What users read, pinned: human and JSON output for both fixtures.

mod common;

use common::{FIXTURE, PORTABLE_FIXTURE, dal_audit};

fn stdout(args: &[&str]) -> String {
    let output = dal_audit().arg("check").args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn human_output_for_the_sqlx_app() {
    insta::assert_snapshot!(stdout(&[FIXTURE]));
}

#[test]
fn json_output_for_the_sqlx_app() {
    insta::assert_snapshot!(stdout(&["--format", "json", FIXTURE]));
}

#[test]
fn human_output_for_the_portable_twin() {
    insta::assert_snapshot!(stdout(&[PORTABLE_FIXTURE]));
}

#[test]
fn json_output_for_the_portable_twin() {
    insta::assert_snapshot!(stdout(&["--format", "json", PORTABLE_FIXTURE]));
}
