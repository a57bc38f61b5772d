//! `REFERENCES … ON DELETE CASCADE` (and the other referential actions):
//! SQLite enforces foreign keys only on connections that switch them on
//! (`PRAGMA foreign_keys = ON`); by default it ignores them, so the action
//! never runs. PostgreSQL always enforces them. A plain `REFERENCES` is not
//! flagged: without an action it only rejects bad rows, it changes none.
//!
//! Whether the connections switch them on is a fact about the project, not
//! about a statement: `[sqlite] foreign-keys` in the configuration, else
//! sqlx's default (on) when sqlx runs the set (`history::check::sqlite_facts`).
//! Known on: nothing to say. Otherwise one finding per set, at its first
//! action, counting the others.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::set_context::SetCtx;
use crate::rules::token_scan::keyword_runs;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "foreign-key-action",
    group: "semantics",
    kind: RuleKind::History,
    severity: Severity::Warning,
    targets: &[Engine::Sqlite],
    summary: "`ON DELETE`/`ON UPDATE` actions run on SQLite only where the connection enables foreign keys (once per set, unless `[sqlite] foreign-keys` says so)",
    check_set,
    ..Rule::DEFAULT
};

const HELP: &str = "say how the application's SQLite connections are opened: `[sqlite] foreign-keys = true` in dal-audit.toml when every connection runs `PRAGMA foreign_keys = ON` (sqlx: `SqliteConnectOptions`, on by default); otherwise switch it on, or delete the dependent rows in the storage code";

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let both = ctx.targets.includes(Engine::Sqlite) && ctx.targets.includes(Engine::Postgres);
    if !both || ctx.sqlite.foreign_keys == Some(true) {
        return;
    }
    // The first action and whether there is another: the reading stops
    // there (lexing a whole history again to count them cost a tenth of a run).
    let mut found = Vec::new();
    for file in ctx.set.history() {
        if found.len() > 1 {
            break;
        }
        if !file
            .bytes
            .windows(10)
            .any(|w| w.eq_ignore_ascii_case(b"REFERENCES"))
        {
            continue;
        }
        ctx.for_each_statement_until(file, |statement| {
            for (span, action) in actions(statement) {
                found.push((file.path.clone(), span, action));
            }
            found.len() > 1
        });
    }
    let mut found = found.into_iter();
    let Some((path, span, action)) = found.next() else {
        return;
    };
    let others = if found.next().is_some() {
        " (and other actions in this set)"
    } else {
        ""
    };
    let connections = match ctx.sqlite.foreign_keys {
        Some(false) => "the configuration says the SQLite connections leave foreign keys off",
        _ => {
            "nothing says whether the application's SQLite connections switch foreign keys on (off is SQLite's default)"
        }
    };
    let effect = if action == "RESTRICT" {
        "with foreign keys off SQLite lets through the change PostgreSQL refuses"
    } else {
        "with foreign keys off SQLite never runs it, PostgreSQL always does"
    };
    out.report(
        &path,
        span,
        format!("`ON … {action}`{others}: {connections}; {effect}"),
        HELP,
    );
}

