//! The engines (and their oldest versions) a migration set must run on.
//!
//! `sqlite>=3.35` means "must run on SQLite 3.35 and newer": a rule about a
//! feature SQLite added in 3.38 fires, one about a 3.24 feature does not.

use std::fmt;

use crate::diagnostic::Engine;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl Version {
    pub const fn new(major: u32, minor: u32) -> Self {
        Version { major, minor }
    }

    fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |m| m.parse().ok())?;
        // A patch level is accepted and ignored: no rule depends on one.
        if let Some(patch) = parts.next() {
            patch.parse::<u32>().ok()?;
        }
        parts.next().is_none().then_some(Version { major, minor })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub engine: Engine,
    /// The oldest version that must run the migrations.
    pub min_version: Version,
}

impl Target {
    /// Parses `sqlite>=3.35`, `postgres>=14`, `postgresql`, `pg>=15`.
    pub fn parse(spec: &str) -> Result<Target, String> {
        let spec = spec.trim();
        let (name, version) = match spec.split_once(">=") {
            Some((name, version)) => (name.trim(), Some(version.trim())),
            None => (spec, None),
        };
        let Some(engine) = engine_named(name) else {
            if let Some(meant) = other_comparison(spec) {
                return Err(format!(
                    "target `{spec}`: write `{meant}` (the oldest version the migrations must run on)"
                ));
            }
            return Err(format!(
                "unknown engine `{name}` in target `{spec}` (expected `sqlite` or `postgres`)"
            ));
        };
        let min_version = match version {
            Some(v) => Version::parse(v).ok_or_else(|| {
                format!("bad version `{v}` in target `{spec}` (expected e.g. `3.35` or `14`)")
            })?,
            None => Targets::default()
                .min_version(engine)
                .expect("both engines have defaults"),
        };
        Ok(Target {
            engine,
            min_version,
        })
    }
}

fn engine_named(name: &str) -> Option<Engine> {
    match name.to_ascii_lowercase().as_str() {
        "sqlite" | "sqlite3" => Some(Engine::Sqlite),
        "postgres" | "postgresql" | "pg" => Some(Engine::Postgres),
        _ => None,
    }
}

/// `postgres=14`, `postgres>14`, `postgres==14` or `postgres 14` written for
/// `postgres>=14`: the spec as it was surely meant.
fn other_comparison(spec: &str) -> Option<String> {
    let (name, version) = spec.split_once(['=', '>', ' '])?;
    let version = version.trim_start_matches(['=', '>', ' ']);
    engine_named(name.trim())?;
    Version::parse(version)?;
    Some(format!("{}>={version}", name.trim()))
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}>={}", self.engine, self.min_version)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    targets: Vec<Target>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            targets: vec![
                Target {
                    engine: Engine::Sqlite,
                    min_version: Version::new(3, 35),
                },
                Target {
                    engine: Engine::Postgres,
                    min_version: Version::new(14, 0),
                },
            ],
        }
    }
}

impl Targets {
    /// Parses target specs; a later spec for the same engine replaces an earlier one.
    pub fn parse<S: AsRef<str>>(specs: &[S]) -> Result<Targets, String> {
        let mut targets: Vec<Target> = Vec::new();
        for spec in specs {
            let target = Target::parse(spec.as_ref())?;
            targets.retain(|t| t.engine != target.engine);
            targets.push(target);
        }
        if targets.is_empty() {
            return Err("no target engine given".into());
        }
        targets.sort_by_key(|t| t.engine);
        Ok(Targets { targets })
    }

    /// Only `engine`, at these targets' version of it, else the default's:
    /// what a Rust function bound to one engine's executor is checked for.
    pub fn only(&self, engine: Engine) -> Targets {
        let pick = |targets: &Targets| targets.targets.iter().find(|t| t.engine == engine).cloned();
        let target = pick(self).or_else(|| pick(&Targets::default()));
        Targets {
            targets: target.into_iter().collect(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Target> {
        self.targets.iter()
    }

    pub fn includes(&self, engine: Engine) -> bool {
        self.targets.iter().any(|t| t.engine == engine)
    }

    pub fn min_version(&self, engine: Engine) -> Option<Version> {
        self.targets
            .iter()
            .find(|t| t.engine == engine)
            .map(|t| t.min_version)
    }

    /// Whether a feature that `engine` gained in `version` fails on some targeted version.
    pub fn lacks(&self, engine: Engine, version: Version) -> bool {
        self.min_version(engine).is_some_and(|min| min < version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs_and_gates_versions() {
        let targets = Targets::parse(&["sqlite>=3.24", "pg>=15"]).unwrap();
        assert!(targets.lacks(Engine::Sqlite, Version::new(3, 35)));
        assert!(!targets.lacks(Engine::Sqlite, Version::new(3, 24)));
        assert!(!targets.lacks(Engine::Postgres, Version::new(15, 0)));
        assert_eq!(
            Target::parse("postgres").unwrap().min_version,
            Version::new(14, 0)
        );
        assert!(
            Target::parse("mysql>=8")
                .unwrap_err()
                .contains("unknown engine `mysql`")
        );
        for written in ["postgres=14", "postgres>14", "postgres==14", "postgres 14"] {
            assert_eq!(
                Target::parse(written).unwrap_err(),
                format!(
                    "target `{written}`: write `postgres>=14` (the oldest version the migrations must run on)"
                )
            );
        }
        assert!(
            Target::parse("sqlite>=three")
                .unwrap_err()
                .contains("bad version")
        );
    }

    #[test]
    fn a_target_list_without_an_engine_excludes_it() {
        let targets = Targets::parse(&["postgres>=13"]).unwrap();
        assert!(!targets.includes(Engine::Sqlite));
        assert!(!targets.lacks(Engine::Sqlite, Version::new(9, 0)));
    }
}
