//! Engine truth: every rule page's SQL run on embedded SQLite (rusqlite,
//! bundled, a fresh in-memory database per case, stock defaults) and on the PostgreSQL server
//! at 127.0.0.1:5432 (user `postgres`, each case in its own schema inside a
//! transaction that is rolled back).
//!
//! - The Portable form runs on both engines (and, for a `warning` rule, its
//!   last SELECT gives the same rows on both).
//! - An `error` rule's Example fails on every engine its diagnostics name, and the
//!   first statement that fails is one the rule flags: the failure comes from
//!   the flagged construct, not from a missing table. `## Why` quotes that
//!   error (PostgreSQL's SQLSTATE, SQLite's message).
//! - A `warning` rule's Example runs on both, and its last statement (a
//!   SELECT) returns different rows.
//!
//! A script runs statement by statement, split by dal-audit's own splitter, so
//! a failure names its statement. A statement with parameters (`$1`) is
//! prepared rather than executed, as the application would prepare it.
//! PostgreSQL being unreachable is a failure, never a skip: CI starts it.

mod doc_pages;

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use dal_audit::project::targets::Targets;
use dal_audit::syntax::dialect::lint_dialect;
use dal_audit::syntax::lexer::lex;
use dal_audit::syntax::splitter::split;
use dal_audit::{Engine, LintOptions, Severity, SourceFile, lint_source, rules};
use doc_pages::{Block, Page, pages};
use postgres::types::Type;
use postgres::{Client, NoTls, SimpleQueryMessage};
use sqlparser::tokenizer::Token as SqlToken;

const PG_URL: &str = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=10";

/// One statement of a doc block.
struct Statement {
    text: String,
    span: Range<usize>,
    /// It has `$1`/`?1`-style parameters: prepared, not executed.
    has_params: bool,
}

fn statements(code: &str) -> Vec<Statement> {
    let file = SourceFile::new("block.sql", code);
    let lexed = lex(&file, 0..code.len(), lint_dialect());
    split(&lexed.tokens, &lexed.error_offsets())
        .into_iter()
        .map(|raw| Statement {
            text: code[raw.span.clone()].to_string(),
            span: raw.span,
            has_params: lexed.tokens[raw.tokens]
                .iter()
                .any(|t| matches!(t.kind, SqlToken::Placeholder(_))),
        })
        .collect()
}

/// Where a script stopped.
#[derive(Debug)]
struct Failure {
    index: usize,
    statement: String,
    error: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "statement {} `{}` failed: {}",
            self.index + 1,
            one_line(&self.statement),
            self.error
        )
    }
}

fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 120 {
        flat.chars().take(120).collect::<String>() + "…"
    } else {
        flat
    }
}

/// A fresh database of one engine.
trait Database {
    fn run(&mut self, statement: &Statement) -> Result<(), String>;
    /// The rows of a query, each value as text (`NULL` for null, booleans as 1/0).
    fn rows(&mut self, sql: &str) -> Result<Vec<Vec<String>>, String>;
}

/// Runs the statements in order and stops at the first failure, like a migration.
fn run_script(db: &mut dyn Database, statements: &[Statement]) -> Result<(), Failure> {
    for (index, statement) in statements.iter().enumerate() {
        db.run(statement).map_err(|error| Failure {
            index,
            statement: statement.text.clone(),
            error,
        })?;
    }
    Ok(())
}

struct Sqlite(rusqlite::Connection);

impl Sqlite {
    /// A fresh database with stock SQLite's defaults. rusqlite's bundled build
    /// switches foreign keys on (`SQLITE_DEFAULT_FOREIGN_KEYS=1`); the sqlite3
    /// shell, Python, Go's drivers and the corpus labels have them off.
    fn fresh() -> Sqlite {
        let connection = rusqlite::Connection::open_in_memory().expect("in-memory SQLite opens");
        connection
            .execute_batch("PRAGMA foreign_keys = OFF;")
            .expect("foreign keys can be switched off");
        Sqlite(connection)
    }
}

impl Database for Sqlite {
    fn run(&mut self, statement: &Statement) -> Result<(), String> {
        if statement.has_params {
            self.0.prepare(&statement.text).map(drop)
        } else {
            self.0.execute_batch(&statement.text)
        }
        .map_err(|e| e.to_string())
    }

