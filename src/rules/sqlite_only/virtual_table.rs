//! `CREATE VIRTUAL TABLE … USING fts5(…)`: SQLite's module tables (full-text
//! search, R*Tree). PostgreSQL has no virtual tables.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "virtual-table",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`CREATE VIRTUAL TABLE` (FTS, R*Tree) is SQLite-only",
    check,
    triggers: &[Keyword::VIRTUAL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !(ctx.is_word(0, "CREATE") && ctx.is_word(1, "VIRTUAL") && ctx.is_word(2, "TABLE")) {
        return;
    }
    let module = (3..ctx.tokens.len()).find(|&i| ctx.is_word(i, "USING")).map(|i| i + 1);
    let end = module.filter(|&i| i < ctx.tokens.len()).unwrap_or(2);
    let name = module.and_then(|i| ctx.bare_word(i)).unwrap_or("module");
    out.report(
        ctx.token_span(0, end),
        format!("`CREATE VIRTUAL TABLE … USING {name}` is SQLite-only; PostgreSQL rejects it as a syntax error"),
        "keep search indexes out of the shared migrations: a `tsvector` column with a GIN index on PostgreSQL and an \
         FTS5 table on SQLite, each in its engine's own migration, behind one search function in the storage code",
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_up_to_the_module_name() {
        let sql = "CREATE VIRTUAL TABLE IF NOT EXISTS c USING fts5(title, content, tokenize = 'porter');";
        assert_eq!(flagged(&super::RULE, sql), ["CREATE VIRTUAL TABLE IF NOT EXISTS c USING fts5"]);
        assert!(flagged(&super::RULE, "CREATE TABLE virtual (a int);").is_empty());
    }
}
