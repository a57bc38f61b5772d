//! Shared by the version-gated rules (`src/rules/versions/`): a construct
//! that an engine accepts only from some version on is a finding only when
//! the project targets an older version of that engine.

use std::ops::Range;

use crate::diagnostic::Engine;
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};

/// Reports `construct` at `span` for every engine whose targeted version is
/// older than the one the rule `requires`, saying which version allows it.
pub fn report_if_too_old(
    ctx: &StatementCtx,
    out: &mut Sink,
    span: Range<usize>,
    construct: &str,
    help: &'static str,
) {
    let rule = out.rule();
    for &(engine, needed) in rule.requires {
        report_if_older_than(ctx, out, span.clone(), construct, (engine, needed), help);
    }
}

/// Reports `construct` at `span` when the targeted version of `engine` is
/// older than `needed`: for a rule whose constructs need different versions.
pub fn report_if_older_than(
    ctx: &StatementCtx,
    out: &mut Sink,
    span: Range<usize>,
    construct: &str,
    (engine, needed): (Engine, Version),
    help: impl Into<std::borrow::Cow<'static, str>>,
) {
    if !ctx.targets.lacks(engine, needed) {
        return;
    }
    let targeted = ctx
        .targets
        .min_version(engine)
        .expect("`lacks` is only true for a targeted engine");
    out.report(
        span,
        format!(
            "{construct} needs {} {}; your targets include {engine}>={}",
            engine.display_name(),
            show(needed),
            show(targeted)
        ),
        help,
    )
    .with_targets(&[engine]);
}

/// Reports each call to a function of `added_in` (its name, lower-case, and
/// the version of `engine` that added it) when the targeted version of
/// `engine` is older: the check of `sqlite-function-version` and
/// `postgres-function-version`, which differ only in their tables.
pub fn report_new_functions(
    ctx: &StatementCtx,
    out: &mut Sink,
    engine: Engine,
    added_in: &[(&str, Version)],
) {
    for call in ctx.function_calls() {
        let Some(&(_, needed)) = added_in.iter().find(|(name, _)| *name == call.name) else {
            continue;
        };
        report_if_older_than(
            ctx,
            out,
            call.span.clone(),
            &format!("`{}()`", call.name),
            (engine, needed),
            format!(
                "raise the {} target to {}, or compute the value in the storage code",
                engine.display_name(),
                show(needed)
            ),
        );
    }
}

/// `sqlite>=3.35, postgres>=15`: the versions a rule needs, for listings.
pub fn describe_requirements(rule: &Rule) -> String {
    rule.requires
        .iter()
        .map(|(engine, version)| format!("{engine}>={}", show(*version)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `15` rather than `15.0`: PostgreSQL numbers its major versions with one number.
pub fn show(version: Version) -> String {
    if version.minor == 0 && version.major >= 10 {
        version.major.to_string()
    } else {
        version.to_string()
    }
}
