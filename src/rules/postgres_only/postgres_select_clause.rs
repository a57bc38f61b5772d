//! PostgreSQL-only query clauses: row locks (`FOR UPDATE`, `FOR SHARE`,
//! `FOR NO KEY UPDATE`, `FOR KEY SHARE`, with `NOWAIT`/`SKIP LOCKED`) and
//! the standard `FETCH FIRST n ROWS ONLY`. SQLite rejects both.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::ClauseKind;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "postgres-select-clause",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`FOR UPDATE`/`FOR SHARE` row locks and `FETCH FIRST n ROWS ONLY`: SQLite rejects them",
    check,
    triggers: &[Keyword::FOR, Keyword::FETCH],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in &ctx.model().clauses {
        let (message, help) = match clause.kind {
            ClauseKind::RowLock => (
                "row locks (`FOR UPDATE`/`FOR SHARE`) are PostgreSQL-only; SQLite rejects them",
                "leave the lock out where both engines run the query (SQLite locks the whole database for a write transaction); lock rows in storage code that knows the engine",
            ),
            ClauseKind::Fetch => (
                "`FETCH FIRST … ROWS ONLY` is not SQLite syntax",
                "write `LIMIT n`, which both engines accept",
            ),
            _ => continue,
        };
        out.report(clause.span.clone(), message, help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_locks_and_fetch() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT * FROM jobs FOR UPDATE SKIP LOCKED; SELECT 1 FETCH FIRST 1 ROWS ONLY"
            ),
            ["FOR UPDATE", "FETCH FIRST 1 ROWS ONLY"]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW BEGIN SELECT 1; END"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_policy_for_update_is_no_row_lock() {
        // `access-control` reports CREATE POLICY itself.
        let sql = "CREATE POLICY p ON t FOR UPDATE USING (true)";
        assert!(flagged(&RULE, sql).is_empty());
    }
}
