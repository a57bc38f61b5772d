//! dal-audit: a SQL portability linter for SQLite-first data layers moving to
//! PostgreSQL. `ARCHITECTURE.md` is the map; the pipeline is in `lint.rs`.

pub mod alter_table;
pub mod changed;
pub mod cli;
pub mod columns;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod dialect;
pub mod discover;
pub mod explain;
pub mod gate;
pub mod input;
pub mod lexer;
pub mod lint;
pub mod load;
pub mod parse;
pub mod parts;
pub mod report;
pub mod rules;
pub mod source;
pub mod splitter;
pub mod stack;
pub mod stream;
pub mod suppress;
pub mod targets;
#[cfg(test)]
pub(crate) mod testing;

pub use diagnostic::{Diagnostic, Engine, Severity};
pub use lint::{FileReport, LintOptions, lint_bytes, lint_source};
pub use source::SourceFile;
