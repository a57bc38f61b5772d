//! `CREATE INDEX name` where PostgreSQL already holds `name` as a relation
//! and SQLite does not: the index PostgreSQL made for a `PRIMARY KEY` or
//! `UNIQUE` constraint (`users_pkey`, `users_email_key`, a named
//! constraint's name; SQLite calls its own `sqlite_autoindex_users_1`), or a
//! table or index whose name is the same once PostgreSQL keeps 63 bytes.
//! PostgreSQL refuses it (`relation "users_pkey" already exists`).

use sqlparser::ast::{Spanned, Statement};

use crate::diagnostic::{Engine, Severity};
use crate::history::relations::{Relation, RelationKind, postgres_key};
use crate::history::tables::{Name, last_ident};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "index-name-taken",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`CREATE INDEX` with a name PostgreSQL already holds (a constraint's index, or a name equal after 63 bytes) and SQLite does not",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    let Statement::CreateIndex(index) = ctx.ast else {
        return;
    };
    // `IF NOT EXISTS`: PostgreSQL skips the index with a notice, no error.
    if index.if_not_exists {
        return;
    }
    let Some(written) = index.name.as_ref() else {
        return;
    };
    let Some(name) = last_ident(written).map(Name::of) else {
        return;
    };
    let Some(held) = ctx.schema.relations.held_on_postgres(&name) else {
        return;
    };
    let Some(why) = why_only_postgres(held, &name) else {
        return; // SQLite holds the name too: both engines refuse it
    };
    let Some(span) = ctx.span_of(written.span()) else {
        return;
    };
    out.report(
        &ctx.file.path,
        span,
        format!(
            "PostgreSQL already has a relation named `{}` ({why}), so it refuses this index (relation already exists); SQLite creates it",
            postgres_key(&name)
        ),
        "give the index a name of its own, such as `<table>_<columns>_idx`",
    );
}

/// Why PostgreSQL holds the name and SQLite does not, if that is the case.
fn why_only_postgres(held: &Relation, name: &Name) -> Option<String> {
    if held.kind == RelationKind::ConstraintIndex {
        return Some(format!(
            "the index of a key or unique constraint of `{}`",
            held.table.written()
        ));
    }
    let kind = match held.kind {
        RelationKind::Table => "the table",
        _ => "the index",
    };
    (!held.name.same_on_sqlite(name)).then(|| {
        format!(
            "{kind} `{}`: PostgreSQL keeps the first 63 bytes of a name",
            held.name.written()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{flagged_in_sqlx_set, pairs};

    fn flagged(files: &[(&str, &str)]) -> Vec<(String, String)> {
        flagged_in_sqlx_set(&RULE, files)
    }

    #[test]
    fn flags_names_postgres_gave_to_constraint_indexes() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT UNIQUE, login TEXT, \
                 CONSTRAINT users_login_unique UNIQUE (login));",
            ),
            (
                "2_b.sql",
                "CREATE INDEX users_pkey ON users (email); CREATE INDEX users_email_key ON users (email); \
                 CREATE INDEX users_login_unique ON users (login); CREATE INDEX users_login_idx ON users (login);",
            ),
        ]);
        assert_eq!(
            found,
            pairs(&[
                ("2_b.sql", "users_pkey"),
                ("2_b.sql", "users_email_key"),
                ("2_b.sql", "users_login_unique"),
            ])
        );
    }

    #[test]
    fn follows_drops_and_renames() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE users (id BIGINT PRIMARY KEY); ALTER TABLE users RENAME TO people; \
                 CREATE TABLE tags (id BIGINT, CONSTRAINT tags_pk PRIMARY KEY (id));",
            ),
            (
                "2_b.sql",
                "CREATE INDEX users_pkey ON people (id); DROP TABLE people; \
                 CREATE INDEX IF NOT EXISTS tags_pk ON tags (id); ALTER TABLE tags DROP CONSTRAINT tags_pk; \
                 CREATE INDEX tags_pk ON tags (id);",
            ),
        ]);
        // The rename keeps the key's index name; the drops free the names.
        assert_eq!(found, pairs(&[("2_b.sql", "users_pkey")]));
    }

    #[test]
    fn flags_names_equal_after_63_bytes_and_leaves_plain_duplicates_alone() {
        let long = "a".repeat(63);
        let found = flagged(&[
            (
                "1_a.sql",
                &format!(
                    "CREATE TABLE t (id BIGINT); CREATE INDEX {long}_one ON t (id); CREATE INDEX t_idx ON t (id);"
                ),
            ),
            (
                "2_b.sql",
                &format!("CREATE INDEX {long}_two ON t (id); CREATE INDEX t_idx ON t (id);"),
            ),
        ]);
        // A duplicate SQLite refuses too is no difference between the engines.
        let expected = format!("{long}_two");
        assert_eq!(found, pairs(&[("2_b.sql", expected.as_str())]));
    }

    #[test]
    fn a_drop_finds_the_index_by_its_first_63_bytes_as_postgres_does() {
        let long = "a".repeat(63);
        let found = flagged(&[(
            "1_a.sql",
            &format!(
                "CREATE TABLE t (id BIGINT); CREATE INDEX {long}_one ON t (id); DROP INDEX {long}; \
                 CREATE INDEX {long}_two ON t (id);"
            ),
        )]);
        assert_eq!(found, pairs(&[]));
    }
}
