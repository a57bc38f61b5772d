//! `CREATE|ALTER|DROP SCHEMA` and `ALTER … SET SCHEMA`: PostgreSQL's
//! namespaces. SQLite's only namespaces are attached database files.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::ObjectKind;
use sqlparser::keywords::Keyword;

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
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    if head.ddl_object() != Some(ObjectKind::Schema) {
        return;
    }
    out.report(
        head.span.clone(),
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
            flagged(
                &RULE,
                "CREATE SCHEMA IF NOT EXISTS app; DROP SCHEMA app CASCADE"
            ),
            ["CREATE SCHEMA", "DROP SCHEMA"]
        );
        assert!(flagged(&RULE, "CREATE TABLE schema (a int)").is_empty());
    }
}
