//! `check --fix`: applies the findings' fix edits to a file's bytes.
//!
//! Edits are byte spans into the file (the decoded text lint sees keeps
//! every offset, see `sources::input`), so the applier works on the raw
//! bytes and anything outside an edit, a byte-order mark or bytes that are
//! not UTF-8 included, is copied as it was. Fixes are applied in passes
//! (lint, apply what does not overlap, lint again) until a pass has nothing
//! left to apply: the result is what a second `--fix` would leave alone.

pub mod write;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::lint::{FileOptions, FileReport, LintOptions, lint_file};

/// Lint-and-fix passes before giving up on a file whose fixes keep making
/// new findings: each pass applies at least one fix, and real fixes settle
/// in two (a fix that was skipped for an overlap goes in the next pass).
pub const MAX_PASSES: usize = 10;

/// Which fixes `--fix` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixLevel {
    /// Only fixes that keep the migration's meaning.
    Safe,
    /// `--unsafe-fixes`: those that need a look too.
    Unsafe,
}

impl FixLevel {
    pub fn allows(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self == FixLevel::Unsafe
    }
}

/// One pass's result: the new bytes, the edits applied (in file order,
/// spans into the old bytes) and how many findings they fix.
#[derive(Debug)]
pub struct Applied {
    pub bytes: Vec<u8>,
    pub edits: Vec<Edit>,
    pub fixed: usize,
}

/// Applies the fixes of `diagnostics` that `level` allows to `bytes`.
/// `text` is the text lint read (`bytes` decoded, the same length). A fix
/// overlapping one already taken waits for the next pass (the first, in
/// the findings' order, wins); a fix touching bytes that are not UTF-8 is
/// never applied (its replacement was made from the `_` they were read as).
pub fn apply_once(
    bytes: &[u8],
    text: &str,
    diagnostics: &[Diagnostic],
    level: FixLevel,
) -> Applied {
    let mut taken = Taken::default();
    let mut fixed = 0;
    if text.len() == bytes.len() {
        let fixes = diagnostics.iter().filter_map(|d| d.fix.as_ref());
        for fix in fixes.filter(|fix| level.allows(fix)) {
            if fix_fits(fix, bytes, text) && taken.insert_all(&fix.edits) {
                fixed += 1;
            }
        }
    }
    let edits: Vec<Edit> = taken.edits.into_values().collect();
    Applied {
        bytes: splice(bytes, &edits),
        edits,
        fixed,
    }
}

/// What `--fix` did to one file.
#[derive(Debug)]
pub struct FixOutcome {
    pub bytes: Vec<u8>,
    /// Findings fixed, over every pass.
    pub fixed: usize,
    /// Whether the last pass still had fixes to apply (`MAX_PASSES` ran out).
    pub unsettled: bool,
}

/// Lints and fixes `bytes` (the file `path`) until no fix is left to apply,
/// at most `MAX_PASSES` times.
pub fn fix_bytes(path: &str, bytes: &[u8], options: &LintOptions, level: FixLevel) -> FixOutcome {
    let options = FileOptions::new(options.clone());
    fix_bytes_keeping(path, bytes, &options, level, |_| {})
}

/// `fix_bytes` with a file's own options (its overrides, and whether it is
/// storage code: a Rust file's SQL literals are fixed in place), where `leave` first drops from each lint the findings to
/// leave alone (a baseline's).
pub fn fix_bytes_keeping(
    path: &str,
    bytes: &[u8],
    options: &FileOptions,
    level: FixLevel,
    leave: impl Fn(&mut FileReport),
) -> FixOutcome {
    let mut current = bytes.to_vec();
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        let mut report = lint_file(path, &current, options);
        leave(&mut report);
        let applied = apply_once(&current, &report.file.text, &report.diagnostics, level);
        if applied.fixed == 0 {
            return FixOutcome {
                bytes: current,
                fixed,
                unsettled: false,
            };
        }
        fixed += applied.fixed;
        current = applied.bytes;
    }
    FixOutcome {
        bytes: current,
        fixed,
        unsettled: true,
    }
}

