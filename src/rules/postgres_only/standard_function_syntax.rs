//! `EXTRACT(f FROM x)`, `SUBSTRING(x FROM a FOR b)`, `POSITION(a IN b)`,
//! `TRIM(BOTH c FROM x)`, `OVERLAY(x PLACING y FROM a)`: the SQL standard's
//! keyword-separated arguments. SQLite knows only comma-separated ones.

use sqlparser::keywords::Keyword;
use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "standard-function-syntax",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`EXTRACT(… FROM …)`, `SUBSTRING(… FROM …)`, `POSITION(… IN …)`: SQLite takes only comma-separated arguments",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[
        Keyword::EXTRACT,
        Keyword::SUBSTRING,
        Keyword::POSITION,
        Keyword::TRIM,
        Keyword::OVERLAY,
    ],
    ..Rule::DEFAULT
};

const SEPARATORS: [&str; 4] = ["FROM", "IN", "FOR", "PLACING"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 0..ctx.tokens.len() {
        let name = ["EXTRACT", "SUBSTRING", "POSITION", "TRIM", "OVERLAY"]
            .into_iter()
            .find(|n| ctx.is_word(i, n));
        let Some(name) = name else {
            continue;
        };
        if ctx
            .tokens
            .get(i + 1)
            .is_none_or(|t| t.kind != SqlToken::LParen)
        {
            continue;
        }
        let Some(close) = ctx.matching_paren(i + 1) else {
            continue;
        };
        let separators = top_level_separators(ctx, i + 2..close);
        // SQLite has no EXTRACT, OVERLAY or POSITION at all.
        if separators.is_empty() && name == "SUBSTRING" || separators.is_empty() && name == "TRIM" {
            continue;
        }
        let diagnostic = out.report(
            ctx.token_span(i, close),
            format!(
                "`{name}(…)` with keyword-separated arguments is SQL-standard syntax SQLite rejects"
            ),
            help(name),
        );
        if name == "SUBSTRING"
            && substring_fixable(ctx, &separators)
            && let Some(applicability) = substring_applicability(ctx, &separators, close)
        {
            diagnostic.with_fix(substring_fix(ctx, i, &separators, applicability));
        }
    }
}

fn help(name: &str) -> &'static str {
    match name {
        "SUBSTRING" => "write `substr(x, start, length)`, which both engines have",
        "TRIM" => {
            "write `trim(x, chars)`, `ltrim(x, chars)` or `rtrim(x, chars)`, which both engines have"
        }
        "POSITION" => {
            "compare with LIKE, or find the position in the storage code (SQLite's `instr(x, y)` is PostgreSQL's `strpos(x, y)`)"
        }
        _ => "compute the part of the date in the storage code, or store it in its own column",
    }
}

/// Indices of `FROM`/`IN`/`FOR`/`PLACING` directly inside the call's parentheses.
fn top_level_separators(ctx: &StatementCtx, range: Range<usize>) -> Vec<usize> {
    let mut depth = 0usize;
    let mut found = Vec::new();
    for i in range {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && SEPARATORS.iter().any(|s| ctx.is_word(i, s)) => found.push(i),
            _ => {}
        }
    }
    found
}

