//! `CREATE INDEX … ON t USING gin|gist|btree|hash|brin (…)`: PostgreSQL's
//! index access methods. SQLite has only B-tree indexes and rejects `USING`.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "index-access-method",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE INDEX … USING gin|gist|btree`: SQLite has only B-tree indexes and rejects `USING`",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::USING],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(method) = ctx
        .model()
        .create_index
        .as_ref()
        .and_then(|i| i.using.as_ref())
    else {
        return;
    };
    let name = &method.name;
    if name == "btree" {
        out.report(
            method.span.clone(),
            "`USING btree` names PostgreSQL's default index method; SQLite rejects `USING`",
            "leave `USING btree` out: B-tree is the default on both engines",
        )
        .with_fix(Fix::removal(
            Applicability::Safe,
            "remove `USING btree`",
            method.removal.clone(),
        ));
    } else {
        out.report(
            method.span.clone(),
            format!("`USING {name}` is a PostgreSQL index method; SQLite has only B-tree indexes and rejects `USING`"),
            "use a plain index where both engines need one; a GIN/GiST index for PostgreSQL-only queries belongs in a PostgreSQL-only migration",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_the_method() {
        assert_eq!(
            flagged(
                &RULE,
                "create index if not exists i ON artifacts USING btree (a); CREATE INDEX j ON t USING gin (doc jsonb_path_ops) WHERE x USING"
            ),
            ["USING btree", "USING gin"]
        );
    }

    #[test]
    fn removes_btree_only() {
        assert_eq!(
            fixed(
                &RULE,
                "CREATE INDEX i ON t USING btree (a); CREATE INDEX j ON t USING gin (b);"
            ),
            "CREATE INDEX i ON t (a); CREATE INDEX j ON t USING gin (b);"
        );
    }

    #[test]
    fn other_using_stays_silent() {
        assert!(
            flagged(
                &RULE,
                "DELETE FROM t USING u WHERE t.id = u.id; CREATE TABLE using_t (a int)"
            )
            .is_empty()
        );
    }
}
