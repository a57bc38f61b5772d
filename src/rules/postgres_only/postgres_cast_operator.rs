//! `x::type`: PostgreSQL's cast operator. SQLite does not know `::` and
//! rejects the statement (`unrecognized token: ":"`); `CAST(x AS type)` is
//! the standard spelling both engines read.

use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
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

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for cast in &ctx.model().cast_operators {
        let diagnostic = out.report(
            cast.span.clone(),
            "`::` is PostgreSQL's cast operator; SQLite rejects it",
            "write `CAST(x AS type)`, which both engines read",
        );
        if let (Some(operand), Some(data_type)) = (&cast.operand, &cast.data_type)
            && !cast.chained
        {
            diagnostic.with_fix(cast_fix(ctx, operand, data_type));
        }
    }
}

fn cast_fix(ctx: &StatementCtx, operand: &Range<usize>, data_type: &Range<usize>) -> Fix {
    Fix {
        // `::` binds tighter than every other operator, so the CAST keeps the
        // grouping; PostgreSQL reads both spellings the same.
        applicability: Applicability::Safe,
        message: "rewrite as `CAST(… AS …)`".into(),
        edits: vec![Edit {
            span: operand.start..data_type.end,
            replacement: format!("CAST({} AS {})", ctx.text(operand), ctx.text(data_type)),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_the_whole_cast() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT a.b::int, 'x'::character varying(10), f(x)::text, (a + 1)::bigint FROM a"
            ),
            [
                "a.b::int",
                "'x'::character varying(10)",
                "f(x)::text",
                "(a + 1)::bigint"
            ]
        );
    }

    #[test]
    fn rewrites_as_cast() {
        assert_eq!(
            fixed(
                &RULE,
                "SELECT a.b::int, x::timestamp with time zone, coalesce(y, 0)::text, - (a + 1)::int, 'x'::text FROM t"
            ),
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
