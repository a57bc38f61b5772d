//! Migration sets: a migrations folder is an ordered history, in the order
//! its runner applies it. `find_sets` groups the files a run found into
//! sets, names each set's runner (configured, detected from the project's
//! manifest, or read from the layout) and orders them; `check` runs the
//! `History` rules over each set (sets in parallel, a set's history in
//! order), and `schema` keeps the tables each set's history builds, before
//! the files are linted in parallel.

pub mod applied;
pub mod check;
pub mod detect;
pub mod findings;
pub mod history_engine;
pub mod names;
pub mod project_schemas;
pub mod relations;
pub mod runner;
pub mod schema;
pub mod set;
pub mod tables;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use runner::{Direction, Naming, Runner, Version};
pub use set::{Detection, MigrationFile, MigrationSet};

/// The set pass of `check`: the sets of `files` (every file discovered,
/// before `--changed-since` narrows what is linted), checked by the enabled
/// history rules. `applied_ref` is `--changed-since`'s ref, else the
/// configuration's `applied`.
pub fn set_pass(
    files: &[PathBuf],
    config: &crate::project::config::Config,
    cwd: &Path,
    changed_since: Option<&str>,
    options: &crate::lint::LintOptions,
) -> Result<findings::SetFindings, String> {
    let history_rules = options
        .rules
        .iter()
        .any(|r| r.kind == crate::rules::RuleKind::History);
    // Without history rules the sets are still walked for their final
    // schemas, which statement rules read; only the applied ref is not needed.
    let applied = match (changed_since, &config.applied) {
        _ if !history_rules => None,
        (Some(git_ref), _) => Some(applied::Applied::resolve("--changed-since", git_ref, cwd)?),
        (None, Some(git_ref)) => Some(applied::Applied::resolve("applied", git_ref, &config.root)?),
        (None, None) => None,
    };
    let sets = find_sets(files, config.runner);
    let named = |set: &MigrationSet| config.folder_engine(&set.files.first()?.path, cwd);
    let found = check::check_sets(
        &sets,
        &options.rules,
        &options.targets,
        applied.as_ref(),
        config.sqlite,
        !options.targets_given,
        &named,
    )?;
    let schemas = project_schemas::ProjectSchemas::new(found.schemas);
    let mut engines = found.engines;
    if !options.targets_given {
        let known = |set: &MigrationSet| {
            let first = set.files.first()?;
            // A set found whole (not a pair of files inside it).
            let inferred = engines
                .iter()
                .find(|(files, _)| files.len() == set.files.len() && files.contains(&first.path));
            inferred.map(|(_, engine)| *engine).or_else(|| named(set))
        };
        let siblings = history_engine::sibling_histories(&sets, known);
        engines.extend(siblings);
    }
    if config.engine_folders {
        // Read like folder names: configured targets do not turn them off.
        let whole = engines.len();
        for set in &sets {
            let found_whole = engines[..whole]
                .iter()
                .any(|(files, _)| set.files.first().is_some_and(|f| files.contains(&f.path)));
            if !found_whole {
                engines.extend(history_engine::paired_files(set));
            }
        }
    }
    Ok(findings::SetFindings::from_pairs(found.findings)
        .with_schemas(schemas)
        .with_engines(engines))
}

