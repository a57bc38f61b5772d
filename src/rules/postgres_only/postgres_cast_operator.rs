//! `x::type`: PostgreSQL's cast operator. SQLite does not know `::` and
//! rejects the statement (`unrecognized token: ":"`); `CAST(x AS type)` is
//! the standard spelling both engines read.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-cast-operator",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`x::type` casts: SQLite only knows `CAST(x AS type)`",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

/// Words that can continue a type name after its first word.
const TYPE_CONTINUATION: [&str; 5] = ["WITH", "WITHOUT", "PRECISION", "VARYING", "TIME"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        if token.kind != SqlToken::DoubleColon {
            continue;
        }
        let operand = operand_start(ctx, i);
        let type_end = type_end(ctx, i + 1);
        let first = operand.unwrap_or(i);
        let span = ctx.token_span(first, type_end.unwrap_or(i).min(ctx.tokens.len() - 1));
        let chained = |j: usize| ctx.tokens.get(j).is_some_and(|t| t.kind == SqlToken::DoubleColon);
        let diagnostic = out.report(
            span,
            "`::` is PostgreSQL's cast operator; SQLite rejects it",
            "write `CAST(x AS type)`, which both engines read",
        );
        if let (Some(operand), Some(type_end)) = (operand, type_end)
            && !chained(type_end + 1)
            && !(operand > 0 && chained(operand - 1))
        {
            diagnostic.with_fix(cast_fix(ctx, operand..i, i + 1..type_end + 1));
        }
    }
}

fn cast_fix(ctx: &StatementCtx, operand: Range<usize>, data_type: Range<usize>) -> Fix {
    let text = |r: &Range<usize>| ctx.text(&ctx.token_span(r.start, r.end - 1));
    Fix {
        // `::` binds tighter than every other operator, so the CAST keeps the
        // grouping; PostgreSQL reads both spellings the same.
        applicability: Applicability::Safe,
        message: "rewrite as `CAST(… AS …)`".into(),
        edits: vec![Edit {
            span: ctx.token_span(operand.start, data_type.end - 1),
            replacement: format!("CAST({} AS {})", text(&operand), text(&data_type)),
        }],
    }
}

/// First token of the operand ending right before the `::` at `colons`:
/// a literal, a (qualified) name, a call `f(…)` or a parenthesised group.
fn operand_start(ctx: &StatementCtx, colons: usize) -> Option<usize> {
    let last = colons.checked_sub(1)?;
    let before = |i: usize| i.checked_sub(1).map(|p| &ctx.tokens[p].kind);
    match &ctx.tokens[last].kind {
        SqlToken::RParen => {
            let open = ctx.opening_paren(last)?;
            match before(open) {
                Some(SqlToken::Word(w)) if is_function_name(w) => Some(name_start(ctx, open - 1)),
                // `EXISTS (…)::int`, `IN (…)::int`: the group belongs to the keyword.
                Some(SqlToken::Word(w)) if w.quote_style.is_none() && GROUP_OWNERS.contains(&w.keyword) => None,
                _ => Some(open),
            }
        }
        // `CASE … END::int`: the operand is the whole CASE.
        SqlToken::Word(w) if w.quote_style.is_none() && w.keyword == Keyword::END => None,
        SqlToken::Word(_) => Some(name_start(ctx, last)),
        // `interval '1 day'::text`: the string is part of a typed literal.
        SqlToken::SingleQuotedString(_) if matches!(before(last), Some(SqlToken::Word(w)) if is_function_name(w)) => None,
        SqlToken::SingleQuotedString(_) | SqlToken::Number(..) | SqlToken::Placeholder(_) => Some(last),
        _ => None,
    }
}

/// Keywords whose parenthesised group is not an operand of its own.
const GROUP_OWNERS: [Keyword; 7] =
    [Keyword::EXISTS, Keyword::ANY, Keyword::ALL, Keyword::SOME, Keyword::ARRAY, Keyword::IN, Keyword::VALUES];

