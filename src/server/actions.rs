//! Code actions for the findings under the cursor: each finding's fix
//! (safe ones preferred, unsafe ones labelled and never preferred), and
//! "allow": the suppression comment that silences the finding, on its line
//! or for the whole file. An inserted `allow` has no reason: the reason is
//! the user's to write, and until they do `suppression-without-reason`
//! points at the comment.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::fix::{FixLevel, apply_once};
use crate::server::document::Document;
use crate::server::lint::Linted;
use crate::sources::file::SourceFile;
use crate::syntax::dialect::lint_dialect;
use crate::syntax::lexer::lex;

/// How the client wants its edits.
#[derive(Debug, Clone, Copy)]
pub struct EditStyle {
    /// `documentChanges` with the document's version (the client refuses
    /// the edit if the text changed meanwhile), else plain `changes`.
    pub versioned: bool,
}

/// The actions for the findings whose range touches `range`.
pub fn code_actions(
    doc: &Document,
    linted: &Linted,
    range: lsp_types::Range,
    style: EditStyle,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let under_cursor = linted
        .findings
        .iter()
        .zip(&linted.published)
        .filter(|(_, published)| touches(&published.range, &range));
    for (finding, published) in under_cursor {
        let action = |title: String, edits: Vec<Edit>, preferred: bool| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![published.clone()]),
                edit: Some(workspace_edit(doc, &edits, style)),
                command: None,
                is_preferred: Some(preferred),
                disabled: None,
                data: None,
            })
        };
        if let Some(fix) = &finding.fix {
            let safe = fix.applicability == Applicability::Safe;
            let label = if safe { "" } else { " (unsafe)" };
            let title = format!("Fix {}{label}: {}", finding.rule, fix.message);
            actions.push(action(title, fix.edits.clone(), safe));
        }
        // An SQL `--` comment would break Rust code: in a Rust file the
        // `// dal-audit: allow(…)` comment is written by hand.
        if !can_be_allowed(finding) || is_rust(doc) {
            continue;
        }
        if let Some(edit) = allow_on_line(doc, &linted.statements, finding) {
            let title = format!("Allow {} here (then write the reason)", finding.rule);
            actions.push(action(title, vec![edit], false));
        }
        let title = format!(
            "Allow {} in this file (then write the reason)",
            finding.rule
        );
        actions.push(action(title, vec![allow_in_file(doc, finding.rule)], false));
    }
    actions
}

/// The kind of the "fix all" action, which editors run on save
/// (`"editor.codeActionsOnSave": { "source.fixAll": "explicit" }`).
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.dal-audit")
}

/// Every safe fix of the document's findings at once, through `--fix`'s
/// applier: one pass (overlapping fixes wait for the next request, as the
/// next save asks again), so its edits are exact spans of the text the
/// client holds. `None` when nothing has a safe fix.
pub fn fix_all(doc: &Document, linted: &Linted, style: EditStyle) -> Option<CodeActionOrCommand> {
    let applied = apply_once(
        doc.text.as_bytes(),
        &doc.text,
        &linted.findings,
        FixLevel::Safe,
    );
    if applied.fixed == 0 {
        return None;
    }
    let findings = if applied.fixed == 1 {
        "finding"
    } else {
        "findings"
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Fix {} dal-audit {findings} (safe fixes)", applied.fixed),
        kind: Some(fix_all_kind()),
        diagnostics: None,
        edit: Some(workspace_edit(doc, &applied.edits, style)),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    }))
}

