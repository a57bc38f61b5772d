//! Applied migrations: those present at a git ref (`--changed-since REF`
//! or `applied = "REF"`), compared with the working tree. sqlx checksums
//! every applied file and refuses to run when one changed or went missing.

use std::path::{Path, PathBuf};

use crate::project::changed::{git, merge_base};

/// What happened since the ref to a file that was there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Modified,
    Deleted,
}

/// The ref migrations were applied at, resolved to the merge-base with HEAD
/// (what the branch started from: later commits on the ref are not its work).
#[derive(Debug, Clone)]
pub struct Applied {
    pub git_ref: String,
    top: PathBuf,
    base: String,
}

impl Applied {
    /// `option` names where the ref came from, for error messages.
    pub fn resolve(option: &str, git_ref: &str, cwd: &Path) -> Result<Applied, String> {
        let (top, base) = merge_base(option, git_ref, cwd)?;
        Ok(Applied {
            git_ref: git_ref.to_string(),
            top,
            base,
        })
    }

    /// The files of folder `dir` that existed at the ref and have since been
    /// modified or deleted (uncommitted changes included), as names relative
    /// to `dir` (`1_init.sql`, `2024-01-01-000000_x/up.sql`).
    pub fn changes(&self, dir: &Path) -> Result<Vec<(String, Change)>, String> {
        let absolute = std::path::absolute(dir).map_err(|e| e.to_string())?;
        let absolute = absolute.canonicalize().unwrap_or(absolute);
        let top = self.top.canonicalize().unwrap_or_else(|_| self.top.clone());
        let Ok(inside) = absolute.strip_prefix(&top) else {
            return Ok(Vec::new()); // not in the repository: nothing was applied from git
        };
        let prefix = inside.to_string_lossy().replace('\\', "/");
        let pathspec = if prefix.is_empty() {
            ".".to_string()
        } else {
            prefix.clone()
        };
        let listed = git(
            &self.top,
            &[
                "diff",
                "--name-status",
                "--no-renames",
                "-z",
                &self.base,
                "--",
                &pathspec,
            ],
        )?;
        let mut fields = listed.split('\0').filter(|f| !f.is_empty());
        let mut changes = Vec::new();
        while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
            let change = match status {
                "M" | "T" => Change::Modified,
                "D" => Change::Deleted,
                _ => continue,
            };
            let relative = if prefix.is_empty() {
                path
            } else {
                match path
                    .strip_prefix(prefix.as_str())
                    .and_then(|p| p.strip_prefix('/'))
                {
                    Some(relative) => relative,
                    None => continue,
                }
            };
            changes.push((relative.to_string(), change));
        }
        Ok(changes)
    }
}
