//! The configuration each document is linted with: the nearest
//! `dal-audit.toml` (or Cargo.toml with a `dal-audit` table) from the
//! document's folder up, read by `Config::load` as `check` reads it from its
//! working directory. Loaded once per folder and forgotten when a
//! configuration file changes. A configuration that cannot be read is an
//! error to show, and the folder is linted with the defaults meanwhile.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::project::config::{Config, normalize};
use crate::server::lint::Settings;

/// A folder's settings, and why its configuration could not be read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub settings: Arc<Settings>,
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct Workspace {
    /// The client's workspace folders: where an unsaved buffer's configuration is looked for.
    pub roots: Vec<PathBuf>,
    by_folder: HashMap<PathBuf, Loaded>,
}

impl Workspace {
    pub fn new(roots: Vec<PathBuf>) -> Workspace {
        Workspace {
            roots,
            by_folder: HashMap::new(),
        }
    }

    /// The settings for documents in `folder`.
    pub fn settings_for(&mut self, folder: &Path) -> Loaded {
        let loaded = self
            .by_folder
            .entry(folder.to_path_buf())
            .or_insert_with(|| load(folder));
        loaded.clone()
    }

    /// The folder a document's configuration is looked for from: its own,
    /// or for an unsaved buffer the first workspace folder.
    pub fn folder_of(&self, path: Option<&Path>) -> PathBuf {
        match path.and_then(Path::parent) {
            Some(parent) => parent.to_path_buf(),
            None => {
                self.roots.first().cloned().unwrap_or_else(|| {
                    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
                })
            }
        }
    }

    /// A configuration file changed: every folder is read again when next linted.
    pub fn forget(&mut self) {
        self.by_folder.clear();
    }
}

fn load(folder: &Path) -> Loaded {
    match Config::load(None, folder) {
        Ok(config) => Loaded {
            settings: Arc::new(Settings::new(config)),
            error: None,
        },
        Err(error) => Loaded {
            settings: Arc::new(Settings::new(Config::defaults(folder))),
            error: Some(error),
        },
    }
}

/// Where a configuration error points, from its `path:line:column: message`
/// form (`Config::load` names the file relative to `folder`); `None` for an
/// error without a position (an unreadable file).
#[derive(Debug, PartialEq, Eq)]
pub struct ErrorLocation {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

pub fn error_location(error: &str, folder: &Path) -> Option<ErrorLocation> {
    // The path may itself hold `:`; the position is the first `:N:N: ` after it.
    error.match_indices(':').find_map(|(colon, _)| {
        let rest = &error[colon + 1..];
        let (line, rest) = rest.split_once(':')?;
        let (column, message) = rest.split_once(": ")?;
        let file = &error[..colon];
        if file.is_empty() {
            return None;
        }
        Some(ErrorLocation {
            file: normalize(&folder.join(file)),
            line: line.parse().ok()?,
            column: column.parse().ok()?,
            message: message.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configuration_error_is_located_in_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("db/migrations");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(
            dir.path().join("dal-audit.toml"),
            "targets = [\"sqlite>=3.35\"]\n[rules]\npragme = \"off\"\n",
        )
        .unwrap();
        let loaded = Workspace::default().settings_for(&nested);
        let error = loaded.error.expect("the unknown rule is an error");
        let location = error_location(&error, &nested).expect(&error);
        assert_eq!(location.file, dir.path().join("dal-audit.toml"));
        assert_eq!((location.line, location.column), (3, 1));
        assert!(
            location.message.starts_with("unknown rule `pragme`"),
            "{error}"
        );
        // Meanwhile the folder is linted with the defaults.
        assert!(loaded.settings.config.source.is_none());
    }

    #[test]
    fn paths_with_colons_and_errors_without_position() {
        let found = error_location("/w/a:b/dal-audit.toml:2:7: bad", Path::new("/")).unwrap();
        assert_eq!(found.file, PathBuf::from("/w/a:b/dal-audit.toml"));
        assert_eq!((found.line, found.column), (2, 7));
        assert_eq!(found.message, "bad");
        assert_eq!(
            error_location(
                "cannot read `dal-audit.toml`: permission denied",
                Path::new("/")
            ),
            None
        );
    }
}
