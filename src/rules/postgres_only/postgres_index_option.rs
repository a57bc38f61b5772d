//! PostgreSQL-only parts of `CREATE INDEX`: operator classes
//! (`(name text_pattern_ops)`), storage parameters `WITH (…)` and
//! `TABLESPACE`. SQLite rejects them. (`USING method` and `INCLUDE` have
//! their own rules.)

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ClauseKind;

pub static RULE: Rule = Rule {
    id: "postgres-index-option",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "index operator classes (`text_pattern_ops`), `WITH (…)` and `TABLESPACE` on CREATE INDEX: SQLite rejects them",
    check,
    triggers: &[Keyword::INDEX],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(index) = &ctx.model().create_index else {
        return;
    };
    for class in &index.operator_classes {
        out.report(
            class.span.clone(),
            format!("operator class `{}` is PostgreSQL-only; SQLite rejects it in an index", ctx.text(&class.span)),
            "leave the operator class out where both engines need the index; a pattern-matching index for PostgreSQL belongs in a PostgreSQL-only migration",
        );
    }
    let storage = index
        .clauses
        .iter()
        .filter(|c| matches!(c.kind, ClauseKind::With | ClauseKind::Tablespace));
    for option in storage {
        out.report(
            option.span.clone(),
            format!(
                "`{}` is a PostgreSQL index option; SQLite rejects it",
                ctx.text(&option.keyword)
            ),
            "leave storage options out of portable migrations",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_opclasses_and_storage_options() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE INDEX i ON t (name text_pattern_ops, lower(b) varchar_pattern_ops DESC) WITH (fillfactor = 70) TABLESPACE fast"
            ),
            [
                "text_pattern_ops",
                "varchar_pattern_ops",
                "WITH (fillfactor = 70)",
                "TABLESPACE fast"
            ]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE INDEX i ON t (my_ops, b DESC) WHERE a_ops > 1"
            )
            .is_empty()
        );
    }
}
