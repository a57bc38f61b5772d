//! Calls of SQLite built-in functions that PostgreSQL does not have
//! (`ifnull`, `instr`, `group_concat`, `printf`, `json_extract`, `iif`…) or
//! has only with other arguments (`max(a, b)`, `json_object('k', v)`).
//! The date functions belong to the `sqlite-date-function` rule.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{Expr, ExprKind};

pub static RULE: Rule = Rule {
    id: "sqlite-function",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite functions PostgreSQL lacks (`ifnull`, `instr`, `group_concat`, `printf`, `json_extract`…)",
    check,
    ..Rule::DEFAULT
};

/// SQLite function → what to write instead.
const SQLITE_ONLY: &[(&str, &str)] = &[
    ("ifnull", "write `coalesce(a, b)`, which both engines have"),
    (
        "iif",
        "write `CASE WHEN cond THEN a ELSE b END`, which both engines run",
    ),
    (
        "instr",
        "PostgreSQL spells it `strpos(haystack, needle)` and SQLite has no `strpos`: compare with `LIKE` or `substr`, or search in the storage code",
    ),
    (
        "group_concat",
        "write `string_agg(x, ',')`: PostgreSQL has it, and SQLite since 3.44",
    ),
    (
        "printf",
        "write `format('%s …', x)` with `%s` only: SQLite (3.38+) and PostgreSQL both have `format`, but PostgreSQL knows no `%d`/`%f`",
    ),
    (
        "total",
        "write `coalesce(sum(x), 0)`: `total` is SQLite's never-NULL float sum",
    ),
    (
        "typeof",
        "SQLite's dynamic types have no PostgreSQL counterpart (there, `pg_typeof`); check types in the storage code",
    ),
    (
        "randomblob",
        "generate random bytes or ids in the storage code and bind them",
    ),
    ("zeroblob", "bind the bytes from the storage code"),
    (
        "hex",
        "PostgreSQL writes `encode(x, 'hex')`, SQLite `hex(x)`: convert in the storage code",
    ),
    (
        "unhex",
        "PostgreSQL writes `decode(x, 'hex')`, SQLite `unhex(x)`: convert in the storage code",
    ),
    (
        "unicode",
        "PostgreSQL writes `ascii(c)` for a code point, SQLite `unicode(c)`: compute it in the storage code",
    ),
    (
        "quote",
        "bind values as parameters instead of quoting them in SQL",
    ),
    (
        "last_insert_rowid",
        "use `INSERT … RETURNING id` (SQLite 3.35+, PostgreSQL)",
    ),
    (
        "changes",
        "take the affected row count from the driver's result",
    ),
    (
        "total_changes",
        "take the affected row count from the driver's result",
    ),
    (
        "likelihood",
        "drop the planner hint and keep its first argument",
    ),
    ("likely", "drop the planner hint and keep its argument"),
    ("unlikely", "drop the planner hint and keep its argument"),
    (
        "glob",
        "see the `glob-operator` rule: use `substr` or `LIKE`",
    ),
    (
        "load_extension",
        "load extensions where the storage code opens the SQLite connection",
    ),
    ("sqlite_version", "ask the driver for the server version"),
    ("sqlite_source_id", "ask the driver for the server version"),
    (
        "sqlite_compileoption_used",
        "no PostgreSQL counterpart: keep it out of the shared migrations",
    ),
    (
        "sqlite_compileoption_get",
        "no PostgreSQL counterpart: keep it out of the shared migrations",
    ),
    (
        "json_extract",
        "write `col ->> 'key'`, which SQLite (3.38+) runs on JSON text and PostgreSQL on a `jsonb` column",
    ),
    (
        "json_group_array",
        "PostgreSQL writes `json_agg(x)`: aggregate in the storage code or keep per-engine queries",
    ),
    (
        "json_group_object",
        "PostgreSQL writes `json_object_agg(k, v)`: aggregate in the storage code or keep per-engine queries",
    ),
    (
        "json_array",
        "PostgreSQL before 16 has no `json_array`: build the JSON in the storage code and bind it",
    ),
    (
        "json_set",
        "PostgreSQL writes `jsonb_set`: update the JSON in the storage code and bind it",
    ),
    (
        "json_insert",
        "PostgreSQL writes `jsonb_insert`: update the JSON in the storage code and bind it",
    ),
    (
        "json_replace",
        "PostgreSQL writes `jsonb_set`: update the JSON in the storage code and bind it",
    ),
    (
        "json_remove",
        "PostgreSQL writes `jsonb - 'key'`: update the JSON in the storage code and bind it",
    ),
    (
        "json_patch",
        "PostgreSQL writes `jsonb || jsonb`: merge the JSON in the storage code and bind it",
    ),
    (
        "json_valid",
        "validate JSON in the storage code before binding it",
    ),
    (
        "json_type",
        "PostgreSQL writes `jsonb_typeof`: keep per-engine queries",
    ),
    (
        "json_quote",
        "build the JSON in the storage code and bind it",
    ),
    (
        "json_tree",
        "PostgreSQL has no `json_tree`: walk the JSON in the storage code",
    ),
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for call in ctx.function_calls() {
        let help = match (call.name.as_str(), call.args.as_deref()) {
            ("min" | "max", Some(args)) if args.len() >= 2 => {
                "PostgreSQL's min/max are one-argument aggregates (its scalar forms are `least`/`greatest`, which SQLite \
                 lacks): write `CASE WHEN a > b THEN a ELSE b END`"
            }
            ("json_object", Some(args)) if args.len() != 1 && !is_two_arrays(args) => {
                "PostgreSQL's `json_object` takes text arrays, not SQLite's key/value pairs: build the JSON in the \
                 storage code and bind it"
            }
            (name, _) => match SQLITE_ONLY.iter().find(|(f, _)| *f == name) {
                Some((_, help)) => help,
                None => continue,
            },
        };
        out.report(
            call.span.clone(),
            format!(
                "`{}()` {}: PostgreSQL fails with `function {}(…) does not exist`",
                call.name,
                if SQLITE_ONLY.iter().any(|(f, _)| *f == call.name) {
                    "is a SQLite function"
                } else {
                    "takes other arguments on PostgreSQL"
                },
                call.name
            ),
            help,
        );
    }
}

