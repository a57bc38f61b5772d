//! `CREATE TRIGGER` / `DROP TRIGGER`: the two engines spell triggers
//! differently (SQLite: a `BEGIN … END` body; PostgreSQL: `EXECUTE FUNCTION`
//! and `DROP TRIGGER … ON table`), and the project's policy keeps that logic
//! in the storage code, where one implementation serves both engines.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind, Verb};

pub static RULE: Rule = Rule {
    id: "trigger",
    group: "policy",
    severity: Severity::Error,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "triggers are spelled differently by each engine; keep their logic in the storage code",
    check,
    triggers: &[Keyword::TRIGGER],
    ..Rule::DEFAULT
};

const HELP: &str = "do the trigger's work in the storage code (set `updated_at` in the UPDATE itself, write the audit row in the same transaction)";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    if !matches!(head.verb, Verb::Create | Verb::Drop) || head.object != Some(ObjectKind::Trigger) {
        return;
    }
    let span = head.through_name();
    if head.verb == Verb::Drop {
        let (message, breaks) = if head.has(ClauseKind::OnTable) {
            (
                "`DROP TRIGGER … ON table` is PostgreSQL syntax; SQLite rejects the `ON`",
                Engine::Sqlite,
            )
        } else {
            (
                "`DROP TRIGGER` without `ON table` is SQLite syntax; PostgreSQL requires the table",
                Engine::Postgres,
            )
        };
        out.report(span, message, HELP).with_targets(&[breaks]);
    } else if head.has(ClauseKind::ExecuteFunction) {
        out.report(
            span,
            "PostgreSQL trigger: SQLite has no `EXECUTE FUNCTION`; its triggers need a `BEGIN … END` body",
            HELP,
        )
        .with_targets(&[Engine::Sqlite]);
    } else if head.has(ClauseKind::BeginBody) {
        out.report(
            span,
            "SQLite trigger: PostgreSQL rejects a `BEGIN … END` body; its triggers call a function",
            HELP,
        )
        .with_targets(&[Engine::Postgres]);
    } else {
        out.report(
            span,
            "trigger: each engine needs its own trigger syntax",
            HELP,
        );
    }
}
