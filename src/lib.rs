//! dal-audit: a SQL portability linter for SQLite-first data layers moving to
//! PostgreSQL. `ARCHITECTURE.md` is the map; the folders are the stages:
//! `sources` (what is read), `syntax` (tokens, statements, parse trees),
//! `rules`, `lint` (the pipeline for one file, suppressions), `report`, and
//! `project` (configuration, discovery, targets), driven by `cli`.

pub mod cli;
pub mod diagnostic;
pub mod engines;
pub mod fix;
pub mod history;
pub mod lint;
pub mod project;
pub mod report;
pub mod rules;
pub mod server;
pub mod sources;
pub mod syntax;
#[cfg(test)]
pub(crate) mod testing;

pub use diagnostic::{Diagnostic, Engine, Severity};
pub use lint::{FileOptions, FileReport, LintOptions, lint_bytes, lint_file, lint_source};
pub use sources::file::SourceFile;
