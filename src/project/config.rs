//! `dal-audit.toml`, or `[package.metadata.dal-audit]` /
//! `[workspace.metadata.dal-audit]` in Cargo.toml: found by walking up from the
//! current directory, or named with `--config`.
//!
//! ```toml
//! targets = ["sqlite>=3.35", "postgres>=14"]
//! paths = ["migrations"]          # what `dal-audit check` lints without paths
//! include = ["migrations/**"]     # globs, relative to the config file's folder
//! exclude = ["*.down.sql"]        # a glob without `/` matches at any depth
//! fail-on = "error"               # or "warning"
//! runner = "sqlx"                 # the migration runner (else detected)
//! applied = "origin/main"         # migrations there are applied: never edit them
//! baseline = "dal-audit-baseline.json"  # report only findings not in it
//! storage = ["src/storage/**"]    # Rust: database access belongs here
//! engine-folders = true           # a folder named for one engine targets it only
//!
//! [[verify.split]]                # one folder per engine (`dal-audit verify`)
//! sqlite = "migrations/sqlite"
//! postgres = "migrations/postgres"
//!
//! [sqlite]                        # facts about the application's SQLite connections
//! foreign-keys = true             # `PRAGMA foreign_keys = ON` on every connection
//!                                 # (default: true when sqlx runs the migrations)
//!
//! [rules]
//! pragma = "warning"              # "off" | "on" | "warning" | "error"
//! unparsed-statement = "on"       # an opt-in rule, on at its own severity
//! pedantic = "warning"            # a group: the opt-in `pedantic` rules on
//! [[overrides]]                   # per-path targets and rule levels
//! files = ["src/storage/sqlite.rs"]
//! targets = ["sqlite>=3.35"]
//! rules = { pragma = "off" }
//! ```
//!
//! Mistakes are errors naming the file, line and column: an unknown key, an
//! unknown rule id, a bad target or glob.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Engine, Severity};
use crate::lint::{FileOptions, LintOptions};
pub use crate::project::sqlite_facts::SqliteFacts;
use crate::project::targets::{Target, Targets};
use crate::rules;

pub const FILE_NAME: &str = "dal-audit.toml";

/// What is linted when neither the command line nor `paths` names anything.
const DEFAULT_PATH: &str = "migrations";

/// What a rule is set to in `[rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    /// On, at the rule's own severity (for opt-in rules).
    On,
    Warning,
    Error,
}

/// The lowest severity that makes `check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => matches!(severity, Severity::Error | Severity::Warning),
        }
    }
}

#[derive(Debug)]
pub struct Config {
    /// The file it was read from; `None` when no configuration was found.
    pub source: Option<PathBuf>,
    /// The folder `paths` and globs are relative to (absolute).
    pub root: PathBuf,
    pub targets: Option<Targets>,
    /// Absolute; empty when the file sets none.
    pub paths: Vec<PathBuf>,
    /// `[rules]`: levels by rule id or group.
    pub rules: RuleSettings,
    pub fail_on: Option<FailOn>,
    /// `runner = "sqlx"`: the migration runner of every set, instead of
    /// detecting it (`history::detect`).
    pub runner: Option<crate::history::runner::Runner>,
    /// `applied = "<git ref>"`: migrations present there are applied.
    pub applied: Option<String>,
    /// `[[verify.split]]`: one folder per engine, absolute.
    pub verify_splits: Vec<SplitFolders>,
    /// `baseline = "…"`: the baseline file (`--baseline`), absolute.
    pub baseline: Option<PathBuf>,
    /// `[sqlite]`: what the application's SQLite connections do.
    pub sqlite: SqliteFacts,
    /// `engine-folders` (default true): a file under a folder named for one
    /// engine (`migrations/postgres`) is linted for that engine only.
    pub engine_folders: bool,
    include: Option<GlobSet>,
    exclude: GlobSet,
    /// `storage = [globs]`: where Rust code may reach the database.
    storage: Option<GlobSet>,
    /// `[[overrides]]`, in file order (a later match wins).
    overrides: Vec<Override>,
}

/// An `[[overrides]]` table: targets and rule levels for the files it matches.
#[derive(Debug)]
struct Override {
    files: GlobSet,
    targets: Option<Targets>,
    rules: RuleSettings,
}

