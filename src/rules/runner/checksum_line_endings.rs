//! CRLF line endings (or, when PostgreSQL is not targeted, a byte-order
//! mark) in a file whose runner checksums its bytes. sqlx stores a SHA-384
//! of every applied file (`migration.rs`, `checksum`) and fails every later
//! `migrate run` when they differ (`VersionMismatch`: "migration N was
//! previously applied but has been modified"). A checkout that converts line
//! endings is enough (sqlx issue #2659).

use crate::diagnostic::{Engine, Severity};
use crate::rules::input::byte_order_mark::BOM;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "checksum-line-endings",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Warning,
    summary: "CRLF line endings in a migration whose runner checksums its bytes: a checkout that converts them breaks the checksum",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let Some(runner) = ctx.set.runner.filter(|r| r.checksums()) else {
        return;
    };
    for file in ctx.set.history() {
        let lines = file.bytes.windows(2).filter(|w| w == b"\r\n").count();
        if let Some(first) = file.bytes.windows(2).position(|w| w == b"\r\n") {
            out.report(
                &file.path,
                first..first + 2,
                format!(
                    "{lines} line(s) end in CRLF: {} checksums the file's bytes, so a checkout that converts line endings (git `core.autocrlf`, `text=auto`) makes every database that ran it refuse the next migration run",
                    runner.name()
                ),
                "pin the bytes in `.gitattributes` (`migrations/** -text`, or `eol=lf`); convert the file to LF only if it was never applied anywhere",
            );
        }
        // A byte-order mark is `byte-order-mark`'s finding when PostgreSQL is targeted.
        let bom = file.bytes.starts_with(BOM.as_bytes());
        if bom && !ctx.targets.includes(Engine::Postgres) {
            out.report(
                &file.path,
                0..BOM.len(),
                format!(
                    "the file starts with a byte-order mark: {} checksums it with the rest, and editors add or drop it silently",
                    runner.name()
                ),
                "save the file without a BOM before it is first applied",
            );
        }
    }
}
