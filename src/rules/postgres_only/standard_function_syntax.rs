//! `EXTRACT(f FROM x)`, `SUBSTRING(x FROM a FOR b)`, `POSITION(a IN b)`,
//! `TRIM(BOTH c FROM x)`, `OVERLAY(x PLACING y FROM a)`: the SQL standard's
//! keyword-separated arguments. SQLite knows only comma-separated ones.

use sqlparser::keywords::Keyword;
use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "standard-function-syntax",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`EXTRACT(… FROM …)`, `SUBSTRING(… FROM …)`, `POSITION(… IN …)`: SQLite takes only comma-separated arguments",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::EXTRACT, Keyword::SUBSTRING, Keyword::POSITION, Keyword::TRIM, Keyword::OVERLAY],
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
        if ctx.tokens.get(i + 1).is_none_or(|t| t.kind != SqlToken::LParen) {
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
            format!("`{name}(…)` with keyword-separated arguments is SQL-standard syntax SQLite rejects"),
            help(name),
        );
        if name == "SUBSTRING" && substring_fixable(ctx, &separators) {
            diagnostic.with_fix(substring_fix(ctx, i, &separators));
        }
    }
}

fn help(name: &str) -> &'static str {
    match name {
        "SUBSTRING" => "write `substr(x, start, length)`, which both engines have",
        "TRIM" => "write `trim(x, chars)`, `ltrim(x, chars)` or `rtrim(x, chars)`, which both engines have",
        "POSITION" => "compare with LIKE, or find the position in the storage code (SQLite's `instr(x, y)` is PostgreSQL's `strpos(x, y)`)",
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

fn substring_fix(ctx: &StatementCtx, name: usize, separators: &[usize]) -> Fix {
    let mut edits = vec![Edit { span: ctx.tokens[name].span.clone(), replacement: "substr".into() }];
    for &s in separators {
        // `x FROM a` → `x, a`: the comma sticks to the left operand.
        let previous_end = ctx.tokens[s - 1].span.end;
        edits.push(Edit { span: previous_end..ctx.tokens[s].span.end, replacement: ",".into() });
    }
    Fix {
        applicability: Applicability::Safe,
        message: "rewrite as `substr(x, start[, length])`".into(),
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
            flagged(&RULE, "UPDATE a SET path = SUBSTRING(path FROM POSITION('/d/' IN path) - 36) WHERE extract(epoch from t) > 0"),
            ["SUBSTRING(path FROM POSITION('/d/' IN path) - 36)", "POSITION('/d/' IN path)", "extract(epoch from t)"]
        );
        assert!(flagged(&RULE, "SELECT substring(a, 1, 2), trim(a), 'EXTRACT(x FROM y)' FROM t").is_empty());
    }

    #[test]
    fn rewrites_substring() {
        assert_eq!(
            fixed(&RULE, "SELECT SUBSTRING(name FROM 2 FOR 3), substring(x from 1) FROM t"),
            "SELECT substr(name, 2, 3), substr(x, 1) FROM t"
        );
    }
}
