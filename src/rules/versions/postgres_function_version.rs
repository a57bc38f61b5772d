//! SQL functions that PostgreSQL added in a recent version
//! (`gen_random_uuid()` in 13, `any_value()` in 16, `uuidv7()` in 18…):
//! older versions fail with `function … does not exist`.

use crate::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_if_older_than;
use crate::rules::{Rule, Sink};
use crate::targets::Version;

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
const ADDED_IN: &[(&str, u32)] = &[
    ("gen_random_uuid", 13),
    ("trim_scale", 13),
    ("min_scale", 13),
    ("gcd", 13),
    ("lcm", 13),
    ("unistr", 13),
    ("string_to_table", 14),
    ("trim_array", 14),
    ("date_bin", 14),
    ("range_agg", 14),
    ("bit_count", 14),
    ("regexp_count", 15),
    ("regexp_instr", 15),
    ("regexp_like", 15),
    ("regexp_substr", 15),
    ("any_value", 16),
    ("random_normal", 16),
    ("array_sample", 16),
    ("array_shuffle", 16),
    ("date_add", 16),
    ("date_subtract", 16),
    ("uuidv7", 18),
    ("uuidv4", 18),
    ("casefold", 18),
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for call in ctx.function_calls() {
        let Some(&(_, major)) = ADDED_IN.iter().find(|(name, _)| *name == call.name) else {
            continue;
        };
        report_if_older_than(
            ctx,
            out,
            call.span.clone(),
            &format!("`{}()`", call.name),
            (Engine::Postgres, Version::new(major, 0)),
            format!(
                "raise the PostgreSQL target to {major}, or compute the value in the storage code"
            ),
        );
    }
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
        for (name, major) in ADDED_IN {
            assert!(
                RULE.requires.contains(&(Engine::Postgres, Version::new(*major, 0))),
                "{name}: {major} missing from `requires`"
            );
        }
    }
}
