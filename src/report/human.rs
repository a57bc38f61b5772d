//! `--format human`: miette's annotated snippets, then a one-line summary.

use std::fmt;
use std::io::{self, Write};
use std::rc::Rc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::report::snippet::{Snippets, printable};
use crate::report::wrap::{Block, WIDTH, wrapped};
use crate::report::{Rendered, Reporter, Style, Summary};

pub struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    pub fn new(style: Style) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // Texts come wrapped already (see `wrap.rs`).
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(WIDTH)
            .with_wrap_lines(false)
            .with_links(false);
        Human { handler }
    }
}

impl Reporter for Human {
    fn render(&self, report: &FileReport) -> io::Result<Rendered> {
        let source = Snippets::new(&report.file);
        // About what a finding takes, so that the text is seldom copied as it grows.
        let mut text = String::with_capacity(report.diagnostics.len() * 768);
        for diagnostic in &report.diagnostics {
            let view = MietteView::new(diagnostic, &source);
            self.handler
                .render_report(&mut text, &view)
                .map_err(io::Error::other)?;
            text.push('\n');
        }
        Ok(Rendered {
            bytes: text.into_bytes(),
            items: report.diagnostics.len(),
        })
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_line(summary))
    }
}

fn summary_line(summary: &Summary) -> String {
    let mut checked = format!(
        "{} {}, {} {} checked{}",
        summary.files,
        plural(summary.files, "file", "files"),
        summary.statements,
        plural(summary.statements, "statement", "statements"),
        summary.unparsed_note()
    );
    if summary.unchecked > 0 {
        checked += &format!(
            "; {} {} built at run time not checked",
            summary.unchecked,
            plural(summary.unchecked, "query", "queries")
        );
    }
    if summary.errors == 0 && summary.warnings == 0 {
        return format!("No problems found ({checked}).");
    }
    format!(
        "Found {} {} and {} {} ({checked}).",
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings"),
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Adapts a `Diagnostic` to miette without copying the source; its message
/// and help are wrapped as miette would wrap them.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a Snippets<'a>,
    message: Rc<str>,
    help: Rc<str>,
}

impl<'a> MietteView<'a> {
    fn new(diagnostic: &'a Diagnostic, source: &'a Snippets<'a>) -> Self {
        let message = wrapped(&printable(&diagnostic.message), Block::Message);
        let help = wrapped(&printable(&diagnostic.help), Block::Help);
        MietteView {
            diagnostic,
            source,
            message,
            help,
        }
    }
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&*self.help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(primary_label(d)),
            self.source.label_span(&d.span),
        );
        let secondary = d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(
                Some(printable(&l.message).into_owned()),
                self.source.label_span(&l.span),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// "fails on PostgreSQL", "differs on SQLite", or for parse problems "here".
fn primary_label(d: &Diagnostic) -> String {
    let engines: Vec<&str> = d.targets.iter().map(|e| e.display_name()).collect();
    if engines.is_empty() {
        return "here".into();
    }
    let verb = match d.severity {
        Severity::Error => "fails on",
        Severity::Warning | Severity::Info => "differs on",
    };
    format!("{verb} {}", engines.join(" and "))
}
