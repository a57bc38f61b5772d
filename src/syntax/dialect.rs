//! The sqlparser dialects dal-audit tokenizes and parses with.

use std::sync::LazyLock;

use sqlparser::derive_dialect;
use sqlparser::dialect::{Dialect, GenericDialect, PostgreSqlDialect, SQLiteDialect};

// SQLite's dialect, except that `$tag$…$tag$` is a dollar-quoted string as in
// PostgreSQL: with SQLite's own rule a PL/pgSQL body becomes a run of
// placeholders and the splitter would cut the function at its inner `;`.
// `E'…'` is PostgreSQL's escape string (SQLite has no such syntax): read
// whole, a `\'` inside it does not end the string and derail the file.
derive_dialect!(
    LintDialect,
    SQLiteDialect,
    preserve_type_id = true,
    overrides = { supports_dollar_placeholder = false, supports_string_escape_constant = true }
);

/// The dialects a statement is parsed with, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseDialect {
    Sqlite,
    Postgres,
    Generic,
}

impl ParseDialect {
    pub const ALL: [ParseDialect; 3] = [
        ParseDialect::Sqlite,
        ParseDialect::Postgres,
        ParseDialect::Generic,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ParseDialect::Sqlite => "SQLite",
            ParseDialect::Postgres => "PostgreSQL",
            ParseDialect::Generic => "generic",
        }
    }

    pub fn dialect(self) -> &'static dyn Dialect {
        static LINT: LazyLock<LintDialect> = LazyLock::new(LintDialect::new);
        match self {
            ParseDialect::Sqlite => &*LINT,
            ParseDialect::Postgres => &PostgreSqlDialect {},
            ParseDialect::Generic => &GenericDialect {},
        }
    }
}

/// The dialect whose tokens the whole file is split and token-linted with.
pub fn lint_dialect() -> &'static dyn Dialect {
    ParseDialect::Sqlite.dialect()
}

// The derived dialect must keep SQLite's identity so that sqlparser's
// `dialect_of!(… is SQLiteDialect)` branches (backticks, `[ident]`, AUTOINCREMENT) apply.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_dialect_is_sqlite_with_dollar_quotes() {
        let d = lint_dialect();
        assert!(d.is::<SQLiteDialect>());
        assert!(!d.supports_dollar_placeholder());
    }
}
