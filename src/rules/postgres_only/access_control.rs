//! `GRANT`, `REVOKE`, roles, row-level security policies, `ALTER … OWNER
//! TO`: PostgreSQL's access control. SQLite has no users or privileges.

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "access-control",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`GRANT`/`REVOKE`, roles, policies, `OWNER TO`: SQLite has no users or privileges",
    check,
    ..Rule::DEFAULT
};

const OBJECTS: [&str; 4] = ["ROLE", "USER", "POLICY", "GROUP"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let end = if ["GRANT", "REVOKE", "REASSIGN"].iter().any(|w| ctx.is_word(0, w))
        || ctx.words_at(0, &["DROP", "OWNED"])
        || ctx.words_at(0, &["SECURITY", "LABEL"])
    {
        0
    } else if let Some(kind) = ctx.ddl_object_kind()
        && OBJECTS.iter().any(|w| ctx.is_word(kind, w))
    {
        kind
    } else if ctx.is_word(0, "ALTER")
        && !ctx.is_word(1, "TABLE")
        && let Some(owner) = ctx.find_words(2..ctx.tokens.len(), &["OWNER", "TO"])
    {
        // `ALTER TABLE … OWNER TO` is reported by `alter-table-action`.
        out.report(
            ctx.token_span(owner, (owner + 2).min(ctx.tokens.len() - 1)),
            "`OWNER TO` changes a PostgreSQL object's owner; SQLite has no users",
            HELP,
        );
        return;
    } else {
        return;
    };
    out.report(
        ctx.token_span(0, end),
        format!("`{}`: SQLite has no users, roles or privileges", ctx.text(&ctx.token_span(0, end))),
        HELP,
    );
}

const HELP: &str = "set up roles and privileges in the PostgreSQL deployment (an admin script run once), not in the portable migrations";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_privileges_roles_and_owners() {
        assert_eq!(
            flagged(&RULE, "GRANT SELECT ON t TO app; CREATE ROLE app; ALTER TYPE e OWNER TO app; CREATE POLICY p ON t USING (true)"),
            ["GRANT", "CREATE ROLE", "OWNER TO app", "CREATE POLICY"]
        );
        assert!(flagged(&RULE, "CREATE TABLE grant (role text, owner text); ALTER TABLE t OWNER TO x").is_empty());
    }
}
