//! A `dal-audit:` comment that cannot be read (a typo in `allow`, a missing
//! parenthesis) or that names a rule that does not exist: it silences nothing
//! while looking as if it did. Reported by `crate::lint::suppress`.

use crate::diagnostic::Severity;
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "invalid-suppression",
    group: "suppressions",
    kind: RuleKind::Suppression,
    severity: Severity::Error,
    targets: &[],
    summary: "a `dal-audit:` comment that is malformed or names an unknown rule",
    ..Rule::DEFAULT
};
