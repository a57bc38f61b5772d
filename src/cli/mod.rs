//! The command line: `check`, `verify`, `rules`, `explain`, `server`.

/// Exit statuses: what CI scripts branch on.
pub mod exit;
pub mod explain;
pub mod fix;
pub mod server;
pub mod verify;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rayon::prelude::*;

use crate::lint::parts::{PART_BYTES, PartsError, for_each_part, in_parts};
use crate::lint::rust::is_rust;
use crate::lint::stack;
use crate::lint::{FileReport, LintOptions};
use crate::project::changed::changed_files;
use crate::project::config::{Config, FailOn};
use crate::project::discover::{describe, discover, unreadable};
use crate::project::targets::Targets;
use crate::report::baseline::{Baseline, BaselineWriter};
use crate::report::{self, Format, Style, Summary};
use crate::rules;
use crate::sources::rust::fields::DatabaseFields;

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
    /// Replay each migration set on embedded SQLite and a scratch PostgreSQL
    /// database; report what each engine rejects and how their schemas differ.
    Verify(verify::VerifyArgs),
    /// List every rule.
    Rules {
        /// `text`, a table for people, or `json`, an array for tools.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a rule's documentation: what it flags, why, and what to write instead.
    Explain {
        /// A rule id, as `dal-audit rules` lists them.
        rule: String,
    },
    /// Run the language server over stdin/stdout, for editors: diagnostics as
    /// you type, quick fixes and `allow` comments as code actions.
    Server,
    /// Print a shell completion script (`dal-audit completions bash >
    /// ~/.local/share/bash-completion/completions/dal-audit`).
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories, or `-` for standard input [default: the
    /// configuration's `paths`, else `migrations`]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Lint standard input as if it were the file PATH: its path is reported,
    /// and the configuration's include/exclude apply to it.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// The configuration file [default: the nearest `dal-audit.toml`, or
    /// Cargo.toml with `[package.metadata.dal-audit]` or
    /// `[workspace.metadata.dal-audit]`, from the current directory up].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Lint only the files added or modified since the merge-base of REF and
    /// HEAD (uncommitted and untracked files included).
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,
    /// An engine the migrations must run on, with its oldest version:
    /// `sqlite>=3.35` or `postgres>=14` (quote it in a shell); repeat for
    /// each. Replaces `targets`.
    #[arg(long = "target", value_name = "TARGET")]
    targets: Vec<String>,
    /// Run only these rules (comma-separated ids or groups: `pedantic`).
    #[arg(long, value_delimiter = ',', value_name = "RULE-IDS")]
    select: Vec<String>,
    /// Run these rules as well as the others (comma-separated ids or
    /// groups): turns on opt-in rules such as `unparsed-statement`, or the
    /// `pedantic` group.
    #[arg(long, value_delimiter = ',', value_name = "RULE-IDS")]
    extend_select: Vec<String>,
    /// Do not run these rules (comma-separated ids or groups).
    #[arg(long, value_delimiter = ',', value_name = "RULE-IDS")]
    ignore: Vec<String>,
    /// The lowest severity that makes the exit status 1 [default: the
    /// configuration's `fail-on`, else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Apply the safe fixes to the files, then report what remains.
    #[arg(long)]
    fix: bool,
    /// Apply the unsafe fixes too (fixes that need a look; implies --fix
    /// unless --diff is given).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change no file; exit 1 when
    /// there is something to fix.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Report only the findings not recorded in this baseline file
    /// [default: the configuration's `baseline`].
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

impl CheckArgs {
    fn fix_request<'a>(&self, baseline: Option<&'a Baseline>) -> Option<fix::FixRequest<'a>> {
        let level = if self.unsafe_fixes {
            crate::fix::FixLevel::Unsafe
        } else {
            crate::fix::FixLevel::Safe
        };
        (self.fix || self.unsafe_fixes || self.diff).then_some(fix::FixRequest {
            level,
            diff_only: self.diff,
            baseline,
        })
    }

    /// `--baseline`, else the configuration's, unless `--write-baseline`
    /// rewrites it.
    fn baseline(&self, config: &Config, cwd: &Path) -> Result<Option<Baseline>, String> {
        let path = match (&self.baseline, &self.write_baseline) {
            (Some(path), _) => Some(path.as_path()),
            (None, None) => config.baseline.as_deref(),
            (None, Some(_)) => None,
        };
        path.map(|path| Baseline::load(path, cwd)).transpose()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    /// Colour on a terminal unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Verify(args) => verify::verify(args),
        Command::Rules { format } => match format {
            RulesFormat::Text => list_rules(),
            RulesFormat::Json => rules_json(),
        },
        Command::Explain { rule } => crate::cli::explain::explain(&rule).map(|page| {
            println!("{page}");
            exit::CLEAN
        }),
        Command::Server => crate::cli::server::server(),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "dal-audit", &mut script);
            std::io::stdout()
                .write_all(&script)
                .map(|()| exit::CLEAN)
                .map_err(|e| e.to_string())
        }
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
    let cwd = std::env::current_dir()
        .map_err(|e| format!("cannot read the current directory: {}", describe(&e)))?;
    let config = Config::load(args.config.as_deref(), &cwd)?;
    let mut options = lint_options(&args, &config)?;
    let input = if reads_stdin(&args)? {
        Input::Stdin(read_stdin(&args, &config, &cwd)?)
    } else {
        select_files(&args, &config, &cwd)?
    };
    let pool = lint_pool()?;
    let baseline = args.baseline(&config, &cwd)?;
    let database_fields = match &input {
        Input::Files(files, _, _) if config.has_storage() => {
            pool.install(|| crate::lint::rust::project_database_fields(files))
        }
        _ => DatabaseFields::default(),
    };
    let fixing = match args.fix_request(baseline.as_ref()) {
        Some(request) => {
            let run = Run {
                options: &options,
                config: &config,
                cwd: &cwd,
                database_fields: &database_fields,
                levels_only: false,
            };
            Some((request, fix_first(&input, &run, request, &pool)?))
        }
        None => None,
    };
    if let Some((request, run)) = &fixing
        && request.diff_only
    {
        return Ok(diff_finished(run, *request));
    }
    if let Input::Files(_, _, discovered) = &input {
        let changed_since = args.changed_since.as_deref();
        options.set_findings =
            crate::history::set_pass(discovered, &config, &cwd, changed_since, &options)?;
    }
    let baseline_writer = args
        .write_baseline
        .as_deref()
        .map(|path| BaselineWriter::new(path, &cwd));

    let style = Style {
        color: use_color(args.color),
    };
    // Stdout is line-buffered: unbuffered, a large report is a syscall per line.
    let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    let mut output = Output::begin(report::reporter(args.format, style), stdout, fail_on)?;
    output.baseline = baseline.as_ref();
    output.baseline_writer = baseline_writer.as_ref();
    let problems = match input {
        Input::Stdin(None) => Vec::new(),
        Input::Stdin(Some((name, bytes))) => {
            // `lint_file` moves the work to a thread with room for deep statements.
            let file_options = config.file_options(Path::new(&name), &cwd, &options);
            let report = crate::lint::lint_file(&name, &bytes, &file_options);
            let done = output.renderer().render(Ok(report));
            output.write(vec![done])?;
            Vec::new()
        }
        Input::Files(files, problems, _) => {
            let run = Run {
                options: &options,
                config: &config,
                cwd: &cwd,
                database_fields: &database_fields,
                levels_only: false,
            };
            let read_errors = lint_files(&files, &run, &pool, &mut output)?;
            write_deleted_files(&run, &mut output)?;
            problems.into_iter().chain(read_errors).collect()
        }
    };
    let remaining = output.findings;
    let fails = output.finish()?;
    let fixed = fixing.as_ref().map(|(request, run)| (*request, run));
    let notes = closing_notes(fixed, remaining, baseline.as_ref());
    write_notes(args.format, &notes);
    // A new baseline holds every finding: nothing new fails.
    let fails = fails && baseline_writer.is_none();
    if let (Some(writer), Some(path)) = (baseline_writer, &args.write_baseline) {
        let recorded = writer.write()?;
        let note = format!(
            "Wrote {} to the baseline {}",
            fix::plural(recorded, "finding"),
            path.display()
        );
        write_notes(args.format, &[note]);
    }
    let fix_problems = fixing.into_iter().flat_map(|(_, run)| run.problems);
    let problems: Vec<String> = fix_problems.chain(problems).collect();
    for problem in &problems {
        eprintln!("dal-audit: {problem}");
    }
    Ok(if !problems.is_empty() {
        exit::USAGE_OR_IO
    } else if fails {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// What the run ends with after the report: what `--fix` did, what the
/// baseline hid.
fn closing_notes(
    fixed: Option<(fix::FixRequest<'_>, &fix::FixRun)>,
    remaining: usize,
    baseline: Option<&Baseline>,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some((request, run)) = fixed {
        notes.push(fix::summary_line(run, request, Some(remaining)));
    }
    notes.extend(baseline.map(baseline_line));
    notes
}

/// `--fix` or `--diff`: fixes the files (or prints their diffs) before the
/// run lints them. Whole-set findings are left out: their spans are the
/// files' before any fix, and the set pass runs again on the fixed files.
fn fix_first(
    input: &Input,
    run: &Run,
    request: fix::FixRequest<'_>,
    pool: &rayon::ThreadPool,
) -> Result<fix::FixRun, String> {
    let Input::Files(files, _, _) = input else {
        return Err(
            "--fix, --unsafe-fixes and --diff change files: they cannot read standard input".into(),
        );
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let run = fix::fix_files(files, run, request, pool, &mut stdout)?;
    stdout.flush().map_err(cannot_write)?;
    for note in &run.notes {
        eprintln!("dal-audit: {note}");
    }
    Ok(run)
}

/// `--diff` is done once the diffs are printed: exit 1 when there is
/// something to fix.
fn diff_finished(run: &fix::FixRun, request: fix::FixRequest<'_>) -> u8 {
    eprintln!("{}", fix::summary_line(run, request, None));
    for problem in &run.problems {
        eprintln!("dal-audit: {problem}");
    }
    if !run.problems.is_empty() {
        exit::USAGE_OR_IO
    } else if run.fixed > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn baseline_line(baseline: &Baseline) -> String {
    let stale = baseline.stale();
    let entries = if stale == 1 { "entry" } else { "entries" };
    let mut line = format!(
        "{} hidden by the baseline; {stale} stale baseline {entries}",
        fix::plural(baseline.hidden(), "finding"),
    );
    if stale > 0 {
        line.push_str(" (fixed or changed: --write-baseline drops them)");
    }
    line
}

/// Lines after the report: on standard output after a human report, on
/// standard error after a document a tool reads.
fn write_notes(format: Format, notes: &[String]) {
    for note in notes {
        match format {
            Format::Human => println!("{note}"),
            _ => eprintln!("{note}"),
        }
    }
}

/// What `check` lints: standard input (its name and bytes, or nothing when
/// the configuration excludes the name it is given), or files, the
/// problems met finding them, and every file discovered (the migration
/// sets are read from those, whatever `--changed-since` keeps).
enum Input {
    Stdin(Option<(String, Vec<u8>)>),
    Files(Vec<PathBuf>, Vec<String>, Vec<PathBuf>),
}

/// The set pass's findings about files that no longer exist (an applied
/// migration deleted): reported under their path, after the files.
fn write_deleted_files<W: Write>(run: &Run, output: &mut Output<W>) -> Result<(), String> {
    let mut deleted: Vec<&str> = run
        .options
        .set_findings
        .paths()
        .filter(|path| !Path::new(path).exists())
        .collect();
    deleted.sort_unstable();
    for path in deleted {
        // What the pipeline does with a file's findings: the rules and
        // targets, then the severities, of the file's options.
        let options = run.for_file(Path::new(path)).lint;
        let mut diagnostics = options.set_findings.for_file(path).to_vec();
        crate::lint::keep_targeted(&mut diagnostics, &options);
        options.apply_severities(&mut diagnostics);
        let report = FileReport {
            file: crate::SourceFile::new(path, ""),
            diagnostics,
            statements: 0,
            statement_spans: Vec::new(),
            unparsed: 0,
            part: None,
            unchecked: 0,
        };
        let done = output.renderer().render(Ok(report));
        output.write(vec![done])?;
    }
    Ok(())
}

/// The report as it is written, and what the exit status needs of it.
struct Output<'a, W: Write> {
    reporter: Box<dyn report::Reporter>,
    out: W,
    fail_on: FailOn,
    summary: Summary,
    fails: bool,
    /// Findings written, of any severity.
    findings: usize,
    baseline: Option<&'a Baseline>,
    baseline_writer: Option<&'a BaselineWriter>,
}

/// Everything the output needs of a file's report, done on the worker thread
/// that linted it (rendering costs about as much as linting).
#[derive(Clone, Copy)]
struct Renderer<'a> {
    reporter: &'a dyn report::Reporter,
    fail_on: FailOn,
    baseline: Option<&'a Baseline>,
    baseline_writer: Option<&'a BaselineWriter>,
}

impl Renderer<'_> {
    /// A file that could not be read comes back as its error.
    fn render(self, report: Result<FileReport, String>) -> Result<Done, String> {
        let mut report = report?;
        if let Some(writer) = self.baseline_writer {
            writer.record(&report);
        }
        if let Some(baseline) = self.baseline {
            baseline.filter(&mut report);
        }
        let fails = report
            .diagnostics
            .iter()
            .any(|d| self.fail_on.fails(d.severity));
        Ok(Done {
            rendered: self.reporter.render(&report),
            summary: Summary::of(std::slice::from_ref(&report)),
            fails,
            findings: report.diagnostics.len(),
        })
    }
}

/// One file, linted and rendered, waiting for its turn to be written.
struct Done {
    rendered: std::io::Result<report::Rendered>,
    summary: Summary,
    fails: bool,
    findings: usize,
}

impl<'a, W: Write> Output<'a, W> {
    fn begin(
        mut reporter: Box<dyn report::Reporter>,
        mut out: W,
        fail_on: FailOn,
    ) -> Result<Self, String> {
        reporter.begin(&mut out).map_err(cannot_write)?;
        Ok(Output {
            reporter,
            out,
            fail_on,
            summary: Summary::default(),
            fails: false,
            findings: 0,
            baseline: None,
            baseline_writer: None,
        })
    }

    /// What the worker threads need to render files for this output.
    fn renderer(&self) -> Renderer<'_> {
        Renderer {
            reporter: &*self.reporter,
            fail_on: self.fail_on,
            baseline: self.baseline,
            baseline_writer: self.baseline_writer,
        }
    }

    /// Writes these files (the next in file order); returns the read errors.
    fn write(&mut self, files: Vec<Result<Done, String>>) -> Result<Vec<String>, String> {
        let mut errors = Vec::new();
        for file in files {
            match file {
                Ok(done) => {
                    self.summary += done.summary;
                    self.fails |= done.fails;
                    self.findings += done.findings;
                    let rendered = done.rendered.map_err(cannot_write)?;
                    self.reporter
                        .write(&rendered, &mut self.out)
                        .map_err(cannot_write)?;
                }
                Err(error) => errors.push(error),
            }
        }
        Ok(errors)
    }

    /// Writes the summary; whether a finding fails the run.
    fn finish(mut self) -> Result<bool, String> {
        self.reporter
            .finish(&self.summary, &mut self.out)
            .and_then(|()| self.out.flush())
            .map_err(cannot_write)?;
        Ok(self.fails)
    }
}

fn cannot_write(e: std::io::Error) -> String {
    format!("cannot write the report: {e}")
}

/// Rules and targets from the configuration, then the command line.
fn lint_options(args: &CheckArgs, config: &Config) -> Result<LintOptions, String> {
    let mut options = config.lint_options();
    if !args.targets.is_empty() {
        options.targets = Targets::parse(&args.targets).map_err(|e| format!("--target: {e}"))?;
        options.targets_given = true;
    }
    let select = rule_ids("--select", &args.select)?;
    if !select.is_empty() {
        // `--select` names the rules to run, whatever the configuration turns off.
        options.rules = rules::all()
            .iter()
            .copied()
            .filter(|rule| select.contains(&rule.id))
            .collect();
    }
    for id in rule_ids("--extend-select", &args.extend_select)? {
        if !options.rules.iter().any(|rule| rule.id == id) {
            options.rules.extend(rules::by_id(id));
        }
    }
    let ignore = rule_ids("--ignore", &args.ignore)?;
    options.rules.retain(|rule| !ignore.contains(&rule.id));
    Ok(options)
}

/// The rule ids `ids` name: rule ids, or groups (`pedantic`) for all their rules.
fn rule_ids(flag: &str, ids: &[String]) -> Result<Vec<&'static str>, String> {
    let mut found = Vec::new();
    for id in ids {
        let named = rules::selected_by(id.trim());
        if named.is_empty() {
            let hint = rules::closest_id(id.trim())
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            return Err(format!("{flag}: unknown rule `{id}`{hint}"));
        }
        found.extend(named.iter().map(|rule| rule.id));
    }
    Ok(found)
}

