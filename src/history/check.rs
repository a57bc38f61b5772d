//! The set pass: every enabled `History` rule over every migration set, in
//! order. Its findings are handed to the per-file lint (`LintOptions::
//! set_findings`) so that suppressions, severities and reporters treat them
//! as any other finding of the file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::history::applied::{Applied, Change};
use crate::history::{Detection, MigrationFile, MigrationSet, Runner};
use crate::project::config::SqliteFacts;
use crate::project::targets::Targets;
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, RuleKind};
use crate::sources::file::SourceFile;
use crate::sources::input;
use crate::syntax::dialect::lint_dialect;
use crate::syntax::parse::parse_statement;
use crate::syntax::stream::{StreamEnd, for_each_statement};

/// What a history rule sees: one set, and what was applied of it.
pub struct SetCtx<'a> {
    pub set: &'a MigrationSet,
    /// Files of the set modified or deleted since the applied ref, by name.
    pub applied: Option<(&'a Applied, &'a [(String, Change)])>,
    pub targets: &'a Targets,
    /// What the application's SQLite connections do: configured, else the
    /// runner's default (`sqlite_facts`).
    pub sqlite: SqliteFacts,
}

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
    /// Runs `f` on each statement of `file` (its up section: a goose or
    /// dbmate down section is never part of the history).
    pub fn for_each_statement(&self, file: &MigrationFile, mut f: impl FnMut(&StatementCtx)) {
        let decoded = input::decode(&file.bytes);
        let source = SourceFile::new(file.path.to_string_lossy(), decoded.text);
        let start = if source.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let end = up_section_end(&file.bytes);
        for_each_statement(
            &source,
            start..end,
            lint_dialect(),
            StreamEnd::File,
            |tokens, statement, _| {
                let tokens = &tokens[statement.tokens.clone()];
                let ctx =
                    StatementCtx::new(&source, tokens, statement.span.clone(), None, self.targets);
                f(&ctx);
            },
        );
    }
}

impl SetCtx<'_> {
    /// Like `for_each_statement`, with each statement parsed (its `ast` is
    /// `None` when no dialect parses it): for the schema pass.
    pub fn for_each_parsed_statement(
        &self,
        file: &MigrationFile,
        mut f: impl FnMut(&StatementCtx),
    ) {
        let decoded = input::decode(&file.bytes);
        let source = SourceFile::new(file.path.to_string_lossy(), decoded.text);
        let start = if source.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let end = up_section_end(&file.bytes);
        for_each_statement(
            &source,
            start..end,
            lint_dialect(),
            StreamEnd::File,
            |tokens, statement, _| {
                let tokens = &tokens[statement.tokens.clone()];
                let parsed = (tokens.len() <= crate::lint::MAX_PARSED_TOKENS)
                    .then(|| parse_statement(&source, tokens, statement.span.clone()).ok())
                    .flatten();
                let ast = parsed.as_ref().map(|(ast, dialect)| (ast, *dialect));
                let ctx =
                    StatementCtx::new(&source, tokens, statement.span.clone(), ast, self.targets);
                f(&ctx);
            },
        );
    }
}

/// Where a file's up section ends: at its first down marker (goose
/// `-- +goose Down`, dbmate `-- migrate:down`, sql-migrate `-- +migrate Down`).
pub fn up_section_end(bytes: &[u8]) -> usize {
    crate::history::detect::section_markers(bytes)
        .find(|(_, text)| {
            let text = text.to_ascii_lowercase();
            ["+goose down", "migrate:down", "+migrate down"]
                .iter()
                .any(|m| text.starts_with(m))
        })
        .map_or(bytes.len(), |(offset, _)| offset)
}

/// Collects a history rule's findings, each about one file of the set.
pub struct SetSink<'a> {
    rule: &'static Rule,
    out: &'a mut Vec<(PathBuf, Diagnostic)>,
}

