//! `ALTER TABLE name action, action…` located in the token stream.
//!
//! SQLite's ALTER TABLE knows one action per statement, and only four:
//! `RENAME TO`, `RENAME [COLUMN] a TO b`, `ADD [COLUMN] def` and
//! `DROP [COLUMN] c`. PostgreSQL knows many more; the rules of the
//! `postgres_only` group classify each action here, parsed or not.

use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;

/// One `ALTER TABLE` statement, as token index ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlterTable {
    /// `IF EXISTS` after `ALTER TABLE`, when present.
    pub if_exists: Option<Range<usize>>,
    /// The table's (possibly qualified) name.
    pub name: Range<usize>,
    /// Each comma-separated action.
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub kind: ActionKind,
    pub tokens: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// `ADD [COLUMN] [IF NOT EXISTS] def`: SQLite knows it.
    AddColumn,
    /// `DROP [COLUMN] [IF EXISTS] c`: SQLite knows it (3.35+).
    DropColumn,
    /// `RENAME TO t` / `RENAME [COLUMN] a TO b`: SQLite knows it.
    Rename,
    /// `ADD CONSTRAINT`, `ADD PRIMARY KEY`, `DROP CONSTRAINT`, `VALIDATE CONSTRAINT`…
    Constraint,
    /// `ALTER [COLUMN] c TYPE|SET|DROP …`.
    AlterColumn,
    /// `ENABLE|DISABLE [ALWAYS|REPLICA] TRIGGER …`.
    TriggerToggle,
    /// Anything else (`OWNER TO`, `SET SCHEMA`, `ATTACH PARTITION`…).
    Other,
}

const CONSTRAINT_WORDS: [&str; 6] = [
    "CONSTRAINT",
    "PRIMARY",
    "FOREIGN",
    "UNIQUE",
    "CHECK",
    "EXCLUDE",
];

pub fn alter_table(ctx: &StatementCtx) -> Option<AlterTable> {
    if !ctx.words_at(0, &["ALTER", "TABLE"]) {
        return None;
    }
    let mut i = 2;
    let if_exists = ctx.words_at(i, &["IF", "EXISTS"]).then(|| {
        i += 2;
        i - 2..i
    });
    if ctx.is_word(i, "ONLY") {
        i += 1;
    }
    let name_start = i;
    i += 1;
    while ctx
        .tokens
        .get(i)
        .is_some_and(|t| t.kind == SqlToken::Period)
    {
        i += 2;
    }
    if ctx.tokens.get(i).is_some_and(|t| t.kind == SqlToken::Mul) {
        i += 1;
    }
    let end = ctx.tokens.len();
    if name_start >= end {
        return None;
    }
    let name = name_start..i.min(end);
    let actions = if i >= end {
        Vec::new()
    } else {
        ctx.split_top_level(i..end)
            .into_iter()
            // A trailing or doubled comma leaves an empty piece: no action.
            .filter(|tokens| !tokens.is_empty())
            .map(|tokens| Action {
                kind: classify(ctx, tokens.clone()),
                tokens,
            })
            .collect()
    };
    Some(AlterTable {
        if_exists,
        name,
        actions,
    })
}

fn classify(ctx: &StatementCtx, action: Range<usize>) -> ActionKind {
    let first = action.start;
    let next_is = |words: &[&str]| words.iter().any(|w| ctx.is_word(first + 1, w));
    if ctx.is_word(first, "ADD") {
        if next_is(&CONSTRAINT_WORDS) {
            ActionKind::Constraint
        } else {
            ActionKind::AddColumn
        }
    } else if ctx.is_word(first, "DROP") {
        if next_is(&["CONSTRAINT", "PRIMARY"]) {
            ActionKind::Constraint
        } else {
            ActionKind::DropColumn
        }
    } else if ctx.is_word(first, "RENAME") {
        if next_is(&["CONSTRAINT"]) {
            ActionKind::Constraint
        } else {
            ActionKind::Rename
        }
    } else if ctx.is_word(first, "VALIDATE") {
        ActionKind::Constraint
    } else if ctx.is_word(first, "ALTER") {
        if next_is(&["CONSTRAINT"]) {
            ActionKind::Constraint
        } else {
            ActionKind::AlterColumn
        }
    } else if (ctx.is_word(first, "ENABLE") || ctx.is_word(first, "DISABLE"))
        && (1..3).any(|k| ctx.is_word(first + k, "TRIGGER"))
    {
        ActionKind::TriggerToggle
    } else {
        ActionKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_statement;

    fn kinds(sql: &str) -> Vec<(ActionKind, String)> {
        with_statement(sql, |ctx| {
            let table = ctx.alter_table().expect("an ALTER TABLE");
            table
                .actions
                .iter()
                .map(|a| {
                    let text = ctx.text(&ctx.token_span(a.tokens.start, a.tokens.end - 1));
                    (a.kind, text.to_string())
                })
                .collect()
        })
    }

    #[test]
    fn classifies_each_comma_separated_action() {
        let got = kinds(
            "ALTER TABLE IF EXISTS ONLY s.t ADD COLUMN a int DEFAULT f(1, 2), DROP CONSTRAINT c, \
             ALTER COLUMN b TYPE text, ADD PRIMARY KEY (a), DISABLE TRIGGER ALL, OWNER TO x, RENAME TO u",
        );
        let expected = [
            (ActionKind::AddColumn, "ADD COLUMN a int DEFAULT f(1, 2)"),
            (ActionKind::Constraint, "DROP CONSTRAINT c"),
            (ActionKind::AlterColumn, "ALTER COLUMN b TYPE text"),
            (ActionKind::Constraint, "ADD PRIMARY KEY (a)"),
            (ActionKind::TriggerToggle, "DISABLE TRIGGER ALL"),
            (ActionKind::Other, "OWNER TO x"),
            (ActionKind::Rename, "RENAME TO u"),
        ];
        let expected: Vec<_> = expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn finds_the_name_and_if_exists() {
        with_statement("ALTER TABLE IF EXISTS \"s\".t ADD c int", |ctx| {
            let table = ctx.alter_table().unwrap();
            assert_eq!(table.if_exists, Some(2..4));
            assert_eq!(
                ctx.text(&ctx.token_span(table.name.start, table.name.end - 1)),
                "\"s\".t"
            );
        });
    }

    #[test]
    fn empty_pieces_between_commas_are_no_actions() {
        let got = kinds("ALTER TABLE t DROP COLUMN a, , RENAME TO b,");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_bare_alter_table_has_no_action_and_no_panic() {
        with_statement("ALTER TABLE", |ctx| assert!(ctx.alter_table().is_none()));
        with_statement("ALTER TABLE t", |ctx| {
            assert!(ctx.alter_table().unwrap().actions.is_empty())
        });
    }
}
