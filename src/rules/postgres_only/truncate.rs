//! `TRUNCATE [TABLE] t`: PostgreSQL's fast delete. SQLite has no TRUNCATE; its
//! `DELETE FROM t` without WHERE is optimised the same way.

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::head::Verb;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "truncate",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`TRUNCATE`: SQLite has no TRUNCATE; use `DELETE FROM`",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::TRUNCATE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx
        .model()
        .head
        .as_ref()
        .filter(|h| h.verb == Verb::Truncate)
    else {
        return;
    };
    // One plain table name: `TRUNCATE [TABLE] t` → `DELETE FROM t`.
    let simple = matches!(head.names.as_slice(), [name] if name.end == ctx.span.end);
    let diagnostic = out.report(
        ctx.span.clone(),
        "`TRUNCATE` is PostgreSQL-only; SQLite rejects it",
        "write `DELETE FROM t`, which both engines run (SQLite optimises an unconditional DELETE into a truncate)",
    );
    if simple {
        diagnostic.with_fix(Fix {
            // DELETE fires triggers and keeps identity counters; TRUNCATE does neither.
            applicability: Applicability::Unsafe,
            message: "replace `TRUNCATE` with `DELETE FROM`".into(),
            edits: vec![Edit {
                span: head.span.clone(),
                replacement: "DELETE FROM".into(),
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_rewrites_one_table() {
        assert_eq!(
            flagged(&RULE, "TRUNCATE TABLE \"Alert\";"),
            ["TRUNCATE TABLE \"Alert\""]
        );
        assert_eq!(fixed(&RULE, "TRUNCATE TABLE s.t;"), "DELETE FROM s.t;");
        assert_eq!(fixed(&RULE, "truncate t"), "DELETE FROM t");
        assert_eq!(
            fixed(&RULE, "TRUNCATE a, b CASCADE"),
            "TRUNCATE a, b CASCADE"
        );
    }
}
