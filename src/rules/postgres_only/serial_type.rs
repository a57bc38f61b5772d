//! `SERIAL`, `BIGSERIAL`, `SMALLSERIAL`: on PostgreSQL an integer fed by a
//! sequence. SQLite accepts any type name, so it creates a column with no
//! auto-numbering at all: an INSERT without the id stores NULL there.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "serial-type",
    group: "postgres_only",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite],
    summary: "`SERIAL`/`BIGSERIAL` columns: SQLite accepts the name but numbers nothing",
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

const SERIAL_TYPES: [&str; 6] = [
    "serial",
    "bigserial",
    "smallserial",
    "serial2",
    "serial4",
    "serial8",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for column in ctx.column_definitions() {
        if column.data_type.len() != 1 {
            continue;
        }
        // One token: a bare word, not `"serial"` (its quotes stay in the text).
        let span = ctx.token_span(column.data_type.start, column.data_type.start);
        if !SERIAL_TYPES
            .iter()
            .any(|t| ctx.text(&span).eq_ignore_ascii_case(t))
        {
            continue;
        }
        out.report(
            span.clone(),
            format!("`{}` auto-numbers on PostgreSQL only; SQLite takes it as a plain type name and stores NULL when the id is omitted", ctx.text(&span)),
            "on SQLite only `INTEGER PRIMARY KEY` numbers rows; generate ids in the storage code, or keep the id column's definition per engine",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_serial_column_types_only() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE t (id SERIAL PRIMARY KEY, n bigserial, serial int)"
            ),
            ["SERIAL", "bigserial"]
        );
        assert!(flagged(&RULE, "SELECT serial FROM t").is_empty());
    }
}
