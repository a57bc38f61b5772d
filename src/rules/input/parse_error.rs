//! A statement SQLite's own parser rejects (`syntax::sqlite_grammar`) and no
//! sqlparser dialect parses. It always names SQLite. It names PostgreSQL
//! too only when the statement is broken exactly where SQLite stopped:
//! without that token (a `,`, a keyword; not a name) sqlparser's PostgreSQL
//! dialect parses it (`ALTER TABLE t ADD c INT,`). sqlparser failing on the
//! whole statement says little about PostgreSQL's grammar: on the labelled
//! corpus, 60 of the 68 statements SQLite and sqlparser both reject run on
//! PostgreSQL (`DO` blocks, PostgreSQL-only `ALTER TABLE` forms…), and no
//! PostgreSQL parser is linked in (`pg_query` needs libclang to build).
//! Its token rules still ran; only the AST rules could not look at it. Also
//! reports what the tokenizer could not read (an unterminated string, quoted
//! name, dollar quote or block comment), which neither engine reads.
//!
//! A statement sqlparser fails on but SQLite accepts is no parse error: that
//! is `unparsed-statement` (opt-in).

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::rules::{Rule, RuleKind};
use crate::syntax::dialect::ParseDialect;
use crate::syntax::lexer::Token;
use crate::syntax::parse::{DialectError, parses_as};
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
    statement_text: &str,
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
    let engines = match at_sqlite {
        Some(index)
            if !is_name(&tokens[index])
                && broken_only_there(statement_text, &statement, &tokens[index].span) =>
        {
            &[Engine::Sqlite, Engine::Postgres][..]
        }
        _ => RULE.targets,
    };
    Diagnostic {
        rule: RULE.id,
        severity: RULE.severity,
        message: if engines.len() == 2 {
            format!(
                "SQLite rejects this statement ({}), and PostgreSQL's grammar breaks at the same token (sqlparser parses the statement only without it)",
                sqlite.message
            )
        } else {
            format!(
                "SQLite rejects this statement ({}), and no sqlparser dialect parses it (whether PostgreSQL accepts it is not known)",
                sqlite.message
            )
        }
        .into(),
        help: format!(
            "fix the syntax so that it runs on both engines; sqlparser said: {}",
            dialect_reasons(errors)
        )
        .into(),
        targets: std::borrow::Cow::Borrowed(engines),
        span,
        labels: Vec::new(),
        fix: None,
    }
}

/// Whether the statement is broken at the token SQLite stopped at for
/// PostgreSQL too: without that token, sqlparser's PostgreSQL dialect parses
/// it (`ALTER TABLE t ADD c INT,`). Only then is PostgreSQL named: sqlparser
/// failing on the whole statement says little about PostgreSQL's grammar.
fn broken_only_there(text: &str, statement: &Range<usize>, token: &Range<usize>) -> bool {
    let (start, end) = (token.start - statement.start, token.end - statement.start);
    let without = format!(
        "{}{}{}",
        &text[..start],
        " ".repeat(end - start),
        &text[end..]
    );
    parses_as(ParseDialect::Postgres, &without)
}

/// A name SQLite stopped at may follow a PostgreSQL keyword SQLite took for
/// a name (`DROP INDEX CONCURRENTLY name`): without it, sqlparser would read
/// the keyword as the name, so a name proves nothing.
fn is_name(token: &Token) -> bool {
    matches!(&token.kind, SqlToken::Word(w) if w.quote_style.is_some() || w.keyword == Keyword::NoKeyword)
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
