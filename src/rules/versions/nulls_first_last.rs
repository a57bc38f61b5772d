//! `ORDER BY x NULLS FIRST | NULLS LAST`: SQLite accepts it from 3.30 on.

use sqlparser::keywords::Keyword;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::token_scan::keyword_runs;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

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
    let first = keyword_runs(ctx, &[Keyword::NULLS, Keyword::FIRST]);
    let last = keyword_runs(ctx, &[Keyword::NULLS, Keyword::LAST]);
    let mut runs: Vec<usize> = first.into_iter().chain(last).collect();
    runs.sort_unstable();
    for i in runs {
        report_if_too_old(
            ctx,
            out,
            ctx.token_span(i, i + 1),
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
