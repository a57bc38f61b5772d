//! The configuration's `[sqlite]` facts, apart from the configuration that
//! reads them: the set pass and the history rules (`rules::set_context`)
//! hand them around. Imports nothing.

/// `[sqlite]`: facts about the SQLite connections the application opens,
/// which decide whether some SQL behaves as on PostgreSQL. `None`: not said
/// (the set pass then takes the runner's default, `history::check::sqlite_facts`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteFacts {
    /// `foreign-keys = true`: every connection runs `PRAGMA foreign_keys = ON`.
    pub foreign_keys: Option<bool>,
}
