//! `CREATE VIEW IF NOT EXISTS`: SQLite's guard for views. PostgreSQL has
//! `CREATE OR REPLACE VIEW` instead, which SQLite in turn lacks.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "view-if-not-exists",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`CREATE VIEW IF NOT EXISTS` is SQLite-only; drop and re-create the view",
    check,
    triggers: &[Keyword::VIEW],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx.is_word(0, "CREATE") {
        return;
    }
    // `CREATE [TEMP] VIEW IF NOT EXISTS`
    let view = (1..ctx.tokens.len().min(3)).find(|&i| ctx.is_word(i, "VIEW"));
    let Some(view) = view else {
        return;
    };
    if !(ctx.is_word(view + 1, "IF") && ctx.is_word(view + 2, "NOT") && ctx.is_word(view + 3, "EXISTS")) {
        return;
    }
    out.report(
        ctx.token_span(view + 1, view + 3),
        "`CREATE VIEW IF NOT EXISTS` is SQLite-only; PostgreSQL rejects the `IF NOT EXISTS` as a syntax error",
        "write `DROP VIEW IF EXISTS name;` followed by `CREATE VIEW name AS …`: both engines run that pair",
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_the_guard() {
        let sql = "CREATE VIEW if not exists positions AS SELECT 1;";
        assert_eq!(flagged(&super::RULE, sql), ["if not exists"]);
        assert_eq!(flagged(&super::RULE, "CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1;"), ["IF NOT EXISTS"]);
        assert!(flagged(&super::RULE, "CREATE TABLE IF NOT EXISTS t (a INT);").is_empty());
        assert!(flagged(&super::RULE, "CREATE OR REPLACE VIEW v AS SELECT 1;").is_empty());
    }
}
