//! How many real engine failures dal-audit catches, and how often it cries wolf.
//!
//! `cargo run --release --example accuracy -- <corpus-dir> [--target SPEC]...
//!  [--misses N] [--category TEXT] [--false-alarms N]`
//!
//! Reads a corpus in the format of `../shared/corpus/README.md`, lints every
//! labelled file through the library and prints recall per engine, recall per
//! root-cause category and the false-alarm share (README "Measuring").

mod category;
mod corpus;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dal_audit::project::targets::Targets;
use dal_audit::{Diagnostic, Engine, LintOptions, Severity, lint_bytes};
use rayon::prelude::*;

use category::{MISSING_PREREQ, StatementText, is_environment, pg_category, sqlite_category};
use corpus::{Corpus, Label};

const ENGINES: [Engine; 2] = [Engine::Postgres, Engine::Sqlite];
/// sqlparser recurses deeply on nested input (as in the CLI).
const LINT_STACK_SIZE: usize = 256 << 20;
const EXCERPT_CHARS: usize = 110;

struct Args {
    corpus: PathBuf,
    targets: Vec<String>,
    misses: usize,
    category: Option<String>,
    false_alarms: usize,
    /// Fail (exit 1) when an engine's recall is below this percentage.
    min_recall: Option<f64>,
    /// Fail (exit 1) when the false-alarm share is above this percentage.
    max_false_alarms: Option<f64>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: PathBuf::new(),
        targets: Vec::new(),
        misses: 0,
        category: None,
        false_alarms: 10,
        min_recall: None,
        max_false_alarms: None,
    };
    let mut corpus = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--target" => args.targets.push(value("--target")?),
            "--misses" => args.misses = number(&value("--misses")?)?,
            "--false-alarms" => args.false_alarms = number(&value("--false-alarms")?)?,
            "--category" => args.category = Some(value("--category")?.to_lowercase()),
            "--min-recall" => args.min_recall = Some(percentage(&value("--min-recall")?)?),
            "--max-false-alarms" => {
                args.max_false_alarms = Some(percentage(&value("--max-false-alarms")?)?)
            }
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n{USAGE}")),
            path => corpus = Some(PathBuf::from(path)),
        }
    }
    args.corpus = corpus.ok_or(USAGE)?;
    Ok(args)
}

const USAGE: &str = "usage: accuracy <corpus-dir> [--target SPEC]... [--misses N] [--category TEXT] [--false-alarms N]
  --target SPEC      lint for this engine (repeatable; default: the engines of ENGINES.txt)
  --misses N         list the first N missed root failures per engine
  --category TEXT    only list misses whose category contains TEXT
  --false-alarms N   list the first N false alarms (default 10)
  --min-recall PCT   exit 1 when an engine's recall is below PCT (e.g. 98)
  --max-false-alarms PCT  exit 1 when the false-alarm share is above PCT (e.g. 1)";

fn number(text: &str) -> Result<usize, String> {
    text.parse().map_err(|_| format!("not a number: {text}"))
}

fn percentage(text: &str) -> Result<f64, String> {
    text.trim_end_matches('%')
        .parse()
        .map_err(|_| format!("not a percentage: {text}"))
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("accuracy: {message}");
            ExitCode::from(2)
        }
    }
}

/// What the lint said about one labelled statement, and why it failed.
#[derive(Default)]
struct Outcome {
    /// An `error` naming the engine overlaps the statement.
    caught: [bool; 2],
    /// The first `error` overlapping the statement (for false alarms).
    first_error: Option<(String, String)>,
    /// Root-cause category of each engine's failure (None: it ran, or cascade).
    category: [Option<String>; 2],
    excerpt: String,
}

