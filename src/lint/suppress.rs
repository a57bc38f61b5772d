//! Inline suppressions, applied to a file's findings after every rule ran.
//!
//! ```sql
//! -- dal-audit: allow(pragma, trigger) the SQLite build needs it until v2
//! PRAGMA foreign_keys = ON;
//! PRAGMA journal_mode = WAL; -- dal-audit: allow(pragma) WAL for the desktop app
//! /* dal-audit: allow-file(numbered-placeholder) run by sqlx with bound values */
//! ```
//!
//! What an `allow` covers, as ESLint and ruff users expect:
//! - at the end of a line inside a statement, that line (`  n INT, -- …`
//!   in a CREATE TABLE silences that column, not the others);
//! - after a statement's end on its line, the statements that end there
//!   (`PRAGMA x; -- dal-audit: allow(pragma) …`);
//! - on a line of its own inside a statement, the next line with code;
//! - on a line of its own before a statement, that statement, with nothing
//!   but comments and blank lines in between.
//!
//! A line covers the findings that start on it. `allow-file` covers the
//! whole file. Then the allows are checked themselves: `invalid-suppression`
//! (malformed, unknown rule), `suppression-without-reason`,
//! `unused-suppression` (an id that silenced nothing in what it covers).

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::lint::options::LintOptions;
use crate::rules::suppressions::{
    invalid_suppression, suppression_without_reason, unused_suppression,
};
use crate::rules::{self, Rule, Sink};
use crate::sources::file::SourceFile;
use crate::syntax::lexer::Comment;

const PREFIX: &str = "dal-audit:";
const SYNTAX: &str = "write `-- dal-audit: allow(rule-id[, rule-id]) reason` before a statement or at the end of a line, or `-- dal-audit: allow-file(rule-id) reason` anywhere in the file";

#[derive(Debug, PartialEq, Eq)]
enum Scope {
    Statement,
    File,
}

/// A well-formed `dal-audit: allow…(…)` comment.
#[derive(Debug)]
struct Allow {
    scope: Scope,
    /// The comment, for findings about the allow as a whole.
    span: Range<usize>,
    /// Each rule id named and its byte span in the file.
    ids: Vec<(String, Range<usize>)>,
    has_reason: bool,
    /// What a `Scope::Statement` allow covers.
    covers: Covers,
}

/// The statements (indices) or the line (a byte range, without its line
/// break) that a `Scope::Statement` allow covers.
#[derive(Debug)]
enum Covers {
    Statements(Vec<usize>),
    Line(Range<usize>),
}

impl Covers {
    fn finding(&self, statement: Option<usize>, start: usize) -> bool {
        match self {
            Covers::Statements(covered) => statement.is_some_and(|s| covered.contains(&s)),
            Covers::Line(line) => line.start <= start && start <= line.end,
        }
    }
}

/// A large file's `allow-file` directives, gathered by a first pass over its
/// parts (`parts.rs`) since a part cannot see the others: every part
/// silences what they name, and the part holding a directive judges it
/// (`unused-suppression`) by what the whole file reports.
#[derive(Debug, Default)]
pub struct FileAllows {
    /// Every rule id an `allow-file` of the file names.
    pub ids: Vec<String>,
    /// The rules with findings anywhere in the file, before suppressions.
    pub reported: Vec<&'static str>,
}

/// The rule ids the `allow-file` directives among `comments` name.
pub fn file_allow_ids(file: &SourceFile, comments: &[Comment]) -> Vec<String> {
    let allows = comments.iter().filter_map(|c| parse(file, c)?.ok());
    allows
        .filter(|allow| allow.scope == Scope::File)
        .flat_map(|allow| allow.ids.into_iter().map(|(id, _)| id))
        .collect()
}

