//! An allow that silences nothing: the statement was fixed, the comment sits on
//! the wrong line, or the rule never fired there. Left alone it would hide the
//! next real finding. Reported by `crate::lint::suppress`.

use crate::diagnostic::Severity;
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "unused-suppression",
    group: "suppressions",
    kind: RuleKind::Suppression,
    severity: Severity::Error,
    targets: &[],
    summary: "a `dal-audit: allow(…)` comment that silences no finding",
    ..Rule::DEFAULT
};
