//! `--format compact`: `path:line:col: severity[rule] message`, one finding per
//! line and nothing else, the shape editors' problem matchers and `errorformat`
//! read.

use std::io::{self, Write};

use crate::lint::FileReport;
use crate::report::{Rendered, Reporter, Summary};

pub struct Compact;

impl Reporter for Compact {
    fn render(&self, report: &FileReport) -> io::Result<Rendered> {
        let mut rendered = Rendered::default();
        for d in &report.diagnostics {
            let (line, column) = report.file.position(d.span.start);
            // A message is one line; a stray newline would break every matcher.
            let message = d.message.replace(['\r', '\n'], " ");
            writeln!(
                rendered.bytes,
                "{}:{line}:{column}: {}[{}] {message}",
                report.file.path, d.severity, d.rule
            )?;
        }
        Ok(rendered)
    }

    fn finish(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
