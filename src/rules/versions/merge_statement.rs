//! `MERGE INTO …`: PostgreSQL accepts it from 15 on. (SQLite has no MERGE at
//! all; that is another rule's finding.)

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, Verb};

pub static RULE: Rule = Rule {
    id: "merge-statement",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`MERGE` needs PostgreSQL 15",
    requires: &[(Engine::Postgres, Version::new(15, 0))],
    check,
    triggers: &[Keyword::MERGE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref().filter(|h| h.verb == Verb::Merge) else {
        return;
    };
    let end = head
        .clause(ClauseKind::Into)
        .map_or(head.verb_span.end, |into| into.end);
    report_if_too_old(
        ctx,
        out,
        head.verb_span.start..end,
        "`MERGE`",
        "raise the PostgreSQL target to 15, or write `INSERT … ON CONFLICT … DO UPDATE`, which both engines run",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    const SQL: &str = "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v";

    #[test]
    fn fires_for_postgres_before_15_only() {
        let found = findings_with_targets(&RULE, SQL, &["postgres>=14"]);
        assert_eq!(found.len(), 1);
        assert_eq!(&SQL[found[0].span.clone()], "MERGE INTO");
        assert_eq!(
            found[0].message,
            "`MERGE` needs PostgreSQL 15; your targets include postgres>=14"
        );
        assert!(findings_with_targets(&RULE, SQL, &["postgres>=15", "sqlite>=3.0"]).is_empty());
    }
}
