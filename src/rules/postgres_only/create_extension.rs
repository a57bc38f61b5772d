//! `CREATE|ALTER|DROP EXTENSION`: PostgreSQL server extensions. SQLite loads
//! extensions into a connection, never from SQL a migration can run portably.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

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
    let Some(kind) = ctx.ddl_object_kind() else {
        return;
    };
    if !ctx.is_word(kind, "EXTENSION") {
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
            flagged(&RULE, "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"; DROP EXTENSION pg_trgm"),
            ["CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"", "DROP EXTENSION pg_trgm"]
        );
        assert!(flagged(&RULE, "CREATE TABLE extension (a int)").is_empty());
    }
}
