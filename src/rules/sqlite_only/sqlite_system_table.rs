//! `sqlite_master`, `sqlite_schema`, `sqlite_sequence`, `pragma_table_info(…)`:
//! SQLite's catalog. PostgreSQL has its own (`information_schema`).

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::Identifier;

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
    "sqlite_master",
    "sqlite_schema",
    "sqlite_temp_master",
    "sqlite_temp_schema",
    "sqlite_sequence",
    "sqlite_stat1",
    "sqlite_stat2",
    "sqlite_stat3",
    "sqlite_stat4",
];

const PRAGMA: &str = "pragma_";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let mut last_start = None;
    for name in &ctx.model().identifiers {
        // Compared in place: lower-casing every name of every statement
        // allocated a string per name.
        let is_catalog = CATALOG.iter().any(|c| c.eq_ignore_ascii_case(&name.value));
        if !(is_catalog || is_pragma_function(ctx, name)) || last_start == Some(name.span.start) {
            continue;
        }
        last_start = Some(name.span.start);
        let lower = name.value.to_ascii_lowercase();
        out.report(
            name.span.clone(),
            format!("`{}` is SQLite's catalog; PostgreSQL fails with `relation \"{lower}\" does not exist`", name.value),
            "ask `information_schema` (tables, columns), which PostgreSQL has, from per-engine code, or track schema \
             facts in the migrations themselves",
        );
    }
}

/// `pragma_table_info(…)`: an unquoted `pragma_` name called or read as a table.
fn is_pragma_function(ctx: &StatementCtx, name: &Identifier) -> bool {
    let called = ctx
        .text(&(name.span.end..ctx.span.end))
        .trim_start()
        .starts_with('(');
    name.quote.is_none()
        && called
        && name
            .value
            .get(..PRAGMA.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(PRAGMA))
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_catalog_names() {
        let sql = "DELETE FROM sqlite_sequence WHERE name IN (SELECT name FROM pragma_table_info('t')) AND x = 'sqlite_master';";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["sqlite_sequence", "pragma_table_info"]
        );
    }
}
