//! Names with upper-case letters: PostgreSQL folds unquoted names to lower
//! case and matches quoted ones exactly; SQLite keeps the spelling and matches
//! names case-insensitively, quoted or not. `"Users"` and `users` are one
//! table on SQLite and two on PostgreSQL.

use std::cell::OnceCell;
use std::collections::HashSet;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::sources::rust::apis::column_override_name;

pub static RULE: Rule = Rule {
    id: "identifier-case",
    group: "pedantic",
    opt_in: true,
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "mixed-case names: PostgreSQL folds unquoted names to lower case and matches quoted ones exactly, SQLite ignores case",
    check,
    ..Rule::DEFAULT
};

const HELP: &str = "name tables and columns in lower-case snake_case (`user_accounts`) so that quoted and unquoted references mean the same on both engines";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    // Built on the first mixed-case word only: most statements have none.
    let calls: OnceCell<HashSet<usize>> = OnceCell::new();
    let calls = || {
        calls.get_or_init(|| {
            ctx.function_calls()
                .iter()
                .map(|call| call.name_span.start)
                .collect()
        })
    };
    let declared: OnceCell<HashSet<usize>> = OnceCell::new();
    let declared =
        || declared.get_or_init(|| ctx.column_definitions().iter().map(|c| c.name).collect());
    let mut reported = HashSet::new();
    for (i, token) in ctx.tokens.iter().enumerate() {
        let SqlToken::Word(word) = &token.kind else {
            continue;
        };
        let message = match word.quote_style {
            // sqlx's `AS "id!: T"` overrides are labels sqlx reads, the same on both engines.
            Some('"') if has_upper(&word.value) && column_override_name(&word.value).is_none() => {
                format!(
                    "`\"{0}\"` is case-sensitive on PostgreSQL (an unquoted {0} there means `{1}`) but not on SQLite",
                    word.value,
                    word.value.to_lowercase()
                )
            }
            None if is_mixed_case(&word.value)
                && !calls().contains(&token.span.start)
                && (word.keyword == Keyword::NoKeyword || declared().contains(&i)) =>
            {
                format!(
                    "PostgreSQL folds the unquoted name `{0}` to `{1}` (a quoted `\"{0}\"` does not find it, and results name it `{1}`); SQLite keeps `{0}`",
                    word.value,
                    word.value.to_lowercase()
                )
            }
            _ => continue,
        };
        if reported.insert(word.value.to_lowercase()) {
            out.report(token.span.clone(), message, HELP);
        }
    }
}

/// sqlx's output-column overrides, `"name!"`, `"name?"`, `"name: Type"`,
fn has_upper(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase())
}

fn is_mixed_case(name: &str) -> bool {
    has_upper(name) && name.bytes().any(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_quoted_upper_case_and_unquoted_mixed_case_names_once() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE \"Users\" (userId TEXT, \"createdAt\" TIMESTAMP, Status TEXT, \"USERS\" TEXT, \"createdAt\" TEXT)"
            ),
            ["\"Users\"", "userId", "\"createdAt\"", "Status"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT id AS UserId FROM accounts"),
            ["UserId"]
        );
    }

    #[test]
    fn sqlx_overrides_are_quoted_aliases_not_names() {
        for alias in ["id!: String", "id?: Uuid", "id: DateTime<Utc>", "id!"] {
            assert!(column_override_name(alias).is_some(), "{alias}");
        }
        for name in ["Users", "User Name", "a!!", ": T", "id:"] {
            assert!(column_override_name(name).is_none(), "{name}");
        }
        // The name part is still checked when it is mixed-case without an override.
        assert_eq!(
            flagged_text(&RULE, "SELECT id AS \"UserId\" FROM t"),
            ["\"UserId\""]
        );
    }

    #[test]
    fn ignores_keywords_functions_strings_and_lower_case_names() {
        for sql in [
            "CREATE TABLE users (id Text NOT NULL, created_at Timestamp Default CURRENT_TIMESTAMP)",
            "SELECT Count(*), Lower(email), 'MixedCase' FROM users -- CamelCase",
            "create table \"users\" (\"id\" text)",
            "SELECT * FROM `Users`",
            "SELECT id AS \"id!: String\", name AS \"name?: Option<String>\", n AS \"n: i64\" FROM users",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
