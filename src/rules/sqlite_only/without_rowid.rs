//! `CREATE TABLE … (…) WITHOUT ROWID`: SQLite's clustered tables. PostgreSQL
//! tables have no rowid and no such option.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::sqlite_only::strict_table::{remove_option, table_options};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "without-rowid",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`WITHOUT ROWID` tables are SQLite-only; PostgreSQL rejects the table option",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::WITHOUT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for option in table_options(ctx) {
        if option.len() != 2 || !ctx.is_word(option.start, "WITHOUT") || !ctx.is_word(option.start + 1, "ROWID") {
            continue;
        }
        out.report(
            ctx.token_span(option.start, option.end - 1),
            "`WITHOUT ROWID` is a SQLite table option; PostgreSQL rejects it as a syntax error",
            "drop `WITHOUT ROWID`: the table keeps its PRIMARY KEY and works the same on both engines; \
             only SQLite's storage layout changes",
        )
        .with_fix(remove_option(ctx, &option, "remove `WITHOUT ROWID`"));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_the_option() {
        let sql = "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;";
        assert_eq!(flagged(&super::RULE, sql), ["WITHOUT ROWID"]);
        assert_eq!(fixed(&super::RULE, sql), "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB);");
        let both = "CREATE TABLE t (id INT PRIMARY KEY) STRICT, WITHOUT ROWID;";
        assert_eq!(fixed(&super::RULE, both), "CREATE TABLE t (id INT PRIMARY KEY) STRICT;");
    }

    #[test]
    fn silent_in_comments() {
        assert!(flagged(&super::RULE, "CREATE TABLE t (id INT PRIMARY KEY) /* WITHOUT ROWID */;").is_empty());
    }
}
