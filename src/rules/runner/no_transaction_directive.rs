//! A `-- no-transaction` comment that sqlx does not honour: sqlx reads the
//! directive only as the file's very first bytes
//! (`sqlx-core/src/migrate/source.rs`: `sql.starts_with("-- no-transaction")`),
//! so after a blank line, another comment, a byte-order mark, or spelt
//! `--no-transaction`, the file still runs in one transaction.

use crate::diagnostic::Severity;
use crate::history::runner::Runner;
use crate::rules::set_context::SetCtx;
use crate::rules::{Rule, RuleKind, SetSink};
use crate::sources::file::SourceFile;
use crate::sources::input;
use crate::syntax::dialect::lint_dialect;
use crate::syntax::lexer::lex;

pub static RULE: Rule = Rule {
    id: "no-transaction-directive",
    group: "runner",
    kind: RuleKind::History,
    severity: Severity::Error,
    summary: "a `-- no-transaction` directive sqlx ignores because it is not the file's first bytes",
    check_set,
    ..Rule::DEFAULT
};

/// What sqlx looks for, byte for byte, at offset 0.
pub const DIRECTIVE: &[u8] = b"-- no-transaction";

fn check_set(ctx: &SetCtx, out: &mut SetSink) {
    if ctx.set.runner != Some(Runner::Sqlx) {
        return;
    }
    for file in ctx.set.history() {
        if file.bytes.starts_with(DIRECTIVE) || !contains_word(&file.bytes) {
            continue;
        }
        let decoded = input::decode(&file.bytes);
        let source = SourceFile::new(file.path.to_string_lossy(), decoded.text);
        let comments = lex(&source, 0..source.text.len(), lint_dialect()).comments;
        let directive = comments.iter().find(|c| {
            let text = c.text.trim().to_ascii_lowercase();
            text.starts_with("no-transaction") || text.starts_with("no transaction")
        });
        if let Some(comment) = directive {
            let span = comment.span.clone();
            let what = if span.start > 0 {
                "it is not at the very start of the file"
            } else {
                "sqlx matches exactly `-- no-transaction` (two dashes, one space, lower case)"
            };
            out.report(
                &file.path,
                span,
                format!("sqlx ignores this directive: {what}, so the file still runs inside a transaction"),
                "make `-- no-transaction` the file's first line, before any blank line, comment or byte-order mark",
            );
        }
    }
}

/// A cheap look before lexing: most files never mention the directive.
fn contains_word(bytes: &[u8]) -> bool {
    bytes.windows(14).any(|w| {
        w.eq_ignore_ascii_case(b"no-transaction") || w.eq_ignore_ascii_case(b"no transaction")
    })
}
