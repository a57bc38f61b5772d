//! `DEFAULT ""`, `VALUES ("a")`, `x LIKE "%a%"`: double quotes used for a
//! text value. SQLite falls back to a string when no column has that name;
//! PostgreSQL always reads double quotes as a name.

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "double-quoted-string",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`\"text\"` used as a string value: PostgreSQL reads double quotes as a name",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 0..ctx.tokens.len() {
        let SqlToken::Word(word) = &ctx.tokens[i].kind else {
            continue;
        };
        if word.quote_style != Some('"') {
            continue;
        }
        let Some(applicability) = value_position(ctx, i) else {
            continue;
        };
        let span = ctx.tokens[i].span.clone();
        let raw = ctx.text(&span);
        let content = raw[1..raw.len().saturating_sub(1).max(1)].replace("\"\"", "\"");
        let literal = format!("'{}'", content.replace('\'', "''"));
        out.report(
            span.clone(),
            format!("`{raw}` is a string here on SQLite, but PostgreSQL reads double quotes as a column name"),
            format!("write `{literal}`: single quotes make a string on both engines"),
        )
        .with_fix(Fix {
            applicability,
            message: format!("write `{literal}`"),
            edits: vec![Edit {
                span,
                replacement: literal,
            }],
        });
    }
}

/// Whether the double-quoted token `i` stands where SQLite reads it as a
/// string, and how sure that is: certain after DEFAULT, inside VALUES and for
/// `""`; likely for a comparison operand that no column could be named like.
fn value_position(ctx: &StatementCtx, i: usize) -> Option<Applicability> {
    let raw = ctx.text(&ctx.tokens[i].span);
    if raw == "\"\"" {
        return Some(Applicability::Safe);
    }
    let previous = |back: usize| i.checked_sub(back).map(|p| &ctx.tokens[p]);
    let after_default = ctx.is_word(i.wrapping_sub(1), "DEFAULT")
        || (previous(1).is_some_and(|t| t.kind == SqlToken::LParen) && ctx.is_word(i.wrapping_sub(2), "DEFAULT"));
    if after_default || (is_lone_element(ctx, i) && in_values_list(ctx, i)) {
        return Some(Applicability::Safe);
    }
    let compared = previous(1).is_some_and(|t| {
        matches!(t.kind, SqlToken::Eq | SqlToken::Neq | SqlToken::DoubleEq | SqlToken::Lt | SqlToken::Gt | SqlToken::LtEq | SqlToken::GtEq)
    }) || ctx.is_word(i.wrapping_sub(1), "LIKE")
        || ctx.is_word(i.wrapping_sub(1), "GLOB");
    let name_like = raw[1..raw.len().saturating_sub(1).max(1)]
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    (compared && !name_like && previous(2).is_none_or(|t| t.kind != SqlToken::Period)).then_some(Applicability::Unsafe)
}

/// `( "x" ,` or `, "x" )`: the token is a whole list element.
fn is_lone_element(ctx: &StatementCtx, i: usize) -> bool {
    let opens = i.checked_sub(1).is_some_and(|p| matches!(ctx.tokens[p].kind, SqlToken::LParen | SqlToken::Comma));
    let closes = ctx.tokens.get(i + 1).is_some_and(|t| matches!(t.kind, SqlToken::RParen | SqlToken::Comma));
    opens && closes
}

/// Whether token `i` sits directly in a `VALUES ( … )` row.
fn in_values_list(ctx: &StatementCtx, i: usize) -> bool {
    let mut depth = 0usize;
    for p in (0..i).rev() {
        match ctx.tokens[p].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth > 0 => depth -= 1,
            SqlToken::LParen => {
                // The row's `(` follows VALUES or the `,` between rows.
                return ctx.is_word(p.wrapping_sub(1), "VALUES")
                    || (p > 0 && ctx.tokens[p - 1].kind == SqlToken::Comma && (0..p).any(|q| ctx.is_word(q, "VALUES")));
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_values_and_defaults_not_names() {
        let sql = "CREATE TABLE \"t\" (\"a\" TEXT DEFAULT \"\", \"b\" TEXT DEFAULT (\"x\"), c INT);";
        assert_eq!(flagged(&super::RULE, sql), ["\"\"", "\"x\""]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE \"t\" (\"a\" TEXT DEFAULT '', \"b\" TEXT DEFAULT ('x'), c INT);"
        );
        let insert = "INSERT INTO \"t\" (\"a\", \"b\") VALUES (\"it's\", 1), (2, \"y\");";
        assert_eq!(flagged(&super::RULE, insert), ["\"it's\"", "\"y\""]);
        assert_eq!(fixed(&super::RULE, insert), "INSERT INTO \"t\" (\"a\", \"b\") VALUES ('it''s', 1), (2, 'y');");
    }

    #[test]
    fn comparisons_only_with_values_no_column_is_named_like() {
        let sql = "SELECT * FROM \"t\" WHERE \"a\" = \"b\" AND c LIKE \"%x%\" AND t.\"d\" = u.\"e f\";";
        assert_eq!(flagged(&super::RULE, sql), ["\"%x%\""]);
        assert!(flagged(&super::RULE, "SELECT '\"x\"' -- DEFAULT \"\"\n;").is_empty());
    }
}
