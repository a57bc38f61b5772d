//! `?`, `:name`, `@name`, `$name`: SQLite's parameter spellings. PostgreSQL
//! only binds `$1`, `$2`… (`?1` belongs to the `numbered-placeholder` rule).

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "sqlite-placeholder",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`?`, `:name`, `@name`, `$name` parameters: PostgreSQL only binds `$1`, `$2`…",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 0..ctx.tokens.len() {
        let Some(last) = placeholder_end(ctx, i) else {
            continue;
        };
        let span = ctx.token_span(i, last);
        out.report(
            span.clone(),
            format!("`{}` is a SQLite parameter; PostgreSQL only knows numbered `$1`, `$2`…", ctx.text(&span)),
            "number the parameters `$1`, `$2`… in the order the storage code binds them: both engines accept that spelling",
        );
    }
}

/// The last token of a placeholder starting at token `i`.
fn placeholder_end(ctx: &StatementCtx, i: usize) -> Option<usize> {
    let glued_to_previous = i > 0 && ctx.adjacent(i - 1);
    match &ctx.tokens[i].kind {
        // PostgreSQL's jsonb operators `doc ? 'key'`, `doc ?| ARRAY[…]`: a
        // parameter is never followed directly by a string or an array.
        SqlToken::Placeholder(p) if p == "?" => (!is_jsonb_operator(ctx, i)).then_some(i),
        SqlToken::Placeholder(p) => {
            let name = p.strip_prefix('$')?;
            (!name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit())).then_some(i)
        }
        // `:name` and `@name` come as two tokens; `a::int` is one `::` token.
        SqlToken::Colon | SqlToken::AtSign if !glued_to_previous && ctx.adjacent(i) => {
            matches!(&ctx.tokens[i + 1].kind, SqlToken::Word(w) if w.quote_style.is_none()).then_some(i + 1)
        }
        _ => None,
    }
}

fn is_jsonb_operator(ctx: &StatementCtx, i: usize) -> bool {
    match ctx.tokens.get(i + 1).map(|t| &t.kind) {
        Some(SqlToken::SingleQuotedString(_) | SqlToken::Pipe | SqlToken::Ampersand) => true,
        Some(_) => ctx.is_word(i + 1, "ARRAY"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_each_sqlite_spelling() {
        let sql = "SELECT * FROM t WHERE a = ? AND b = :name AND c = @other AND d = $var AND e = $1 AND f = ?2;";
        assert_eq!(flagged(&super::RULE, sql), ["?", ":name", "@other", "$var"]);
    }

    #[test]
    fn silent_on_casts_strings_and_comments() {
        assert!(flagged(&super::RULE, "SELECT a::int, ':x', '?' FROM t -- = ?\n;").is_empty());
        let jsonb = "SELECT * FROM r WHERE p ? 'goals' AND q ?| ARRAY['a'] AND s ?& ARRAY['b'];";
        assert!(flagged(&super::RULE, jsonb).is_empty());
    }
}
