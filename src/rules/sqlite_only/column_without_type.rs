//! `CREATE TABLE t (id INTEGER PRIMARY KEY, parent_id, …)`: SQLite lets a
//! column have no type at all; PostgreSQL requires one.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "column-without-type",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a column defined without a type: PostgreSQL requires one",
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if has_select_after_columns(ctx) {
        return;
    }
    for column in ctx.column_definitions() {
        if !column.data_type.is_empty() {
            continue;
        }
        let name = ctx.text(&ctx.tokens[column.name].span);
        out.report(
            ctx.tokens[column.name].span.clone(),
            format!("column `{name}` has no type: SQLite accepts that, PostgreSQL rejects it as a syntax error"),
            "give the column the type its values have (INTEGER, BIGINT, TEXT, …): both engines then agree on it",
        );
    }
}

/// `CREATE TABLE t (a, b) AS SELECT …` names the columns of a query: no types there.
fn has_select_after_columns(ctx: &StatementCtx) -> bool {
    let Some(open) = ctx.tokens.iter().position(|t| t.kind == SqlToken::LParen) else {
        return false;
    };
    ctx.matching_paren(open).is_some_and(|close| ctx.is_word(close + 1, "AS"))
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_typeless_columns_only() {
        let sql = "CREATE TABLE f (id INTEGER PRIMARY KEY, post_id_1, post_id_2 REFERENCES p, FOREIGN KEY (post_id_1) REFERENCES p (id));";
        assert_eq!(flagged(&super::RULE, sql), ["post_id_1", "post_id_2"]);
        assert!(flagged(&super::RULE, "CREATE TABLE f (a, b) AS SELECT 1, 2;").is_empty());
        assert!(flagged(&super::RULE, "CREATE TABLE f (LIKE g, CHECK (a > 0));").is_empty());
    }
}
