//! `COLLATE NOCASE`, `COLLATE RTRIM`, `COLLATE BINARY`: SQLite's built-in
//! collations. PostgreSQL has none of them.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "sqlite-collation",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`COLLATE NOCASE/RTRIM/BINARY` are SQLite collations PostgreSQL does not have",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::COLLATE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for collation in ctx.model().collations.iter().filter(|c| c.simple) {
        let name = collation.name.to_ascii_uppercase();
        let help = match name.as_str() {
            "NOCASE" => {
                "PostgreSQL has no case-insensitive collation by that name: compare `lower(a) = lower(b)` \
                         (and index `lower(a)`), which runs the same on both engines"
            }
            "RTRIM" => "PostgreSQL has no RTRIM collation: compare `rtrim(a) = rtrim(b)`",
            "BINARY" => {
                "drop `COLLATE BINARY`: it is SQLite's default, and PostgreSQL rejects the name"
            }
            _ => continue,
        };
        let diagnostic = out.report(
            collation.span.clone(),
            format!(
                "`COLLATE {}` is a SQLite collation; PostgreSQL has no collation \"{}\"",
                collation.name,
                collation.name.to_ascii_lowercase()
            ),
            help,
        );
        if name == "BINARY" {
            diagnostic.with_fix(Fix::removal(
                Applicability::Safe,
                "remove `COLLATE BINARY`",
                collation.removal.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_sqlite_collations() {
        let sql = "CREATE TABLE u (name TEXT COLLATE NOCASE, login TEXT COLLATE BINARY NOT NULL, c TEXT COLLATE \"C\");";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["COLLATE NOCASE", "COLLATE BINARY"]
        );
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE u (name TEXT COLLATE NOCASE, login TEXT NOT NULL, c TEXT COLLATE \"C\");"
        );
    }
}
