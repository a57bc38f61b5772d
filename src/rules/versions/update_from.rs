//! `UPDATE t SET … FROM other`: SQLite accepts it from 3.33 on.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::project::targets::Version;

pub static RULE: Rule = Rule {
    id: "update-from",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`UPDATE … FROM` needs SQLite 3.33",
    requires: &[(Engine::Sqlite, Version::new(3, 33))],
    check,
    triggers: &[Keyword::UPDATE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(update) = (0..ctx.tokens.len()).find(|&i| ctx.keyword(i) == Some(Keyword::UPDATE))
    else {
        return;
    };
    if !matches!(ctx.keyword(0), Some(Keyword::UPDATE | Keyword::WITH)) {
        return;
    }
    // The first `FROM` after `SET` at the statement's own level.
    let mut depth = 0usize;
    let mut after_set = false;
    for i in update + 1..ctx.tokens.len() {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => match ctx.keyword(i) {
                Some(Keyword::SET) => after_set = true,
                Some(Keyword::WHERE | Keyword::RETURNING) => return,
                Some(Keyword::FROM) if after_set => {
                    report_if_too_old(
                        ctx,
                        out,
                        ctx.tokens[i].span.clone(),
                        "`UPDATE … FROM`",
                        "raise the SQLite target to 3.33, or use a correlated subquery: `SET c = (SELECT … WHERE other.id = t.id)`",
                    );
                    return;
                }
                _ => {}
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["sqlite>=3.30"])
    }

    #[test]
    fn flags_the_from_of_an_update() {
        assert_eq!(flagged("UPDATE t SET a = s.a FROM s WHERE s.id = t.id"), ["FROM"]);
        let sql = "UPDATE t SET a = s.a FROM s";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.33"]).is_empty());
    }

    #[test]
    fn ignores_subqueries_and_other_statements() {
        for sql in [
            "UPDATE t SET a = (SELECT max(b) FROM s) WHERE id IN (SELECT id FROM u)",
            "DELETE FROM t WHERE a = 1",
            "CREATE TRIGGER tr AFTER UPDATE ON t BEGIN SELECT 1 FROM t; END",
        ] {
            assert!(flagged(sql).is_empty(), "{sql}");
        }
    }
}
