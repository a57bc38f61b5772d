//! `REINDEX INDEX|TABLE|SCHEMA|DATABASE …` and `REINDEX CONCURRENTLY`:
//! PostgreSQL's spelling. SQLite's REINDEX takes a bare name only.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "reindex",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`REINDEX TABLE|INDEX|CONCURRENTLY …`: SQLite's REINDEX takes only a name",
    check,
    triggers: &[Keyword::REINDEX],
    ..Rule::DEFAULT
};

const PG_WORDS: [&str; 6] = ["INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM", "CONCURRENTLY"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx.is_word(0, "REINDEX") {
        return;
    }
    let pg_form = PG_WORDS.iter().any(|w| ctx.is_word(1, w))
        || ctx.tokens.get(1).is_some_and(|t| t.kind == sqlparser::tokenizer::Token::LParen);
    if !pg_form {
        return;
    }
    out.report(
        ctx.span.clone(),
        "PostgreSQL's `REINDEX` form; SQLite's REINDEX accepts only a bare table, index or collation name",
        "write `REINDEX name` (both engines accept it only for indexes on SQLite; on PostgreSQL it needs the kind), or leave index maintenance out of the migrations",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_postgres_forms_only() {
        assert_eq!(flagged(&RULE, "REINDEX INDEX CONCURRENTLY i; REINDEX i"), ["REINDEX INDEX CONCURRENTLY i"]);
    }
}