/// Rule levels as `[rules]` (or an override's `rules`) writes them, by rule
/// id or by group (`pedantic = "warning"`): a rule's own key wins over its
/// group's.
#[derive(Debug, Default, Clone)]
pub struct RuleSettings {
    ids: Vec<(&'static str, RuleSetting)>,
    groups: Vec<(&'static str, RuleSetting)>,
}

impl RuleSettings {
    /// The rule's own setting, else its group's.
    pub fn of(&self, rule: &rules::Rule) -> Option<RuleSetting> {
        let own = self.ids.iter().find(|(id, _)| *id == rule.id);
        let group = || self.groups.iter().find(|(group, _)| *group == rule.group);
        own.or_else(group).map(|(_, setting)| *setting)
    }

    /// Whether `rule` runs where these settings hold, `default` when they
    /// leave it alone. Any setting but "off" on the rule's own id turns an
    /// opt-in rule on; a group's does only for a group of opt-in rules
    /// (`pedantic`), so `input = "error"` raises severities without turning
    /// on `unparsed-statement`.
    pub fn enables(&self, rule: &rules::Rule, default: bool) -> bool {
        let own = self.ids.iter().find(|(id, _)| *id == rule.id);
        match own.map(|(_, setting)| *setting) {
            Some(setting) => setting != RuleSetting::Off,
            None => match self.of(rule) {
                Some(RuleSetting::Off) => false,
                Some(_) if rule.opt_in && !rules::opt_in_group(rule.group) => default,
                Some(_) => true,
                None => default,
            },
        }
    }

    /// Every rule these settings name, by id or group.
    fn named(&self) -> impl Iterator<Item = &'static rules::Rule> + '_ {
        rules::all()
            .iter()
            .copied()
            .filter(|rule| self.of(rule).is_some())
    }

    /// The severity of each rule set to "warning" or "error", by its id or
    /// its group ("off" and "on" leave the rule's own).
    pub fn severities(&self) -> impl Iterator<Item = (&'static str, Severity)> + '_ {
        self.named().filter_map(|rule| match self.of(rule) {
            Some(RuleSetting::Error) => Some((rule.id, Severity::Error)),
            Some(RuleSetting::Warning) => Some((rule.id, Severity::Warning)),
            Some(RuleSetting::Off | RuleSetting::On) | None => None,
        })
    }
}

/// A `[[verify.split]]` entry: the same schema kept in one folder per engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFolders {
    pub sqlite: PathBuf,
    pub postgres: PathBuf,
}

impl Config {
    /// The settings when no configuration file applies: `root` is the folder
    /// paths would be relative to.
    pub fn defaults(root: &Path) -> Config {
        Config {
            source: None,
            root: root.to_path_buf(),
            targets: None,
            paths: Vec::new(),
            rules: RuleSettings::default(),
            fail_on: None,
            runner: None,
            applied: None,
            verify_splits: Vec::new(),
            baseline: None,
            sqlite: SqliteFacts::default(),
            engine_folders: true,
            include: None,
            exclude: GlobSet::empty(),
            storage: None,
            overrides: Vec::new(),
        }
    }

    /// `--config FILE`, else the nearest `dal-audit.toml` or Cargo.toml with a
    /// `dal-audit` metadata table from `cwd` up, else the defaults.
    pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Config, String> {
        if let Some(path) = explicit {
            let path = normalize(&cwd.join(path));
            let shown = relative_to(&path, cwd);
            let text = read(&path, &shown)?;
            let raw = if is_manifest(&path) {
                manifest_section(&shown, &text)?.ok_or_else(|| {
                    format!(
                        "`{}` has no `[package.metadata.dal-audit]` or `[workspace.metadata.dal-audit]` table",
                        shown.display()
                    )
                })?
            } else {
                parse::<RawConfig>(&shown, &text)?
            };
            return Config::build(raw, &path, &shown, &text);
        }
        for dir in cwd.ancestors() {
            let candidate = dir.join(FILE_NAME);
            let shown = relative_to(&candidate, cwd);
            if candidate.is_file() {
                let text = read(&candidate, &shown)?;
                let raw = parse::<RawConfig>(&shown, &text)?;
                return Config::build(raw, &candidate, &shown, &text);
            }
            let manifest = dir.join("Cargo.toml");
            let shown = relative_to(&manifest, cwd);
            if manifest.is_file() {
                let text = read(&manifest, &shown)?;
                if let Some(raw) = manifest_section(&shown, &text)? {
                    return Config::build(raw, &manifest, &shown, &text);
                }
            }
        }
        Ok(Config::defaults(cwd))
    }

    /// `path` is the file's absolute path, `shown` how messages name it.
    fn build(raw: RawConfig, path: &Path, shown: &Path, text: &str) -> Result<Config, String> {
        let root = path.parent().unwrap_or(Path::new("/"));
        let at = |span: Range<usize>, message: String| located(shown, text, span, &message);
        let mut config = Config::defaults(root);
        config.source = Some(path.to_path_buf());
        if let Some(specs) = raw.targets {
            config.targets = Some(parse_targets(&specs, &at)?);
        }
        config.paths = raw
            .paths
            .unwrap_or_default()
            .iter()
            .map(|p| normalize(&root.join(p)))
            .collect();
        if let Some(include) = raw.include {
            config.include = Some(glob_set(&include).map_err(|(span, e)| at(span, e))?);
        }
        if let Some(exclude) = raw.exclude {
            config.exclude = glob_set(&exclude).map_err(|(span, e)| at(span, e))?;
        }
        config.rules = rule_settings(raw.rules.unwrap_or_default(), "[rules]", &at)?;
        if let Some(storage) = raw.storage {
            config.storage = Some(glob_set(&storage).map_err(|(span, e)| at(span, e))?);
        }
        for raw_override in raw.overrides.unwrap_or_default() {
            let files = glob_set(&raw_override.files).map_err(|(span, e)| at(span, e))?;
            let targets = match raw_override.targets {
                Some(specs) => Some(parse_targets(&specs, &at)?),
                None => None,
            };
            let rules =
                rule_settings(raw_override.rules.unwrap_or_default(), "[[overrides]]", &at)?;
            config.overrides.push(Override {
                files,
                targets,
                rules,
            });
        }
        config.fail_on = raw.fail_on;
        config.runner = raw.runner;
        config.applied = raw.applied;
        config.engine_folders = raw.engine_folders.unwrap_or(true);
        config.baseline = raw.baseline.map(|b| normalize(&root.join(b)));
        config.sqlite = SqliteFacts {
            foreign_keys: raw.sqlite.and_then(|s| s.foreign_keys),
        };
        let splits = raw.verify.map(|v| v.split).unwrap_or_default();
        config.verify_splits = splits
            .into_iter()
            .map(|s| SplitFolders {
                sqlite: normalize(&root.join(s.sqlite)),
                postgres: normalize(&root.join(s.postgres)),
            })
            .collect();
        Ok(config)
    }

    /// The rules and targets this configuration asks for: what `check` runs
    /// without `--target`, `--select` or `--ignore`, and what the language
    /// server runs.
    pub fn lint_options(&self) -> LintOptions {
        let rules = rules::all()
            .iter()
            .copied()
            .filter(|rule| self.enables(rule))
            .collect();
        LintOptions {
            rules,
            targets: self.targets.clone().unwrap_or_default(),
            targets_given: self.targets.is_some(),
            severities: self.severities(),
            ..LintOptions::default()
        }
    }

    /// Whether `rule` runs: not set `"off"`; an opt-in rule (`Rule::opt_in`,
    /// e.g. the `pedantic` group) only when its id or its group is set to
    /// anything else ("on" keeps the rule's own severity).
    pub fn enables(&self, rule: &rules::Rule) -> bool {
        self.rules.enables(rule, !rule.opt_in)
    }

    /// What `check` and `verify` lint when given no path: the configured
    /// `paths`, else `migrations` next to the configuration file (or in
    /// `cwd` without one), as paths relative to `cwd`.
    pub fn default_paths(&self, cwd: &Path) -> Vec<PathBuf> {
        let absolute = if self.paths.is_empty() {
            vec![self.root.join(DEFAULT_PATH)]
        } else {
            self.paths.clone()
        };
        absolute.iter().map(|p| relative_to(p, cwd)).collect()
    }

    /// `[rules] id = "warning" | "error"` (or a group's): the severities
    /// findings are reported with, by rule. `file_options` adds the levels
    /// of a file's `[[overrides]]`.
    pub fn severities(&self) -> Vec<(&'static str, Severity)> {
        self.rules.severities().collect()
    }

    /// What the file at `path` (as given, relative to `cwd`) is linted with:
    /// `base` (the run's rules, targets and severities), then each matching
    /// `[[overrides]]` in order (its targets, which rules run, its levels),
    /// and whether it is storage code.
    pub fn file_options(&self, path: &Path, cwd: &Path, base: &LintOptions) -> FileOptions {
        let relative = self.relative(path, cwd);
        let mut options = FileOptions::new(base.clone());
        let engine = self
            .engine_of_folder(path, cwd, &relative)
            .or_else(|| base.set_findings.engine_of(&path.to_string_lossy()));
        if let Some(engine) = engine
            && options.lint.targets.includes(engine)
        {
            options.lint.targets = options.lint.targets.only(engine);
        }
        for matching in self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(&relative))
        {
            if let Some(targets) = &matching.targets {
                options.lint.targets = targets.clone();
                options.lint.narrowed_targets = true;
                options.targets_from_override = true;
            }
            for named in matching.rules.named() {
                let running = options.lint.rules.iter().any(|r| r.id == named.id);
                options.lint.rules.retain(|rule| rule.id != named.id);
                if matching.rules.enables(named, running) {
                    options.lint.rules.push(named);
                }
            }
        }
        self.override_levels(path, cwd, &mut options.lint);
        options.storage = self.storage.as_ref().map(|globs| globs.is_match(&relative));
        options
    }

    /// The one engine the file at `path` (as given, relative to `cwd`) is
    /// written for by its folder (`engine_of_folder`).
    pub fn folder_engine(&self, path: &Path, cwd: &Path) -> Option<Engine> {
        self.engine_of_folder(path, cwd, &self.relative(path, cwd))
    }

    /// The one engine `path` is written for, by its folder: a
    /// `[[verify.split]]` folder, else (with `engine-folders`) a folder
    /// named for the engine (`project::engine_folders`). Overrides come
    /// after and win.
    fn engine_of_folder(&self, path: &Path, cwd: &Path, relative: &Path) -> Option<Engine> {
        let absolute = normalize(&cwd.join(path));
        let split = self.verify_splits.iter().find_map(|split| {
            if absolute.starts_with(&split.sqlite) {
                Some(Engine::Sqlite)
            } else if absolute.starts_with(&split.postgres) {
                Some(Engine::Postgres)
            } else {
                None
            }
        });
        split.or_else(|| {
            self.engine_folders
                .then(|| crate::project::engine_folders::engine_of_folder(relative))
                .flatten()
        })
    }

    /// Whether `storage` globs are configured (the boundary rules hold).
    pub fn has_storage(&self) -> bool {
        self.storage.is_some()
    }

    /// The levels of the `[[overrides]]` matching `path` (as given, relative
    /// to `cwd`) set in `options`' severities, in file order: an override
    /// wins over `[rules]`, a later override over an earlier one.
    pub fn override_levels(&self, path: &Path, cwd: &Path, options: &mut LintOptions) {
        let relative = self.relative(path, cwd);
        for matching in self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(&relative))
        {
            options.set_severities(matching.rules.severities());
        }
    }

