//! Hostile file systems through the real binary: every problem is one
//! `dal-audit: …` line on stderr saying what, where and what to do, the run
//! exits 2, and every other file is still linted and reported.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

struct Run {
    code: i32,
    json: Value,
    problems: Vec<String>,
}

fn check(paths: &[&Path]) -> Run {
    let output = Command::cargo_bin("dal-audit")
        .unwrap()
        .arg("check")
        .args(paths)
        .args(["--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let problems: Vec<String> = stderr.lines().map(String::from).collect();
    for line in &problems {
        assert!(
            line.starts_with("dal-audit: `"),
            "not a located problem: {line}"
        );
        assert!(line.contains("; "), "no advice: {line}");
    }
    Run {
        code: output.status.code().unwrap(),
        json: serde_json::from_slice(&output.stdout).unwrap(),
        problems,
    }
}

/// (file name, rule) of every diagnostic.
fn findings(run: &Run) -> Vec<(String, String)> {
    run.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = Path::new(d["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pragma_file(path: &Path) {
    fs::write(path, "PRAGMA foreign_keys;\n").unwrap();
}

fn found(name: &str, rule: &str) -> (String, String) {
    (name.to_string(), rule.to_string())
}

#[test]
fn directory_symlink_loop_is_skipped_with_one_line_and_the_rest_linted() {
    let dir = tempfile::tempdir().unwrap();
    pragma_file(&dir.path().join("a.sql"));
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let run = check(&[dir.path()]);
    assert_eq!(run.code, 2);
    assert_eq!(run.problems.len(), 1, "{:?}", run.problems);
    assert!(
        run.problems[0].contains("loops back"),
        "{}",
        run.problems[0]
    );
    assert_eq!(findings(&run), [found("a.sql", "pragma")]);
}

#[test]
fn directory_named_like_sql_is_walked_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("x.sql");
    fs::create_dir(&folder).unwrap();
    pragma_file(&folder.join("inner.sql"));
    let run = check(&[dir.path()]);
    assert_eq!(run.problems, Vec::<String>::new());
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [found("inner.sql", "pragma")]);
}

#[test]
fn unreadable_files_are_reported_and_the_rest_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    pragma_file(&dir.path().join("a.sql"));
    let locked = dir.path().join("locked.sql");
    pragma_file(&locked);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // root reads a mode-000 file anyway; nobody reads a link to nothing.
    std::os::unix::fs::symlink(dir.path().join("missing"), dir.path().join("gone.sql")).unwrap();
    let locked_is_unreadable = fs::read(&locked).is_err();

    let run = check(&[dir.path()]);
    assert_eq!(run.code, 2);
    let mut expected_problems = vec!["gone.sql"];
    let mut expected_findings = vec![found("a.sql", "pragma")];
    if locked_is_unreadable {
        expected_problems.push("locked.sql");
    } else {
        expected_findings.push(found("locked.sql", "pragma"));
    }
    assert_eq!(
        run.problems.len(),
        expected_problems.len(),
        "{:?}",
        run.problems
    );
    for (line, name) in run.problems.iter().zip(expected_problems) {
        assert!(
            line.contains(name) && line.contains("cannot read"),
            "{line}"
        );
    }
    assert_eq!(findings(&run), expected_findings);
}

#[test]
fn non_utf8_file_names_are_linted_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.sql");
    pragma_file(&dir.path().join(name));
    let run = check(&[dir.path()]);
    assert_eq!(run.problems, Vec::<String>::new());
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [found("caf\u{fffd}.sql", "pragma")]);
}

#[test]
fn binary_and_invalid_utf8_files_are_findings_and_the_rest_linted() {
    let dir = tempfile::tempdir().unwrap();
    pragma_file(&dir.path().join("a.sql"));
    let gzip_like: Vec<u8> = (0..2048u32).map(|i| (i * 37 % 251) as u8).collect();
    fs::write(dir.path().join("b.sql"), gzip_like).unwrap();
    fs::write(dir.path().join("c.sql"), b"SELECT 'caf\xe9';\n").unwrap();
    let run = check(&[dir.path()]);
    assert_eq!(run.problems, Vec::<String>::new());
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&run),
        [
            found("a.sql", "pragma"),
            found("b.sql", "binary-file"),
            found("c.sql", "invalid-utf8"),
        ]
    );
}

#[test]
fn fifo_named_on_the_command_line_is_skipped_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.sql");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let good = dir.path().join("a.sql");
    pragma_file(&good);
    // Reading a FIFO nobody writes to would block forever.
    let run = check(&[&fifo, &good]);
    assert_eq!(run.code, 2);
    assert_eq!(run.problems.len(), 1);
    assert!(
        run.problems[0].contains("not a regular file"),
        "{}",
        run.problems[0]
    );
    assert_eq!(findings(&run), [found("a.sql", "pragma")]);
}

#[test]
fn terminal_escapes_in_a_file_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("esc.sql");
    // The placeholder comes first: `[` would open a SQLite `[quoted name]`.
    let sql = "SELECT ?1 \u{1b}x;\n-- \u{1b}[2J\u{1b}[31m 'a\rb' \u{202e}x\n";
    fs::write(&file, sql).unwrap();
    let output = Command::cargo_bin("dal-audit")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(&file)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("parse-error") && stdout.contains("numbered-placeholder"));
    let raw: Vec<char> = stdout
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters in the output: {raw:?}"
    );
}
