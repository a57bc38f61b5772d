//! `check --fix`, `--unsafe-fixes` and `--diff`: every file is fixed (or
//! its diff printed) before `check` lints it, so the report that follows
//! shows what remains.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::fix::write::write_atomically;
use crate::fix::{FixLevel, MAX_PASSES, fix_bytes_keeping};
use crate::lint::parts::{PART_BYTES, in_parts};
use crate::project::discover::unreadable;
use crate::report::baseline::Baseline;

use super::Run;

/// What `--fix` or `--diff` is asked to do.
#[derive(Debug, Clone, Copy)]
pub struct FixRequest<'a> {
    pub level: FixLevel,
    /// `--diff`: print what would change, write nothing.
    pub diff_only: bool,
    /// Findings it holds are left alone.
    pub baseline: Option<&'a Baseline>,
}

/// What a fixing run did, over every file.
#[derive(Debug, Default)]
pub struct FixRun {
    /// Findings fixed (or, with `--diff`, that would be).
    pub fixed: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Files that could not be read or written.
    pub problems: Vec<String>,
    /// Files left alone or not settled, said on standard error.
    pub notes: Vec<String>,
}

/// One file's outcome.
enum FileFix {
    Unchanged,
    Fixed {
        fixed: usize,
        diff: Option<String>,
        unsettled: bool,
    },
    /// Not fixed, and why (a file linted in parts).
    Refused(String),
    Failed(String),
}

/// Files fixed at once: their diffs are held until all are done.
const WINDOW: usize = 64;

/// Fixes `files` in parallel; with `--diff` writes their diffs to `out`, in order.
pub(super) fn fix_files(
    files: &[PathBuf],
    lint: &Run,
    request: FixRequest<'_>,
    pool: &rayon::ThreadPool,
    out: &mut dyn Write,
) -> Result<FixRun, String> {
    let mut run = FixRun::default();
    for window in files.chunks(WINDOW) {
        let outcomes: Vec<FileFix> = pool.install(|| {
            window
                .par_iter()
                .map(|path| fix_file(path, lint, request))
                .collect()
        });
        for (path, outcome) in window.iter().zip(outcomes) {
            match outcome {
                FileFix::Unchanged => {}
                FileFix::Fixed {
                    fixed,
                    diff,
                    unsettled,
                } => {
                    run.fixed += fixed;
                    run.files += 1;
                    if let Some(diff) = diff {
                        out.write_all(diff.as_bytes())
                            .map_err(|e| format!("cannot write the diff: {e}"))?;
                    }
                    if unsettled {
                        run.notes.push(format!(
                            "{}: fixes still changed the file after {MAX_PASSES} passes; run --fix again",
                            path.display()
                        ));
                    }
                }
                FileFix::Refused(note) => run.notes.push(note),
                FileFix::Failed(problem) => run.problems.push(problem),
            }
        }
    }
    Ok(run)
}

fn fix_file(path: &Path, lint: &Run, request: FixRequest<'_>) -> FileFix {
    if in_parts(path) {
        return FileFix::Refused(format!(
            "{}: not fixed: files over {} MB are linted in parts, and fixes are applied only to files read whole",
            path.display(),
            PART_BYTES >> 20
        ));
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return FileFix::Failed(unreadable(path, &e)),
    };
    let name = path.to_string_lossy();
    let leave = |report: &mut crate::lint::FileReport| {
        if let Some(baseline) = request.baseline {
            baseline.drop_baselined(report);
        }
    };
    let options = lint.for_file(path);
    let outcome = fix_bytes_keeping(&name, &bytes, &options, request.level, leave);
    if outcome.fixed == 0 || outcome.bytes == bytes {
        return FileFix::Unchanged;
    }
    let diff = if request.diff_only {
        Some(unified_diff(&name, &bytes, &outcome.bytes))
    } else if let Err(e) = write_atomically(path, &outcome.bytes) {
        return FileFix::Failed(format!(
            "{}: cannot write the fixed file: {}",
            path.display(),
            crate::project::discover::describe(&e)
        ));
    } else {
        None
    };
    FileFix::Fixed {
        fixed: outcome.fixed,
        diff,
        unsettled: outcome.unsettled,
    }
}

/// `git diff`'s layout (`a/` and `b/` prefixes, three lines of context), so
/// `git apply` or `patch -p1` takes it. Bytes that are not UTF-8 are shown as
/// U+FFFD (fixes never touch them).
fn unified_diff(name: &str, old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let name = name.strip_prefix("./").unwrap_or(name);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// The line `check --fix` ends with, or `--diff` says on standard error.
pub fn summary_line(run: &FixRun, request: FixRequest<'_>, remaining: Option<usize>) -> String {
    let findings = plural(run.fixed, "finding");
    let files = plural(run.files, "file");
    match remaining {
        _ if request.diff_only => format!("Would fix {findings} ({files})"),
        Some(1) => format!("Fixed {findings} ({files}); 1 remains"),
        Some(remaining) => format!("Fixed {findings} ({files}); {remaining} remain"),
        None => format!("Fixed {findings} ({files})"),
    }
}

pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
