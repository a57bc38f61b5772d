//! `INSERT INTO t SELECT … FROM u ON CONFLICT …`: SQLite reads the `ON`
//! right after a FROM clause as a join condition and rejects the upsert; it
//! needs a WHERE clause (`WHERE true`) before `ON CONFLICT`.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "insert-select-on-conflict",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`INSERT … SELECT … FROM t ON CONFLICT`: SQLite needs `WHERE true` before ON CONFLICT",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::CONFLICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(span) = ctx.model().upsert_after_from.clone() else {
        return;
    };
    out.report(
        span.clone(),
        "`ON CONFLICT` right after `SELECT … FROM …`: SQLite parses the `ON` as a join condition and rejects the statement",
        "add `WHERE true` before `ON CONFLICT`; both engines accept it",
    )
    .with_fix(Fix {
        applicability: Applicability::Safe,
        message: "insert `WHERE true` before `ON CONFLICT`".into(),
        edits: vec![Edit {
            span: span.start..span.start,
            replacement: "WHERE true ".into(),
        }],
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_fixes_the_ambiguous_on() {
        let sql = "INSERT INTO l (a, b) SELECT id, 0 FROM u ON CONFLICT (a, b) DO NOTHING";
        assert_eq!(flagged(&RULE, sql), ["ON CONFLICT"]);
        assert_eq!(
            fixed(&RULE, sql),
            "INSERT INTO l (a, b) SELECT id, 0 FROM u WHERE true ON CONFLICT (a, b) DO NOTHING"
        );
    }

    #[test]
    fn unambiguous_upserts_stay_silent() {
        for sql in [
            "INSERT INTO l (a) VALUES (1) ON CONFLICT DO NOTHING",
            "INSERT INTO l (a) SELECT id FROM u WHERE id > 0 ON CONFLICT DO NOTHING",
            "INSERT INTO l (a) SELECT (SELECT 1 FROM u) ON CONFLICT DO NOTHING",
        ] {
            assert!(flagged(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
