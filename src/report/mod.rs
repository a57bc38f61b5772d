//! Reporters: each turns the same `FileReport`s into one output format.
//! They only print what the diagnostics say; no reporter re-derives a fact.
//!
//! A reporter writes as the run goes: the reports of a few files at a time,
//! in file order, then the summary; so a run holds only the reports not yet
//! written, not every file's.

mod compact;
mod github;
mod human;
mod json;
mod sarif;
mod snippet;
mod streamed;

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::lint::FileReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets for people.
    Human,
    /// One JSON document for tools (`version` 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations), then a summary line.
    Github,
    /// `path:line:col: severity[rule] message`, one per line, for editors.
    Compact,
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub statements: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Summary::default();
        summary.add(reports);
        summary
    }

    /// Counts these reports too.
    pub fn add(&mut self, reports: &[FileReport]) {
        // The parts of a large file after its first are the same file.
        self.files += reports.iter().filter(|r| !r.continued).count();
        for report in reports {
            self.statements += report.statements;
            for diagnostic in &report.diagnostics {
                match diagnostic.severity {
                    Severity::Error => self.errors += 1,
                    Severity::Warning => self.warnings += 1,
                    Severity::Info => {}
                }
            }
        }
    }
}

/// How a reporter may decorate its output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

/// One format's output, written a few files at a time.
pub trait Reporter {
    /// What comes before any file (a document's opening).
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// These files' findings; called with the files in order.
    fn files(&mut self, reports: &[FileReport], out: &mut dyn Write) -> io::Result<()>;

    /// What comes after every file: the summary, a document's end.
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

pub fn reporter(format: Format, style: Style) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human::new(style)),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
        Format::Compact => Box::new(compact::Compact),
    }
}

/// The whole output for reports already all in hand.
pub fn write(
    format: Format,
    reports: &[FileReport],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut reporter = reporter(format, style);
    reporter.begin(out)?;
    reporter.files(reports, out)?;
    reporter.finish(&Summary::of(reports), out)
}
