//! A statement that no sqlparser dialect could parse. Its token rules still
//! ran; only the AST rules could not look at it. Also reports what the
//! tokenizer could not read (an unterminated string, quoted name, dollar
//! quote or block comment).

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::lexer::Token;
use crate::syntax::parse::DialectError;
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "parse-error",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Warning,
    summary: "a statement no sqlparser dialect parses: only its token rules ran",
    ..Rule::DEFAULT
};

/// The diagnostic for a statement every dialect rejected.
/// Points at the token where the first dialect stopped; an error at the
/// statement's end ("found: EOF") points at its last token.
pub fn unparsed_statement(statement: Range<usize>, tokens: &[Token], errors: &[DialectError]) -> Diagnostic {
    let first = errors.first();
    let stop = first.and_then(|e| e.span.as_ref()).map(|s| s.start);
    let token = stop.and_then(|offset| tokens.iter().find(|t| t.span.start == offset));
    let span = token
        .or(tokens.last())
        .map_or(statement.start..statement.start, |t| t.span.clone());
    // Dialects that failed for the same reason are named together.
    let mut reasons: Vec<(Vec<&str>, &str)> = Vec::new();
    for error in errors {
        match reasons.iter_mut().find(|(_, message)| *message == error.message) {
            Some((dialects, _)) => dialects.push(error.dialect.name()),
            None => reasons.push((vec![error.dialect.name()], &error.message)),
        }
    }
    let reasons: Vec<String> = reasons
        .iter()
        .map(|(dialects, message)| format!("{}: {message}", dialects.join(", ")))
        .collect();
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!(
            "could not parse this statement ({}); only token rules checked it",
            first.map_or("no dialect", |e| e.message.as_str())
        ).into(),
        help: format!(
            "check that it runs on both engines; sqlparser said: {}",
            reasons.join("; ")
        ).into(),
        targets: std::borrow::Cow::Borrowed(&[]),
        span,
        labels: Vec::new(),
        fix: None,
    }
}

/// The diagnostic for text the tokenizer could not read.
pub fn unreadable_text(span: Range<usize>, message: &str) -> Diagnostic {
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!("could not tokenize this text: {message}").into(),
        help: "close the string, quoted name, `$$` body or `/* */` comment; dal-audit resumed on the next line".into(),
        targets: std::borrow::Cow::Borrowed(&[]),
        span,
        labels: Vec::new(),
        fix: None,
    }
}
