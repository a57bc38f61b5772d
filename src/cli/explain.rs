//! `dal-audit explain <rule>`: the rule's page, embedded at build time, and a
//! suggestion when the id is misspelt.

use crate::rules;

/// The page of rule `id` as a terminal shows it, or an error naming the
/// closest known id.
pub fn explain(id: &str) -> Result<String, String> {
    let id = id.trim();
    if let Some(page) = rules::by_id(id).and_then(|rule| rules::doc_page(rule.id)) {
        return Ok(for_terminal(page));
    }
    let mut message = format!("unknown rule `{id}`");
    if let Some(closest) = rules::closest_id(&id.to_ascii_lowercase().replace('_', "-")) {
        message.push_str(&format!("; did you mean `{closest}`?"));
    }
    message.push_str(" (`dal-audit rules` lists them all)");
    Err(message)
}

/// The page without the HTML comments that steer the doc tests
/// (`<!-- targets: … -->`), which mean nothing to a reader.
fn for_terminal(page: &str) -> String {
    let lines: Vec<&str> = page
        .lines()
        .filter(|line| !(line.trim_start().starts_with("<!--") && line.trim_end().ends_with("-->")))
        .collect();
    lines.join("\n").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_embedded_page() {
        let page = explain("pragma").unwrap();
        assert!(page.starts_with("# pragma"));
        assert!(page.contains("## Portable form"));
    }

    #[test]
    fn every_rule_has_an_embedded_page() {
        for rule in rules::all() {
            assert!(explain(rule.id).is_ok(), "{} has no embedded page", rule.id);
        }
    }

    #[test]
    fn leaves_out_the_doc_test_comments() {
        let page = explain("returning-clause").unwrap();
        assert!(!page.contains("<!--"), "{page}");
        assert!(page.contains("## Example\n```sql"), "{page}");
    }

    #[test]
    fn suggests_the_nearest_id_for_a_typo() {
        assert_eq!(
            explain("pragmas").unwrap_err(),
            "unknown rule `pragmas`; did you mean `pragma`? (`dal-audit rules` lists them all)"
        );
        assert!(
            explain("Integer_Width")
                .unwrap_err()
                .contains("did you mean `integer-width`?")
        );
        assert!(
            !explain("completely-unrelated-words")
                .unwrap_err()
                .contains("did you mean")
        );
    }
}
