//! `--format human`: miette's annotated snippets, then a one-line summary.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::report::snippet::{Snippets, printable};
use crate::report::{Reporter, Style, Summary};

/// Fixed so that output (and its snapshots) do not depend on the terminal.
const WIDTH: usize = 100;

/// How many snippets are rendered in parallel before being written.
const RENDER_BATCH: usize = 1024;

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
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(WIDTH)
            .with_links(false);
        Human { handler }
    }
}

impl Reporter for Human {
    fn files(&mut self, reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
        // miette's rendering (text wrapping above all) costs about as much as
        // linting, so batches of snippets are rendered in parallel and written
        // in order; a batch bounds the memory the rendered text takes.
        let sources: Vec<Snippets> = reports.iter().map(|r| Snippets::new(&r.file)).collect();
        let views: Vec<MietteView> = reports
            .iter()
            .zip(&sources)
            .flat_map(|(report, source)| {
                report
                    .diagnostics
                    .iter()
                    .map(move |diagnostic| MietteView { diagnostic, source })
            })
            .collect();
        for batch in views.chunks(RENDER_BATCH) {
            let rendered: Vec<Result<String, fmt::Error>> = batch
                .par_iter()
                .map(|view| {
                    let mut text = String::new();
                    self.handler.render_report(&mut text, view).map(|()| text)
                })
                .collect();
            for text in rendered {
                writeln!(out, "{}", text.map_err(io::Error::other)?)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_line(summary))
    }
}

fn summary_line(summary: &Summary) -> String {
    let checked = format!(
        "{} {}, {} {} checked",
        summary.files,
        plural(summary.files, "file", "files"),
        summary.statements,
        plural(summary.statements, "statement", "statements")
    );
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

/// Adapts a `Diagnostic` to miette without copying the source.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a Snippets<'a>,
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&printable(&self.diagnostic.message))
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
        Some(Box::new(printable(&self.diagnostic.help)))
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
