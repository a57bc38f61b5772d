//! Integers used as booleans: `flag BOOLEAN DEFAULT 0`, `WHERE 0`,
//! `CASE WHEN 1 THEN …`. SQLite's booleans are integers; PostgreSQL's
//! BOOLEAN takes no integer without a cast, and its conditions must be boolean.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "boolean-integer-literal",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`BOOLEAN DEFAULT 0`, `WHERE 1`: integers where PostgreSQL needs TRUE/FALSE",
    fix: FixAvailability::Safe,
    check,
    // Column definitions (`CREATE TABLE` / `ALTER TABLE`) or a condition keyword.
    triggers: &[Keyword::TABLE, Keyword::WHERE, Keyword::HAVING, Keyword::AND, Keyword::OR, Keyword::NOT, Keyword::WHEN, Keyword::ON],
    ..Rule::DEFAULT
};

/// Words after which an operand is a whole condition.
const CONDITION_START: [&str; 7] = ["WHERE", "HAVING", "AND", "OR", "NOT", "WHEN", "ON"];

/// Tokens that end a condition operand.
const CONDITION_END: [&str; 21] = [
    "AND", "OR", "THEN", "GROUP", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "RETURNING", "HAVING",
    "ON", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "FULL", "NATURAL",
];

/// Integer column types whose DEFAULT PostgreSQL will not take as TRUE/FALSE.
const INTEGER_TYPES: [&str; 8] = ["INTEGER", "INT", "SMALLINT", "BIGINT", "INT2", "INT4", "INT8", "TINYINT"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    check_integer_defaults(ctx, out);
    check_boolean_comparisons(ctx, out);
    for column in ctx.column_definitions() {
        let is_boolean = column
            .data_type
            .clone()
            .any(|i| ctx.is_word(i, "BOOLEAN") || ctx.is_word(i, "BOOL"));
        if !is_boolean {
            continue;
        }
        for i in column.constraints.clone() {
            if !ctx.is_word(i, "DEFAULT") {
                continue;
            }
            let value = if ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen) { i + 2 } else { i + 1 };
            if let Some(number) = integer(ctx, value) {
                report(ctx, out, value, number, "a BOOLEAN column's DEFAULT: PostgreSQL fails with `column … is of type boolean but default expression is of type integer`");
            }
        }
    }
    for i in 1..ctx.tokens.len() {
        let Some(number) = integer(ctx, i) else {
            continue;
        };
        if is_condition_start(ctx, i - 1) && ends_condition(ctx, i + 1) {
            report(ctx, out, i, number, "a condition: PostgreSQL fails with `argument of WHERE must be type boolean, not type integer`");
        }
    }
}

/// `CHECK (flag IN (0, 1))`, `CHECK (flag = 1 OR …)` where the same statement
/// declares `flag` BOOLEAN: PostgreSQL has no `boolean = integer` operator.
fn check_boolean_comparisons(ctx: &StatementCtx, out: &mut Sink) {
    let columns = ctx.column_definitions();
    let booleans: Vec<String> = columns
        .iter()
        .filter(|c| c.data_type.clone().any(|i| ctx.is_word(i, "BOOLEAN") || ctx.is_word(i, "BOOL")))
        .filter_map(|c| match &ctx.tokens[c.name].kind {
            SqlToken::Word(w) => Some(w.value.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    if booleans.is_empty() {
        return;
    }
    let names_boolean = |i: usize| {
        matches!(&ctx.tokens[i].kind, SqlToken::Word(w) if booleans.contains(&w.value.to_ascii_lowercase()))
            && !columns.iter().any(|c| c.name == i)
    };
    for i in 0..ctx.tokens.len().saturating_sub(2) {
        if !names_boolean(i) {
            continue;
        }
        let compared = matches!(ctx.tokens[i + 1].kind, SqlToken::Eq | SqlToken::DoubleEq | SqlToken::Neq);
        let values: Vec<usize> = if compared {
            vec![i + 2]
        } else if ctx.is_word(i + 1, "IN") && ctx.tokens[i + 2].kind == SqlToken::LParen {
            let close = ctx.matching_paren(i + 2).unwrap_or(i + 2);
            (i + 3..close).filter(|&v| ctx.tokens[v].kind != SqlToken::Comma).collect()
        } else {
            continue;
        };
        for value in values {
            if let Some(number) = integer(ctx, value) {
                report(ctx, out, value, number, "a comparison with a BOOLEAN column: PostgreSQL fails with `operator does not exist: boolean = integer`");
            }
        }
    }
}

/// `flag INTEGER DEFAULT FALSE`: the other way round, a boolean for an integer column.
fn check_integer_defaults(ctx: &StatementCtx, out: &mut Sink) {
    for column in ctx.column_definitions() {
        let is_integer = column.data_type.len() == 1 && INTEGER_TYPES.iter().any(|t| ctx.is_word(column.data_type.start, t));
        if !is_integer {
            continue;
        }
        for i in column.constraints.clone() {
            if !ctx.is_word(i, "DEFAULT") {
                continue;
            }
            let value = if ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen) { i + 2 } else { i + 1 };
            let number = if ctx.is_word(value, "TRUE") {
                "1"
            } else if ctx.is_word(value, "FALSE") {
                "0"
            } else {
                continue;
            };
            let span = ctx.tokens[value].span.clone();
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
}

fn report(ctx: &StatementCtx, out: &mut Sink, i: usize, number: &str, place: &str) {
    let span = ctx.tokens[i].span.clone();
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
                span,
                replacement: boolean.into(),
            }],
        });
    }
}