/// Silences the findings the file's allows cover and reports the allows'
/// own problems. `file_allows` are given for a part of a large file: they
/// stand for the `allow-file` directives of the whole file.
pub fn apply(
    file: &SourceFile,
    comments: &[Comment],
    statements: &[Range<usize>],
    options: &LintOptions,
    file_allows: Option<&FileAllows>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut own = Vec::new();
    let mut allows = Vec::new();
    for comment in comments {
        match parse(file, comment) {
            None => {}
            Some(Err(message)) => {
                Sink::new(&invalid_suppression::RULE, &mut own).report(
                    comment.span.clone(),
                    message,
                    SYNTAX,
                );
            }
            Some(Ok(mut allow)) => {
                if allow.scope == Scope::Statement {
                    allow.covers = covered(file, &comment.span, statements);
                }
                allows.push(allow);
            }
        }
    }
    let whole_file_ids = file_allows.map_or(&[][..], |f| &f.ids);
    if allows.is_empty() && own.is_empty() && whole_file_ids.is_empty() {
        return;
    }
    let mut used: Vec<Vec<bool>> = allows.iter().map(|a| vec![false; a.ids.len()]).collect();
    diagnostics.retain(|d| {
        let statement = statement_of(statements, d.span.start);
        let mut silenced = whole_file_ids.iter().any(|id| id == d.rule);
        for (a, allow) in allows.iter().enumerate() {
            let covers = match allow.scope {
                // A part's own `allow-file`s are among `whole_file_ids`.
                Scope::File => file_allows.is_none(),
                Scope::Statement => allow.covers.finding(statement, d.span.start),
            };
            if !covers {
                continue;
            }
            for (i, (id, _)) in allow.ids.iter().enumerate() {
                if id == d.rule {
                    used[a][i] = true;
                    silenced = true;
                }
            }
        }
        !silenced
    });
    if let Some(file_allows) = file_allows {
        for (allow, used) in allows.iter().zip(&mut used) {
            if allow.scope == Scope::File {
                for ((id, _), used) in allow.ids.iter().zip(used) {
                    *used = file_allows.reported.iter().any(|r| r == id);
                }
            }
        }
    }
    for (allow, used) in allows.iter().zip(&used) {
        check_allow(allow, used, options, &mut own);
    }
    diagnostics.extend(
        own.into_iter()
            .filter(|d| rules::by_id(d.rule).is_some_and(|r| options.enabled(r))),
    );
}

fn check_allow(allow: &Allow, used: &[bool], options: &LintOptions, out: &mut Vec<Diagnostic>) {
    let directive = match allow.scope {
        Scope::Statement => "allow",
        Scope::File => "allow-file",
    };
    if !allow.has_reason {
        Sink::new(&suppression_without_reason::RULE, out).report(
            allow.span.clone(),
            format!("this `{directive}(…)` gives no reason"),
            format!("say why after the parenthesis, e.g. `-- dal-audit: {directive}(rule-id) the SQLite build needs it until the move`; the reason tells the next reader whether the exception still holds"),
        );
    }
    for ((id, span), used) in allow.ids.iter().zip(used) {
        match rules::by_id(id) {
            None => {
                Sink::new(&invalid_suppression::RULE, out).report(
                    span.clone(),
                    format!("`{id}` is not a dal-audit rule"),
                    unknown_rule_help(id),
                );
            }
            Some(rule) if rule.group == "suppressions" => {
                Sink::new(&invalid_suppression::RULE, out).report(
                    span.clone(),
                    format!("`{id}` cannot be allowed inline"),
                    "turn it off in the configuration instead: `[rules]` with `".to_string()
                        + id
                        + " = \"off\"` in dal-audit.toml",
                );
            }
            Some(rule) if !used && can_fire(rule, options) => {
                let place = match (&allow.scope, &allow.covers) {
                    (Scope::File, _) => "in this file",
                    (Scope::Statement, Covers::Line(_)) => "on the line it covers",
                    (Scope::Statement, Covers::Statements(_)) => "on the statement it covers",
                };
                Sink::new(&unused_suppression::RULE, out).report(
                    span.clone(),
                    format!("`{id}` is allowed but reports nothing {place}"),
                    format!("remove `{id}` from the comment (or the whole comment); an `allow` covers the statement after it, the line it ends, or, on its own line inside a statement, the next line"),
                );
            }
            Some(_) => {}
        }
    }
}

/// An allow of a rule that is off, or that only concerns engines the project
/// does not target, is not "unused": it just has nothing to do in this run.
fn can_fire(rule: &Rule, options: &LintOptions) -> bool {
    options.enabled(rule)
        && (rule.targets.is_empty() || rule.targets.iter().any(|e| options.targets.includes(*e)))
}

fn unknown_rule_help(id: &str) -> String {
    match rules::closest_id(id) {
        Some(near) => format!("did you mean `{near}`? `dal-audit rules` lists every rule"),
        None => "`dal-audit rules` lists every rule".into(),
    }
}

