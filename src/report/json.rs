//! `--format json`: the stable contract other tools and the tests read.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Engine, Fix, Severity, serialize_range};
use crate::lint::FileReport;
use crate::report::streamed::StreamedArray;
use crate::report::{Rendered, Reporter, Summary};
use crate::sources::file::SourceFile;

/// The document, with its diagnostics streamed into the empty array.
#[derive(Serialize)]
struct Output {
    version: u32,
    diagnostics: [(); 0],
    summary: Summary,
}

const DIAGNOSTICS: &str = "diagnostics";

impl Output {
    fn new(summary: Summary) -> Self {
        Output {
            version: 1,
            diagnostics: [],
            summary,
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    help: &'a str,
    targets: &'a [Engine],
    #[serde(serialize_with = "serialize_range")]
    span: std::ops::Range<usize>,
    start: Position,
    end: Position,
    fix: Option<&'a Fix>,
}

/// 1-based line, column counted in characters.
#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

impl Position {
    fn at(file: &SourceFile, offset: usize) -> Self {
        let (line, column) = file.position(offset);
        Position { line, column }
    }
}

fn json_diagnostic<'a>(file: &'a SourceFile, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path: &file.path,
        rule: d.rule,
        severity: d.severity,
        message: &d.message,
        help: &d.help,
        targets: &d.targets,
        span: d.span.clone(),
        start: Position::at(file, d.span.start),
        end: Position::at(file, d.span.end),
        fix: d.fix.as_ref(),
    }
}

/// Opens the document in `begin`, writes each diagnostic as it comes, and
/// closes the document with the summary.
#[derive(Default)]
pub struct Json {
    diagnostics: Option<StreamedArray>,
}

impl Reporter for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let document = Output::new(Summary::default());
        self.diagnostics = Some(StreamedArray::begin(&document, DIAGNOSTICS, out)?);
        Ok(())
    }

    fn render(&self, report: &FileReport) -> io::Result<Rendered> {
        let array = self.diagnostics.as_ref().ok_or_else(not_begun)?;
        let mut rendered = Rendered::default();
        for d in &report.diagnostics {
            array.render_element(&json_diagnostic(&report.file, d), &mut rendered)?;
        }
        Ok(rendered)
    }

    fn write(&mut self, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        let array = self.diagnostics.as_mut().ok_or_else(not_begun)?;
        array.write_rendered(rendered, out)
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let array = self.diagnostics.take().ok_or_else(not_begun)?;
        array.finish(&Output::new(*summary), DIAGNOSTICS, out)
    }
}

fn not_begun() -> io::Error {
    io::Error::other("the JSON report was not begun")
}
