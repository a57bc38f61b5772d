//! `--format json`: the stable contract other tools and the tests read.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Engine, Fix, Severity, serialize_range};
use crate::lint::FileReport;
use crate::report::Summary;
use crate::source::SourceFile;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: AllDiagnostics<'a>,
    summary: Summary,
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
        let (line, column) = file.line_col(offset);
        Position { line, column }
    }
}

/// Every file's diagnostics, serialized one at a time rather than first
/// collected (a large run has hundreds of thousands).
struct AllDiagnostics<'a>(&'a [FileReport]);

impl Serialize for AllDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .iter()
                .flat_map(|r| r.diagnostics.iter().map(|d| json_diagnostic(&r.file, d))),
        )
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

pub fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let output = Output {
        version: 1,
        diagnostics: AllDiagnostics(reports),
        summary: Summary::of(reports),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
