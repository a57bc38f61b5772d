//! What each migration runner reads from a file name: the version it orders
//! by, whether the file is an up or a down migration, or that it skips (or
//! refuses) the name. The facts come from each runner's source; the sqlx ones
//! from `sqlx-core/src/migrate/source.rs` (0.8): the name is split at its
//! first `_`, must end in `.sql`, and the part before must parse as an `i64`.

use std::cmp::Ordering;

use serde::Deserialize;

/// A migration runner whose layout dal-audit knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Runner {
    /// `<VERSION>_<DESCRIPTION>.sql`, or `.up.sql` + `.down.sql`.
    Sqlx,
    /// `<version>_<name>/up.sql` + `down.sql`.
    Diesel,
    /// `V<n>__<name>.sql` (refinery, and Flyway's versioned migrations).
    Refinery,
    /// `<n>_<name>.up.sql` + `.down.sql`.
    GolangMigrate,
    /// `<n>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections.
    Goose,
    /// `<n>_<name>.sql` with `-- migrate:up` / `-- migrate:down` sections.
    Dbmate,
    /// `<n>-<name>.sql` with `-- +migrate Up` / `-- +migrate Down` sections.
    SqlMigrate,
    /// `<nnnn>_<name>.sql` listed in `meta/_journal.json`.
    Drizzle,
    /// `<timestamp>_<name>/migration.sql`.
    Prisma,
}

/// Whether a file runs forward (the history) or reverts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Up,
    Down,
}

/// A migration's version as its runner compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Number(i64),
    /// Compared as text (diesel, prisma, dbmate compare strings).
    Text(String),
}

impl Version {
    pub fn number(&self) -> Option<i64> {
        match self {
            Version::Number(n) => Some(*n),
            Version::Text(_) => None,
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Version::Number(n) => write!(f, "{n}"),
            Version::Text(t) => f.write_str(t),
        }
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Version::Number(a), Version::Number(b)) => a.cmp(b),
            (Version::Text(a), Version::Text(b)) => a.cmp(b),
            (Version::Number(_), Version::Text(_)) => Ordering::Less,
            (Version::Text(_), Version::Number(_)) => Ordering::Greater,
        }
    }
}

/// What a runner makes of one file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Naming {
    Migration(Version, Direction),
    /// The runner silently skips the file.
    Skipped,
    /// The runner stops with an error on the name.
    Refused(String),
}

impl Runner {
    pub fn name(self) -> &'static str {
        match self {
            Runner::Sqlx => "sqlx",
            Runner::Diesel => "diesel",
            Runner::Refinery => "refinery",
            Runner::GolangMigrate => "golang-migrate",
            Runner::Goose => "goose",
            Runner::Dbmate => "dbmate",
            Runner::SqlMigrate => "sql-migrate",
            Runner::Drizzle => "drizzle",
            Runner::Prisma => "prisma",
        }
    }

    /// Whether a migration lives in a folder of its own (`<version>_<name>/up.sql`).
    pub fn folder_per_migration(self) -> bool {
        matches!(self, Runner::Diesel | Runner::Prisma)
    }

    /// Whether the runner stores a checksum of each applied file and refuses
    /// to go on when the bytes change (sqlx: SHA-384, `VersionMismatch`).
    pub fn checksums(self) -> bool {
        matches!(self, Runner::Sqlx)
    }

    /// Whether up and down migrations are separate files.
    pub fn has_down_files(self) -> bool {
        matches!(self, Runner::Sqlx | Runner::Diesel | Runner::GolangMigrate)
    }

    /// `name` is the file name, or for a folder-per-migration runner
    /// `<folder>/<file>`.
    pub fn naming(self, name: &str) -> Naming {
        match self {
            Runner::Sqlx => sqlx_naming(name),
            Runner::Diesel => folder_naming(name, "up.sql", "down.sql", |dir| {
                let version = dir.split('_').next().unwrap_or(dir);
                Some(Version::Text(version.replace('-', "")))
            }),
            Runner::Prisma => folder_naming(name, "migration.sql", "", |dir| {
                Some(Version::Text(dir.to_string()))
            }),
            Runner::Refinery => refinery_naming(name),
            Runner::GolangMigrate => golang_migrate_naming(name),
            Runner::Goose | Runner::Drizzle => leading_number(name, '_'),
            Runner::Dbmate => match leading_digits(name) {
                Some(digits) if name.ends_with(".sql") => {
                    Naming::Migration(Version::Text(digits.to_string()), Direction::Up)
                }
                _ => Naming::Skipped,
            },
            Runner::SqlMigrate => match leading_digits(name) {
                Some(digits) => {
                    number(digits).map_or(Naming::Skipped, |v| Naming::Migration(v, Direction::Up))
                }
                None => Naming::Skipped,
            },
        }
    }
}

