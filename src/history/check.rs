//! The set pass: every enabled `History` rule over every migration set, in
//! order. Its findings are handed to the per-file lint (`LintOptions::
//! set_findings`, `history::findings::SetFindings`) so that suppressions, severities and reporters treat them
//! as any other finding of the file.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Engine};
use crate::history::applied::Applied;
use crate::history::history_engine::HistoryEngine;
use crate::history::project_schemas::SetSchema;
use crate::history::runner::Runner;
use crate::history::set::{Detection, MigrationFile, MigrationSet};
use crate::project::sqlite_facts::SqliteFacts;
use crate::project::targets::Targets;
use crate::rules::context::StatementCtx;
use crate::rules::set_context::{RawStatementView, SetCtx};
use crate::rules::{Rule, RuleKind, SetSink};
use crate::sources::file::SourceFile;
use crate::syntax::parse::parse_statement;
use crate::syntax::sqlite_grammar::{SqliteVerdict, judge};

/// The configured `[sqlite]` facts, completed for one set: an application
/// whose manifest (or configuration) names sqlx as its runner opens its
/// connections with sqlx, whose `SqliteConnectOptions::new()` sets
/// `PRAGMA foreign_keys = ON` ("We choose to enable foreign key enforcement
/// by default", sqlx-sqlite/src/options/mod.rs). A runner read from the
/// layout alone says nothing about the connections.
pub fn sqlite_facts(set: &MigrationSet, configured: SqliteFacts) -> SqliteFacts {
    let sqlx_connections = set.runner == Some(Runner::Sqlx)
        && matches!(
            set.detection,
            Detection::Manifest(_) | Detection::Configured
        );
    SqliteFacts {
        foreign_keys: configured.foreign_keys.or(sqlx_connections.then_some(true)),
    }
}

impl SetCtx<'_> {
    /// Like `for_each_statement`, with each statement `wanted` parsed (its
    /// `ast` is `None` when no dialect parses it, or when it is not wanted):
    /// for the schema pass.
    pub fn for_each_parsed_statement(
        &self,
        file: &MigrationFile,
        wanted: impl Fn(&RawStatementView) -> bool,
        f: impl FnMut(&StatementCtx),
    ) {
        let parse = |source: &SourceFile, statement: &RawStatementView| {
            (statement.tokens.len() <= crate::lint::MAX_PARSED_TOKENS && wanted(statement))
                .then(|| parse_statement(source, statement.tokens, statement.span.clone()).ok())
                .flatten()
        };
        self.for_each_statement_with(file, parse, f);
    }
}

