//! `DELETE FROM t USING u WHERE …`: PostgreSQL's join in a DELETE. SQLite
//! rejects `USING`; a subquery says the same on both engines.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "delete-using",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DELETE … USING`: SQLite has no joins in DELETE",
    check,
    triggers: &[Keyword::DELETE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(delete) = ctx.find_words(0..ctx.tokens.len(), &["DELETE", "FROM"]) else {
        return;
    };
    // `USING` within the table reference: `DELETE FROM [ONLY] t [[AS] a] USING`.
    let Some(using) = (delete + 2..(delete + 7).min(ctx.tokens.len())).find(|&i| ctx.is_word(i, "USING")) else {
        return;
    };
    if (delete + 2..using).any(|i| ctx.is_word(i, "WHERE")) {
        return;
    }
    out.report(
        ctx.tokens[using].span.clone(),
        "`DELETE … USING` is PostgreSQL-only; SQLite rejects `USING`",
        "select the rows with a subquery: `DELETE FROM t WHERE id IN (SELECT t.id FROM t JOIN u ON …)` or `WHERE EXISTS (…)`",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_using_in_delete() {
        assert_eq!(flagged(&RULE, "DELETE FROM person_aggregates AS a USING (SELECT 1) b WHERE a.id = b.id"), ["USING"]);
        assert!(flagged(&RULE, "DELETE FROM t WHERE id IN (SELECT id FROM u JOIN v USING (id))").is_empty());
    }
}
