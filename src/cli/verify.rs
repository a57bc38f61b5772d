//! `dal-audit verify [PATHS] [--postgres URL]`: every migration set replayed
//! on embedded SQLite and, given a server, on a scratch PostgreSQL database
//! (`src/engines/`); engine refusals and schema differences reported as
//! findings through `check`'s pipeline, so the same suppressions, reporters
//! and exit codes apply.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Engine, Severity};
use crate::engines::postgres::{Server, ServerError, drop_scratch_on_signals};
use crate::engines::replay::{Replayed, replay};
use crate::engines::schema::{Difference, Schema, compare};
use crate::engines::sqlite::Sqlite;
use crate::engines::{Database, EngineError};
use crate::history::findings::SetFindings;
use crate::history::{MigrationFile, MigrationSet, find_sets};
use crate::lint::LintOptions;
use crate::project::config::{Config, FailOn, RuleSetting, normalize};
use crate::project::discover::{describe, discover};
use crate::report::{self, Format, Style};
use crate::rules::engine::{
    rejected_by_postgres, rejected_by_sqlite, schema_differs, schema_drift,
};
use crate::rules::{Rule, RuleKind};

use super::{ColorChoice, Output, Run, exit, lint_files, lint_pool, use_color};

/// The environment variable `--postgres` defaults to.
pub const POSTGRES_URL_ENV: &str = "DAL_AUDIT_POSTGRES_URL";

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Migration folders or files [default: the configuration's `paths`,
    /// else `migrations`].
    paths: Vec<PathBuf>,
    /// A PostgreSQL server to replay on (in a scratch database it creates and
    /// drops; the database the URL names is never written to) [default:
    /// `$DAL_AUDIT_POSTGRES_URL`; without either, SQLite only].
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// The configuration file [default: as `check` finds it].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

pub fn verify(args: VerifyArgs) -> Result<u8, String> {
    let result = replay_and_report(args);
    // A signal arrived: the handler is dropping the scratch databases (which
    // made the replay fail) and exits with 130 when it is done.
    while crate::engines::postgres::interrupted() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    result
}

fn replay_and_report(args: VerifyArgs) -> Result<u8, String> {
    let cwd = std::env::current_dir()
        .map_err(|e| format!("cannot read the current directory: {}", describe(&e)))?;
    let config = Config::load(args.config.as_deref(), &cwd)?;
    let files = select(&args.paths, &config, &cwd)?;
    if files.is_empty() {
        return Err("no SQL files to replay".into());
    }
    let sets = find_sets(&files, config.runner);
    let url = args
        .postgres
        .clone()
        .or_else(|| std::env::var(POSTGRES_URL_ENV).ok())
        .filter(|u| !u.is_empty());
    let mut server = match url {
        Some(url) => Some(open_server(&url)?),
        None => {
            eprintln!(
                "dal-audit: no PostgreSQL given (--postgres URL or {POSTGRES_URL_ENV}): replaying on SQLite {} only",
                Sqlite::version()
            );
            None
        }
    };
    let progress = progress_bar();
    let mut findings = Vec::new();
    let splits = split_sides(&sets, &config, &cwd);
    for (index, set) in sets.iter().enumerate() {
        if splits
            .iter()
            .any(|(s, p)| s.contains(&index) || p.contains(&index))
        {
            continue;
        }
        progress.set_message(set.dir.display().to_string());
        let history: Vec<&MigrationFile> = set.history().collect();
        let sqlite = replay_on_sqlite(set, &history, &progress)?;
        report_outcomes(Engine::Sqlite, &sqlite.0, &mut findings);
        if let Some(server) = server.as_mut() {
            let postgres = replay_on_postgres(server, set, &history, &progress)?;
            report_outcomes(Engine::Postgres, &postgres.0, &mut findings);
            let differences = compare(&sqlite.1, &postgres.1);
            report_differences(
                &schema_differs::RULE,
                &differences,
                set,
                &[&sqlite.0, &postgres.0],
                &mut findings,
            );
        }
    }
    for (sqlite_sets, postgres_sets) in &splits {
        let mut sqlite_schema = Schema::default();
        let mut sqlite_replays = Vec::new();
        for &index in sqlite_sets {
            let history: Vec<&MigrationFile> = sets[index].history().collect();
            let (replayed, schema) = replay_on_sqlite(&sets[index], &history, &progress)?;
            report_outcomes(Engine::Sqlite, &replayed, &mut findings);
            sqlite_schema.tables.extend(schema.tables);
            sqlite_replays.push(replayed);
        }
        let Some(server) = server.as_mut() else {
            eprintln!(
                "dal-audit: the [[verify.split]] PostgreSQL folder needs --postgres: not replayed, drift not checked"
            );
            continue;
        };
        for &index in postgres_sets {
            let history: Vec<&MigrationFile> = sets[index].history().collect();
            let (replayed, schema) = replay_on_postgres(server, &sets[index], &history, &progress)?;
            report_outcomes(Engine::Postgres, &replayed, &mut findings);
            let differences = compare(&sqlite_schema, &schema);
            let mut replays: Vec<&Replayed> = sqlite_replays.iter().collect();
            replays.push(&replayed);
            report_differences(
                &schema_drift::RULE,
                &differences,
                &sets[index],
                &replays,
                &mut findings,
            );
        }
    }
    progress.finish_and_clear();
    drop(server);
    write_report(&args, &config, &files, findings)
}

/// The files named (or the configured `paths`, or `migrations`), filtered by
/// include/exclude.
fn select(paths: &[PathBuf], config: &Config, cwd: &Path) -> Result<Vec<PathBuf>, String> {
    let paths = if !paths.is_empty() {
        paths.to_vec()
    } else {
        config.default_paths(cwd)
    };
    let discovered = discover(&paths)?;
    for problem in &discovered.problems {
        eprintln!("dal-audit: {problem}");
    }
    Ok(discovered
        .files
        .into_iter()
        .filter(|f| config.selects(f, cwd))
        .collect())
}

fn open_server(url: &str) -> Result<Server, String> {
    let mut server = Server::connect(url).map_err(|e| e.to_string())?;
    let version = server.version()?;
    eprintln!(
        "dal-audit: replaying on SQLite {} and PostgreSQL {version} at `{}` (scratch databases, dropped at the end)",
        Sqlite::version(),
        server.shown
    );
    drop_scratch_on_signals()?;
    for name in server.drop_stale()? {
        eprintln!(
            "dal-audit: dropped `{name}`, a scratch database left by an earlier run of this host whose process is gone"
        );
    }
    Ok(server)
}

/// For each `[[verify.split]]`, the sets under its SQLite and PostgreSQL folders.
fn split_sides(
    sets: &[MigrationSet],
    config: &Config,
    cwd: &Path,
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let under = |dir: &Path, folder: &Path| normalize(&cwd.join(dir)).starts_with(folder);
    config
        .verify_splits
        .iter()
        .map(|split| {
            let side = |folder: &Path| {
                (0..sets.len())
                    .filter(|&i| under(&sets[i].dir, folder))
                    .collect()
            };
            (side(&split.sqlite), side(&split.postgres))
        })
        .collect()
}

fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    let style =
        indicatif::ProgressStyle::with_template("{spinner} {pos} statements replayed: {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn replay_on_sqlite(
    set: &MigrationSet,
    history: &[&MigrationFile],
    progress: &indicatif::ProgressBar,
) -> Result<(Replayed, Schema), String> {
    let mut db = Sqlite::in_memory()?;
    let replayed = replay(history, set.runner, &mut db, &mut || progress.inc(1));
    let schema = db.schema()?;
    Ok((replayed, schema))
}

fn replay_on_postgres(
    server: &mut Server,
    set: &MigrationSet,
    history: &[&MigrationFile],
    progress: &indicatif::ProgressBar,
) -> Result<(Replayed, Schema), String> {
    let mut scratch = server.scratch().map_err(|e| match e {
        ServerError::Privilege(m) | ServerError::Connect(m) | ServerError::Other(m) => m,
    })?;
    let replayed = replay(history, set.runner, &mut scratch, &mut || progress.inc(1));
    let schema = scratch.schema()?;
    Ok((replayed, schema))
}

fn rejected_rule(engine: Engine) -> &'static Rule {
    match engine {
        Engine::Sqlite => &rejected_by_sqlite::RULE,
        Engine::Postgres => &rejected_by_postgres::RULE,
    }
}