    /// `path` (as given, relative to `cwd`) relative to the config's folder.
    fn relative(&self, path: &Path, cwd: &Path) -> PathBuf {
        let absolute = normalize(&cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(inside) => inside.to_path_buf(),
            Err(_) => path.to_path_buf(),
        }
    }

    /// Whether `path` (as given, relative to `cwd`) passes `include` and `exclude`.
    pub fn selects(&self, path: &Path, cwd: &Path) -> bool {
        let absolute = normalize(&cwd.join(path));
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(relative))
            && !self.exclude.is_match(relative)
    }
}

type Located<'a> = &'a dyn Fn(Range<usize>, String) -> String;

fn parse_targets(specs: &[Spanned<String>], at: Located) -> Result<Targets, String> {
    for spec in specs {
        Target::parse(spec.get_ref()).map_err(|e| at(spec.span(), e))?;
    }
    let texts: Vec<&str> = specs.iter().map(|s| s.get_ref().as_str()).collect();
    let whole = specs.first().map_or(0..0, Spanned::span);
    Targets::parse(&texts).map_err(|e| at(whole, e))
}

type RawRules = BTreeMap<Spanned<String>, Spanned<RuleSetting>>;

/// Rule levels, each id or group checked (`table` names where they were written).
fn rule_settings(raw: RawRules, table: &str, at: Located) -> Result<RuleSettings, String> {
    let mut settings = RuleSettings::default();
    for (id, setting) in raw {
        if let Some(rule) = rules::by_id(id.get_ref()) {
            settings.ids.push((rule.id, *setting.get_ref()));
            continue;
        }
        let group = rules::selected_by(id.get_ref()).first().map(|r| r.group);
        let group = group.ok_or_else(|| {
            let hint = rules::closest_id(id.get_ref())
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            at(
                id.span(),
                format!("unknown rule `{}` in {table}{hint}", id.get_ref()),
            )
        })?;
        settings.groups.push((group, *setting.get_ref()));
    }
    Ok(settings)
}

