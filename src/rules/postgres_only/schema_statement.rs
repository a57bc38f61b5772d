//! `CREATE|ALTER|DROP SCHEMA` and `ALTER … SET SCHEMA`: PostgreSQL's
//! namespaces. SQLite's only namespaces are attached database files.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "schema-statement",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE/DROP SCHEMA`: SQLite has no schemas",
    check,
    triggers: &[Keyword::SCHEMA],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.ddl_object_kind() else {
        return;
    };
    if !ctx.is_word(kind, "SCHEMA") {
        return;
    }
    out.report(
        ctx.token_span(0, kind),
        "schemas are PostgreSQL-only; SQLite rejects `SCHEMA`",
        "keep every table in the default schema (`public` on PostgreSQL, `main` on SQLite) and leave names unqualified",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_schema_statements() {
        assert_eq!(
            flagged(&RULE, "CREATE SCHEMA IF NOT EXISTS app; DROP SCHEMA app CASCADE"),
            ["CREATE SCHEMA", "DROP SCHEMA"]
        );
        assert!(flagged(&RULE, "CREATE TABLE schema (a int)").is_empty());
    }
}
