//! `CREATE TABLE t (a int, PRIMARY KEY (a), b int)`: a table constraint
//! before a column definition. PostgreSQL accepts any order; SQLite wants
//! every column first and rejects a column after a table constraint.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ConstraintKind;

pub static RULE: Rule = Rule {
    id: "table-constraint-order",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "a table constraint before a column definition: SQLite wants all columns first",
    check,
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let model = ctx.model();
    // `LIKE other` copies columns; it may stand anywhere.
    let Some(constraint) = model
        .table_constraints
        .iter()
        .find(|c| c.kind != ConstraintKind::Like)
    else {
        return;
    };
    let Some(column) = model
        .columns
        .iter()
        .find(|c| !c.added && c.name > constraint.tokens.start)
    else {
        return;
    };
    out.report(
        ctx.token_span(column.name, column.constraints.end.max(column.name + 1) - 1),
        "a column defined after a table constraint; SQLite wants every column before the first table constraint",
        "move the table constraints after the last column definition",
    )
    .with_label(constraint.span.clone(), "table constraint placed before it");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_the_first_column_after_a_constraint() {
        assert_eq!(
            flagged(
                &RULE,
                "create table u (id SERIAL primary key, ref int, CONSTRAINT fk FOREIGN KEY (ref) REFERENCES r (id), token text, more text)"
            ),
            ["token text"]
        );
        assert!(flagged(&RULE, "CREATE TABLE u (id int, PRIMARY KEY (id), UNIQUE (id)); CREATE TABLE v AS SELECT 1 AS a").is_empty());
    }
}