/// The keys of the configuration, wherever it is written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    targets: Option<Vec<Spanned<String>>>,
    paths: Option<Vec<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<RawRules>,
    fail_on: Option<FailOn>,
    runner: Option<crate::history::runner::Runner>,
    applied: Option<String>,
    verify: Option<RawVerify>,
    baseline: Option<String>,
    storage: Option<Vec<Spanned<String>>>,
    overrides: Option<Vec<RawOverride>>,
    sqlite: Option<RawSqlite>,
    engine_folders: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<Spanned<String>>,
    targets: Option<Vec<Spanned<String>>>,
    rules: Option<RawRules>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSqlite {
    foreign_keys: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerify {
    #[serde(default)]
    split: Vec<RawSplit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSplit {
    sqlite: String,
    postgres: String,
}

/// Only the parts of Cargo.toml dal-audit reads; everything else is Cargo's.
#[derive(Debug, Deserialize)]
struct Manifest {
    package: Option<ManifestTable>,
    workspace: Option<ManifestTable>,
}

#[derive(Debug, Deserialize)]
struct ManifestTable {
    metadata: Option<Metadata>,
}

#[derive(Debug, Deserialize)]
struct Metadata {
    #[serde(rename = "dal-audit")]
    dal_audit: Option<RawConfig>,
}

fn is_manifest(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "Cargo.toml")
}

/// The package's table wins over the workspace's when a manifest has both.
fn manifest_section(path: &Path, text: &str) -> Result<Option<RawConfig>, String> {
    let manifest = parse::<Manifest>(path, text)?;
    let section = |table: Option<ManifestTable>| table.and_then(|t| t.metadata?.dal_audit);
    Ok(section(manifest.package).or(section(manifest.workspace)))
}

/// Reads `path` (absolute: `cwd` need not be the process's working
/// directory, as for the language server); errors name it as `shown`.
fn read(path: &Path, shown: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read `{}`: {}",
            shown.display(),
            crate::project::discover::describe(&e)
        )
    })
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, String> {
    toml::from_str(text)
        .map_err(|e| located(path, text, e.span().unwrap_or(0..0), e.message().trim_end()))
}

