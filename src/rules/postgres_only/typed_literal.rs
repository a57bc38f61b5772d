//! `INTERVAL '1 day'`, `DATE '2024-01-01'`, `TIMESTAMP '…'`: typed
//! literals. SQLite has no typed literals: it reads `DATE` as a column name
//! and rejects the string after it.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "typed-literal",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`INTERVAL '1 day'`, `DATE '…'`, `TIMESTAMP '…'` typed literals: SQLite rejects them",
    check,
    triggers: &[
        Keyword::INTERVAL,
        Keyword::DATE,
        Keyword::TIME,
        Keyword::TIMESTAMP,
        Keyword::TIMESTAMPTZ,
        Keyword::TIMETZ,
    ],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for literal in &ctx.model().typed_literals {
        let help = if literal.is_interval() {
            "compute the moment in the storage code and bind it, or store durations as a number of seconds"
        } else {
            "write the plain string `'2024-01-01'` (PostgreSQL casts it to the column's type) or bind the value"
        };
        out.report(
            literal.span.clone(),
            format!(
                "`{} '…'` is a typed literal; SQLite rejects it",
                literal.type_word
            ),
            help,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_typed_literals() {
        assert_eq!(
            flagged(
                &RULE,
                "INSERT INTO d (event, value) VALUES ('blob', interval '1 day'), ('x', DATE 'today')"
            ),
            ["interval '1 day'", "DATE 'today'"]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE t (d date DEFAULT '2020-01-01', e timestamp); SELECT 'DATE ''x'''"
            )
            .is_empty()
        );
    }
}