/// `check -` or `check --stdin-filename PATH` (without other paths).
fn reads_stdin(args: &CheckArgs) -> Result<bool, String> {
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    if dash && args.paths.len() > 1 {
        return Err("`-` (standard input) cannot be combined with other paths".into());
    }
    let stdin = dash || (args.paths.is_empty() && args.stdin_filename.is_some());
    if stdin && args.changed_since.is_some() {
        return Err("--changed-since cannot be combined with standard input".into());
    }
    if !stdin && args.stdin_filename.is_some() {
        return Err("--stdin-filename names standard input: pass `-` instead of paths".into());
    }
    Ok(stdin)
}

fn read_stdin(
    args: &CheckArgs,
    config: &Config,
    cwd: &Path,
) -> Result<Option<(String, Vec<u8>)>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {}", describe(&e)))?;
    let name = match &args.stdin_filename {
        Some(path) if !config.selects(path, cwd) => return Ok(None),
        Some(path) => path.to_string_lossy().into_owned(),
        None => "<stdin>".to_string(),
    };
    Ok(Some((name, bytes)))
}

/// The files named (or the configured `paths`, or `migrations`), filtered by
/// include/exclude and `--changed-since`, and the problems met finding them.
fn select_files(args: &CheckArgs, config: &Config, cwd: &Path) -> Result<Input, String> {
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else {
        config.default_paths(cwd)
    };
    let discovered = discover(&paths)?;
    let changed = match &args.changed_since {
        Some(git_ref) => Some(changed_files(git_ref, cwd)?),
        None => None,
    };
    let found = discovered.files.len();
    let all: Vec<PathBuf> = discovered
        .files
        .into_iter()
        .filter(|file| config.selects(file, cwd))
        .collect();
    // Files named one by one (a pre-commit hook) may all be excluded on
    // purpose; a folder whose every file is excluded is a wrong path or glob.
    if all.is_empty() && paths.iter().any(|p| p.is_dir()) {
        return Err(format!(
            "nothing to lint: the configuration's `include`/`exclude` leave none of the {found} SQL file(s) found; check the paths or the globs"
        ));
    }
    let files: Vec<PathBuf> = all
        .iter()
        .filter(|file| {
            changed.as_ref().is_none_or(|changed| {
                file.canonicalize()
                    .is_ok_and(|canonical| changed.contains(&canonical))
            })
        })
        .cloned()
        .collect();
    if let Some(git_ref) = &args.changed_since
        && files.is_empty()
    {
        eprintln!(
            "dal-audit: no SQL file changed since the merge-base of `{git_ref}` and HEAD: nothing to lint"
        );
    }
    Ok(Input::Files(files, discovered.problems, all))
}

