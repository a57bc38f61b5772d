//! Every output format on the fixtures, stdin, and the SARIF schema.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const FIXTURES: &str = "fixtures/sqlx-app/migrations";

fn dal_audit() -> Command {
    let mut cmd = Command::cargo_bin("dal-audit").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> (String, i32) {
    let output = dal_audit().args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

#[test]
fn compact_is_one_finding_per_line() {
    let (stdout, code) = run(&["check", "--format", "compact", FIXTURES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
    let pattern = |line: &str| {
        let (location, rest) = line.split_once(": ").unwrap();
        let mut parts = location.rsplitn(3, ':');
        parts.next().unwrap().parse::<usize>().unwrap();
        parts.next().unwrap().parse::<usize>().unwrap();
        rest.starts_with("error[") || rest.starts_with("warning[")
    };
    assert!(stdout.lines().all(pattern), "{stdout}");
}

#[test]
fn github_annotations_then_a_summary() {
    let (stdout, code) = run(&["check", "--format", "github", FIXTURES]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("dal-audit: 13 error(s) and 3 warning(s)"),
        "{last}"
    );
    assert!(last.contains("GitHub shows only the first 10"), "{last}");
}

#[test]
fn github_escapes_properties_and_messages() {
    let output = dal_audit()
        .args([
            "check",
            "--format",
            "github",
            "--stdin-filename",
            "db/a,b:c%.sql",
            "-",
        ])
        .write_stdin("PRAGMA foreign_keys = 1;\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=db/a%2Cb%3Ac%25.sql,line=1,col=1,endLine=1,endColumn=23,title=pragma::`PRAGMA` is SQLite-only"),
        "{first}"
    );
    assert!(first.contains("%0Aset it where"), "{first}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
}

fn sarif(args: &[&str], stdin: Option<&str>) -> Value {
    let mut cmd = dal_audit();
    cmd.args(["check", "--format", "sarif"]).args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    let output = cmd.output().unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn sarif_results_have_regions_fingerprints_and_rule_metadata() {
    let log = sarif(&[FIXTURES], None);
    let run = &log["runs"][0];
    insta::assert_snapshot!(serde_json::to_string_pretty(&run["results"]).unwrap());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"pragma") && ids.contains(&"unused-suppression"));
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/rules/{id}.md")),
            "{rule}"
        );
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-2.1.0-rtm.5.json");
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    // The one known defect of the 2.1.0-rtm.5 schema: the `language`
    // patterns have a stray `]` that Rust's regex engine rejects (the OASIS
    // errata rewrote them). dal-audit never writes `language`; fix them in
    // memory only, so the vendored file stays byte-identical to the package's.
    let fixed = ["run", "toolComponent"].map(|definition| {
        let pattern = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        let broken = *pattern == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        *pattern = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
        broken
    });
    assert_eq!(fixed, [true, true]);
    let validator = jsonschema::validator_for(&schema).unwrap();
    // The fixtures, plus a file whose finding carries a fix (a replacement).
    let logs = [
        sarif(&[FIXTURES], None),
        sarif(
            &["--stdin-filename", "a.sql", "-"],
            Some("UPDATE t SET a = ?1;\n"),
        ),
    ];
    for log in &logs {
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // A schema that cannot fail proves nothing: a broken log must be rejected.
    let mut broken = logs[0].clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_fingerprints_survive_lines_inserted_above() {
    let sql = "CREATE TABLE t (a TEXT DEFAULT (datetime('now')));\nPRAGMA foreign_keys = 1;\nPRAGMA foreign_keys = 1;\n";
    let shifted = format!(
        "-- a new header\n\n{}",
        sql.replace("(a TEXT", "(\n  a  TEXT")
    );
    let fingerprints = |text: &str| -> Vec<(String, u64)> {
        let log = sarif(&["--stdin-filename", "m.sql", "-"], Some(text));
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["dalAudit/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = fingerprints(sql);
    let after = fingerprints(&shifted);
    assert_eq!(before.len(), 3);
    assert_eq!(
        before.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        after.iter().map(|(f, _)| f).collect::<Vec<_>>()
    );
    assert_ne!(before[1].1, after[1].1, "the lines did move");
    assert_ne!(
        before[1].0, before[2].0,
        "identical statements get distinct fingerprints"
    );
}

#[test]
fn stdin_is_linted_as_the_named_file() {
    let output = dal_audit()
        .args([
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "migrations/0001_init.sql",
            "-",
        ])
        .write_stdin("SELECT 1;\nPRAGMA journal_mode = WAL;\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap(), @"
migrations/0001_init.sql:2:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error
");
    let plain = dal_audit()
        .args(["check", "--format", "compact", "-"])
        .write_stdin("SELECT 1;\n")
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(0));
    assert!(plain.stdout.is_empty());
}

#[test]
fn stdin_cannot_be_mixed_with_paths() {
    let output = dal_audit().args(["check", "-", FIXTURES]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be combined"));
}
