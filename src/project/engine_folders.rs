//! The engine a migrations folder is written for, read from its name.
//!
//! Projects that keep one history per engine name the folders after the
//! engines (`migrations/postgres`, `migrate/sqlite`, `atuin-server-postgres`,
//! `migrations_pg`). A file there runs on that engine only: what the other
//! engine would do with it is noise, and `dal-audit verify` compares the two
//! folders' schemas instead (`[[verify.split]]`). Only folder names count,
//! never file names: `0005_fix_postgres_sequences.sql` in a shared history
//! still runs on both engines.

use std::path::{Component, Path};

use crate::diagnostic::Engine;

/// The words of a folder name that name one engine.
const ENGINE_WORDS: [(&str, Engine); 6] = [
    ("postgres", Engine::Postgres),
    ("postgresql", Engine::Postgres),
    ("pg", Engine::Postgres),
    ("pgsql", Engine::Postgres),
    ("sqlite", Engine::Sqlite),
    ("sqlite3", Engine::Sqlite),
];

/// The engine the deepest folder of `path` that names exactly one engine is
/// written for. A folder naming both (`sqlite_to_postgres`) says nothing,
/// and neither do the folders above it.
pub fn engine_of_folder(path: &Path) -> Option<Engine> {
    let folders: Vec<&str> = path
        .parent()?
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    for folder in folders.iter().rev() {
        let mut named = folder
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter_map(engine_named);
        let Some(first) = named.next() else {
            continue;
        };
        return named.all(|other| other == first).then_some(first);
    }
    None
}

/// The files of one folder written in pairs, one per engine
/// (`0001_init_postgres.up.sql` beside `0001_init_sqlite.up.sql`): the
/// index of each such file in `names`, and its engine. A name is paired
/// when putting the other engine's word for its engine word gives a name
/// of `names`; an engine word alone (`0005_fix_postgres_sequences.sql`)
/// says nothing.
pub fn engine_pairs(names: &[&str]) -> Vec<(usize, Engine)> {
    let mut paired = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let words = name.split(|c: char| !c.is_ascii_alphanumeric());
        let mut start = 0;
        for word in words {
            let end = start + word.len();
            if let Some(engine) = engine_named(word) {
                let twin_exists = other_engine_words(engine).any(|other| {
                    let twin = format!("{}{other}{}", &name[..start], &name[end..]);
                    names.contains(&twin.as_str())
                });
                if twin_exists {
                    paired.push((index, engine));
                    break;
                }
            }
            start = end + 1;
        }
    }
    paired
}

fn other_engine_words(engine: Engine) -> impl Iterator<Item = &'static str> {
    ENGINE_WORDS
        .iter()
        .filter(move |(_, named)| *named != engine)
        .map(|(word, _)| *word)
}

fn engine_named(word: &str) -> Option<Engine> {
    ENGINE_WORDS
        .iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|(_, engine)| *engine)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(path: &str) -> Option<Engine> {
        engine_of_folder(Path::new(path))
    }

    #[test]
    fn a_folder_named_after_an_engine_names_it() {
        assert_eq!(
            engine("migrations/postgres/0001_init.sql"),
            Some(Engine::Postgres)
        );
        assert_eq!(
            engine("db/migrate/sqlite/0188.up.sql"),
            Some(Engine::Sqlite)
        );
        assert_eq!(
            engine("atuin-server-postgres/migrations/1_a.sql"),
            Some(Engine::Postgres)
        );
        assert_eq!(engine("migrations_PG/1_a.sql"), Some(Engine::Postgres));
        assert_eq!(
            engine("migrations/sqlite3/2024_a/up.sql"),
            Some(Engine::Sqlite)
        );
    }

    #[test]
    fn the_deepest_folder_that_names_an_engine_wins() {
        assert_eq!(
            engine("postgres-app/migrations/sqlite/1_a.sql"),
            Some(Engine::Sqlite)
        );
    }

    #[test]
    fn file_names_and_words_inside_words_name_nothing() {
        assert_eq!(engine("migrations/0005_fix_postgres_sequences.sql"), None);
        assert_eq!(engine("migrations/1_a.sql"), None);
        assert_eq!(engine("pgadmin/migrations/1_a.sql"), None);
        assert_eq!(engine("sqlitebrowser/1_a.sql"), None);
    }

    #[test]
    fn files_written_in_pairs_name_their_engines() {
        let names = [
            "0001_create_tables_postgres.up.sql",
            "0001_create_tables_sqlite.up.sql",
            "0002_webhooks_postgres.up.sql",
            "0002_webhooks_sqlite.up.sql",
            "0003_fix_postgres_sequences.sql",
        ];
        assert_eq!(
            engine_pairs(&names),
            [
                (0, Engine::Postgres),
                (1, Engine::Sqlite),
                (2, Engine::Postgres),
                (3, Engine::Sqlite)
            ]
        );
    }

    #[test]
    fn a_folder_naming_both_engines_names_neither() {
        assert_eq!(engine("postgres/sqlite_to_postgres/1_a.sql"), None);
    }
}
