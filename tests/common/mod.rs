//! Shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

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

/// What a run printed and its exit code.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `dal-audit ARGS` in `dir`, as a user would in their project.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("dal-audit")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        code: output.status.code().unwrap(),
    }
}

/// A temporary folder holding `files` (`(relative path, text)`).
pub fn folder(files: &[(&str, &str)]) -> TempDir {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    folder_of_bytes(&bytes)
}

/// A temporary folder holding `files` (`(relative path, bytes)`).
pub fn folder_of_bytes(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}
