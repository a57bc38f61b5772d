//! Syntax: SQL text into tokens, statements and parse trees.
//!
//! `lexer` tokenizes, `splitter` cuts statements at top-level `;`, `stream`
//! does both a piece of a file at a time, `parse` parses one statement with
//! sqlparser's dialects, `sqlite_grammar` asks SQLite's own parser about
//! what sqlparser could not parse, and `gate` records which keywords a statement holds.

pub mod alter_table;
pub mod columns;
pub mod dialect;
pub mod gate;
pub mod lexer;
pub mod parse;
pub mod splitter;
pub mod sqlite_grammar;
pub mod statement_start;
pub mod stream;
