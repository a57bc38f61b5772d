//! A set replayed as its runner runs it: file after file in the runner's
//! order; each file in one transaction unless it opts out (sqlx's
//! `-- no-transaction` at byte 0, goose's `-- +goose NO TRANSACTION`); each
//! statement under a savepoint, so that one failure is rolled back alone and
//! hides nothing after it. Transaction statements written in the files
//! (`BEGIN`, `COMMIT`…) are not run inside the replay's own transaction.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use sqlparser::tokenizer::Token as SqlToken;

use crate::engines::{Database, EngineError};
use crate::history::detect::{for_each_up_statement, has_marker};
use crate::history::{MigrationFile, Runner};
use crate::rules::context::keyword;
use crate::syntax::lexer::Token;
use sqlparser::keywords::Keyword;

/// One statement of a file, as the replay needs it.
#[derive(Debug, Clone)]
pub struct Statement {
    pub span: Range<usize>,
    pub sql: String,
    /// `BEGIN`, `COMMIT`, `END`, `ROLLBACK`, `START TRANSACTION`.
    pub transaction_control: bool,
    /// Every name the statement mentions (lower-cased, unquoted).
    pub names: HashSet<String>,
    /// The table a `CREATE TABLE` makes.
    pub creates_table: Option<String>,
}

/// The statements of a file's up section.
pub fn statements(file: &MigrationFile) -> Vec<Statement> {
    let mut out = Vec::new();
    for_each_up_statement(file, |source, tokens, span| {
        out.push(Statement {
            sql: source.text[span.clone()].to_string(),
            transaction_control: is_transaction_control(tokens),
            names: names(tokens),
            creates_table: created_table(tokens),
            span,
        });
    });
    out
}

fn is_transaction_control(tokens: &[Token]) -> bool {
    let first = tokens.first().and_then(keyword);
    let second = tokens.get(1).and_then(keyword);
    match first {
        Some(Keyword::BEGIN) => {
            tokens.len() == 1 || matches!(second, Some(Keyword::TRANSACTION | Keyword::WORK))
        }
        Some(Keyword::COMMIT | Keyword::END | Keyword::ROLLBACK) => {
            !tokens.iter().any(|t| keyword(t) == Some(Keyword::TO))
        }
        Some(Keyword::START) => second == Some(Keyword::TRANSACTION),
        _ => false,
    }
}

fn word(token: &Token) -> Option<String> {
    match &token.kind {
        SqlToken::Word(w) => Some(w.value.to_lowercase()),
        _ => None,
    }
}

fn names(tokens: &[Token]) -> HashSet<String> {
    tokens.iter().filter_map(word).collect()
}

fn created_table(tokens: &[Token]) -> Option<String> {
    let words: Vec<Option<String>> = tokens.iter().take(12).map(word).collect();
    let is = |i: usize, w: &str| words.get(i).and_then(|x| x.as_deref()) == Some(w);
    if !is(0, "create") {
        return None;
    }
    let mut i = 1;
    while ["temp", "temporary", "unlogged", "global", "local"]
        .iter()
        .any(|w| is(i, w))
    {
        i += 1;
    }
    if !is(i, "table") {
        return None;
    }
    i += 1;
    if is(i, "if") && is(i + 1, "not") && is(i + 2, "exists") {
        i += 3;
    }
    // `schema.table`: the last name before `(` or `AS`.
    let mut name = words.get(i).cloned().flatten()?;
    while matches!(tokens.get(i + 1).map(|t| &t.kind), Some(SqlToken::Period)) {
        i += 2;
        name = words.get(i).cloned().flatten()?;
    }
    Some(name)
}

/// What one statement did on one engine.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub path: PathBuf,
    pub span: Range<usize>,
    pub error: Option<EngineError>,
    /// The failure follows from an earlier one (an object that a failed
    /// statement would have made or removed).
    pub consequence: bool,
}

/// A set's replay on one engine.
#[derive(Debug, Default)]
pub struct Replayed {
    pub outcomes: Vec<Outcome>,
    /// Where each table was created (file, span), for schema findings.
    pub created: HashMap<String, (PathBuf, Range<usize>)>,
    /// Every name a failed statement mentions: a schema difference about
    /// one of them follows from that failure, already reported.
    pub failed_names: HashSet<String>,
}

/// Whether the runner runs `file` inside a transaction.
pub fn in_transaction(runner: Option<Runner>, file: &MigrationFile) -> bool {
    match runner {
        Some(Runner::Sqlx) => !file.bytes.starts_with(b"-- no-transaction"),
        Some(Runner::Goose) => !has_marker(&file.bytes, "+goose no transaction"),
        Some(Runner::SqlMigrate) => !has_marker(&file.bytes, "+migrate notransaction"),
        Some(Runner::Dbmate) => !file.bytes.windows(17).any(|w| w == b"transaction:false"),
        _ => true,
    }
}

