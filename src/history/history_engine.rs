//! The engine a history is written for, read from the history itself: data
//! only (the set pass finds it, `check::history_engine`; the `history-engine`
//! rule reports it; `Config::file_options` narrows the set's files to it).
//!
//! A project on SQLite has run every migration of its history on SQLite, so
//! none of them holds a statement SQLite's parser rejects, save perhaps the
//! one being written, which is what dal-audit must flag. On the shared corpus
//! (54 histories, labelled by running every statement on both engines) no
//! statement of the 29 written for SQLite or for both engines is one SQLite's
//! parser rejects and PostgreSQL runs, while 23 of the 25 written for
//! PostgreSQL hold one. When the history's **first** migration
//! and at least one more hold one, the history is PostgreSQL's: what SQLite
//! would do with it is no question the project has. The first file alone
//! could be a new project's first draft; a second file is a history that
//! has run. The inference is never made the other way (a history that runs
//! on SQLite is what dal-audit checks for PostgreSQL), nor when the run's
//! targets are configured.

use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;

use crate::diagnostic::Engine;
use crate::history::set::MigrationSet;

/// A history found to be written for one engine, and the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEngine {
    pub engine: Engine,
    /// The first statement SQLite's parser rejects: its file and span.
    pub first_rejected: (PathBuf, Range<usize>),
    /// SQLite's message for it.
    pub sqlite_message: String,
    /// The later file that also holds one.
    pub confirmed_by: PathBuf,
}

/// Histories kept one per engine under the same migration names
/// (`riversqlite/migration/main/001_….up.sql` beside
/// `riverpgxv5/migration/main/001_….up.sql`, `migrations/hiqlite/1_init.sql`
/// beside `migrations/postgres/1_init.sql`): when one of two such sets is
/// known to be written for an engine (`known`: its folder's name, or its own
/// statements), the other is written for the other engine. Two sets are
/// such a pair when at least two names, and at least half of the smaller
/// history's, are in both. Returns each paired set's files and its engine.
pub fn sibling_histories(
    sets: &[MigrationSet],
    known: impl Fn(&MigrationSet) -> Option<Engine>,
) -> Vec<(Vec<PathBuf>, Engine)> {
    let known: Vec<Option<Engine>> = sets.iter().map(&known).collect();
    let names: Vec<HashSet<&str>> = sets
        .iter()
        .map(|set| set.history().map(|f| f.name.as_str()).collect())
        .collect();
    let mut found = Vec::new();
    for (index, set) in sets.iter().enumerate() {
        if known[index].is_some() {
            continue;
        }
        let sibling_engine = (0..sets.len()).find_map(|other| {
            let engine = known[other]?;
            let shared = names[index].intersection(&names[other]).count();
            let smaller = names[index].len().min(names[other].len());
            (shared >= 2 && shared * 2 >= smaller).then_some(engine)
        });
        if let Some(engine) = sibling_engine {
            let files = set.files.iter().map(|f| f.path.clone()).collect();
            found.push((files, engine.other()));
        }
    }
    found
}

/// The set's files written in pairs, one per engine, in one folder
/// (`0001_init_postgres.up.sql` beside `0001_init_sqlite.up.sql`:
/// `project::engine_folders::engine_pairs`), each with its engine.
pub fn paired_files(set: &MigrationSet) -> Vec<(Vec<PathBuf>, Engine)> {
    let names: Vec<String> = set
        .files
        .iter()
        .map(|f| {
            let name = f.path.file_name().unwrap_or_default();
            name.to_string_lossy().into_owned()
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::project::engine_folders::engine_pairs(&names)
        .into_iter()
        .map(|(index, engine)| (vec![set.files[index].path.clone()], engine))
        .collect()
}
