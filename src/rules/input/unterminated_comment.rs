//! A `/*` comment that never ends. SQLite ends it at the end of the input and
//! runs what came before; PostgreSQL rejects the text (`unterminated /*
//! comment`). The lexer follows SQLite, so without this finding whatever the
//! comment swallowed would vanish from the lint silently.

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::syntax::lexer::Comment;
use crate::rules::{Rule, RuleKind};

pub static RULE: Rule = Rule {
    id: "unterminated-comment",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a `/*` comment that runs to the end of the file: PostgreSQL rejects it",
    ..Rule::DEFAULT
};

/// Only the file's last comment can be unterminated: it swallows the rest.
pub fn diagnostic(text: &str, comments: &[Comment]) -> Option<Diagnostic> {
    let last = comments.last()?;
    let source = &text[last.span.clone()];
    // `/*/` starts and "ends" with the markers but is still open.
    let closed = source.len() >= 4 && source.ends_with("*/");
    (source.starts_with("/*") && !closed).then(|| Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!(
            "this `/*` comment is never closed: it hides the remaining {} bytes of the file, and PostgreSQL rejects it",
            source.len() - 2
        ).into(),
        help: "close the comment with `*/` where it should end".into(),
        targets: std::borrow::Cow::Borrowed(RULE.targets),
        span: last.span.start..last.span.start + 2,
        labels: Vec::new(),
        fix: None,
    })
}
