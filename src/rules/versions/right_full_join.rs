//! `RIGHT JOIN` and `FULL JOIN`: SQLite accepts them from 3.39 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::ClauseKind;

pub static RULE: Rule = Rule {
    id: "right-full-join",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`RIGHT JOIN` and `FULL JOIN` need SQLite 3.39",
    requires: &[(Engine::Sqlite, Version::new(3, 39))],
    check,
    triggers: &[Keyword::RIGHT, Keyword::FULL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in &ctx.model().clauses {
        let construct = match clause.kind {
            ClauseKind::RightJoin => "`RIGHT JOIN`",
            ClauseKind::FullJoin => "`FULL JOIN`",
            _ => continue,
        };
        report_if_too_old(
            ctx,
            out,
            clause.span.clone(),
            construct,
            "raise the SQLite target to 3.39, or swap the tables and write a `LEFT JOIN`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn flags_right_and_full_joins_for_sqlite_before_3_39() {
        let sql = "SELECT * FROM a RIGHT JOIN b ON a.id = b.id FULL OUTER JOIN c ON c.id = a.id LEFT JOIN d ON 1 = 1";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.38"]);
        let texts: Vec<&str> = found.iter().map(|d| &sql[d.span.clone()]).collect();
        assert_eq!(texts, ["RIGHT JOIN", "FULL OUTER JOIN"]);
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.39"]).is_empty());
        assert!(
            findings_with_targets(&RULE, "SELECT right(name, 2) FROM t", &["sqlite>=3.20"])
                .is_empty()
        );
    }
}
