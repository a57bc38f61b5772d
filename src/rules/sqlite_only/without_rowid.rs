//! `CREATE TABLE … (…) WITHOUT ROWID`: SQLite's clustered tables. PostgreSQL
//! tables have no rowid and no such option.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::sqlite_only::strict_table::remove_option;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::TableOptionKind;
use sqlparser::keywords::Keyword;

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
    let options = &ctx.model().table_options;
    for without_rowid in options
        .iter()
        .filter(|o| o.kind == TableOptionKind::WithoutRowid)
    {
        out.report(
            without_rowid.span.clone(),
            "`WITHOUT ROWID` is a SQLite table option; PostgreSQL rejects it as a syntax error",
            "drop `WITHOUT ROWID`: the table keeps its PRIMARY KEY and works the same on both engines; \
             only SQLite's storage layout changes",
        )
        .with_fix(remove_option(without_rowid, "remove `WITHOUT ROWID`"));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_the_option() {
        let sql = "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;";
        assert_eq!(flagged(&super::RULE, sql), ["WITHOUT ROWID"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB);"
        );
        let both = "CREATE TABLE t (id INT PRIMARY KEY) STRICT, WITHOUT ROWID;";
        assert_eq!(
            fixed(&super::RULE, both),
            "CREATE TABLE t (id INT PRIMARY KEY) STRICT;"
        );
    }

    #[test]
    fn silent_in_comments() {
        assert!(
            flagged(
                &super::RULE,
                "CREATE TABLE t (id INT PRIMARY KEY) /* WITHOUT ROWID */;"
            )
            .is_empty()
        );
    }
}
