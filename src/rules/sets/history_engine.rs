//! A history written for PostgreSQL, found from its own statements: its
//! first migration and a later one hold statements SQLite's parser rejects
//! (`history::history_engine`). Its files are then checked for PostgreSQL
//! only, as a folder named `postgres` would be; this says so, once per set,
//! so that no finding goes missing unexplained.

use crate::diagnostic::{Engine, Severity};
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "history-engine",
    group: "sets",
    kind: RuleKind::History,
    severity: Severity::Info,
    targets: &[Engine::Postgres],
    summary: "a migration history SQLite cannot run (its first migration and a later one hold statements SQLite's parser rejects) is checked for PostgreSQL only",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let Some(found) = ctx.history_engine else {
        return;
    };
    let (path, span) = &found.first_rejected;
    let later = found
        .confirmed_by
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    out.report(
        path,
        span.clone(),
        format!(
            "SQLite's parser rejects this statement of the history's first migration ({}), and one in `{later}`: the history is written for PostgreSQL, so its files are checked for PostgreSQL only",
            found.sqlite_message
        ),
        "to check this history for SQLite too, set `targets = [\"sqlite\", \"postgres\"]` in dal-audit.toml (or pass `--target`)",
    );
}

#[cfg(test)]
mod tests {
    use crate::history::check::check_sets;
    use crate::history::{Detection, Runner};
    use crate::project::sqlite_facts::SqliteFacts;
    use crate::project::targets::Targets;
    use crate::testing::migration_set;

    const EXTENSION: &str =
        "CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE TABLE users (id BIGINT PRIMARY KEY);";
    const FUNCTION: &str =
        "CREATE FUNCTION now_utc() RETURNS timestamptz AS $$ SELECT now() $$ LANGUAGE sql;";
    const PORTABLE: &str = "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT);";

    /// The files of `files` (a sqlx set) found written for one engine, by
    /// name, when engines are inferred.
    fn inferred(files: &[(&str, &str)], infer: bool) -> Vec<(usize, String)> {
        let set = migration_set(Runner::Sqlx, Detection::Configured, files);
        let found = check_sets(
            std::slice::from_ref(&set),
            &[&super::RULE],
            &Targets::default(),
            None,
            SqliteFacts::default(),
            infer,
            &|_| None,
        )
        .expect("no applied ref");
        let reported = found
            .findings
            .iter()
            .map(|(path, d)| (path.display().to_string(), d.span.clone()))
            .collect::<Vec<_>>();
        assert_eq!(reported.len(), found.engines.len(), "{reported:?}");
        found
            .engines
            .iter()
            .map(|(files, engine)| (files.len(), engine.as_str().to_string()))
            .collect()
    }

    #[test]
    fn a_first_and_a_later_migration_sqlite_rejects_make_a_postgres_history() {
        let files = [
            ("1_init.sql", EXTENSION),
            ("2_notes.sql", PORTABLE),
            ("3_fn.sql", FUNCTION),
        ];
        assert_eq!(inferred(&files, true), [(3, "postgres".to_string())]);
        assert!(inferred(&files, false).is_empty(), "targets configured");
    }

    #[test]
    fn one_file_alone_or_a_first_migration_sqlite_runs_says_nothing() {
        // A new project's first draft: dal-audit must still flag it for SQLite.
        assert!(inferred(&[("1_init.sql", EXTENSION)], true).is_empty());
        // A history that starts on SQLite and gains a PostgreSQL statement:
        // the statement is the mistake to flag, not the history's engine.
        let grew = [
            ("1_init.sql", PORTABLE),
            ("2_ext.sql", EXTENSION),
            ("3_fn.sql", FUNCTION),
        ];
        assert!(inferred(&grew, true).is_empty());
    }
}
