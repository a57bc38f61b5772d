//! `LIKE`: SQLite matches ASCII letters case-insensitively, PostgreSQL
//! case-sensitively, so the same filter returns different rows.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{Expr, ExprKind, MatchKind};

pub static RULE: Rule = Rule {
    id: "like-case",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "`LIKE` ignores case on SQLite but not on PostgreSQL",
    check,
    triggers: &[Keyword::LIKE],
    ..Rule::DEFAULT
};

/// What is known about the case of one side of a `LIKE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Wrapped in `lower(…)` or `upper(…)`, or a literal whose letters all are.
    Lower,
    Upper,
    /// A literal without ASCII letters: case cannot matter.
    NoLetters,
    Unknown,
}

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    let likes = ctx
        .model()
        .matches
        .iter()
        .filter(|m| m.kind == MatchKind::Like);
    for like in likes {
        if case_cannot_differ(case_of(&like.subject), case_of(&like.pattern)) {
            continue;
        }
        out.report(
            like.operator.start..like.pattern.span.end,
            "`LIKE` ignores the case of ASCII letters on SQLite but not on PostgreSQL, so the two engines match different rows",
            "compare one case on both sides: `lower(column) LIKE lower(pattern)` (or a pattern written in lower case)",
        );
    }
}

fn case_cannot_differ(left: Case, right: Case) -> bool {
    right == Case::NoLetters || (left != Case::Unknown && left == right)
}

/// The case of one side: a literal's letters, `lower(…)`/`upper(…)`, or
/// the case all the parts of a `||` chain share.
fn case_of(expr: &Expr) -> Case {
    match &expr.kind {
        ExprKind::String(text) => literal_case(text),
        ExprKind::Call(name, _) if name == "lower" => Case::Lower,
        ExprKind::Call(name, _) if name == "upper" => Case::Upper,
        ExprKind::Concat(parts) => parts.iter().map(case_of).fold(Case::NoLetters, joined),
        _ => Case::Unknown,
    }
}

/// The case of a concatenation of two parts.
fn joined(a: Case, b: Case) -> Case {
    match (a, b) {
        (Case::NoLetters, other) | (other, Case::NoLetters) => other,
        (a, b) if a == b => a,
        _ => Case::Unknown,
    }
}

fn literal_case(text: &str) -> Case {
    let upper = text.bytes().any(|b| b.is_ascii_uppercase());
    let lower = text.bytes().any(|b| b.is_ascii_lowercase());
    match (upper, lower) {
        (false, false) => Case::NoLetters,
        (false, true) => Case::Lower,
        (true, false) => Case::Upper,
        (true, true) => Case::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_matches_whose_case_can_differ() {
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT * FROM users WHERE email LIKE 'Ann%' OR name NOT LIKE $1"
            ),
            ["LIKE 'Ann%'", "NOT LIKE $1"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM users WHERE lower(email) LIKE 'Ann%'"),
            ["LIKE 'Ann%'"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM t WHERE path LIKE E'%\\\\docs%'"),
            ["LIKE E'%\\\\docs%'"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM t WHERE name LIKE concat('a', x)"),
            ["LIKE concat('a', x)"]
        );
        // The whole pattern counts, not its first token.
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT * FROM t WHERE name LIKE '%' || 'ann' || '%' AND id = 1"
            ),
            ["LIKE '%' || 'ann' || '%'"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM t WHERE name LIKE '%' || $1"),
            ["LIKE '%' || $1"]
        );
    }

    #[test]
    fn ignores_matches_in_one_case_and_patterns_without_letters() {
        for sql in [
            "SELECT * FROM users WHERE lower(email) LIKE '%@example.com'",
            "SELECT * FROM users WHERE upper(code) LIKE 'AB_%'",
            "SELECT * FROM users WHERE lower(name) LIKE lower($1)",
            "SELECT * FROM t WHERE phone LIKE '+44%'",
            "SELECT * FROM t WHERE path LIKE E'%\\\\%'",
            "SELECT 'a LIKE b' FROM t -- x LIKE 'A%'",
            "CREATE TABLE t2 (LIKE t)",
            "SELECT * FROM t WHERE lower(name) LIKE '%' || 'ann' || '%'",
            "SELECT * FROM t WHERE code LIKE '%' || '-' || '%'",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
