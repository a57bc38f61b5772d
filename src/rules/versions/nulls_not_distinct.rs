//! `UNIQUE NULLS NOT DISTINCT`: PostgreSQL accepts it from 15 on. (SQLite
//! has no such clause; that is another rule's finding.)

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "nulls-not-distinct",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`UNIQUE NULLS NOT DISTINCT` needs PostgreSQL 15",
    requires: &[(Engine::Postgres, Version::new(15, 0))],
    check,
    triggers: &[Keyword::NULLS],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for span in &ctx.model().nulls_not_distinct {
        report_if_too_old(
            ctx,
            out,
            span.clone(),
            "`NULLS NOT DISTINCT`",
            "raise the PostgreSQL target to 15, or make the column NOT NULL with a sentinel value so a plain UNIQUE holds",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn fires_for_postgres_before_15_only() {
        let sql = "CREATE UNIQUE INDEX u ON t (a, b) NULLS NOT DISTINCT";
        let found = findings_with_targets(&RULE, sql, &["postgres>=13"]);
        assert_eq!(found.len(), 1);
        assert_eq!(&sql[found[0].span.clone()], "NULLS NOT DISTINCT");
        assert!(findings_with_targets(&RULE, sql, &["postgres>=15"]).is_empty());
    }
}
