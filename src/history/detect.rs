//! Which runner applies a migrations folder: a dependency in the project's
//! manifest (the nearest Cargo.toml, go.mod or package.json above the
//! folder that names one), else what the folder's layout shows. A runner
//! is only taken when the folder's files are migrations by its naming.

use std::ops::{ControlFlow, Range};
use std::path::{Path, PathBuf};

use crate::history::runner::{Naming, Runner};
use crate::history::set::{Detection, MigrationFile};
use crate::sources::file::SourceFile;
use crate::syntax::lexer::Token;
use crate::syntax::stream::{StreamEnd, for_each_statement_until};

/// The runner of the folder `dir` holding `members` (path, name, bytes).
pub fn runner(dir: &Path, members: &[(PathBuf, String, Vec<u8>)]) -> (Option<Runner>, Detection) {
    let fits = |runner: Runner| {
        members
            .iter()
            .any(|(_, name, _)| matches!(runner.naming(name), Naming::Migration(..)))
    };
    if let Some((runner, manifest)) = from_manifests(dir)
        && fits(runner)
    {
        return (Some(runner), Detection::Manifest(manifest));
    }
    match from_layout(dir, members) {
        Some(runner) if fits(runner) => (Some(runner), Detection::Layout),
        _ => (None, Detection::Unknown),
    }
}

/// Reads a manifest's text (in its folder) for a runner it depends on.
type ManifestReader = fn(&str, &Path) -> Option<Runner>;

/// The nearest manifest above `dir` that names a runner, up to the
/// repository's top (the folder holding `.git`).
fn from_manifests(dir: &Path) -> Option<(Runner, PathBuf)> {
    let absolute = std::path::absolute(dir).ok()?;
    for folder in absolute.ancestors() {
        let readers: [(&str, ManifestReader); 3] = [
            ("Cargo.toml", cargo_runner),
            ("go.mod", go_runner),
            ("package.json", node_runner),
        ];
        for (file, reader) in readers {
            let path = folder.join(file);
            if let Ok(text) = std::fs::read_to_string(&path)
                && let Some(runner) = reader(&text, folder)
            {
                return Some((runner, path));
            }
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    None
}

/// sqlx with its `migrate` feature (on by default), or `sqlx::migrate!` in
/// the crate's sources; diesel's or refinery's migration crates.
fn cargo_runner(text: &str, folder: &Path) -> Option<Runner> {
    let manifest: toml::Table = toml::from_str(text).ok()?;
    let tables = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut dependencies: Vec<(&String, &toml::Value)> = tables
        .iter()
        .filter_map(|t| manifest.get(*t)?.as_table())
        .flatten()
        .collect();
    let workspace = manifest
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    dependencies.extend(workspace.into_iter().flatten());
    let named = |name: &str| dependencies.iter().find(|(n, _)| n.as_str() == name);
    if let Some((_, spec)) = named("sqlx")
        && (sqlx_migrates(spec) || sources_call_migrate(folder))
    {
        return Some(Runner::Sqlx);
    }
    if named("diesel_migrations").is_some() {
        return Some(Runner::Diesel);
    }
    if named("refinery").is_some() {
        return Some(Runner::Refinery);
    }
    None
}

fn sqlx_migrates(spec: &toml::Value) -> bool {
    let Some(table) = spec.as_table() else {
        return true; // `sqlx = "0.8"`: default features, `migrate` among them
    };
    let features = table.get("features").and_then(|f| f.as_array());
    let has_migrate = features.is_some_and(|f| f.iter().any(|v| v.as_str() == Some("migrate")));
    let defaults = table.get("default-features").and_then(|d| d.as_bool()) != Some(false);
    has_migrate || defaults
}

/// Whether a `.rs` file under `folder/src` invokes `migrate!` (sqlx's macro,
/// which embeds a migrations folder). A text search suffices: this only
/// decides which runner's layout to read, it is not a finding.
fn sources_call_migrate(folder: &Path) -> bool {
    walkdir::WalkDir::new(folder.join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("migrate!")))
}

fn go_runner(text: &str, _: &Path) -> Option<Runner> {
    let modules = [
        ("github.com/golang-migrate/migrate", Runner::GolangMigrate),
        ("github.com/pressly/goose", Runner::Goose),
        ("github.com/amacneil/dbmate", Runner::Dbmate),
        ("github.com/rubenv/sql-migrate", Runner::SqlMigrate),
    ];
    modules
        .into_iter()
        .find(|(module, _)| text.contains(module))
        .map(|(_, runner)| runner)
}

fn node_runner(text: &str, _: &Path) -> Option<Runner> {
    let package: serde_json::Value = serde_json::from_str(text).ok()?;
    let has = |name: &str| {
        ["dependencies", "devDependencies"]
            .iter()
            .any(|t| package.get(t).and_then(|d| d.get(name)).is_some())
    };
    if has("drizzle-kit") || has("drizzle-orm") {
        Some(Runner::Drizzle)
    } else if has("prisma") || has("@prisma/client") {
        Some(Runner::Prisma)
    } else {
        None
    }
}

/// What the folder's own layout says.
fn from_layout(dir: &Path, members: &[(PathBuf, String, Vec<u8>)]) -> Option<Runner> {
    let names = || members.iter().map(|(_, name, _)| name.as_str());
    if names().any(|n| n.ends_with("/up.sql")) {
        return Some(Runner::Diesel);
    }
    if names().any(|n| n.ends_with("/migration.sql")) {
        return Some(Runner::Prisma);
    }
    if dir.join("meta/_journal.json").is_file() {
        return Some(Runner::Drizzle);
    }
    let markers = [
        ("+goose up", Runner::Goose),
        ("migrate:up", Runner::Dbmate),
        ("+migrate up", Runner::SqlMigrate),
    ];
    for (marker, runner) in markers {
        if members
            .iter()
            .any(|(_, _, bytes)| has_marker(bytes, marker))
        {
            return Some(runner);
        }
    }
    if names().all(|n| matches!(Runner::Refinery.naming(n), Naming::Migration(..))) {
        return Some(Runner::Refinery);
    }
    None
}

/// A line comment `-- <marker>…` (ASCII case-insensitive), as goose, dbmate
/// and sql-migrate read their section markers.
pub fn has_marker(bytes: &[u8], marker: &str) -> bool {
    section_markers(bytes).any(|(_, text)| text.to_ascii_lowercase().starts_with(marker))
}

/// Each line `-- text` of the file: its offset and its text after `--`, trimmed.
pub fn section_markers(bytes: &[u8]) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut offset = 0;
    bytes.split(|&b| b == b'\n').filter_map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim_ascii_start();
        let rest = trimmed.strip_prefix(b"--")?;
        Some((
            start,
            String::from_utf8_lossy(rest.trim_ascii()).into_owned(),
        ))
    })
}

