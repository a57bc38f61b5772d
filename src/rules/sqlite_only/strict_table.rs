//! `CREATE TABLE … (…) STRICT`: SQLite's type-checked tables. PostgreSQL
//! always checks types and has no such table option.

use sqlparser::keywords::Keyword;
use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::model::is_create_table;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "strict-table",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`STRICT` tables are SQLite-only; PostgreSQL rejects the table option",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::STRICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for option in table_options(ctx) {
        if option.len() != 1 || !ctx.is_word(option.start, "STRICT") {
            continue;
        }
        out.report(
            ctx.token_span(option.start, option.end - 1),
            "`STRICT` is a SQLite table option; PostgreSQL rejects it as a syntax error",
            "drop `STRICT`: PostgreSQL checks every column's type anyway; on SQLite, validate values in the storage code \
             or with `CHECK (typeof(col) = 'integer')`-style constraints kept in SQLite-only migrations",
        )
        .with_fix(remove_option(ctx, &option, "remove `STRICT`"));
    }
}

/// The table options after a `CREATE TABLE`'s column list, each as a token
/// range: `STRICT`, `WITHOUT ROWID`.
pub(crate) fn table_options(ctx: &StatementCtx) -> Vec<Range<usize>> {
    if !is_create_table(ctx) {
        return Vec::new();
    }
    let Some(open) = ctx.tokens.iter().position(|t| t.kind == SqlToken::LParen) else {
        return Vec::new();
    };
    let Some(close) = ctx.matching_paren(open) else {
        return Vec::new();
    };
    let end = ctx
        .tokens
        .iter()
        .rposition(|t| t.kind != SqlToken::SemiColon)
        .map_or(0, |i| i + 1);
    let mut options = Vec::new();
    let mut start = close + 1;
    for i in close + 1..=end {
        if i == end || ctx.tokens[i].kind == SqlToken::Comma {
            if i > start {
                options.push(start..i);
            }
            start = i + 1;
        }
    }
    options
}

/// Removes one table option with the comma that joins it to its neighbours.
pub(crate) fn remove_option(ctx: &StatementCtx, option: &Range<usize>, message: &str) -> Fix {
    let before = option.start - 1;
    let last = option.end - 1;
    let followed_by_comma = ctx.tokens.get(option.end).is_some_and(|t| t.kind == SqlToken::Comma);
    let span = if ctx.tokens[before].kind == SqlToken::Comma {
        // `…, STRICT`: drop from the end of the previous option.
        ctx.tokens[before - 1].span.end..ctx.tokens[last].span.end
    } else if let Some(next) = ctx.tokens.get(option.end + 1).filter(|_| followed_by_comma) {
        // `) STRICT, WITHOUT ROWID`: drop up to the next option.
        ctx.tokens[option.start].span.start..next.span.start
    } else {
        ctx.tokens[before].span.end..ctx.tokens[last].span.end
    };
    Fix::removal(
        // Without the option SQLite stops checking types (STRICT) or stores the
        // table with a rowid (WITHOUT ROWID): same data, other guarantees.
        Applicability::Unsafe,
        message,
        span,
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_removes_the_option() {
        let sql = "CREATE TABLE t (id INTEGER NOT NULL, strict TEXT) STRICT;";
        assert_eq!(flagged(&super::RULE, sql), ["STRICT"]);
        assert_eq!(fixed(&super::RULE, sql), "CREATE TABLE t (id INTEGER NOT NULL, strict TEXT);");
        let both = "CREATE TABLE t (id INT PRIMARY KEY) STRICT, WITHOUT ROWID;";
        assert_eq!(fixed(&super::RULE, both), "CREATE TABLE t (id INT PRIMARY KEY) WITHOUT ROWID;");
        let last = "CREATE TABLE t (id INT PRIMARY KEY) WITHOUT ROWID, STRICT";
        assert_eq!(fixed(&super::RULE, last), "CREATE TABLE t (id INT PRIMARY KEY) WITHOUT ROWID");
    }

    #[test]
    fn ignores_columns_named_strict_and_unparsable_bodies_still_flagged() {
        assert!(flagged(&super::RULE, "CREATE TABLE t (strict INT);").is_empty());
        assert_eq!(fixed(&super::RULE, "CREATE TABLE t (a INT) STRICT,"), "CREATE TABLE t (a INT),");
        assert_eq!(flagged(&super::RULE, "CREATE TABLE t (a foo bar (1)) STRICT;"), ["STRICT"]);
    }
}
