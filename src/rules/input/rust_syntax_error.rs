//! A Rust file `syn` cannot read. Its database calls cannot be told apart,
//! so its SQL is not checked: said, never skipped silently.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "rust-syntax-error",
    group: "input",
    kind: RuleKind::Rust,
    severity: Severity::Warning,
    summary: "a Rust file syn cannot parse: its SQL was not checked",
    ..Rule::DEFAULT
};

pub fn diagnostic(span: Range<usize>, message: &str) -> Diagnostic {
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!("could not parse this Rust file ({message}); its SQL was not checked")
            .into(),
        help:
            "fix the syntax (`cargo check` shows it); dal-audit reads the file again once it parses"
                .into(),
        // No engine: the file was not checked for either.
        targets: std::borrow::Cow::Borrowed(&[]),
        span,
        labels: Vec::new(),
        fix: None,
    }
}
