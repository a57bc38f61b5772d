//! `E'…'`: PostgreSQL's escape string, where `\n` or `\x41` are escapes.
//! SQLite reads `E` as a column name followed by a string and rejects it.

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "escape-string",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`E'…'` escape strings: SQLite has no escape syntax in strings",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        let (span, body) = match &token.kind {
            SqlToken::EscapedStringLiteral(body) => (token.span.clone(), body.as_str()),
            SqlToken::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("e") => {
                match ctx.tokens.get(i + 1) {
                    Some(next) if next.span.start == token.span.end => match &next.kind {
                        SqlToken::SingleQuotedString(body) => (token.span.start..next.span.end, body.as_str()),
                        _ => continue,
                    },
                    _ => continue,
                }
            }
            _ => continue,
        };
        let diagnostic = out.report(
            span.clone(),
            "`E'…'` is a PostgreSQL escape string; SQLite rejects it",
            "write a plain string: `'it''s'` doubles the quote; a newline is the character itself or `char(10)` (SQLite) / `chr(10)` (PostgreSQL), best bound as a parameter",
        );
        if !body.contains('\\') && !ctx.text(&span).contains('\\') {
            // Without a backslash the escape string is a plain string.
            diagnostic.with_fix(Fix::removal(Applicability::Safe, "drop the `E` prefix", span.start..span.start + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_escape_strings_only() {
        assert_eq!(
            flagged(&RULE, r"INSERT INTO t VALUES (E'\\x0101', e'plain', E 'spaced', 'E''x')"),
            [r"E'\\x0101'", "e'plain'"]
        );
        assert_eq!(fixed(&RULE, r"SELECT E'a\nb', E'ab'"), r"SELECT E'a\nb', 'ab'");
    }

    #[test]
    fn an_escaped_quote_does_not_derail_the_rest_of_the_file() {
        let sql = "INSERT INTO l VALUES (E'fa\\'a');\nINSERT INTO l VALUES ('x');\nINSERT INTO l VALUES (E'b');";
        assert_eq!(flagged(&RULE, sql), ["E'fa\\'a'", "E'b'"]);
    }
}