/// A word before `(` that names a function rather than introducing a group
/// (`IN (…)`, `VALUES (…)`, `AND (…)`).
fn is_function_name(word: &sqlparser::tokenizer::Word) -> bool {
    word.quote_style.is_some()
        || !matches!(
            word.keyword,
            Keyword::IN
                | Keyword::VALUES
                | Keyword::AND
                | Keyword::OR
                | Keyword::NOT
                | Keyword::SELECT
                | Keyword::WHERE
                | Keyword::ON
                | Keyword::THEN
                | Keyword::ELSE
                | Keyword::WHEN
                | Keyword::AS
                | Keyword::BY
                | Keyword::FROM
                | Keyword::SET
                | Keyword::RETURNING
                | Keyword::IS
                | Keyword::LIKE
                | Keyword::ILIKE
                | Keyword::BETWEEN
                | Keyword::DEFAULT
                | Keyword::USING
                | Keyword::CHECK
                | Keyword::EXISTS
                | Keyword::ANY
                | Keyword::ALL
                | Keyword::DISTINCT
                | Keyword::CASE
                | Keyword::END
                | Keyword::JOIN
                | Keyword::INTO
                | Keyword::TABLE
                | Keyword::ARRAY
        )
}

/// The first token of a dotted name ending at `last` (`s.t.c`).
fn name_start(ctx: &StatementCtx, mut last: usize) -> usize {
    while last >= 2
        && ctx.tokens[last - 1].kind == SqlToken::Period
        && matches!(ctx.tokens[last - 2].kind, SqlToken::Word(_))
    {
        last -= 2;
    }
    last
}

/// Last token of the type name starting at `start` (`character varying(255)`,
/// `timestamp with time zone`); `None` for array types and anything unusual.
fn type_end(ctx: &StatementCtx, start: usize) -> Option<usize> {
    let SqlToken::Word(_) = ctx.tokens.get(start)?.kind else {
        return None;
    };
    let mut end = start;
    while TYPE_CONTINUATION.iter().any(|w| ctx.is_word(end + 1, w)) {
        end += 1;
        if ctx.is_word(end, "WITH") || ctx.is_word(end, "WITHOUT") {
            if !ctx.words_at(end + 1, &["TIME", "ZONE"]) {
                return None;
            }
            end += 2;
        }
    }
    if ctx.tokens.get(end + 1).is_some_and(|t| t.kind == SqlToken::LParen) {
        end = ctx.matching_paren(end + 1)?;
    }
    // `text[]`: SQLite's tokenizer reads `[]` as a bracket-quoted name.
    let array = ctx.tokens.get(end + 1).is_some_and(|t| {
        matches!(&t.kind, SqlToken::LBracket) || matches!(&t.kind, SqlToken::Word(w) if w.quote_style == Some('['))
    });
    (!array).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_the_whole_cast() {
        assert_eq!(
            flagged(&RULE, "SELECT a.b::int, 'x'::character varying(10), f(x)::text, (a + 1)::bigint FROM a"),
            ["a.b::int", "'x'::character varying(10)", "f(x)::text", "(a + 1)::bigint"]
        );
    }

    #[test]
    fn rewrites_as_cast() {
        assert_eq!(
            fixed(&RULE, "SELECT a.b::int, x::timestamp with time zone, coalesce(y, 0)::text, - (a + 1)::int, 'x'::text FROM t"),
            "SELECT CAST(a.b AS int), CAST(x AS timestamp with time zone), CAST(coalesce(y, 0) AS text), - CAST((a + 1) AS int), CAST('x' AS text) FROM t"
        );
    }

    #[test]
    fn operands_that_are_not_one_term_get_no_fix() {
        let sql = "SELECT CASE WHEN a THEN 1 END::text, interval '1 day'::text, EXISTS (SELECT 1)::int FROM t";
        assert_eq!(flagged(&RULE, sql).len(), 3);
        assert_eq!(fixed(&RULE, sql), sql);
    }

    #[test]
    fn chains_and_arrays_are_flagged_without_a_fix() {
        let sql = "SELECT a::text::int, '{}'::text[] FROM t";
        assert_eq!(flagged(&RULE, sql).len(), 3);
        assert_eq!(fixed(&RULE, sql), sql);
    }

    #[test]
    fn strings_comments_and_dollar_bodies_stay_silent() {
        assert!(flagged(&RULE, "SELECT 'a::int' -- b::int\n; CREATE FUNCTION f() RETURNS int AS $$ SELECT 1::int $$ LANGUAGE sql").is_empty());
    }
}
