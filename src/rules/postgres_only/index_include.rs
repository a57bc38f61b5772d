//! `CREATE INDEX … (a) INCLUDE (b)`: PostgreSQL's covering-index columns.
//! SQLite rejects `INCLUDE`.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "index-include",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE INDEX … INCLUDE (…)` covering columns: SQLite rejects them",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::INCLUDE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.creates("INDEX") else {
        return;
    };
    let Some(include) = (kind..ctx.tokens.len()).find(|&i| {
        ctx.is_word(i, "INCLUDE") && ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen)
    }) else {
        return;
    };
    let close = ctx.matching_paren(include + 1).unwrap_or(include + 1);
    let span = ctx.token_span(include, close);
    let start = ctx.tokens[include - 1].span.end;
    out.report(
        span,
        "`INCLUDE (…)` covering columns are PostgreSQL-only; SQLite rejects them",
        "leave `INCLUDE` out (the index still serves the same queries), or add the columns at the end of the key list",
    )
    .with_fix(Fix::removal(
        // The index then no longer covers those columns: slower, same results.
        Applicability::Unsafe,
        "remove the INCLUDE clause",
        start..ctx.tokens[close].span.end,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_include() {
        let sql = "CREATE INDEX i ON c (n) INCLUDE (local, nsfw) WHERE NOT deleted;";
        assert_eq!(flagged(&RULE, sql), ["INCLUDE (local, nsfw)"]);
        assert_eq!(fixed(&RULE, sql), "CREATE INDEX i ON c (n) WHERE NOT deleted;");
        assert!(flagged(&RULE, "CREATE INDEX i ON c (include)").is_empty());
    }
}