/// The tags of `meta/_journal.json` in journal order.
pub fn drizzle_journal(dir: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dir.join("meta/_journal.json")).ok()?;
    let journal: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mut entries: Vec<(i64, String)> = journal
        .get("entries")?
        .as_array()?
        .iter()
        .filter_map(|e| Some((e.get("idx")?.as_i64()?, e.get("tag")?.as_str()?.to_string())))
        .collect();
    entries.sort();
    Some(entries.into_iter().map(|(_, tag)| tag).collect())
}

/// Where a file's up section ends: at its first down marker (goose
/// `-- +goose Down`, dbmate `-- migrate:down`, sql-migrate `-- +migrate Down`).
pub fn up_section_end(bytes: &[u8]) -> usize {
    section_markers(bytes)
        .find(|(_, text)| {
            let text = text.to_ascii_lowercase();
            ["+goose down", "migrate:down", "+migrate down"]
                .iter()
                .any(|m| text.starts_with(m))
        })
        .map_or(bytes.len(), |(offset, _)| offset)
}

/// Runs `f` on each statement of `file`'s up section, in order, with the
/// file's text, the statement's tokens and its span: how the set pass, the
/// history rules and `verify`'s replay all read a migration.
pub fn for_each_up_statement(
    file: &MigrationFile,
    mut f: impl FnMut(&SourceFile, &[Token], Range<usize>),
) {
    for_each_up_statement_until(file, |source, tokens, span| {
        f(source, tokens, span);
        ControlFlow::Continue(())
    });
}

/// `for_each_up_statement` until `f` breaks: the rest is not lexed.
pub fn for_each_up_statement_until(
    file: &MigrationFile,
    mut f: impl FnMut(&SourceFile, &[Token], Range<usize>) -> ControlFlow<()>,
) {
    let (source, up) = up_section(file);
    let dialect = crate::syntax::dialect::lint_dialect();
    for_each_statement_until(
        &source,
        up,
        dialect,
        StreamEnd::File,
        |tokens, statement, _| {
            f(
                &source,
                &tokens[statement.tokens.clone()],
                statement.span.clone(),
            )
        },
    );
}

/// A migration file read as text, and the byte range its history is: its up
/// section, after a byte-order mark (what the runner runs).
pub fn up_section(file: &MigrationFile) -> (SourceFile, Range<usize>) {
    let decoded = crate::sources::input::decode(&file.bytes);
    let source = SourceFile::new(file.path.to_string_lossy(), decoded.text);
    let start = if source.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let end = up_section_end(&file.bytes).max(start);
    (source, start..end)
}
