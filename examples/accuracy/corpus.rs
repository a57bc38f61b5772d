//! Reads a labelled corpus (the format of `../shared/corpus/README.md`):
//! `labels.jsonl`, `files.jsonl` and `ENGINES.txt`.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

/// One executed statement and what each engine said about it.
#[derive(Debug, Deserialize)]
pub struct Label {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub sqlite_ok: bool,
    #[serde(default)]
    pub sqlite_error: Option<String>,
    pub pg_ok: bool,
    #[serde(default)]
    pub pg_error: Option<String>,
    #[serde(default)]
    pub sqlite_cascade: bool,
    #[serde(default)]
    pub pg_cascade: bool,
    #[serde(default)]
    pub sqlite_missing_prereq: bool,
    #[serde(default)]
    pub pg_missing_prereq: bool,
}

#[derive(Debug, Deserialize)]
struct FileMeta {
    file: String,
    #[serde(default)]
    down_section_start: Option<usize>,
}

pub struct Corpus {
    pub labels: Vec<Label>,
    /// Where each file's unexecuted Down section starts (goose, dbmate).
    pub down_section_start: HashMap<String, usize>,
    /// Target specs for the engines that produced `sqlite_ok` and `pg_ok`.
    pub engine_targets: Vec<String>,
}

pub fn read(dir: &Path) -> Result<Corpus, String> {
    let labels = read_jsonl::<Label>(&dir.join("labels.jsonl"))?;
    let files = read_jsonl::<FileMeta>(&dir.join("files.jsonl"))?;
    let down_section_start = files
        .into_iter()
        .filter_map(|f| Some((f.file, f.down_section_start?)))
        .collect();
    let engines_path = dir.join("ENGINES.txt");
    let engines = std::fs::read_to_string(&engines_path)
        .map_err(|e| format!("cannot read {}: {e}", engines_path.display()))?;
    Ok(Corpus {
        labels,
        down_section_start,
        engine_targets: engine_targets(&engines),
    })
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// `sqlite 3.40.1 (…) -> sqlite_ok/sqlite_error` becomes `sqlite>=3.40`;
/// `postgresql 15.18 (…) -> pg_ok/pg_error` becomes `postgres>=15.18`.
/// Lines for second opinions (`sqlite_recent_ok`) are not the labelled engines.
pub fn engine_targets(engines_txt: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in engines_txt.lines() {
        let Some((engine, labels)) = line.split_once("->") else {
            continue;
        };
        let name = match labels.trim().split('/').next() {
            Some("sqlite_ok") => "sqlite",
            Some("pg_ok") => "postgres",
            _ => continue,
        };
        let Some(version) = engine.split_whitespace().nth(1) else {
            continue;
        };
        let major_minor: Vec<&str> = version.split('.').take(2).collect();
        targets.push(format!("{name}>={}", major_minor.join(".")));
    }
    targets
}
