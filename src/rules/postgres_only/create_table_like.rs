//! `CREATE TABLE t (LIKE other …)`: PostgreSQL copies the other table's
//! columns. SQLite reads `LIKE other` as one column named `LIKE` of type
//! `other`, so the table silently gets the wrong columns (and `INCLUDING
//! ALL` is a syntax error there).

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ConstraintKind;

pub static RULE: Rule = Rule {
    id: "create-table-like",
    group: "postgres_only",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite],
    summary: "`CREATE TABLE t (LIKE other)`: SQLite creates one column named LIKE instead of copying the columns",
    check,
    triggers: &[Keyword::LIKE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let constraints = &ctx.model().table_constraints;
    for like in constraints
        .iter()
        .filter(|c| c.kind == ConstraintKind::Like)
    {
        let like = like.span.clone();
        let diagnostic = out.report(
            like.clone(),
            "`LIKE other` copies the other table's columns on PostgreSQL only; SQLite creates a single column named `LIKE` instead",
            "write the columns out in the CREATE TABLE",
        );
        // `INCLUDING ALL` is no type name SQLite can read: there it is rejected outright.
        if includes_all(ctx.text(&like)) {
            diagnostic.severity = crate::diagnostic::Severity::Error;
            diagnostic.message = "`LIKE other INCLUDING ALL` copies the other table's columns on PostgreSQL only; SQLite rejects it".into();
        }
    }
}

/// Whether the `LIKE` element's options name `ALL`.
fn includes_all(element: &str) -> bool {
    element
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("ALL"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    fn errors(sql: &str) -> Vec<crate::Severity> {
        let options = crate::LintOptions {
            rules: vec![&RULE],
            ..Default::default()
        };
        let report = crate::lint_source(crate::SourceFile::new("t.sql", sql), &options);
        report.diagnostics.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn flags_like_elements() {
        assert_eq!(
            flagged(&RULE, "CREATE TABLE b (LIKE a INCLUDING ALL, extra int)"),
            ["LIKE a INCLUDING ALL"]
        );
        assert_eq!(
            errors("CREATE TABLE b (LIKE a INCLUDING ALL); CREATE TABLE c (LIKE a)"),
            [crate::Severity::Error, crate::Severity::Warning]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE b (a text CHECK (a LIKE 'x%')); SELECT * FROM t WHERE a LIKE 'b'"
            )
            .is_empty()
        );
    }
}
