//! Integers used as booleans: `flag BOOLEAN DEFAULT 0`, `WHERE 0`,
//! `CASE WHEN 1 THEN …`. SQLite's booleans are integers; PostgreSQL's
//! BOOLEAN takes no integer without a cast, and its conditions must be boolean.

use std::ops::Range;

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::{ColumnDef, Identifier, LiteralKind, Model};

pub static RULE: Rule = Rule {
    id: "boolean-integer-literal",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`BOOLEAN DEFAULT 0`, `WHERE 1`: integers where PostgreSQL needs TRUE/FALSE",
    fix: FixAvailability::Safe,
    check,
    // Column definitions (`CREATE TABLE` / `ALTER TABLE`) or a condition keyword.
    triggers: &[
        Keyword::TABLE,
        Keyword::WHERE,
        Keyword::HAVING,
        Keyword::AND,
        Keyword::OR,
        Keyword::NOT,
        Keyword::WHEN,
        Keyword::ON,
    ],
    ..Rule::DEFAULT
};

/// Integer column types whose DEFAULT PostgreSQL will not take as TRUE/FALSE.
const INTEGER_TYPES: [&str; 8] = [
    "INTEGER", "INT", "SMALLINT", "BIGINT", "INT2", "INT4", "INT8", "TINYINT",
];

/// Operators that compare a BOOLEAN column with a value.
const EQUALITY: [&str; 4] = ["=", "==", "<>", "!="];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let model = ctx.model();
    check_integer_defaults(ctx, out, model);
    check_boolean_comparisons(ctx, out, model);
    for column in &model.columns {
        let Some(default) = &column.default else {
            continue;
        };
        if is_boolean(column)
            && let Some(leading) = &default.leading
            && let Some(number) = integer(ctx, model, &leading.span)
        {
            report(
                out,
                &leading.span,
                number,
                "a BOOLEAN column's DEFAULT: PostgreSQL fails with `column … is of type boolean but default expression is of type integer`",
            );
        }
    }
    for condition in &model.conditions {
        if let Some(number) = integer(ctx, model, condition) {
            report(
                out,
                condition,
                number,
                "a condition: PostgreSQL fails with `argument of WHERE must be type boolean, not type integer`",
            );
        }
    }
}

fn is_boolean(column: &ColumnDef) -> bool {
    column
        .column_type
        .as_ref()
        .and_then(|t| t.name.as_deref())
        .is_some_and(|name| matches!(name, "BOOLEAN" | "BOOL"))
}

/// `CHECK (flag IN (0, 1))`, `CHECK (flag = 1 OR …)` where the same statement
/// declares `flag` BOOLEAN: PostgreSQL has no `boolean = integer` operator.
fn check_boolean_comparisons(ctx: &StatementCtx, out: &mut Sink, model: &Model) {
    let booleans: Vec<String> = model
        .columns
        .iter()
        .filter(|c| is_boolean(c))
        .map(|c| c.ident.value.to_ascii_lowercase())
        .collect();
    if booleans.is_empty() {
        return;
    }
    let names_boolean = |operand: &Range<usize>| names_column(ctx, model, operand, &booleans);
    let compared = model
        .operators
        .iter()
        .filter(|o| EQUALITY.contains(&o.spelling.as_str()))
        .filter_map(|o| match o.operands.as_slice() {
            [column, value] if names_boolean(column) => Some(value),
            _ => None,
        });
    let listed = model
        .in_lists
        .iter()
        .filter(|list| names_boolean(&list.subject))
        .flat_map(|list| &list.values);
    for value in compared.chain(listed) {
        if let Some(number) = integer(ctx, model, value) {
            report(
                out,
                value,
                number,
                "a comparison with a BOOLEAN column: PostgreSQL fails with `operator does not exist: boolean = integer`",
            );
        }
    }
}

/// Whether `operand` is a column named in `names`, qualified or not
/// (`active`, `t.active`, `"active"`).
fn names_column(
    ctx: &StatementCtx,
    model: &Model,
    operand: &Range<usize>,
    names: &[String],
) -> bool {
    let within: Vec<&Identifier> = model
        .identifiers
        .iter()
        .filter(|i| operand.start <= i.span.start && i.span.end <= operand.end)
        .collect();
    let (Some(first), Some(last)) = (within.first(), within.last()) else {
        return false;
    };
    let only_names = within
        .windows(2)
        .all(|pair| ctx.text(&(pair[0].span.end..pair[1].span.start)) == ".");
    first.span.start == operand.start
        && last.span.end == operand.end
        && only_names
        && names.contains(&last.value.to_ascii_lowercase())
}

