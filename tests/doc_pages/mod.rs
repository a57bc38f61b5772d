//! The rule pages (`rules/<rule-id>.md`) as the executable-docs and engine
//! tests read them: fixed `##` headings, fenced code blocks per section, and
//! an optional `<!-- targets: … -->` line under `## Example`.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use dal_audit::project::targets::Targets;

/// The headings every page has, in this order and no others.
pub const HEADINGS: [&str; 5] = ["What it flags", "Why", "Example", "Portable form", "Fix"];

/// A fenced code block.
#[derive(Debug, Clone)]
pub struct Block {
    /// The info string after the opening fence (`sql`, `text`).
    pub lang: String,
    pub code: String,
    /// 1-based line of the opening fence.
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Section {
    pub heading: String,
    pub line: usize,
    /// Target specs from a `<!-- targets: … -->` line.
    pub targets: Option<Vec<String>>,
    /// The prose (and ```text blocks), without ```sql blocks.
    pub text: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub struct Page {
    pub id: String,
    pub path: PathBuf,
    pub sections: Vec<Section>,
}

impl Page {
    pub fn section(&self, heading: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.heading == heading)
    }

    /// The ```sql blocks of a section (```text and others are not run).
    pub fn sql_blocks(&self, heading: &str) -> Vec<&Block> {
        self.section(heading)
            .map(|s| s.blocks.iter().filter(|b| b.lang == "sql").collect())
            .unwrap_or_default()
    }

    /// The targets the Example is linted with: the page's own, else the defaults.
    pub fn example_targets(&self) -> Targets {
        match self.section("Example").and_then(|s| s.targets.as_ref()) {
            Some(specs) => Targets::parse(specs)
                .unwrap_or_else(|e| panic!("{}: bad targets line: {e}", self.path.display())),
            None => Targets::default(),
        }
    }

    /// `rules/pragma.md, Example block 1 (line 12)`.
    pub fn describe(&self, heading: &str, block: &Block) -> String {
        let index = self
            .sql_blocks(heading)
            .iter()
            .position(|b| b.line == block.line)
            .map_or(0, |i| i + 1);
        format!(
            "{}, {heading} block {index} (line {})",
            self.path.display(),
            block.line
        )
    }
}

pub fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// Every page under `rules/`, sorted by id.
pub fn pages() -> Vec<Page> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(rules_dir())
        .expect("rules/ is readable")
        .map(|entry| entry.expect("rules/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            parse_page(&path, &text)
        })
        .collect()
}

pub fn parse_page(path: &Path, text: &str) -> Page {
    let id = path
        .file_stem()
        .expect("a page has a name")
        .to_string_lossy()
        .into_owned();
    let relative = path
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(path)
        .to_path_buf();
    let mut sections: Vec<Section> = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(block) = open.as_mut() {
            if trimmed.starts_with("```") {
                let block = open.take().expect("open block");
                if let Some(section) = sections.last_mut() {
                    if block.lang != "sql" {
                        section.text.push_str(&block.code);
                    }
                    section.blocks.push(block);
                }
            } else {
                block.code.push_str(line);
                block.code.push('\n');
            }
        } else if let Some(info) = trimmed.strip_prefix("```") {
            open = Some(Block {
                lang: info.trim().to_ascii_lowercase(),
                code: String::new(),
                line: i + 1,
            });
        } else if let Some(heading) = line.strip_prefix("## ") {
            sections.push(Section {
                heading: heading.trim().to_string(),
                line: i + 1,
                ..Section::default()
            });
        } else if let Some(section) = sections.last_mut() {
            match targets_comment(trimmed) {
                Some(specs) => section.targets = Some(specs),
                None => {
                    section.text.push_str(line);
                    section.text.push('\n');
                }
            }
        }
    }
    assert!(
        open.is_none(),
        "{}: a code block is never closed",
        relative.display()
    );
    Page {
        id,
        path: relative,
        sections,
    }
}

/// `<!-- targets: sqlite>=3.20, postgres>=13 -->` → `["sqlite>=3.20", "postgres>=13"]`.
fn targets_comment(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let specs = inner.strip_prefix("targets:")?;
    Some(
        specs
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}
