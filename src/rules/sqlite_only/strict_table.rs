//! `CREATE TABLE … (…) STRICT`: SQLite's type-checked tables. PostgreSQL
//! always checks types and has no such table option.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::{TableOption, TableOptionKind};

pub static RULE: Rule = Rule {
    id: "strict-table",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`STRICT` tables are SQLite-only; PostgreSQL rejects the table option",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::STRICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let options = &ctx.model().table_options;
    for strict in options.iter().filter(|o| o.kind == TableOptionKind::Strict) {
        out.report(
            strict.span.clone(),
            "`STRICT` is a SQLite table option; PostgreSQL rejects it as a syntax error",
            "drop `STRICT`: PostgreSQL checks every column's type anyway; on SQLite, validate values in the storage code \
             or with `CHECK (typeof(col) = 'integer')`-style constraints kept in SQLite-only migrations",
        )
        .with_fix(remove_option(strict, "remove `STRICT`"));
    }
}

/// Removes one table option with the comma that joins it to its neighbours.
pub(crate) fn remove_option(option: &TableOption, message: &str) -> Fix {
    Fix::removal(
        // Without the option SQLite stops checking types (STRICT) or stores the
        // table with a rowid (WITHOUT ROWID): same data, other guarantees.
        Applicability::Unsafe,
        message,
        option.removal.clone(),
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_the_option() {
        let sql = "CREATE TABLE t (id INTEGER NOT NULL, strict TEXT) STRICT;";
        assert_eq!(flagged(&super::RULE, sql), ["STRICT"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE t (id INTEGER NOT NULL, strict TEXT);"
        );
        let both = "CREATE TABLE t (id INT PRIMARY KEY) STRICT, WITHOUT ROWID;";
        assert_eq!(
            fixed(&super::RULE, both),
            "CREATE TABLE t (id INT PRIMARY KEY) WITHOUT ROWID;"
        );
        let last = "CREATE TABLE t (id INT PRIMARY KEY) WITHOUT ROWID, STRICT";
        assert_eq!(
            fixed(&super::RULE, last),
            "CREATE TABLE t (id INT PRIMARY KEY) WITHOUT ROWID"
        );
    }

    #[test]
    fn ignores_columns_named_strict_and_unparsable_bodies_still_flagged() {
        assert!(flagged(&super::RULE, "CREATE TABLE t (strict INT);").is_empty());
        assert_eq!(
            fixed(&super::RULE, "CREATE TABLE t (a INT) STRICT,"),
            "CREATE TABLE t (a INT),"
        );
        assert_eq!(
            flagged(&super::RULE, "CREATE TABLE t (a foo bar (1)) STRICT;"),
            ["STRICT"]
        );
    }
}
