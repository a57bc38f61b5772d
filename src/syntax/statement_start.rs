//! Whether a text reads as an SQL statement: its first word (after blanks
//! and comments) is a keyword a statement starts with. Rust sources use it
//! for method names shared with other APIs (`execute`, `query`, `prepare`).

/// The words SQLite and PostgreSQL statements start with.
const STATEMENT_KEYWORDS: &[&str] = &[
    "ALTER",
    "ANALYZE",
    "ATTACH",
    "BEGIN",
    "CALL",
    "CLUSTER",
    "COMMENT",
    "COMMIT",
    "COPY",
    "CREATE",
    "DEALLOCATE",
    "DECLARE",
    "DELETE",
    "DETACH",
    "DISCARD",
    "DO",
    "DROP",
    "END",
    "EXECUTE",
    "EXPLAIN",
    "GRANT",
    "INSERT",
    "LISTEN",
    "LOCK",
    "MERGE",
    "NOTIFY",
    "PRAGMA",
    "PREPARE",
    "REFRESH",
    "REINDEX",
    "RELEASE",
    "REPLACE",
    "RESET",
    "REVOKE",
    "ROLLBACK",
    "SAVEPOINT",
    "SELECT",
    "SET",
    "SHOW",
    "TABLE",
    "TRUNCATE",
    "UNLISTEN",
    "UPDATE",
    "VACUUM",
    "VALUES",
    "WITH",
];

/// Whether the first word of `text` is a statement keyword (any case).
pub fn reads_as_statement(text: &str) -> bool {
    let word: String = skip_blanks_and_comments(text)
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    STATEMENT_KEYWORDS
        .iter()
        .any(|keyword| keyword.eq_ignore_ascii_case(&word))
}

fn skip_blanks_and_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("--") {
            text = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_told_from_other_text() {
        assert!(reads_as_statement("SELECT 1"));
        assert!(reads_as_statement(
            "  -- why\n/* x */ insert into t values (1)"
        ));
        assert!(reads_as_statement("WITH x AS (SELECT 1) SELECT * FROM x"));
        assert!(!reads_as_statement("selection"));
        assert!(!reads_as_statement("ls -la"));
        assert!(!reads_as_statement(" WHERE id = "));
        assert!(!reads_as_statement(""));
    }
}
