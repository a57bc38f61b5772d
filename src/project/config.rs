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
//!
//! [[verify.split]]                # one folder per engine (`dal-audit verify`)
//! sqlite = "migrations/sqlite"
//! postgres = "migrations/postgres"
//!
//! [rules]
//! pragma = "warning"              # "off" | "warning" | "error"
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

use crate::diagnostic::Severity;
use crate::lint::LintOptions;
use crate::project::targets::{Target, Targets};
use crate::rules;

pub const FILE_NAME: &str = "dal-audit.toml";

/// What a rule is set to in `[rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
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
    pub rules: Vec<(&'static str, RuleSetting)>,
    pub fail_on: Option<FailOn>,
    /// `runner = "sqlx"`: the migration runner of every set, instead of
    /// detecting it (`history::detect`).
    pub runner: Option<crate::history::Runner>,
    /// `applied = "<git ref>"`: migrations present there are applied.
    pub applied: Option<String>,
    /// `[[verify.split]]`: one folder per engine, absolute.
    pub verify_splits: Vec<SplitFolders>,
    include: Option<GlobSet>,
    exclude: GlobSet,
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
            rules: Vec::new(),
            fail_on: None,
            runner: None,
            applied: None,
            verify_splits: Vec::new(),
            include: None,
            exclude: GlobSet::empty(),
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
            for spec in &specs {
                Target::parse(spec.get_ref()).map_err(|e| at(spec.span(), e))?;
            }
            let specs: Vec<&str> = specs.iter().map(|s| s.get_ref().as_str()).collect();
            config.targets =
                Some(Targets::parse(&specs).map_err(|e| located(shown, text, 0..0, &e))?);
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
        for (id, setting) in raw.rules.unwrap_or_default() {
            let rule = rules::by_id(id.get_ref()).ok_or_else(|| {
                let hint = rules::closest_id(id.get_ref())
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                at(
                    id.span(),
                    format!("unknown rule `{}` in [rules]{hint}", id.get_ref()),
                )
            })?;
            config.rules.push((rule.id, *setting.get_ref()));
        }
        config.fail_on = raw.fail_on;
        config.runner = raw.runner;
        config.applied = raw.applied;
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
            .filter(|rule| self.setting(rule.id) != Some(RuleSetting::Off))
            .collect();
        LintOptions {
            rules,
            targets: self.targets.clone().unwrap_or_default(),
            severities: self.severities(),
            ..LintOptions::default()
        }
    }

    /// `[rules] id = "warning" | "error"`: the severities findings are reported with.
    pub fn severities(&self) -> Vec<(&'static str, Severity)> {
        self.rules
            .iter()
            .filter_map(|(id, setting)| match setting {
                RuleSetting::Error => Some((*id, Severity::Error)),
                RuleSetting::Warning => Some((*id, Severity::Warning)),
                RuleSetting::Off => None,
            })
            .collect()
    }

    fn setting(&self, rule_id: &str) -> Option<RuleSetting> {
        let found = self.rules.iter().find(|(id, _)| *id == rule_id);
        found.map(|(_, setting)| *setting)
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

/// The keys of the configuration, wherever it is written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    targets: Option<Vec<Spanned<String>>>,
    paths: Option<Vec<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<RuleSetting>>>,
    fail_on: Option<FailOn>,
    runner: Option<crate::history::Runner>,
    applied: Option<String>,
    verify: Option<RawVerify>,
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
    fn reads_every_key() {
        let c = config(
            "targets = [\"postgres>=15\"]\npaths = [\"db/migrations\"]\nexclude = [\"*.down.sql\"]\nfail-on = \"warning\"\n[rules]\npragma = \"off\"\n",
        )
        .unwrap();
        assert!(!c.targets.unwrap().includes(crate::Engine::Sqlite));
        assert_eq!(c.paths, [PathBuf::from("/repo/db/migrations")]);
        assert_eq!(c.rules, [("pragma", RuleSetting::Off)]);
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        let c = config(
            "runner = \"sqlx\"\napplied = \"origin/main\"\n[[verify.split]]\nsqlite = \"m/sqlite\"\npostgres = \"m/pg\"\n",
        )
        .unwrap();
        assert_eq!(c.runner, Some(crate::history::Runner::Sqlx));
        assert_eq!(c.applied.as_deref(), Some("origin/main"));
        assert_eq!(
            c.verify_splits,
            [SplitFolders {
                sqlite: PathBuf::from("/repo/m/sqlite"),
                postgres: PathBuf::from("/repo/m/pg")
            }]
        );
        let bad = config("runner = \"rails\"\n").unwrap_err();
        assert!(bad.contains("unknown variant `rails`"), "{bad}");
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
