//! A missing number in a sequence-numbered set (`0001_`, `0002_`, `0004_`):
//! usually a migration lost in a merge or deleted after it was applied.
//! Timestamped sets (versions of eight digits or more) have no sequence, so
//! they are never checked.

use crate::diagnostic::Severity;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "migration-version-gap",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Warning,
    summary: "a sequence-numbered migration set skips a number",
    check_set,
    ..Rule::DEFAULT
};

/// Versions from here up are dates or timestamps (`20240101…`), not a sequence.
const TIMESTAMP_FROM: i64 = 10_000_000;

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    let numbered: Vec<_> = ctx
        .set
        .history()
        .filter_map(|f| Some((f.version()?.number()?, f)))
        .collect();
    if numbered.len() < 2 || numbered.iter().any(|(v, _)| *v >= TIMESTAMP_FROM || *v < 0) {
        return;
    }
    for pair in numbered.windows(2) {
        let ((before, _), (after, file)) = (pair[0], pair[1]);
        if after > before + 1 {
            let missing = if after == before + 2 {
                format!("{}", before + 1)
            } else {
                format!("{} to {}", before + 1, after - 1)
            };
            out.report(
                &file.path,
                0..0,
                format!("the set goes from version {before} to {after}: {missing} is missing"),
                "restore the missing migration, or renumber this one before it is applied anywhere; if the gap is intended, allow it with `-- dal-audit: allow-file(migration-version-gap) reason`",
            );
        }
    }
}