/// `SUBSTRING(x FROM a)` or `SUBSTRING(x FROM a FOR b)`.
fn substring_fixable(ctx: &StatementCtx, separators: &[usize]) -> bool {
    match separators {
        [from] => ctx.is_word(*from, "FROM"),
        [from, r#for] => ctx.is_word(*from, "FROM") && ctx.is_word(*r#for, "FOR"),
        _ => false,
    }
}

/// PostgreSQL reads `SUBSTRING(x FROM a)` as a position when `a` is a
/// number and as a regular expression when it is text (`FROM a FOR b`: a
/// SQL regular expression with escape `b`). Numbers and arithmetic on them:
/// a position (safe); a string at the top of an operand: a pattern (no
/// fix); anything else (a column, a parameter, a call) depends on its type
/// (unsafe).
fn substring_applicability(
    ctx: &StatementCtx,
    separators: &[usize],
    close: usize,
) -> Option<Applicability> {
    let mut operands = Vec::new();
    for (k, &s) in separators.iter().enumerate() {
        let end = separators.get(k + 1).copied().unwrap_or(close);
        operands.push(s + 1..end);
    }
    let mut applicability = Applicability::Safe;
    for operand in operands {
        let mut depth = 0usize;
        for i in operand {
            match &ctx.tokens[i].kind {
                SqlToken::LParen => depth += 1,
                SqlToken::RParen => depth = depth.saturating_sub(1),
                SqlToken::Number(..)
                | SqlToken::Plus
                | SqlToken::Minus
                | SqlToken::Mul
                | SqlToken::Div => {}
                SqlToken::SingleQuotedString(_)
                | SqlToken::EscapedStringLiteral(_)
                | SqlToken::NationalStringLiteral(_)
                | SqlToken::DollarQuotedString(_)
                | SqlToken::StringConcat
                    if depth == 0 =>
                {
                    return None;
                }
                _ => applicability = Applicability::Unsafe,
            }
        }
    }
    Some(applicability)
}

fn substring_fix(
    ctx: &StatementCtx,
    name: usize,
    separators: &[usize],
    applicability: Applicability,
) -> Fix {
    let mut edits = vec![Edit {
        span: ctx.tokens[name].span.clone(),
        replacement: "substr".into(),
    }];
    for &s in separators {
        // `x FROM a` → `x, a`: the comma sticks to the left operand.
        let previous_end = ctx.tokens[s - 1].span.end;
        edits.push(Edit {
            span: previous_end..ctx.tokens[s].span.end,
            replacement: ",".into(),
        });
    }
    let message = match applicability {
        Applicability::Safe => "rewrite as `substr(x, start[, length])`",
        Applicability::Unsafe => {
            "rewrite as `substr(x, start[, length])` (if the operands are numbers, not a pattern)"
        }
    };
    Fix {
        applicability,
        message: message.into(),
        edits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_keyword_arguments() {
        assert_eq!(
            flagged(
                &RULE,
                "UPDATE a SET path = SUBSTRING(path FROM POSITION('/d/' IN path) - 36) WHERE extract(epoch from t) > 0"
            ),
            [
                "SUBSTRING(path FROM POSITION('/d/' IN path) - 36)",
                "POSITION('/d/' IN path)",
                "extract(epoch from t)"
            ]
        );
        assert!(
            flagged(
                &RULE,
                "SELECT substring(a, 1, 2), trim(a), 'EXTRACT(x FROM y)' FROM t"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_text_operand_is_a_pattern_and_an_unknown_one_is_unsafe() {
        let fix_of = |sql: &str| -> Option<Applicability> {
            crate::testing::lint_rule(&RULE, sql).diagnostics[0]
                .fix
                .as_ref()
                .map(|f| f.applicability)
        };
        assert_eq!(
            fix_of("SELECT substring(name from '[^/.]\\.([a-z0-9]+)$') FROM t"),
            None
        );
        assert_eq!(
            fix_of("SELECT substring(name from '%#\"o_b#\"%' for '#') FROM t"),
            None
        );
        assert_eq!(fix_of("SELECT substring(name from 'a' || x) FROM t"), None);
        assert_eq!(
            fix_of("SELECT substring(name from start_at) FROM t"),
            Some(Applicability::Unsafe)
        );
        assert_eq!(
            fix_of("SELECT substring(p FROM POSITION('/' IN p) + 1) FROM t"),
            Some(Applicability::Unsafe)
        );
        assert_eq!(
            fix_of("SELECT substring(name from (2 + 1) * 2 for 3) FROM t"),
            Some(Applicability::Safe)
        );
    }

    #[test]
    fn rewrites_substring() {
        assert_eq!(
            fixed(
                &RULE,
                "SELECT SUBSTRING(name FROM 2 FOR 3), substring(x from 1) FROM t"
            ),
            "SELECT substr(name, 2, 3), substr(x, 1) FROM t"
        );
    }
}
