//! Token-stream searches the semantics and versions rules share. They work
//! whether or not sqlparser parsed the statement, and never look inside
//! strings or comments (those are single tokens or no tokens at all).

use sqlparser::keywords::Keyword;

use crate::rules::context::StatementCtx;

/// Start indices of every place where `sequence` occurs as unquoted keywords.
pub fn keyword_runs(ctx: &StatementCtx, sequence: &[Keyword]) -> Vec<usize> {
    (0..ctx.tokens.len())
        .filter(|&start| {
            sequence
                .iter()
                .enumerate()
                .all(|(k, keyword)| ctx.keyword(start + k) == Some(*keyword))
        })
        .collect()
}

/// Whether the statement is DML (`INSERT`, `UPDATE`, `DELETE`, `REPLACE`,
/// possibly behind a `WITH` clause).
pub fn is_dml(ctx: &StatementCtx) -> bool {
    crate::syntax::model::clauses::is_dml(ctx.tokens_view())
}

/// The text of word token `i` when it is a word (quoted or not).
pub fn word<'a>(ctx: &StatementCtx<'a>, i: usize) -> Option<&'a str> {
    match &ctx.tokens.get(i)?.kind {
        sqlparser::tokenizer::Token::Word(w) => Some(w.value.as_str()),
        _ => None,
    }
}

/// Whether the project targets both engines: a difference in meaning between
/// them only matters then (a PostgreSQL-only project never sees SQLite's).
pub fn targets_both_engines(ctx: &StatementCtx) -> bool {
    ctx.targets.includes(crate::diagnostic::Engine::Sqlite)
        && ctx.targets.includes(crate::diagnostic::Engine::Postgres)
}

#[cfg(test)]
mod tests {
    use crate::lint::{LintOptions, lint_source};
    use crate::project::targets::Targets;
    use crate::sources::file::SourceFile;

    /// Every construct the semantics and versions rules look for, so that
    /// each prefix of it cuts one of them short somewhere.
    const EVERYTHING: &str = "CREATE TABLE \"T\" (id INTEGER PRIMARY KEY, a INTEGER, b VARCHAR(3), \
        c TEXT DEFAULT (CURRENT_TIMESTAMP), d DECIMAL(10, 2), e BIGINT REFERENCES x (id) ON DELETE SET NULL, \
        f INT REFERENCES y (id), h TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id)) STRICT; \
        ALTER TABLE t DROP COLUMN a, RENAME COLUMN b TO c; \
        INSERT INTO t SELECT CAST(x AS INTEGER) FROM (SELECT 1) ON CONFLICT (a) DO NOTHING RETURNING a; \
        SELECT a ->> 'k', unixepoch(), concat(a, b), a IS NOT DISTINCT FROM b FROM t RIGHT JOIN u ON lower(a) LIKE 'A\\%' \
        ORDER BY coalesce(a, 1) NULLS FIRST, b; \
        MERGE INTO t USING s ON 1 = 1; CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT; \
        ALTER TABLE t ADD COLUMN g BIGINT GENERATED ALWAYS AS (a * 2) STORED; \
        UPDATE t SET a = s.a FROM s; \
        SELECT rank() OVER (ORDER BY a), count(*) FILTER (WHERE b), any_value(c) FROM t";

    #[test]
    fn rules_never_panic_on_truncated_statements() {
        // Every rule, the opt-in (`pedantic`) ones included.
        let options = LintOptions {
            rules: crate::rules::all().to_vec(),
            targets: Targets::parse(&["sqlite>=3.0", "postgres>=9.6"]).unwrap(),
            ..LintOptions::default()
        };
        let full = lint_source(SourceFile::new("all.sql", EVERYTHING), &options);
        for rule in crate::rules::all() {
            let statement_rule = rule.kind == crate::rules::RuleKind::Statement;
            if statement_rule && matches!(rule.group, "semantics" | "versions" | "pedantic") {
                assert!(
                    full.diagnostics.iter().any(|d| d.rule == rule.id),
                    "{} does not fire on the sample",
                    rule.id
                );
            }
        }
        for end in (0..=EVERYTHING.len()).filter(|&end| EVERYTHING.is_char_boundary(end)) {
            lint_source(SourceFile::new("cut.sql", &EVERYTHING[..end]), &options);
        }
    }
}
