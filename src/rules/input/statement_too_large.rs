//! A statement too large to parse safely. sqlparser builds one AST level per
//! term of a flat `a OR b OR …` chain, and dropping or walking that AST
//! recurses as deep; its memory grows with the statement too. Statements
//! over `lint::MAX_PARSED_TOKENS` tokens are therefore not parsed: the token
//! rules still check them, and this finding says what was skipped.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "statement-too-large",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Warning,
    summary: "a statement too large to parse: only its token rules ran",
    ..Rule::DEFAULT
};

/// `first_token` is where the finding points: the statement's first token.
pub fn diagnostic(first_token: Range<usize>, tokens: usize, limit: usize) -> Diagnostic {
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!(
            "this statement has {tokens} tokens, more than the {limit} dal-audit parses: only token rules checked it, AST rules skipped it"
        ).into(),
        help: "split it into smaller statements (e.g. one INSERT per few thousand rows) so every rule can check it".into(),
        targets: std::borrow::Cow::Borrowed(&[]),
        span: first_token,
        labels: Vec::new(),
        fix: None,
    }
}
