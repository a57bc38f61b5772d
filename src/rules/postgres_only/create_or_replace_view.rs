//! `CREATE OR REPLACE VIEW`: SQLite has no OR REPLACE for views.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind, Verb};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "create-or-replace-view",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE OR REPLACE VIEW`: SQLite needs `DROP VIEW` then `CREATE VIEW`",
    check,
    triggers: &[Keyword::REPLACE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let replaces_a_view = head.verb == Verb::Create
        && head.object == Some(ObjectKind::View)
        && head.has(ClauseKind::OrReplace);
    if !replaces_a_view {
        return;
    }
    out.report(
        head.span.clone(),
        "`CREATE OR REPLACE VIEW` is PostgreSQL-only; SQLite rejects `OR REPLACE`",
        "write `DROP VIEW IF EXISTS v;` followed by `CREATE VIEW v AS …`",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_or_replace_views_only() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE OR REPLACE VIEW v AS SELECT 1; CREATE OR REPLACE TEMP VIEW w AS SELECT 2; CREATE VIEW x AS SELECT 3"
            ),
            ["CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW"]
        );
    }
}
