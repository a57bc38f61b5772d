//! `ALTER TABLE … DROP [COLUMN] c`: SQLite accepts it from 3.35 on.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

pub static RULE: Rule = Rule {
    id: "drop-column",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ALTER TABLE … DROP COLUMN` needs SQLite 3.35",
    requires: &[(Engine::Sqlite, Version::new(3, 35))],
    check,
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

/// What may follow `DROP` in an `ALTER TABLE` action without it being a column.
const NOT_A_COLUMN: &[Keyword] = &[
    Keyword::CONSTRAINT,
    Keyword::PRIMARY,
    Keyword::FOREIGN,
    Keyword::INDEX,
    Keyword::KEY,
    Keyword::CHECK,
    Keyword::PARTITION,
    Keyword::DEFAULT,
    Keyword::NOT,
    Keyword::IDENTITY,
    Keyword::ROW,
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx.starts_with(&[Keyword::ALTER, Keyword::TABLE]) {
        return;
    }
    for action in actions(ctx) {
        let drop = action.start;
        if ctx.keyword(drop) != Some(Keyword::DROP)
            || ctx.keyword(drop + 1).is_some_and(|k| NOT_A_COLUMN.contains(&k))
            || drop + 1 >= action.end
        {
            continue;
        }
        report_if_too_old(
            ctx,
            out,
            ctx.token_span(drop, action.end - 1),
            "`ALTER TABLE … DROP COLUMN`",
            "raise the SQLite target to 3.35, or rebuild the table: create the new table, copy the rows, drop the old one, rename",
        );
    }
}

/// Token ranges of the actions after `ALTER TABLE [IF EXISTS] [ONLY] name`,
/// split at top-level commas.
fn actions(ctx: &StatementCtx) -> Vec<Range<usize>> {
    let mut start = 2;
    while matches!(ctx.keyword(start), Some(Keyword::IF | Keyword::EXISTS | Keyword::ONLY)) {
        start += 1;
    }
    // The table name, possibly qualified.
    start += 1;
    while ctx.tokens.get(start).is_some_and(|t| t.kind == SqlToken::Period) {
        start += 2;
    }
    let mut actions = Vec::new();
    let mut action_start = start;
    let mut depth = 0usize;
    for i in start..ctx.tokens.len() {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            SqlToken::Comma if depth == 0 => {
                actions.push(action_start..i);
                action_start = i + 1;
            }
            _ => {}
        }
    }
    if action_start < ctx.tokens.len() {
        actions.push(action_start..ctx.tokens.len());
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["sqlite>=3.30"])
    }

    #[test]
    fn flags_dropped_columns_with_or_without_the_column_keyword() {
        assert_eq!(flagged("ALTER TABLE t DROP COLUMN legacy"), ["DROP COLUMN legacy"]);
        assert_eq!(flagged("ALTER TABLE main.t DROP legacy"), ["DROP legacy"]);
        assert_eq!(
            flagged("ALTER TABLE IF EXISTS t DROP COLUMN a, DROP CONSTRAINT c, DROP b"),
            ["DROP COLUMN a", "DROP b"]
        );
    }

    #[test]
    fn ignores_other_drops_and_new_enough_targets() {
        assert!(flagged("ALTER TABLE t DROP CONSTRAINT t_pk").is_empty());
        assert!(flagged("ALTER TABLE t ALTER COLUMN a DROP DEFAULT").is_empty());
        assert!(flagged("ALTER TABLE t ALTER COLUMN a DROP NOT NULL").is_empty());
        assert!(flagged("DROP TABLE t").is_empty());
        let sql = "ALTER TABLE t DROP COLUMN a";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.35"]).is_empty());
        let old = findings_with_targets(&RULE, sql, &["sqlite>=3.34"]);
        assert!(old[0].message.contains("needs SQLite 3.35; your targets include sqlite>=3.34"));
    }
}
