//! `->` and `->>`: SQLite's JSON operators arrived in 3.38. (PostgreSQL has
//! had them for json/jsonb since 9.3.)

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "json-arrow-operator",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "the JSON operators `->` and `->>` need SQLite 3.38",
    requires: &[(Engine::Sqlite, Version::new(3, 38))],
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for op in &ctx.model().operators {
        let operator = match ctx.text(&op.span) {
            "->" => "`->`",
            "->>" => "`->>`",
            _ => continue,
        };
        report_if_too_old(
            ctx,
            out,
            op.span.clone(),
            &format!("the JSON operator {operator}"),
            "raise the SQLite target to 3.38, or call `json_extract()` on SQLite",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    #[test]
    fn flags_both_arrows_for_sqlite_before_3_38() {
        let sql = "SELECT data -> 'a', data ->> 'b' FROM t WHERE note = '->>'";
        let found = findings_with_targets(&RULE, sql, &["sqlite>=3.35"]);
        let texts: Vec<&str> = found.iter().map(|d| &sql[d.span.clone()]).collect();
        assert_eq!(texts, ["->", "->>"]);
        assert!(
            found[1]
                .message
                .starts_with("the JSON operator `->>` needs SQLite 3.38")
        );
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.38", "postgres>=9.6"]).is_empty());
    }
}
