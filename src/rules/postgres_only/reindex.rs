//! `REINDEX INDEX|TABLE|SCHEMA|DATABASE …` and `REINDEX CONCURRENTLY`:
//! PostgreSQL's spelling. SQLite's REINDEX takes a bare name only.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, Verb};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "reindex",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`REINDEX TABLE|INDEX|CONCURRENTLY …`: SQLite's REINDEX takes only a name",
    check,
    triggers: &[Keyword::REINDEX],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx
        .model()
        .head
        .as_ref()
        .filter(|h| h.verb == Verb::Reindex)
    else {
        return;
    };
    let pg_form = head.object.is_some()
        || head.has(ClauseKind::Options)
        || head.has(ClauseKind::Concurrently);
    if !pg_form {
        return;
    }
    out.report(
        ctx.span.clone(),
        "PostgreSQL's `REINDEX` form; SQLite's REINDEX accepts only a bare table, index or collation name",
        "write `REINDEX name` (both engines accept it only for indexes on SQLite; on PostgreSQL it needs the kind), or leave index maintenance out of the migrations",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_postgres_forms_only() {
        assert_eq!(
            flagged(&RULE, "REINDEX INDEX CONCURRENTLY i; REINDEX i"),
            ["REINDEX INDEX CONCURRENTLY i"]
        );
    }
}