/// `None` when the comment is no `dal-audit:` directive; `Err` when it is one
/// that cannot be read.
fn parse(file: &SourceFile, comment: &Comment) -> Option<Result<Allow, String>> {
    let text = comment.text.as_str();
    let leading = text.len() - text.trim_start().len();
    let rest = text.trim_start().strip_prefix(PREFIX)?;
    // The comment text starts after `--` or `/*`; find it in the file to give ids exact spans.
    let text_start = comment.span.start + file.text[comment.span.clone()].find(text).unwrap_or(0);
    let body = rest.trim_start();
    let mut offset = text_start + leading + PREFIX.len() + (rest.len() - body.len());
    let (scope, after) = if let Some(after) = body.strip_prefix("allow-file(") {
        (Scope::File, after)
    } else if let Some(after) = body.strip_prefix("allow(") {
        (Scope::Statement, after)
    } else {
        let word: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
        return Some(Err(format!(
            "`dal-audit: {word}` is not a suppression: expected `allow(…)` or `allow-file(…)`"
        )));
    };
    offset += body.len() - after.len();
    let Some(close) = after.find(')') else {
        return Some(Err(
            "this `dal-audit:` comment has no `)` closing its rule list".into(),
        ));
    };
    let mut ids = Vec::new();
    let mut id_offset = offset;
    for part in after[..close].split(',') {
        let id = part.trim();
        let start = id_offset + (part.len() - part.trim_start().len());
        if id.is_empty() {
            return Some(Err("this `dal-audit:` comment has an empty rule id".into()));
        }
        ids.push((id.to_string(), start..start + id.len()));
        id_offset += part.len() + 1;
    }
    let reason = after[close + 1..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '—' | '–'));
    Some(Ok(Allow {
        scope,
        span: comment.span.clone(),
        ids,
        has_reason: reason.chars().any(char::is_alphanumeric),
        covers: Covers::Statements(Vec::new()),
    }))
}

/// The statement a byte offset falls in (statements are in file order).
fn statement_of(statements: &[Range<usize>], offset: usize) -> Option<usize> {
    let after = statements.partition_point(|s| s.start <= offset);
    let candidate = after.checked_sub(1)?;
    let span = &statements[candidate];
    (offset < span.end.max(span.start + 1)).then_some(candidate)
}

