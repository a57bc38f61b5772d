//! PostgreSQL-only operators: regular expressions (`~`, `~*`, `!~`,
//! `SIMILAR TO`), JSON and array containment (`@>`, `<@`, `?`, `?|`, `?&`,
//! `#>`, `#>>`, `#-`), overlap `&&`, text search `@@`, prefix `^@`, `AT TIME
//! ZONE`. SQLite
//! rejects them.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{Arity, MatchKind};

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
    let model = ctx.model();
    let binary = model
        .operators
        .iter()
        .filter(|op| op.arity == Arity::Binary && is_postgres_operator(ctx.text(&op.span)))
        .map(|op| op.span.clone());
    let similar = model
        .matches
        .iter()
        .filter(|m| m.kind == MatchKind::SimilarTo)
        .map(|m| m.keyword.clone());
    let mut spans: Vec<_> = binary.chain(similar).collect();
    spans.sort_by_key(|s| s.start);
    for span in spans {
        out.report(
            span.clone(),
            format!("`{}` is a PostgreSQL-only operator; SQLite rejects it", ctx.text(&span)),
            "filter with LIKE, compare plain columns, or do regex and JSON matching in the storage code",
        );
    }
}

/// Binary operators SQLite does not know (`~` alone is its bitwise not,
/// which the model tells from PostgreSQL's regex match by its arity).
fn is_postgres_operator(text: &str) -> bool {
    matches!(
        text.to_ascii_uppercase().as_str(),
        "~" | "~*"
            | "!~"
            | "!~*"
            | "@>"
            | "<@"
            | "#>"
            | "#>>"
            | "#-"
            | "&&"
            | "@@"
            | "^@"
            | "?"
            | "?|"
            | "?&"
            | "@?"
    ) || text
        .split_whitespace()
        .map(str::to_ascii_uppercase)
        .eq(["AT", "TIME", "ZONE"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_binary_postgres_operators() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT 1 FROM t WHERE v ~ '^[0-9]' AND doc @> '{}' AND doc #>> '{a}' = 'x' AND n SIMILAR TO 'a%' AND t AT TIME ZONE 'UTC' > 1"
            ),
            ["~", "@>", "#>>", "SIMILAR TO", "AT TIME ZONE"]
        );
        assert!(flagged(&RULE, "SELECT ~1, a & b, '~' FROM t WHERE a = ? LIMIT ?").is_empty());
        assert_eq!(
            flagged(&RULE, "DELETE FROM report WHERE parameters ? 'goals'"),
            ["?"]
        );
        // SQLite's bitwise not, after DISTINCT: SQLite runs it.
        assert!(flagged(&RULE, "SELECT DISTINCT ~flags FROM t").is_empty());
        assert_eq!(
            flagged(&RULE, "SELECT 1 FROM t WHERE n NOT SIMILAR TO 'a%'"),
            ["SIMILAR TO"]
        );
    }
}
