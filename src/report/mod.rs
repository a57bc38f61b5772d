//! Reporters: each turns the same `FileReport`s into one output format.
//! They only print what the diagnostics say; no reporter re-derives a fact.

mod compact;
mod github;
mod human;
mod json;
mod sarif;
mod snippet;

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
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.statements += report.statements;
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

/// How a reporter may decorate its output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

pub fn write(
    format: Format,
    reports: &[FileReport],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, style, out),
        Format::Json => json::write(reports, out),
        Format::Sarif => sarif::write(reports, out),
        Format::Github => github::write(reports, out),
        Format::Compact => compact::write(reports, out),
    }
}
