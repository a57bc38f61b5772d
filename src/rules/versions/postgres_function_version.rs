//! SQL functions that PostgreSQL added in a recent version
//! (`gen_random_uuid()` in 13, `any_value()` in 16, `uuidv7()` in 18…):
//! older versions fail with `function … does not exist`.

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_new_functions;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

pub static RULE: Rule = Rule {
    id: "postgres-function-version",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "functions PostgreSQL added recently (`gen_random_uuid` 13, `regexp_like` 15, `any_value` 16, `uuidv7` 18…)",
    requires: &[
        (Engine::Postgres, Version::new(13, 0)),
        (Engine::Postgres, Version::new(14, 0)),
        (Engine::Postgres, Version::new(15, 0)),
        (Engine::Postgres, Version::new(16, 0)),
        (Engine::Postgres, Version::new(18, 0)),
    ],
    check,
    ..Rule::DEFAULT
};

/// Built-in functions by the PostgreSQL major version that added them (from
/// the release notes).
const ADDED_IN: &[(&str, Version)] = &[
    ("gen_random_uuid", Version::new(13, 0)),
    ("trim_scale", Version::new(13, 0)),
    ("min_scale", Version::new(13, 0)),
    ("gcd", Version::new(13, 0)),
    ("lcm", Version::new(13, 0)),
    ("unistr", Version::new(13, 0)),
    ("string_to_table", Version::new(14, 0)),
    ("trim_array", Version::new(14, 0)),
    ("date_bin", Version::new(14, 0)),
    ("range_agg", Version::new(14, 0)),
    ("bit_count", Version::new(14, 0)),
    ("regexp_count", Version::new(15, 0)),
    ("regexp_instr", Version::new(15, 0)),
    ("regexp_like", Version::new(15, 0)),
    ("regexp_substr", Version::new(15, 0)),
    ("any_value", Version::new(16, 0)),
    ("random_normal", Version::new(16, 0)),
    ("array_sample", Version::new(16, 0)),
    ("array_shuffle", Version::new(16, 0)),
    ("date_add", Version::new(16, 0)),
    ("date_subtract", Version::new(16, 0)),
    ("uuidv7", Version::new(18, 0)),
    ("uuidv4", Version::new(18, 0)),
    ("casefold", Version::new(18, 0)),
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    report_new_functions(ctx, out, Engine::Postgres, ADDED_IN);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    #[test]
    fn each_function_is_gated_at_its_own_version() {
        let sql = "SELECT gen_random_uuid(), any_value(a), uuidv7(), lower(a), 'any_value(x)' FROM t";
        let texts = |target: &str| -> Vec<String> {
            flagged_with_targets(&RULE, sql, &[target])
        };
        assert_eq!(texts("postgres>=12"), ["gen_random_uuid()", "any_value(a)", "uuidv7()"]);
        assert_eq!(texts("postgres>=16"), ["uuidv7()"]);
        assert!(texts("postgres>=18").is_empty());
        assert!(texts("sqlite>=3.0").is_empty());
        let message = &findings_with_targets(&RULE, sql, &["postgres>=14"])[0].message;
        assert_eq!(message, "`any_value()` needs PostgreSQL 16; your targets include postgres>=14");
    }

    #[test]
    fn every_listed_version_is_declared_in_requires() {
        for (name, version) in ADDED_IN {
            assert!(
                RULE.requires.contains(&(Engine::Postgres, *version)),
                "{name}: {} missing from `requires`",
                version.major
            );
        }
    }
}
