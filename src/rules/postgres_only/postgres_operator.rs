//! PostgreSQL-only operators: regular expressions (`~`, `~*`, `!~`,
//! `SIMILAR TO`), JSON and array containment (`@>`, `<@`, `?`, `?|`, `?&`,
//! `#>`, `#>>`, `#-`), overlap `&&`, text search `@@`, prefix `^@`, `AT TIME
//! ZONE`. SQLite
//! rejects them.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-operator",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "PostgreSQL-only operators (`~` regex, `@>`, `?`, `#>>`, `&&`, `@@`, `SIMILAR TO`, `AT TIME ZONE`…): SQLite rejects them",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        let span = if ctx.words_at(i, &["SIMILAR", "TO"]) {
            ctx.token_span(i, i + 1)
        } else if ctx.words_at(i, &["AT", "TIME", "ZONE"]) {
            ctx.token_span(i, i + 2)
        } else if is_postgres_operator(&token.kind) && i > 0 && ends_operand(&ctx.tokens[i - 1].kind)
            || is_question_operator(ctx, i)
        {
            token.span.clone()
        } else {
            continue;
        };
        out.report(
            span.clone(),
            format!("`{}` is a PostgreSQL-only operator; SQLite rejects it", ctx.text(&span)),
            "filter with LIKE, compare plain columns, or do regex and JSON matching in the storage code",
        );
    }
}

fn is_postgres_operator(kind: &SqlToken) -> bool {
    matches!(
        kind,
        SqlToken::Tilde
            | SqlToken::TildeAsterisk
            | SqlToken::ExclamationMarkTilde
            | SqlToken::ExclamationMarkTildeAsterisk
            | SqlToken::AtArrow
            | SqlToken::ArrowAt
            | SqlToken::HashArrow
            | SqlToken::HashLongArrow
            | SqlToken::HashMinus
            | SqlToken::Overlap
            | SqlToken::AtAt
            | SqlToken::CaretAt
            | SqlToken::Question
            | SqlToken::QuestionAnd
            | SqlToken::QuestionPipe
            | SqlToken::AtQuestion
    )
}

/// `doc ? 'key'`: SQLite's tokenizer reads a lone `?` as a parameter, so a
/// `?` between a name (or literal) and a string is PostgreSQL's key test.
fn is_question_operator(ctx: &StatementCtx, i: usize) -> bool {
    let SqlToken::Placeholder(p) = &ctx.tokens[i].kind else {
        return false;
    };
    let after_operand = i > 0
        && match &ctx.tokens[i - 1].kind {
            SqlToken::Word(w) => w.quote_style.is_some() || w.keyword == Keyword::NoKeyword,
            SqlToken::RParen | SqlToken::SingleQuotedString(_) => true,
            _ => false,
        };
    let before_operand = ctx.tokens.get(i + 1).is_some_and(|t| matches!(t.kind, SqlToken::SingleQuotedString(_) | SqlToken::LBracket));
    p == "?" && after_operand && before_operand
}

/// Whether a token can end the left operand of a binary operator (so `~x`,
/// SQLite's bitwise not, stays silent).
fn ends_operand(kind: &SqlToken) -> bool {
    match kind {
        SqlToken::Word(w) => w.quote_style.is_some() || !CLAUSE_WORDS.contains(&w.keyword),
        SqlToken::Number(..) | SqlToken::SingleQuotedString(_) | SqlToken::RParen | SqlToken::RBracket | SqlToken::Placeholder(_) => true,
        _ => false,
    }
}

/// Keywords after which an operator is unary (`SELECT ~x`, `WHERE ~x`).
const CLAUSE_WORDS: [Keyword; 22] = [
    Keyword::SELECT, Keyword::WHERE, Keyword::AND, Keyword::OR, Keyword::NOT, Keyword::ON, Keyword::WHEN,
    Keyword::THEN, Keyword::ELSE, Keyword::SET, Keyword::BY, Keyword::AS, Keyword::IN, Keyword::IS,
    Keyword::CASE, Keyword::RETURNING, Keyword::HAVING, Keyword::VALUES, Keyword::LIMIT, Keyword::OFFSET,
    Keyword::FROM, Keyword::DEFAULT,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_binary_postgres_operators() {
        assert_eq!(
            flagged(&RULE, "SELECT 1 FROM t WHERE v ~ '^[0-9]' AND doc @> '{}' AND doc #>> '{a}' = 'x' AND n SIMILAR TO 'a%' AND t AT TIME ZONE 'UTC' > 1"),
            ["~", "@>", "#>>", "SIMILAR TO", "AT TIME ZONE"]
        );
        assert!(flagged(&RULE, "SELECT ~1, a & b, '~' FROM t WHERE a = ? LIMIT ?").is_empty());
        assert_eq!(flagged(&RULE, "DELETE FROM report WHERE parameters ? 'goals'"), ["?"]);
    }
}
