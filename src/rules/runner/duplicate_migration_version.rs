//! Two up (or two down) migrations with the same version. sqlx sorts them
//! by version only (`source.rs`: `sort_by_key(|m| m.version)` after an
//! unordered `read_dir`), applies both, and the second one's bookkeeping row
//! collides with the first on `_sqlx_migrations`' primary key `version`.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "duplicate-migration-version",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Error,
    summary: "two migrations of a set share a version: the runner's order between them is undefined and only one can be recorded",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let Some(runner) = ctx.set.runner else {
        return;
    };
    let mut first = HashMap::new();
    for file in &ctx.set.files {
        let (Some(version), Some(direction)) = (file.version(), file.direction()) else {
            continue;
        };
        match first.get(&(version.to_string(), direction)) {
            None => {
                first.insert((version.to_string(), direction), file);
            }
            Some(earlier) => {
                out.report(
                    &file.path,
                    0..0,
                    format!(
                        "version {version} is also the version of `{}`: {} orders migrations by version alone and records one row per version",
                        earlier.name,
                        runner.name()
                    ),
                    "give this migration a version of its own (the next free one, or a new timestamp) before it is applied anywhere",
                );
            }
        }
    }
}
