//! Baselines: `--write-baseline FILE` records today's findings, `--baseline
//! FILE` (or `baseline = "…"` in the configuration) reports only the others.
//!
//! A finding is recorded by its file and its SARIF fingerprint (the rule,
//! its statement's text and the flagged text, never a line number: moving a
//! statement keeps it baselined, editing it makes it new), with a count, so
//! a file with the same finding twice has two entries' worth and a third is new.
//! Paths are relative to the baseline file's folder, with `/`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::lint::FileReport;
use crate::project::config::normalize;
use crate::report::sarif::finding_fingerprint;

/// The version of the file's format; a reader refuses others.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    /// Sorted by path, rule and fingerprint: a baseline rewritten after
    /// the same run is the same file.
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    count: usize,
}

/// Where baseline paths are relative to, and how a report's path is written there.
#[derive(Debug, Clone)]
struct Paths {
    /// The baseline file's folder, absolute.
    root: PathBuf,
    /// The folder report paths are relative to (absolute).
    cwd: PathBuf,
}

impl Paths {
    fn new(baseline: &Path, cwd: &Path) -> Paths {
        let file = normalize(&cwd.join(baseline));
        Paths {
            root: file.parent().map(Path::to_path_buf).unwrap_or_default(),
            cwd: cwd.to_path_buf(),
        }
    }

    fn key(&self, report_path: &str) -> String {
        let absolute = normalize(&self.cwd.join(report_path));
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        relative.to_string_lossy().replace('\\', "/")
    }
}

/// A baseline read for a run: what is left of each entry as findings match it.
#[derive(Debug)]
pub struct Baseline {
    paths: Paths,
    /// (path, fingerprint) → how many findings the entry still hides.
    left: Mutex<HashMap<(String, String), usize>>,
    /// The paths whose reports were filtered (entries of files not linted
    /// this run are not stale: `--changed-since` or a narrower path left them out).
    seen: Mutex<HashSet<String>>,
    hidden: Mutex<usize>,
}

impl Baseline {
    /// Reads `path` (relative to `cwd`).
    pub fn load(path: &Path, cwd: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(cwd.join(path)).map_err(|e| {
            format!(
                "cannot read the baseline `{shown}`: {}",
                crate::project::discover::describe(&e)
            )
        })?;
        let version: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("`{shown}` is not a dal-audit baseline: {e}"))?;
        match version.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "`{shown}` is a baseline of version {v}; this dal-audit reads version {VERSION}"
                ));
            }
            None => {
                return Err(format!(
                    "`{shown}` is not a dal-audit baseline: no `version`"
                ));
            }
        }
        let file: BaselineFile = serde_json::from_value(version)
            .map_err(|e| format!("`{shown}` is not a dal-audit baseline: {e}"))?;
        let mut left = HashMap::new();
        for entry in file.findings {
            *left.entry((entry.path, entry.fingerprint)).or_default() += entry.count;
        }
        Ok(Baseline {
            paths: Paths::new(path, cwd),
            left: Mutex::new(left),
            seen: Mutex::default(),
            hidden: Mutex::default(),
        })
    }

    /// Drops the report's findings the baseline holds (each entry hides as
    /// many findings as its count). A large file's parts come in order.
    pub fn filter(&self, report: &mut FileReport) {
        let path = self.paths.key(&report.file.path);
        let mut left = self.left.lock().unwrap_or_else(PoisonError::into_inner);
        let hidden = retain_new(report, |fingerprint| {
            let entry = left.get_mut(&(path.clone(), fingerprint));
            entry
                .filter(|count| **count > 0)
                .map(|count| *count -= 1)
                .is_some()
        });
        drop(left);
        *self.hidden.lock().unwrap_or_else(PoisonError::into_inner) += hidden;
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.insert(path);
    }

    /// Drops the findings the baseline holds, as `filter` does, without
    /// using up its entries: `--fix` leaves baselined findings alone (they
    /// may be in migrations already applied, whose bytes a runner checks).
    pub fn drop_baselined(&self, report: &mut FileReport) {
        let path = self.paths.key(&report.file.path);
        let left = self.left.lock().unwrap_or_else(PoisonError::into_inner);
        let mut used: HashMap<String, usize> = HashMap::new();
        retain_new(report, |fingerprint| {
            let recorded = left.get(&(path.clone(), fingerprint.clone())).copied();
            let used = used.entry(fingerprint).or_default();
            let baselined = recorded.is_some_and(|count| *used < count);
            *used += usize::from(baselined);
            baselined
        });
    }

    /// Findings the baseline hid.
    pub fn hidden(&self) -> usize {
        *self.hidden.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Entries (counted as findings) that matched nothing in the files
    /// linted, or whose file no longer exists: fixed, or changed since.
    pub fn stale(&self) -> usize {
        let left = self.left.lock().unwrap_or_else(PoisonError::into_inner);
        let seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        left.iter()
            .filter(|((path, _), _)| seen.contains(path) || !self.paths.root.join(path).exists())
            .map(|(_, count)| count)
            .sum()
    }
}

/// Keeps the report's findings for which `baselined` (given each one's
/// fingerprint, in order) says no; returns how many it dropped.
fn retain_new(report: &mut FileReport, mut baselined: impl FnMut(String) -> bool) -> usize {
    let fingerprints: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| finding_fingerprint(report, d))
        .collect();
    let mut fingerprints = fingerprints.into_iter();
    let before = report.diagnostics.len();
    report
        .diagnostics
        .retain(|_| !baselined(fingerprints.next().unwrap_or_default()));
    before - report.diagnostics.len()
}

/// Collects a run's findings for `--write-baseline`.
#[derive(Debug)]
pub struct BaselineWriter {
    file: PathBuf,
    paths: Paths,
    /// (path, rule, fingerprint) → count.
    counts: Mutex<BTreeMap<(String, String, String), usize>>,
}

impl BaselineWriter {
    pub fn new(file: &Path, cwd: &Path) -> BaselineWriter {
        BaselineWriter {
            file: cwd.join(file),
            paths: Paths::new(file, cwd),
            counts: Mutex::default(),
        }
    }

    pub fn record(&self, report: &FileReport) {
        let path = self.paths.key(&report.file.path);
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        for d in &report.diagnostics {
            let key = (
                path.clone(),
                d.rule.to_string(),
                finding_fingerprint(report, d),
            );
            *counts.entry(key).or_default() += 1;
        }
    }

    /// Writes the file; returns how many findings it holds.
    pub fn write(self) -> Result<usize, String> {
        let counts = self
            .counts
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let recorded = counts.values().sum();
        let findings = counts
            .into_iter()
            .map(|((path, rule, fingerprint), count)| Entry {
                path,
                rule,
                fingerprint,
                count,
            })
            .collect();
        let file = BaselineFile {
            version: VERSION,
            findings,
        };
        let mut json = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        json.push('\n');
        std::fs::write(&self.file, json).map_err(|e| {
            format!(
                "cannot write the baseline `{}`: {}",
                self.file.display(),
                crate::project::discover::describe(&e)
            )
        })?;
        Ok(recorded)
    }
}
