//! Embedded SQLite (rusqlite's bundled library), in memory: nothing a
//! replay does touches a file.

use rusqlite::Connection;

use crate::diagnostic::Engine;
use crate::engines::schema::{Column, Index, Schema, Table};
use crate::engines::{Database, EngineError};

pub struct Sqlite {
    connection: Connection,
}

impl Sqlite {
    pub fn in_memory() -> Result<Sqlite, String> {
        let connection = Connection::open_in_memory()
            .map_err(|e| format!("cannot open an in-memory SQLite database: {e}"))?;
        Ok(Sqlite { connection })
    }

    /// The bundled library's version (`3.53.0`).
    pub fn version() -> &'static str {
        rusqlite::version()
    }
}

impl Database for Sqlite {
    fn engine(&self) -> Engine {
        Engine::Sqlite
    }

    fn execute(&mut self, sql: &str) -> Result<(), EngineError> {
        self.connection
            .execute_batch(sql)
            .map_err(|e| sqlite_error(&e))
    }

    fn schema(&mut self) -> Result<Schema, String> {
        read_schema(&self.connection).map_err(|e| format!("cannot read SQLite's schema: {e}"))
    }
}

fn sqlite_error(error: &rusqlite::Error) -> EngineError {
    match error {
        rusqlite::Error::SqliteFailure(failure, message) => {
            let text = message.clone().unwrap_or_else(|| failure.to_string());
            EngineError::new(text, Some(code_name(failure.extended_code)))
        }
        rusqlite::Error::SqlInputError { error, msg, .. } => {
            EngineError::new(msg.clone(), Some(code_name(error.extended_code)))
        }
        other => EngineError::new(other.to_string(), None),
    }
}

/// SQLite's name for a result code's primary part (`SQLITE_ERROR`), as its
/// documentation and C API spell it.
fn code_name(extended: std::ffi::c_int) -> String {
    const NAMES: [&str; 27] = [
        "OK",
        "ERROR",
        "INTERNAL",
        "PERM",
        "ABORT",
        "BUSY",
        "LOCKED",
        "NOMEM",
        "READONLY",
        "INTERRUPT",
        "IOERR",
        "CORRUPT",
        "NOTFOUND",
        "FULL",
        "CANTOPEN",
        "PROTOCOL",
        "EMPTY",
        "SCHEMA",
        "TOOBIG",
        "CONSTRAINT",
        "MISMATCH",
        "MISUSE",
        "NOLFS",
        "AUTH",
        "FORMAT",
        "RANGE",
        "NOTADB",
    ];
    let primary = usize::try_from(extended & 0xff).unwrap_or(0);
    match NAMES.get(primary) {
        Some(name) => format!("SQLITE_{name}"),
        None => format!("SQLite result code {extended}"),
    }
}

fn read_schema(db: &Connection) -> rusqlite::Result<Schema> {
    let mut schema = Schema::default();
    let mut tables = db.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names: Vec<String> = tables
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for name in names {
        let mut table = Table::default();
        let mut columns = db.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        let rows = columns.query_map([&name], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, bool>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, i64>(4)?,
            ))
        })?;
        let mut key: Vec<(i64, String)> = Vec::new();
        for row in rows {
            let (column, declared, not_null, default, pk) = row?;
            if pk > 0 {
                key.push((pk, column.to_lowercase()));
            }
            table.columns.push(Column {
                name: column.to_lowercase(),
                declared: declared.clone(),
                not_null: not_null || pk > 0,
                default,
            });
        }
        key.sort();
        table.primary_key = key.into_iter().map(|(_, c)| c).collect();
        let mut indexes =
            db.prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?1)")?;
        let list: Vec<(String, bool, String)> = indexes
            .query_map([&name], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (index, unique, origin) in list {
            if origin == "pk" {
                continue;
            }
            let mut info = db.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
            let columns: Vec<String> = info
                .query_map([&index], |row| row.get::<_, Option<String>>(0))?
                .map(|c| c.map(|c| c.unwrap_or_else(|| "<expression>".into()).to_lowercase()))
                .collect::<Result<_, _>>()?;
            table.indexes.insert(Index { unique, columns });
        }
        schema.tables.insert(name.to_lowercase(), table);
    }
    Ok(schema)
}