fn report_outcomes(engine: Engine, replayed: &Replayed, out: &mut Vec<(PathBuf, Diagnostic)>) {
    let rule = rejected_rule(engine);
    for outcome in &replayed.outcomes {
        let Some(error) = &outcome.error else {
            continue;
        };
        let (severity, message) = if outcome.consequence {
            (
                Severity::Info,
                format!(
                    "{} rejects this statement only because an earlier statement failed: {}",
                    engine.display_name(),
                    quoted(error)
                ),
            )
        } else {
            (
                Severity::Error,
                format!(
                    "{} rejects this statement: {}",
                    engine.display_name(),
                    quoted(error)
                ),
            )
        };
        let help = if outcome.consequence {
            "fix the earlier failure: this statement needs what it would have made"
        } else {
            "`dal-audit check` names the construct and its portable form when a rule knows it; `dal-audit explain` the rule"
        };
        out.push((
            outcome.path.clone(),
            Diagnostic {
                rule: rule.id,
                severity,
                message: message.into(),
                help: help.into(),
                targets: std::borrow::Cow::Borrowed(rule.targets),
                span: outcome.span.clone(),
                labels: Vec::new(),
                fix: None,
            },
        ));
    }
}

/// `message (SQLSTATE 42601)`, the engine's own words.
fn quoted(error: &EngineError) -> String {
    match &error.code {
        Some(code) if code.starts_with("SQLITE") => format!("{} ({code})", error.message),
        Some(code) => format!("{} (SQLSTATE {code})", error.message),
        None => error.message.clone(),
    }
}

