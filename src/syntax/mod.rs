//! Syntax: SQL text into tokens, statements and parse trees.
//!
//! `lexer` tokenizes, `splitter` cuts statements at top-level `;`, `stream`
//! does both a piece of a file at a time, `parse` parses one statement with
//! sqlparser's dialects, `sqlite_grammar` asks SQLite's own parser about
//! what sqlparser could not parse, `model` turns a statement into the typed
//! statement model rules read, `statement` is one statement's tokens,
//! `statement_start` tells where a statement begins, and `gate` records
//! which keywords a statement holds.

pub mod dialect;
pub mod gate;
pub mod lexer;
pub mod model;
pub mod parse;
pub mod splitter;
pub mod sqlite_grammar;
pub mod statement;
pub mod statement_start;
pub mod stream;