/// Files linted and rendered at once: their output is held until all of
/// them are done and written. Enough to keep both cores busy between writes;
/// few enough that the output held stays small.
const WINDOW: usize = 64;

fn lint_pool() -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(stack::LINT_STACK_SIZE)
        .start_handler(|_| stack::mark_lint_stack())
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))
}

/// Lints and renders files in parallel, a window at a time, and writes each
/// window in the order of `files` before linting the next: a run holds one
/// window's output, not every file's. Returns the files that could not be read.
/// What every file of a run is linted with: the run's options, and the
/// configuration's overrides and storage globs for each path.
struct Run<'a> {
    options: &'a LintOptions,
    config: &'a Config,
    cwd: &'a Path,
    /// The project's database fields (`AppState::pool`), for the boundary.
    database_fields: &'a DatabaseFields,
    /// Only the overrides' levels apply, not their targets, rules or the
    /// storage globs (`verify`: its options, the engine rules, are the
    /// whole story).
    levels_only: bool,
}

impl Run<'_> {
    /// The file's options, severities included (`Config::file_options`).
    fn for_file(&self, path: &Path) -> crate::lint::FileOptions {
        let mut options = if self.levels_only {
            let mut options = self.options.clone();
            self.config.override_levels(path, self.cwd, &mut options);
            crate::lint::FileOptions::new(options)
        } else {
            self.config.file_options(path, self.cwd, self.options)
        };
        options.database_fields = self.database_fields.clone();
        options
    }
}

