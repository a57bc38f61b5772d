//! `--changed-since REF`: the files added or modified since the merge-base of
//! REF and HEAD, so a pull request is judged on its own migrations only.
//! Uncommitted edits and new untracked files count as changed: that is what a
//! developer about to commit wants checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Canonical paths of the changed files that still exist.
pub fn changed_files(git_ref: &str, cwd: &Path) -> Result<HashSet<PathBuf>, String> {
    let (top, base) = merge_base("--changed-since", git_ref, cwd)?;
    let base = base.as_str();
    let modified = git(
        &top,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "--diff-filter=AM",
            "-z",
            base,
        ],
    )?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(modified
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|name| !name.is_empty())
        .filter_map(|name| top.join(name).canonicalize().ok())
        .collect())
}

/// The repository's top folder and the merge-base of `git_ref` and HEAD;
/// errors name `option` (`--changed-since`, `applied`).
pub(crate) fn merge_base(
    option: &str,
    git_ref: &str,
    cwd: &Path,
) -> Result<(PathBuf, String), String> {
    if git_ref.is_empty() || git_ref.starts_with('-') {
        return Err(format!("{option}: `{git_ref}` is not a git ref"));
    }
    let top = git(cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        format!(
            "{option} needs a git repository, and `{}` is not inside one ({e})",
            cwd.display()
        )
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{git_ref}^{{commit}}"),
        ],
    )
    .map_err(|_| unknown_ref(option, git_ref, &top))?;
    let base = git(&top, &["merge-base", git_ref, "HEAD"])
        .map_err(|e| format!("{option}: no merge-base of `{git_ref}` and HEAD ({e})"))?;
    Ok((top, base.trim().to_string()))
}

/// Names the branches the repository has, so the example given is one that
/// exists (`origin/main` is no help in a clone without that remote branch).
fn unknown_ref(option: &str, git_ref: &str, top: &Path) -> String {
    let listed = git(
        top,
        &[
            "for-each-ref",
            "--count=6",
            "--format=%(refname:short)",
            "refs/heads",
            "refs/remotes",
        ],
    )
    .unwrap_or_default();
    let branches: Vec<String> = listed
        .lines()
        .filter(|name| !name.is_empty() && *name != git_ref && !name.ends_with("/HEAD"))
        .take(5)
        .map(|name| format!("`{name}`"))
        .collect();
    if branches.is_empty() {
        return format!("{option}: unknown git ref `{git_ref}` (a branch, tag or commit)");
    }
    format!(
        "{option}: unknown git ref `{git_ref}` (a branch, tag or commit; branches here: {})",
        branches.join(", ")
    )
}

/// Runs git in `dir`; its stdout, or its first stderr line as the error.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        return String::from_utf8(output.stdout)
            .map_err(|_| "git printed a path that is not UTF-8".into());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(stderr
        .lines()
        .next()
        .unwrap_or("git failed")
        .trim()
        .to_string())
}
