//! `ALTER TABLE … ENABLE|DISABLE TRIGGER`: PostgreSQL switches triggers on
//! and off per table; SQLite has no such action.

use sqlparser::keywords::Keyword;
use crate::syntax::model::ActionKind;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "alter-table-trigger",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … ENABLE/DISABLE TRIGGER`: SQLite cannot switch triggers off",
    check,
    // `alter_table()` needs `ALTER TABLE`.
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    for action in table.actions.iter().filter(|a| a.kind == ActionKind::TriggerToggle) {
        out.report(
            ctx.token_span(action.tokens.start, action.tokens.end - 1),
            "`ENABLE/DISABLE TRIGGER` is PostgreSQL-only; SQLite's ALTER TABLE rejects it",
            "keep the work triggers would do in the storage code, so there is nothing to switch off during a data migration",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_enable_and_disable() {
        assert_eq!(
            flagged(&RULE, "ALTER TABLE comment DISABLE TRIGGER USER; ALTER TABLE c ENABLE ALWAYS TRIGGER t"),
            ["DISABLE TRIGGER USER", "ENABLE ALWAYS TRIGGER t"]
        );
        assert!(flagged(&RULE, "ALTER TABLE t ENABLE ROW LEVEL SECURITY").is_empty());
    }
}
