//! Calls of PostgreSQL functions that SQLite does not have (`now()`,
//! `to_char()`, `string_agg()`, `array_agg()`, `jsonb_*`, `gen_random_uuid()`,
//! `greatest()`…). SQLite rejects the statement with `no such function`, or,
//! inside a `DEFAULT (…)`, fails every INSERT that needs the default.

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::default_value::DefaultShape;

pub static RULE: Rule = Rule {
    id: "postgres-function",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "PostgreSQL functions SQLite does not have (`now()`, `string_agg()`, `jsonb_*`, `gen_random_uuid()`…)",
    check,
    ..Rule::DEFAULT
};

/// Checked against SQLite 3.40: each is `no such function` there.
const PG_FUNCTIONS: &[&str] = &[
    // date and time
    "now",
    "clock_timestamp",
    "statement_timestamp",
    "transaction_timestamp",
    "timeofday",
    "timezone",
    "date_trunc",
    "date_part",
    "to_timestamp",
    "to_char",
    "to_date",
    "to_number",
    "age",
    "make_interval",
    "make_date",
    "make_timestamp",
    "make_timestamptz",
    "justify_days",
    "justify_hours",
    "justify_interval",
    // ids and crypto
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "gen_random_bytes",
    "digest",
    "hmac",
    "encode",
    "decode",
    "md5",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "crypt",
    "gen_salt",
    // JSON
    "json_build_object",
    "json_build_array",
    "jsonb_build_object",
    "jsonb_build_array",
    "json_agg",
    "jsonb_agg",
    "json_object_agg",
    "jsonb_object_agg",
    "to_json",
    "to_jsonb",
    "row_to_json",
    "array_to_json",
    "jsonb_set",
    "jsonb_set_lax",
    "jsonb_insert",
    "jsonb_array_elements",
    "jsonb_array_elements_text",
    "json_array_elements",
    "json_array_elements_text",
    "jsonb_each",
    "jsonb_each_text",
    "json_each_text",
    "jsonb_typeof",
    "json_typeof",
    "jsonb_array_length",
    "jsonb_object_keys",
    "json_object_keys",
    "jsonb_strip_nulls",
    "json_strip_nulls",
    "jsonb_pretty",
    "jsonb_path_query",
    "jsonb_path_query_first",
    "jsonb_path_exists",
    "jsonb_extract_path",
    "jsonb_extract_path_text",
    "json_extract_path",
    "json_extract_path_text",
    "json_populate_record",
    "jsonb_populate_record",
    "jsonb_to_record",
    "json_to_record",
    "jsonb_to_recordset",
    "json_to_recordset",
    // arrays and sets
    "array_agg",
    "array_length",
    "array_to_string",
    "array_append",
    "array_prepend",
    "array_cat",
    "array_remove",
    "array_replace",
    "array_position",
    "array_positions",
    "array_upper",
    "array_lower",
    "array_dims",
    "cardinality",
    "unnest",
    "string_to_array",
    "generate_series",
    "generate_subscripts",
    // text
    "regexp_replace",
    "regexp_match",
    "regexp_matches",
    "regexp_split_to_array",
    "regexp_split_to_table",
    "regexp_like",
    "regexp_count",
    "regexp_substr",
    "split_part",
    "strpos",
    "left",
    "right",
    "lpad",
    "rpad",
    "initcap",
    "btrim",
    "repeat",
    "chr",
    "ascii",
    "reverse",
    "translate",
    "char_length",
    "character_length",
    "bit_length",
    "quote_ident",
    "quote_literal",
    "quote_nullable",
    "starts_with",
    "to_hex",
    // comparison and aggregates
    "greatest",
    "least",
    "num_nonnulls",
    "num_nulls",
    "bool_and",
    "bool_or",
    "every",
    "bit_and",
    "bit_or",
    "stddev",
    "stddev_pop",
    "stddev_samp",
    "variance",
    "var_pop",
    "var_samp",
    "percentile_cont",
    "percentile_disc",
    "width_bucket",
    // full-text search
    "to_tsvector",
    "to_tsquery",
    "plainto_tsquery",
    "phraseto_tsquery",
    "websearch_to_tsquery",
    "setweight",
    "ts_rank",
    "ts_rank_cd",
    "ts_headline",
    // server and session
    "current_setting",
    "set_config",
    "pg_advisory_lock",
    "pg_advisory_xact_lock",
    "pg_try_advisory_lock",
    "pg_advisory_unlock",
    "pg_notify",
    "txid_current",
    "pg_sleep",
    "pg_typeof",
    "current_database",
    "current_schema",
    "has_table_privilege",
    "obj_description",
    "col_description",
    "pg_get_serial_sequence",
];

/// Functions later SQLite versions added: flagged only for older targets.
const ADDED_LATER: &[(&str, Version)] = &[
    ("string_agg", Version::new(3, 44)),
    ("concat", Version::new(3, 44)),
    ("concat_ws", Version::new(3, 44)),
    ("octet_length", Version::new(3, 43)),
    ("unhex", Version::new(3, 41)),
    // PostgreSQL's function-style cast `jsonb(x)`; SQLite's own jsonb() came in 3.45.
    ("jsonb", Version::new(3, 45)),
];

