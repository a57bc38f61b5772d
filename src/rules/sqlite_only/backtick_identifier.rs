//! `` `name` ``: MySQL-style quoted names, which SQLite accepts and PostgreSQL
//! rejects. Double quotes are the SQL standard spelling both engines read.

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::{StatementCtx, double_quoted};
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "backtick-identifier",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`` `name` `` quoted names: PostgreSQL only reads double quotes",
    fix: FixAvailability::Safe,
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    report_quoted_names(ctx, out, '`', "backtick-quoted", |_| true);
}

/// One diagnostic per statement, at its first name quoted with `quote`, with
/// a fix that rewrites every such name of the statement to double quotes.
pub(crate) fn report_quoted_names(
    ctx: &StatementCtx,
    out: &mut Sink,
    quote: char,
    what: &str,
    is_name: impl Fn(usize) -> bool,
) {
    let quoted: Vec<(usize, &str)> = ctx
        .tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match &t.kind {
            SqlToken::Word(w) if w.quote_style == Some(quote) && is_name(i) => {
                Some((i, w.value.as_str()))
            }
            _ => None,
        })
        .collect();
    let Some(&(first, name)) = quoted.first() else {
        return;
    };
    let more = match quoted.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more in this statement)".to_string(),
        n => format!(" (and {n} more in this statement)"),
    };
    let edits = quoted
        .iter()
        .map(|&(i, name)| Edit {
            span: ctx.tokens[i].span.clone(),
            replacement: double_quoted(name),
        })
        .collect();
    out.report(
        ctx.tokens[first].span.clone(),
        format!("{what} name `{}`{more}: PostgreSQL rejects this quoting", ctx.text(&ctx.tokens[first].span)),
        format!("write {}: double quotes quote a name on both engines (or leave it unquoted when it is a plain lower-case name)", double_quoted(name)),
    )
    .with_fix(Fix {
        // Both engines read a double-quoted name exactly as SQLite read the original.
        applicability: Applicability::Safe,
        message: "quote the names with double quotes".into(),
        edits,
    });
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, fixed, flagged};

    #[test]
    fn flags_the_first_backtick_name_and_fixes_all() {
        let sql = "CREATE TABLE `account` (`id` text, `we\"ird` int);";
        assert_eq!(flagged(&super::RULE, sql), ["`account`"]);
        assert!(findings(&super::RULE, sql)[0].message.contains("2 more"));
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE \"account\" (\"id\" text, \"we\"\"ird\" int);"
        );
    }

    #[test]
    fn silent_in_strings_and_comments() {
        assert!(flagged(&super::RULE, "SELECT '`x`' -- `y`\n;").is_empty());
    }

    #[test]
    fn flags_unparsable_statements() {
        assert_eq!(
            flagged(&super::RULE, "CREATE TABLE `t` (a int) WHATEVER GARBAGE (;"),
            ["`t`"]
        );
    }
}
