//! `INTERVAL '1 day'`, `DATE '2024-01-01'`, `TIMESTAMP '…'`: typed
//! literals. SQLite has no typed literals: it reads `DATE` as a column name
//! and rejects the string after it.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "typed-literal",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`INTERVAL '1 day'`, `DATE '…'`, `TIMESTAMP '…'` typed literals: SQLite rejects them",
    check,
    triggers: &[Keyword::INTERVAL, Keyword::DATE, Keyword::TIME, Keyword::TIMESTAMP, Keyword::TIMESTAMPTZ, Keyword::TIMETZ],
    ..Rule::DEFAULT
};

const TYPES: [&str; 6] = ["INTERVAL", "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "TIMETZ"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 0..ctx.tokens.len() {
        let Some(name) = TYPES.iter().find(|t| ctx.is_word(i, t)) else {
            continue;
        };
        // `TIMESTAMP WITH TIME ZONE '…'`.
        let mut string = i + 1;
        if ctx.words_at(string, &["WITH", "TIME", "ZONE"]) || ctx.words_at(string, &["WITHOUT", "TIME", "ZONE"]) {
            string += 3;
        }
        if !matches!(ctx.tokens.get(string).map(|t| &t.kind), Some(SqlToken::SingleQuotedString(_))) {
            continue;
        }
        // `DEFAULT 'x'` after a column type is a default, not a literal.
        if i > 0 && !matches!(ctx.tokens[i - 1].kind, SqlToken::Word(ref w) if w.quote_style.is_none() && w.keyword != sqlparser::keywords::Keyword::NoKeyword) && matches!(ctx.tokens[i - 1].kind, SqlToken::Word(_)) {
            continue;
        }
        let help = if *name == "INTERVAL" {
            "compute the moment in the storage code and bind it, or store durations as a number of seconds"
        } else {
            "write the plain string `'2024-01-01'` (PostgreSQL casts it to the column's type) or bind the value"
        };
        out.report(
            ctx.token_span(i, string),
            format!("`{name} '…'` is a typed literal; SQLite rejects it"),
            help,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_typed_literals() {
        assert_eq!(
            flagged(&RULE, "INSERT INTO d (event, value) VALUES ('blob', interval '1 day'), ('x', DATE 'today')"),
            ["interval '1 day'", "DATE 'today'"]
        );
        assert!(flagged(&RULE, "CREATE TABLE t (d date DEFAULT '2020-01-01', e timestamp); SELECT 'DATE ''x'''").is_empty());
    }
}