/// `flag INTEGER DEFAULT FALSE`: the other way round, a boolean for an integer column.
fn check_integer_defaults(ctx: &StatementCtx, out: &mut Sink, model: &Model) {
    for column in &model.columns {
        let is_integer = column.column_type.as_ref().is_some_and(|t| {
            t.bare
                && t.name
                    .as_deref()
                    .is_some_and(|n| INTEGER_TYPES.contains(&n))
        });
        let leading = column.default.as_ref().and_then(|d| d.leading.as_ref());
        let (true, Some(leading)) = (is_integer, leading) else {
            continue;
        };
        let number = match leading.keyword {
            Some(Keyword::TRUE) => "1",
            Some(Keyword::FALSE) => "0",
            _ => continue,
        };
        let span = leading.span.clone();
        let written = ctx.text(&span);
        out.report(
            span.clone(),
            format!(
                "`{written}` as the DEFAULT of an integer column: PostgreSQL fails with `column … is of type integer but default expression is of type boolean`"
            ),
            format!("write {number}, or declare the column BOOLEAN if it holds a flag"),
        )
        .with_fix(Fix {
            // SQLite stores TRUE and FALSE as 1 and 0 anyway.
            applicability: Applicability::Safe,
            message: format!("write {number}"),
            edits: vec![Edit { span, replacement: number.into() }],
        });
    }
}

fn report(out: &mut Sink, span: &Range<usize>, number: &str, place: &str) {
    let boolean = match number {
        "0" => Some("FALSE"),
        "1" => Some("TRUE"),
        _ => None,
    };
    let diagnostic = out.report(
        span.clone(),
        format!("integer `{number}` used as a boolean in {place}"),
        "write TRUE or FALSE: SQLite (3.23+) reads them as 1 and 0, PostgreSQL as booleans",
    );
    if let Some(boolean) = boolean {
        diagnostic.with_fix(Fix {
            applicability: Applicability::Safe,
            message: format!("write {boolean}"),
            edits: vec![Edit {
                span: span.clone(),
                replacement: boolean.into(),
            }],
        });
    }
}

/// The text of the integer literal written exactly at `span`.
fn integer<'a>(ctx: &StatementCtx<'a>, model: &Model, span: &Range<usize>) -> Option<&'a str> {
    let at = model
        .literals
        .binary_search_by_key(&span.start, |l| l.span.start)
        .ok()?;
    let literal = &model.literals[at];
    let text = ctx.text(span);
    (literal.span == *span
        && literal.kind == LiteralKind::Number
        && text.bytes().all(|b| b.is_ascii_digit()))
    .then_some(text)
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_boolean_defaults() {
        let sql = "CREATE TABLE f (n INTEGER NOT NULL DEFAULT 0, e BOOLEAN NOT NULL DEFAULT 0, g BOOL DEFAULT (1), h BOOLEAN DEFAULT FALSE);";
        assert_eq!(flagged(&super::RULE, sql), ["0", "1"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE f (n INTEGER NOT NULL DEFAULT 0, e BOOLEAN NOT NULL DEFAULT FALSE, g BOOL DEFAULT (TRUE), h BOOLEAN DEFAULT FALSE);"
        );
    }

    #[test]
    fn flags_boolean_defaults_of_integer_columns() {
        let sql = "CREATE TABLE f (a INTEGER NOT NULL DEFAULT FALSE, b BIGINT DEFAULT (TRUE), c TEXT DEFAULT FALSE);";
        assert_eq!(flagged(&super::RULE, sql), ["FALSE", "TRUE"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE f (a INTEGER NOT NULL DEFAULT 0, b BIGINT DEFAULT (1), c TEXT DEFAULT FALSE);"
        );
    }

    #[test]
    fn flags_integers_compared_with_boolean_columns_of_the_statement() {
        let sql = "CREATE TABLE u (n INT CHECK (n IN (0, 1)), active BOOLEAN NOT NULL CHECK (active IN (0, 1)), CHECK (\"active\" = 1 OR n = 0));";
        assert_eq!(flagged(&super::RULE, sql), ["0", "1", "1"]);
        // Each value of the list that is an integer; `NOT IN` compares too.
        let sql = "CREATE TABLE u (active BOOLEAN CHECK (active NOT IN (0, 1 + 1, TRUE)));";
        assert_eq!(flagged(&super::RULE, sql), ["0"]);
    }

    #[test]
    fn flags_integer_conditions_only() {
        let sql = "CREATE TABLE m AS SELECT '' AS v, 0 AS t WHERE 0;";
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE m AS SELECT '' AS v, 0 AS t WHERE FALSE;"
        );
        let fine = "SELECT CASE s WHEN 1 THEN 'a' END FROM t WHERE a = 1 AND b BETWEEN 0 AND 1 AND c IN (0, 1) LIMIT 1;";
        assert!(flagged(&super::RULE, fine).is_empty());
        let bad = "SELECT CASE WHEN 1 THEN 2 END FROM t JOIN u ON 1 WHERE a = 1 AND 1;";
        assert_eq!(flagged(&super::RULE, bad), ["1", "1", "1"]);
    }
}
