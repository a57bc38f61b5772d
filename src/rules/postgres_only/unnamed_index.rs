//! `CREATE INDEX ON t (…)`: PostgreSQL names the index itself; SQLite
//! requires a name.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "unnamed-index",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE INDEX ON t (…)` without a name: SQLite requires one",
    check,
    triggers: &[Keyword::INDEX],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(index) = &ctx.model().create_index else {
        return;
    };
    if index.name.is_some() {
        return;
    }
    out.report(
        index.head.clone(),
        "the index has no name; SQLite requires `CREATE INDEX name ON …`",
        "name the index (PostgreSQL's own choice would be `<table>_<column>_idx`), so both engines create it and a later migration can drop it by name",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_unnamed_indexes() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE UNIQUE INDEX ON /* TEMPLATE: schema */river_migration USING btree(version); CREATE INDEX CONCURRENTLY ON t (a)"
            ),
            ["CREATE UNIQUE INDEX ON", "CREATE INDEX CONCURRENTLY ON"]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE INDEX on_idx ON t (a); CREATE INDEX IF NOT EXISTS i ON t (a)"
            )
            .is_empty()
        );
    }
}
