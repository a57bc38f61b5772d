//! `DROP TABLE a, b`: PostgreSQL drops a list of objects in one statement;
//! SQLite drops one per statement.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "drop-several-objects",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DROP TABLE a, b`: SQLite drops one object per statement",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[Keyword::DROP],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.ddl_object_kind() else {
        return;
    };
    if !ctx.is_word(0, "DROP") || !["TABLE", "VIEW", "INDEX", "TRIGGER"].iter().any(|w| ctx.is_word(kind, w)) {
        return;
    }
    let commas: Vec<usize> = (kind..ctx.tokens.len()).filter(|&i| ctx.tokens[i].kind == SqlToken::Comma).collect();
    let Some(&first) = commas.first() else {
        return;
    };
    let mut head_end = kind;
    if ctx.words_at(kind + 1, &["IF", "EXISTS"]) {
        head_end += 2;
    }
    let head = ctx.text(&ctx.token_span(0, head_end));
    let edits = commas
        .iter()
        .map(|&c| Edit { span: ctx.tokens[c].span.clone(), replacement: format!(";\n{head}") })
        .collect();
    out.report(
        ctx.token_span(first, ctx.tokens.len() - 1),
        "several objects in one DROP; SQLite drops one object per statement",
        "write one DROP statement per object",
    )
    .with_fix(Fix {
        // A trailing CASCADE/RESTRICT would apply to the last statement only.
        applicability: Applicability::Unsafe,
        message: "split into one DROP per object".into(),
        edits,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_and_splits_lists() {
        assert_eq!(flagged(&RULE, "DROP VIEW user_alias_1, user_alias_2;"), [", user_alias_2"]);
        assert_eq!(
            fixed(&RULE, "DROP TABLE IF EXISTS a, b, c;"),
            "DROP TABLE IF EXISTS a;\nDROP TABLE IF EXISTS b;\nDROP TABLE IF EXISTS c;"
        );
        assert!(flagged(&RULE, "DROP TABLE a; DROP FUNCTION f(int, int)").is_empty());
    }
}
