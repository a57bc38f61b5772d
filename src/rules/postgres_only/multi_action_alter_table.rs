//! `ALTER TABLE t ADD COLUMN a …, ADD COLUMN b …`: PostgreSQL runs several
//! comma-separated actions in one statement; SQLite takes exactly one.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "multi-action-alter-table",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "several comma-separated actions in one `ALTER TABLE`: SQLite takes one per statement",
    fix: FixAvailability::Unsafe,
    check,
    // `alter_table()` needs `ALTER TABLE`.
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    if table.actions.len() < 2 {
        return;
    }
    let last = table.actions.last().expect("two actions").tokens.end - 1;
    let second = table.actions[1].tokens.start;
    // The commas between actions become `; ALTER TABLE name`.
    let head = ctx.text(&ctx.token_span(0, table.name.end - 1));
    let edits = table
        .actions
        .iter()
        .skip(1)
        .filter_map(|a| {
            Some(Edit {
                span: a.comma.clone()?,
                replacement: format!(";\n{head}"),
            })
        })
        .collect();
    out.report(
        ctx.token_span(second, last),
        format!(
            "{} actions in one ALTER TABLE; SQLite accepts one action per statement",
            table.actions.len()
        ),
        "write one ALTER TABLE statement per action",
    )
    .with_fix(Fix {
        // PostgreSQL applies the actions together (one table rewrite, one
        // lock); as separate statements they still run in order.
        applicability: Applicability::Unsafe,
        message: "split into one ALTER TABLE per action".into(),
        edits,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_the_actions_after_the_first() {
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD COLUMN a int DEFAULT f(1, 2), ADD COLUMN b text;"
            ),
            ["ADD COLUMN b text"]
        );
    }

    #[test]
    fn fix_splits_into_one_statement_per_action() {
        assert_eq!(
            fixed(
                &RULE,
                "ALTER TABLE s.t ADD COLUMN a int, DROP COLUMN b, RENAME TO u;"
            ),
            "ALTER TABLE s.t ADD COLUMN a int;\nALTER TABLE s.t DROP COLUMN b;\nALTER TABLE s.t RENAME TO u;"
        );
    }

    #[test]
    fn commas_inside_parentheses_or_strings_are_not_actions() {
        assert!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD COLUMN a numeric(10, 2) DEFAULT 'x, y'"
            )
            .is_empty()
        );
        assert!(flagged(&RULE, "CREATE TABLE t (a int, b int)").is_empty());
    }
}
