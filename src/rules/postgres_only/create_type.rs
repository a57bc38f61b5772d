//! `CREATE TYPE … AS ENUM`, composite types, `ALTER TYPE`, `DROP TYPE`,
//! `CREATE DOMAIN`: PostgreSQL's user-defined types. SQLite has none.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::ObjectKind;

pub static RULE: Rule = Rule {
    id: "create-type",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE/ALTER/DROP TYPE` (enums, composites) and domains: SQLite has no user-defined types",
    check,
    triggers: &[Keyword::TYPE, Keyword::DOMAIN],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let object = head.ddl_object();
    if !matches!(
        object,
        Some(ObjectKind::Type | ObjectKind::EnumType | ObjectKind::Domain)
    ) {
        return;
    }
    let help = if object == Some(ObjectKind::EnumType) {
        "use a TEXT column with a CHECK constraint listing the values (`status TEXT NOT NULL CHECK (status IN ('a', 'b'))`), or a lookup table"
    } else {
        "use the built-in column types; a composite value becomes several columns or a separate table, a domain becomes a CHECK constraint"
    };
    let span = head.through_name();
    out.report(
        span.clone(),
        format!("`{}`: SQLite has no user-defined types", ctx.text(&span)),
        help,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_type_statements() {
        assert_eq!(
            flagged(
                &RULE,
                "create type event_type as enum ('create', 'delete'); ALTER TYPE s.e ADD VALUE 'x'; DROP TYPE IF EXISTS e; CREATE DOMAIN d AS int CHECK (VALUE > 0)"
            ),
            [
                "create type event_type",
                "ALTER TYPE s.e",
                "DROP TYPE IF EXISTS e",
                "CREATE DOMAIN d"
            ]
        );
    }

    #[test]
    fn columns_named_type_stay_silent() {
        assert!(flagged(&RULE, "CREATE TABLE t (type text); ALTER TABLE t ADD COLUMN type text; SELECT 'CREATE TYPE'").is_empty());
    }
}
