//! `dal-audit verify` against the PostgreSQL server at 127.0.0.1:5432 (user
//! `postgres`, trust auth; `.ci/run` starts it): findings at the right
//! statements, savepoints, consequences, split drift, and the safety rules:
//! no scratch database left after an error or a kill, no password printed,
//! exit 2 without CREATEDB, the URL's own database never written.

mod doc_pages;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use dal_audit::rules::{self, RuleKind};
use doc_pages::pages;
use serde_json::Value;

const ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn verify(root: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("dal-audit")
        .unwrap()
        .arg("verify")
        .args(args)
        .current_dir(root)
        .env_remove("DAL_AUDIT_POSTGRES_URL")
        .output()
        .unwrap()
}

/// `(rule, severity, path, line)` of each finding of a JSON report.
fn findings(output: &Output) -> Vec<(String, String, String, u64)> {
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn admin() -> postgres::Client {
    postgres::Client::connect(ADMIN_URL, postgres::NoTls).expect("PostgreSQL at 127.0.0.1:5432")
}

fn scratch_databases(pid: Option<u32>) -> Vec<String> {
    let rows = admin()
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'dal\\_audit\\_%'",
            &[],
        )
        .unwrap();
    rows.iter()
        .map(|r| r.get::<_, String>(0))
        .filter(|name| {
            pid.is_none_or(|pid| {
                dal_audit::engines::postgres::parse_scratch_name(name)
                    .is_some_and(|(_, p)| p == pid)
            })
        })
        .collect()
}

#[test]
fn failures_sit_at_their_statements_and_hide_nothing_after_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "migrations/1_a.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY);\nCREATE TABLE b (id BIGINT PRIMARY KEY,);\nCREATE TABLE c (id BIGINT PRIMARY KEY);\nINSERT INTO c (id) VALUES ('x');\n",
        )],
    );
    let output = verify(dir.path(), &["--postgres", ADMIN_URL, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let mut found = findings(&output);
    found.sort();
    let expected = [
        ("rejected-by-postgres", "error", 2),
        ("rejected-by-postgres", "error", 4),
        ("rejected-by-sqlite", "error", 2),
    ];
    let got: Vec<(&str, &str, u64)> = found
        .iter()
        .map(|(r, s, _, l)| (r.as_str(), s.as_str(), *l))
        .collect();
    assert_eq!(got, expected, "{found:?}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("invalid input syntax for type bigint")
                && m.contains("SQLSTATE 22P02")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("syntax error") && m.contains("SQLITE_ERROR")),
        "{messages:?}"
    );
    assert!(
        scratch_databases(None)
            .iter()
            .all(|n| !n.contains(&format!("_{}_", std::process::id())))
    );
}

#[test]
fn a_failure_that_follows_from_another_is_info() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "migrations/1_a.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);\n",
            ),
            (
                "migrations/2_b.sql",
                "ALTER TABLE users ADD COLUMN email TEXT;\n",
            ),
        ],
    );
    let output = verify(dir.path(), &["--postgres", ADMIN_URL, "--format", "json"]);
    let found = findings(&output);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|(r, s, p, _)| (r.as_str(), s.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("rejected-by-postgres", "error", "migrations/1_a.sql"),
            ("rejected-by-postgres", "info", "migrations/2_b.sql"),
        ]
    );
}

