//! `CREATE INDEX … (a) INCLUDE (b)`: PostgreSQL's covering-index columns.
//! SQLite rejects `INCLUDE`.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::ClauseKind;

pub static RULE: Rule = Rule {
    id: "index-include",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE INDEX … INCLUDE (…)` covering columns: SQLite rejects them",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::INCLUDE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(index) = &ctx.model().create_index else {
        return;
    };
    for include in index.clauses_of(ClauseKind::Include) {
        out.report(
            include.span.clone(),
            "`INCLUDE (…)` covering columns are PostgreSQL-only; SQLite rejects them",
            "leave `INCLUDE` out (the index still serves the same queries), or add the columns at the end of the key list",
        )
        .with_fix(Fix::removal(
            // The index then no longer covers those columns: slower, same results.
            Applicability::Unsafe,
            "remove the INCLUDE clause",
            include.removal.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_include() {
        let sql = "CREATE INDEX i ON c (n) INCLUDE (local, nsfw) WHERE NOT deleted;";
        assert_eq!(flagged(&RULE, sql), ["INCLUDE (local, nsfw)"]);
        assert_eq!(
            fixed(&RULE, sql),
            "CREATE INDEX i ON c (n) WHERE NOT deleted;"
        );
        assert!(flagged(&RULE, "CREATE INDEX i ON c (include)").is_empty());
    }
}