impl<'a> SetSink<'a> {
    pub fn new(rule: &'static Rule, out: &'a mut Vec<(PathBuf, Diagnostic)>) -> SetSink<'a> {
        SetSink { rule, out }
    }

    pub fn report(
        &mut self,
        file: &Path,
        span: Range<usize>,
        message: impl Into<std::borrow::Cow<'static, str>>,
        help: impl Into<std::borrow::Cow<'static, str>>,
    ) -> &mut Diagnostic {
        let diagnostic = Diagnostic {
            rule: self.rule.id,
            severity: self.rule.severity,
            message: message.into(),
            help: help.into(),
            targets: std::borrow::Cow::Borrowed(self.rule.targets),
            span,
            labels: Vec::new(),
            fix: None,
        };
        self.out.push((file.to_path_buf(), diagnostic));
        &mut self.out.last_mut().expect("just pushed").1
    }
}

/// The set pass's findings by file path (as discovered), shared with the
/// workers that lint the files.
#[derive(Debug, Clone, Default)]
pub struct SetFindings(
    Arc<HashMap<String, Vec<Diagnostic>>>,
    crate::history::schema::ProjectSchemas,
);

impl SetFindings {
    /// The schemas the sets end with (for rules that ask what a column is).
    pub fn schemas(&self) -> &crate::history::schema::ProjectSchemas {
        &self.1
    }

    pub fn with_schemas(self, schemas: crate::history::schema::ProjectSchemas) -> SetFindings {
        SetFindings(self.0, schemas)
    }

    pub fn for_file(&self, path: &str) -> &[Diagnostic] {
        self.0.get(path).map_or(&[], Vec::as_slice)
    }

    /// Every path with findings (a deleted migration's among them).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn from_pairs(pairs: Vec<(PathBuf, Diagnostic)>) -> SetFindings {
        let mut map: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for (path, diagnostic) in pairs {
            map.entry(path.to_string_lossy().into_owned())
                .or_default()
                .push(diagnostic);
        }
        SetFindings(Arc::new(map), Default::default())
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
        .map(|set| check_set(set, &history_rules, targets, applied, sqlite))
        .collect();
    let mut checked = SetsChecked::default();
    for set in per_set {
        let (found, schema) = set?;
        checked.findings.extend(found);
        checked.schemas.extend(schema);
    }
    Ok(checked)
}

/// What the set pass found: findings by file, and the schema each set ends
/// with (when its history was walked).
#[derive(Debug, Default)]
pub struct SetsChecked {
    pub findings: Vec<(PathBuf, Diagnostic)>,
    pub schemas: Vec<crate::history::schema::Schema>,
}

type SetChecked = (
    Vec<(PathBuf, Diagnostic)>,
    Option<crate::history::schema::Schema>,
);

/// The history rules on one set: the set rules, then one sequential walk of
/// its history for every schema rule.
fn check_set(
    set: &MigrationSet,
    history_rules: &[&'static Rule],
    targets: &Targets,
    applied: Option<&Applied>,
    sqlite: SqliteFacts,
) -> Result<SetChecked, String> {
    let mut out = Vec::new();
    let changes = match applied {
        Some(applied) => Some(applied.changes(&set.dir)?),
        None => None,
    };
    let ctx = SetCtx {
        set,
        applied: applied.zip(changes.as_deref()),
        targets,
        sqlite: sqlite_facts(set, sqlite),
    };
    // Runner rules need the runner; the others read the history, which an
    // unknown runner's set still has (its files in name order).
    let applies = |rule: &Rule| set.runner.is_some() || rule.group != "runner";
    for rule in history_rules.iter().copied().filter(|rule| applies(rule)) {
        (rule.check_set)(
            &ctx,
            &mut SetSink {
                rule,
                out: &mut out,
            },
        );
    }
    let schema_rules: Vec<&'static Rule> = history_rules
        .iter()
        .copied()
        .filter(|rule| rule.check_schema.is_some())
        .collect();
    let both = targets.includes(crate::Engine::Sqlite) && targets.includes(crate::Engine::Postgres);
    if !both {
        return Ok((out, None));
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
    Ok((out, Some(schema)))
}