#[test]
fn split_folders_that_drift_apart_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "dal-audit.toml",
                "[[verify.split]]\nsqlite = \"migrations/sqlite\"\npostgres = \"migrations/postgres\"\n",
            ),
            (
                "migrations/sqlite/1_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n",
            ),
            (
                "migrations/postgres/1_users.sql",
                "CREATE TABLE users (id BIGINT PRIMARY KEY);\nCREATE TABLE extra (id BIGINT);\n",
            ),
        ],
    );
    let output = verify(dir.path(), &["--postgres", ADMIN_URL, "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let drift: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "schema-drift")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(drift.len(), 2, "{drift:?}");
    assert!(
        drift.iter().any(|m| m.contains(
            "`users.email` exists in the SQLite folder but not in the PostgreSQL folder"
        )),
        "{drift:?}"
    );
    assert!(
        drift
            .iter()
            .any(|m| m.contains("table `extra` exists in the PostgreSQL folder")),
        "{drift:?}"
    );
    // Each folder runs on its own engine only: no rejection of the other's SQL.
    assert!(
        !json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"].as_str().unwrap().starts_with("rejected"))
    );
}

#[test]
fn without_postgres_it_says_so_and_replays_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "migrations/1_a.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY,);\n",
        )],
    );
    let output = verify(dir.path(), &["--format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no PostgreSQL given"), "{stderr}");
    let rules: Vec<String> = findings(&output).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["rejected-by-sqlite"]);
}

#[test]
fn the_password_is_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "migrations/1_a.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY,);\n",
        )],
    );
    let secret = "pw-s3cret-Zq9";
    // Trust auth ignores the password: the run goes through and prints the URL.
    let url = format!("postgres://postgres:{secret}@127.0.0.1:5432/postgres");
    // A refused connection: its error must not echo the password either.
    let refused = format!("postgres://postgres:{secret}@127.0.0.1:1/postgres");
    let key_value = format!("host=127.0.0.1 port=1 user=postgres password={secret}");
    for (url, code) in [(&url, 1), (&refused, 2), (&key_value, 2)] {
        for format in ["human", "json", "sarif", "github", "compact"] {
            let output = verify(dir.path(), &["--postgres", url, "--format", format]);
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(output.status.code(), Some(code), "{all}");
            assert!(
                !all.contains(secret),
                "the password leaked ({format}):\n{all}"
            );
            assert!(
                all.contains("***"),
                "the URL is shown masked ({format}):\n{all}"
            );
        }
    }
}

#[test]
fn a_role_without_createdb_stops_with_exit_2() {
    let role = format!("dal_audit_test_nocreatedb_{}", std::process::id());
    let mut admin = admin();
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN NOCREATEDB"
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "migrations/1_a.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY);\n",
        )],
    );
    let url = format!("postgres://{role}@127.0.0.1:5432/postgres");
    let output = verify(dir.path(), &["--postgres", &url]);
    admin.batch_execute(&format!("DROP ROLE {role}")).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("may not create databases") && stderr.contains("CREATEDB"),
        "{stderr}"
    );
}

#[test]
fn the_database_the_url_names_is_never_written() {
    let target = format!("verify_target_{}", std::process::id());
    let mut admin = admin();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {target}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {target}"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "migrations/1_a.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY);\nCREATE TABLE b (id BIGINT);\n",
        )],
    );
    let url = format!("postgres://postgres@127.0.0.1:5432/{target}");
    let output = verify(dir.path(), &["--postgres", &url]);
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let tables: i64 = client
        .query_one("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'", &[])
        .unwrap()
        .get(0);
    drop(client);
    admin
        .batch_execute(&format!("DROP DATABASE {target}"))
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(tables, 0, "verify wrote into the database the URL names");
}

/// Starts a replay that sleeps on PostgreSQL, and waits until its scratch
/// database exists.
#[allow(clippy::zombie_processes)] // the callers wait for it
fn start_slow_replay(root: &Path) -> (std::process::Child, String) {
    write(
        root,
        &[(
            "migrations/1_slow.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY);\nSELECT pg_sleep(60);\n",
        )],
    );
    let child = Command::cargo_bin("dal-audit")
        .unwrap()
        .args(["verify", "--postgres", ADMIN_URL])
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(name) = scratch_databases(Some(child.id())).pop() {
            return (child, name);
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no scratch database appeared"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_replay_killed_mid_run_leaves_no_scratch_database() {
    let dir = tempfile::tempdir().unwrap();
    // SIGTERM: the signal handler drops the scratch database.
    let (child, name) = start_slow_replay(dir.path());
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains(&format!("dropped the scratch database `{name}`")),
        "{stderr}"
    );
    assert!(
        !scratch_databases(None).contains(&name),
        "{name} left behind after SIGTERM"
    );

    // SIGKILL: nothing can run; the next run drops what the dead process left.
    let (mut child, name) = start_slow_replay(dir.path());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        scratch_databases(None).contains(&name),
        "a killed run cannot drop its database"
    );
    write(
        dir.path(),
        &[(
            "migrations/1_slow.sql",
            "CREATE TABLE a (id BIGINT PRIMARY KEY);\n",
        )],
    );
    let output = verify(dir.path(), &["--postgres", ADMIN_URL]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("dropped `{name}`")), "{stderr}");
    assert!(
        !scratch_databases(None).contains(&name),
        "{name} left behind after SIGKILL and a new run"
    );
}

