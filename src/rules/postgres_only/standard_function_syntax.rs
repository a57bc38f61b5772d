//! `EXTRACT(f FROM x)`, `SUBSTRING(x FROM a FOR b)`, `POSITION(a IN b)`,
//! `TRIM(BOTH c FROM x)`, `OVERLAY(x PLACING y FROM a)`: the SQL standard's
//! keyword-separated arguments. SQLite knows only comma-separated ones.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::standard_calls::{Certainty, StandardCall};

pub static RULE: Rule = Rule {
    id: "standard-function-syntax",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`EXTRACT(… FROM …)`, `SUBSTRING(… FROM …)`, `POSITION(… IN …)`: SQLite takes only comma-separated arguments",
    fix: FixAvailability::Unsafe,
    check,
    triggers: &[
        Keyword::EXTRACT,
        Keyword::SUBSTRING,
        Keyword::POSITION,
        Keyword::TRIM,
        Keyword::OVERLAY,
    ],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for call in &ctx.model().standard_calls {
        // SQLite has no EXTRACT, OVERLAY or POSITION at all; its SUBSTRING
        // and TRIM with commas are fine.
        let comma_arguments = call.separators.is_empty();
        if comma_arguments && matches!(call.function, "SUBSTRING" | "TRIM") {
            continue;
        }
        let diagnostic = out.report(
            call.span.clone(),
            format!(
                "`{}(…)` with keyword-separated arguments is SQL-standard syntax SQLite rejects",
                call.function
            ),
            help(call.function),
        );
        if let Some(positions) = call.substring_positions {
            diagnostic.with_fix(substring_fix(call, positions));
        }
    }
}

fn help(name: &str) -> &'static str {
    match name {
        "SUBSTRING" => "write `substr(x, start, length)`, which both engines have",
        "TRIM" => {
            "write `trim(x, chars)`, `ltrim(x, chars)` or `rtrim(x, chars)`, which both engines have"
        }
        "POSITION" => {
            "compare with LIKE, or find the position in the storage code (SQLite's `instr(x, y)` is PostgreSQL's `strpos(x, y)`)"
        }
        _ => "compute the part of the date in the storage code, or store it in its own column",
    }
}

/// `SUBSTRING(x FROM a FOR b)` → `substr(x, a, b)`: safe when `a` and `b`
/// are certainly positions (PostgreSQL reads a text operand as a pattern).
fn substring_fix(call: &StandardCall, positions: Certainty) -> Fix {
    let mut edits = vec![Edit {
        span: call.name.clone(),
        replacement: "substr".into(),
    }];
    for separator in &call.separators {
        // `x FROM a` → `x, a`: the comma sticks to the left operand.
        edits.push(Edit {
            span: separator.after..separator.span.end,
            replacement: ",".into(),
        });
    }
    let (applicability, message) = match positions {
        Certainty::Certain => (
            Applicability::Safe,
            "rewrite as `substr(x, start[, length])`",
        ),
        Certainty::Possible => (
            Applicability::Unsafe,
            "rewrite as `substr(x, start[, length])` (if the operands are numbers, not a pattern)",
        ),
    };
    Fix {
        applicability,
        message: message.into(),
        edits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_keyword_arguments() {
        assert_eq!(
            flagged(
                &RULE,
                "UPDATE a SET path = SUBSTRING(path FROM POSITION('/d/' IN path) - 36) WHERE extract(epoch from t) > 0"
            ),
            [
                "SUBSTRING(path FROM POSITION('/d/' IN path) - 36)",
                "POSITION('/d/' IN path)",
                "extract(epoch from t)"
            ]
        );
        assert!(
            flagged(
                &RULE,
                "SELECT substring(a, 1, 2), trim(a), 'EXTRACT(x FROM y)' FROM t"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_text_operand_is_a_pattern_and_an_unknown_one_is_unsafe() {
        let fix_of = |sql: &str| -> Option<Applicability> {
            crate::testing::lint_rule(&RULE, sql).diagnostics[0]
                .fix
                .as_ref()
                .map(|f| f.applicability)
        };
        assert_eq!(
            fix_of("SELECT substring(name from '[^/.]\\.([a-z0-9]+)$') FROM t"),
            None
        );
        assert_eq!(
            fix_of("SELECT substring(name from '%#\"o_b#\"%' for '#') FROM t"),
            None
        );
        assert_eq!(fix_of("SELECT substring(name from 'a' || x) FROM t"), None);
        assert_eq!(
            fix_of("SELECT substring(name from start_at) FROM t"),
            Some(Applicability::Unsafe)
        );
        assert_eq!(
            fix_of("SELECT substring(p FROM POSITION('/' IN p) + 1) FROM t"),
            Some(Applicability::Unsafe)
        );
        assert_eq!(
            fix_of("SELECT substring(name from (2 + 1) * 2 for 3) FROM t"),
            Some(Applicability::Safe)
        );
    }

    #[test]
    fn rewrites_substring() {
        assert_eq!(
            fixed(
                &RULE,
                "SELECT SUBSTRING(name FROM 2 FOR 3), substring(x from 1) FROM t"
            ),
            "SELECT substr(name, 2, 3), substr(x, 1) FROM t"
        );
    }
}