/// The names of down migrations when the runner is unknown.
fn looks_like_down(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".down.sql")
        || lower.ends_with("/down.sql")
        || lower.starts_with("u")
            && lower.contains("__")
            && lower[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// Groups `files` (as discovered) into sets, one per migrations folder, in
/// folder order. A file named `up.sql`, `down.sql` or `migration.sql` belongs
/// to its folder's parent (a folder per migration). Unreadable files are
/// left out: the lint reports them.
pub fn find_sets(files: &[PathBuf], configured: Option<Runner>) -> Vec<MigrationSet> {
    let mut folders: BTreeMap<PathBuf, Vec<(PathBuf, String)>> = BTreeMap::new();
    // Rust sources are linted for their SQL; migration sets stay what they
    // were before `check` read them (SQL files only).
    for path in files.iter().filter(|p| !crate::lint::rust::is_rust(p)) {
        let (dir, name) = set_member(path);
        folders.entry(dir).or_default().push((path.clone(), name));
    }
    folders
        .into_iter()
        .map(|(dir, members)| build_set(dir, members, configured))
        .collect()
}

fn set_member(path: &Path) -> (PathBuf, String) {
    let parent = path.parent().unwrap_or(Path::new(""));
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let per_migration = matches!(file_name.as_str(), "up.sql" | "down.sql" | "migration.sql");
    if per_migration
        && let (Some(grandparent), Some(folder)) = (parent.parent(), parent.file_name())
    {
        let name = format!("{}/{file_name}", folder.to_string_lossy());
        return (grandparent.to_path_buf(), name);
    }
    (parent.to_path_buf(), file_name)
}

fn build_set(
    dir: PathBuf,
    members: Vec<(PathBuf, String)>,
    configured: Option<Runner>,
) -> MigrationSet {
    let members: Vec<(PathBuf, String, Vec<u8>)> = members
        .into_iter()
        .filter_map(|(path, name)| std::fs::read(&path).ok().map(|b| (path, name, b)))
        .collect();
    let (runner, detection) = match configured {
        Some(runner) => (Some(runner), Detection::Configured),
        None => detect::runner(&dir, &members),
    };
    let journal = (runner == Some(Runner::Drizzle))
        .then(|| detect::drizzle_journal(&dir))
        .flatten();
    let mut files: Vec<MigrationFile> = members
        .into_iter()
        .map(|(path, name, bytes)| {
            let naming = match (runner, &journal) {
                (Some(Runner::Drizzle), Some(journal)) => journal_naming(journal, &name),
                (Some(runner), _) => runner.naming(&name),
                (None, _) if looks_like_down(&name) => {
                    Naming::Migration(Version::Number(0), Direction::Down)
                }
                (None, _) => Naming::Migration(Version::Number(0), Direction::Up),
            };
            MigrationFile {
                path,
                name,
                naming,
                bytes,
            }
        })
        .collect();
    files.sort_by(|a, b| {
        order_key(a)
            .cmp(&order_key(b))
            .then_with(|| runner::natural_cmp(&a.name, &b.name))
    });
    MigrationSet {
        dir,
        runner,
        detection,
        files,
    }
}

/// Ups, then downs, then skipped and refused names; by version within each
/// (an unknown runner's files all have version 0: name order decides).
fn order_key(file: &MigrationFile) -> (u8, Option<&Version>) {
    match &file.naming {
        Naming::Migration(version, Direction::Up) => (0, Some(version)),
        Naming::Migration(version, Direction::Down) => (1, Some(version)),
        Naming::Skipped | Naming::Refused(_) => (2, None),
    }
}

fn journal_naming(journal: &[String], name: &str) -> Naming {
    let tag = name.strip_suffix(".sql").unwrap_or(name);
    match journal.iter().position(|t| t == tag) {
        Some(index) => Naming::Migration(Version::Number(index as i64), Direction::Up),
        None => Naming::Skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            if name.ends_with(".sql") {
                paths.push(path);
            }
        }
        paths.sort();
        (dir, paths)
    }

    fn names(set: &MigrationSet) -> Vec<&str> {
        set.history().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn sqlx_from_the_manifest_orders_by_version_and_keeps_downs_apart() {
        let (_dir, files) = tree(&[
            (
                "Cargo.toml",
                "[package]\nname = \"app\"\n[dependencies]\nsqlx = { version = \"0.8\", features = [\"sqlite\"] }\n",
            ),
            ("migrations/10_c.up.sql", ""),
            ("migrations/10_c.down.sql", ""),
            ("migrations/9_b.up.sql", ""),
            ("migrations/0001-skipped.sql", ""),
        ]);
        let sets = find_sets(&files, None);
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].runner, Some(Runner::Sqlx));
        assert!(matches!(sets[0].detection, Detection::Manifest(_)));
        assert_eq!(names(&sets[0]), ["9_b.up.sql", "10_c.up.sql"]);
        assert_eq!(sets[0].downs().count(), 1);
        assert_eq!(sets[0].files.last().unwrap().naming, Naming::Skipped);
    }

    #[test]
    fn layouts_name_their_runner() {
        let (_dir, files) = tree(&[
            ("d/2017-09-26-151545_b/up.sql", ""),
            ("d/20170816164352_a/up.sql", ""),
            ("d/20170816164352_a/down.sql", ""),
            ("g/00002_b.sql", "-- +goose Up\nSELECT 1;\n"),
            ("g/00010_c.sql", "-- +goose Up\nSELECT 1;\n"),
            ("r/V10__b.sql", ""),
            ("r/V9__a.sql", ""),
            ("u/b10.sql", ""),
            ("u/b9.sql", ""),
        ]);
        let sets = find_sets(&files, None);
        let runners: Vec<_> = sets.iter().map(|s| s.runner).collect();
        assert_eq!(
            runners,
            [
                Some(Runner::Diesel),
                Some(Runner::Goose),
                Some(Runner::Refinery),
                None
            ]
        );
        assert_eq!(
            names(&sets[0]),
            ["20170816164352_a/up.sql", "2017-09-26-151545_b/up.sql"]
        );
        assert_eq!(names(&sets[1]), ["00002_b.sql", "00010_c.sql"]);
        assert_eq!(names(&sets[2]), ["V9__a.sql", "V10__b.sql"]);
        assert_eq!(names(&sets[3]), ["b9.sql", "b10.sql"]);
    }

    #[test]
    fn a_drizzle_journal_gives_the_order() {
        let (_dir, files) = tree(&[
            (
                "drizzle/meta/_journal.json",
                r#"{"entries":[{"idx":0,"tag":"0001_b"},{"idx":1,"tag":"0000_a"}]}"#,
            ),
            ("drizzle/0000_a.sql", ""),
            ("drizzle/0001_b.sql", ""),
            ("drizzle/0002_not_journaled.sql", ""),
        ]);
        let sets = find_sets(&files, None);
        assert_eq!(sets[0].runner, Some(Runner::Drizzle));
        assert_eq!(names(&sets[0]), ["0001_b.sql", "0000_a.sql"]);
        assert_eq!(sets[0].files[2].naming, Naming::Skipped);
    }
}