/// Prints the report; returns whether the thresholds asked for are met.
fn run(args: &Args) -> Result<bool, String> {
    let corpus = corpus::read(&args.corpus)?;
    let specs = if args.targets.is_empty() {
        corpus.engine_targets.clone()
    } else {
        args.targets.clone()
    };
    let targets = Targets::parse(&specs)?;
    // The engines' versions the labels were made with, as `--target` would
    // give them: every history is judged for both engines.
    let mut options = LintOptions {
        targets,
        targets_given: true,
        ..LintOptions::default()
    };
    let started = Instant::now();
    // The set pass, as `check` runs it: runner and schema rules over each
    // migrations folder in its runner's order.
    let files: Vec<PathBuf> = corpus
        .labels
        .iter()
        .map(|l| l.file.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|f| args.corpus.join(f))
        .collect();
    let config = dal_audit::project::config::Config::defaults(&args.corpus);
    options.set_findings =
        dal_audit::history::set_pass(&files, &config, &args.corpus, None, &options)?;
    let outcomes = lint_corpus(&args.corpus, &corpus, &options)?;
    let elapsed = started.elapsed();
    let files = outcomes_files(&corpus);
    println!(
        "dal-audit accuracy on {}: {} files, {} statements, targets {}, {} rules, linted in {:.1}s",
        args.corpus.display(),
        files,
        corpus.labels.len(),
        specs.join(" "),
        options.rules.len(),
        elapsed.as_secs_f64()
    );
    println!();
    print_engine_table(&corpus.labels, &outcomes);
    print_false_alarms(&corpus.labels, &outcomes, args.false_alarms);
    print_category_table(&corpus.labels, &outcomes);
    if args.misses > 0 {
        print_misses(&corpus.labels, &outcomes, args);
    }
    Ok(meets_thresholds(&corpus.labels, &outcomes, args))
}

fn meets_thresholds(labels: &[Label], outcomes: &[Outcome], args: &Args) -> bool {
    let mut ok = true;
    if let Some(min) = args.min_recall {
        for (e, engine) in ENGINES.iter().enumerate() {
            let r = engine_recall(labels, outcomes, e);
            let recall = share(r.caught, r.measured);
            if recall < min {
                println!(
                    "\nFAIL: {} recall {recall:.1}% is below {min}%",
                    engine.display_name()
                );
                ok = false;
            }
        }
    }
    if let Some(max) = args.max_false_alarms {
        let (alarms, ran) = false_alarm_counts(labels, outcomes);
        let alarm_share = if ran == 0 { 0.0 } else { share(alarms, ran) };
        if alarm_share > max {
            println!("\nFAIL: false alarms {alarm_share:.2}% are above {max}%");
            ok = false;
        }
    }
    ok
}

/// Percentage; an empty whole counts as 100% (nothing to catch, nothing missed).
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// (statements that ran on both engines and carry an error, statements that ran on both).
fn false_alarm_counts(labels: &[Label], outcomes: &[Outcome]) -> (usize, usize) {
    let ran_on_both = labels
        .iter()
        .zip(outcomes)
        .filter(|(l, _)| l.pg_ok && l.sqlite_ok);
    let alarms = ran_on_both
        .clone()
        .filter(|(_, o)| o.first_error.is_some())
        .count();
    (alarms, ran_on_both.count())
}

fn outcomes_files(corpus: &Corpus) -> usize {
    let mut files: Vec<&str> = corpus.labels.iter().map(|l| l.file.as_str()).collect();
    files.dedup();
    files.sort_unstable();
    files.dedup();
    files.len()
}

/// Lints every labelled file once (in parallel) and returns one outcome per label.
fn lint_corpus(dir: &Path, corpus: &Corpus, options: &LintOptions) -> Result<Vec<Outcome>, String> {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, label) in corpus.labels.iter().enumerate() {
        by_file.entry(&label.file).or_default().push(i);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(LINT_STACK_SIZE)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let per_file: Vec<Result<Vec<(usize, Outcome)>, String>> = pool.install(|| {
        by_file
            .par_iter()
            .map(|(file, indices)| {
                let path = dir.join(file);
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let down = corpus.down_section_start.get(*file).copied();
                Ok(lint_file(
                    &path.to_string_lossy(),
                    &bytes,
                    down,
                    indices,
                    &corpus.labels,
                    options,
                ))
            })
            .collect()
    });
    let mut outcomes: Vec<Option<Outcome>> = (0..corpus.labels.len()).map(|_| None).collect();
    for result in per_file {
        for (i, outcome) in result? {
            outcomes[i] = Some(outcome);
        }
    }
    Ok(outcomes
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect())
}

