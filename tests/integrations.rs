//! Configuration, suppressions and `--changed-since`, run as a user would:
//! in a temporary project folder.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

mod common;

use common::{folder, run_in};

const PRAGMA: &str = "PRAGMA foreign_keys = 1;\n";
const DATE: &str = "CREATE TABLE t (at TEXT DEFAULT (datetime('now')));\n";

#[test]
fn without_paths_the_configured_paths_are_linted_from_any_subfolder() {
    let dir = folder(&[
        ("dal-audit.toml", "paths = [\"db/migrations\"]\n"),
        ("db/migrations/1_a.sql", PRAGMA),
        ("migrations/ignored.sql", PRAGMA),
        ("src/lib.rs", ""),
    ]);
    let run = run_in(&dir.path().join("src"), &["check", "--format", "compact"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @"../db/migrations/1_a.sql:1:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error");
}

#[test]
fn without_configured_paths_the_default_is_next_to_the_configuration() {
    let dir = folder(&[
        ("dal-audit.toml", "targets = [\"sqlite\", \"postgres\"]\n"),
        ("migrations/1_a.sql", PRAGMA),
        ("src/lib.rs", ""),
    ]);
    let run = run_in(&dir.path().join("src"), &["check", "--format", "compact"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @"../migrations/1_a.sql:1:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error");
}

#[test]
fn rules_settings_fail_on_and_globs_apply() {
    let dir = folder(&[
        (
            "dal-audit.toml",
            "exclude = [\"*.down.sql\"]\nfail-on = \"warning\"\n[rules]\npragma = \"warning\"\nsqlite-date-function = \"off\"\n",
        ),
        ("migrations/1_a.sql", &format!("{PRAGMA}{DATE}")),
        ("migrations/1_a.down.sql", PRAGMA),
    ]);
    let run = run_in(dir.path(), &["check", "--format", "compact"]);
    insta::assert_snapshot!(run.stdout, @"migrations/1_a.sql:1:1: warning[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error");
    assert_eq!(run.code, 1, "fail-on = warning");
    let run = run_in(dir.path(), &["check", "--fail-on", "error"]);
    assert_eq!(run.code, 0, "the command line overrides fail-on");
    // Standard input named as an excluded file is not linted either.
    let output = common::dal_audit()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "compact",
            "--stdin-filename",
            "migrations/2.down.sql",
            "-",
        ])
        .write_stdin(PRAGMA)
        .output()
        .unwrap();
    assert_eq!((output.status.code(), output.stdout.len()), (Some(0), 0));
    // Excluded files stay excluded when named, as pre-commit names them.
    let run = run_in(dir.path(), &["check", "migrations/1_a.down.sql"]);
    assert_eq!((run.code, run.stdout.contains("No problems")), (0, true));
}

#[test]
fn cargo_metadata_is_a_configuration_too() {
    let dir = folder(&[
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\n\n[package.metadata.dal-audit]\ntargets = [\"postgres>=14\"]\n",
        ),
        (
            "migrations/1.sql",
            "CREATE TABLE t (a INTEGER);\nPRAGMA x = 1;\n",
        ),
    ]);
    assert_eq!(run_in(dir.path(), &["check"]).code, 1);
    fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nmembers = []\n\n[workspace.metadata.dal-audit]\ntargets = [\"sqlite\"]\n",
    )
    .unwrap();
    // Only SQLite is targeted: a PRAGMA is fine there.
    assert_eq!(run_in(dir.path(), &["check"]).code, 0);
}

