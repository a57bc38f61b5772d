//! Syntax: SQL text into tokens, statements and parse trees.
//!
//! `lexer` tokenizes, `splitter` cuts statements at top-level `;`, `stream`
//! does both a piece of a file at a time, `parse` parses one statement with
//! sqlparser's dialects, `model` turns it into the typed statement model
//! rules read, `statement` is one statement's tokens, and `gate` records
//! which keywords a statement holds.

pub mod dialect;
pub mod gate;
pub mod lexer;
pub mod model;
pub mod parse;
pub mod splitter;
pub mod statement;
pub mod stream;