/// The referential actions of one statement: span and name.
fn actions(ctx: &StatementCtx) -> Vec<(std::ops::Range<usize>, &'static str)> {
    if keyword_runs(ctx, &[Keyword::REFERENCES]).is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for event in [Keyword::DELETE, Keyword::UPDATE] {
        for on in keyword_runs(ctx, &[Keyword::ON, event]) {
            if let Some((last, action)) = action_at(ctx, on + 2) {
                found.push((ctx.token_span(on, last), action));
            }
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    found
}

/// The action after `ON DELETE` / `ON UPDATE`: its last token and its name.
/// `NO ACTION`, the default, changes nothing and is not returned.
fn action_at(ctx: &StatementCtx, i: usize) -> Option<(usize, &'static str)> {
    match ctx.keyword(i)? {
        Keyword::CASCADE => Some((i, "CASCADE")),
        Keyword::RESTRICT => Some((i, "RESTRICT")),
        Keyword::SET => match ctx.keyword(i + 1)? {
            Keyword::NULL => Some((i + 1, "SET NULL")),
            Keyword::DEFAULT => Some((i + 1, "SET DEFAULT")),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::runner::Runner;
    use crate::history::set::Detection;
    use crate::project::sqlite_facts::SqliteFacts;
    use crate::testing::{migration_set, set_findings};

    const FILES: &[(&str, &str)] = &[
        ("1_a.sql", "CREATE TABLE a (id BIGINT PRIMARY KEY);"),
        (
            "2_b.sql",
            "CREATE TABLE b (a_id BIGINT REFERENCES a (id) ON DELETE CASCADE ON UPDATE SET NULL, \
             c_id BIGINT, FOREIGN KEY (c_id) REFERENCES a (id) ON DELETE RESTRICT ON UPDATE NO ACTION);",
        ),
        (
            "3_c.sql",
            "CREATE TABLE c (a_id BIGINT REFERENCES a (id) ON DELETE SET DEFAULT);",
        ),
    ];

    #[test]
    fn unknown_connections_are_reported_once_per_set() {
        let set = migration_set(Runner::Sqlx, Detection::Layout, FILES);
        let found = set_findings(&RULE, &set, SqliteFacts::default());
        assert_eq!(found.len(), 1, "{found:?}");
        let (file, text, message) = &found[0];
        assert_eq!(
            (file.as_str(), text.as_str()),
            ("2_b.sql", "ON DELETE CASCADE")
        );
        assert!(
            message.contains("(and other actions in this set)"),
            "{message}"
        );
        assert!(message.contains("nothing says whether"), "{message}");
        let off = SqliteFacts {
            foreign_keys: Some(false),
        };
        let found = set_findings(&RULE, &set, off);
        assert!(found[0].2.contains("the configuration says"), "{found:?}");
    }

    #[test]
    fn silent_when_foreign_keys_are_known_on() {
        let on = SqliteFacts {
            foreign_keys: Some(true),
        };
        let set = migration_set(Runner::Sqlx, Detection::Layout, FILES);
        assert!(set_findings(&RULE, &set, on).is_empty());
        // sqlx named by the manifest: its connections switch them on.
        let manifest = Detection::Manifest("Cargo.toml".into());
        let set = migration_set(Runner::Sqlx, manifest.clone(), FILES);
        assert!(set_findings(&RULE, &set, SqliteFacts::default()).is_empty());
        // ... unless the configuration says otherwise.
        let off = SqliteFacts {
            foreign_keys: Some(false),
        };
        assert_eq!(set_findings(&RULE, &set, off).len(), 1);
        // Another runner's manifest says nothing about the connections.
        let set = migration_set(Runner::Refinery, manifest, &[("V1__a.sql", FILES[1].1)]);
        assert_eq!(set_findings(&RULE, &set, SqliteFacts::default()).len(), 1);
    }

    #[test]
    fn ignores_plain_references_and_triggers() {
        let set = migration_set(
            Runner::Sqlx,
            Detection::Layout,
            &[
                (
                    "1_a.sql",
                    "CREATE TABLE posts (author_id TEXT NOT NULL REFERENCES users (id));",
                ),
                (
                    "2_b.sql",
                    "CREATE TABLE t (a BIGINT REFERENCES a (id) ON DELETE NO ACTION);",
                ),
                (
                    "3_c.sql",
                    "CREATE TRIGGER tr AFTER DELETE ON t BEGIN DELETE FROM u; END;",
                ),
                ("4_d.sql", "SELECT 'REFERENCES a ON DELETE CASCADE';"),
            ],
        );
        assert!(set_findings(&RULE, &set, SqliteFacts::default()).is_empty());
    }
}
