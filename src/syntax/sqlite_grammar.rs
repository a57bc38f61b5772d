//! SQLite's own parser as the judge of what SQLite accepts: sqlparser failing
//! on a statement is sqlparser's limit, not the user's mistake, when SQLite
//! itself reads it (`PRAGMA foreign_keys = ON`).
//!
//! `prepare` on an empty in-memory database parses a statement without
//! running it. A syntax error (`near "X": syntax error`, `incomplete input`,
//! `unrecognized token`) or a parser limit is a rejection; any other error
//! ("no such table", "no such function"…) comes after the grammar accepted
//! the text. A few statements name a table or a schema while they are still
//! being parsed (`ALTER TABLE t ADD …`, `CREATE TRIGGER … ON t`, `CREATE
//! TABLE s.t …`): their missing table or schema would hide a syntax error
//! further on, so it is created on a scratch database and the text parsed
//! again.

use std::borrow::Cow;
use std::cell::RefCell;

use rusqlite::Connection;

/// What SQLite's parser says of one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteVerdict {
    /// The grammar accepts it (it may still need tables to run).
    Accepts,
    /// SQLite rejects the text itself.
    Rejects(Rejection),
}

/// SQLite's message, and where in the text it stopped, when it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub message: String,
    pub offset: Option<usize>,
}

/// Messages of SQLite's tokenizer and parser, and of its parse-time limits.
const SYNTAX_ERRORS: [&str; 5] = [
    "syntax error",
    "incomplete input",
    "unrecognized token",
    "parser stack overflow",
    "too large",
];

/// How many missing tables or schemas one statement may need created.
const MAX_MISSING_NAMES: usize = 4;

thread_local! {
    /// An empty database: `prepare` never changes it.
    static EMPTY: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// Judges one statement's text (without its trailing `;`).
pub fn judge(sql: &str) -> SqliteVerdict {
    let Some(error) = EMPTY.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Connection::open_in_memory().ok();
        }
        cell.as_ref().map(|db| prepare_error(db, sql))
    }) else {
        // No database to ask (out of memory): nothing is claimed.
        return SqliteVerdict::Accepts;
    };
    match error {
        None => SqliteVerdict::Accepts,
        Some(error) if is_syntax_error(&error.message) => SqliteVerdict::Rejects(error),
        Some(error) if missing_name(&error.message).is_some() => {
            judge_with_names(sql, &error.message)
        }
        Some(_) => SqliteVerdict::Accepts,
    }
}

/// Parses again on a scratch database holding the tables and schemas the
/// statement names before the rest of it is parsed.
fn judge_with_names(sql: &str, first: &str) -> SqliteVerdict {
    let Ok(db) = Connection::open_in_memory() else {
        return SqliteVerdict::Accepts;
    };
    let mut message = first.to_string();
    for _ in 0..MAX_MISSING_NAMES {
        let Some(missing) = missing_name(&message) else {
            break;
        };
        if db.execute_batch(&missing.create()).is_err() {
            break;
        }
        match prepare_error(&db, sql) {
            None => return SqliteVerdict::Accepts,
            Some(next) if is_syntax_error(&next.message) => return SqliteVerdict::Rejects(next),
            Some(next) if next.message == message => break,
            Some(next) => message = next.message,
        }
    }
    SqliteVerdict::Accepts
}

fn prepare_error(db: &Connection, sql: &str) -> Option<Rejection> {
    let (message, offset) = match db.prepare(sql) {
        Ok(_) => return None,
        Err(rusqlite::Error::SqlInputError { msg, offset, .. }) => {
            (msg, usize::try_from(offset).ok())
        }
        Err(rusqlite::Error::SqliteFailure(_, Some(message))) => (message, None),
        Err(other) => (other.to_string(), None),
    };
    Some(Rejection { message, offset })
}

fn is_syntax_error(message: &str) -> bool {
    SYNTAX_ERRORS.iter().any(|known| message.contains(known))
}

/// A table or schema the statement needs while it is parsed.
enum MissingName<'a> {
    Table {
        schema: Option<&'a str>,
        name: &'a str,
    },
    Schema(Cow<'a, str>),
}

fn missing_name(message: &str) -> Option<MissingName<'_>> {
    if let Some(table) = message.strip_prefix("no such table: ") {
        return Some(match table.split_once('.') {
            Some((schema, name)) => MissingName::Table {
                schema: Some(schema),
                name,
            },
            None => MissingName::Table {
                schema: None,
                name: table,
            },
        });
    }
    message
        .strip_prefix("unknown database ")
        .map(|name| MissingName::Schema(unquoted(name)))
}

/// SQLite names an unknown database as it was written: `"o""dd"` is `o"dd`.
fn unquoted(name: &str) -> Cow<'_, str> {
    match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(inner) => Cow::Owned(inner.replace("\"\"", "\"")),
        None => Cow::Borrowed(name),
    }
}

impl MissingName<'_> {
    fn create(&self) -> String {
        match self {
            MissingName::Table { schema, name } => {
                let schema = schema.map_or(String::new(), |s| format!("{}.", quoted(s)));
                format!("CREATE TABLE {schema}{} (x)", quoted(name))
            }
            MissingName::Schema(name) => format!("ATTACH ':memory:' AS {}", quoted(name)),
        }
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejects(sql: &str) -> bool {
        matches!(judge(sql), SqliteVerdict::Rejects(_))
    }

    fn rejection(message: &str, offset: usize) -> SqliteVerdict {
        SqliteVerdict::Rejects(Rejection {
            message: message.into(),
            offset: Some(offset),
        })
    }

    #[test]
    fn valid_sqlite_is_accepted_even_without_its_tables() {
        for sql in [
            "PRAGMA foreign_keys = ON",
            "PRAGMA journal_mode = WAL",
            "INSERT INTO missing VALUES (1)",
            "SELECT no_such_function(a) FROM t",
            "ALTER TABLE t ADD COLUMN c INT",
            "CREATE TRIGGER IF NOT EXISTS g AFTER INSERT ON t BEGIN SELECT 1; END",
            "CREATE TABLE other.t (a INT)",
        ] {
            assert_eq!(judge(sql), SqliteVerdict::Accepts, "{sql}");
        }
    }

    #[test]
    fn syntax_errors_are_rejected_with_sqlites_message() {
        assert_eq!(
            judge("SELECT FROM WHERE"),
            rejection("near \"FROM\": syntax error", 7)
        );
        for sql in [
            "SELECT (1",
            "SELECT 'never closed",
            "CREATE TABLE t (a INT,)",
            "CREATE EXTENSION pgcrypto",
        ] {
            assert!(rejects(sql), "{sql}");
        }
    }

    #[test]
    fn a_missing_table_does_not_hide_a_later_syntax_error() {
        // SQLite looks the table up before it reads the column.
        assert_eq!(
            judge("ALTER TABLE t ADD c INT,"),
            rejection("near \",\": syntax error", 23)
        );
        assert!(rejects(
            "CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT ,; END"
        ));
        assert!(rejects("CREATE TABLE \"o\"\"dd\".t (a INT,)"));
    }
}
