//! `sqlite_master`, `sqlite_schema`, `sqlite_sequence`, `pragma_table_info(…)`:
//! SQLite's catalog. PostgreSQL has its own (`information_schema`).

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "sqlite-system-table",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite catalog tables (`sqlite_master`, `sqlite_sequence`, `pragma_…()`) do not exist in PostgreSQL",
    check,
    ..Rule::DEFAULT
};

const CATALOG: [&str; 9] = [
    "sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema", "sqlite_sequence", "sqlite_stat1",
    "sqlite_stat2", "sqlite_stat3", "sqlite_stat4",
];

const PRAGMA: &str = "pragma_";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        let SqlToken::Word(word) = &token.kind else {
            continue;
        };
        // Compared in place: lower-casing every word of every statement
        // allocated a string per word.
        let is_catalog = CATALOG.iter().any(|c| c.eq_ignore_ascii_case(&word.value));
        let pragma_function = word.value.get(..PRAGMA.len()).is_some_and(|p| p.eq_ignore_ascii_case(PRAGMA))
            && word.quote_style.is_none()
            && ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen);
        if !is_catalog && !pragma_function {
            continue;
        }
        let name = word.value.to_ascii_lowercase();
        out.report(
            token.span.clone(),
            format!("`{}` is SQLite's catalog; PostgreSQL fails with `relation \"{name}\" does not exist`", word.value),
            "ask `information_schema` (tables, columns), which PostgreSQL has, from per-engine code, or track schema \
             facts in the migrations themselves",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_catalog_names() {
        let sql = "DELETE FROM sqlite_sequence WHERE name IN (SELECT name FROM pragma_table_info('t')) AND x = 'sqlite_master';";
        assert_eq!(flagged(&super::RULE, sql), ["sqlite_sequence", "pragma_table_info"]);
    }
}
