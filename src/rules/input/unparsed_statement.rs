//! A statement sqlparser could not parse but SQLite's own parser accepts
//! (`PRAGMA foreign_keys = ON`, `CREATE TRIGGER IF NOT EXISTS …`): sqlparser's
//! limit, not the user's mistake. Only token rules checked it. Opt-in: the
//! summary counts these statements whether or not the rule is on, so nothing
//! is skipped silently.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::input::parse_error::{dialect_reasons, stop_token};
use crate::rules::{Rule, RuleKind};
use crate::syntax::lexer::Token;
use crate::syntax::parse::DialectError;

pub static RULE: Rule = Rule {
    id: "unparsed-statement",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Info,
    summary: "a statement SQLite accepts but sqlparser cannot parse: only its token rules ran (opt-in)",
    opt_in: true,
    ..Rule::DEFAULT
};

pub fn diagnostic(
    statement: Range<usize>,
    tokens: &[Token],
    errors: &[DialectError],
) -> Diagnostic {
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: "sqlparser cannot parse this statement (SQLite's parser accepts it): only token rules checked it".into(),
        help: format!(
            "nothing to change if it is meant for SQLite; the AST rules did not look at it. sqlparser said: {}",
            dialect_reasons(errors)
        )
        .into(),
        targets: std::borrow::Cow::Borrowed(&[]),
        span: stop_token(statement, tokens, errors),
        labels: Vec::new(),
        fix: None,
    }
}
