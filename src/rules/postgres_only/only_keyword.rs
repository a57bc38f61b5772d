//! `ALTER TABLE ONLY t`, `SELECT … FROM ONLY t`, `UPDATE ONLY t`, `DELETE
//! FROM ONLY t`: PostgreSQL's "this table, not its inheritance children or
//! partitions" (pg_dump writes `ALTER TABLE ONLY` everywhere). SQLite has no
//! table inheritance and rejects the word.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use sqlparser::keywords::Keyword;

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
    for only in &ctx.model().only_markers {
        out.report(
            only.span.clone(),
            "`ONLY` (skip inheritance children) is PostgreSQL-only; SQLite rejects it",
            "leave `ONLY` out: without inheritance or partitions it changes nothing on PostgreSQL",
        )
        .with_fix(Fix::removal(
            // On a table with children or partitions PostgreSQL then acts on those too.
            Applicability::Unsafe,
            "remove `ONLY`",
            only.removal.clone(),
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
        assert_eq!(
            fixed(&RULE, "ALTER TABLE ONLY t ADD c int;"),
            "ALTER TABLE t ADD c int;"
        );
        assert!(flagged(&RULE, "CREATE TABLE t (only int); SELECT only FROM t").is_empty());
        // The tree knows `TRUNCATE ONLY t` (no table keyword before ONLY).
        assert_eq!(flagged(&RULE, "TRUNCATE ONLY t;"), ["ONLY"]);
    }
}
