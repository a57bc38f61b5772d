//! `unixepoch()`: SQLite added the function in 3.38. (That PostgreSQL has
//! no such function is the `sqlite-date-function` rule's finding.)

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

pub static RULE: Rule = Rule {
    id: "unixepoch-version",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`unixepoch()` needs SQLite 3.38",
    requires: &[(Engine::Sqlite, Version::new(3, 38))],
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for call in ctx.function_calls() {
        if call.name == "unixepoch" {
            report_if_too_old(
                ctx,
                out,
                call.span.clone(),
                "`unixepoch()`",
                "raise the SQLite target to 3.38, or compute the timestamp in the storage code and bind it",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn flags_calls_not_names_for_sqlite_before_3_38() {
        let sql = "SELECT unixepoch('now'), t.unixepoch FROM t";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.37"]);
        assert_eq!(found.len(), 1);
        assert_eq!(&sql[found[0].span.clone()], "unixepoch('now')");
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.38"]).is_empty());
    }
}
