//! A file named `*.sql` whose bytes are not text (an archive, an image, a
//! database file). It is reported once and not linted: tokenizing random
//! bytes would only bury the one useful finding under noise.

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::sources::input::BinaryEvidence;
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "binary-file",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Error,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "a binary file named like SQL: reported, not linted",
    ..Rule::DEFAULT
};

/// Points at the file's first character (whole, even when it is multi-byte).
pub fn diagnostic(evidence: BinaryEvidence, text: &str) -> Diagnostic {
    let (message, help) = if evidence.utf16 {
        (
            "this file is UTF-16 text, which neither engine's tools read as SQL, so it was not linted".to_string(),
            "save it as UTF-8 (\"UTF-8\", not \"Unicode\", in Windows editors)",
        )
    } else {
        (
            format!(
                "this file looks binary, not SQL ({} of its first {} bytes are control characters), so it was not linted",
                evidence.non_text, evidence.sniffed
            ),
            "remove it from the migrations, or rename it so it does not end in `.sql`",
        )
    };
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: message.into(),
        help: help.into(),
        targets: std::borrow::Cow::Borrowed(RULE.targets),
        span: 0..text.chars().next().map_or(0, char::len_utf8),
        labels: Vec::new(),
        fix: None,
    }
}
