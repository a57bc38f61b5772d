//! `CREATE INDEX … ON t USING gin|gist|btree|hash|brin (…)`: PostgreSQL's
//! index access methods. SQLite has only B-tree indexes and rejects `USING`.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

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
    let Some(kind) = ctx.creates("INDEX") else {
        return;
    };
    let Some(on) = (kind..ctx.tokens.len()).find(|&i| ctx.is_word(i, "ON")) else {
        return;
    };
    let Some(using) = (on..ctx.tokens.len())
        .take_while(|&i| ctx.tokens[i].kind != sqlparser::tokenizer::Token::LParen)
        .find(|&i| ctx.is_word(i, "USING"))
    else {
        return;
    };
    let Some(method) = ctx.tokens.get(using + 1) else {
        return;
    };
    let name = ctx.text(&method.span).to_ascii_lowercase();
    let span = ctx.token_span(using, using + 1);
    if name == "btree" {
        let end = ctx.tokens.get(using + 2).map_or(method.span.end, |t| t.span.start);
        out.report(
            span,
            "`USING btree` names PostgreSQL's default index method; SQLite rejects `USING`",
            "leave `USING btree` out: B-tree is the default on both engines",
        )
        .with_fix(Fix::removal(Applicability::Safe, "remove `USING btree`", ctx.tokens[using].span.start..end));
    } else {
        out.report(
            span,
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
            flagged(&RULE, "create index if not exists i ON artifacts USING btree (a); CREATE INDEX j ON t USING gin (doc jsonb_path_ops) WHERE x USING"),
            ["USING btree", "USING gin"]
        );
    }

    #[test]
    fn removes_btree_only() {
        assert_eq!(
            fixed(&RULE, "CREATE INDEX i ON t USING btree (a); CREATE INDEX j ON t USING gin (b);"),
            "CREATE INDEX i ON t (a); CREATE INDEX j ON t USING gin (b);"
        );
    }

    #[test]
    fn other_using_stays_silent() {
        assert!(flagged(&RULE, "DELETE FROM t USING u WHERE t.id = u.id; CREATE TABLE using_t (a int)").is_empty());
    }
}