/// PostgreSQL's `json_object(keys text[], values text[])`: two arguments,
/// the first a text array (`'{a,b}'`, `ARRAY[…]`, or an expression that
/// computes one), where SQLite's pairs start with a key (`'k'`, a name, a
/// placeholder).
fn is_two_arrays(args: &[Expr]) -> bool {
    let [keys, _] = args else {
        return false;
    };
    match &keys.kind {
        ExprKind::String(text) => text.trim_start().starts_with('{'),
        ExprKind::Name | ExprKind::Placeholder | ExprKind::Number => false,
        ExprKind::Array | ExprKind::Call(..) | ExprKind::Concat(_) | ExprKind::Other => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_sqlite_only_calls_with_their_arguments() {
        let sql = "SELECT ifnull(a, 0), instr(b, 'x'), group_concat(c), coalesce(d, 1), max(e), max(e, f) FROM t;";
        assert_eq!(
            flagged(&super::RULE, sql),
            [
                "ifnull(a, 0)",
                "instr(b, 'x')",
                "group_concat(c)",
                "max(e, f)"
            ]
        );
    }

    #[test]
    fn json_object_pairs_flagged_postgres_arrays_not() {
        let sql = "SELECT json_object('fee', a, 'b', b), json_object('{a,b}', '{1,2}'), json_object(ARRAY['a'], ARRAY['1']) FROM t;";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["json_object('fee', a, 'b', b)"]
        );
    }

    #[test]
    fn names_that_are_not_calls_and_strings_stay_silent() {
        assert!(
            flagged(
                &super::RULE,
                "SELECT total, 'ifnull(a)' FROM t -- hex(x)\n;"
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_unparsable_statements() {
        let sql = "UPDATE t SET a = json_extract(b, '$.x') WHERE c GLOB 'x' WHERE WHERE;";
        assert_eq!(flagged(&super::RULE, sql), ["json_extract(b, '$.x')"]);
    }
}
