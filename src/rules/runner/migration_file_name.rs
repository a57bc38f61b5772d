//! A `.sql` file in a migrations folder whose name the runner skips without
//! a word, or refuses (sqlx: `source.rs` splits the name at its first `_`,
//! skips it unless the rest ends in `.sql`, and stops on a version that is
//! not an `i64`).

use crate::diagnostic::Severity;
use crate::history::runner::Naming;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "migration-file-name",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Error,
    summary: "a file in a migrations folder that its runner silently skips, or refuses to read",
    check_set,
    ..Rule::DEFAULT
};

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let Some(runner) = ctx.set.runner else {
        return;
    };
    for file in &ctx.set.files {
        match &file.naming {
            Naming::Skipped => {
                out.report(
                    &file.path,
                    0..0,
                    format!(
                        "{} never runs `{}`: the name is not one of its migrations, and it skips such files without a word",
                        runner.name(),
                        file.name
                    ),
                    naming_help(runner),
                );
            }
            Naming::Refused(why) => {
                out.report(
                    &file.path,
                    0..0,
                    format!("`{}` is not a valid migration name: {why}", file.name),
                    naming_help(runner),
                );
            }
            Naming::Migration(..) => {}
        }
    }
}

fn naming_help(runner: crate::history::runner::Runner) -> &'static str {
    use crate::history::runner::Runner::*;
    match runner {
        Sqlx => {
            "name it `<VERSION>_<DESCRIPTION>.sql` (or `.up.sql`/`.down.sql`) with an integer VERSION, e.g. `20240101120000_add_users.sql`; move files that are not migrations out of the folder"
        }
        Diesel => {
            "keep each migration in its own folder `<version>_<name>/` with `up.sql` and `down.sql`"
        }
        Refinery => "name it `V<n>__<name>.sql`, e.g. `V3__add_users.sql`",
        GolangMigrate => "name it `<version>_<title>.up.sql` with its `.down.sql`",
        Goose | Drizzle => "name it `<version>_<name>.sql`",
        Dbmate | SqlMigrate => {
            "start the name with its version digits, e.g. `20240101120000_add_users.sql`"
        }
        Prisma => "keep each migration in its own folder with a `migration.sql`",
    }
}
