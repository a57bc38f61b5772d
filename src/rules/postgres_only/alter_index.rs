//! `ALTER INDEX … RENAME TO|SET|ATTACH PARTITION`: SQLite cannot change an
//! index; it can only drop and create it.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ObjectKind, Verb};
use sqlparser::keywords::Keyword;

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
    let is_alter_index = ctx
        .model()
        .head
        .as_ref()
        .is_some_and(|h| h.verb == Verb::Alter && h.object == Some(ObjectKind::Index));
    if !is_alter_index {
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
        assert_eq!(
            flagged(&RULE, "ALTER INDEX user__pkey RENAME TO person__pkey;"),
            ["ALTER INDEX user__pkey RENAME TO person__pkey"]
        );
        assert!(flagged(&RULE, "ALTER TABLE index RENAME TO x").is_empty());
    }
}