fn lint_file(
    file: &str,
    bytes: &[u8],
    down_section_start: Option<usize>,
    indices: &[usize],
    labels: &[Label],
    options: &LintOptions,
) -> Vec<(usize, Outcome)> {
    let report = lint_bytes(file, bytes, options);
    // Diagnostics in a Down section that never ran are not about any label.
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| down_section_start.is_none_or(|down| d.span.start < down))
        .collect();
    let text = &report.file.text;
    indices
        .iter()
        .map(|&i| {
            let label = &labels[i];
            let overlapping: Vec<&&Diagnostic> = errors
                .iter()
                .filter(|d| overlaps(&d.span, label.start, label.end))
                .collect();
            let mut outcome = Outcome {
                first_error: overlapping
                    .first()
                    .map(|d| (d.rule.to_string(), d.message.to_string())),
                ..Outcome::default()
            };
            let readable = label.end <= text.len()
                && text.is_char_boundary(label.start)
                && text.is_char_boundary(label.end)
                && label.start <= label.end;
            let statement =
                readable.then(|| StatementText::new(&report.file, label.start..label.end));
            for (e, engine) in ENGINES.iter().enumerate() {
                outcome.caught[e] = overlapping.iter().any(|d| d.targets.contains(engine));
                outcome.category[e] = root_failure(label, *engine).map(|error| {
                    match (missing_prereq(label, *engine), &statement) {
                        (true, _) => MISSING_PREREQ.to_string(),
                        (false, Some(st)) if *engine == Engine::Postgres => pg_category(st, error),
                        (false, Some(st)) => sqlite_category(st, error),
                        (false, None) => "unreadable statement span".to_string(),
                    }
                });
            }
            if readable {
                outcome.excerpt = excerpt(&text[label.start..label.end]);
            }
            (i, outcome)
        })
        .collect()
}

/// Whether a diagnostic at `span` touches the statement `start..end`
/// (an empty span counts where it points).
fn overlaps(span: &std::ops::Range<usize>, start: usize, end: usize) -> bool {
    span.start < end && span.end.max(span.start + 1) > start
}

/// The engine's error when the statement failed there for a reason of its own.
fn root_failure(label: &Label, engine: Engine) -> Option<&str> {
    let (ok, cascade, error) = match engine {
        Engine::Postgres => (label.pg_ok, label.pg_cascade, &label.pg_error),
        Engine::Sqlite => (label.sqlite_ok, label.sqlite_cascade, &label.sqlite_error),
    };
    (!ok && !cascade).then(|| error.as_deref().unwrap_or(""))
}

fn missing_prereq(label: &Label, engine: Engine) -> bool {
    match engine {
        Engine::Postgres => label.pg_missing_prereq,
        Engine::Sqlite => label.sqlite_missing_prereq,
    }
}

fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        flat
    } else {
        flat.chars().take(EXCERPT_CHARS).collect::<String>() + "…"
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// One engine's line of the recall table.
#[derive(Debug, Default, PartialEq, Eq)]
struct EngineRecall {
    failures: usize,
    cascade: usize,
    environment: usize,
    measured: usize,
    caught: usize,
}

fn engine_recall(labels: &[Label], outcomes: &[Outcome], e: usize) -> EngineRecall {
    let mut recall = EngineRecall::default();
    for (label, outcome) in labels.iter().zip(outcomes) {
        let ok = match ENGINES[e] {
            Engine::Postgres => label.pg_ok,
            Engine::Sqlite => label.sqlite_ok,
        };
        recall.failures += usize::from(!ok);
        match &outcome.category[e] {
            None if !ok => recall.cascade += 1,
            None => {}
            Some(c) if is_environment(c) => recall.environment += 1,
            Some(_) => {
                recall.measured += 1;
                recall.caught += usize::from(outcome.caught[e]);
            }
        }
    }
    recall
}

fn print_engine_table(labels: &[Label], outcomes: &[Outcome]) {
    println!(
        "{:<11} {:>8} {:>8} {:>6} {:>9} {:>7} {:>8}",
        "engine", "failures", "cascade", "env", "measured", "caught", "recall"
    );
    for (e, engine) in ENGINES.iter().enumerate() {
        let r = engine_recall(labels, outcomes, e);
        println!(
            "{:<11} {:>8} {:>8} {:>6} {:>9} {:>7} {:>8}",
            engine.display_name(),
            r.failures,
            r.cascade,
            r.environment,
            r.measured,
            r.caught,
            percent(r.caught, r.measured)
        );
    }
}

fn print_false_alarms(labels: &[Label], outcomes: &[Outcome], show: usize) {
    let ran_on_both: Vec<(&Label, &Outcome)> = labels
        .iter()
        .zip(outcomes)
        .filter(|(l, _)| l.pg_ok && l.sqlite_ok)
        .collect();
    let alarms: Vec<&(&Label, &Outcome)> = ran_on_both
        .iter()
        .filter(|(_, o)| o.first_error.is_some())
        .collect();
    println!(
        "\nfalse alarms: {} of {} statements that ran on both engines carry an error ({})",
        alarms.len(),
        ran_on_both.len(),
        percent(alarms.len(), ran_on_both.len())
    );
    if alarms.is_empty() {
        return;
    }
    let mut by_rule: HashMap<&str, usize> = HashMap::new();
    for (_, outcome) in &alarms {
        if let Some((rule, _)) = &outcome.first_error {
            *by_rule.entry(rule).or_default() += 1;
        }
    }
    let mut by_rule: Vec<(&str, usize)> = by_rule.into_iter().collect();
    by_rule.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
    println!("  by rule: {}", rules.join(", "));
    for (label, outcome) in alarms.iter().take(show) {
        let (rule, message) = outcome.first_error.as_ref().expect("filtered");
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        println!("  {}:{}  [{rule}] {message}", label.file, label.line);
        println!("      | {}", outcome.excerpt);
    }
}

#[derive(Default)]
struct CategoryCount {
    total: usize,
    caught: usize,
}

fn print_category_table(labels: &[Label], outcomes: &[Outcome]) {
    let mut counts: BTreeMap<(usize, &str), CategoryCount> = BTreeMap::new();
    for (_, outcome) in labels.iter().zip(outcomes) {
        for e in 0..ENGINES.len() {
            if let Some(category) = &outcome.category[e] {
                let count = counts.entry((e, category)).or_default();
                count.total += 1;
                count.caught += usize::from(outcome.caught[e]);
            }
        }
    }
    let mut rows: Vec<(&(usize, &str), &CategoryCount)> = counts.iter().collect();
    rows.sort_by(|a, b| {
        let env = |c: &str| is_environment(c);
        (a.0.0, env(a.0.1), b.1.total, a.0.1).cmp(&(b.0.0, env(b.0.1), a.1.total, b.0.1))
    });
    println!("\nrecall by root-cause category (env = environment effect, left out of recall)");
    println!(
        "{:<6} {:>6} {:>6} {:>7}  category",
        "engine", "fails", "caught", "recall"
    );
    for ((e, category), count) in rows {
        let engine = match ENGINES[*e] {
            Engine::Postgres => "pg",
            Engine::Sqlite => "sqlite",
        };
        let recall = if is_environment(category) {
            "env".to_string()
        } else {
            percent(count.caught, count.total)
        };
        println!(
            "{engine:<6} {:>6} {:>6} {recall:>7}  {category}",
            count.total, count.caught
        );
    }
}

fn print_misses(labels: &[Label], outcomes: &[Outcome], args: &Args) {
    for (e, engine) in ENGINES.iter().enumerate() {
        println!(
            "\nmissed {} root failures (first {}{}):",
            engine.display_name(),
            args.misses,
            args.category
                .as_ref()
                .map_or(String::new(), |c| format!(", category ~ {c:?}"))
        );
        let misses = labels.iter().zip(outcomes).filter(|(_, o)| {
            o.category[e].as_deref().is_some_and(|c| {
                !is_environment(c)
                    && args
                        .category
                        .as_ref()
                        .is_none_or(|wanted| c.to_lowercase().contains(wanted))
            }) && !o.caught[e]
        });
        for (label, outcome) in misses.take(args.misses) {
            let error = match engine {
                Engine::Postgres => label.pg_error.as_deref(),
                Engine::Sqlite => label.sqlite_error.as_deref(),
            }
            .unwrap_or("");
            println!(
                "  {}:{}  [{}] {error}",
                label.file,
                label.line,
                outcome.category[e].as_deref().unwrap_or("")
            );
            println!("      | {}", outcome.excerpt);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-file corpus: a PRAGMA PostgreSQL rejects, a statement both run,
    /// a cascade failure, and a goose Down section that never ran.
    fn tiny_corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let up = "PRAGMA foreign_keys = ON;\nSELECT 1;\nINSERT INTO gone VALUES (1);\n-- +goose Down\nPRAGMA foreign_keys = OFF;\n";
        std::fs::create_dir_all(dir.path().join("p")).unwrap();
        std::fs::write(dir.path().join("p/1.sql"), up).unwrap();
        let label = |start: usize,
                     end: usize,
                     line: usize,
                     pg_ok: bool,
                     pg_error: &str,
                     cascade: bool| {
            format!(
                r#"{{"file": "p/1.sql", "start": {start}, "end": {end}, "line": {line}, "sqlite_ok": true, "sqlite_error": null, "pg_ok": {pg_ok}, "pg_error": {pg_error}, "pg_cascade": {cascade}, "sqlite_cascade": false, "pg_missing_prereq": false, "sqlite_missing_prereq": false}}"#
            )
        };
        let labels = [
            label(
                0,
                24,
                1,
                false,
                r#""42601: syntax error at or near \"PRAGMA\"""#,
                false,
            ),
            label(26, 34, 2, true, "null", false),
            label(
                36,
                63,
                3,
                false,
                r#""42P01: relation \"gone\" does not exist""#,
                true,
            ),
        ];
        std::fs::write(dir.path().join("labels.jsonl"), labels.join("\n")).unwrap();
        let down = up.find("-- +goose Down").unwrap();
        std::fs::write(
            dir.path().join("files.jsonl"),
            format!(r#"{{"file": "p/1.sql", "down_section_start": {down}}}"#),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("ENGINES.txt"),
            "sqlite 3.40.1 (python) -> sqlite_ok/sqlite_error\nsqlite 3.51.1 (x) -> sqlite_recent_ok/sqlite_recent_error\npostgresql 15.18 (Debian) -> pg_ok/pg_error\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn measures_recall_and_false_alarms_on_a_tiny_corpus() {
        let dir = tiny_corpus();
        let corpus = corpus::read(dir.path()).expect("reads");
        assert_eq!(corpus.engine_targets, ["sqlite>=3.40", "postgres>=15.18"]);
        let options = LintOptions {
            targets: Targets::parse(&corpus.engine_targets).unwrap(),
            ..LintOptions::default()
        };
        let outcomes = lint_corpus(dir.path(), &corpus, &options).expect("lints");
        let pg = engine_recall(&corpus.labels, &outcomes, 0);
        assert_eq!(
            pg,
            EngineRecall {
                failures: 2,
                cascade: 1,
                environment: 0,
                measured: 1,
                caught: 1
            }
        );
        assert_eq!(outcomes[0].category[0].as_deref(), Some("PRAGMA statement"));
        assert!(outcomes[1].first_error.is_none(), "SELECT 1 is no alarm");
        assert_eq!(outcomes[2].category[0], None, "a cascade has no root cause");
    }

    #[test]
    fn an_error_on_a_statement_both_engines_ran_is_a_false_alarm() {
        let dir = tiny_corpus();
        let mut corpus = corpus::read(dir.path()).expect("reads");
        corpus.labels[0].pg_ok = true;
        let outcomes = lint_corpus(dir.path(), &corpus, &LintOptions::default()).expect("lints");
        let (rule, _) = outcomes[0].first_error.as_ref().expect("pragma fires");
        assert_eq!(rule, "pragma");
        assert_eq!(false_alarm_counts(&corpus.labels, &outcomes), (1, 2));
    }

    #[test]
    fn thresholds_decide_the_exit_status() {
        let dir = tiny_corpus();
        let mut corpus = corpus::read(dir.path()).expect("reads");
        let outcomes = lint_corpus(dir.path(), &corpus, &LintOptions::default()).expect("lints");
        let args = |min_recall, max_false_alarms| Args {
            corpus: dir.path().to_path_buf(),
            targets: Vec::new(),
            misses: 0,
            category: None,
            false_alarms: 0,
            min_recall,
            max_false_alarms,
        };
        assert!(meets_thresholds(
            &corpus.labels,
            &outcomes,
            &args(Some(98.0), Some(1.0))
        ));
        corpus.labels[0].pg_ok = true; // the PRAGMA now "ran on both": a false alarm
        assert!(!meets_thresholds(
            &corpus.labels,
            &outcomes,
            &args(None, Some(1.0))
        ));
        assert!(meets_thresholds(
            &corpus.labels,
            &outcomes,
            &args(None, None)
        ));
    }
}
