//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's diff.
//!
//! GitHub shows at most 10 annotations of each type per step, so a final plain
//! summary line gives the full counts and says where the rest went.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::report::{Rendered, Reporter, Summary};
use crate::sources::file::SourceFile;

/// Annotations GitHub displays per type and step; the rest stay in the log only.
const SHOWN_PER_TYPE: usize = 10;

pub struct Github;

impl Reporter for Github {
    fn render(&self, report: &FileReport) -> io::Result<Rendered> {
        let mut rendered = Rendered::default();
        for d in &report.diagnostics {
            writeln!(rendered.bytes, "{}", command(&report.file, d))?;
        }
        Ok(rendered)
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_line(summary))
    }
}

fn command(file: &SourceFile, d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (line, col) = file.position(d.span.start);
    let (end_line, end_column) = file.position(last_char_start(file, d));
    let message = format!("{}\n{}", d.message, d.help);
    format!(
        "::{kind} file={},line={line},col={col},endLine={end_line},endColumn={end_column},title={}::{}",
        escape_property(&repository_path(&file.path)),
        escape_property(d.rule),
        escape_data(message.trim_end()),
    )
}

/// GitHub matches `file` against paths in the repository: `/` separators, no `./`.
fn repository_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}

/// GitHub's end column is inclusive: the position of the span's last character.
fn last_char_start(file: &SourceFile, d: &Diagnostic) -> usize {
    file.slice(d.span.clone())
        .and_then(|text| text.char_indices().last())
        .map_or(d.span.start, |(i, _)| d.span.start + i)
}

/// Escaping of a command's message, as the runner (actions/toolkit) defines it.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties are also cut at `,` and `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn summary_line(summary: &Summary) -> String {
    let mut line = format!(
        "dal-audit: {} error(s) and {} warning(s) in {} file(s), {} statement(s) checked{}.",
        summary.errors,
        summary.warnings,
        summary.files,
        summary.statements,
        summary.unparsed_note()
    );
    if summary.errors > SHOWN_PER_TYPE || summary.warnings > SHOWN_PER_TYPE {
        line.push_str(&format!(
            " GitHub shows only the first {SHOWN_PER_TYPE} annotations of each type per step: \
             every finding is in the lines above, or upload `--format sarif` to code scanning."
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_repository_paths() {
        assert_eq!(repository_path("./migrations\\1.sql"), "migrations/1.sql");
    }

    #[test]
    fn properties_escape_the_characters_that_would_end_them() {
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape_data("50%: a,b\r\n"), "50%25: a,b%0D%0A");
    }
}
