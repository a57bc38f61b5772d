//! `CREATE|ALTER|DROP SEQUENCE` and `nextval()`/`setval()`/`currval()`:
//! PostgreSQL's sequences. SQLite has none (its AUTOINCREMENT counter lives
//! in `sqlite_sequence` and is not addressable by name).

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::ObjectKind;

pub static RULE: Rule = Rule {
    id: "sequence",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "sequences (`CREATE SEQUENCE`, `nextval()`, `setval()`): SQLite has none",
    check,
    ..Rule::DEFAULT
};

const HELP: &str = "let the engine assign ids (an identity the storage layer maps per engine), or generate them in the storage code (UUIDs); SQLite has no named sequences";

const SEQUENCE_FUNCTIONS: [&str; 4] = ["nextval", "setval", "currval", "lastval"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let model = ctx.model();
    let sequence = model
        .head
        .as_ref()
        .filter(|h| h.ddl_object() == Some(ObjectKind::Sequence));
    if let Some(head) = sequence {
        out.report(
            head.through_name(),
            "sequences are PostgreSQL-only; SQLite rejects `SEQUENCE`",
            HELP,
        );
        return;
    }
    for call in &model.calls {
        if SEQUENCE_FUNCTIONS.contains(&call.name.as_str()) {
            out.report(
                call.span.clone(),
                format!(
                    "`{}()` reads or moves a PostgreSQL sequence; SQLite has no such function",
                    call.name
                ),
                HELP,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_sequence_statements_and_functions() {
        assert_eq!(
            flagged(
                &RULE,
                "ALTER SEQUENCE pam_groups_id_seq RESTART WITH 100000; SELECT setval('s', (SELECT max(id) FROM t)); CREATE TABLE t (id int DEFAULT nextval('s'::regclass))"
            ),
            [
                "ALTER SEQUENCE pam_groups_id_seq",
                "setval('s', (SELECT max(id) FROM t))",
                "nextval('s'::regclass)"
            ]
        );
    }

    #[test]
    fn the_statement_through_its_name() {
        assert_eq!(
            flagged(&RULE, "CREATE SEQUENCE IF NOT EXISTS public.s START 1"),
            ["CREATE SEQUENCE IF NOT EXISTS public.s"]
        );
    }

    #[test]
    fn strings_and_unparsable_statements() {
        assert!(flagged(&RULE, "SELECT 'nextval(1)'").is_empty());
        assert_eq!(
            flagged(&RULE, "INSERT INTO t VALUES (nextval('s') ))").len(),
            1
        );
    }
}
