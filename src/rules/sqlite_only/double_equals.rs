//! `a == b`: SQLite's C-style equality. PostgreSQL has no `==` operator.

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "double-equals",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`==` is SQLite-only; both engines compare with `=`",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let operators = ctx
        .model()
        .operators
        .iter()
        .filter(|op| ctx.text(&op.span) == "==");
    for op in operators {
        out.report(
            op.span.clone(),
            "`==` is SQLite's equality operator; PostgreSQL fails with `operator does not exist: integer == integer`",
            "write `=`, which means the same on both engines",
        )
        .with_fix(Fix {
            applicability: Applicability::Safe,
            message: "replace `==` with `=`".into(),
            edits: vec![Edit {
                span: op.span.clone(),
                replacement: "=".into(),
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_fixes() {
        let sql = "SELECT * FROM t WHERE a == 1 AND b = '==';";
        assert_eq!(flagged(&super::RULE, sql), ["=="]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "SELECT * FROM t WHERE a = 1 AND b = '==';"
        );
    }
}
