//! `?1`, `?2`…: SQLite's numbered parameters. PostgreSQL reads `?` as an
//! operator and rejects the statement; `$1` is its spelling.

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "numbered-placeholder",
    group: "policy",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`?1` numbered parameters: PostgreSQL only binds `$1`",
    fix: FixAvailability::Unsafe,
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for token in ctx.tokens {
        let SqlToken::Placeholder(placeholder) = &token.kind else {
            continue;
        };
        let Some(number) = placeholder.strip_prefix('?') else {
            continue;
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.report(
            token.span.clone(),
            format!("`{placeholder}` is a SQLite numbered parameter; PostgreSQL rejects `?`"),
            format!("write `${number}`: PostgreSQL numbers parameters `$1`, `$2`…, and SQLite accepts the same spelling"),
        )
        .with_fix(Fix {
            // SQLite treats `$1` as a *named* parameter numbered by first
            // appearance, so `?2 … ?1` would swap its arguments there.
            applicability: Applicability::Unsafe,
            message: format!("replace `{placeholder}` with `${number}`"),
            edits: vec![Edit {
                span: token.span.clone(),
                replacement: format!("${number}"),
            }],
        });
    }
}
