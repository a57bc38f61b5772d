//! A file named `*.sql` whose bytes are not text (an archive, an image, a
//! database file). It is reported once and not linted: tokenizing random
//! bytes would only bury the one useful finding under noise.

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::input::BinaryEvidence;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    id: "binary-file",
    group: "input",
    severity: Severity::Error,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "a binary file named like SQL: reported, not linted",
    ..Rule::DEFAULT
};

/// Points at the file's first character (whole, even when it is multi-byte).
pub fn diagnostic(evidence: BinaryEvidence, text: &str) -> Diagnostic {
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!(
            "this file looks binary, not SQL ({} of its first {} bytes are not text), so it was not linted",
            evidence.non_text, evidence.sniffed
        ),
        help: "remove it from the migrations, or rename it so it does not end in `.sql`".into(),
        targets: RULE.targets.to_vec(),
        span: 0..text.chars().next().map_or(0, char::len_utf8),
        labels: Vec::new(),
        fix: None,
    }
}
