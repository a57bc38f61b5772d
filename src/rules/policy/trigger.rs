//! `CREATE TRIGGER` / `DROP TRIGGER`: the two engines spell triggers
//! differently (SQLite: a `BEGIN … END` body; PostgreSQL: `EXECUTE FUNCTION`
//! and `DROP TRIGGER … ON table`), and the project's policy keeps that logic
//! in the storage code, where one implementation serves both engines.

use sqlparser::keywords::Keyword;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "trigger",
    group: "policy",
    severity: Severity::Error,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "triggers are spelled differently by each engine; keep their logic in the storage code",
    check,
    triggers: &[Keyword::TRIGGER],
    ..Rule::DEFAULT
};

const HELP: &str = "do the trigger's work in the storage code (set `updated_at` in the UPDATE itself, write the audit row in the same transaction)";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(trigger) = trigger_keyword(ctx) else {
        return;
    };
    let name = name_end(ctx, trigger + 1);
    let span = ctx.token_span(0, name);
    let has = |keyword| (trigger..ctx.tokens.len()).any(|i| ctx.keyword(i) == Some(keyword));
    if ctx.keyword(0) == Some(Keyword::DROP) {
        let (message, breaks) = if has(Keyword::ON) {
            ("`DROP TRIGGER … ON table` is PostgreSQL syntax; SQLite rejects the `ON`", Engine::Sqlite)
        } else {
            ("`DROP TRIGGER` without `ON table` is SQLite syntax; PostgreSQL requires the table", Engine::Postgres)
        };
        out.report(span, message, HELP).with_targets(&[breaks]);
    } else if has(Keyword::EXECUTE) {
        out.report(
            span,
            "PostgreSQL trigger: SQLite has no `EXECUTE FUNCTION`; its triggers need a `BEGIN … END` body",
            HELP,
        )
        .with_targets(&[Engine::Sqlite]);
    } else if has(Keyword::BEGIN) {
        out.report(
            span,
            "SQLite trigger: PostgreSQL rejects a `BEGIN … END` body; its triggers call a function",
            HELP,
        )
        .with_targets(&[Engine::Postgres]);
    } else {
        out.report(span, "trigger: each engine needs its own trigger syntax", HELP);
    }
}

/// Index of `TRIGGER` in `CREATE [OR REPLACE] [TEMP] [CONSTRAINT] TRIGGER` or `DROP TRIGGER`.
fn trigger_keyword(ctx: &StatementCtx) -> Option<usize> {
    match ctx.keyword(0)? {
        Keyword::CREATE | Keyword::DROP => {}
        _ => return None,
    }
    for i in 1..ctx.tokens.len().min(6) {
        match ctx.keyword(i)? {
            Keyword::TRIGGER => return Some(i),
            Keyword::OR | Keyword::REPLACE | Keyword::TEMP | Keyword::TEMPORARY | Keyword::CONSTRAINT => {}
            _ => return None,
        }
    }
    None
}

/// Last token of the trigger's (possibly qualified) name after `IF [NOT] EXISTS`.
fn name_end(ctx: &StatementCtx, mut i: usize) -> usize {
    while matches!(ctx.keyword(i), Some(Keyword::IF | Keyword::NOT | Keyword::EXISTS)) {
        i += 1;
    }
    while ctx.tokens.get(i + 1).is_some_and(|t| t.kind == sqlparser::tokenizer::Token::Period) {
        i += 2;
    }
    i.min(ctx.tokens.len() - 1)
}
