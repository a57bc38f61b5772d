//! `LIMIT 10, 20`: SQLite's (and MySQL's) offset-first limit. PostgreSQL
//! rejects it: "LIMIT #,# syntax is not supported".

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "limit-comma-offset",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`LIMIT offset, count` is SQLite-only; write `LIMIT count OFFSET offset`",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::LIMIT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for limit in (0..ctx.tokens.len()).filter(|&i| ctx.is_word(i, "LIMIT")) {
        let Some(comma) = clause_comma(ctx, limit + 1) else {
            continue;
        };
        let end = clause_end(ctx, comma + 1);
        if end <= comma + 1 {
            continue;
        }
        let offset = ctx.token_span(limit + 1, comma - 1);
        let count = ctx.token_span(comma + 1, end - 1);
        let rewrite = format!("LIMIT {} OFFSET {}", ctx.text(&count), ctx.text(&offset));
        out.report(
            ctx.token_span(limit, end - 1),
            "`LIMIT offset, count`: PostgreSQL fails with `LIMIT #,# syntax is not supported`",
            format!("write `{rewrite}`: both engines read it the same way (note the order: the count comes first)"),
        )
        .with_fix(Fix {
            applicability: Applicability::Safe,
            message: format!("write `{rewrite}`"),
            edits: vec![Edit {
                span: ctx.token_span(limit, end - 1),
                replacement: rewrite,
            }],
        });
    }
}

/// The depth-0 comma of the LIMIT clause that starts at `start`, if any.
fn clause_comma(ctx: &StatementCtx, start: usize) -> Option<usize> {
    let end = clause_end(ctx, start);
    (start + 1..end).find(|&i| ctx.tokens[i].kind == SqlToken::Comma && depth_zero(ctx, start, i))
}

fn depth_zero(ctx: &StatementCtx, from: usize, to: usize) -> bool {
    let mut depth = 0i32;
    for t in &ctx.tokens[from..to] {
        match t.kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// Index after the clause's last token: before an unmatched `)`, `;`, a set
/// operator or the statement's end.
fn clause_end(ctx: &StatementCtx, start: usize) -> usize {
    let mut depth = 0usize;
    for i in start..ctx.tokens.len() {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => return i,
            SqlToken::RParen => depth -= 1,
            SqlToken::SemiColon => return i,
            SqlToken::Comma if depth == 0 && i > start && ctx.tokens[start..i].iter().any(|t| t.kind == SqlToken::Comma) => {
                return i;
            }
            _ if depth == 0 && ["UNION", "EXCEPT", "INTERSECT", "OFFSET"].iter().any(|w| ctx.is_word(i, w)) => return i,
            _ => {}
        }
    }
    ctx.tokens.len()
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_swaps_the_numbers() {
        let sql = "SELECT * FROM (SELECT a FROM t LIMIT 10, 20) s LIMIT 5;";
        assert_eq!(flagged(&super::RULE, sql), ["LIMIT 10, 20"]);
        assert_eq!(fixed(&super::RULE, sql), "SELECT * FROM (SELECT a FROM t LIMIT 20 OFFSET 10) s LIMIT 5;");
        assert!(flagged(&super::RULE, "SELECT a FROM t LIMIT 20 OFFSET 10;").is_empty());
    }
}
