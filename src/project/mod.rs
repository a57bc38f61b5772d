//! The project: its configuration, the files a run lints, the files changed
//! since a git ref, and the engines it targets.

pub mod changed;
pub mod config;
pub mod discover;
pub mod engine_folders;
pub mod sqlite_facts;
pub mod targets;