fn lint_files<W: Write>(
    files: &[PathBuf],
    run: &Run,
    pool: &rayon::ThreadPool,
    output: &mut Output<W>,
) -> Result<Vec<String>, String> {
    let mut errors = Vec::new();
    for window in windows(files) {
        if let [path] = window
            && linted_in_parts(path)
        {
            // A large file: each part is rendered and written before the next is read.
            let options = run.for_file(path).lint;
            let result = lint_file(path, &options, |part| {
                let done = output.renderer().render(Ok(part));
                output.write(vec![done]).map(drop)
            });
            match result {
                Ok(()) => {}
                Err(PartsError::Unreadable(e)) => errors.push(unreadable(path, &e)),
                Err(PartsError::Stopped(e)) => return Err(e),
            }
            continue;
        }
        let renderer = output.renderer();
        let done: Vec<Result<Done, String>> = pool.install(|| {
            window
                .par_iter()
                .flat_map_iter(|path| lint_whole(path, run).into_iter())
                .map(|report| renderer.render(report))
                .collect()
        });
        errors.extend(output.write(done)?);
    }
    Ok(errors)
}

/// Input bytes linted at once, as well as at most `WINDOW` files: the
/// output a window holds is about ten times its input when every statement
/// has findings, so 64 files of almost `PART_BYTES` would hold gigabytes.
const WINDOW_BYTES: u64 = 4 << 20;