/// Replays `files` (the history, in order) on `db`; `step` is called after
/// each statement (the progress bar).
pub fn replay(
    files: &[&MigrationFile],
    runner: Option<Runner>,
    db: &mut dyn Database,
    step: &mut dyn FnMut(),
) -> Replayed {
    let mut replayed = Replayed::default();
    for file in files {
        let statements = statements(file);
        let transaction = in_transaction(runner, file);
        if transaction {
            let _ = db.execute("BEGIN");
        }
        for statement in &statements {
            step();
            if transaction && statement.transaction_control {
                continue;
            }
            let result = if transaction {
                run_under_savepoint(db, &statement.sql)
            } else {
                db.execute(&statement.sql)
            };
            let outcome = match result {
                Ok(()) => {
                    if let Some(table) = &statement.creates_table {
                        replayed
                            .created
                            .entry(table.clone())
                            .or_insert_with(|| (file.path.clone(), statement.span.clone()));
                    }
                    Outcome {
                        path: file.path.clone(),
                        span: statement.span.clone(),
                        error: None,
                        consequence: false,
                    }
                }
                Err(error) => {
                    let consequence = follows_from_earlier_failure(&error, &replayed.failed_names);
                    replayed
                        .failed_names
                        .extend(statement.names.iter().cloned());
                    Outcome {
                        path: file.path.clone(),
                        span: statement.span.clone(),
                        error: Some(error),
                        consequence,
                    }
                }
            };
            replayed.outcomes.push(outcome);
        }
        if transaction && let Err(error) = db.execute("COMMIT") {
            // A deferred constraint, say: the file's last statement carries it.
            if let Some(last) = statements.last() {
                replayed.outcomes.push(Outcome {
                    path: file.path.clone(),
                    span: last.span.clone(),
                    error: Some(error),
                    consequence: false,
                });
            }
        }
    }
    replayed
}

fn run_under_savepoint(db: &mut dyn Database, sql: &str) -> Result<(), EngineError> {
    db.execute("SAVEPOINT dal_audit_statement")?;
    let result = db.execute(sql);
    if result.is_err() {
        let _ = db.execute("ROLLBACK TO SAVEPOINT dal_audit_statement");
    }
    let _ = db.execute("RELEASE SAVEPOINT dal_audit_statement");
    result
}

/// PostgreSQL's SQLSTATEs for a missing object or one that already exists.
const DEPENDENT_SQLSTATES: [&str; 10] = [
    "42P01", "42703", "42704", "42883", "3F000", "42P07", "42701", "42710", "42723", "2BP01",
];

/// A missing (or already existing) object that an earlier failed statement
/// names: had that statement run, this one would have found it.
fn follows_from_earlier_failure(error: &EngineError, failed_names: &HashSet<String>) -> bool {
    let dependent = match &error.code {
        Some(code) if code.starts_with("SQLITE") => {
            let m = error.message.as_str();
            [
                "no such",
                "has no column named",
                "already exists",
                "duplicate column name",
            ]
            .iter()
            .any(|p| m.contains(p))
        }
        Some(code) => DEPENDENT_SQLSTATES.contains(&code.as_str()),
        None => false,
    };
    dependent
        && error_names(&error.message)
            .iter()
            .any(|n| failed_names.contains(n))
}

/// The object names an error message gives: `relation "x" does not exist`,
/// `no such table: main.x`, `table x has no column named y`.
pub fn error_names(message: &str) -> Vec<String> {
    let mut names: Vec<String> = message
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    if let Some((_, after)) = message.rsplit_once(": ") {
        names.push(after.trim().to_string());
    }
    let words: Vec<&str> = message.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if matches!(*w, "table" | "index" | "view" | "named" | "trigger")
            && let Some(next) = words.get(i + 1)
        {
            names.push(
                next.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '.')
                    .to_string(),
            );
        }
    }
    names
        .into_iter()
        .map(|n| {
            n.rsplit('.')
                .next()
                .unwrap_or("")
                .trim_matches(['"', '`', '[', ']'])
                .to_lowercase()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names_come_from_either_engine() {
        assert_eq!(error_names("relation \"users\" does not exist"), ["users"]);
        assert!(error_names("no such table: main.users").contains(&"users".to_string()));
        let names = error_names("table users has no column named email");
        assert!(
            names.contains(&"users".into()) && names.contains(&"email".into()),
            "{names:?}"
        );
    }
}
