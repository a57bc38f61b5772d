//! `dal-audit verify`: migration sets replayed on the real engines, embedded
//! SQLite (`sqlite.rs`) and a scratch PostgreSQL database (`postgres.rs`),
//! as their runner runs them (`replay.rs`), with the schemas each engine
//! ends with compared (`schema.rs`).

pub mod postgres;
pub mod replay;
pub mod schema;
pub mod sqlite;

use crate::diagnostic::Engine;
use crate::engines::schema::Schema;

/// An engine's refusal of one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    /// The engine's own message.
    pub message: String,
    /// PostgreSQL's SQLSTATE (`42601`); SQLite's result code name
    /// (`SQLITE_ERROR`).
    pub code: Option<String>,
}

impl EngineError {
    pub fn new(message: impl Into<String>, code: Option<String>) -> Self {
        EngineError {
            message: message.into(),
            code,
        }
    }
}

/// A database a set is replayed in.
pub trait Database {
    fn engine(&self) -> Engine;
    /// Runs one statement (the text of one statement, without its `;`).
    fn execute(&mut self, sql: &str) -> Result<(), EngineError>;
    /// The schema as it stands.
    fn schema(&mut self) -> Result<Schema, String>;
}
