//! `[name]`: SQL Server-style quoted names, which SQLite accepts and
//! PostgreSQL reads as an array subscript (a syntax error).

use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::sqlite_only::backtick_identifier::report_quoted_names;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "bracket-identifier",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`[name]` quoted names: PostgreSQL only reads double quotes",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    report_quoted_names(ctx, out, '[', "bracket-quoted", |i| {
        !is_postgres_array(ctx, i)
    });
}

/// SQLite's tokenizer reads PostgreSQL arrays as bracket names too: `text[]`,
/// `tags[1]`, `ARRAY[1, 2]`, `a[1:2]`. Those are not SQLite names.
fn is_postgres_array(ctx: &StatementCtx, i: usize) -> bool {
    let SqlToken::Word(word) = &ctx.tokens[i].kind else {
        return false;
    };
    let subscript_like = word.value.trim().is_empty()
        || word.value.trim().bytes().all(|b| b.is_ascii_digit())
        || word.value.contains([':', ',']);
    let after_array = i.checked_sub(1).is_some_and(|p| ctx.is_word(p, "ARRAY"));
    // `tags[1]`, `f(x)[1]`, `a[1][2]`: a subscript follows a value with no
    // space; after `(` or `,` a bracket starts a name: `([first name] TEXT`.
    let subscripts_previous = i.checked_sub(1).is_some_and(|p| {
        ctx.adjacent(p)
            && matches!(
                ctx.tokens[p].kind,
                SqlToken::Word(_) | SqlToken::RParen | SqlToken::RBracket
            )
    });
    subscript_like || after_array || subscripts_previous
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_fixes_bracket_names() {
        let sql = "SELECT [first name], [id] FROM [t];";
        assert_eq!(flagged(&super::RULE, sql), ["[first name]"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "SELECT \"first name\", \"id\" FROM \"t\";"
        );
    }

    #[test]
    fn a_name_right_after_a_parenthesis_or_comma_is_flagged() {
        let sql = "CREATE TABLE [order] ([first name] TEXT,[id] INTEGER);";
        assert_eq!(flagged(&super::RULE, sql), ["[order]"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE \"order\" (\"first name\" TEXT,\"id\" INTEGER);"
        );
    }

    #[test]
    fn silent_in_strings_comments_and_postgres_arrays() {
        assert!(flagged(&super::RULE, "SELECT '[x]' /* [y] */;").is_empty());
        let arrays = "SELECT tags[1], ARRAY[a, b], x[1:2], CAST(y AS text[]) FROM t;";
        assert!(flagged(&super::RULE, arrays).is_empty());
    }
}
