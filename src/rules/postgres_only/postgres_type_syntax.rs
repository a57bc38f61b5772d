//! Column types written PostgreSQL's way after a length or precision:
//! `TIMESTAMP(3) WITH TIME ZONE`, `timestamp(6) without time zone`,
//! `varchar(255)[]`. SQLite's type names end at the `(…)`; anything after
//! it is a syntax error.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-type-syntax",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`TIMESTAMP(3) WITH TIME ZONE`, `varchar(10)[]`: words after a type's `(…)` are a syntax error in SQLite",
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for data_type in ctx
        .column_definitions()
        .iter()
        .filter_map(|c| c.column_type.as_ref())
    {
        let Some(after) = &data_type.after_modifiers else {
            continue;
        };
        let rest = ctx.text(after);
        out.report(
            data_type.span.clone(),
            format!("`{rest}` after the type's `(…)`: SQLite's type names end at the parenthesis"),
            "write the modifier before the parenthesis or drop it: `TIMESTAMPTZ(3)` / `TIMESTAMP(3)` instead of `TIMESTAMP(3) WITH[OUT] TIME ZONE`, `TEXT` for an array stored as JSON",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_words_after_the_parenthesis() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE x (a TIMESTAMP(3) WITH TIME ZONE NOT NULL, b varchar(255)[], c time(3), d double precision[], e numeric(10, 2))"
            ),
            ["TIMESTAMP(3) WITH TIME ZONE", "varchar(255)[]"]
        );
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD COLUMN a timestamp(6) without time zone"
            ),
            ["timestamp(6) without time zone"]
        );
    }
}
