//! `DROP TABLE a, b`: PostgreSQL drops a list of objects in one statement;
//! SQLite drops one per statement.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind, Verb};

pub static RULE: Rule = Rule {
    id: "drop-several-objects",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DROP TABLE a, b`: SQLite drops one object per statement",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::DROP],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let listable = matches!(
        head.object,
        Some(ObjectKind::Table | ObjectKind::View | ObjectKind::Index | ObjectKind::Trigger)
    );
    if head.verb != Verb::Drop || !listable {
        return;
    }
    let Some(first) = head.separators.first() else {
        return;
    };
    let head_end = head
        .clause(ClauseKind::IfExists)
        .map_or(head.span.end, |guard| guard.end);
    let head_text = ctx.text(&(head.span.start..head_end));
    let edits = head
        .separators
        .iter()
        .map(|comma| Edit {
            span: comma.clone(),
            replacement: format!(";\n{head_text}"),
        })
        .collect();
    out.report(
        first.start..ctx.span.end,
        "several objects in one DROP; SQLite drops one object per statement",
        "write one DROP statement per object",
    )
    .with_fix(Fix {
        // A trailing CASCADE/RESTRICT would apply to the last statement only.
        applicability: Applicability::Unsafe,
        message: "split into one DROP per object".into(),
        edits,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_splits_lists() {
        assert_eq!(
            flagged(&RULE, "DROP VIEW user_alias_1, user_alias_2;"),
            [", user_alias_2"]
        );
        assert_eq!(
            fixed(&RULE, "DROP TABLE IF EXISTS a, b, c;"),
            "DROP TABLE IF EXISTS a;\nDROP TABLE IF EXISTS b;\nDROP TABLE IF EXISTS c;"
        );
        assert!(flagged(&RULE, "DROP TABLE a; DROP FUNCTION f(int, int)").is_empty());
    }
}