fn covered(file: &SourceFile, comment: &Range<usize>, statements: &[Range<usize>]) -> Covers {
    let text = &file.text;
    let line_start = text[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let trailing = !text[line_start..comment.start].trim().is_empty();
    let inside = statement_of(statements, comment.start);
    if inside.is_some() {
        return Covers::Line(if trailing {
            line_around(text, comment.start)
        } else {
            // The comment's last byte: a `--` comment's span may hold its line break.
            next_code_line(text, comment.end.saturating_sub(1).max(comment.start))
        });
    }
    if trailing {
        return Covers::Statements(
            statements
                .iter()
                .enumerate()
                .filter(|(_, s)| s.end <= comment.start && s.end >= line_start)
                .map(|(i, _)| i)
                .collect(),
        );
    }
    // Statements own every token, so the next statement after the comment has
    // only comments and whitespace (or a stray `;`) before it.
    Covers::Statements(
        statements
            .iter()
            .position(|s| s.start >= comment.end)
            .into_iter()
            .collect(),
    )
}

/// The line holding `offset`, without its line break.
fn line_around(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// The first line after `offset`'s line that holds code, not only blanks or
/// comments (so stacked `allow` lines each cover the same code line).
fn next_code_line(text: &str, offset: usize) -> Range<usize> {
    let mut line = line_around(text, offset);
    while line.end < text.len() {
        line = line_around(text, line.end + 1);
        let code = text[line.clone()].trim_start();
        if !code.is_empty() && !code.starts_with("--") && !code.starts_with("/*") {
            break;
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use crate::lint::{LintOptions, lint_source};
    use crate::sources::file::SourceFile;

    fn findings(text: &str) -> Vec<(String, String)> {
        let report = lint_source(SourceFile::new("t.sql", text), &LintOptions::default());
        report
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule.to_string(),
                    report.file.text[d.span.clone()].to_string(),
                )
            })
            .collect()
    }

    fn rules_of(text: &str) -> Vec<String> {
        findings(text).into_iter().map(|(rule, _)| rule).collect()
    }

    #[test]
    fn an_allow_on_the_line_before_silences_only_the_next_statement() {
        let text = "-- dal-audit: allow(pragma) set per connection in tests\nPRAGMA a = 1;\nPRAGMA b = 1;\n";
        assert_eq!(findings(text), [("pragma".into(), "PRAGMA b = 1".into())]);
    }

    #[test]
    fn a_trailing_allow_covers_its_own_line_only() {
        let text = "PRAGMA a = 1; -- dal-audit: allow(pragma) legacy\nPRAGMA b = 1;\n";
        assert_eq!(findings(text), [("pragma".into(), "PRAGMA b = 1".into())]);
    }

    #[test]
    fn an_allow_inside_a_statement_covers_it() {
        let text = "CREATE TABLE t (\n  -- dal-audit: allow(sqlite-date-function) kept until the move\n  at TEXT DEFAULT (datetime('now'))\n);\n";
        assert_eq!(rules_of(text), Vec::<String>::new());
    }

    #[test]
    fn an_allow_at_the_end_of_a_line_inside_a_statement_covers_that_line_only() {
        let text = "CREATE TABLE t (\n  a INT REFERENCES u, -- dal-audit: allow(integer-width) ids fit\n  b INT REFERENCES u\n);\n";
        assert_eq!(findings(text), [("integer-width".into(), "INT".into())]);
        let report = lint_source(SourceFile::new("t.sql", text), &LintOptions::default());
        assert_eq!(report.file.line_col(report.diagnostics[0].span.start).0, 3);
    }

    #[test]
    fn an_allow_on_its_own_line_inside_a_statement_covers_the_next_code_line() {
        let text = "CREATE TABLE t (\n  -- dal-audit: allow(integer-width) ids fit\n  -- (a note)\n  a INT REFERENCES u,\n  b INT REFERENCES u\n);\n";
        let report = lint_source(SourceFile::new("t.sql", text), &LintOptions::default());
        let left: Vec<(&str, usize)> = report
            .diagnostics
            .iter()
            .map(|d| (d.rule, report.file.line_col(d.span.start).0))
            .collect();
        assert_eq!(left, [("integer-width", 5)]);
    }

    #[test]
    fn a_line_allow_that_silences_nothing_on_its_line_is_unused() {
        let text = "CREATE TABLE t (\n  a BIGINT REFERENCES u, -- dal-audit: allow(integer-width) ids fit\n  b INT REFERENCES u\n);\n";
        assert_eq!(
            findings(text),
            [
                ("unused-suppression".into(), "integer-width".into()),
                ("integer-width".into(), "INT".into())
            ]
        );
        let report = lint_source(SourceFile::new("t.sql", text), &LintOptions::default());
        assert!(
            report.diagnostics[0]
                .message
                .contains("on the line it covers")
        );
    }

    #[test]
    fn a_trailing_allow_after_a_multi_line_statement_covers_it() {
        let text = "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\nEND; -- dal-audit: allow(trigger) kept until v2\n";
        assert!(
            !rules_of(text).contains(&"trigger".to_string()),
            "{:?}",
            rules_of(text)
        );
    }

    #[test]
    fn allow_file_and_block_comments_work_anywhere() {
        let text =
            "PRAGMA a = 1;\nPRAGMA b = 1;\n/* dal-audit: allow-file(pragma) SQLite-only file */\n";
        assert_eq!(rules_of(text), Vec::<String>::new());
    }

    #[test]
    fn an_allow_without_reason_still_silences_but_is_reported() {
        let text = "-- dal-audit: allow(pragma)\nPRAGMA a = 1;\n";
        assert_eq!(
            findings(text),
            [(
                "suppression-without-reason".into(),
                "-- dal-audit: allow(pragma)".into()
            )]
        );
    }

    #[test]
    fn an_allow_that_silences_nothing_is_reported_at_the_rule_id() {
        let text = "-- dal-audit: allow(pragma, trigger) reasons\nPRAGMA a = 1;\n";
        assert_eq!(
            findings(text),
            [("unused-suppression".into(), "trigger".into())]
        );
    }

    #[test]
    fn unknown_rules_and_malformed_comments_are_reported() {
        let text = "PRAGMA a = 1; -- dal-audit: allow(pragme) typo\n-- dal-audit: alow(pragma) x\nSELECT 1;\n-- dal-audit: allow(pragma x\n";
        assert_eq!(
            rules_of(text),
            [
                "pragma",
                "invalid-suppression",
                "invalid-suppression",
                "invalid-suppression"
            ]
        );
        let report = lint_source(SourceFile::new("t.sql", text), &LintOptions::default());
        assert!(
            report.diagnostics[1]
                .help
                .contains("did you mean `pragma`?")
        );
        assert_eq!(
            &report.file.text[report.diagnostics[1].span.clone()],
            "pragme"
        );
    }

    #[test]
    fn ordinary_comments_are_no_directives() {
        assert_eq!(
            rules_of("-- allow(pragma) is mentioned here\nSELECT 1;\n"),
            Vec::<String>::new()
        );
    }
}