/// Whether every edit of `fix` lies in the file, on character boundaries,
/// over bytes that were valid UTF-8, and no two of its edits collide.
fn fix_fits(fix: &Fix, bytes: &[u8], text: &str) -> bool {
    let in_file = |span: &Range<usize>| {
        span.start <= span.end
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
            && span.end <= bytes.len()
            && bytes[span.clone()] == text.as_bytes()[span.clone()]
    };
    let mut own = Taken::default();
    !fix.edits.is_empty()
        && fix.edits.iter().all(|e| in_file(&e.span))
        && own.insert_all(&fix.edits)
}

/// The edits taken so far, by start offset.
#[derive(Default)]
struct Taken {
    edits: BTreeMap<usize, Edit>,
}

impl Taken {
    /// Takes all of `edits`, or none when one collides with an edit taken
    /// (or with another of them).
    fn insert_all(&mut self, edits: &[Edit]) -> bool {
        let mut added = Vec::new();
        for edit in edits {
            if self.collides(&edit.span) {
                for start in added {
                    self.edits.remove(&start);
                }
                return false;
            }
            self.edits.insert(edit.span.start, edit.clone());
            added.push(edit.span.start);
        }
        true
    }

    /// Two edits collide when their spans overlap or start at the same
    /// offset (two insertions there would have no order).
    fn collides(&self, span: &Range<usize>) -> bool {
        let before = self.edits.range(..=span.start).next_back();
        let after = self.edits.range(span.start + 1..).next();
        before.is_some_and(|(&start, e)| start == span.start || e.span.end > span.start)
            || after.is_some_and(|(&start, _)| start < span.end)
    }
}

/// `bytes` with `edits` (sorted, disjoint) applied.
fn splice(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    for edit in edits {
        out.extend_from_slice(&bytes[copied..edit.span.start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        copied = edit.span.end;
    }
    out.extend_from_slice(&bytes[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    fn finding(applicability: Applicability, edits: Vec<Edit>) -> Diagnostic {
        Diagnostic {
            rule: "x",
            severity: crate::Severity::Error,
            message: "m".into(),
            help: "h".into(),
            targets: (&[][..]).into(),
            span: 0..1,
            labels: Vec::new(),
            fix: Some(Fix {
                applicability,
                message: "m".into(),
                edits,
            }),
        }
    }

    #[test]
    fn overlapping_fixes_leave_the_later_one_for_the_next_pass() {
        let text = "abcdef";
        let findings = [
            finding(Applicability::Safe, vec![edit(1..3, "X")]),
            finding(Applicability::Safe, vec![edit(2..4, "Y")]),
            finding(Applicability::Safe, vec![edit(4..4, "+")]),
            finding(Applicability::Safe, vec![edit(4..5, "Z")]),
        ];
        let applied = apply_once(text.as_bytes(), text, &findings, FixLevel::Safe);
        assert_eq!(applied.bytes, b"aXd+ef");
        assert_eq!(applied.fixed, 2);
    }

    #[test]
    fn a_fix_is_applied_whole_or_not_at_all() {
        let text = "abcdef";
        let findings = [
            finding(Applicability::Safe, vec![edit(0..1, "A")]),
            finding(Applicability::Safe, vec![edit(5..6, "F"), edit(0..1, "Q")]),
        ];
        let applied = apply_once(text.as_bytes(), text, &findings, FixLevel::Safe);
        assert_eq!(applied.bytes, b"Abcdef");
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_level() {
        let text = "abc";
        let findings = [finding(Applicability::Unsafe, vec![edit(0..1, "A")])];
        let safe = apply_once(text.as_bytes(), text, &findings, FixLevel::Safe);
        assert_eq!(safe.bytes, b"abc");
        let all = apply_once(text.as_bytes(), text, &findings, FixLevel::Unsafe);
        assert_eq!(all.bytes, b"Abc");
    }

    #[test]
    fn edits_over_invalid_utf8_or_outside_the_file_are_refused() {
        let bytes = b"a\xffc";
        let text = "a_c";
        let findings = [
            finding(Applicability::Safe, vec![edit(1..2, "b")]),
            finding(Applicability::Safe, vec![edit(2..9, "b")]),
            finding(Applicability::Safe, vec![edit(2..3, "C")]),
        ];
        let applied = apply_once(bytes, text, &findings, FixLevel::Safe);
        assert_eq!(applied.bytes, b"a\xffC");
        assert_eq!(applied.fixed, 1);
    }
}
