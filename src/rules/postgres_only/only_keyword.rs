//! `ALTER TABLE ONLY t`, `SELECT … FROM ONLY t`, `UPDATE ONLY t`, `DELETE
//! FROM ONLY t`: PostgreSQL's "this table, not its inheritance children or
//! partitions" (pg_dump writes `ALTER TABLE ONLY` everywhere). SQLite has no
//! table inheritance and rejects the word.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "only-keyword",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE ONLY t`, `FROM ONLY t`: SQLite has no table inheritance and rejects ONLY",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::ONLY],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 1..ctx.tokens.len() {
        if !ctx.is_word(i, "ONLY") {
            continue;
        }
        let after_table_keyword = ["FROM", "UPDATE", "JOIN", "TABLE"].iter().any(|w| ctx.is_word(i - 1, w))
            || i >= 2 && ctx.words_at(i - 2, &["IF", "EXISTS"]);
        // The next token is the table's name, not a clause (`FETCH … ROWS ONLY`).
        let names_table = matches!(ctx.tokens.get(i + 1).map(|t| &t.kind), Some(sqlparser::tokenizer::Token::Word(_)))
            && !ctx.is_word(i + 1, "SELECT");
        if !(after_table_keyword && names_table) {
            continue;
        }
        let span = ctx.tokens[i].span.clone();
        let end = ctx.tokens[i + 1].span.start;
        out.report(
            span.clone(),
            "`ONLY` (skip inheritance children) is PostgreSQL-only; SQLite rejects it",
            "leave `ONLY` out: without inheritance or partitions it changes nothing on PostgreSQL",
        )
        .with_fix(Fix::removal(
            // On a table with children or partitions PostgreSQL then acts on those too.
            Applicability::Unsafe,
            "remove `ONLY`",
            span.start..end,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_only() {
        let sql = "ALTER TABLE ONLY public.users ADD COLUMN z int; SELECT * FROM ONLY items; SELECT 1 FETCH FIRST 1 ROWS ONLY";
        assert_eq!(flagged(&RULE, sql), ["ONLY", "ONLY"]);
        assert_eq!(fixed(&RULE, "ALTER TABLE ONLY t ADD c int;"), "ALTER TABLE t ADD c int;");
        assert!(flagged(&RULE, "CREATE TABLE t (only int); SELECT only FROM t").is_empty());
    }
}