fn sqlx_naming(name: &str) -> Naming {
    let Some((version, rest)) = name.split_once('_') else {
        return Naming::Skipped;
    };
    if !rest.ends_with(".sql") {
        return Naming::Skipped;
    }
    let Ok(version) = version.parse::<i64>() else {
        return Naming::Refused(format!(
            "sqlx stops every `migrate run` on it: \"error parsing migration filename \\\"{name}\\\"; expected integer version prefix\""
        ));
    };
    let direction = if rest.ends_with(".down.sql") {
        Direction::Down
    } else {
        Direction::Up
    };
    Naming::Migration(Version::Number(version), direction)
}

fn folder_naming(
    name: &str,
    up: &str,
    down: &str,
    version: impl Fn(&str) -> Option<Version>,
) -> Naming {
    let Some((dir, file)) = name.rsplit_once('/') else {
        return Naming::Skipped;
    };
    let direction = if file == up {
        Direction::Up
    } else if !down.is_empty() && file == down {
        Direction::Down
    } else {
        return Naming::Skipped;
    };
    version(dir).map_or(Naming::Skipped, |v| Naming::Migration(v, direction))
}

fn refinery_naming(name: &str) -> Naming {
    // refinery: `^([U|V])(\d+(?:\.\d+)?)__(\w+)\.(rs|sql)$`; other names are skipped.
    let Some(rest) = name.strip_prefix('V') else {
        return Naming::Skipped;
    };
    let Some((version, description)) = rest.split_once("__") else {
        return Naming::Skipped;
    };
    let Some(description) = description.strip_suffix(".sql") else {
        return Naming::Skipped;
    };
    let word = |c: char| c.is_alphanumeric() || c == '_';
    if description.is_empty() || !description.chars().all(word) {
        return Naming::Skipped;
    }
    number(version).map_or(Naming::Skipped, |v| Naming::Migration(v, Direction::Up))
}

fn golang_migrate_naming(name: &str) -> Naming {
    let direction = if name.ends_with(".up.sql") {
        Direction::Up
    } else if name.ends_with(".down.sql") {
        Direction::Down
    } else {
        return Naming::Skipped;
    };
    match name.split_once('_').and_then(|(v, _)| number(v)) {
        Some(version) => Naming::Migration(version, direction),
        None => Naming::Skipped,
    }
}

fn leading_number(name: &str, separator: char) -> Naming {
    match name.split_once(separator).and_then(|(v, _)| number(v)) {
        Some(version) if name.ends_with(".sql") => Naming::Migration(version, Direction::Up),
        _ => Naming::Skipped,
    }
}

fn leading_digits(name: &str) -> Option<&str> {
    let end = name
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

fn number(text: &str) -> Option<Version> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse().ok().map(Version::Number))
        .flatten()
}

/// Name order with digit runs compared as numbers (`V2__` before `V10__`):
/// the order for a folder whose runner is unknown.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = split_digits(a);
                let (db, rb) = split_digits(b);
                let (ta, tb) = (trim_zeros(da), trim_zeros(db));
                let by_value = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                let by_char = x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase());
                if by_char != Ordering::Equal {
                    return by_char;
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let first = digits
        .iter()
        .position(|&b| b != b'0')
        .unwrap_or(digits.len());
    &digits[first..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn up(n: i64) -> Naming {
        Naming::Migration(Version::Number(n), Direction::Up)
    }

    #[test]
    fn sqlx_reads_names_as_its_source_does() {
        assert_eq!(Runner::Sqlx.naming("20240101_init.sql"), up(20240101));
        assert_eq!(
            Runner::Sqlx.naming("2_add.down.sql"),
            Naming::Migration(Version::Number(2), Direction::Down)
        );
        assert_eq!(Runner::Sqlx.naming("0001-init.sql"), Naming::Skipped);
        assert_eq!(Runner::Sqlx.naming("1_init.SQL"), Naming::Skipped);
        assert_eq!(Runner::Sqlx.naming("README_first.md"), Naming::Skipped);
        assert!(matches!(
            Runner::Sqlx.naming("V1__init.sql"),
            Naming::Refused(_)
        ));
    }

    #[test]
    fn other_runners() {
        assert_eq!(
            Runner::Diesel.naming("2017-09-26-151545_fix/up.sql"),
            Naming::Migration(Version::Text("20170926151545".into()), Direction::Up)
        );
        assert_eq!(Runner::Diesel.naming("2017_fix/README.md"), Naming::Skipped);
        assert_eq!(Runner::Refinery.naming("V10__add_x.sql"), up(10));
        assert_eq!(Runner::Refinery.naming("V1_add.sql"), Naming::Skipped);
        assert_eq!(Runner::GolangMigrate.naming("000001_a.up.sql"), up(1));
        assert_eq!(Runner::Goose.naming("00020_bloom.sql"), up(20));
        assert_eq!(
            Runner::SqlMigrate.naming("20180805174141-t.sql"),
            up(20180805174141)
        );
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut names = vec!["V10__b.sql", "V2__a.sql", "v1__c.sql", "V02__z.sql"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["v1__c.sql", "V2__a.sql", "V02__z.sql", "V10__b.sql"]
        );
    }
}
