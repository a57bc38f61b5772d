//! `strftime()`, `datetime()`, `date()`, `time()`, `julianday()`,
//! `unixepoch()`: SQLite's date functions, which PostgreSQL does not have
//! (its `date(x)` is only a cast and takes no modifiers: a one-argument
//! `date(x)` runs there, with a different result, and is a warning).

use crate::rules::context::StatementCtx;
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

const HELP: &str =
    "use `CURRENT_TIMESTAMP`, which both engines know, or compute the value in the storage code and bind it";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for call in ctx.function_calls() {
        if !SQLITE_DATE_FUNCTIONS.contains(&call.name.as_str()) {
            continue;
        }
        let arguments = call.arguments.clone().map(|inside| ctx.split_top_level(inside).len());
        if call.name == "date" && arguments == Some(1) {
            // PostgreSQL runs `date(x)` as a cast: no error, another result.
            out.report(
                call.span.clone(),
                "`date(x)` is a SQLite date function; PostgreSQL runs it only as a cast to `date`, \
                 in the session's time zone, where SQLite returns UTC text",
                HELP,
            )
            .severity = Severity::Warning;
            continue;
        }
        out.report(
            call.span.clone(),
            format!("`{}()` is a SQLite date function; PostgreSQL has no such function", call.name),
            HELP,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{LintOptions, SourceFile, Severity, lint_source};

    fn severities(sql: &str) -> Vec<(String, Severity)> {
        let report = lint_source(SourceFile::new("t.sql", sql), &LintOptions::default());
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "sqlite-date-function")
            .map(|d| (sql[d.span.clone()].to_string(), d.severity))
            .collect()
    }

    #[test]
    fn a_one_argument_date_runs_on_postgres_and_is_a_warning() {
        assert_eq!(
            severities("SELECT date('now'), date('now', '-1 day'), strftime('%s', 'now');"),
            [
                ("date('now')".to_string(), Severity::Warning),
                ("date('now', '-1 day')".to_string(), Severity::Error),
                ("strftime('%s', 'now')".to_string(), Severity::Error),
            ]
        );
    }
}
