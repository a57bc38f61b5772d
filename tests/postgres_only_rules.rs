//! Properties every rule of the `postgres_only` group must have, checked on
//! the Example of each rule's page: the rule fires on it, stays silent when
//! the same text sits in a comment, a string or a `$$` body, and still fires
//! when no sqlparser dialect can parse the statements.

use std::path::Path;

use dal_audit::rules::{self, Rule};
use dal_audit::{LintOptions, SourceFile, lint_source};

fn group() -> Vec<&'static Rule> {
    let rules: Vec<_> = rules::all()
        .iter()
        .copied()
        .filter(|r| r.group == "postgres_only")
        .collect();
    assert!(rules.len() > 40, "the group lost its rules");
    rules
}

/// The first ```sql block under `## Example` in `rules/<id>.md`.
fn example(rule: &Rule) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("rules/{}.md", rule.id));
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let section = page.split("## Example").nth(1).expect("an Example section");
    let block = section.split("```sql\n").nth(1).expect("a sql block");
    block.split("```").next().unwrap().to_string()
}

/// The source text under each finding of `rule`, plus every finding's rule id.
fn lint(rule: &'static Rule, sql: &str) -> (Vec<String>, Vec<&'static str>) {
    let all = LintOptions::default();
    let report = lint_source(SourceFile::new("example.sql", sql), &all);
    let mut texts = Vec::new();
    for d in report.diagnostics.iter().filter(|d| d.rule == rule.id) {
        assert!(
            d.span.start < d.span.end && d.span.end <= sql.len(),
            "{}: bad span {:?}",
            rule.id,
            d.span
        );
        texts.push(sql[d.span.clone()].to_string());
    }
    (texts, report.diagnostics.iter().map(|d| d.rule).collect())
}

#[test]
fn every_example_is_flagged_by_its_rule() {
    for rule in group() {
        let (flagged, _) = lint(rule, &example(rule));
        assert!(
            !flagged.is_empty(),
            "{} does not flag its own example",
            rule.id
        );
    }
}

#[test]
fn text_in_comments_strings_and_dollar_bodies_is_never_flagged() {
    for rule in group() {
        let sql = example(rule);
        let line_comments: String = sql.lines().map(|l| format!("-- {l}\n")).collect();
        let block_comment = format!("/* {sql} */\nSELECT 1;");
        let string = format!("SELECT '{}';", sql.replace('\'', "''"));
        let dollar_body = format!("DO $body$ {sql} $body$;");
        for wrapped in [line_comments, block_comment, string, dollar_body] {
            let (flagged, _) = lint(rule, &wrapped);
            // `do-block` reports the wrapping DO itself, once.
            let expected = usize::from(rule.id == "do-block" && wrapped.starts_with("DO"));
            assert_eq!(
                flagged.len(),
                expected,
                "{} fires inside:\n{wrapped}\n{flagged:?}",
                rule.id
            );
        }
    }
}

/// Rules whose construct sits at the very end of a statement, where the
/// garbage this test appends breaks it.
const NEEDS_STATEMENT_END: [&str; 1] = ["drop-cascade"];

#[test]
fn unparsable_statements_are_still_flagged() {
    for rule in group()
        .into_iter()
        .filter(|r| !NEEDS_STATEMENT_END.contains(&r.id))
    {
        // ` ) )` after each statement: no dialect parses it any more.
        let broken = example(rule).replace(";\n", " ) );\n");
        let (flagged, rules_seen) = lint(rule, &broken);
        assert!(
            rules_seen.contains(&"parse-error"),
            "{}: the broken example still parses:\n{broken}",
            rule.id
        );
        assert!(
            !flagged.is_empty(),
            "{} misses its construct when the statement does not parse:\n{broken}",
            rule.id
        );
    }
}

#[test]
fn no_prefix_of_any_example_makes_a_rule_panic() {
    let options = LintOptions::default();
    for rule in group() {
        let sql = example(rule);
        for end in (0..=sql.len()).filter(|&end| sql.is_char_boundary(end)) {
            lint_source(SourceFile::new("cut.sql", &sql[..end]), &options);
        }
    }
}
