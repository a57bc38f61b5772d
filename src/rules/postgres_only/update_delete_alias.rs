//! `UPDATE t x SET …`, `DELETE FROM t x WHERE …`: a table alias without
//! `AS`. PostgreSQL accepts it; SQLite accepts an alias in UPDATE and DELETE
//! only with the `AS` keyword.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "update-delete-alias",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`UPDATE t x SET` / `DELETE FROM t x`: SQLite needs `AS` before an alias there",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::UPDATE, Keyword::DELETE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = target_table(ctx) else {
        return;
    };
    let mut alias = table + 1;
    while ctx.tokens.get(alias).is_some_and(|t| t.kind == SqlToken::Period) {
        alias += 2;
    }
    let Some(SqlToken::Word(word)) = ctx.tokens.get(alias).map(|t| &t.kind) else {
        return;
    };
    // A keyword there is the next clause (`SET`, `WHERE`, `AS`, `INDEXED`…).
    if word.quote_style.is_none() && word.keyword != Keyword::NoKeyword {
        return;
    }
    let span = ctx.tokens[alias].span.clone();
    out.report(
        span.clone(),
        format!("alias `{}` without `AS`: SQLite accepts an UPDATE/DELETE alias only after `AS`", ctx.text(&span)),
        "write `AS` before the alias, which both engines accept",
    )
    .with_fix(Fix {
        // Checked on SQLite 3.40; when SQLite's grammar gained `AS` aliases on
        // UPDATE/DELETE targets is not verified for every targeted version.
        applicability: Applicability::Unsafe,
        message: "insert `AS` before the alias".into(),
        edits: vec![Edit { span: span.start..span.start, replacement: "AS ".into() }],
    });
}

/// Index of the target table's first name token of `UPDATE [OR …] [ONLY] t`
/// or `DELETE FROM [ONLY] t`, after an optional `WITH … ` prefix.
fn target_table(ctx: &StatementCtx) -> Option<usize> {
    let verb = main_verb(ctx)?;
    let mut i = if ctx.is_word(verb, "UPDATE") {
        let mut i = verb + 1;
        if ctx.is_word(i, "OR") {
            i += 2;
        }
        i
    } else if ctx.words_at(verb, &["DELETE", "FROM"]) {
        verb + 2
    } else {
        return None;
    };
    if ctx.is_word(i, "ONLY") {
        i += 1;
    }
    matches!(ctx.tokens.get(i)?.kind, SqlToken::Word(_)).then_some(i)
}

/// The verb a statement opens with, after a `WITH` clause: `None` unless it
/// is UPDATE or DELETE (an INSERT's `ON CONFLICT DO UPDATE` is not one).
fn main_verb(ctx: &StatementCtx) -> Option<usize> {
    if !ctx.is_word(0, "WITH") {
        return (ctx.is_word(0, "UPDATE") || ctx.is_word(0, "DELETE")).then_some(0);
    }
    let mut depth = 0usize;
    for (i, token) in ctx.tokens.iter().enumerate() {
        match token.kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && ["SELECT", "INSERT", "UPDATE", "DELETE", "VALUES"].iter().any(|w| ctx.is_word(i, w)) => {
                return (ctx.is_word(i, "UPDATE") || ctx.is_word(i, "DELETE")).then_some(i);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_aliases_without_as() {
        assert_eq!(
            flagged(&RULE, "DELETE FROM api_tokens a USING api_tokens b WHERE a.id > b.id; UPDATE s.post p SET x = 1; WITH c AS (SELECT 1) UPDATE t u SET a = 2"),
            ["a", "p", "u"]
        );
        assert_eq!(fixed(&RULE, "UPDATE post p SET x = 1"), "UPDATE post AS p SET x = 1");
    }

    #[test]
    fn as_aliases_and_plain_statements_stay_silent() {
        assert!(flagged(&RULE, "WITH q AS (SELECT 1) INSERT INTO t (a) SELECT 1 FROM q ON CONFLICT (a) DO UPDATE SET \"b\" = 1").is_empty());
        assert!(flagged(&RULE, "CREATE TRIGGER t AFTER UPDATE ON post FOR EACH ROW EXECUTE FUNCTION f()").is_empty());
        assert!(flagged(&RULE, "UPDATE t AS p SET x = 1; UPDATE t SET x = 1; DELETE FROM t WHERE a = 1; DELETE FROM t; UPDATE OR IGNORE t SET a = 1").is_empty());
    }
}
