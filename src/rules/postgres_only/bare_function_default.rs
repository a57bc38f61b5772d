//! `DEFAULT now()`, `DEFAULT gen_random_uuid()`, `DEFAULT 'a' || 'b'`:
//! PostgreSQL takes any expression after DEFAULT; SQLite takes a literal, a
//! signed number, a name or a parenthesised expression (`DEFAULT (…)`).

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::ConstraintKind;

pub static RULE: Rule = Rule {
    id: "bare-function-default",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DEFAULT now()` and other unparenthesised default expressions: SQLite needs `DEFAULT (expr)`",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::DEFAULT],
    ..Rule::DEFAULT
};

/// Words that end a default expression and start the next column constraint.
fn check(ctx: &StatementCtx, out: &mut Sink) {
    let defaults = ctx
        .column_definitions()
        .iter()
        .flat_map(|column| &column.constraint_list)
        .filter(|c| c.kind == ConstraintKind::Default);
    for default in defaults {
        // The expression: after `DEFAULT`, up to the next constraint.
        let expression = default.tokens.start + 1..default.tokens.end;
        let Some(term_end) = simple_term_end(ctx, expression.start) else {
            continue;
        };
        if term_end >= expression.end {
            continue; // a literal, a name or `( … )`: SQLite's forms
        }
        // `DEFAULT 'x'::text` is `postgres-cast-operator`'s to report.
        if ctx.tokens[term_end].kind == SqlToken::DoubleColon {
            continue;
        }
        report(ctx, out, expression);
    }
}

fn report(ctx: &StatementCtx, out: &mut Sink, expression: Range<usize>) {
    let span = ctx.token_span(expression.start, expression.end - 1);
    let text = ctx.text(&span);
    let is_now = expression.len() == 3 && ctx.is_word(expression.start, "now");
    let fix = if is_now {
        Fix {
            applicability: Applicability::Safe,
            message: "replace `now()` with `CURRENT_TIMESTAMP`".into(),
            edits: vec![Edit {
                span: span.clone(),
                replacement: "CURRENT_TIMESTAMP".into(),
            }],
        }
    } else {
        Fix {
            // PostgreSQL reads `DEFAULT (expr)` exactly as `DEFAULT expr`.
            applicability: Applicability::Safe,
            message: "put the default expression in parentheses".into(),
            edits: vec![Edit {
                span: span.clone(),
                replacement: format!("({text})"),
            }],
        }
    };
    let help = if is_now {
        "write `DEFAULT CURRENT_TIMESTAMP`, which both engines accept".to_string()
    } else {
        format!(
            "write `DEFAULT ({text})`; both engines accept a parenthesised default (the function itself must exist on both)"
        )
    };
    // A default spread over lines is named by its first line.
    let shown = match text.split_once('\n') {
        Some((first, _)) => format!("{}…", first.trim_end()),
        None => text.to_string(),
    };
    out.report(
        span,
        format!("`DEFAULT {shown}`: SQLite accepts only a literal, a name or a parenthesised expression after DEFAULT"),
        help,
    )
    .with_fix(fix);
}

/// The token after one term SQLite accepts after DEFAULT: `-1`, `'x'`,
/// `CURRENT_TIMESTAMP`, a name, `( … )`. `None` when there is no term.
fn simple_term_end(ctx: &StatementCtx, start: usize) -> Option<usize> {
    let mut i = start;
    if matches!(ctx.tokens.get(i)?.kind, SqlToken::Minus | SqlToken::Plus) {
        i += 1;
    }
    match &ctx.tokens.get(i)?.kind {
        SqlToken::LParen => ctx.matching_paren(i).map(|close| close + 1),
        SqlToken::Word(_)
        | SqlToken::Number(..)
        | SqlToken::SingleQuotedString(_)
        | SqlToken::HexStringLiteral(_) => Some(i + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_unparenthesised_expressions() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE t (a TIMESTAMP NOT NULL DEFAULT now(), b uuid DEFAULT gen_random_uuid() PRIMARY KEY, c text DEFAULT 'a' || 'b')"
            ),
            ["now()", "gen_random_uuid()", "'a' || 'b'"]
        );
        assert_eq!(
            flagged(
                &RULE,
                "ALTER TABLE t ADD COLUMN d timestamptz DEFAULT timezone('utc', now()) NOT NULL"
            ),
            ["timezone('utc', now())"]
        );
    }

    #[test]
    fn sqlite_forms_stay_silent() {
        assert!(flagged(
            &RULE,
            "CREATE TABLE t (a int DEFAULT -1, b text DEFAULT 'now()', c timestamp DEFAULT CURRENT_TIMESTAMP, d int DEFAULT (abs(-1)), e bool DEFAULT true)"
        )
        .is_empty());
        assert!(flagged(&RULE, "INSERT INTO t VALUES (DEFAULT, now())").is_empty());
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY, b int)"
            )
            .is_empty()
        );
        assert!(flagged(&RULE, "CREATE TABLE t (a text DEFAULT 'x'::text)").is_empty());
    }

    #[test]
    fn fixes_now_and_parenthesises_the_rest() {
        assert_eq!(
            fixed(
                &RULE,
                "CREATE TABLE t (a timestamp DEFAULT now() NOT NULL, b uuid DEFAULT gen_random_uuid())"
            ),
            "CREATE TABLE t (a timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL, b uuid DEFAULT (gen_random_uuid()))"
        );
    }
}
