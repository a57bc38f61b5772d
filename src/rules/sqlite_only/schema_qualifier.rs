//! `main.t`, `temp.t`: names qualified with SQLite's database schemas.
//! PostgreSQL looks for a schema called `main` or `temp`, which does not exist.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::head::SQLITE_SCHEMAS;

pub static RULE: Rule = Rule {
    id: "schema-qualifier",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`main.` / `temp.` qualifiers name SQLite schemas that PostgreSQL does not have",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::MAIN, Keyword::TEMP],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for name in ctx
        .model()
        .qualified_names
        .iter()
        .filter(|n| n.relation && n.qualifier.quote.is_none())
    {
        let Some(schema) = SQLITE_SCHEMAS
            .into_iter()
            .find(|s| s.eq_ignore_ascii_case(&name.qualifier.value))
        else {
            continue;
        };
        let written = ctx.text(&name.qualifier.span);
        let help = if schema == "main" {
            "drop the `main.` prefix: unqualified names resolve to the main database on SQLite and to the search path on PostgreSQL"
        } else {
            "write `CREATE TEMP TABLE name` (both engines) instead of the `temp.` prefix"
        };
        let diagnostic = out.report(
            name.with_dot.clone(),
            format!("`{written}.` qualifies a name with a SQLite schema; PostgreSQL fails with `schema \"{schema}\" does not exist`"),
            help,
        );
        if schema == "main" {
            diagnostic.with_fix(Fix::removal(
                Applicability::Safe,
                "drop `main.`",
                name.with_dot.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_sqlite_schemas_in_name_positions() {
        let sql = "INSERT INTO main.t SELECT * FROM temp.u JOIN main.v ON main.v.id = 1;";
        assert_eq!(flagged(&super::RULE, sql), ["main.", "temp.", "main."]);
        assert_eq!(
            fixed(&super::RULE, "CREATE TABLE main.t (a INT);"),
            "CREATE TABLE t (a INT);"
        );
    }

    #[test]
    fn silent_on_aliases_and_columns_named_main() {
        assert!(
            flagged(
                &super::RULE,
                "SELECT main.id, main FROM items main WHERE 'main.x' = main.y;"
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_tables_only_the_tree_places_and_trigger_names() {
        // PostgreSQL: `schema "main" does not exist`, and a syntax error at the trigger name's `.`; SQLite runs both.
        let sql = "ANALYZE main.t; CREATE TRIGGER main.tr AFTER INSERT ON x BEGIN SELECT 1; END;";
        assert_eq!(flagged(&super::RULE, sql), ["main.", "main."]);
    }
}
