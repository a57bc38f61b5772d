//! `INSERT/UPDATE/DELETE … RETURNING`: SQLite accepts it from 3.35 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "returning-clause",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`RETURNING` needs SQLite 3.35",
    requires: &[(Engine::Sqlite, Version::new(3, 35))],
    check,
    triggers: &[Keyword::RETURNING],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::Returning) {
        report_if_too_old(
            ctx,
            out,
            clause.span.clone(),
            "`RETURNING`",
            "raise the SQLite target to 3.35, or read the rows back with a SELECT in the same transaction",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings, findings_with_targets};

    const SQL: &str = "INSERT INTO t (a) VALUES (1) RETURNING id";

    #[test]
    fn fires_only_for_sqlite_targets_before_3_35() {
        let old = findings_with_targets(&RULE, SQL, &["sqlite>=3.24", "postgres>=13"]);
        assert_eq!(old.len(), 1);
        assert_eq!(
            old[0].message,
            "`RETURNING` needs SQLite 3.35; your targets include sqlite>=3.24"
        );
        assert_eq!(&SQL[old[0].span.clone()], "RETURNING id");
        assert!(findings(&RULE, SQL).is_empty());
        assert!(findings_with_targets(&RULE, SQL, &["postgres>=9.6"]).is_empty());
    }

    #[test]
    fn ignores_the_word_in_strings_and_other_statements() {
        let targets = &["sqlite>=3.20"];
        assert!(
            findings_with_targets(&RULE, "INSERT INTO t VALUES ('RETURNING x')", targets)
                .is_empty()
        );
        assert!(findings_with_targets(&RULE, "-- RETURNING\nSELECT 1", targets).is_empty());
        assert!(
            findings_with_targets(&RULE, "CREATE FUNCTION f() RETURNS int AS $$ UPDATE t SET a = 1 RETURNING a $$ LANGUAGE sql", targets)
                .is_empty()
        );
    }
}
