//! The set pass's findings, as the per-file lint reads them
//! (`LintOptions::set_findings`): data only, importing no pass and no rule.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Engine};
use crate::history::project_schemas::ProjectSchemas;

/// The set pass's findings by file path (as discovered), shared with the
/// workers that lint the files, with what the pass learnt of the sets: the
/// schemas they end with, and the engine a history is written for.
#[derive(Debug, Clone, Default)]
pub struct SetFindings {
    by_path: Arc<HashMap<String, Vec<Diagnostic>>>,
    schemas: ProjectSchemas,
    engines: Arc<HashMap<String, Engine>>,
}

impl SetFindings {
    /// The schemas the sets end with (for rules that ask what a column is).
    pub fn schemas(&self) -> &ProjectSchemas {
        &self.schemas
    }

    pub fn with_schemas(self, schemas: ProjectSchemas) -> SetFindings {
        SetFindings { schemas, ..self }
    }

    /// `engines`: the files of each history written for one engine
    /// (`history::history_engine`), and that engine.
    pub fn with_engines(self, engines: Vec<(Vec<PathBuf>, Engine)>) -> SetFindings {
        let by_file = engines.into_iter().flat_map(|(files, engine)| {
            files
                .into_iter()
                .map(move |f| (f.to_string_lossy().into_owned(), engine))
        });
        SetFindings {
            engines: Arc::new(by_file.collect()),
            ..self
        }
    }

    /// The engine the history `path` belongs to is written for, when the
    /// set pass found it.
    pub fn engine_of(&self, path: &str) -> Option<Engine> {
        self.engines.get(path).copied()
    }

    pub fn for_file(&self, path: &str) -> &[Diagnostic] {
        self.by_path.get(path).map_or(&[], Vec::as_slice)
    }

    /// Every path with findings (a deleted migration's among them).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    pub fn from_pairs(pairs: Vec<(PathBuf, Diagnostic)>) -> SetFindings {
        let mut map: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for (path, diagnostic) in pairs {
            map.entry(path.to_string_lossy().into_owned())
                .or_default()
                .push(diagnostic);
        }
        SetFindings {
            by_path: Arc::new(map),
            ..SetFindings::default()
        }
    }
}
