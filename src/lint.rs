//! The per-file pipeline: load → lex → split → parse each statement → rules.

use crate::context::StatementCtx;
use crate::diagnostic::Diagnostic;
use crate::dialect::lint_dialect;
use crate::gate::KeywordSet;
use crate::lexer::{Comment, Token};
use crate::parse::parse_statement_lending;
use crate::rules::input::parse_error;
use crate::rules::{Rule, Sink};
use crate::source::SourceFile;
use crate::splitter::RawStatement;
use crate::stream::for_each_statement;
use crate::targets::Targets;

/// Which rules run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub rules: Vec<&'static Rule>,
    pub targets: Targets,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            rules: crate::rules::all().to_vec(),
            targets: Targets::default(),
        }
    }
}

impl LintOptions {
    pub(crate) fn enabled(&self, rule: &Rule) -> bool {
        self.rules.iter().any(|r| r.id == rule.id)
    }
}

/// One file's findings, sorted by position.
#[derive(Debug)]
pub struct FileReport {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    pub statements: usize,
    /// Each statement's byte span, in file order (for fingerprints that survive line shifts).
    pub statement_spans: Vec<std::ops::Range<usize>>,
}

const BOM: &str = "\u{feff}";

impl FileReport {
    /// Lets go of the file's text when no diagnostic needs it for a snippet
    /// or a line number, so a large run holds only the text it reports on.
    pub fn release_unneeded_text(&mut self) {
        if self.diagnostics.is_empty() {
            self.file = SourceFile::new(std::mem::take(&mut self.file.path), "");
        }
        self.diagnostics.shrink_to_fit();
    }
}

/// Lints one file's text, one statement at a time.
pub fn lint_source(file: SourceFile, options: &LintOptions) -> FileReport {
    let mut diagnostics = Vec::new();
    let body_start = if file.text.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let mut statement_spans = Vec::new();
    let mut comments = Vec::new();
    let streamed = for_each_statement(
        &file,
        body_start..file.text.len(),
        lint_dialect(),
        |tokens, statement, statement_comments| {
            statement_spans.push(statement.span.clone());
            comments.extend_from_slice(statement_comments);
            lint_statement(
                &file,
                &mut tokens[statement.tokens.clone()],
                statement,
                statement_comments,
                options,
                &mut diagnostics,
            );
        },
    );
    comments.extend(streamed.trailing_comments);
    if options.enabled(&parse_error::RULE) {
        let unreadable = streamed
            .errors
            .iter()
            .map(|error| parse_error::unreadable_text(error.span.clone(), &error.message));
        diagnostics.splice(0..0, unreadable);
    }
    // A finding about an engine the project does not target is no finding.
    diagnostics
        .retain(|d| d.targets.is_empty() || d.targets.iter().any(|e| options.targets.includes(*e)));
    crate::suppress::apply(
        &file,
        &comments,
        &statement_spans,
        options,
        &mut diagnostics,
    );
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    FileReport {
        file,
        diagnostics,
        statements: statement_spans.len(),
        statement_spans,
    }
}

/// Parses one statement and runs every rule whose keywords it contains.
fn lint_statement(
    file: &SourceFile,
    tokens: &mut [Token],
    statement: &RawStatement,
    comments: &[Comment],
    options: &LintOptions,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let parsed = parse_statement_lending(file, tokens, comments, statement.span.clone());
    let tokens = &*tokens;
    let ctx = StatementCtx {
        file,
        tokens,
        span: statement.span.clone(),
        ast: parsed.as_ref().ok().map(|(ast, _)| ast),
        targets: &options.targets,
    };
    let keywords = KeywordSet::of(tokens);
    for rule in options.rules.iter().filter(|rule| keywords.admits(rule)) {
        (rule.check)(&ctx, &mut Sink::new(rule, diagnostics));
    }
    if let Err(errors) = &parsed
        && options.enabled(&parse_error::RULE)
    {
        diagnostics.push(parse_error::unparsed_statement(
            statement.span.clone(),
            tokens,
            errors,
        ));
    }
}

/// Lints raw bytes: invalid UTF-8 is replaced (and reported) so the rest still gets linted.
pub fn lint_bytes(path: &str, bytes: &[u8], options: &LintOptions) -> FileReport {
    match std::str::from_utf8(bytes) {
        Ok(text) => lint_source(SourceFile::new(path, text), options),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes);
            let mut report = lint_source(SourceFile::new(path, text.as_ref()), options);
            report.diagnostics.insert(
                0,
                crate::rules::input::invalid_utf8::diagnostic(&report.file, error),
            );
            report
        }
    }
}
