//! `INSERT OR IGNORE`, `INSERT OR REPLACE`, `UPDATE OR …`: SQLite's statement
//! conflict clauses. PostgreSQL rejects the `OR`; both engines run
//! `INSERT … ON CONFLICT`.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "insert-or-conflict",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`INSERT OR IGNORE/REPLACE`, `UPDATE OR …` are SQLite-only; use `ON CONFLICT`",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::OR],
    ..Rule::DEFAULT
};

const RESOLUTIONS: [&str; 5] = ["IGNORE", "REPLACE", "ABORT", "FAIL", "ROLLBACK"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let verb = match ctx.bare_word(0) {
        Some(v) if v.eq_ignore_ascii_case("INSERT") || v.eq_ignore_ascii_case("UPDATE") => v,
        _ => return,
    };
    let Some(resolution) = ctx.bare_word(2).filter(|_| ctx.is_word(1, "OR")) else {
        return;
    };
    let resolution = resolution.to_ascii_uppercase();
    if !RESOLUTIONS.contains(&resolution.as_str()) {
        return;
    }
    let help = match resolution.as_str() {
        "IGNORE" => "write `INSERT INTO … ON CONFLICT DO NOTHING` (both engines; SQLite since 3.24); it skips rows that \
                     break a unique key, not rows that break NOT NULL or CHECK as OR IGNORE also does",
        "REPLACE" => "write `INSERT INTO … ON CONFLICT (key) DO UPDATE SET col = excluded.col` (both engines; SQLite \
                      since 3.24); OR REPLACE deletes the old row, so unset columns went back to their defaults",
        _ => "drop the conflict clause: PostgreSQL aborts the statement on a conflict, as SQLite's default does",
    };
    let diagnostic = out.report(
        ctx.token_span(0, 2),
        format!("`{} OR {resolution}` is SQLite-only; PostgreSQL rejects it as a syntax error", verb.to_ascii_uppercase()),
        help,
    );
    if let Some(fix) = on_conflict_do_nothing(ctx, &resolution) {
        diagnostic.with_fix(fix);
    }
}

/// `INSERT OR IGNORE INTO t … VALUES (…)` → `INSERT INTO t … VALUES (…) ON CONFLICT DO NOTHING`,
/// only for the plain VALUES form (a SELECT would need SQLite's `WHERE true` to parse).
fn on_conflict_do_nothing(ctx: &StatementCtx, resolution: &str) -> Option<Fix> {
    if resolution != "IGNORE" || !ctx.is_word(0, "INSERT") {
        return None;
    }
    let has = |word| (3..ctx.tokens.len()).any(|i| ctx.is_word(i, word));
    if !has("VALUES") || has("SELECT") || has("ON") || has("RETURNING") {
        return None;
    }
    let last = ctx.tokens.iter().rposition(|t| t.kind != SqlToken::SemiColon)?;
    Some(Fix {
        // ON CONFLICT DO NOTHING skips unique-key conflicts only; OR IGNORE also
        // skipped NOT NULL and CHECK failures.
        applicability: Applicability::Unsafe,
        message: "use `ON CONFLICT DO NOTHING`".into(),
        edits: vec![
            Edit {
                span: ctx.tokens[0].span.end..ctx.tokens[2].span.end,
                replacement: String::new(),
            },
            Edit {
                span: ctx.tokens[last].span.end..ctx.tokens[last].span.end,
                replacement: " ON CONFLICT DO NOTHING".into(),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_insert_and_update_or() {
        assert_eq!(flagged(&super::RULE, "insert or ignore into t (a) values (1);"), ["insert or ignore"]);
        assert_eq!(flagged(&super::RULE, "UPDATE OR REPLACE t SET a = 1;"), ["UPDATE OR REPLACE"]);
        assert!(flagged(&super::RULE, "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;").is_empty());
    }

    #[test]
    fn fixes_or_ignore_with_values() {
        assert_eq!(
            fixed(&super::RULE, "INSERT OR IGNORE INTO t (a) VALUES (1), (2);"),
            "INSERT INTO t (a) VALUES (1), (2) ON CONFLICT DO NOTHING;"
        );
        let select = "INSERT OR IGNORE INTO t SELECT a FROM u;";
        assert_eq!(fixed(&super::RULE, select), select);
    }
}
