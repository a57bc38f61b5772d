//! `CREATE INDEX ON t (…)`: PostgreSQL names the index itself; SQLite
//! requires a name.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

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
    let Some(kind) = ctx.creates("INDEX") else {
        return;
    };
    let mut on = kind + 1;
    if ctx.is_word(on, "CONCURRENTLY") {
        on += 1;
    }
    if ctx.words_at(on, &["IF", "NOT", "EXISTS"]) {
        on += 3;
    }
    if !ctx.is_word(on, "ON") {
        return;
    }
    out.report(
        ctx.token_span(0, on),
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
            flagged(&RULE, "CREATE UNIQUE INDEX ON /* TEMPLATE: schema */river_migration USING btree(version); CREATE INDEX CONCURRENTLY ON t (a)"),
            ["CREATE UNIQUE INDEX ON", "CREATE INDEX CONCURRENTLY ON"]
        );
        assert!(flagged(&RULE, "CREATE INDEX on_idx ON t (a); CREATE INDEX IF NOT EXISTS i ON t (a)").is_empty());
    }
}