    fn rows(&mut self, sql: &str) -> Result<Vec<Vec<String>>, String> {
        let mut stmt = self.0.prepare(sql).map_err(|e| e.to_string())?;
        let columns = stmt.column_count();
        if columns == 0 {
            return Err("the statement returns no columns".into());
        }
        let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| e.to_string())? {
            let values = (0..columns)
                .map(|i| row.get_ref(i).map(sqlite_text).map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(values);
        }
        Ok(out)
    }
}

/// A SQLite value as PostgreSQL's text output would spell it.
fn sqlite_text(value: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            format!("\\x{hex}")
        }
    }
}

fn connect_postgres() -> Client {
    Client::connect(PG_URL, NoTls).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL is not reachable at 127.0.0.1:5432 as user `postgres` ({e}).\n\
             The engine test needs it and never skips: start it (`.ci/run` does, with \
             `pg_ctlcluster --skip-systemctl-redirect <version> main start`)."
        )
    })
}

/// One case on PostgreSQL: a fresh schema inside a transaction that is rolled
/// back (and the schema dropped, should a script have committed).
struct Postgres<'a> {
    client: &'a mut Client,
    schema: String,
}

impl<'a> Postgres<'a> {
    fn fresh(client: &'a mut Client) -> Postgres<'a> {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let schema = format!(
            "dal_audit_doc_{}_{}",
            std::process::id(),
            CASE.fetch_add(1, Ordering::Relaxed)
        );
        client
            .batch_execute(&format!(
                "BEGIN; CREATE SCHEMA {schema}; SET LOCAL search_path TO {schema}; \
                 SET LOCAL statement_timeout = '20s'; SET LOCAL lock_timeout = '5s';"
            ))
            .unwrap_or_else(|e| panic!("cannot set up a PostgreSQL test schema: {}", pg_error(&e)));
        Postgres { client, schema }
    }
}

impl Drop for Postgres<'_> {
    fn drop(&mut self) {
        let cleanup = format!("ROLLBACK; DROP SCHEMA IF EXISTS {} CASCADE;", self.schema);
        if let Err(e) = self.client.batch_execute(&cleanup) {
            eprintln!("warning: cleaning up {}: {}", self.schema, pg_error(&e));
        }
    }
}

fn pg_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => e.to_string(),
    }
}

impl Database for Postgres<'_> {
    fn run(&mut self, statement: &Statement) -> Result<(), String> {
        let result = if statement.has_params {
            self.client.prepare(&statement.text).map(drop)
        } else {
            self.client.batch_execute(&statement.text)
        };
        result.map_err(|e| pg_error(&e))
    }

    fn rows(&mut self, sql: &str) -> Result<Vec<Vec<String>>, String> {
        let prepared = self.client.prepare(sql).map_err(|e| pg_error(&e))?;
        let booleans: Vec<bool> = prepared
            .columns()
            .iter()
            .map(|c| *c.type_() == Type::BOOL)
            .collect();
        if booleans.is_empty() {
            return Err("the statement returns no columns".into());
        }
        let messages = self.client.simple_query(sql).map_err(|e| pg_error(&e))?;
        Ok(messages
            .iter()
            .filter_map(|m| match m {
                SimpleQueryMessage::Row(row) => Some(
                    (0..row.len())
                        .map(|i| pg_text(row.get(i), booleans.get(i) == Some(&true)))
                        .collect(),
                ),
                _ => None,
            })
            .collect())
    }
}

/// PostgreSQL's text output; booleans as SQLite spells them (1/0).
fn pg_text(value: Option<&str>, boolean: bool) -> String {
    match (value, boolean) {
        (None, _) => "NULL".into(),
        (Some("t"), true) => "1".into(),
        (Some("f"), true) => "0".into(),
        (Some(text), _) => text.into(),
    }
}

fn engine_name(engine: Engine) -> &'static str {
    engine.display_name()
}

fn describe_targets(targets: &Targets) -> String {
    let specs: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
    specs.join(", ")
}

