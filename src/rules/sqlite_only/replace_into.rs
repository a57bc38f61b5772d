//! `REPLACE INTO t …`: SQLite's (and MySQL's) delete-then-insert. PostgreSQL
//! has no REPLACE statement; both engines know `INSERT … ON CONFLICT`.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, Verb};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "replace-into",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`REPLACE INTO` is SQLite-only; use `INSERT … ON CONFLICT … DO UPDATE`",
    check,
    triggers: &[Keyword::REPLACE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let Some(into) = head
        .clause(ClauseKind::Into)
        .filter(|_| head.verb == Verb::Replace)
    else {
        return;
    };
    out.report(
        head.verb_span.start..into.end,
        "`REPLACE INTO` is SQLite-only; PostgreSQL rejects it as a syntax error",
        "write `INSERT INTO t (…) VALUES (…) ON CONFLICT (key) DO UPDATE SET col = excluded.col`, which both engines \
         run (SQLite since 3.24); note that REPLACE deletes the old row first, so columns it did not set got their defaults",
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_the_statement_start() {
        assert_eq!(
            flagged(&super::RULE, "REPLACE INTO t (a) VALUES (1);"),
            ["REPLACE INTO"]
        );
        assert!(flagged(&super::RULE, "SELECT replace(a, 'x', 'y') FROM t;").is_empty());
    }
}
