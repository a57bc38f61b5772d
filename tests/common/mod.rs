//! Shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;

/// The dal-audit binary, run from the crate root, without colour.
pub fn dal_audit() -> Command {
    let mut cmd = Command::cargo_bin("dal-audit").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `dal-audit check --format json ARGS` and returns the parsed document.
pub fn check_json(args: &[&str]) -> serde_json::Value {
    let output = dal_audit()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

pub const FIXTURE: &str = "fixtures/sqlx-app/migrations";
pub const PORTABLE_FIXTURE: &str = "fixtures/sqlx-app-portable/migrations";
