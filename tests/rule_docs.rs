//! Executable docs: every rule page has the fixed headings, its Example fires
//! its rule and its Portable form lints clean (no diagnostic of any rule).

mod doc_pages;

use std::path::Path;

use dal_audit::project::targets::Targets;
use dal_audit::rules::RuleKind;
use dal_audit::{Diagnostic, LintOptions, SourceFile, lint_source, rules};
use doc_pages::{Block, HEADINGS, Page, pages, parse_page};

fn lint(
    page: &Page,
    heading: &str,
    block: &Block,
    targets: &Targets,
) -> (SourceFile, Vec<Diagnostic>) {
    let mut options = LintOptions {
        targets: targets.clone(),
        ..LintOptions::default()
    };
    // An opt-in rule runs on its own page, as `--extend-select` runs it.
    if let Some(rule) = rules::by_id(&page.id).filter(|rule| rule.opt_in) {
        options.rules.push(rule);
    }
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
        if rule.kind == RuleKind::History {
            continue; // a file tree: `history_examples_fire_in_their_file_trees`
        }
        if rule.kind == RuleKind::Engine {
            continue; // replayed by `tests/verify.rs`: `engine_rule_pages_hold_on_the_engines`
        }
        if rule.kind == RuleKind::Rust {
            continue; // Rust code: `rust_examples_fire_and_portable_forms_are_clean`
        }
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
        if rules::by_id(&page.id).is_some_and(|r| r.kind == RuleKind::History) {
            continue; // a file tree: `history_portable_forms_lint_clean`
        }
        if rules::by_id(&page.id).is_some_and(|r| r.kind == RuleKind::Engine) {
            continue; // replayed by `tests/verify.rs`: `engine_rule_pages_hold_on_the_engines`
        }
        if rules::by_id(&page.id).is_some_and(|r| r.kind == RuleKind::Rust) {
            continue; // Rust code: `rust_examples_fire_and_portable_forms_are_clean`
        }
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

/// A history rule's page shows file trees (```tree blocks: `== path` lines
/// start each file, `{CRLF}` stands for a CRLF line end). A ```tree applied
/// block is committed to git first and named by `applied` in the
/// configuration; the ```tree block is then written over it. Every file of
/// the result goes through the set pass and the lint, as `check` runs them.
fn lint_tree(page: &Page, heading: &str) -> Result<Vec<(String, Diagnostic)>, String> {
    let section = page.section(heading).ok_or("no such section")?;
    let trees: Vec<&Block> = section
        .blocks
        .iter()
        .filter(|b| b.lang.starts_with("tree"))
        .collect();
    if trees.is_empty() {
        return Err(format!("no ```tree block under `## {heading}`"));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = dir.path();
    let applied: Vec<&&Block> = trees.iter().filter(|b| b.lang == "tree applied").collect();
    for block in &applied {
        write_tree(root, &block.code);
    }
    if !applied.is_empty() {
        for args in [
            &["init", "-q"][..],
            &["add", "-A"],
            &[
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "commit",
                "-qm",
                "applied",
            ],
            &["tag", "applied"],
        ] {
            let status = std::process::Command::new("git")
                .args(args)
                .current_dir(root)
                .status();
            if !status.is_ok_and(|s| s.success()) {
                return Err(format!("git {args:?} failed"));
            }
        }
        let config = root.join("dal-audit.toml");
        let mut text = std::fs::read_to_string(&config).unwrap_or_default();
        text.push_str("applied = \"applied\"\n");
        std::fs::write(&config, text).unwrap();
    }
    for block in trees.iter().filter(|b| b.lang == "tree") {
        write_tree(root, &block.code);
    }
    let config = dal_audit::project::config::Config::load(None, root)?;
    let files = dal_audit::project::discover::discover(&[root.to_path_buf()])?.files;
    let mut options = LintOptions {
        targets: config.targets.clone().unwrap_or_default(),
        targets_given: config.targets.is_some(),
        ..LintOptions::default()
    };
    options.set_findings = dal_audit::history::set_pass(&files, &config, root, None, &options)?;
    let mut found = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.to_string_lossy();
        let report = dal_audit::lint_bytes(&name, &bytes, &options);
        let shown = path.strip_prefix(root).unwrap().display().to_string();
        found.extend(report.diagnostics.into_iter().map(|d| (shown.clone(), d)));
    }
    for path in options
        .set_findings
        .paths()
        .filter(|p| !Path::new(p).exists())
    {
        let shown = Path::new(path)
            .strip_prefix(root)
            .unwrap()
            .display()
            .to_string();
        let deleted = options.set_findings.for_file(path).iter().cloned();
        found.extend(deleted.map(|d| (shown.clone(), d)));
    }
    Ok(found)
}

fn write_tree(root: &Path, code: &str) {
    let mut current: Option<(std::path::PathBuf, String)> = None;
    let flush = |file: Option<(std::path::PathBuf, String)>| {
        if let Some((path, text)) = file {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text.replace("{CRLF}\n", "\r\n")).unwrap();
        }
    };
    for line in code.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            flush(current.take());
            current = Some((root.join(name.trim()), String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    flush(current);
}

fn show_tree(found: &[(String, Diagnostic)]) -> String {
    let lines: Vec<String> = found
        .iter()
        .map(|(path, d)| format!("    {path}: {} {}: {}", d.severity, d.rule, d.message))
        .collect();
    non_empty(lines.join("\n"))
}

#[test]
fn history_examples_fire_in_their_file_trees() {
    let mut failures = Vec::new();
    for page in pages() {
        let Some(rule) = rules::by_id(&page.id).filter(|r| r.kind == RuleKind::History) else {
            continue;
        };
        match lint_tree(&page, "Example") {
            Err(e) => failures.push(format!("{}: Example: {e}", page.path.display())),
            Ok(found) if !found.iter().any(|(_, d)| d.rule == rule.id) => failures.push(format!(
                "{}: the Example's tree does not fire `{}`; found instead:\n{}",
                page.path.display(),
                rule.id,
                show_tree(&found)
            )),
            Ok(_) => {}
        }
    }
    assert_none(failures);
}

#[test]
fn history_portable_forms_lint_clean() {
    let mut failures = Vec::new();
    for page in pages() {
        if !rules::by_id(&page.id).is_some_and(|r| r.kind == RuleKind::History) {
            continue;
        }
        match lint_tree(&page, "Portable form") {
            Err(e) => failures.push(format!("{}: Portable form: {e}", page.path.display())),
            Ok(found) if !found.is_empty() => failures.push(format!(
                "{}: the Portable form's tree must lint clean but has:\n{}",
                page.path.display(),
                show_tree(&found)
            )),
            Ok(_) => {}
        }
    }
    assert_none(failures);
}

/// What a `## Fix` section claims: that there is a fix, that it is (or
/// can be) safe, that it is (or can be) unsafe.
fn fix_claims(text: &str) -> (bool, bool, bool) {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .collect();
    let claims_a_fix = lower.contains("--fix") || lower.contains("the fix");
    (
        claims_a_fix,
        words.contains(&"safe"),
        words.contains(&"unsafe"),
    )
}

#[test]
fn a_fix_section_describes_the_rules_fix_and_only_a_fixable_rule_has_one() {
    use dal_audit::rules::FixAvailability;
    let mut failures = Vec::new();
    for page in pages() {
        let Some(rule) = rules::by_id(&page.id) else {
            continue;
        };
        let text = page.section("Fix").map_or("", |s| s.text.as_str());
        let (claims_a_fix, says_safe, says_unsafe) = fix_claims(text);
        let problem = match rule.fix {
            FixAvailability::None if claims_a_fix || says_safe || says_unsafe => Some(
                "the rule offers no fix, but `## Fix` describes one (say `None.` and what to do by hand)",
            ),
            FixAvailability::Safe if !says_safe => Some(
                "the rule's fix is safe: `## Fix` must say what it rewrites and that it is safe",
            ),
            FixAvailability::Unsafe if !says_unsafe => Some(
                "the rule's fix can be unsafe: `## Fix` must say what it rewrites and when it is unsafe",
            ),
            FixAvailability::Safe | FixAvailability::Unsafe
                if text.trim_start().starts_with("None")
                    || text.starts_with("No automatic fix") =>
            {
                Some("the rule offers a fix, but `## Fix` says there is none")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            failures.push(format!("{}: {problem}", page.path.display()));
        }
    }
    assert_none(failures);
}

/// The ```rust blocks of a section.
fn rust_blocks<'p>(page: &'p Page, heading: &str) -> Vec<&'p Block> {
    page.section(heading)
        .map(|s| s.blocks.iter().filter(|b| b.lang == "rust").collect())
        .unwrap_or_default()
}

/// A Rust rule's page shows Rust code outside the storage modules: its
/// Example must fire the rule, its Portable form must lint clean.
#[test]
fn rust_examples_fire_and_portable_forms_are_clean() {
    let options = dal_audit::FileOptions {
        storage: Some(false),
        ..dal_audit::FileOptions::default()
    };
    let mut failures = Vec::new();
    let rust_rules = rules::all().iter().filter(|r| r.kind == RuleKind::Rust);
    for rule in rust_rules {
        let Some(page) = pages().into_iter().find(|p| p.id == rule.id) else {
            continue; // `every_rule_has_a_doc_page` reports it
        };
        for (heading, must_fire) in [("Example", true), ("Portable form", false)] {
            let blocks = rust_blocks(&page, heading);
            if blocks.is_empty() {
                failures.push(format!(
                    "{}: no ```rust block under `## {heading}`",
                    page.path.display()
                ));
            }
            for block in blocks {
                let report =
                    dal_audit::lint_file("src/handlers.rs", block.code.as_bytes(), &options);
                let fired = report.diagnostics.iter().any(|d| d.rule == rule.id);
                if must_fire != fired || (!must_fire && !report.diagnostics.is_empty()) {
                    failures.push(format!(
                        "{}: expected `{}` {}, found:\n{}",
                        page.describe(heading, block),
                        rule.id,
                        if must_fire {
                            "to fire"
                        } else {
                            "to lint clean"
                        },
                        non_empty(show(&report.file, &report.diagnostics))
                    ));
                }
            }
        }
    }
    assert_none(failures);
}

#[test]
fn fix_claims_read_the_words_safe_and_unsafe() {
    assert_eq!(fix_claims("None. Rename it."), (false, false, false));
    assert_eq!(
        fix_claims("`--fix` removes it (*unsafe*: …)."),
        (true, false, true)
    );
    assert_eq!(fix_claims("The fix is **safe**."), (true, true, false));
}