/// `path:line:column: message`, the position of a span in the config's text.
fn located(path: &Path, text: &str, span: Range<usize>, message: &str) -> String {
    let offset = span.start.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{}:{line}:{column}: {message}", path.display())
}

/// Globs with gitignore-like anchoring: `*` stays within a folder, `**`
/// crosses folders, and a pattern without `/` matches a name at any depth.
fn glob_set(patterns: &[Spanned<String>]) -> Result<GlobSet, (Range<usize>, String)> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let text = pattern.get_ref().trim_start_matches("./");
        let mut variants = vec![text.to_string()];
        if !text.contains('/') {
            variants.push(format!("**/{text}"));
        }
        // `migrations` (a folder) also means everything under it.
        variants.push(format!("{}/**", text.trim_end_matches('/')));
        for variant in variants {
            let glob = GlobBuilder::new(&variant)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    (
                        pattern.span(),
                        format!("bad glob `{}`: {}", pattern.get_ref(), e.kind()),
                    )
                })?;
            builder.add(glob);
        }
    }
    builder
        .build()
        .map_err(|e| (0..0, format!("bad glob set: {e}")))
}

/// Removes `.` and resolves `..` without touching the file system (the
/// path may not exist, and symbolic links should not change what globs see).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `target` as a path relative to `base` (both absolute), for display.
pub fn relative_to(target: &Path, base: &Path) -> PathBuf {
    if let Ok(inner) = target.strip_prefix(base) {
        return if inner.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            inner.to_path_buf()
        };
    }
    let common = target
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return target.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in base.components().skip(common) {
        out.push("..");
    }
    for component in target.components().skip(common) {
        out.push(component);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config, String> {
        let path = Path::new("/repo/dal-audit.toml");
        Config::build(parse::<RawConfig>(path, text)?, path, path, text)
    }

    #[test]
    fn a_split_folder_and_a_folder_named_for_an_engine_target_that_engine() {
        let c = config(concat!(
            "[[verify.split]]\nsqlite = \"db/lite\"\npostgres = \"db/server\"\n",
            "[[overrides]]\nfiles = [\"legacy/postgres/**\"]\ntargets = [\"sqlite\", \"postgres\"]\n",
        ))
        .unwrap();
        let base = c.lint_options();
        let engines = |path: &str| {
            let options = c.file_options(Path::new(path), Path::new("/repo"), &base);
            let targets = options.lint.targets;
            [Engine::Sqlite, Engine::Postgres].map(|e| targets.includes(e))
        };
        assert_eq!(engines("db/lite/1_a.sql"), [true, false]);
        assert_eq!(engines("db/server/1_a.sql"), [false, true]);
        assert_eq!(engines("migrations/pg/1_a.sql"), [false, true]);
        assert_eq!(engines("migrations/1_a.sql"), [true, true]);
        // An override's targets come after the folder's and win.
        assert_eq!(engines("legacy/postgres/1_a.sql"), [true, true]);
    }

    #[test]
    fn file_options_carry_the_rules_levels_then_the_overrides_levels() {
        let c = config(concat!(
            "[rules]\npragma = \"warning\"\npedantic = \"error\"\n",
            "[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { pragma = \"error\", varchar-length = \"on\" }\n",
            "[[overrides]]\nfiles = [\"legacy/old/**\"]\nrules = { pragma = \"warning\" }\n",
        ))
        .unwrap();
        let base = c.lint_options();
        let severity = |path: &str, id: &str| {
            let options = c.file_options(Path::new(path), Path::new("/repo"), &base);
            let found = options.lint.severities.iter().find(|(rule, _)| *rule == id);
            found.map(|(_, severity)| *severity)
        };
        assert_eq!(severity("m/1.sql", "pragma"), Some(Severity::Warning));
        assert_eq!(
            severity("m/1.sql", "varchar-length"),
            Some(Severity::Error),
            "a group's level sets its rules' severities"
        );
        assert_eq!(severity("m/1.sql", "parse-error"), None);
        assert_eq!(
            severity("legacy/1.sql", "pragma"),
            Some(Severity::Error),
            "an override's level wins over [rules]"
        );
        assert_eq!(
            severity("legacy/1.sql", "varchar-length"),
            Some(Severity::Error),
            "\"on\" keeps the level set before"
        );
        assert_eq!(
            severity("legacy/old/1.sql", "pragma"),
            Some(Severity::Warning),
            "a later override wins"
        );
        let file = |path: &str| c.file_options(Path::new(path), Path::new("/repo"), &base);
        let report = crate::lint::lint_file(
            "legacy/1.sql",
            b"PRAGMA foreign_keys = ON;",
            &file("legacy/1.sql"),
        );
        let pragma: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "pragma")
            .collect();
        assert!(!pragma.is_empty() && pragma.iter().all(|d| d.severity == Severity::Error));
    }

    #[test]
    fn a_group_turns_on_its_opt_in_rules_only_when_the_whole_group_is_opt_in() {
        let c = config(
            "[rules]\ninput = \"error\"\npedantic = \"warning\"\nnarrow-integer = \"off\"\n",
        )
        .unwrap();
        let rule = |id| rules::by_id(id).unwrap();
        assert!(
            !c.enables(rule("unparsed-statement")),
            "input is a default group"
        );
        assert_eq!(
            c.rules.of(rule("unparsed-statement")),
            Some(RuleSetting::Error)
        );
        assert!(c.enables(rule("parse-error")));
        assert!(
            c.enables(rule("varchar-length")),
            "pedantic is an opt-in group"
        );
        assert!(!c.enables(rule("narrow-integer")), "a rule's own key wins");
    }

    #[test]
    fn reads_every_key() {
        let c = config(
            "targets = [\"postgres>=15\"]\npaths = [\"db/migrations\"]\nexclude = [\"*.down.sql\"]\nfail-on = \"warning\"\n[rules]\npragma = \"off\"\n",
        )
        .unwrap();
        assert!(!c.targets.as_ref().unwrap().includes(crate::Engine::Sqlite));
        assert_eq!(c.paths, [PathBuf::from("/repo/db/migrations")]);
        let pragma = rules::by_id("pragma").unwrap();
        assert_eq!(c.rules.of(pragma), Some(RuleSetting::Off));
        assert!(!c.enables(pragma));
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        let c = config(
            "runner = \"sqlx\"\napplied = \"origin/main\"\n[[verify.split]]\nsqlite = \"m/sqlite\"\npostgres = \"m/pg\"\n",
        )
        .unwrap();
        assert_eq!(c.runner, Some(crate::history::runner::Runner::Sqlx));
        assert_eq!(c.applied.as_deref(), Some("origin/main"));
        assert_eq!(
            c.verify_splits,
            [SplitFolders {
                sqlite: PathBuf::from("/repo/m/sqlite"),
                postgres: PathBuf::from("/repo/m/pg")
            }]
        );
        let c = config("[sqlite]\nforeign-keys = false\n").unwrap();
        assert_eq!(c.sqlite.foreign_keys, Some(false));
        let bad = config("[sqlite]\nforeign_keys = true\n").unwrap_err();
        assert!(bad.contains("unknown field `foreign_keys`"), "{bad}");
        let bad = config("runner = \"rails\"\n").unwrap_err();
        assert!(bad.contains("unknown variant `rails`"), "{bad}");
    }

    #[test]
    fn pedantic_rules_run_only_when_their_group_or_id_is_set() {
        let runs = |c: &Config, id: &str| c.lint_options().rules.iter().any(|r| r.id == id);
        let defaults = config("").unwrap();
        assert!(!runs(&defaults, "varchar-length") && runs(&defaults, "integer-width"));
        let group = config("[rules]\npedantic = \"warning\"\nidentifier-case = \"off\"\n").unwrap();
        assert!(runs(&group, "varchar-length") && runs(&group, "narrow-integer"));
        assert!(
            !runs(&group, "identifier-case"),
            "a rule's own key wins over its group's"
        );
        let one = config("[rules]\nvarchar-length = \"error\"\n").unwrap();
        assert!(runs(&one, "varchar-length") && !runs(&one, "narrow-integer"));
        let off = config("[rules]\nsemantics = \"off\"\n").unwrap();
        assert!(!runs(&off, "integer-width") && runs(&off, "pragma"));
    }

    #[test]
    fn mistakes_name_the_file_line_and_column() {
        let unknown_key = config("targets = []\ncolour = true\n").unwrap_err();
        assert!(
            unknown_key.starts_with("/repo/dal-audit.toml:2:1: unknown field `colour`"),
            "{unknown_key}"
        );
        let unknown_rule = config("[rules]\npragme = \"off\"\n").unwrap_err();
        assert_eq!(
            unknown_rule,
            "/repo/dal-audit.toml:2:1: unknown rule `pragme` in [rules] (did you mean `pragma`?)"
        );
        let bad_setting = config("[rules]\npragma = \"loud\"\n").unwrap_err();
        assert!(
            bad_setting.starts_with("/repo/dal-audit.toml:2:10: unknown variant `loud`"),
            "{bad_setting}"
        );
        let bad_target = config("targets = [\"sqlite>=3.35\", \"mysql\"]\n").unwrap_err();
        assert!(
            bad_target.starts_with("/repo/dal-audit.toml:1:28: unknown engine `mysql`"),
            "{bad_target}"
        );
    }

    #[test]
    fn globs_are_relative_to_the_config_folder() {
        let c = config(
            "include = [\"migrations\"]\nexclude = [\"*.down.sql\", \"migrations/old/*\"]\n",
        )
        .unwrap();
        let cwd = Path::new("/repo");
        assert!(c.selects(Path::new("migrations/1_a.sql"), cwd));
        assert!(c.selects(Path::new("1_a.sql"), Path::new("/repo/migrations")));
        assert!(!c.selects(Path::new("migrations/1_a.down.sql"), cwd));
        assert!(!c.selects(Path::new("migrations/old/1_a.sql"), cwd));
        assert!(!c.selects(Path::new("seeds/1.sql"), cwd));
    }

    #[test]
    fn relative_paths_for_display() {
        assert_eq!(
            relative_to(Path::new("/a/m"), Path::new("/a")),
            PathBuf::from("m")
        );
        assert_eq!(
            relative_to(Path::new("/a/m"), Path::new("/a/b/c")),
            PathBuf::from("../../m")
        );
    }
}
