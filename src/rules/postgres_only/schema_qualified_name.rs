//! `public.users`, `pg_catalog.x`, `CREATE TABLE app.users`: names qualified
//! with a PostgreSQL schema. SQLite reads the qualifier as an attached
//! database (`unknown database app`); only `main.` and `temp.` exist there.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

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
/// SQLite's own databases: a valid qualifier there.
const SQLITE_SCHEMAS: [&str; 2] = ["main", "temp"];
/// Keywords after which a name is a table (or index, view) name.
const TABLE_POSITION: [Keyword; 8] = [
    Keyword::TABLE,
    Keyword::INTO,
    Keyword::UPDATE,
    Keyword::JOIN,
    Keyword::REFERENCES,
    Keyword::INDEX,
    Keyword::VIEW,
    Keyword::FROM,
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        let SqlToken::Word(word) = &token.kind else {
            continue;
        };
        let qualifies = ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::Period)
            && ctx.tokens.get(i + 2).is_some_and(|t| matches!(t.kind, SqlToken::Word(_)))
            && (i == 0 || ctx.tokens[i - 1].kind != SqlToken::Period);
        if !qualifies || SQLITE_SCHEMAS.iter().any(|s| s.eq_ignore_ascii_case(&word.value)) {
            continue;
        }
        let is_pg_schema = PG_SCHEMAS.iter().any(|s| s.eq_ignore_ascii_case(&word.value));
        // Elsewhere `a.b` is a column of table `a`.
        let in_table_position = i > 0 && ctx.keyword(i - 1).is_some_and(|k| TABLE_POSITION.contains(&k));
        if !(is_pg_schema || in_table_position) {
            continue;
        }
        let dot = ctx.tokens[i + 1].span.clone();
        let qualifier = token.span.start..dot.end;
        let diagnostic = out.report(
            qualifier.clone(),
            format!("`{}` qualifies the name with a PostgreSQL schema; SQLite reads it as an attached database and fails", ctx.text(&qualifier)),
            "leave the name unqualified and keep every table in the default schema (`public` on PostgreSQL, `main` on SQLite)",
        );
        if word.value.eq_ignore_ascii_case("public") {
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
        assert_eq!(flagged(&RULE, sql), ["public.", "\"public\".", "custom_schema."]);
        assert_eq!(fixed(&RULE, "alter table public.attachments add b uuid"), "alter table attachments add b uuid");
    }

    #[test]
    fn columns_sqlite_databases_and_strings_stay_silent() {
        assert!(flagged(&RULE, "SELECT 'public.x', public, t.a FROM main.t JOIN temp.u ON t.a = u.a WHERE t.b = 1").is_empty());
    }
}
