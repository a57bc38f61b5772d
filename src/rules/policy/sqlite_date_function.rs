//! `strftime()`, `datetime()`, `date()`, `time()`, `julianday()`,
//! `unixepoch()`: SQLite's date functions, which PostgreSQL does not have
//! (its `date(x)` is only a cast and takes no modifiers).

use crate::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "sqlite-date-function",
    group: "policy",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite date functions (`strftime`, `datetime`, `julianday`…) do not exist in PostgreSQL",
    check,
    ..Rule::DEFAULT
};

const SQLITE_DATE_FUNCTIONS: [&str; 6] = ["strftime", "datetime", "date", "time", "julianday", "unixepoch"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for call in ctx.function_calls() {
        if !SQLITE_DATE_FUNCTIONS.contains(&call.name.as_str()) {
            continue;
        }
        out.report(
            call.span,
            format!("`{}()` is a SQLite date function; PostgreSQL has no such function", call.name),
            "use `CURRENT_TIMESTAMP`, which both engines know, or compute the value in the storage code and bind it",
        );
    }
}
