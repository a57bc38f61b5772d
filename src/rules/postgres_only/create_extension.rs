//! `CREATE|ALTER|DROP EXTENSION`: PostgreSQL server extensions. SQLite loads
//! extensions into a connection, never from SQL a migration can run portably.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::ObjectKind;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "create-extension",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE EXTENSION`: SQLite has no server extensions",
    check,
    triggers: &[Keyword::EXTENSION],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let object = ctx.model().head.as_ref().and_then(|h| h.ddl_object());
    if object != Some(ObjectKind::Extension) {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`EXTENSION` statements are PostgreSQL-only; SQLite rejects them",
        "depend only on what both engines have built in (generate UUIDs in the storage code instead of `uuid-ossp`/`pgcrypto`, search with LIKE instead of `pg_trgm`)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_extension_statements() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"; DROP EXTENSION pg_trgm"
            ),
            [
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"",
                "DROP EXTENSION pg_trgm"
            ]
        );
        assert!(flagged(&RULE, "CREATE TABLE extension (a int)").is_empty());
    }
}
