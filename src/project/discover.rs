//! Which files a run lints: the paths given, directories walked for `*.sql`.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The files to lint (sorted, without duplicates) and the places that could not be read.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    /// One line each: what could not be walked and why.
    pub problems: Vec<String>,
}

/// A path that does not exist, or a folder without SQL, is an error for the
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
                    "nothing to lint in `{}`: it holds no `*.sql` file; name the folder of the migrations (or the SQL files)",
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
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_sql(entry.path()) => {
                found.files.push(entry.into_path())
            }
            Ok(_) => {}
            Err(error) => found.problems.push(walk_problem(&error)),
        }
    }
}

fn is_sql(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sql"))
}

fn walk_problem(error: &walkdir::Error) -> String {
    let path = error
        .path()
        .map_or_else(|| "a folder".to_string(), |p| format!("`{}`", p.display()));
    if let Some(ancestor) = error.loop_ancestor() {
        return format!(
            "{path}: skipped, a symbolic link that loops back to `{}`; remove the link, or name the folders to lint",
            ancestor.display()
        );
    }
    let reason = error.io_error().map_or_else(|| error.to_string(), describe);
    format!("{path}: skipped, cannot read it ({reason}); make it readable, or remove it")
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
