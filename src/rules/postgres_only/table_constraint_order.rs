//! `CREATE TABLE t (a int, PRIMARY KEY (a), b int)`: a table constraint
//! before a column definition. PostgreSQL accepts any order; SQLite wants
//! every column first and rejects a column after a table constraint.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

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

const TABLE_CONSTRAINT_START: [&str; 6] = ["CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "EXCLUDE"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.creates("TABLE") else {
        return;
    };
    let Some(open) = (kind..ctx.tokens.len()).find(|&i| ctx.tokens[i].kind == SqlToken::LParen) else {
        return;
    };
    if (kind..open).any(|i| ctx.is_word(i, "AS")) {
        return;
    }
    let close = ctx.matching_paren(open).unwrap_or(ctx.tokens.len());
    let elements = ctx.split_top_level(open + 1..close);
    let is_constraint = |e: &std::ops::Range<usize>| !e.is_empty() && TABLE_CONSTRAINT_START.iter().any(|w| ctx.is_word(e.start, w));
    let Some(first_constraint) = elements.iter().position(is_constraint) else {
        return;
    };
    let Some(column) = elements[first_constraint..].iter().find(|e| !e.is_empty() && !is_constraint(e) && !ctx.is_word(e.start, "LIKE")) else {
        return;
    };
    let constraint = &elements[first_constraint];
    out.report(
        ctx.token_span(column.start, column.end - 1),
        "a column defined after a table constraint; SQLite wants every column before the first table constraint",
        "move the table constraints after the last column definition",
    )
    .with_label(ctx.token_span(constraint.start, constraint.end - 1), "table constraint placed before it");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_the_first_column_after_a_constraint() {
        assert_eq!(
            flagged(&RULE, "create table u (id SERIAL primary key, ref int, CONSTRAINT fk FOREIGN KEY (ref) REFERENCES r (id), token text, more text)"),
            ["token text"]
        );
        assert!(flagged(&RULE, "CREATE TABLE u (id int, PRIMARY KEY (id), UNIQUE (id)); CREATE TABLE v AS SELECT 1 AS a").is_empty());
    }
}
