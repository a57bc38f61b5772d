//! `public.users`, `pg_catalog.x`, `CREATE TABLE app.users`: names qualified
//! with a PostgreSQL schema. SQLite reads the qualifier as an attached
//! database (`unknown database app`); only `main.` and `temp.` exist there.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::head::SQLITE_SCHEMAS;

pub static RULE: Rule = Rule {
    id: "schema-qualified-name",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`public.t`, `app.t`: schema-qualified names SQLite reads as unknown databases",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

/// PostgreSQL's own schemas: a qualifier anywhere.
const PG_SCHEMAS: [&str; 3] = ["public", "pg_catalog", "information_schema"];
fn check(ctx: &StatementCtx, out: &mut Sink) {
    for name in &ctx.model().qualified_names {
        let schema = &name.qualifier.value;
        if SQLITE_SCHEMAS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(schema))
        {
            continue;
        }
        let is_pg_schema = PG_SCHEMAS.iter().any(|s| s.eq_ignore_ascii_case(schema));
        // Elsewhere `a.b` is a column of table `a`.
        if !(is_pg_schema || name.relation) {
            continue;
        }
        let qualifier = name.with_dot.clone();
        let diagnostic = out.report(
            qualifier.clone(),
            format!("`{}` qualifies the name with a PostgreSQL schema; SQLite reads it as an attached database and fails", ctx.text(&qualifier)),
            "leave the name unqualified and keep every table in the default schema (`public` on PostgreSQL, `main` on SQLite)",
        );
        if schema.eq_ignore_ascii_case("public") {
            diagnostic.with_fix(Fix::removal(
                // `public` is PostgreSQL's default schema: the same table either way.
                Applicability::Safe,
                "remove the `public.` qualifier",
                qualifier,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_schema_qualifiers() {
        let sql = "CREATE UNIQUE INDEX k ON public.users(a); SELECT t.public FROM \"public\".t; CREATE TABLE custom_schema.users (id int)";
        assert_eq!(
            flagged(&RULE, sql),
            ["public.", "\"public\".", "custom_schema."]
        );
        assert_eq!(
            fixed(&RULE, "alter table public.attachments add b uuid"),
            "alter table attachments add b uuid"
        );
    }

    #[test]
    fn columns_sqlite_databases_and_strings_stay_silent() {
        assert!(
            flagged(
                &RULE,
                "SELECT 'public.x', public, t.a FROM main.t JOIN temp.u ON t.a = u.a WHERE t.b = 1"
            )
            .is_empty()
        );
    }

    #[test]
    fn tables_the_tree_names_after_a_guard_or_on() {
        // SQLite: `unknown database app`, and a syntax error at the `.` of `ON app.users`;
        // PostgreSQL runs both where schema `app` exists.
        let sql = "CREATE TABLE IF NOT EXISTS app.users (id int); CREATE INDEX i ON app.users (id)";
        assert_eq!(flagged(&RULE, sql), ["app.", "app."]);
    }
}
