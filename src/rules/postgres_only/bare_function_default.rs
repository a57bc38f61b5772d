//! `DEFAULT now()`, `DEFAULT gen_random_uuid()`, `DEFAULT 'a' || 'b'`:
//! PostgreSQL takes any expression after DEFAULT; SQLite takes a literal, a
//! signed number, a name or a parenthesised expression (`DEFAULT (…)`).

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "bare-function-default",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DEFAULT now()` and other unparenthesised default expressions: SQLite needs `DEFAULT (expr)`",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

/// Words that end a default expression and start the next column constraint.
const CONSTRAINT_START: [Keyword; 10] = [
    Keyword::NOT,
    Keyword::NULL,
    Keyword::PRIMARY,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::REFERENCES,
    Keyword::CONSTRAINT,
    Keyword::COLLATE,
    Keyword::GENERATED,
    Keyword::ON,
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for column in ctx.column_definitions() {
        let constraints = column.constraints;
        let Some(default) = constraints.clone().find(|&i| ctx.keyword(i) == Some(Keyword::DEFAULT)) else {
            continue;
        };
        let expression = expression_end(ctx, default + 1, constraints.end);
        let Some(term_end) = simple_term_end(ctx, default + 1) else {
            continue;
        };
        if term_end >= expression.end {
            continue; // a literal, a name or `( … )`: SQLite's forms
        }
        // `DEFAULT 'x'::text` is `postgres-cast-operator`'s to report.
        if ctx.tokens[term_end].kind == SqlToken::DoubleColon {
            continue;
        }
        report(ctx, out, default + 1..expression.end);
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
            edits: vec![Edit { span: span.clone(), replacement: "CURRENT_TIMESTAMP".into() }],
        }
    } else {
        Fix {
            // PostgreSQL reads `DEFAULT (expr)` exactly as `DEFAULT expr`.
            applicability: Applicability::Safe,
            message: "put the default expression in parentheses".into(),
            edits: vec![Edit { span: span.clone(), replacement: format!("({text})") }],
        }
    };
    let help = if is_now {
        "write `DEFAULT CURRENT_TIMESTAMP`, which both engines accept".to_string()
    } else {
        format!("write `DEFAULT ({text})`; both engines accept a parenthesised default (the function itself must exist on both)")
    };
    out.report(
        span,
        format!("`DEFAULT {text}`: SQLite accepts only a literal, a name or a parenthesised expression after DEFAULT"),
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
        SqlToken::Word(_) | SqlToken::Number(..) | SqlToken::SingleQuotedString(_) | SqlToken::HexStringLiteral(_) => {
            Some(i + 1)
        }
        _ => None,
    }
}

/// Default expression tokens from `start`: up to the next column constraint or the column's end.
fn expression_end(ctx: &StatementCtx, start: usize, end: usize) -> Range<usize> {
    let mut depth = 0usize;
    for i in start..end {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && i > start && ctx.keyword(i).is_some_and(|k| CONSTRAINT_START.contains(&k)) => {
                return start..i;
            }
            _ => {}
        }
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_unparenthesised_expressions() {
        assert_eq!(
            flagged(&RULE, "CREATE TABLE t (a TIMESTAMP NOT NULL DEFAULT now(), b uuid DEFAULT gen_random_uuid() PRIMARY KEY, c text DEFAULT 'a' || 'b')"),
            ["now()", "gen_random_uuid()", "'a' || 'b'"]
        );
        assert_eq!(flagged(&RULE, "ALTER TABLE t ADD COLUMN d timestamptz DEFAULT timezone('utc', now()) NOT NULL"), ["timezone('utc', now())"]);
    }

    #[test]
    fn sqlite_forms_stay_silent() {
        assert!(flagged(
            &RULE,
            "CREATE TABLE t (a int DEFAULT -1, b text DEFAULT 'now()', c timestamp DEFAULT CURRENT_TIMESTAMP, d int DEFAULT (abs(-1)), e bool DEFAULT true)"
        )
        .is_empty());
        assert!(flagged(&RULE, "INSERT INTO t VALUES (DEFAULT, now())").is_empty());
        assert!(flagged(&RULE, "CREATE TABLE t (a text DEFAULT 'x'::text)").is_empty());
    }

    #[test]
    fn fixes_now_and_parenthesises_the_rest() {
        assert_eq!(
            fixed(&RULE, "CREATE TABLE t (a timestamp DEFAULT now() NOT NULL, b uuid DEFAULT gen_random_uuid())"),
            "CREATE TABLE t (a timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL, b uuid DEFAULT (gen_random_uuid()))"
        );
    }
}
