//! `CREATE TABLE … ) STRICT`: SQLite accepts it from 3.37 on. (That
//! PostgreSQL has no STRICT tables at all is another rule's finding; this one
//! is only about the SQLite version.)

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::TableOptionKind;

pub static RULE: Rule = Rule {
    id: "strict-table-version",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`STRICT` tables need SQLite 3.37",
    requires: &[(Engine::Sqlite, Version::new(3, 37))],
    check,
    triggers: &[Keyword::STRICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let options = &ctx.model().table_options;
    for strict in options.iter().filter(|o| o.kind == TableOptionKind::Strict) {
        report_if_too_old(
            ctx,
            out,
            strict.span.clone(),
            "a `STRICT` table",
            "raise the SQLite target to 3.37, or drop `STRICT` (and check the column types in the storage code)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn flags_strict_after_the_column_list_for_old_targets() {
        let sql = "CREATE TABLE t (strict_mode TEXT) WITHOUT ROWID, STRICT";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.36"]);
        assert_eq!(found.len(), 1);
        assert_eq!(&sql[found[0].span.clone()], "STRICT");
        assert!(
            found[0]
                .message
                .contains("needs SQLite 3.37; your targets include sqlite>=3.36")
        );
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.37"]).is_empty());
    }

    #[test]
    fn ignores_a_column_named_strict() {
        let sql = "CREATE TABLE t (\"strict\" TEXT, strict INTEGER)";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.20"]).is_empty());
    }
}