#[test]
fn configuration_mistakes_exit_2_naming_file_line_and_key() {
    let dir = folder(&[
        (
            "dal-audit.toml",
            "paths = [\"migrations\"]\n\n[rules]\npragma = \"off\"\nnumbered-placeholders = \"error\"\n",
        ),
        ("migrations/1.sql", "SELECT 1;\n"),
        (
            "other.toml",
            "targets = [\"sqlite>=3.35\"]\nfail_on = \"error\"\n",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"x\"\n[package.metadata.dal-audit]\ntarget = [\"sqlite\"]\n",
        ),
    ]);
    let run = run_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"dal-audit: dal-audit.toml:5:1: unknown rule `numbered-placeholders` in [rules] (did you mean `numbered-placeholder`?)");
    let run = run_in(dir.path(), &["check", "--config", "other.toml"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"dal-audit: other.toml:2:1: unknown field `fail_on`, expected one of `targets`, `paths`, `include`, `exclude`, `rules`, `fail-on`, `runner`, `applied`, `verify`, `baseline`, `storage`, `overrides`, `sqlite`, `engine-folders`");
    let run = run_in(dir.path(), &["check", "--config", "Cargo.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("dal-audit: Cargo.toml:4:1: unknown field `target`"),
        "{}",
        run.stderr
    );
    let run = run_in(dir.path(), &["check", "--config", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read `missing.toml`"),
        "{}",
        run.stderr
    );
}

#[test]
fn select_and_ignore_pick_rules() {
    let dir = folder(&[("migrations/1.sql", &format!("{PRAGMA}{DATE}"))]);
    let rules_in = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "compact"];
        all.extend(args);
        let run = run_in(dir.path(), &all);
        run.stdout
            .lines()
            .map(|l| {
                l.split('[')
                    .nth(1)
                    .unwrap()
                    .split(']')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(rules_in(&[]), ["pragma", "sqlite-date-function"]);
    assert_eq!(rules_in(&["--select", "pragma"]), ["pragma"]);
    assert_eq!(rules_in(&["--ignore", "pragma"]), ["sqlite-date-function"]);
    let run = run_in(dir.path(), &["check", "--select", "pragmas"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown rule `pragmas` (did you mean `pragma`?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn suppressions_silence_and_are_checked() {
    let sql = "\
-- dal-audit: allow(pragma) the desktop build opens SQLite with these settings
PRAGMA foreign_keys = 1;
PRAGMA journal_mode = 'wal'; -- dal-audit: allow(pragma)
-- dal-audit: allow(pragma, sqlite-date-function) both on purpose
PRAGMA busy_timeout = 5000;
/* dal-audit: allow(sqlite-date-functions) typo */
SELECT 1;
PRAGMA cache_size = 10;
";
    let dir = folder(&[("migrations/1.sql", sql)]);
    let run = run_in(dir.path(), &["check", "--format", "compact"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout, @"
migrations/1.sql:3:30: error[suppression-without-reason] this `allow(…)` gives no reason
migrations/1.sql:4:29: error[unused-suppression] `sqlite-date-function` is allowed but reports nothing on the statement it covers
migrations/1.sql:6:21: error[invalid-suppression] `sqlite-date-functions` is not a dal-audit rule
migrations/1.sql:8:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error
");
    // The suppression rules are rules: the configuration can turn them off.
    fs::write(
        dir.path().join("dal-audit.toml"),
        "[rules]\nunused-suppression = \"off\"\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "--format", "compact"]);
    assert!(!run.stdout.contains("unused-suppression"), "{}", run.stdout);
    assert!(run.stdout.contains("suppression-without-reason"));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn changed_since_lints_only_what_the_branch_added_or_modified() {
    let dir = folder(&[
        ("migrations/1_old.sql", PRAGMA),
        ("migrations/2_edited.sql", "SELECT 1;\n"),
        ("migrations/3_deleted.sql", PRAGMA),
    ]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    git(dir.path(), &["checkout", "-q", "-b", "feature"]);
    fs::write(dir.path().join("migrations/4_committed.sql"), PRAGMA).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "feature"]);
    fs::write(
        dir.path().join("migrations/2_edited.sql"),
        format!("SELECT 1;\n{PRAGMA}"),
    )
    .unwrap();
    fs::write(dir.path().join("migrations/5_untracked.sql"), PRAGMA).unwrap();
    fs::remove_file(dir.path().join("migrations/3_deleted.sql")).unwrap();
    // main moves on after the branch point: its changes are not ours.
    git(dir.path(), &["stash", "-q", "-u"]);
    git(dir.path(), &["checkout", "-q", "main"]);
    fs::write(dir.path().join("migrations/6_on_main.sql"), PRAGMA).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "main moves"]);
    git(dir.path(), &["checkout", "-q", "feature"]);
    git(dir.path(), &["stash", "pop", "-q"]);

    let run = run_in(
        dir.path(),
        &["check", "--format", "compact", "--changed-since", "main"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @"
migrations/2_edited.sql:2:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error
migrations/4_committed.sql:1:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error
migrations/5_untracked.sql:1:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error
");
    // From a subfolder, with the path given: the same files.
    let run = run_in(
        &dir.path().join("migrations"),
        &[
            "check",
            "--format",
            "compact",
            "--changed-since",
            "main",
            ".",
        ],
    );
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);

    let run = run_in(dir.path(), &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"dal-audit: --changed-since: unknown git ref `no-such-branch` (a branch, tag or commit; branches here: `feature`, `main`)");
    // A clone without the remote branch the docs use: the example is a branch that exists.
    let run = run_in(dir.path(), &["check", "--changed-since", "origin/main"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("e.g. `origin/main`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("branches here: `feature`, `main`"),
        "{}",
        run.stderr
    );
}

#[test]
fn changed_since_outside_a_repository_is_a_usage_error() {
    let dir = folder(&[("migrations/1.sql", PRAGMA)]);
    let run = run_in(dir.path(), &["check", "--changed-since", "main"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--changed-since needs a git repository"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn paths_with_nothing_to_lint_exit_2_and_say_why() {
    let dir = folder(&[
        ("migrations/1.sql", PRAGMA),
        ("docs/schema.md", "# Schema\n"),
        ("seeds/1.sql", "SELECT 1;\n"),
    ]);
    // A folder without SQL or Rust: a wrong path in CI must not pass as clean.
    let run = run_in(dir.path(), &["check", "docs"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    insta::assert_snapshot!(run.stderr, @"dal-audit: nothing to lint in `docs`: it holds no `*.sql` or `*.rs` file; name the folder of the migrations or of the Rust sources (or the files)");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // A folder whose every file the configuration excludes.
    fs::write(dir.path().join("dal-audit.toml"), "exclude = [\"seeds\"]\n").unwrap();
    let run = run_in(dir.path(), &["check", "seeds"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("nothing to lint: the configuration's `include`/`exclude` leave none of the 1 SQL file(s) found"), "{}", run.stderr);
    // Files named one by one (a pre-commit hook) may all be excluded on purpose.
    let run = run_in(dir.path(), &["check", "seeds/1.sql"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn changed_since_with_nothing_changed_passes_and_says_so() {
    let dir = folder(&[("migrations/1.sql", PRAGMA)]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    let run = run_in(dir.path(), &["check", "--changed-since", "main"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"dal-audit: no SQL file changed since the merge-base of `main` and HEAD: nothing to lint");
}

#[test]
fn statements_sqlparser_cannot_parse_are_counted_and_listed_on_request() {
    let dir = folder(&[("migrations/1.sql", "PRAGMA foreign_keys = ON;\n")]);
    // A PRAGMA SQLite accepts is no parse error: only the pragma rule speaks,
    // and the summary says one statement had token rules only.
    let run = run_in(dir.path(), &["check", "--color", "never"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains("parse-error"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "(1 file, 1 statement checked; 1 statement not parsed by sqlparser; token rules only)"
        ),
        "{}",
        run.stdout
    );
    let listed = "migrations/1.sql:1:23: info[unparsed-statement] sqlparser cannot parse this statement (SQLite's parser accepts it): only token rules checked it";
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--extend-select",
            "unparsed-statement",
        ],
    );
    assert!(run.stdout.contains(listed), "{}", run.stdout);
    assert!(run.stdout.contains("error[pragma]"), "{}", run.stdout);
    fs::write(
        dir.path().join("dal-audit.toml"),
        "[rules]\nunparsed-statement = \"on\"\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "--format", "compact"]);
    assert!(run.stdout.contains(listed), "{}", run.stdout);
}

#[test]
fn the_pedantic_group_is_opt_in_like_any_opt_in_rule() {
    let sql =
        "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(20));\nPRAGMA foreign_keys = ON;\n";
    let dir = folder(&[("migrations/1.sql", sql)]);
    let rules_of = |args: &[&str]| {
        let mut all = vec!["check", "--format", "compact"];
        all.extend(args);
        let run = run_in(dir.path(), &all);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        let pedantic = run.stdout.contains("[varchar-length]");
        let default = run.stdout.contains("[pragma]");
        (pedantic, default, run.stdout)
    };
    let (pedantic, default, out) = rules_of(&[]);
    assert!(!pedantic && default, "off by default:\n{out}");
    let (pedantic, default, out) = rules_of(&["--extend-select", "pedantic"]);
    assert!(
        pedantic && default,
        "--extend-select adds the group:\n{out}"
    );
    let (pedantic, default, out) = rules_of(&["--select", "pedantic"]);
    assert!(
        pedantic && !default,
        "--select runs the group alone:\n{out}"
    );
    let (pedantic, default, out) = rules_of(&["--extend-select", "varchar-length"]);
    assert!(pedantic && default, "or one of its rules by id:\n{out}");
    let config = |text: &str| fs::write(dir.path().join("dal-audit.toml"), text).unwrap();
    config("[rules]\npedantic = \"on\"\n");
    let (pedantic, _, out) = rules_of(&[]);
    assert!(pedantic, "[rules] pedantic = \"on\":\n{out}");
    assert!(
        out.contains("warning[varchar-length]"),
        "its own severity:\n{out}"
    );
    config("[rules]\npedantic = \"error\"\n");
    let (_, _, out) = rules_of(&[]);
    assert!(
        out.contains("error[varchar-length]"),
        "the group's severity:\n{out}"
    );
    config("[rules]\npedantic = \"warning\"\nvarchar-length = \"off\"\n");
    let (pedantic, _, out) = rules_of(&[]);
    assert!(!pedantic, "a rule's own key wins over its group's:\n{out}");
    let (pedantic, _, out) =
        rules_of(&["--ignore", "pedantic", "--extend-select", "varchar-length"]);
    assert!(!pedantic, "--ignore wins:\n{out}");
}

/// `null-ordering` reads the schema the migrations end with: a column they
/// declare NOT NULL (or a key) has no NULLs to order, in a migration or in
/// a query of the application; an outer join brings NULLs back.
#[test]
fn null_ordering_is_silent_on_columns_the_migrations_declare_not_null() {
    let dir = folder(&[
        (
            "dal-audit.toml",
            "paths = [\"migrations\", \"src\"]\nstorage = [\"src/storage/**\"]\n",
        ),
        (
            "migrations/1_create.sql",
            "CREATE TABLE posts (id BIGINT PRIMARY KEY, title TEXT NOT NULL, published_at TEXT);\nCREATE TABLE tags (post_id BIGINT NOT NULL, name TEXT NOT NULL);\n",
        ),
        (
            "migrations/2_views.sql",
            "CREATE VIEW by_title AS SELECT id, title FROM posts ORDER BY title;\nCREATE VIEW by_date AS SELECT id FROM posts ORDER BY published_at;\n",
        ),
        (
            "src/storage/mod.rs",
            "pub async fn list(pool: &sqlx::AnyPool) {\n    sqlx::query(\"SELECT p.id FROM posts p ORDER BY p.title DESC, p.id\").fetch_all(pool).await;\n    sqlx::query(\"SELECT p.id FROM posts p LEFT JOIN tags t ON t.post_id = p.id ORDER BY t.name\").fetch_all(pool).await;\n}\n",
        ),
    ]);
    let run = run_in(dir.path(), &["check", "--format", "compact"]);
    insta::assert_snapshot!(run.stdout, @r"
    migrations/2_views.sql:2:54: warning[null-ordering] NULLs sort first here on SQLite and last on PostgreSQL (the reverse with DESC): the engines return the rows in different orders
    src/storage/mod.rs:3:89: warning[null-ordering] NULLs sort first here on SQLite and last on PostgreSQL (the reverse with DESC): the engines return the rows in different orders
    ");
}

/// `integer-width` reports a 32-bit key once, where it is declared: a
/// foreign key to a key the migrations declare 32-bit on PostgreSQL too
/// (`INT`, `SERIAL`) is the same root cause; one to a SQLite rowid (64-bit
/// there) is the width that changes.
#[test]
fn integer_width_reports_a_narrow_key_once_not_at_each_reference() {
    let dir = folder(&[
        (
            "migrations/1_keys.sql",
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE tags (id SERIAL PRIMARY KEY);\nCREATE TABLE teams (id INT PRIMARY KEY);\n",
        ),
        (
            "migrations/2_posts.sql",
            "CREATE TABLE posts (\n    id BIGINT PRIMARY KEY,\n    author_id INTEGER REFERENCES users (id),\n    tag_id INTEGER REFERENCES tags,\n    team_id INT,\n    FOREIGN KEY (team_id) REFERENCES teams (id)\n);\n",
        ),
    ]);
    let run = run_in(
        dir.path(),
        &["check", "--select", "integer-width", "--format", "compact"],
    );
    insta::assert_snapshot!(run.stdout, @r"
    migrations/1_keys.sql:3:24: warning[integer-width] the key `id` is `INT`: 64-bit on SQLite, 32-bit on PostgreSQL (at most 2147483647), so ids past that fail there
    migrations/2_posts.sql:3:15: warning[integer-width] the key `author_id` is `INTEGER`: 64-bit on SQLite, 32-bit on PostgreSQL (at most 2147483647), so ids past that fail there
    ");
}

/// A project with a SQLite set and a PostgreSQL set: a migration's
/// statements are judged against its own set's schema. In the PostgreSQL
/// set the foreign key references a `SERIAL` key (the same 32-bit root
/// cause, reported at the key), while the SQLite set's `users.id` is a rowid;
/// in the SQLite set `title` is `NOT NULL`, so its view has no NULLs to
/// order, while the PostgreSQL set's nullable `title` still does. A query
/// in no set (Rust code) asks both sets.
#[test]
fn a_migration_reads_its_own_sets_schema() {
    let dir = folder(&[
        (
            "dal-audit.toml",
            "paths = [\"migrations\", \"src\"]\nstorage = [\"src/storage/**\"]\n",
        ),
        (
            "migrations/embedded/1_init.sql",
            "CREATE TABLE users (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\nCREATE VIEW by_title AS SELECT id FROM users ORDER BY title;\n",
        ),
        (
            "migrations/server/1_init.sql",
            "CREATE TABLE users (id SERIAL PRIMARY KEY, title TEXT);\nCREATE TABLE posts (id BIGSERIAL PRIMARY KEY, author_id INTEGER REFERENCES users (id));\nCREATE VIEW by_title AS SELECT id FROM users ORDER BY title;\n",
        ),
        (
            "src/storage/mod.rs",
            "pub async fn list(pool: &sqlx::AnyPool) {\n    sqlx::query(\"SELECT id FROM users ORDER BY title\").fetch_all(pool).await;\n}\n",
        ),
    ]);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--select",
            "integer-width,null-ordering",
            "--format",
            "compact",
        ],
    );
    insta::assert_snapshot!(run.stdout, @r"
    migrations/server/1_init.sql:3:55: warning[null-ordering] NULLs sort first here on SQLite and last on PostgreSQL (the reverse with DESC): the engines return the rows in different orders
    src/storage/mod.rs:2:48: warning[null-ordering] NULLs sort first here on SQLite and last on PostgreSQL (the reverse with DESC): the engines return the rows in different orders
    ");
}

/// A history kept per engine (`migrations/sqlite`, `migrations/postgres`)
/// is linted for its own engine: SQLite's `PRAGMA` in the SQLite folder and
/// PostgreSQL's `CREATE EXTENSION` in the PostgreSQL folder are no findings,
/// while a shared folder still answers to both engines. `engine-folders =
/// false` turns the reading of folder names off.
#[test]
fn a_folder_named_for_one_engine_is_linted_for_that_engine() {
    let files = [
        ("migrations/sqlite/1_a.sql", PRAGMA),
        (
            "migrations/postgres/1_a.sql",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n",
        ),
        ("migrations/shared/1_a.sql", PRAGMA),
    ];
    let dir = folder(&files);
    let run = run_in(dir.path(), &["check", "--format", "compact", "migrations"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @"migrations/shared/1_a.sql:1:1: error[pragma] `PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error");

    let off = folder(&files);
    fs::write(
        off.path().join("dal-audit.toml"),
        "engine-folders = false\n",
    )
    .unwrap();
    let run = run_in(off.path(), &["check", "--format", "compact", "migrations"]);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
}

/// A history whose first migration and a later one SQLite's parser rejects
/// is PostgreSQL's (`history-engine` says so once); a history with the same
/// migration names beside it is then SQLite's. Configured targets turn the
/// inference off.
#[test]
fn a_history_sqlite_cannot_run_is_linted_for_postgres_and_its_twin_for_sqlite() {
    let files = [
        (
            "server/migrations/0001_init.sql",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE TABLE notes (id SERIAL PRIMARY KEY, at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);\n",
        ),
        (
            "server/migrations/0002_touch.sql",
            "CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;\n",
        ),
        (
            "client/migrations/0001_init.sql",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT);\n",
        ),
        ("client/migrations/0002_touch.sql", PRAGMA),
    ];
    let dir = folder(&files);
    let run = run_in(
        dir.path(),
        &["check", "--format", "compact", "server", "client"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @"server/migrations/0001_init.sql:1:1: info[history-engine] SQLite's parser rejects this statement of the history's first migration (near \"EXTENSION\": syntax error), and one in `0002_touch.sql`: the history is written for PostgreSQL, so its files are checked for PostgreSQL only");

    let configured = folder(&files);
    fs::write(
        configured.path().join("dal-audit.toml"),
        "targets = [\"sqlite\", \"postgres\"]\n",
    )
    .unwrap();
    let run = run_in(
        configured.path(),
        &["check", "--format", "compact", "server", "client"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains("history-engine"), "{}", run.stdout);
    assert!(
        run.stdout.contains("client/migrations/0001_init.sql"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("server/migrations/0001_init.sql"),
        "{}",
        run.stdout
    );
}

/// A history in a folder named for PostgreSQL is PostgreSQL's already: it is
/// not inferred again, so no `history-engine` line repeats what the folder says.
#[test]
fn a_folder_named_for_postgres_is_not_inferred_again() {
    let files = [
        (
            "migrations/postgres/0001_init.sql",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE TABLE notes (id SERIAL PRIMARY KEY);\n",
        ),
        (
            "migrations/postgres/0002_touch.sql",
            "CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;\n",
        ),
    ];
    let dir = folder(&files);
    let run = run_in(dir.path(), &["check", "--format", "compact", "migrations"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "{}", run.stderr);
    // The same history in a folder whose name says nothing is inferred.
    let unnamed = files.map(|(path, sql)| (path.replace("/postgres", ""), sql));
    let dir = folder(
        &unnamed
            .iter()
            .map(|(p, s)| (p.as_str(), *s))
            .collect::<Vec<_>>(),
    );
    let run = run_in(dir.path(), &["check", "--format", "compact", "migrations"]);
    assert!(
        run.stdout.contains("info[history-engine]"),
        "{}",
        run.stdout
    );
}

/// Files written in pairs in one folder, one per engine, are linted each for
/// its engine; `engine-folders = false` reads no name.
#[test]
fn files_written_in_pairs_are_linted_each_for_its_engine() {
    let files = [
        (
            "db/migrate/0001_users_postgres.up.sql",
            "CREATE TABLE users (id SERIAL PRIMARY KEY);\n",
        ),
        (
            "db/migrate/0001_users_sqlite.up.sql",
            "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);\n",
        ),
    ];
    let dir = folder(&files);
    let run = run_in(dir.path(), &["check", "--format", "compact", "db"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "{}", run.stderr);

    let off = folder(&files);
    fs::write(
        off.path().join("dal-audit.toml"),
        "engine-folders = false\n",
    )
    .unwrap();
    let run = run_in(off.path(), &["check", "--format", "compact", "db"]);
    assert!(
        run.stdout.contains("0001_users_postgres.up.sql"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("0001_users_sqlite.up.sql"),
        "{}",
        run.stdout
    );
}
