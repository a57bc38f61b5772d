//! `GRANT`, `REVOKE`, roles, row-level security policies, `ALTER … OWNER
//! TO`: PostgreSQL's access control. SQLite has no users or privileges.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind, Verb};

pub static RULE: Rule = Rule {
    id: "access-control",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`GRANT`/`REVOKE`, roles, policies, `OWNER TO`: SQLite has no users or privileges",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let span = match head.verb {
        Verb::Grant | Verb::Revoke | Verb::Reassign | Verb::SecurityLabel => head.verb_span.clone(),
        Verb::Drop if head.object == Some(ObjectKind::Owned) => head.verb_span.clone(),
        _ if matches!(
            head.ddl_object(),
            Some(ObjectKind::Role | ObjectKind::User | ObjectKind::Policy | ObjectKind::Group)
        ) =>
        {
            head.span.clone()
        }
        // `ALTER TABLE … OWNER TO` is reported by `alter-table-action`: the head has no `OwnerTo` there.
        Verb::Alter => {
            if let Some(owner) = head.clause(ClauseKind::OwnerTo) {
                out.report(
                    owner,
                    "`OWNER TO` changes a PostgreSQL object's owner; SQLite has no users",
                    HELP,
                );
            }
            return;
        }
        _ => return,
    };
    out.report(
        span.clone(),
        format!(
            "`{}`: SQLite has no users, roles or privileges",
            ctx.text(&span)
        ),
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
            flagged(
                &RULE,
                "GRANT SELECT ON t TO app; CREATE ROLE app; ALTER TYPE e OWNER TO app; CREATE POLICY p ON t USING (true)"
            ),
            ["GRANT", "CREATE ROLE", "OWNER TO app", "CREATE POLICY"]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE grant (role text, owner text); ALTER TABLE t OWNER TO x"
            )
            .is_empty()
        );
    }
}
