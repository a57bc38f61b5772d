//! Executable docs: every rule page has the fixed headings, its Example fires
//! its rule and its Portable form lints clean (no diagnostic of any rule).

mod doc_pages;

use std::path::Path;

use dal_audit::project::targets::Targets;
use dal_audit::{Diagnostic, LintOptions, SourceFile, lint_source, rules};
use doc_pages::{Block, HEADINGS, Page, pages, parse_page};

fn lint(
    page: &Page,
    heading: &str,
    block: &Block,
    targets: &Targets,
) -> (SourceFile, Vec<Diagnostic>) {
    let options = LintOptions {
        targets: targets.clone(),
        ..LintOptions::default()
    };
    let name = page.describe(heading, block);
    let report = lint_source(SourceFile::new(name, block.code.as_str()), &options);
    (report.file, report.diagnostics)
}

fn show(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = file.line_col(d.span.start);
            format!(
                "    {} {} at {line}:{column} `{}`: {}",
                d.severity,
                d.rule,
                &file.text[d.span.clone()],
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails with every collected problem at once, so one run shows them all.
fn assert_none(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_page_reader_finds_sections_blocks_and_targets() {
    let page = parse_page(
        Path::new("rules/x.md"),
        "# x\n## What it flags\nA.\n## Example\n<!-- targets: sqlite>=3.20, postgres>=13 -->\n```sql\nSELECT 1;\n```\n```text\nnot run\n```\n## Fix\nNone.\n",
    );
    let headings: Vec<&str> = page.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["What it flags", "Example", "Fix"]);
    let targets = page.example_targets();
    assert_eq!(
        targets.min_version(dal_audit::Engine::Sqlite),
        Some(dal_audit::project::targets::Version::new(3, 20))
    );
    let sql = page.sql_blocks("Example");
    assert_eq!(sql.len(), 1, "the text block is not SQL");
    assert_eq!(sql[0].code, "SELECT 1;\n");
    assert_eq!(sql[0].line, 6);
}

#[test]
fn every_page_has_the_fixed_headings_in_order() {
    let mut failures = Vec::new();
    for page in pages() {
        let headings: Vec<&str> = page.sections.iter().map(|s| s.heading.as_str()).collect();
        if headings != HEADINGS {
            failures.push(format!(
                "{}: `##` headings are {headings:?}, expected exactly {HEADINGS:?}",
                page.path.display()
            ));
        }
    }
    assert_none(failures);
}

#[test]
fn every_page_documents_a_registered_rule() {
    let mut failures = Vec::new();
    for page in pages() {
        if rules::by_id(&page.id).is_none() {
            failures.push(format!(
                "{}: no rule with id `{}` is registered",
                page.path.display(),
                page.id
            ));
        }
    }
    assert_none(failures);
}

#[test]
fn every_why_names_the_engines_its_rule_targets() {
    let mut failures = Vec::new();
    for page in pages() {
        let Some(rule) = rules::by_id(&page.id) else {
            continue;
        };
        let why = page.section("Why").map_or("", |s| s.text.as_str());
        for engine in rule.targets {
            if !why.contains(engine.display_name()) {
                failures.push(format!(
                    "{}: `## Why` never names {}, which the rule says rejects or differs",
                    page.path.display(),
                    engine.display_name()
                ));
            }
        }
    }
    assert_none(failures);
}

#[test]
fn every_example_fires_its_rule() {
    let mut failures = Vec::new();
    for page in pages() {
        let Some(rule) = rules::by_id(&page.id) else {
            continue;
        };
        let blocks = page.sql_blocks("Example");
        // Input rules are about bytes a ```sql block cannot hold (invalid UTF-8).
        if blocks.is_empty() && rule.group != "input" {
            failures.push(format!(
                "{}: no ```sql block under `## Example`",
                page.path.display()
            ));
        }
        let targets = page.example_targets();
        for block in blocks {
            let (file, diagnostics) = lint(&page, "Example", block, &targets);
            if !diagnostics.iter().any(|d| d.rule == rule.id) {
                failures.push(format!(
                    "{}: `{}` does not fire (targets {}); found instead:\n{}",
                    page.describe("Example", block),
                    rule.id,
                    describe_targets(&targets),
                    non_empty(show(&file, &diagnostics))
                ));
            }
        }
    }
    assert_none(failures);
}

#[test]
fn every_portable_form_lints_clean() {
    let mut failures = Vec::new();
    for page in pages() {
        let blocks = page.sql_blocks("Portable form");
        if blocks.is_empty() {
            failures.push(format!(
                "{}: no ```sql block under `## Portable form`",
                page.path.display()
            ));
        }
        // Clean for the default targets and for the Example's (older) ones.
        let mut target_sets = vec![Targets::default()];
        if page.example_targets() != Targets::default() {
            target_sets.push(page.example_targets());
        }
        for block in blocks {
            for targets in &target_sets {
                let (file, diagnostics) = lint(&page, "Portable form", block, targets);
                if !diagnostics.is_empty() {
                    failures.push(format!(
                        "{}: must lint clean (targets {}) but has:\n{}",
                        page.describe("Portable form", block),
                        describe_targets(targets),
                        show(&file, &diagnostics)
                    ));
                }
            }
        }
    }
    assert_none(failures);
}

fn describe_targets(targets: &Targets) -> String {
    targets
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn non_empty(text: String) -> String {
    if text.is_empty() {
        "    (no diagnostics)".into()
    } else {
        text
    }
}
