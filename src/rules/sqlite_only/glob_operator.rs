//! `x GLOB 'a*'`: SQLite's case-sensitive Unix-style pattern match.
//! PostgreSQL has no GLOB operator.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::MatchKind;

pub static RULE: Rule = Rule {
    id: "glob-operator",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "the `GLOB` operator is SQLite-only",
    check,
    triggers: &[Keyword::GLOB],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    // `x NOT GLOB p` is one operator.
    for glob in ctx
        .model()
        .matches
        .iter()
        .filter(|m| m.kind == MatchKind::Glob)
    {
        out.report(
            glob.operator.clone(),
            "`GLOB` is a SQLite operator; PostgreSQL rejects it as a syntax error",
            "for a prefix or suffix test write `substr(x, 1, 4) = 'abc/'` (case-sensitive on both engines); `LIKE` \
             runs on both but ignores ASCII case on SQLite and not on PostgreSQL, and spells `*`/`?` as `%`/`_`",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_glob_and_not_glob() {
        let sql = "DELETE FROM a WHERE p GLOB '*x*' OR q NOT GLOB 'y?';";
        assert_eq!(flagged(&super::RULE, sql), ["GLOB", "NOT GLOB"]);
        assert!(flagged(&super::RULE, "SELECT 'a GLOB b' FROM t;").is_empty());
        assert!(flagged(&super::RULE, "SELECT glob, x FROM t;").is_empty());
    }
}