/// Whether two ranges overlap or touch (a cursor at either end of a
/// finding is on it).
fn touches(a: &lsp_types::Range, b: &lsp_types::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn is_rust(doc: &Document) -> bool {
    doc.path.as_deref().is_some_and(crate::lint::rust::is_rust)
}

/// The suppression rules' own findings cannot be allowed inline.
fn can_be_allowed(finding: &Diagnostic) -> bool {
    crate::rules::by_id(finding.rule).is_some_and(|rule| rule.group != "suppressions")
}

/// `-- dal-audit: allow(rule)` where it covers the finding: at the end of
/// the line the finding starts on; before a line comment that ends that
/// line, as a block comment; on its own line before the statement when the
/// line ends inside a string or a block comment. `None` for a finding in no
/// statement (an `allow` covers statements; `allow-file` still works).
fn allow_on_line(
    doc: &Document,
    statements: &[Range<usize>],
    finding: &Diagnostic,
) -> Option<Edit> {
    let text = &*doc.text;
    let statement = statements
        .iter()
        .find(|s| s.start <= finding.span.start && finding.span.start < s.end.max(s.start + 1))?;
    let (_, line_end) = doc.lines.line_around(finding.span.start);
    let code_end = statement.start + text[statement.start..line_end].trim_end().len();
    // Only the statement up to the line's end: bounded by the statement, not the file.
    let slice = SourceFile::new(doc.display_path(), &text[statement.start..code_end]);
    let lexed = lex(&slice, 0..slice.text.len(), lint_dialect());
    let directive = format!("dal-audit: allow({})", finding.rule);
    if !lexed.errors.is_empty() {
        // The line ends inside a string, a quoted name or a block comment.
        return allow_before_statement(doc, statement.start, &directive);
    }
    let ends_in_line_comment = lexed
        .comments
        .last()
        .filter(|c| c.span.end == slice.text.len() && slice.text[c.span.clone()].starts_with("--"));
    Some(match ends_in_line_comment {
        Some(comment) => insert(
            statement.start + comment.span.start,
            format!("/* {directive} */ "),
        ),
        None => insert(code_end, format!(" -- {directive}")),
    })
}

fn allow_before_statement(doc: &Document, statement_start: usize, directive: &str) -> Option<Edit> {
    let (line_start, _) = doc.lines.line_around(statement_start);
    let indent = &doc.text[line_start..statement_start];
    // Code before the statement on its line would take the comment's line.
    if !indent.trim().is_empty() {
        return None;
    }
    Some(insert(line_start, format!("{indent}-- {directive}\n")))
}

/// `-- dal-audit: allow-file(rule)` after the comment lines the file starts
/// with (a runner's `-- no-transaction` or a licence header stay first).
fn allow_in_file(doc: &Document, rule: &str) -> Edit {
    let text = &*doc.text;
    let mut at = text
        .strip_prefix('\u{feff}')
        .map_or(0, |_| '\u{feff}'.len_utf8());
    while text[at..].starts_with("--") {
        let (_, line_end) = doc.lines.line_around(at);
        let next = text[line_end..]
            .char_indices()
            .find(|(_, c)| !matches!(c, '\r' | '\n'))
            .map_or(text.len(), |(i, _)| line_end + i);
        if next == text.len() || next <= at {
            at = text.len();
            break;
        }
        at = next;
    }
    let newline_before = if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    insert(
        at,
        format!("{newline_before}-- dal-audit: allow-file({rule})\n"),
    )
}

fn insert(at: usize, text: String) -> Edit {
    Edit {
        span: at..at,
        replacement: text,
    }
}

fn workspace_edit(doc: &Document, edits: &[Edit], style: EditStyle) -> WorkspaceEdit {
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit::new(doc.lines.range(&doc.text, &e.span), e.replacement.clone()))
        .collect();
    if style.versioned {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: doc.uri.clone(),
                    version: Some(doc.version),
                },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(doc.uri.clone(), text_edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use lsp_types::{Position, Url};

    use super::*;
    use crate::project::config::Config;
    use crate::server::lint::{Job, Settings, lint_document, run};
    use crate::server::position::Encoding;

    fn open(text: &str) -> (Document, Linted) {
        let uri = Url::parse("file:///w/m.sql").unwrap();
        let doc = Document::new(uri.clone(), "sql", 1, text.into(), Encoding::Utf16);
        let job = Job {
            uri,
            version: 1,
            path: "m.sql".into(),
            text: doc.text.clone(),
            settings: Arc::new(Settings::new(Config::defaults(std::path::Path::new("/w")))),
            encoding: Encoding::Utf16,
        };
        let linted = run(&job, lint_document);
        (doc, linted)
    }

    fn rules(text: &str) -> Vec<&'static str> {
        open(text).1.findings.iter().map(|d| d.rule).collect()
    }

    /// Each action under the first finding of `rule`: its title, whether it
    /// is preferred, and the text once its edit is applied.
    fn actions(text: &str, rule: &str) -> Vec<(String, Option<bool>, String)> {
        let (doc, linted) = open(text);
        let at = linted
            .published
            .iter()
            .find(|d| d.code == Some(lsp_types::NumberOrString::String(rule.into())))
            .unwrap_or_else(|| panic!("no {rule} in {:?}", rules(text)))
            .range;
        let style = EditStyle { versioned: false };
        code_actions(&doc, &linted, at, style)
            .into_iter()
            .map(|action| {
                let CodeActionOrCommand::CodeAction(action) = action else {
                    panic!("a command")
                };
                let edits = &action.edit.unwrap().changes.unwrap()[&doc.uri];
                (action.title, action.is_preferred, apply(&doc, edits))
            })
            .filter(|(title, _, _)| title.contains(rule))
            .collect()
    }

    /// The text once the action whose title contains `title_part` is applied.
    fn applied(text: &str, rule: &str, title_part: &str) -> String {
        let found = actions(text, rule);
        let action = found.into_iter().find(|(t, _, _)| t.contains(title_part));
        action
            .unwrap_or_else(|| panic!("no `{title_part}` action"))
            .2
    }

    fn apply(doc: &Document, edits: &[TextEdit]) -> String {
        let mut text = doc.text.to_string();
        let mut spans: Vec<_> = edits
            .iter()
            .map(|e| {
                let start = doc.lines.offset(&doc.text, e.range.start);
                (start..doc.lines.offset(&doc.text, e.range.end), &e.new_text)
            })
            .collect();
        spans.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        for (span, new_text) in spans {
            text.replace_range(span, new_text);
        }
        text
    }

    #[test]
    fn a_safe_fix_is_preferred_and_an_unsafe_one_labelled() {
        let found = actions("CREATE TABLE `t` (id INT);\n", "backtick-identifier");
        let (title, preferred, fixed) = &found[0];
        assert_eq!(
            title,
            "Fix backtick-identifier: quote the names with double quotes"
        );
        assert_eq!(*preferred, Some(true));
        assert_eq!(fixed, "CREATE TABLE \"t\" (id INT);\n");

        let found = actions("CREATE TABLE t (b BLOB);\n", "sqlite-type-name");
        let (title, preferred, fixed) = &found[0];
        assert!(
            title.starts_with("Fix sqlite-type-name (unsafe): "),
            "{title}"
        );
        assert_eq!(*preferred, Some(false));
        assert_eq!(fixed, "CREATE TABLE t (b BYTEA);\n");
    }

    #[test]
    fn allow_goes_at_the_end_of_the_findings_line_and_silences_it() {
        let text = "CREATE TABLE t (\n  at DATETIME,\n  n TEXT\n);\n";
        let found = actions(text, "sqlite-type-name");
        let allow = found.iter().find(|(t, _, _)| t.contains(" here ")).unwrap();
        assert_eq!(
            allow.0,
            "Allow sqlite-type-name here (then write the reason)"
        );
        assert_eq!(allow.1, Some(false));
        assert_eq!(
            allow.2,
            "CREATE TABLE t (\n  at DATETIME, -- dal-audit: allow(sqlite-type-name)\n  n TEXT\n);\n"
        );
        // Silenced; what is left asks for the reason.
        assert_eq!(rules(&allow.2), ["suppression-without-reason"]);
    }

    #[test]
    fn an_allow_on_one_column_line_leaves_the_other_columns_findings() {
        let text = "CREATE TABLE t (\n  at DATETIME,\n  seen DATETIME\n);\n";
        let allow = &applied(text, "sqlite-type-name", " here ");
        assert_eq!(
            allow,
            "CREATE TABLE t (\n  at DATETIME, -- dal-audit: allow(sqlite-type-name)\n  seen DATETIME\n);\n"
        );
        assert_eq!(
            rules(allow),
            ["suppression-without-reason", "sqlite-type-name"]
        );
    }

    #[test]
    fn allow_goes_before_a_line_comment_that_ends_the_line() {
        let text = "PRAGMA a = 1; -- legacy\n";
        let allow = &applied(text, "pragma", " here ");
        assert_eq!(
            allow,
            "PRAGMA a = 1; /* dal-audit: allow(pragma) */ -- legacy\n"
        );
        assert_eq!(rules(allow), ["suppression-without-reason"]);
    }

    #[test]
    fn allow_goes_before_the_statement_when_the_line_ends_inside_a_string() {
        let text = "  SELECT datetime('now'), 'two\nlines';\n";
        let allow = &applied(text, "sqlite-date-function", " here ");
        assert_eq!(
            allow,
            "  -- dal-audit: allow(sqlite-date-function)\n  SELECT datetime('now'), 'two\nlines';\n"
        );
        assert_eq!(rules(allow), ["suppression-without-reason"]);
    }

    #[test]
    fn allow_file_goes_after_the_leading_comment_lines() {
        let text = "-- no-transaction\n-- adds the index\nPRAGMA a = 1;\n";
        let allow = &applied(text, "pragma", "this file");
        assert_eq!(
            allow,
            "-- no-transaction\n-- adds the index\n-- dal-audit: allow-file(pragma)\nPRAGMA a = 1;\n"
        );
        assert_eq!(rules(allow), ["suppression-without-reason"]);
        let all_comments = "-- only a comment";
        let (doc, _) = open(all_comments);
        let edit = allow_in_file(&doc, "pragma");
        assert_eq!(edit.span, all_comments.len()..all_comments.len());
        assert_eq!(edit.replacement, "\n-- dal-audit: allow-file(pragma)\n");
    }

    #[test]
    fn suppression_findings_offer_no_allow_and_actions_follow_the_cursor() {
        let text = "-- dal-audit: allow(pragma)\nPRAGMA a = 1;\nSELECT 1;\n";
        assert!(actions(text, "suppression-without-reason").is_empty());
        let (doc, linted) = open("PRAGMA a = 1;\nSELECT 1;\n");
        let on_select = lsp_types::Range::new(Position::new(1, 2), Position::new(1, 2));
        let style = EditStyle { versioned: true };
        assert!(code_actions(&doc, &linted, on_select, style).is_empty());
    }
}
