//! What a lint run is asked to do: which rules, for which targets, with
//! which severities. Its own module so that the pipeline's steps
//! (`suppress`) and the pipeline (`lint/mod.rs`) both depend on it, not on
//! each other.

use crate::diagnostic::{Diagnostic, Severity};
use crate::history::findings::SetFindings;
use crate::project::targets::Targets;
use crate::rules::Rule;

/// Which rules run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub rules: Vec<&'static Rule>,
    pub targets: Targets,
    /// Findings of a whole-set stage (the runner rules, `verify`) by file
    /// path, added to each file's own before suppressions apply.
    pub set_findings: SetFindings,
    /// The targets were narrowed for one module (an `[[overrides]]` table, a
    /// Rust function's executor types): the policy rules, the project's
    /// policy, still report whatever these targets are.
    pub narrowed_targets: bool,
    /// The targets were configured (`targets`) or passed (`--target`): the
    /// set pass then infers no history's engine (`history::history_engine`).
    pub targets_given: bool,
    /// `[rules] id = "warning" | "error"` (or a group's), then the levels of
    /// the file's `[[overrides]]` (`Config::file_options`): the severity a
    /// rule's findings are reported with instead of its own. Applied by the
    /// pipeline, so the library, `check`, `verify`, `--fix` and the language
    /// server agree.
    pub severities: Vec<(&'static str, Severity)>,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            rules: crate::rules::default_set().collect(),
            targets: Targets::default(),
            set_findings: SetFindings::default(),
            narrowed_targets: false,
            targets_given: false,
            severities: Vec::new(),
        }
    }
}

impl LintOptions {
    pub(crate) fn enabled(&self, rule: &Rule) -> bool {
        self.rules.iter().any(|r| r.id == rule.id)
    }

    /// Sets the severity of the rules in `levels`, over any set before
    /// (an override's levels over `[rules]`').
    pub fn set_severities(&mut self, levels: impl IntoIterator<Item = (&'static str, Severity)>) {
        for (id, severity) in levels {
            self.severities.retain(|(set, _)| *set != id);
            self.severities.push((id, severity));
        }
    }

    /// Sets each finding's severity as `severities` asks.
    pub(crate) fn apply_severities(&self, diagnostics: &mut [Diagnostic]) {
        if self.severities.is_empty() {
            return;
        }
        for diagnostic in diagnostics {
            if let Some((_, severity)) = self
                .severities
                .iter()
                .find(|(id, _)| *id == diagnostic.rule)
            {
                diagnostic.severity = *severity;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::file::SourceFile;

    #[test]
    fn the_library_applies_rule_severities_as_the_cli_does() {
        let rule = crate::rules::by_id("pragma").expect("the pragma rule");
        let lint = |severities| {
            let options = LintOptions {
                rules: vec![rule],
                severities,
                ..Default::default()
            };
            let file = SourceFile::new("t.sql", "PRAGMA foreign_keys = ON;");
            let report = crate::lint::lint_source(file, &options);
            report
                .diagnostics
                .iter()
                .map(|d| d.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(lint(Vec::new()), [rule.severity]);
        assert_eq!(
            lint(vec![("pragma", Severity::Warning)]),
            [Severity::Warning]
        );
    }
}
