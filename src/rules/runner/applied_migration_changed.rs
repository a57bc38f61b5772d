//! A migration that was applied (present at `--changed-since REF`, or at
//! `applied = "REF"` in the configuration) and has since been edited or
//! deleted. sqlx compares every applied version's checksum
//! (`migrator.rs`: `VersionMismatch`, "migration N was previously applied
//! but has been modified") and looks each one up in the folder
//! (`VersionMissing`, "migration N was previously applied but is missing in
//! the resolved migrations"). Runners without checksums never run the edit
//! on the databases that already ran the file.

use crate::diagnostic::Severity;
use crate::history::applied::Change;
use crate::history::runner::{Direction, Naming};
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "applied-migration-changed",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Error,
    summary: "an applied migration was edited or deleted: the runner refuses to go on, or never runs the change",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let (Some(runner), Some((applied, changes))) = (ctx.set.runner, ctx.applied) else {
        return;
    };
    for (name, change) in changes {
        let Naming::Migration(version, Direction::Up) = runner.naming(name) else {
            continue;
        };
        let path = ctx.set.dir.join(name);
        let git_ref = &applied.git_ref;
        let (message, help) = match (change, runner.checksums()) {
            (Change::Modified, true) => (
                format!(
                    "migration {version} was applied at `{git_ref}` and has been modified since: {} refuses every later run on a database that ran it (\"migration {version} was previously applied but has been modified\")",
                    runner.name()
                ),
                "restore the file as it was at the ref and put the change in a new migration",
            ),
            (Change::Deleted, true) => (
                format!(
                    "migration {version} was applied at `{git_ref}` and has been deleted since: {} refuses every later run on a database that ran it (\"migration {version} was previously applied but is missing in the resolved migrations\")",
                    runner.name()
                ),
                "restore the file; undo what it did in a new migration instead",
            ),
            (Change::Modified, false) => (
                format!(
                    "migration {version} was applied at `{git_ref}` and has been modified since: {} never runs it again, so databases that ran it never get the change",
                    runner.name()
                ),
                "restore the file as it was at the ref and put the change in a new migration",
            ),
            (Change::Deleted, false) => (
                format!(
                    "migration {version} was applied at `{git_ref}` and has been deleted since: databases that ran it keep what it made, new ones never get it"
                ),
                "restore the file; undo what it did in a new migration instead",
            ),
        };
        let severity = if runner.checksums() {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.report(&path, 0..0, message, help).severity = severity;
    }
}