/// Consecutive files linted whole, up to `WINDOW` of them and `WINDOW_BYTES`
/// (at least one), or one file linted in parts.
fn windows(files: &[PathBuf]) -> impl Iterator<Item = &[PathBuf]> {
    let mut rest = files;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let len = if linted_in_parts(first) {
            1
        } else {
            whole_files_window(rest)
        };
        let (window, after) = rest.split_at(len);
        rest = after;
        Some(window)
    })
}

/// How many of the first files (the first one not to be linted in parts)
/// make the next window.
fn whole_files_window(files: &[PathBuf]) -> usize {
    let mut bytes = 0;
    let mut count = 0;
    for path in files.iter().take(WINDOW) {
        // An unreadable file is a one-line error: it takes no room.
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if (size > PART_BYTES as u64 && !is_rust(path))
            || (count > 0 && bytes + size > WINDOW_BYTES)
        {
            break;
        }
        bytes += size;
        count += 1;
    }
    count
}

/// Whether a file is read and reported in parts (an SQL file over
/// `PART_BYTES`); a Rust file is parsed whole.
fn linted_in_parts(path: &Path) -> bool {
    !is_rust(path) && in_parts(path)
}

/// A file's report (one, unless the file grew past `PART_BYTES` since
/// `windows` looked), or why it could not be read.
fn lint_whole(path: &Path, run: &Run) -> Vec<Result<FileReport, String>> {
    let file_options = run.for_file(path);
    if is_rust(path) {
        let report = std::fs::read(path).map(|bytes| {
            let name = path.to_string_lossy();
            let mut report = crate::lint::lint_file(&name, &bytes, &file_options);
            report.release_unneeded_text();
            report
        });
        return vec![report.map_err(|e| unreadable(path, &e))];
    }
    let options = &file_options.lint;
    let mut reports = Vec::new();
    let collect = |report| {
        reports.push(Ok(report));
        Ok(())
    };
    match lint_file(path, options, collect) {
        // Collecting never stops.
        Ok(()) | Err(PartsError::Stopped(_)) => {}
        Err(PartsError::Unreadable(e)) => reports.push(Err(unreadable(path, &e))),
    }
    reports
}

