//! An up migration without its down migration in a set that has down
//! migrations (a reversible set). sqlx reverts with the `.down.sql` of each
//! applied version (`migrator.rs`, `undo`): a version without one is never
//! reverted, and `sqlx migrate revert` steps over it silently.

use std::collections::HashSet;

use crate::diagnostic::Severity;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "missing-down-migration",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Warning,
    summary: "an up migration without its down migration in a set whose other migrations can be reverted",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let Some(runner) = ctx.set.runner.filter(|r| r.has_down_files()) else {
        return;
    };
    let downs: HashSet<String> = ctx
        .set
        .downs()
        .filter_map(|f| Some(f.version()?.to_string()))
        .collect();
    if downs.is_empty() {
        return; // not a reversible set
    }
    for up in ctx.set.history() {
        let Some(version) = up.version() else {
            continue;
        };
        if !downs.contains(&version.to_string()) {
            out.report(
                &up.path,
                0..0,
                format!(
                    "migration {version} has no down migration, though the set's others do: reverting past it with {} is impossible",
                    runner.name()
                ),
                "add the down migration that undoes this one (for sqlx `<version>_<name>.down.sql` next to the `.up.sql`), or say in it why it cannot be undone",
            );
        }
    }
}