/// SQL value keywords PostgreSQL evaluates and SQLite reads as column names.
const PG_VALUE_KEYWORDS: [&str; 7] = [
    "LOCALTIMESTAMP",
    "LOCALTIME",
    "CURRENT_USER",
    "SESSION_USER",
    "CURRENT_ROLE",
    "CURRENT_CATALOG",
    "CURRENT_SCHEMA",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    check_value_keywords(ctx, out);
    for call in ctx.function_calls() {
        let name = call.name.as_str();
        if name == "now" && is_bare_default(ctx, call) {
            continue; // `bare-function-default` reports it, with its CURRENT_TIMESTAMP fix
        }
        let message = if PG_FUNCTIONS.contains(&name) {
            format!("`{name}()` is a PostgreSQL function; SQLite has no such function")
        } else if let Some((_, version)) = ADDED_LATER.iter().find(|(f, _)| *f == name) {
            if !ctx.targets.lacks(Engine::Sqlite, *version) {
                continue;
            }
            format!(
                "`{name}()` exists in SQLite only from {version}; older targeted versions have no such function"
            )
        } else {
            continue;
        };
        out.report(call.span.clone(), message, help(name));
    }
}

/// `LOCALTIMESTAMP`, `CURRENT_USER`… and `CURRENT_TIMESTAMP(3)` (a precision).
fn check_value_keywords(ctx: &StatementCtx, out: &mut Sink) {
    for keyword in &ctx.model().value_keywords {
        let word = keyword.word.as_str();
        match &keyword.precision {
            None if PG_VALUE_KEYWORDS.contains(&word) => {
                out.report(
                    keyword.span.clone(),
                    format!(
                        "`{}` is a PostgreSQL value; SQLite reads it as a column name and fails",
                        ctx.text(&keyword.span)
                    ),
                    "write `CURRENT_TIMESTAMP`, or bind the value (the user, the local time) from the storage code",
                );
            }
            Some(precision) if ["CURRENT_TIMESTAMP", "CURRENT_TIME"].contains(&word) => {
                out.report(
                    keyword.span.start..precision.end,
                    "a precision on `CURRENT_TIMESTAMP(p)` is PostgreSQL syntax; SQLite rejects the parenthesis",
                    "write `CURRENT_TIMESTAMP` without a precision",
                );
            }
            _ => {}
        }
    }
}

/// `DEFAULT now()`: the call is a column default's whole expression
/// (`DEFAULT now() || 'x'` is not: `bare-function-default` parenthesises it
/// and SQLite still has no `now()`).
fn is_bare_default(ctx: &StatementCtx, call: &crate::rules::context::FunctionCall) -> bool {
    ctx.column_definitions()
        .iter()
        .flat_map(|column| &column.constraint_list)
        .filter_map(|constraint| constraint.default_value.as_ref())
        .any(|value| {
            value.span == call.span
                && matches!(&value.shape, DefaultShape::Call { name } if *name == call.name)
        })
}

fn help(name: &str) -> &'static str {
    match name {
        "now" | "clock_timestamp" | "statement_timestamp" | "transaction_timestamp" => {
            "write `CURRENT_TIMESTAMP`, which both engines know, or bind the time from the storage code"
        }
        "gen_random_uuid" | "uuid_generate_v4" | "uuid_generate_v1" | "uuidv4" | "uuidv7" => {
            "generate the UUID in the storage code and bind it"
        }
        "greatest" | "least" => {
            "write a CASE expression (`CASE WHEN a > b THEN a ELSE b END`), which both engines run"
        }
        "left" => "write `substr(x, 1, n)`, which both engines have",
        "char_length" | "character_length" => "write `length(x)`, which both engines have",
        "concat" | "concat_ws" => {
            "write `a || b` (mind NULLs: `coalesce(a, '') || coalesce(b, '')`)"
        }
        "string_agg" => {
            "SQLite's spelling is `group_concat`; build the list in the storage code, or keep one query per engine"
        }
        _ => {
            "compute the value in the storage code, or use a function both engines have (`lower`, `substr`, `length`, `coalesce`, `abs`…)"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_postgres_calls_with_their_arguments() {
        assert_eq!(
            flagged(
                &RULE,
                "INSERT INTO t VALUES (now(), string_agg(a, ','), lower('X'), greatest(1, 2))"
            ),
            ["now()", "string_agg(a, ',')", "greatest(1, 2)"]
        );
    }

    #[test]
    fn columns_strings_and_unparsable_statements() {
        assert!(flagged(&RULE, "SELECT now, 'now()' FROM t -- now()").is_empty());
        assert_eq!(
            flagged(&RULE, "UPDATE t SET a = to_char(b, 'YYYY') WHERE ))").len(),
            1
        );
    }

    #[test]
    fn leaves_default_now_to_bare_function_default() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE t (a timestamptz DEFAULT now(), b timestamptz DEFAULT (now()), c uuid DEFAULT gen_random_uuid())"
            ),
            ["now()", "gen_random_uuid()"]
        );
        // Part of a longer default: parenthesised, SQLite still has no `now()`.
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE t (a text DEFAULT now() || 'x' NOT NULL, b text DEFAULT now() NOT NULL)"
            ),
            ["now()"]
        );
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE t (a text DEFAULT now() || 'x', b text DEFAULT now(), ==="
            ),
            ["now()"]
        );
    }

    #[test]
    fn flags_postgres_value_keywords() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT LOCALTIMESTAMP, current_user, t.current_user, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP FROM t"
            ),
            ["LOCALTIMESTAMP", "current_user", "CURRENT_TIMESTAMP(3)"]
        );
    }

    #[test]
    fn version_gated_functions_follow_the_targets() {
        assert_eq!(
            flagged(&RULE, "SELECT concat('a', 'b')"),
            ["concat('a', 'b')"]
        );
    }
}
