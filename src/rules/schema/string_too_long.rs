//! A string literal longer than the `VARCHAR(n)`/`CHAR(n)` column it is
//! inserted into: SQLite ignores the length and stores it; PostgreSQL
//! refuses it (`value too long for type character varying(n)`), unless the
//! excess is only trailing spaces, which it trims.

use sqlparser::ast::{Expr, Value};

use crate::diagnostic::{Engine, Severity};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "string-too-long",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a string longer than its `VARCHAR(n)` column: SQLite stores it, PostgreSQL refuses it",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    for (column, value) in ctx.inserted_values() {
        let (Some(length), Expr::Value(literal)) = (column.length(), value) else {
            continue;
        };
        let Value::SingleQuotedString(text) = &literal.value else {
            continue;
        };
        let chars = text.trim_end_matches(' ').chars().count() as u64;
        if chars <= length {
            continue;
        }
        let Some(span) = ctx.span_of(literal.span) else {
            continue;
        };
        let declared = column
            .data_type
            .as_ref()
            .map_or(String::new(), ToString::to_string);
        out.report(
            &ctx.file.path,
            span,
            format!(
                "{chars} characters into `{}` declared `{declared}`: SQLite stores them, PostgreSQL refuses the row (value too long)",
                column.name.written()
            ),
            "shorten the value, or widen the column (`TEXT` with a `CHECK (length(…) <= n)` keeps both engines alike)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{flagged_in_sqlx_set, pairs};

    fn flagged(files: &[(&str, &str)]) -> Vec<(String, String)> {
        flagged_in_sqlx_set(&RULE, files)
    }

    #[test]
    fn flags_literals_longer_than_the_column_created_earlier() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE c (code VARCHAR(3), name CHAR(2), note TEXT);",
            ),
            (
                "2_b.sql",
                "INSERT INTO c (code, name, note) VALUES ('ABCD', 'ab', 'long text'), ('ABC', 'abc', 'x'); INSERT INTO c VALUES ('ABC   ', 'xy', 'z');",
            ),
        ]);
        assert_eq!(found, pairs(&[("2_b.sql", "'ABCD'"), ("2_b.sql", "'abc'")]));
    }
}
