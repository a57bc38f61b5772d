//! PostgreSQL-only query clauses: row locks (`FOR UPDATE`, `FOR SHARE`,
//! `FOR NO KEY UPDATE`, `FOR KEY SHARE`, with `NOWAIT`/`SKIP LOCKED`) and
//! the standard `FETCH FIRST n ROWS ONLY`. SQLite rejects both.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

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
    for i in 0..ctx.tokens.len() {
        let lock = ["UPDATE", "SHARE", "NO", "KEY"].iter().any(|w| ctx.is_word(i + 1, w)) && ctx.is_word(i, "FOR");
        let fetch = ctx.is_word(i, "FETCH") && (ctx.is_word(i + 1, "FIRST") || ctx.is_word(i + 1, "NEXT"));
        if !(lock || fetch) {
            continue;
        }
        let end = if lock { i + 1 } else { (i..ctx.tokens.len()).find(|&j| ctx.is_word(j, "ONLY") || ctx.is_word(j, "TIES")).unwrap_or(i + 1) };
        let (message, help) = if lock {
            ("row locks (`FOR UPDATE`/`FOR SHARE`) are PostgreSQL-only; SQLite rejects them", "leave the lock out where both engines run the query (SQLite locks the whole database for a write transaction); lock rows in storage code that knows the engine")
        } else {
            ("`FETCH FIRST … ROWS ONLY` is not SQLite syntax", "write `LIMIT n`, which both engines accept")
        };
        out.report(ctx.token_span(i, end.min(ctx.tokens.len() - 1)), message, help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_locks_and_fetch() {
        assert_eq!(
            flagged(&RULE, "SELECT * FROM jobs FOR UPDATE SKIP LOCKED; SELECT 1 FETCH FIRST 1 ROWS ONLY"),
            ["FOR UPDATE", "FETCH FIRST 1 ROWS ONLY"]
        );
        assert!(flagged(&RULE, "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW BEGIN SELECT 1; END").is_empty());
    }
}
