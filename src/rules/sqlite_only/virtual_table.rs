//! `CREATE VIRTUAL TABLE … USING fts5(…)`: SQLite's module tables (full-text
//! search, R*Tree). PostgreSQL has no virtual tables.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "virtual-table",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`CREATE VIRTUAL TABLE` (FTS, R*Tree) is SQLite-only",
    check,
    triggers: &[Keyword::VIRTUAL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    if head.ddl_object() != Some(ObjectKind::VirtualTable) {
        return;
    }
    let module = head.clause(ClauseKind::Module);
    let end = module.as_ref().map_or(head.span.end, |m| m.end);
    let name = module.as_ref().map_or("module", |m| ctx.text(m));
    out.report(
        head.span.start..end,
        format!("`CREATE VIRTUAL TABLE … USING {name}` is SQLite-only; PostgreSQL rejects it as a syntax error"),
        "keep search indexes out of the shared migrations: a `tsvector` column with a GIN index on PostgreSQL and an \
         FTS5 table on SQLite, each in its engine's own migration, behind one search function in the storage code",
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_up_to_the_module_name() {
        let sql =
            "CREATE VIRTUAL TABLE IF NOT EXISTS c USING fts5(title, content, tokenize = 'porter');";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["CREATE VIRTUAL TABLE IF NOT EXISTS c USING fts5"]
        );
        assert!(flagged(&super::RULE, "CREATE TABLE virtual (a int);").is_empty());
    }

    #[test]
    fn names_a_quoted_module_as_written() {
        let found = crate::testing::findings_with_targets(
            &super::RULE,
            "CREATE VIRTUAL TABLE f USING \"fts5\"(a);",
            &["postgres>=14"],
        );
        assert!(
            found[0].message.contains("USING \"fts5\"`"),
            "{}",
            found[0].message
        );
    }
}
