//! SQLite's generated-column spellings: the `AS (expr)` shorthand and
//! VIRTUAL columns (SQLite's default). PostgreSQL needs the full
//! `GENERATED ALWAYS AS (expr)` and, before version 18, `STORED`.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::generated_column::StorageKind;

pub static RULE: Rule = Rule {
    id: "sqlite-generated-column",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "generated columns written `AS (expr)` or VIRTUAL: PostgreSQL needs `GENERATED ALWAYS AS (expr) STORED`",
    fix: FixAvailability::Unsafe,
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

/// PostgreSQL 18 added virtual generated columns.
const POSTGRES_VIRTUAL: Version = Version::new(18, 0);

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for column in ctx.column_definitions() {
        let Some(generated) = &column.generated else {
            continue;
        };
        let Some(close) = &generated.close else {
            continue;
        };
        if !generated.full_form {
            out.report(
                generated.as_keyword.clone(),
                "`AS (expr)` is SQLite's shorthand for a generated column; PostgreSQL rejects it as a syntax error",
                "write `GENERATED ALWAYS AS (expr) STORED`, which both engines run (SQLite since 3.31)",
            )
            .with_fix(Fix {
                applicability: Applicability::Safe,
                message: "write `GENERATED ALWAYS AS`".into(),
                edits: vec![Edit {
                    span: generated.as_keyword.start..generated.as_keyword.start,
                    replacement: "GENERATED ALWAYS ".into(),
                }],
            });
        }
        let storage = generated.storage.as_ref();
        if storage.is_some_and(|s| s.kind == StorageKind::Stored)
            || !ctx.targets.lacks(Engine::Postgres, POSTGRES_VIRTUAL)
        {
            continue;
        }
        let virtual_word = storage.filter(|s| s.kind == StorageKind::Virtual);
        let span = match virtual_word {
            Some(word) => word.span.clone(),
            None => generated.as_keyword.start..close.end,
        };
        out.report(
            span.clone(),
            "a VIRTUAL generated column (SQLite's default): PostgreSQL before 18 only has STORED ones",
            "add `STORED`: both engines then compute the value on write (SQLite cannot add a STORED column with ALTER TABLE; create the table with it)",
        )
        .with_fix(Fix {
            // Stored columns take space, and SQLite cannot ALTER TABLE ADD them.
            applicability: Applicability::Unsafe,
            message: "make the column STORED".into(),
            edits: vec![if virtual_word.is_some() {
                Edit { span, replacement: "STORED".into() }
            } else {
                Edit { span: span.end..span.end, replacement: " STORED".into() }
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_shorthand_and_virtual_columns() {
        let sql = "CREATE TABLE t (a INT, b INT AS (a * 2), c INT GENERATED ALWAYS AS (a) VIRTUAL, d INT GENERATED ALWAYS AS (a) STORED);";
        assert_eq!(flagged(&super::RULE, sql), ["AS", "AS (a * 2)", "VIRTUAL"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, c INT GENERATED ALWAYS AS (a) STORED, d INT GENERATED ALWAYS AS (a) STORED);"
        );
        assert!(
            flagged(
                &super::RULE,
                "CREATE TABLE t (id INT GENERATED ALWAYS AS IDENTITY);"
            )
            .is_empty()
        );
    }

    #[test]
    fn virtual_columns_pass_when_every_target_is_postgres_18() {
        let options = crate::LintOptions {
            rules: vec![&super::RULE],
            targets: crate::project::targets::Targets::parse(&["sqlite>=3.35", "postgres>=18"])
                .unwrap(),
            ..Default::default()
        };
        let sql = "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a) VIRTUAL, c INT AS (a));";
        let report = crate::lint_source(crate::SourceFile::new("t.sql", sql), &options);
        let flagged: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| &sql[d.span.clone()])
            .collect();
        assert_eq!(flagged, ["AS"]);
    }
}