/// Lints a file and hands over its report, or each part's for a large file.
fn lint_file(
    path: &Path,
    options: &LintOptions,
    mut on_report: impl FnMut(FileReport) -> Result<(), String>,
) -> Result<(), PartsError<String>> {
    for_each_part(path, options, |mut report| {
        report.release_unneeded_text();
        on_report(report)
    })
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
    let rows: Vec<[String; 6]> = rules::all()
        .iter()
        .map(|rule| {
            let targets: Vec<String> = rule.targets.iter().map(|e| breaks_on(rule, *e)).collect();
            [
                rule.id.to_string(),
                rule.group.to_string(),
                rule.severity.to_string(),
                if targets.is_empty() {
                    "-".into()
                } else {
                    targets.join(",")
                },
                // Opt-in (`pedantic`) rules run only when selected.
                if rule.opt_in { "off" } else { "on" }.to_string(),
                rule.summary.to_string(),
            ]
        })
        .collect();
    let header = ["RULE", "GROUP", "SEVERITY", "BREAKS", "DEFAULT", "SUMMARY"].map(String::from);
    let widths: Vec<usize> = (0..5)
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
            "{:w0$}  {:w1$}  {:w2$}  {:w3$}  {:w4$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4]
        );
        writeln!(out, "{}", line.trim_end()).map_err(|e| e.to_string())?;
    }
    Ok(exit::CLEAN)
}

