//! A statement SQLite's own parser rejects (`syntax::sqlite_grammar`) and no
//! sqlparser dialect parses. It names SQLite only: sqlparser failing says
//! nothing reliable about PostgreSQL's grammar (on the labelled corpus, 60
//! of the 68 statements both reject run on PostgreSQL: `DO` blocks, PG-only
//! `ALTER TABLE` forms…), and no PostgreSQL parser is linked in (`pg_query`
//! needs libclang to build). Its token rules still ran; only the AST rules
//! could not look at it. Also reports what the tokenizer could not read (an
//! unterminated string, quoted name, dollar quote or block comment), which
//! neither engine reads.
//!
//! A statement sqlparser fails on but SQLite accepts is no parse error: that
//! is `unparsed-statement` (opt-in).

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::rules::{Rule, RuleKind};
use crate::syntax::lexer::Token;
use crate::syntax::parse::DialectError;
use crate::syntax::sqlite_grammar::Rejection;

pub static RULE: Rule = Rule {
    id: "parse-error",
    group: "input",
    kind: RuleKind::File,
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "a statement SQLite's own parser rejects and no sqlparser dialect parses",
    ..Rule::DEFAULT
};

/// The diagnostic for a statement SQLite rejected and every dialect failed
/// on. Points at the token where SQLite stopped, else where the first
/// dialect did.
pub fn rejected_statement(
    statement: Range<usize>,
    tokens: &[Token],
    errors: &[DialectError],
    sqlite: &Rejection,
) -> Diagnostic {
    let at_sqlite = sqlite
        .offset
        .map(|offset| statement.start + offset)
        .and_then(|offset| tokens.iter().position(|t| t.span.contains(&offset)));
    let span = match at_sqlite {
        Some(index) => tokens[index].span.clone(),
        None => stop_token(statement.clone(), tokens, errors),
    };
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!(
            "SQLite rejects this statement ({}), and no sqlparser dialect parses it",
            sqlite.message
        )
        .into(),
        help: format!(
            "fix the syntax so that it runs on both engines; sqlparser said: {}",
            dialect_reasons(errors)
        )
        .into(),
        targets: std::borrow::Cow::Borrowed(RULE.targets),
        span,
        labels: Vec::new(),
        fix: None,
    }
}

/// The token where the first dialect stopped; an error at the statement's
/// end ("found: EOF") points at its last token.
pub(crate) fn stop_token(
    statement: Range<usize>,
    tokens: &[Token],
    errors: &[DialectError],
) -> Range<usize> {
    let stop = errors
        .first()
        .and_then(|e| e.span.as_ref())
        .map(|s| s.start);
    let token = stop.and_then(|offset| tokens.iter().find(|t| t.span.start == offset));
    token
        .or(tokens.last())
        .map_or(statement.start..statement.start, |t| t.span.clone())
}

/// Each dialect's reason; dialects that failed for the same reason are named together.
pub(crate) fn dialect_reasons(errors: &[DialectError]) -> String {
    let mut reasons: Vec<(Vec<&str>, &str)> = Vec::new();
    for error in errors {
        match reasons
            .iter_mut()
            .find(|(_, message)| *message == error.message)
        {
            Some((dialects, _)) => dialects.push(error.dialect.name()),
            None => reasons.push((vec![error.dialect.name()], &error.message)),
        }
    }
    let reasons: Vec<String> = reasons
        .iter()
        .map(|(dialects, message)| format!("{}: {message}", dialects.join(", ")))
        .collect();
    reasons.join("; ")
}

/// The diagnostic for text the tokenizer could not read.
pub fn unreadable_text(span: Range<usize>, message: &str) -> Diagnostic {
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: format!("could not tokenize this text: {message}").into(),
        help: "close the string, quoted name, `$$` body or `/* */` comment; dal-audit resumed on the next line".into(),
        targets: std::borrow::Cow::Borrowed(&[Engine::Sqlite, Engine::Postgres]),
        span,
        labels: Vec::new(),
        fix: None,
    }
}
