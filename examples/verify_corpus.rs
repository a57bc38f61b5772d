//! `verify`'s replay compared with the labelled corpus: every set of
//! `SETS.json`, in its order, replayed on embedded SQLite and in a scratch
//! PostgreSQL database as `dal-audit verify` replays (one transaction per
//! file, a savepoint per statement), then matched with `labels.jsonl`.
//!
//! ```sh
//! cargo run --release --example verify_corpus -- ../shared/corpus [--postgres URL] [--show 20]
//! ```
//! Prints, per engine: recall (root failures the replay also rejects) and
//! the statements the labels say ran that the replay rejected, with the
//! engine's message, so each disagreement can be explained.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dal_audit::engines::Database;
use dal_audit::engines::postgres::Server;
use dal_audit::engines::replay::{Outcome, replay};
use dal_audit::engines::sqlite::Sqlite;
use dal_audit::history::{Direction, MigrationFile, Naming, Version};
use serde_json::Value;

struct Label {
    start: usize,
    end: usize,
    ok: [bool; 2],
    root: [bool; 2],
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = PathBuf::from(args.first().map_or("../shared/corpus", String::as_str));
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let url =
        flag("--postgres").unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let show: usize = flag("--show").and_then(|s| s.parse().ok()).unwrap_or(20);
    let sets: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("SETS.json")).expect("SETS.json"),
    )
    .unwrap();
    let labels = read_labels(&corpus);
    let mut server = Server::connect(&url).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "SQLite {} (labels: 3.40.1), PostgreSQL {} (labels: 15)",
        Sqlite::version(),
        server.version().unwrap()
    );
    // [engine][caught, root failures, rejected-but-ran]
    let mut counts = [[0usize; 3]; 2];
    let mut disagreements: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for set in sets.as_array().unwrap() {
        let files: Vec<MigrationFile> = set["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let name = f.as_str().unwrap();
                let path = corpus.join(name);
                MigrationFile {
                    bytes: std::fs::read(&path).unwrap(),
                    path,
                    name: name.to_string(),
                    naming: Naming::Migration(Version::Number(0), Direction::Up),
                }
            })
            .collect();
        let history: Vec<&MigrationFile> = files.iter().collect();
        let mut sqlite = Sqlite::in_memory().unwrap();
        let on_sqlite = replay(&history, None, &mut sqlite, &mut || {});
        let mut scratch = server.scratch().unwrap_or_else(|e| panic!("{e}"));
        let on_postgres = replay(
            &history,
            None,
            &mut scratch as &mut dyn Database,
            &mut || {},
        );
        drop(scratch);
        for (engine, outcomes) in [(0, &on_sqlite.outcomes), (1, &on_postgres.outcomes)] {
            compare(
                &corpus,
                &files,
                outcomes,
                &labels,
                engine,
                &mut counts[engine],
                &mut disagreements[engine],
            );
        }
    }
    for (engine, name) in [(0, "SQLite"), (1, "PostgreSQL")] {
        let [caught, roots, wrong] = counts[engine];
        println!(
            "{name}: recall {caught}/{roots} = {:.1}% of root failures; {wrong} rejection(s) of statements the labels say ran",
            100.0 * caught as f64 / roots.max(1) as f64
        );
        for line in disagreements[engine].iter().take(show) {
            println!("  {line}");
        }
    }
}

fn read_labels(corpus: &Path) -> HashMap<String, Vec<Label>> {
    let mut labels: HashMap<String, Vec<Label>> = HashMap::new();
    for line in std::fs::read_to_string(corpus.join("labels.jsonl"))
        .unwrap()
        .lines()
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let flag = |k: &str| v[k].as_bool().unwrap_or(false);
        labels
            .entry(v["file"].as_str().unwrap().to_string())
            .or_default()
            .push(Label {
                start: v["start"].as_u64().unwrap() as usize,
                end: v["end"].as_u64().unwrap() as usize,
                ok: [flag("sqlite_ok"), flag("pg_ok")],
                root: [
                    !flag("sqlite_ok") && !flag("sqlite_cascade") && !flag("sqlite_missing_prereq"),
                    !flag("pg_ok") && !flag("pg_cascade") && !flag("pg_missing_prereq"),
                ],
            });
    }
    labels
}

fn compare(
    corpus: &Path,
    files: &[MigrationFile],
    outcomes: &[Outcome],
    labels: &HashMap<String, Vec<Label>>,
    engine: usize,
    counts: &mut [usize; 3],
    disagreements: &mut Vec<String>,
) {
    for file in files {
        let name = file
            .path
            .strip_prefix(corpus)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let failed: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.path == file.path && o.error.is_some())
            .collect();
        let overlaps = |l: &Label, o: &Outcome| o.span.start < l.end && l.start < o.span.end;
        for label in labels.get(&name).into_iter().flatten() {
            let rejected = failed.iter().find(|o| overlaps(label, o));
            if label.root[engine] {
                counts[1] += 1;
                if rejected.is_some() {
                    counts[0] += 1;
                }
            }
            if label.ok[engine]
                && let Some(outcome) = rejected
            {
                counts[2] += 1;
                let error = outcome.error.as_ref().unwrap();
                let text = String::from_utf8_lossy(
                    &file.bytes[label.start..label.end.min(file.bytes.len())],
                );
                let text: String = text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .take(90)
                    .collect();
                disagreements.push(format!(
                    "{name}@{}: {} ({}) `{text}`",
                    label.start,
                    error.message,
                    error.code.as_deref().unwrap_or("-")
                ));
            }
        }
    }
}