/// The text of token `i` when it is an integer literal.
fn integer<'a>(ctx: &StatementCtx<'a>, i: usize) -> Option<&'a str> {
    let token = ctx.tokens.get(i)?;
    match &token.kind {
        SqlToken::Number(n, _) if n.bytes().all(|b| b.is_ascii_digit()) => Some(ctx.text(&token.span)),
        _ => None,
    }
}

fn is_condition_start(ctx: &StatementCtx, i: usize) -> bool {
    if !CONDITION_START.iter().any(|w| ctx.is_word(i, w)) {
        return false;
    }
    if ctx.is_word(i, "AND") {
        return !ends_between(ctx, i);
    }
    if ctx.is_word(i, "WHEN") {
        return is_searched_case(ctx, i);
    }
    true
}

/// Whether the `AND` at `i` is the one of `x BETWEEN a AND b`.
fn ends_between(ctx: &StatementCtx, and: usize) -> bool {
    let mut depth = 0usize;
    for p in (0..and).rev() {
        match ctx.tokens[p].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => return false,
            SqlToken::LParen => depth -= 1,
            _ if depth == 0 && ctx.is_word(p, "BETWEEN") => return true,
            _ if depth == 0 && CONDITION_START.iter().any(|w| ctx.is_word(p, w)) => return false,
            _ => {}
        }
    }
    false
}

/// Whether the `WHEN` at `i` belongs to `CASE WHEN cond …`, not to `CASE x WHEN value …`.
fn is_searched_case(ctx: &StatementCtx, when: usize) -> bool {
    let mut depth = 0usize;
    for p in (0..when).rev() {
        match ctx.tokens[p].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => return false,
            SqlToken::LParen => depth -= 1,
            _ if depth == 0 && ctx.is_word(p, "CASE") => return ctx.is_word(p + 1, "WHEN"),
            _ => {}
        }
    }
    // A trigger's `WHEN 1 BEGIN`: a condition too.
    true
}

fn ends_condition(ctx: &StatementCtx, i: usize) -> bool {
    match ctx.tokens.get(i).map(|t| &t.kind) {
        None | Some(SqlToken::RParen | SqlToken::SemiColon) => true,
        Some(_) => CONDITION_END.iter().any(|w| ctx.is_word(i, w)) || ctx.is_word(i, "BEGIN"),
    }
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
    }

    #[test]
    fn flags_integer_conditions_only() {
        let sql = "CREATE TABLE m AS SELECT '' AS v, 0 AS t WHERE 0;";
        assert_eq!(fixed(&super::RULE, sql), "CREATE TABLE m AS SELECT '' AS v, 0 AS t WHERE FALSE;");
        let fine = "SELECT CASE s WHEN 1 THEN 'a' END FROM t WHERE a = 1 AND b BETWEEN 0 AND 1 AND c IN (0, 1) LIMIT 1;";
        assert!(flagged(&super::RULE, fine).is_empty());
        let bad = "SELECT CASE WHEN 1 THEN 2 END FROM t JOIN u ON 1 WHERE a = 1 AND 1;";
        assert_eq!(flagged(&super::RULE, bad), ["1", "1", "1"]);
    }
}
