//! The command line: `check`, `rules`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rayon::prelude::*;

use crate::diagnostic::Severity;
use crate::discover::{discover, unreadable};
use crate::lint::{FileReport, LintOptions, lint_bytes};
use crate::report::{self, Format, Style};
use crate::rules;
use crate::stack;

/// Keeps SQL migrations portable between SQLite and PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "dal-audit", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint SQL files; directories are searched for `*.sql`.
    Check(CheckArgs),
    /// List every rule.
    Rules,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories [default: migrations]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    /// Colour on a terminal unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

/// Exit statuses: what CI scripts branch on.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const USAGE_OR_IO: u8 = 2;
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => list_rules(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("dal-audit: {message}");
            ExitCode::from(exit::USAGE_OR_IO)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("migrations")]
    } else {
        args.paths
    };
    let discovered = discover(&paths)?;
    let options = LintOptions::default();
    let (reports, read_errors) = lint_files(&discovered.files, &options)?;

    let style = Style {
        color: use_color(args.color),
    };
    let mut stdout = std::io::stdout().lock();
    report::write(args.format, &reports, style, &mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write the report: {e}"))?;

    let problems: Vec<&String> = discovered.problems.iter().chain(&read_errors).collect();
    for problem in &problems {
        eprintln!("dal-audit: {problem}");
    }
    let has_errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    Ok(if !problems.is_empty() {
        exit::USAGE_OR_IO
    } else if has_errors {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// Lints files in parallel; reports come back in the order of `files`.
fn lint_files(
    files: &[PathBuf],
    options: &LintOptions,
) -> Result<(Vec<FileReport>, Vec<String>), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(stack::LINT_STACK_SIZE)
        .start_handler(|_| stack::mark_lint_stack())
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let results: Vec<Result<FileReport, String>> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let bytes = std::fs::read(path).map_err(|e| unreadable(path, &e))?;
                Ok(lint_bytes(&path.to_string_lossy(), &bytes, options))
            })
            .collect()
    });
    let mut reports = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(error) => errors.push(error),
        }
    }
    Ok((reports, errors))
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn list_rules() -> Result<u8, String> {
    let mut out = std::io::stdout().lock();
    let rows: Vec<[String; 5]> = rules::all()
        .iter()
        .map(|rule| {
            let targets: Vec<&str> = rule.targets.iter().map(|e| e.as_str()).collect();
            [
                rule.id.to_string(),
                rule.group.to_string(),
                rule.severity.to_string(),
                if targets.is_empty() {
                    "-".into()
                } else {
                    targets.join(",")
                },
                rule.summary.to_string(),
            ]
        })
        .collect();
    let header = ["RULE", "GROUP", "SEVERITY", "BREAKS", "SUMMARY"].map(String::from);
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            rows.iter()
                .chain([&header])
                .map(|r| r[c].len())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let line = format!(
            "{:w0$}  {:w1$}  {:w2$}  {:w3$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
        writeln!(out, "{}", line.trim_end()).map_err(|e| e.to_string())?;
    }
    Ok(exit::CLEAN)
}