/// A schema finding sits at the statement that created its table (on either
/// engine), else at the start of the set's last file.
fn report_differences(
    rule: &'static Rule,
    differences: &[Difference],
    set: &MigrationSet,
    replays: &[&Replayed],
    out: &mut Vec<(PathBuf, Diagnostic)>,
) {
    let Some(last) = set.history().last() else {
        return;
    };
    let ((left, right), (left_place, right_place)) = if rule.id == schema_drift::RULE.id {
        (
            ("the SQLite folder", "the PostgreSQL folder"),
            ("in the SQLite folder", "in the PostgreSQL folder"),
        )
    } else {
        (("SQLite", "PostgreSQL"), ("on SQLite", "on PostgreSQL"))
    };
    let follows_from_failure =
        |table: &String| replays.iter().any(|r| r.failed_names.contains(table));
    for difference in differences
        .iter()
        .filter(|d| !follows_from_failure(&d.table))
    {
        let at = replays
            .iter()
            .find_map(|r| r.created.get(&difference.table).cloned())
            .unwrap_or_else(|| (last.path.clone(), 0..0));
        let subject = match &difference.column {
            Some(column) => format!("`{}.{column}`", difference.table),
            None => format!("table `{}`", difference.table),
        };
        let message = match difference.what {
            "table" | "column" => {
                let (has, lacks) = if difference.left == "exists" {
                    (left_place, right_place)
                } else {
                    (right_place, left_place)
                };
                format!("after the whole set, {subject} exists {has} but not {lacks}")
            }
            what => format!(
                "after the whole set, {subject} differs in its {what}: {left} has {}, {right} has {}",
                difference.left, difference.right
            ),
        };
        let help = if rule.id == schema_drift::RULE.id {
            "make both folders end with the same schema: add the missing change to the folder that lacks it"
        } else {
            "write the definition so that both engines build the same thing (the same type family, nullability, default and indexes)"
        };
        out.push((
            at.0,
            Diagnostic {
                rule: rule.id,
                severity: rule.severity,
                message: message.into(),
                help: help.into(),
                targets: std::borrow::Cow::Borrowed(rule.targets),
                span: at.1,
                labels: Vec::new(),
                fix: None,
            },
        ));
    }
}

/// The findings, through `check`'s pipeline: only engine rules run, so each
/// file's report holds what the engines said, suppressed and rendered as
/// `check` does.
fn write_report(
    args: &VerifyArgs,
    config: &Config,
    files: &[PathBuf],
    findings: Vec<(PathBuf, Diagnostic)>,
) -> Result<u8, String> {
    let off = |rule: &Rule| config.rules.of(rule) == Some(RuleSetting::Off);
    let rules: Vec<&'static Rule> = crate::rules::all()
        .iter()
        .copied()
        .filter(|r| r.kind == RuleKind::Engine && !off(r))
        .collect();
    let options = LintOptions {
        rules,
        targets: config.targets.clone().unwrap_or_default(),
        set_findings: SetFindings::from_pairs(findings),
        narrowed_targets: false,
        targets_given: config.targets.is_some(),
        severities: config.severities(),
    };
    let style = Style {
        color: use_color(args.color),
    };
    let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    let cwd = std::env::current_dir().unwrap_or_else(|_| config.root.clone());
    let mut output = Output::begin(report::reporter(args.format, style), stdout, fail_on)?;
    let pool = lint_pool()?;
    let run = Run {
        options: &options,
        config,
        cwd: &cwd,
        database_fields: &Default::default(),
        levels_only: true,
    };
    let errors = lint_files(files, &run, &pool, &mut output)?;
    let fails = output.finish()?;
    for error in &errors {
        eprintln!("dal-audit: {error}");
    }
    let _ = std::io::stderr().flush();
    Ok(if !errors.is_empty() {
        exit::USAGE_OR_IO
    } else if fails {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}