/// Runs the enabled history rules on every set. `applied` is the ref the
/// applied migrations are read from, if any.
pub fn check_sets(
    sets: &[MigrationSet],
    rules: &[&'static Rule],
    targets: &Targets,
    applied: Option<&Applied>,
    sqlite: SqliteFacts,
    infer_engines: bool,
    named_engine: &(dyn Fn(&MigrationSet) -> Option<Engine> + Sync),
) -> Result<SetsChecked, String> {
    use rayon::prelude::*;
    let history_rules: Vec<&'static Rule> = rules
        .iter()
        .copied()
        .filter(|r| r.kind == RuleKind::History)
        .collect();
    // Sets are independent: checked in parallel, each one's history in order.
    let per_set: Vec<Result<SetChecked, String>> = sets
        .par_iter()
        .map(|set| {
            let named = named_engine(set);
            check_set(
                set,
                &history_rules,
                targets,
                applied,
                sqlite,
                infer_engines,
                named,
            )
        })
        .collect();
    let mut checked = SetsChecked::default();
    for set in per_set {
        let (found, schema, engine) = set?;
        checked.findings.extend(found);
        checked.schemas.extend(schema);
        checked.engines.extend(engine);
    }
    Ok(checked)
}

/// What the set pass found: findings by file, and the schema each set ends
/// with (when its history was walked).
#[derive(Debug, Default)]
pub struct SetsChecked {
    pub findings: Vec<(PathBuf, Diagnostic)>,
    pub schemas: Vec<SetSchema>,
    /// The files of each set written for one engine, and that engine.
    pub engines: Vec<(Vec<PathBuf>, Engine)>,
}

type SetChecked = (
    Vec<(PathBuf, Diagnostic)>,
    Option<SetSchema>,
    Option<(Vec<PathBuf>, Engine)>,
);

/// The history rules on one set: the set rules, then one sequential walk of
/// its history for every schema rule. `named` is the engine the set's folder
/// is named for: nothing is then inferred, and there is nothing to compare.
fn check_set(
    set: &MigrationSet,
    history_rules: &[&'static Rule],
    targets: &Targets,
    applied: Option<&Applied>,
    sqlite: SqliteFacts,
    infer_engines: bool,
    named: Option<Engine>,
) -> Result<SetChecked, String> {
    let mut out = Vec::new();
    let changes = match applied {
        Some(applied) => Some(applied.changes(&set.dir)?),
        None => None,
    };
    let mut ctx = SetCtx {
        set,
        applied: applied.zip(changes.as_deref()),
        targets,
        sqlite: sqlite_facts(set, sqlite),
        history_engine: None,
    };
    let both = targets.includes(Engine::Sqlite) && targets.includes(Engine::Postgres);
    let found_engine = (infer_engines && both && named.is_none())
        .then(|| history_engine(&ctx))
        .flatten();
    ctx.history_engine = found_engine.as_ref();
    let engine = found_engine.as_ref().map(|found| {
        let files = set.files.iter().map(|f| f.path.clone()).collect();
        (files, found.engine)
    });
    // Runner rules need the runner; the others read the history, which an
    // unknown runner's set still has (its files in name order).
    let applies = |rule: &Rule| set.runner.is_some() || rule.group != "runner";
    for rule in history_rules.iter().copied().filter(|rule| applies(rule)) {
        (rule.check_set)(&ctx, &mut SetSink::new(rule, &mut out));
    }
    let schema_rules: Vec<&'static Rule> = history_rules
        .iter()
        .copied()
        .filter(|rule| rule.check_schema.is_some())
        .collect();
    // Schema rules compare the engines: a history written for one has nothing
    // to compare.
    if !both || found_engine.is_some() || named.is_some() {
        return Ok((out, None, engine));
    }
    // The walk also gives the schema the set ends with, which statement
    // rules elsewhere read (`null-ordering`): it runs even without schema rules.
    // Parsing and walking ASTs needs the lint stack (`lint/stack.rs`).
    let (found, schema) = crate::lint::stack::on_lint_stack(|| {
        let mut found = Vec::new();
        let schema = crate::history::schema::check(&ctx, &schema_rules, &mut found);
        (found, schema)
    });
    out.extend(found);
    let files = set
        .files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned());
    let files = files.collect();
    Ok((out, Some(SetSchema { files, schema }), engine))
}

/// The engine `ctx`'s history is written for, when its statements say so
/// (`history::history_engine`): its first migration holds a statement
/// SQLite's parser rejects, and so does a later one. SQLite's parser is
/// asked about the first file's statements, then about later files' until
/// one is rejected.
fn history_engine(ctx: &SetCtx) -> Option<HistoryEngine> {
    // One file cannot confirm itself: not even its statements are asked about.
    ctx.set.history().nth(1)?;
    let mut history = ctx.set.history();
    let first = history.next()?;
    let (span, message) = first_sqlite_rejection(ctx, first)?;
    let confirmed_by = history.find(|file| first_sqlite_rejection(ctx, file).is_some())?;
    Some(HistoryEngine {
        engine: Engine::Postgres,
        first_rejected: (first.path.clone(), span),
        sqlite_message: message,
        confirmed_by: confirmed_by.path.clone(),
    })
}

/// The first statement of `file`'s up section SQLite's parser rejects, with
/// its message.
fn first_sqlite_rejection(
    ctx: &SetCtx,
    file: &MigrationFile,
) -> Option<(std::ops::Range<usize>, String)> {
    let mut found = None;
    ctx.for_each_statement_until(file, |statement| {
        if let SqliteVerdict::Rejects(rejection) = judge(statement.text(&statement.span)) {
            found = Some((statement.span.clone(), rejection.message));
        }
        found.is_some()
    });
    found
}
