//! `ORDER BY x NULLS FIRST | NULLS LAST`: SQLite accepts it from 3.30 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "nulls-first-last",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`NULLS FIRST` / `NULLS LAST` need SQLite 3.30",
    requires: &[(Engine::Sqlite, Version::new(3, 30))],
    check,
    triggers: &[Keyword::NULLS],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::NullsOrder) {
        report_if_too_old(
            ctx,
            out,
            clause.span.clone(),
            "`NULLS FIRST`/`NULLS LAST`",
            "raise the SQLite target to 3.30, or order by `x IS NULL` first (`ORDER BY x IS NULL, x` puts NULLs last on both engines)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn fires_for_sqlite_before_3_30_only() {
        let sql = "SELECT * FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.24"]);
        let texts: Vec<&str> = found.iter().map(|d| &sql[d.span.clone()]).collect();
        assert_eq!(texts, ["NULLS FIRST", "NULLS LAST"]);
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.30"]).is_empty());
    }
}