/// The engine rules' pages are executable: each Example (a ```sql block as
/// one migration, or a ```tree) fires its rule when replayed, and each
/// Portable form replays without a finding.
#[test]
fn engine_rule_pages_hold_on_the_engines() {
    let failures = replay_pages(
        |rule| rule.kind == RuleKind::Engine,
        |rule, found| found.iter().any(|f| f.0 == rule.id),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A runner rule that claims an engine fails (`non-transactional-statement`:
/// PostgreSQL refuses the statement inside sqlx's transaction) is checked by
/// replaying its page's trees as sqlx runs them: the Example is rejected by
/// an engine the rule names, the Portable form replays clean.
#[test]
fn history_examples_run_as_sqlx_runs_them() {
    let mut checked = 0;
    let failures = replay_pages(
        |rule| {
            rule.kind == RuleKind::History
                && rule.severity == dal_audit::Severity::Error
                && !rule.targets.is_empty()
        },
        |rule, found| {
            checked += 1;
            found.iter().any(|f| {
                rule.targets
                    .iter()
                    .any(|engine| f.0 == format!("rejected-by-{}", engine.as_str()))
            })
        },
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 0, "no runner rule claims an engine failure");
}

/// Replays the Example and the Portable form of every page whose rule
/// `selects`: the Example must make `fired` true, the Portable form must
/// replay without any finding. Returns what did not hold.
fn replay_pages(
    selects: impl Fn(&rules::Rule) -> bool,
    mut fired: impl FnMut(&rules::Rule, &[(String, String, String, u64)]) -> bool,
) -> Vec<String> {
    let mut failures = Vec::new();
    for page in pages() {
        let Some(rule) = rules::by_id(&page.id).filter(|r| selects(r)) else {
            continue;
        };
        for (heading, must_fire) in [("Example", true), ("Portable form", false)] {
            let dir = tempfile::tempdir().unwrap();
            let section = page.section(heading).expect("section");
            for block in &section.blocks {
                match block.lang.as_str() {
                    "sql" => write(dir.path(), &[("migrations/1_example.sql", &block.code)]),
                    "tree" => write_tree(dir.path(), &block.code),
                    _ => {}
                }
            }
            let output = verify(dir.path(), &["--postgres", ADMIN_URL, "--format", "json"]);
            let found = findings(&output);
            if must_fire && !fired(rule, &found) {
                failures.push(format!(
                    "{}: the Example does not fail as `{}` claims: {found:?}",
                    page.path.display(),
                    rule.id
                ));
            }
            if !must_fire && !found.is_empty() {
                failures.push(format!(
                    "{}: the Portable form must replay clean: {found:?}",
                    page.path.display()
                ));
            }
        }
    }
    failures
}

fn write_tree(root: &Path, code: &str) {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in code.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            files.push((name.trim().to_string(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    write(root, &files);
}

/// The fixture `check` calls portable is portable when both engines run it:
/// nothing rejected, the same schema on both.
#[test]
fn the_portable_fixture_replays_clean_on_both_engines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = verify(
        root,
        &[
            "--postgres",
            ADMIN_URL,
            "--format",
            "json",
            "fixtures/sqlx-app-portable/migrations",
        ],
    );
    assert_eq!(
        findings(&output),
        [],
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0));
}
