//! `INSERT OR IGNORE`, `INSERT OR REPLACE`, `UPDATE OR …`: SQLite's statement
//! conflict clauses. PostgreSQL rejects the `OR`; both engines run
//! `INSERT … ON CONFLICT`.

use crate::syntax::model::statement_conflict::StatementConflict;
use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "insert-or-conflict",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`INSERT OR IGNORE/REPLACE`, `UPDATE OR …` are SQLite-only; use `ON CONFLICT`",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::OR],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(clause) = &ctx.model().statement_conflict else {
        return;
    };
    let help = match clause.resolution {
        "IGNORE" => {
            "write `INSERT INTO … ON CONFLICT DO NOTHING` (both engines; SQLite since 3.24); it skips rows that \
                     break a unique key, not rows that break NOT NULL or CHECK as OR IGNORE also does"
        }
        "REPLACE" => {
            "write `INSERT INTO … ON CONFLICT (key) DO UPDATE SET col = excluded.col` (both engines; SQLite \
                      since 3.24); OR REPLACE deletes the old row, so unset columns went back to their defaults"
        }
        _ => {
            "drop the conflict clause: PostgreSQL aborts the statement on a conflict, as SQLite's default does"
        }
    };
    let verb = if clause.insert { "INSERT" } else { "UPDATE" };
    let diagnostic = out.report(
        clause.span.clone(),
        format!(
            "`{verb} OR {}` is SQLite-only; PostgreSQL rejects it as a syntax error",
            clause.resolution
        ),
        help,
    );
    if let Some(fix) = on_conflict_do_nothing(clause) {
        diagnostic.with_fix(fix);
    }
}

/// `INSERT OR IGNORE INTO t … VALUES (…)` → `INSERT INTO t … VALUES (…) ON CONFLICT DO NOTHING`,
/// only for the plain VALUES form (a SELECT would need SQLite's `WHERE true` to parse).
fn on_conflict_do_nothing(clause: &StatementConflict) -> Option<Fix> {
    if clause.resolution != "IGNORE" || !clause.insert || !clause.plain_values {
        return None;
    }
    Some(Fix {
        // ON CONFLICT DO NOTHING skips unique-key conflicts only; OR IGNORE also
        // skipped NOT NULL and CHECK failures.
        applicability: Applicability::Unsafe,
        message: "use `ON CONFLICT DO NOTHING`".into(),
        edits: vec![
            Edit {
                span: clause.removal.clone(),
                replacement: String::new(),
            },
            Edit {
                span: clause.end..clause.end,
                replacement: " ON CONFLICT DO NOTHING".into(),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_insert_and_update_or() {
        assert_eq!(
            flagged(&super::RULE, "insert or ignore into t (a) values (1);"),
            ["insert or ignore"]
        );
        assert_eq!(
            flagged(&super::RULE, "UPDATE OR REPLACE t SET a = 1;"),
            ["UPDATE OR REPLACE"]
        );
        assert!(
            flagged(
                &super::RULE,
                "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;"
            )
            .is_empty()
        );
    }

    #[test]
    fn fixes_or_ignore_with_values() {
        assert_eq!(
            fixed(&super::RULE, "INSERT OR IGNORE INTO t (a) VALUES (1), (2);"),
            "INSERT INTO t (a) VALUES (1), (2) ON CONFLICT DO NOTHING;"
        );
        let select = "INSERT OR IGNORE INTO t SELECT a FROM u;";
        assert_eq!(fixed(&super::RULE, select), select);
    }
}
