//! A migration set's data: its files in runner order and how its runner was
//! found. Built by `history::find_sets`; read by the set pass and by the
//! history rules (`rules::set_context`). Imports no rule.

use std::path::PathBuf;

use crate::history::runner::{Direction, Naming, Runner, Version};

/// How a set's runner was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    /// `runner = "…"` in the configuration.
    Configured,
    /// A dependency in this manifest (Cargo.toml, go.mod, package.json).
    Manifest(PathBuf),
    /// The folder's layout (`<version>_<name>/up.sql`, `-- +goose Up`…).
    Layout,
    /// Unknown: the files run in name order.
    Unknown,
}

/// One file of a set.
#[derive(Debug, Clone)]
pub struct MigrationFile {
    /// As discovered (how reports name it).
    pub path: PathBuf,
    /// What the runner reads: the file name, or `<folder>/<file>` for a
    /// runner with a folder per migration.
    pub name: String,
    pub naming: Naming,
    pub bytes: Vec<u8>,
}

impl MigrationFile {
    pub fn version(&self) -> Option<&Version> {
        match &self.naming {
            Naming::Migration(version, _) => Some(version),
            _ => None,
        }
    }

    pub fn direction(&self) -> Option<Direction> {
        match &self.naming {
            Naming::Migration(_, direction) => Some(*direction),
            _ => None,
        }
    }
}

/// A migrations folder: its files in the order its runner applies them.
#[derive(Debug, Clone)]
pub struct MigrationSet {
    pub dir: PathBuf,
    pub runner: Option<Runner>,
    pub detection: Detection,
    /// Up migrations in runner order, then down migrations in the same
    /// order, then the files the runner skips or refuses (in name order).
    pub files: Vec<MigrationFile>,
}

impl MigrationSet {
    /// The history: the up migrations, in the order they run.
    pub fn history(&self) -> impl Iterator<Item = &MigrationFile> {
        self.files
            .iter()
            .filter(|f| f.direction() == Some(Direction::Up))
    }

    pub fn downs(&self) -> impl Iterator<Item = &MigrationFile> {
        self.files
            .iter()
            .filter(|f| f.direction() == Some(Direction::Down))
    }

    /// "sqlx (from Cargo.toml)", "files in name order"…
    pub fn describe(&self) -> String {
        match (&self.runner, &self.detection) {
            (Some(runner), Detection::Configured) => format!("{} (configured)", runner.name()),
            (Some(runner), Detection::Manifest(path)) => {
                format!("{} (from {})", runner.name(), path.display())
            }
            (Some(runner), _) => format!("{} (from the layout)", runner.name()),
            (None, _) => "unknown runner: files in name order".to_string(),
        }
    }
}
