//! `-- dal-audit: allow(rule)` with nothing after it. An exception nobody
//! explained cannot be re-examined later; the allow still silences its rules,
//! but the missing reason is itself a finding. Reported by `crate::lint::suppress`.

use crate::diagnostic::Severity;
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "suppression-without-reason",
    group: "suppressions",
    kind: RuleKind::Suppression,
    severity: Severity::Error,
    targets: &[],
    summary: "a `dal-audit: allow(…)` comment must say why the finding is accepted",
    ..Rule::DEFAULT
};
