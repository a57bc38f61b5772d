//! `ALTER TABLE … ADD COLUMN` forms PostgreSQL runs and SQLite refuses: a
//! `UNIQUE` or `PRIMARY KEY` column (always), and a default that is not a
//! constant — `CURRENT_TIMESTAMP` or any `(expression)` — as soon as the
//! table holds a row (`Cannot add a column with non-constant default`).

use sqlparser::keywords::Keyword;
use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::model::ActionKind;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "add-column-restriction",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ADD COLUMN` with UNIQUE/PRIMARY KEY or a non-constant default: SQLite refuses it",
    check,
    // `alter_table()` needs `ALTER TABLE`.
    triggers: &[Keyword::ALTER],
    ..Rule::DEFAULT
};

const TIME_KEYWORDS: [&str; 3] = ["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(table) = ctx.alter_table() else {
        return;
    };
    let added: Vec<Range<usize>> = table
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::AddColumn)
        .map(|a| a.tokens.clone())
        .collect();
    for column in ctx.column_definitions() {
        let constraints = column.constraints.clone();
        if !added.iter().any(|a| a.contains(&column.name)) {
            continue;
        }
        if let Some(key) = constraints.clone().find(|&i| ctx.is_word(i, "UNIQUE") || ctx.words_at(i, &["PRIMARY", "KEY"])) {
            let end = if ctx.is_word(key, "PRIMARY") { key + 1 } else { key };
            out.report(
                ctx.token_span(key, end),
                format!("SQLite cannot add a `{}` column (`Cannot add a {} column`)", ctx.text(&ctx.token_span(key, end)), ctx.text(&ctx.token_span(key, end)).to_uppercase()),
                "add the column without it, then `CREATE UNIQUE INDEX … ON t (column)`, which both engines run; a new primary key needs a table rebuild",
            );
        }
        let Some(default) = constraints.clone().find(|&i| ctx.is_word(i, "DEFAULT")) else {
            continue;
        };
        let value = default + 1;
        let non_constant = TIME_KEYWORDS.iter().any(|w| ctx.is_word(value, w))
            || ctx.tokens.get(value).is_some_and(|t| t.kind == SqlToken::LParen);
        if non_constant {
            let end = match ctx.tokens[value].kind {
                SqlToken::LParen => ctx.matching_paren(value).unwrap_or(value),
                _ => value,
            };
            out.report(
                ctx.token_span(default, end),
                "SQLite refuses to add a column with a non-constant default once the table has rows (`Cannot add a column with non-constant default`)",
                "add the column with a constant default (or none), then fill it: `UPDATE t SET column = CURRENT_TIMESTAMP`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_keys_and_non_constant_defaults_of_added_columns() {
        assert_eq!(
            flagged(&RULE, "ALTER TABLE r ADD COLUMN u UUID NOT NULL UNIQUE, ADD COLUMN at timestamp DEFAULT CURRENT_TIMESTAMP, ADD c int DEFAULT (1 + 1) PRIMARY KEY"),
            ["UNIQUE", "DEFAULT CURRENT_TIMESTAMP", "DEFAULT (1 + 1)", "PRIMARY KEY"]
        );
    }

    #[test]
    fn constant_defaults_and_create_table_stay_silent() {
        assert!(flagged(&RULE, "ALTER TABLE r ADD COLUMN a int DEFAULT 0 NOT NULL, ADD b text DEFAULT 'x'").is_empty());
        assert!(flagged(&RULE, "CREATE TABLE r (a int UNIQUE DEFAULT CURRENT_TIMESTAMP)").is_empty());
        assert!(flagged(&RULE, "ALTER TABLE r ADD CONSTRAINT u UNIQUE (a)").is_empty());
    }
}
