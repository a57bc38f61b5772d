//! SQL functions that SQLite added in a recent version (`concat()` in 3.44,
//! `unhex()` in 3.41, `jsonb()` in 3.45…): older versions fail with
//! `no such function`. (Whether PostgreSQL has the function is other rules'
//! business; `unixepoch()` has its own rule.)

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_new_functions;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

pub static RULE: Rule = Rule {
    id: "sqlite-function-version",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "functions SQLite added recently (`concat` 3.44, `unhex` 3.41, `jsonb` 3.45, `iif` 3.32…)",
    requires: &[
        (Engine::Sqlite, Version::new(3, 32)),
        (Engine::Sqlite, Version::new(3, 38)),
        (Engine::Sqlite, Version::new(3, 41)),
        (Engine::Sqlite, Version::new(3, 42)),
        (Engine::Sqlite, Version::new(3, 43)),
        (Engine::Sqlite, Version::new(3, 44)),
        (Engine::Sqlite, Version::new(3, 45)),
        (Engine::Sqlite, Version::new(3, 46)),
    ],
    check,
    ..Rule::DEFAULT
};

/// Built-in functions by the SQLite version that added them (from the
/// release notes at sqlite.org/changes.html).
const ADDED_IN: &[(&str, Version)] = &[
    ("iif", Version::new(3, 32)),
    ("format", Version::new(3, 38)),
    ("unhex", Version::new(3, 41)),
    ("json_error_position", Version::new(3, 42)),
    ("octet_length", Version::new(3, 43)),
    ("timediff", Version::new(3, 43)),
    ("concat", Version::new(3, 44)),
    ("concat_ws", Version::new(3, 44)),
    ("string_agg", Version::new(3, 44)),
    ("jsonb", Version::new(3, 45)),
    ("jsonb_array", Version::new(3, 45)),
    ("jsonb_extract", Version::new(3, 45)),
    ("jsonb_group_array", Version::new(3, 45)),
    ("jsonb_group_object", Version::new(3, 45)),
    ("jsonb_insert", Version::new(3, 45)),
    ("jsonb_object", Version::new(3, 45)),
    ("jsonb_patch", Version::new(3, 45)),
    ("jsonb_remove", Version::new(3, 45)),
    ("jsonb_replace", Version::new(3, 45)),
    ("jsonb_set", Version::new(3, 45)),
    ("json_pretty", Version::new(3, 46)),
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    report_new_functions(ctx, out, Engine::Sqlite, ADDED_IN);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    #[test]
    fn each_function_is_gated_at_its_own_version() {
        let sql = "SELECT concat(a, b), unhex('00'), iif(a, 1, 2), upper(a), 'concat(x)' FROM t";
        let texts = |target: &str| -> Vec<String> {
            flagged_with_targets(&RULE, sql, &[target])
        };
        assert_eq!(texts("sqlite>=3.30"), ["concat(a, b)", "unhex('00')", "iif(a, 1, 2)"]);
        assert_eq!(texts("sqlite>=3.41"), ["concat(a, b)"]);
        assert!(texts("sqlite>=3.44").is_empty());
        let message = &findings_with_targets(&RULE, sql, &["sqlite>=3.40"])[0].message;
        assert_eq!(message, "`concat()` needs SQLite 3.44; your targets include sqlite>=3.40");
    }

    #[test]
    fn every_listed_version_is_declared_in_requires() {
        for (name, version) in ADDED_IN {
            assert!(
                RULE.requires.contains(&(Engine::Sqlite, *version)),
                "{name}: {version} missing from `requires`"
            );
        }
    }
}
