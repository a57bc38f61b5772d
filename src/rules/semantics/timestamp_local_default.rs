//! `TIMESTAMP … DEFAULT CURRENT_TIMESTAMP` on a column without time zone:
//! SQLite stores the UTC time as text; PostgreSQL converts the
//! `timestamptz` to the session's `TimeZone` before dropping the zone, so
//! the column holds local wall-clock time wherever the server or the
//! connection is not set to UTC. The same row reads 14:48 on one engine and
//! 09:48 on the other (`TimeZone = 'America/New_York'`).

use std::ops::Range;

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::ColumnDef;

pub static RULE: Rule = Rule {
    id: "timestamp-local-default",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "`TIMESTAMP DEFAULT CURRENT_TIMESTAMP` stores UTC on SQLite but the session's local time on PostgreSQL",
    check,
    triggers: &[Keyword::CURRENT_TIMESTAMP],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for column in ctx.column_definitions() {
        let Some(data_type) = timestamp_without_zone(column) else {
            continue;
        };
        let Some(now) = current_timestamp_default(column) else {
            continue;
        };
        out.report(
            data_type.start..now.end,
            "a `TIMESTAMP` without time zone filled by `CURRENT_TIMESTAMP` holds UTC on SQLite but the session's local time on PostgreSQL (its `TimeZone` setting)",
            "declare `TIMESTAMP WITH TIME ZONE` on PostgreSQL, or have the storage code write the UTC time; at the least run every PostgreSQL session with `TimeZone = 'UTC'`",
        );
    }
}

/// Where the type is when it is `TIMESTAMP`, `TIMESTAMP(3)` or `TIMESTAMP
/// WITHOUT TIME ZONE`: not `TIMESTAMP WITH TIME ZONE` or `TIMESTAMPTZ`.
fn timestamp_without_zone(column: &ColumnDef) -> Option<Range<usize>> {
    let data_type = column.column_type.as_ref()?;
    (data_type.name.as_deref() == Some("TIMESTAMP") && !data_type.with_time_zone)
        .then(|| data_type.span.clone())
}

/// Where `CURRENT_TIMESTAMP` is when the column's `DEFAULT` is
/// `CURRENT_TIMESTAMP` (or `(CURRENT_TIMESTAMP)`).
fn current_timestamp_default(column: &ColumnDef) -> Option<Range<usize>> {
    let value = column.default.as_ref()?.leading.as_ref()?;
    (value.keyword == Some(Keyword::CURRENT_TIMESTAMP)).then(|| value.span.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_timestamps_without_zone_filled_by_current_timestamp() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, b timestamp without time zone default (CURRENT_TIMESTAMP))"
            ),
            [
                "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "timestamp without time zone default (CURRENT_TIMESTAMP"
            ]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "ALTER TABLE t ADD COLUMN at TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP"
            ),
            ["TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP"]
        );
    }

    #[test]
    fn ignores_zoned_timestamps_text_and_other_defaults() {
        for sql in [
            "CREATE TABLE t (a TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)",
            "CREATE TABLE t (a TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP)",
            "CREATE TABLE t (a TEXT DEFAULT CURRENT_TIMESTAMP)",
            "CREATE TABLE t (a TIMESTAMP DEFAULT '2024-01-01 00:00:00', b DATE DEFAULT CURRENT_DATE)",
            "UPDATE t SET a = CURRENT_TIMESTAMP",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
