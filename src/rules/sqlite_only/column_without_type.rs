//! `CREATE TABLE t (id INTEGER PRIMARY KEY, parent_id, …)`: SQLite lets a
//! column have no type at all; PostgreSQL requires one.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
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
    let model = ctx.model();
    // `CREATE TABLE t (a, b) AS SELECT …` names the columns of a query: no types there.
    if model.create_table_as.is_some() {
        return;
    }
    for column in model.columns.iter().filter(|c| c.column_type.is_none()) {
        let name = ctx.text(&column.ident.span);
        out.report(
            column.ident.span.clone(),
            format!("column `{name}` has no type: SQLite accepts that, PostgreSQL rejects it as a syntax error"),
            "give the column the type its values have (INTEGER, BIGINT, TEXT, …): both engines then agree on it",
        );
    }
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
