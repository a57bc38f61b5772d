//! `REFERENCES … ON DELETE CASCADE` (and the other referential actions):
//! SQLite enforces foreign keys only on connections that switch them on
//! (`PRAGMA foreign_keys = ON`); by default it ignores them, so the action
//! never runs. PostgreSQL always enforces them. A plain `REFERENCES` is not
//! flagged: without an action it only rejects bad rows, it changes none.

use sqlparser::keywords::Keyword;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::token_scan::{keyword_runs, targets_both_engines};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "foreign-key-action",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite],
    summary: "`ON DELETE`/`ON UPDATE` actions run on SQLite only where the connection enables foreign keys",
    check,
    triggers: &[Keyword::REFERENCES],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) || keyword_runs(ctx, &[Keyword::REFERENCES]).is_empty() {
        return;
    }
    for event in [Keyword::DELETE, Keyword::UPDATE] {
        for on in keyword_runs(ctx, &[Keyword::ON, event]) {
            let Some((last, action)) = action_at(ctx, on + 2) else {
                continue;
            };
            let effect = if action == "RESTRICT" {
                "PostgreSQL refuses the change while SQLite, with foreign keys off (its default), lets it through"
            } else {
                "PostgreSQL always runs it; SQLite runs it only on connections that set `PRAGMA foreign_keys = ON` (off by default)"
            };
            out.report(
                ctx.token_span(on, last),
                format!("`{}`: {effect}", ctx.text(&ctx.token_span(on, last))),
                "switch foreign keys on for every SQLite connection (sqlx: `SqliteConnectOptions::foreign_keys(true)`, its default; rusqlite's bundled build: on), or delete the dependent rows in the storage code",
            );
        }
    }
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
    use crate::testing::{findings_with_targets, flagged_text};

    #[test]
    fn flags_referential_actions() {
        let sql = "CREATE TABLE b (a_id BIGINT REFERENCES a (id) ON DELETE CASCADE ON UPDATE SET NULL, \
                   c_id BIGINT, FOREIGN KEY (c_id) REFERENCES c (id) ON DELETE RESTRICT ON UPDATE NO ACTION)";
        assert_eq!(
            flagged_text(&RULE, sql),
            ["ON DELETE CASCADE", "ON UPDATE SET NULL", "ON DELETE RESTRICT"]
        );
        let restrict = &crate::testing::findings(&RULE, sql)[2].message;
        assert!(restrict.contains("PostgreSQL refuses the change"), "{restrict}");
    }

    #[test]
    fn ignores_plain_references_and_triggers() {
        for sql in [
            "CREATE TABLE posts (author_id TEXT NOT NULL REFERENCES users (id))",
            "CREATE TABLE t (a BIGINT REFERENCES a (id) ON DELETE NO ACTION)",
            "CREATE TRIGGER tr AFTER DELETE ON t BEGIN DELETE FROM u; END",
            "SELECT 'REFERENCES a ON DELETE CASCADE'",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
        let sql = "CREATE TABLE b (a_id BIGINT REFERENCES a (id) ON DELETE CASCADE)";
        assert!(findings_with_targets(&RULE, sql, &["postgres>=14"]).is_empty());
    }
}
