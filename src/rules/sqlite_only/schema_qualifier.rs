//! `main.t`, `temp.t`: names qualified with SQLite's database schemas.
//! PostgreSQL looks for a schema called `main` or `temp`, which does not exist.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::sqlite_only::reserved_word_identifier::name_tokens;
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "schema-qualifier",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`main.` / `temp.` qualifiers name SQLite schemas that PostgreSQL does not have",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::MAIN, Keyword::TEMP],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let mut names = name_tokens(ctx);
    names.sort_unstable();
    names.dedup();
    for i in names {
        let Some(schema) = ["main", "temp"].into_iter().find(|s| ctx.is_word(i, s)) else {
            continue;
        };
        let qualifies = ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::Period)
            && ctx.tokens.get(i + 2).is_some_and(|t| matches!(t.kind, SqlToken::Word(_)));
        if !qualifies {
            continue;
        }
        let written = ctx.text(&ctx.tokens[i].span);
        let help = if schema == "main" {
            "drop the `main.` prefix: unqualified names resolve to the main database on SQLite and to the search path on PostgreSQL"
        } else {
            "write `CREATE TEMP TABLE name` (both engines) instead of the `temp.` prefix"
        };
        let diagnostic = out.report(
            ctx.token_span(i, i + 1),
            format!("`{written}.` qualifies a name with a SQLite schema; PostgreSQL fails with `schema \"{schema}\" does not exist`"),
            help,
        );
        if schema == "main" {
            diagnostic.with_fix(Fix::removal(
                Applicability::Safe,
                "drop `main.`",
                ctx.tokens[i].span.start..ctx.tokens[i + 2].span.start,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_sqlite_schemas_in_name_positions() {
        let sql = "INSERT INTO main.t SELECT * FROM temp.u JOIN main.v ON main.v.id = 1;";
        assert_eq!(flagged(&super::RULE, sql), ["main.", "temp.", "main."]);
        assert_eq!(fixed(&super::RULE, "CREATE TABLE main.t (a INT);"), "CREATE TABLE t (a INT);");
    }

    #[test]
    fn silent_on_aliases_and_columns_named_main() {
        assert!(flagged(&super::RULE, "SELECT main.id, main FROM items main WHERE 'main.x' = main.y;").is_empty());
    }
}