/// A rule as `dal-audit rules --format json` lists it.
#[derive(serde::Serialize)]
struct RuleEntry {
    id: &'static str,
    group: &'static str,
    severity: crate::Severity,
    /// The engines the flagged SQL fails or differs on.
    engines: &'static [crate::Engine],
    /// Where a version-gated rule stops firing: `sqlite<3.35`.
    breaks: Vec<String>,
    fixable: bool,
    /// `safe`, `unsafe`, or null when the rule has no fix.
    fix: Option<&'static str>,
    /// Whether the rule runs when nothing selects it: false for the opt-in
    /// rules (`Rule::opt_in`: `unparsed-statement`, the `pedantic` group).
    on_by_default: bool,
    summary: &'static str,
}

fn rules_json() -> Result<u8, String> {
    let entries: Vec<RuleEntry> = rules::all()
        .iter()
        .map(|rule| {
            let fix = match rule.fix {
                rules::FixAvailability::None => None,
                rules::FixAvailability::Safe => Some("safe"),
                rules::FixAvailability::Unsafe => Some("unsafe"),
            };
            RuleEntry {
                id: rule.id,
                group: rule.group,
                severity: rule.severity,
                engines: rule.targets,
                breaks: rule.targets.iter().map(|e| breaks_on(rule, *e)).collect(),
                fixable: fix.is_some(),
                fix,
                on_by_default: !rule.opt_in,
                summary: rule.summary,
            }
        })
        .collect();
    let json = serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?;
    writeln!(std::io::stdout(), "{json}").map_err(|e| e.to_string())?;
    Ok(exit::CLEAN)
}

/// `sqlite` for a rule about any SQLite, `sqlite<3.35` for a version-gated
/// one, `sqlite<3.32…3.45` for one whose constructs need different versions.
fn breaks_on(rule: &rules::Rule, engine: crate::diagnostic::Engine) -> String {
    let versions: Vec<_> = rule
        .requires
        .iter()
        .filter(|(e, _)| *e == engine)
        .map(|(_, v)| *v)
        .collect();
    let show = rules::version_gate::show;
    match (versions.iter().min(), versions.iter().max()) {
        (Some(low), Some(high)) if low != high => {
            format!("{engine}<{}…{}", show(*low), show(*high))
        }
        (Some(low), _) => format!("{engine}<{}", show(*low)),
        _ => engine.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Window sizes for files of these sizes, in order.
    fn window_sizes(sizes: &[usize]) -> Vec<usize> {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| {
                let path = dir.path().join(format!("{i:04}.sql"));
                std::fs::write(&path, vec![b'x'; size]).unwrap();
                path
            })
            .collect();
        windows(&files).map(<[PathBuf]>::len).collect()
    }

    #[test]
    fn windows_are_bounded_by_files_and_bytes_and_large_files_go_alone() {
        assert_eq!(window_sizes(&[10; 70]), [64, 6]);
        let near_part = PART_BYTES * 9 / 10;
        assert_eq!(window_sizes(&[near_part; 6]), [4, 2]);
        assert_eq!(window_sizes(&[10, PART_BYTES + 1, 10, 10]), [1, 1, 2]);
        assert_eq!(window_sizes(&[]), Vec::<usize>::new());
    }
}
