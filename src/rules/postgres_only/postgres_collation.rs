//! `COLLATE "C"`, `COLLATE "en_US"`, `COLLATE "und-x-icu"`: PostgreSQL
//! collations. SQLite knows only BINARY, NOCASE and RTRIM and rejects any
//! other name (`no such collation sequence`).

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-collation",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`COLLATE \"C\"` and other PostgreSQL collations: SQLite knows only BINARY, NOCASE and RTRIM",
    check,
    triggers: &[Keyword::COLLATE],
    ..Rule::DEFAULT
};

const SQLITE_COLLATIONS: [&str; 3] = ["binary", "nocase", "rtrim"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for collation in &ctx.model().collations {
        if SQLITE_COLLATIONS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(&collation.name))
        {
            continue;
        }
        out.report(
            collation.span.clone(),
            format!("`{}`: SQLite has no such collation (it knows BINARY, NOCASE and RTRIM)", ctx.text(&collation.span)),
            "leave the collation out (both engines then compare bytes for `\"C\"`-like ordering on SQLite and the database default on PostgreSQL), or compare `lower(x)` for case-insensitive matching",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_unknown_collations() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE INDEX i ON t (object_id collate \"C\", b COLLATE pg_catalog.\"default\", c COLLATE NOCASE)"
            ),
            ["collate \"C\"", "COLLATE pg_catalog.\"default\""]
        );
    }
}
