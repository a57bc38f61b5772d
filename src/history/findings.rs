//! The set pass's findings, as the per-file lint reads them
//! (`LintOptions::set_findings`): data only, importing no pass and no rule.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::history::project_schemas::ProjectSchemas;

/// The set pass's findings by file path (as discovered), shared with the
/// workers that lint the files.
#[derive(Debug, Clone, Default)]
pub struct SetFindings(Arc<HashMap<String, Vec<Diagnostic>>>, ProjectSchemas);

impl SetFindings {
    /// The schemas the sets end with (for rules that ask what a column is).
    pub fn schemas(&self) -> &ProjectSchemas {
        &self.1
    }

    pub fn with_schemas(self, schemas: ProjectSchemas) -> SetFindings {
        SetFindings(self.0, schemas)
    }

    pub fn for_file(&self, path: &str) -> &[Diagnostic] {
        self.0.get(path).map_or(&[], Vec::as_slice)
    }

    /// Every path with findings (a deleted migration's among them).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn from_pairs(pairs: Vec<(PathBuf, Diagnostic)>) -> SetFindings {
        let mut map: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for (path, diagnostic) in pairs {
            map.entry(path.to_string_lossy().into_owned())
                .or_default()
                .push(diagnostic);
        }
        SetFindings(Arc::new(map), Default::default())
    }
}
