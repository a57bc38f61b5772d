//! Which files a run lints: the paths given, directories walked for `*.sql`
//! and `*.rs` as ripgrep walks them (`.gitignore` respected, so `target/`
//! is never entered).

use std::path::{Path, PathBuf};

/// The files to lint (sorted, without duplicates) and the places that could not be read.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    /// One line each: what could not be walked and why.
    pub problems: Vec<String>,
}

/// A path that does not exist, or a folder without SQL or Rust, is an error for the
/// whole run: the user named it.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered, String> {
    let mut found = Discovered::default();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| {
            format!(
                "cannot read `{}`: {}; check the path",
                path.display(),
                describe(&e)
            )
        })?;
        if metadata.is_dir() {
            let before = found.files.len();
            walk(path, &mut found);
            // A wrong folder in a CI script must not pass as a clean run.
            if found.files.len() == before && found.problems.is_empty() {
                return Err(format!(
                    "nothing to lint in `{}`: it holds no `*.sql` or `*.rs` file; name the folder of the migrations or of the Rust sources (or the files)",
                    path.display()
                ));
            }
        } else if metadata.is_file() {
            // A file named explicitly is linted whatever its extension.
            found.files.push(path.clone());
        } else {
            // Reading a FIFO or a device could block forever.
            found.problems.push(format!(
                "`{}`: skipped, not a regular file or folder; name the SQL files or their folder",
                path.display()
            ));
        }
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

fn walk(dir: &Path, found: &mut Discovered) {
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        .hidden(false)
        // `.gitignore` is respected whether or not the folder is a git checkout.
        .require_git(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .sort_by_file_name(std::ffi::OsStr::cmp)
        .build();
    for entry in walker {
        match entry {
            Ok(entry)
                if entry.file_type().is_some_and(|t| t.is_file()) && is_linted(entry.path()) =>
            {
                found.files.push(entry.into_path())
            }
            Ok(_) => {}
            Err(error) => found.problems.push(walk_problem(&error)),
        }
    }
}

/// SQL files, and Rust files for the SQL of their database calls.
fn is_linted(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sql") || e.eq_ignore_ascii_case("rs"))
}

fn walk_problem(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { path, err } => {
            let inner = walk_problem(err);
            let reason = inner.strip_prefix("a folder: ").unwrap_or(&inner);
            format!("`{}`: {reason}", path.display())
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_problem(err)
        }
        ignore::Error::Loop { ancestor, child } => format!(
            "`{}`: skipped, a symbolic link that loops back to `{}`; remove the link, or name the folders to lint",
            child.display(),
            ancestor.display()
        ),
        ignore::Error::Io(e) => format!(
            "a folder: skipped, cannot read it ({}); make it readable, or remove it",
            describe(e)
        ),
        other => format!("a folder: skipped ({other}); fix it, or name the files to lint"),
    }
}

/// The one-line problem for a file that was found but could not be read.
pub fn unreadable(path: &Path, error: &std::io::Error) -> String {
    format!(
        "`{}`: skipped, cannot read it ({}); make it readable, or remove it",
        path.display(),
        describe(error)
    )
}

/// An I/O error in a few words, without the "(os error 2)" noise.
pub fn describe(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
