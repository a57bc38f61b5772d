//! PostgreSQL-only table kinds and options: `CREATE UNLOGGED TABLE`,
//! `PARTITION BY`, `PARTITION OF`, `INHERITS (…)`, `TABLESPACE`, storage
//! parameters `WITH (fillfactor = …)`, `ON COMMIT`. SQLite rejects them.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-table-option",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "UNLOGGED, partitioned and inherited tables, TABLESPACE, `WITH (…)` storage options: SQLite rejects them",
    check,
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

const HELP: &str = "create a plain table; partitioning, inheritance and storage tuning belong in a PostgreSQL-only migration";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.creates("TABLE") else {
        return;
    };
    if let Some(unlogged) = (1..kind).find(|&i| ctx.is_word(i, "UNLOGGED")) {
        out.report(ctx.tokens[unlogged].span.clone(), "`UNLOGGED` tables are PostgreSQL-only; SQLite rejects the word", HELP);
    }
    // Options sit outside the column list: after its `)`, or instead of it (`PARTITION OF`).
    let open = (kind..ctx.tokens.len()).find(|&i| ctx.tokens[i].kind == SqlToken::LParen);
    let after = open.and_then(|o| ctx.matching_paren(o)).map_or(kind + 1, |c| c + 1);
    let before_columns = kind + 1..open.unwrap_or(ctx.tokens.len());
    for range in [before_columns, after..ctx.tokens.len()] {
        for i in range {
            let two_words = ctx.words_at(i, &["PARTITION", "BY"])
                || ctx.words_at(i, &["PARTITION", "OF"])
                || ctx.words_at(i, &["ON", "COMMIT"]);
            let one_word = ["INHERITS", "TABLESPACE"].iter().any(|w| ctx.is_word(i, w))
                || ctx.is_word(i, "WITH") && ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen);
            let span = match (two_words, one_word) {
                (true, _) => ctx.token_span(i, i + 1),
                (false, true) => ctx.tokens[i].span.clone(),
                (false, false) => continue,
            };
            out.report(span.clone(), format!("`{}` is a PostgreSQL-only table option; SQLite rejects it", ctx.text(&span)), HELP);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_table_kinds_and_options() {
        assert_eq!(
            flagged(&RULE, "CREATE UNLOGGED TABLE l (a int); CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE TABLE c PARTITION OF p FOR VALUES FROM (1) TO (2); CREATE TABLE i (b int) INHERITS (p) WITH (fillfactor = 70)"),
            ["UNLOGGED", "PARTITION BY", "PARTITION OF", "INHERITS", "WITH"]
        );
    }

    #[test]
    fn sqlite_options_and_column_names_stay_silent() {
        assert!(flagged(&RULE, "CREATE TABLE t (partition int, inherits text, tablespace int) WITHOUT ROWID, STRICT").is_empty());
        assert!(flagged(&RULE, "CREATE TABLE t AS WITH x AS (SELECT 1) SELECT * FROM x").is_empty());
    }
}
