//! PostgreSQL-only parts of `CREATE INDEX`: operator classes
//! (`(name text_pattern_ops)`), storage parameters `WITH (…)` and
//! `TABLESPACE`. SQLite rejects them. (`USING method` and `INCLUDE` have
//! their own rules.)

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-index-option",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "index operator classes (`text_pattern_ops`), `WITH (…)` and `TABLESPACE` on CREATE INDEX: SQLite rejects them",
    check,
    triggers: &[Keyword::INDEX],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.creates("INDEX") else {
        return;
    };
    let Some(open) = (kind..ctx.tokens.len()).find(|&i| ctx.tokens[i].kind == SqlToken::LParen) else {
        return;
    };
    let close = ctx.matching_paren(open).unwrap_or(ctx.tokens.len() - 1);
    for key in ctx.split_top_level(open + 1..close) {
        // `expr opclass [ASC|DESC]`: an unquoted word ending in `_ops`.
        if let Some(class) = key.clone().find(|&i| ctx.tokens[i].span.start > ctx.tokens[key.start].span.start && is_operator_class(ctx, i)) {
            let span = ctx.tokens[class].span.clone();
            out.report(
                span.clone(),
                format!("operator class `{}` is PostgreSQL-only; SQLite rejects it in an index", ctx.text(&span)),
                "leave the operator class out where both engines need the index; a pattern-matching index for PostgreSQL belongs in a PostgreSQL-only migration",
            );
        }
    }
    for i in close + 1..ctx.tokens.len() {
        let with_parameters = ctx.is_word(i, "WITH") && ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen);
        if !(with_parameters || ctx.is_word(i, "TABLESPACE")) {
            continue;
        }
        let end = if with_parameters { ctx.matching_paren(i + 1).unwrap_or(i) } else { (i + 1).min(ctx.tokens.len() - 1) };
        out.report(
            ctx.token_span(i, end),
            format!("`{}` is a PostgreSQL index option; SQLite rejects it", ctx.text(&ctx.tokens[i].span)),
            "leave storage options out of portable migrations",
        );
    }
}

fn is_operator_class(ctx: &StatementCtx, i: usize) -> bool {
    matches!(&ctx.tokens[i].kind, SqlToken::Word(w) if w.quote_style.is_none() && w.value.to_ascii_lowercase().ends_with("_ops"))
        && i > 0
        && !matches!(ctx.tokens[i - 1].kind, SqlToken::Period | SqlToken::LParen | SqlToken::Comma)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_opclasses_and_storage_options() {
        assert_eq!(
            flagged(&RULE, "CREATE INDEX i ON t (name text_pattern_ops, lower(b) varchar_pattern_ops DESC) WITH (fillfactor = 70) TABLESPACE fast"),
            ["text_pattern_ops", "varchar_pattern_ops", "WITH (fillfactor = 70)", "TABLESPACE fast"]
        );
        assert!(flagged(&RULE, "CREATE INDEX i ON t (my_ops, b DESC) WHERE a_ops > 1").is_empty());
    }
}