/// Collects every problem so one run shows them all.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, page: &Page, heading: &str, block: &Block, problem: String) {
        self.0
            .push(format!("{}: {problem}", page.describe(heading, block)));
    }

    fn assert_none(self) {
        assert!(
            self.0.is_empty(),
            "{} problem(s):\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

#[test]
fn portable_forms_run_on_both_engines() {
    let mut client = connect_postgres();
    let mut problems = Problems::default();
    for page in pages() {
        let warning = rules::by_id(&page.id).is_some_and(|r| r.severity == Severity::Warning);
        for block in page.sql_blocks("Portable form") {
            let statements = statements(&block.code);
            let mut sqlite = Sqlite::fresh();
            let mut postgres = Postgres::fresh(&mut client);
            let mut ran = true;
            for (engine, db) in [
                (Engine::Sqlite, &mut sqlite as &mut dyn Database),
                (Engine::Postgres, &mut postgres),
            ] {
                if let Err(failure) = run_script(db, &statements) {
                    ran = false;
                    let problem = format!("must run on {}, but {failure}", engine_name(engine));
                    problems.add(&page, "Portable form", block, problem);
                }
            }
            // For a warning, the portable query must mean the same on both.
            if warning
                && ran
                && let Some(last) = statements.last().filter(|s| is_query(&s.text))
            {
                let (on_sqlite, on_pg) = (sqlite.rows(&last.text), postgres.rows(&last.text));
                if on_sqlite != on_pg {
                    let problem = format!(
                        "the last SELECT must return the same rows on both engines\n    SQLite:     {on_sqlite:?}\n    PostgreSQL: {on_pg:?}"
                    );
                    problems.add(&page, "Portable form", block, problem);
                }
            }
        }
    }
    problems.assert_none();
}

fn is_query(sql: &str) -> bool {
    let first = sql
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(first.as_str(), "SELECT" | "WITH" | "VALUES")
}

#[test]
fn examples_fail_or_differ_as_their_rule_claims() {
    let mut client = connect_postgres();
    let here = engine_versions(&mut client);
    let mut problems = Problems::default();
    for page in pages() {
        let Some(rule) = rules::by_id(&page.id) else {
            continue; // rule_docs.rs reports a page without a rule.
        };
        if let Some(reason) = skip_reason(rule) {
            println!(
                "{}: Example not run on the engines: {reason}",
                page.path.display()
            );
            continue;
        }
        for block in page.sql_blocks("Example") {
            let result = match rule.severity {
                Severity::Error => check_rejected(&page, block, &here, &mut client),
                Severity::Warning => check_differs(block, &mut client),
                Severity::Info => Ok(()),
            };
            if let Err(problem) = result {
                problems.add(&page, "Example", block, problem);
            }
        }
    }
    problems.assert_none();
}

/// Why a rule's Example cannot be checked on the engines here, if it cannot.
fn skip_reason(rule: &dal_audit::rules::Rule) -> Option<String> {
    use dal_audit::rules::RuleKind;
    if matches!(rule.kind, RuleKind::History | RuleKind::Engine) {
        return Some(format!(
            "`{}` is a {:?} rule: its page shows file trees, replayed by `dal-audit verify` in tests/verify.rs (`history_examples_run_as_sqlx_runs_them`, `engine_rule_pages_hold_on_the_engines`)",
            rule.id, rule.kind
        ));
    }
    if rule.group == "input" || rule.targets.is_empty() {
        return Some(format!(
            "`{}` names no engine (group `{}`): it is about dal-audit's input, not an engine's verdict",
            rule.id, rule.group
        ));
    }
    None
}

/// The engines of this machine as targets (`sqlite>=3.53.2`, `postgres>=15.20`):
/// a version-gated rule that no longer fires for them cannot be refuted here.
fn engine_versions(client: &mut Client) -> Targets {
    let pg = client
        .query_one("SHOW server_version", &[])
        .map(|row| row.get::<_, String>(0))
        .unwrap_or_else(|e| panic!("cannot read PostgreSQL's version: {}", pg_error(&e)));
    println!(
        "engines: SQLite {} (bundled), PostgreSQL {pg}",
        rusqlite::version()
    );
    let pg_version = pg.split_whitespace().next().unwrap_or("");
    Targets::parse(&[
        format!("sqlite>={}", rusqlite::version()),
        format!("postgres>={pg_version}"),
    ])
    .unwrap_or_else(|e| panic!("engine versions as targets: {e}"))
}

/// The Example must fail on each engine its diagnostics name, first at a
/// statement the rule flags for that engine, and not merely for want of a table.
/// An engine the rule names only for versions older than the one here (a
/// version-gated rule) is skipped, with the reason printed.
fn check_rejected(
    page: &Page,
    block: &Block,
    here: &Targets,
    client: &mut Client,
) -> Result<(), String> {
    let flagged_for_page = flagged(page, block, &page.example_targets());
    let flagged_here = flagged(page, block, here);
    let mut engines: Vec<Engine> = flagged_for_page
        .iter()
        .flat_map(|(_, e)| e.clone())
        .collect();
    engines.sort();
    engines.dedup();
    if engines.is_empty() {
        return Err(format!(
            "`{}` does not fire, so no engine claim to check",
            page.id
        ));
    }
    let statements = statements(&block.code);
    let mut problems = Vec::new();
    for engine in engines {
        if !flagged_here.iter().any(|(_, e)| e.contains(&engine)) {
            println!(
                "{}: not run on {}: `{}` fires for targets {} but not for the {} here ({}), so its failure needs an older engine",
                page.describe("Example", block),
                engine_name(engine),
                page.id,
                describe_targets(&page.example_targets()),
                engine_name(engine),
                here.min_version(engine)
                    .map_or(String::new(), |v| v.to_string()),
            );
            continue;
        }
        let result = match engine {
            Engine::Sqlite => run_script(&mut Sqlite::fresh(), &statements),
            Engine::Postgres => run_script(&mut Postgres::fresh(client), &statements),
        };
        let name = engine_name(engine);
        let Err(failure) = result else {
            let version = here
                .min_version(engine)
                .map_or(String::new(), |v| format!(" {v}"));
            problems.push(format!(
                "the rule says {name} rejects this, but every statement ran on {name}{version}: \
                 the engine contradicts the rule (if older versions reject it, gate the rule by version)"
            ));
            continue;
        };
        let span = &statements[failure.index].span;
        let at_flagged = flagged_for_page
            .iter()
            .any(|(f, e)| e.contains(&engine) && f.start < span.end && f.end > span.start);
        if !at_flagged {
            problems.push(format!(
                "fails on {name} at a statement `{}` does not flag for {name} (missing setup?): {failure}",
                page.id
            ));
        } else if let Some(table) = missing_table(&failure.error) {
            problems.push(format!(
                "fails on {name} only because table `{table}` does not exist; create it earlier in the block: {failure}"
            ));
        } else if let Some(quote) = unquoted_error(page, engine, &failure.error) {
            problems.push(format!(
                "`## Why` must quote {name}'s real error (at least `{quote}`): {failure}"
            ));
        } else {
            println!(
                "{}: {name} rejects the Example: {}",
                page.path.display(),
                failure.error
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

/// The part of an engine error that `## Why` must quote, when it does not:
/// PostgreSQL's SQLSTATE, SQLite's message up to its first `:` (`near "X":
/// syntax error` needs only `syntax error`).
fn unquoted_error(page: &Page, engine: Engine, error: &str) -> Option<String> {
    let why = page.section("Why").map_or("", |s| s.text.as_str());
    let quote = match engine {
        Engine::Postgres => error.split(':').next().unwrap_or(error),
        Engine::Sqlite if error.contains("syntax error") => "syntax error",
        Engine::Sqlite => error.split(':').next().unwrap_or(error),
    };
    (!why.contains(quote)).then(|| quote.to_string())
}

/// The user table an engine error says is missing (catalog tables such as
/// `sqlite_master` or `pg_class`, and schema-qualified names like
/// `public.t` on SQLite, are the point of some rules, not missing setup).
fn missing_table(error: &str) -> Option<String> {
    let name = if let Some(rest) = error.strip_prefix("no such table: ") {
        rest.trim().trim_start_matches("main.").to_string()
    } else if error.starts_with("42P01: ") {
        error.split('"').nth(1)?.to_string()
    } else {
        return None;
    };
    let lower = name.to_ascii_lowercase();
    let catalog = ["sqlite_", "pg_", "information_schema"]
        .iter()
        .any(|prefix| lower.starts_with(prefix));
    (!catalog && !name.contains('.')).then_some(name)
}

/// The page's rule's diagnostics in the block, linted for `targets`: span and
/// the engines each names.
fn flagged(page: &Page, block: &Block, targets: &Targets) -> Vec<(Range<usize>, Vec<Engine>)> {
    let options = LintOptions {
        targets: targets.clone(),
        ..LintOptions::default()
    };
    let report = lint_source(
        SourceFile::new("example.sql", block.code.as_str()),
        &options,
    );
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == page.id)
        .map(|d| {
            (
                d.span.start..d.span.end.max(d.span.start + 1),
                d.targets.into_owned(),
            )
        })
        .collect()
}

/// The Example runs on both engines and its last statement's rows differ.
fn check_differs(block: &Block, client: &mut Client) -> Result<(), String> {
    let statements = statements(&block.code);
    let Some((last, setup)) = statements.split_last() else {
        return Err("no statement".into());
    };
    let mut sqlite = Sqlite::fresh();
    let mut postgres = Postgres::fresh(client);
    let mut rows = Vec::new();
    for (engine, db) in [
        (Engine::Sqlite, &mut sqlite as &mut dyn Database),
        (Engine::Postgres, &mut postgres),
    ] {
        run_script(db, setup).map_err(|f| {
            format!(
                "a warning's Example must run on both engines, but on {} {f}",
                engine_name(engine)
            )
        })?;
        rows.push(db.rows(&last.text).map_err(|e| {
            format!(
                "the last statement `{}` must be a SELECT that runs on {}: {e}",
                one_line(&last.text),
                engine_name(engine)
            )
        })?);
    }
    if rows[0] == rows[1] {
        return Err(format!(
            "the last SELECT returns the same rows on both engines ({:?}): the engines contradict the warning",
            rows[0]
        ));
    }
    Ok(())
}

// The harness's own judgement, on SQL whose engine behaviour is known.

fn block(code: &str) -> Block {
    Block {
        lang: "sql".into(),
        code: code.into(),
        line: 1,
    }
}

#[test]
fn the_harness_tells_differing_rows_from_equal_ones() {
    let mut client = connect_postgres();
    // LIKE is case-insensitive on SQLite only: 1 row versus 0.
    let like = "CREATE TABLE t (name TEXT);\nINSERT INTO t VALUES ('Abc');\nSELECT count(*) FROM t WHERE name LIKE 'abc';";
    assert_eq!(check_differs(&block(like), &mut client), Ok(()));
    // A boolean is 1 on SQLite and `t` on PostgreSQL: the same answer.
    let boolean = "SELECT 1 = 1, NULL, 'x', 2.5;";
    let same = check_differs(&block(boolean), &mut client).unwrap_err();
    assert!(same.contains("same rows"), "{same}");
    // Stock SQLite does not enforce foreign keys; PostgreSQL does.
    let cascade = "CREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLE b (a_id INT REFERENCES a (id) ON DELETE CASCADE);\nINSERT INTO a VALUES (1);\nINSERT INTO b VALUES (1);\nDELETE FROM a;\nSELECT count(*) FROM b;";
    assert_eq!(check_differs(&block(cascade), &mut client), Ok(()));
    // A setup failure is reported with the engine's error.
    let broken = "CREATE TABLE t (id INT);\nINSERT INTO missing VALUES (1);\nSELECT 1;";
    let error = check_differs(&block(broken), &mut client).unwrap_err();
    assert!(error.contains("no such table: missing"), "{error}");
}

#[test]
fn a_missing_user_table_is_setup_but_a_missing_catalog_is_the_point() {
    assert_eq!(
        missing_table("no such table: main.posts").as_deref(),
        Some("posts")
    );
    assert_eq!(
        missing_table("42P01: relation \"users\" does not exist").as_deref(),
        Some("users")
    );
    assert_eq!(
        missing_table("42P01: relation \"sqlite_master\" does not exist"),
        None
    );
    assert_eq!(missing_table("no such table: pg_class"), None);
    assert_eq!(missing_table("no such table: public.attachments"), None);
    assert_eq!(
        missing_table("42601: syntax error at or near \"PRAGMA\""),
        None
    );
}

#[test]
fn postgres_cases_leave_no_schema_behind() {
    let mut client = connect_postgres();
    let schema = {
        let mut case = Postgres::fresh(&mut client);
        // Even a script that commits leaves nothing behind.
        let create = statements("CREATE TABLE leftover (id INT); COMMIT;");
        run_script(&mut case, &create).expect("runs");
        case.schema.clone()
    };
    let left: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = $1",
            &[&schema],
        )
        .expect("catalog query")
        .get(0);
    assert_eq!(left, 0);
}
