//! `ALTER INDEX … RENAME TO|SET|ATTACH PARTITION`: SQLite cannot change an
//! index; it can only drop and create it.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "alter-index",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER INDEX`: SQLite cannot change an index; drop and recreate it",
    check,
    triggers: &[Keyword::INDEX],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx.words_at(0, &["ALTER", "INDEX"]) {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`ALTER INDEX` is PostgreSQL-only; SQLite rejects it",
        "drop the index and create it again with the new name or definition (`DROP INDEX old; CREATE INDEX new ON …`)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_alter_index() {
        assert_eq!(flagged(&RULE, "ALTER INDEX user__pkey RENAME TO person__pkey;"), ["ALTER INDEX user__pkey RENAME TO person__pkey"]);
        assert!(flagged(&RULE, "ALTER TABLE index RENAME TO x").is_empty());
    }
}
