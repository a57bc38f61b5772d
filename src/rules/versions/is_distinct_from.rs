//! `a IS [NOT] DISTINCT FROM b`: SQLite accepts it from 3.39 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "is-distinct-from",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`IS [NOT] DISTINCT FROM` needs SQLite 3.39",
    requires: &[(Engine::Sqlite, Version::new(3, 39))],
    check,
    triggers: &[Keyword::DISTINCT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for op in &ctx.model().operators {
        let words: Vec<&str> = op.spelling.split_whitespace().collect();
        let construct = match words.as_slice() {
            ["IS", "DISTINCT", "FROM"] => "`IS DISTINCT FROM`",
            ["IS", "NOT", "DISTINCT", "FROM"] => "`IS NOT DISTINCT FROM`",
            _ => continue,
        };
        report_if_too_old(
            ctx,
            out,
            op.span.clone(),
            construct,
            "raise the SQLite target to 3.39, or write `a IS b` / `a IS NOT b` on SQLite (PostgreSQL's `IS` only takes NULL, TRUE or FALSE)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn flags_both_forms_for_sqlite_before_3_39() {
        let sql =
            "SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b, 'IS DISTINCT FROM' FROM t";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.38"]);
        let texts: Vec<&str> = found.iter().map(|d| &sql[d.span.clone()]).collect();
        assert_eq!(texts, ["IS DISTINCT FROM", "IS NOT DISTINCT FROM"]);
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.39"]).is_empty());
    }

    #[test]
    fn the_fallback_model_finds_them_too() {
        // `===` parses nowhere: the model comes from the tokens.
        let sql = "SELECT a IS\n  NOT DISTINCT FROM (b + 1) FROM t WHERE c === 1";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.38"]);
        let texts: Vec<&str> = found.iter().map(|d| &sql[d.span.clone()]).collect();
        assert_eq!(texts, ["IS\n  NOT DISTINCT FROM"]);
    }
}
