//! `CREATE TABLE t (LIKE other …)`: PostgreSQL copies the other table's
//! columns. SQLite reads `LIKE other` as one column named `LIKE` of type
//! `other`, so the table silently gets the wrong columns (and `INCLUDING
//! ALL` is a syntax error there).

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "create-table-like",
    group: "postgres_only",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite],
    summary: "`CREATE TABLE t (LIKE other)`: SQLite creates one column named LIKE instead of copying the columns",
    check,
    triggers: &[Keyword::LIKE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.creates("TABLE") else {
        return;
    };
    let Some(open) = (kind..ctx.tokens.len()).find(|&i| ctx.tokens[i].kind == SqlToken::LParen) else {
        return;
    };
    let close = ctx.matching_paren(open).unwrap_or(ctx.tokens.len());
    for element in ctx.split_top_level(open + 1..close) {
        if element.is_empty() || !ctx.is_word(element.start, "LIKE") {
            continue;
        }
        let diagnostic = out.report(
            ctx.token_span(element.start, element.end - 1),
            "`LIKE other` copies the other table's columns on PostgreSQL only; SQLite creates a single column named `LIKE` instead",
            "write the columns out in the CREATE TABLE",
        );
        // `INCLUDING ALL` is no type name SQLite can read: there it is rejected outright.
        if element.clone().any(|i| ctx.is_word(i, "ALL")) {
            diagnostic.severity = crate::diagnostic::Severity::Error;
            diagnostic.message = "`LIKE other INCLUDING ALL` copies the other table's columns on PostgreSQL only; SQLite rejects it".into();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    fn errors(sql: &str) -> Vec<crate::Severity> {
        let options = crate::LintOptions { rules: vec![&RULE], ..Default::default() };
        let report = crate::lint_source(crate::SourceFile::new("t.sql", sql), &options);
        report.diagnostics.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn flags_like_elements() {
        assert_eq!(
            flagged(&RULE, "CREATE TABLE b (LIKE a INCLUDING ALL, extra int)"),
            ["LIKE a INCLUDING ALL"]
        );
        assert_eq!(
            errors("CREATE TABLE b (LIKE a INCLUDING ALL); CREATE TABLE c (LIKE a)"),
            [crate::Severity::Error, crate::Severity::Warning]
        );
        assert!(flagged(&RULE, "CREATE TABLE b (a text CHECK (a LIKE 'x%')); SELECT * FROM t WHERE a LIKE 'b'").is_empty());
    }
}
