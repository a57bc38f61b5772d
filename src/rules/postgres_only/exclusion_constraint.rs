//! `EXCLUDE USING gist (room WITH =, during WITH &&)`: PostgreSQL's
//! exclusion constraints. SQLite has none.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ConstraintKind;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "exclusion-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`EXCLUDE USING …` exclusion constraints: SQLite has none",
    check,
    triggers: &[Keyword::EXCLUDE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let constraints = &ctx.model().table_constraints;
    for exclude in constraints
        .iter()
        .filter(|c| c.kind == ConstraintKind::Exclude)
    {
        out.report(
            exclude.keyword.start
                ..exclude
                    .using
                    .as_ref()
                    .map_or(exclude.keyword.end, |m| m.span.end),
            "exclusion constraints are PostgreSQL-only; SQLite rejects `EXCLUDE`",
            "check for overlaps in the storage code, inside the transaction that writes the row",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_exclude_constraints() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE TABLE b (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&))"
            ),
            ["EXCLUDE USING gist"]
        );
        assert!(flagged(&RULE, "CREATE TABLE b (exclude int); SELECT 'EXCLUDE'").is_empty());
    }
}
