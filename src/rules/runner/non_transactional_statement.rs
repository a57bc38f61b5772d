//! A statement PostgreSQL refuses inside a transaction block, in a file the
//! runner wraps in one: sqlx runs each migration in a transaction unless
//! the file starts with `-- no-transaction` (`sqlx-postgres/src/migrate.rs`,
//! `apply`). Even then sqlx sends the whole file as one query string, and
//! PostgreSQL runs a string of several statements as one implicit
//! transaction: such a statement must be alone in its file.

use crate::diagnostic::{Engine, Severity};
use crate::history::runner::Runner;
use crate::rules::context::StatementCtx;
use crate::rules::runner::no_transaction_directive::DIRECTIVE;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "non-transactional-statement",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a statement PostgreSQL refuses inside a transaction, in a migration the runner runs in one",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    if ctx.set.runner != Some(Runner::Sqlx) {
        return;
    }
    for file in ctx.set.history() {
        if !mentions_candidate(&file.bytes) {
            continue;
        }
        let no_transaction = file.bytes.starts_with(DIRECTIVE);
        let mut statements = 0;
        let mut refused = Vec::new();
        ctx.for_each_statement(file, |statement| {
            statements += 1;
            if let Some(what) = refused_in_transaction(statement) {
                refused.push((statement.span.clone(), what, statement_engines(what)));
            }
        });
        for (span, what, engines) in refused {
            let (message, help) = if !no_transaction {
                (
                    format!(
                        "{what} cannot run inside a transaction block, and sqlx runs this file in one"
                    ),
                    "put the statement alone in a migration of its own whose first line is `-- no-transaction`",
                )
            } else if statements > 1 {
                (
                    format!(
                        "{what} cannot run inside a transaction block: sqlx sends this `-- no-transaction` file as one query string, which PostgreSQL runs as one implicit transaction"
                    ),
                    "move the statement to a `-- no-transaction` migration of its own, alone in it",
                )
            } else {
                continue;
            };
            out.report(&file.path, span, message, help)
                .with_targets(engines);
        }
    }
}

/// `VACUUM` is refused inside a transaction by SQLite too.
fn statement_engines(what: &str) -> &'static [Engine] {
    if what == "VACUUM" {
        &[Engine::Sqlite, Engine::Postgres]
    } else {
        &[Engine::Postgres]
    }
}

/// The statement's name as PostgreSQL's error gives it ("CREATE INDEX
/// CONCURRENTLY cannot run inside a transaction block"), if it is one of those.
fn refused_in_transaction(ctx: &StatementCtx) -> Option<&'static str> {
    let word = |i: usize, w: &str| ctx.is_word(i, w);
    let after_create = if word(1, "UNIQUE") { 2 } else { 1 };
    if word(0, "CREATE") && word(after_create, "INDEX") && word(after_create + 1, "CONCURRENTLY") {
        return Some("CREATE INDEX CONCURRENTLY");
    }
    let plain = [
        (
            &["DROP", "INDEX", "CONCURRENTLY"][..],
            "DROP INDEX CONCURRENTLY",
        ),
        (&["VACUUM"][..], "VACUUM"),
        (&["CREATE", "DATABASE"][..], "CREATE DATABASE"),
        (&["DROP", "DATABASE"][..], "DROP DATABASE"),
        (&["ALTER", "SYSTEM"][..], "ALTER SYSTEM"),
        (&["CREATE", "TABLESPACE"][..], "CREATE TABLESPACE"),
        (&["DROP", "TABLESPACE"][..], "DROP TABLESPACE"),
        (&["DISCARD", "ALL"][..], "DISCARD ALL"),
        (&["CREATE", "SUBSCRIPTION"][..], "CREATE SUBSCRIPTION"),
    ];
    if let Some((_, what)) = plain.iter().find(|(words, _)| ctx.words_at(0, words)) {
        return Some(what);
    }
    if word(0, "REINDEX") && (1..ctx.tokens.len().min(6)).any(|i| word(i, "CONCURRENTLY")) {
        return Some("REINDEX CONCURRENTLY");
    }
    if word(0, "CLUSTER") && ctx.tokens.len() == 1 {
        return Some("CLUSTER");
    }
    None
}

/// A cheap look before splitting the file: the words every case starts with.
fn mentions_candidate(bytes: &[u8]) -> bool {
    const WORDS: [&[u8]; 7] = [
        b"concurrently",
        b"vacuum",
        b"database",
        b"system",
        b"tablespace",
        b"discard",
        b"cluster",
    ];
    let subscription = b"subscription";
    WORDS
        .iter()
        .chain(std::iter::once(&&subscription[..]))
        .any(|word| {
            bytes
                .windows(word.len())
                .any(|w| w.eq_ignore_ascii_case(word))
        })
}
