//! Reporters: each turns the same `FileReport`s into one output format.
//! They only print what the diagnostics say; no reporter re-derives a fact.
//!
//! A reporter works in two steps, so that the costly one runs in parallel:
//! `render` turns one file's report into bytes on the worker thread that
//! linted it (miette's snippets cost about as much as linting), then `write`
//! puts the rendered files out in file order as the run goes, and `finish`
//! adds the summary. A run holds only the files not yet written.

pub mod baseline;
mod compact;
mod github;
mod human;
mod json;
mod sarif;
mod snippet;
mod streamed;
mod wrap;

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
    /// Statements sqlparser did not parse: only the token rules checked them.
    #[serde(skip_serializing_if = "is_zero")]
    pub unparsed_statements: usize,
    /// Database calls in Rust files whose SQL is built at run time: not checked.
    #[serde(skip_serializing_if = "is_zero")]
    pub unchecked: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// What the summary line adds when statements were not parsed, so none
    /// is skipped silently: `; 3 statements not parsed by sqlparser; token rules only`.
    pub fn unparsed_note(&self) -> String {
        match self.unparsed_statements {
            0 => String::new(),
            1 => "; 1 statement not parsed by sqlparser; token rules only".into(),
            n => format!("; {n} statements not parsed by sqlparser; token rules only"),
        }
    }
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Summary {
            // The parts of a large file after its first are the same file.
            files: reports.iter().filter(|r| !r.continues_file()).count(),
            ..Summary::default()
        };
        for report in reports {
            summary.statements += report.statements;
            summary.unparsed_statements += report.unparsed;
            summary.unchecked += report.unchecked;
            for diagnostic in &report.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => {}
                }
            }
        }
        summary
    }
}

impl std::ops::AddAssign for Summary {
    fn add_assign(&mut self, other: Summary) {
        self.files += other.files;
        self.statements += other.statements;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.unparsed_statements += other.unparsed_statements;
        self.unchecked += other.unchecked;
    }
}

/// How a reporter may decorate its output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

/// One file's findings as a format prints them, rendered ahead of writing.
#[derive(Debug, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// How many elements `bytes` holds, for formats that separate them
    /// (JSON's and SARIF's arrays).
    pub items: usize,
}

/// One format's output.
pub trait Reporter: Sync {
    /// What comes before any file (a document's opening).
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's findings; called on worker threads, in any order, after `begin`.
    fn render(&self, report: &FileReport) -> io::Result<Rendered>;

    /// Writes a rendered file; called with the files in order.
    fn write(&mut self, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&rendered.bytes)
    }

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
    for report in reports {
        let rendered = reporter.render(report)?;
        reporter.write(&rendered, out)?;
    }
    reporter.finish(&Summary::of(reports), out)
}
