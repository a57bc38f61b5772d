//! `INTEGER`/`INT`/`SMALLINT` columns that are neither keys nor foreign keys
//! (those are `integer-width`'s): SQLite stores every integer in up to 64
//! bits whatever the declared type; PostgreSQL's `integer` is 32-bit and
//! `smallint` 16-bit. Most such columns (flags, counts, line numbers) never
//! come near the limit, so this is pedantic: off unless selected.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::semantics::integer_width::narrow_integer_columns;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "narrow-integer",
    group: "pedantic",
    severity: Severity::Warning,
    opt_in: true,
    targets: &[Engine::Postgres],
    summary: "any `INTEGER`/`SMALLINT` column: 64-bit on SQLite, 32/16-bit on PostgreSQL (pedantic: keys are `integer-width`'s)",
    check,
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for narrow in narrow_integer_columns(ctx).into_iter().filter(|c| !c.key) {
        out.report(
            narrow.type_span.clone(),
            format!(
                "`{}` holds 64-bit integers on SQLite but is {}-bit on PostgreSQL (at most {}): larger values fail there",
                ctx.text(&narrow.type_span),
                narrow.bits,
                narrow.max
            ),
            "declare `BIGINT` if the values can grow past that; a flag or a small count can stay",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_narrow_columns_that_are_not_keys() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a INTEGER NOT NULL, b int, c SMALLINT, d BIGINT, k INT PRIMARY KEY, f INTEGER REFERENCES u (id))"
            ),
            ["INTEGER", "int", "SMALLINT"]
        );
        assert_eq!(
            flagged_text(&RULE, "ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 0"),
            ["INTEGER"]
        );
    }
}
