//! Pipeline guarantees: nothing is hidden by a bad statement, and text in
//! strings and comments is never flagged.

use dal_audit::{LintOptions, SourceFile, lint_source};

fn rules_flagged(sql: &str) -> Vec<(&'static str, String)> {
    let report = lint_source(SourceFile::new("t.sql", sql), &LintOptions::default());
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule, sql[d.span.clone()].to_string()))
        .collect()
}

#[test]
fn an_unparsable_statement_hides_none_of_the_findings_around_it() {
    let sql = "UPDATE a SET x = ?1;\n\
               CREATE TRIGGER IF NOT EXISTS t AFTER INSERT ON a BEGIN UPDATE a SET y = ?2; END;\n\
               THIS IS NOT SQL ?3;\n\
               INSERT INTO a (t) VALUES (strftime('%s', 'now'));\n\
               PRAGMA journal_mode = WAL;";
    let flagged = rules_flagged(sql);
    let expect = [
        ("numbered-placeholder", "?1"),
        ("trigger", "CREATE TRIGGER IF NOT EXISTS t"),
        ("numbered-placeholder", "?2"),
        ("numbered-placeholder", "?3"),
        ("sqlite-date-function", "strftime('%s', 'now')"),
        ("pragma", "PRAGMA journal_mode = WAL"),
    ];
    for (rule, text) in expect {
        assert!(
            flagged.iter().any(|(r, t)| *r == rule && t == text),
            "{rule} at {text:?} missing from {flagged:?}"
        );
    }
    // Three statements no dialect parses; only the one SQLite rejects too is a
    // parse error (the trigger and the PRAGMA are valid SQLite).
    let parse_errors: Vec<_> = flagged
        .iter()
        .filter(|(r, _)| *r == "parse-error")
        .collect();
    assert_eq!(
        parse_errors,
        [&("parse-error", "THIS".to_string())],
        "{flagged:?}"
    );
    let report = lint_source(SourceFile::new("t.sql", sql), &LintOptions::default());
    assert_eq!(report.unparsed, 3);
}

#[test]
fn an_unterminated_string_is_reported_and_later_lines_still_linted() {
    let flagged = rules_flagged("SELECT 'never closed;\nPRAGMA foreign_keys = 1;\n");
    assert!(
        flagged.iter().any(|(r, _)| *r == "parse-error"),
        "{flagged:?}"
    );
    assert!(flagged.iter().any(|(r, _)| *r == "pragma"), "{flagged:?}");
}

#[test]
fn strings_and_comments_are_never_flagged() {
    let sql = "-- ?1 strftime('%s') PRAGMA x; CREATE TRIGGER\n\
               /* ?2 datetime('now') PRAGMA y; */\n\
               SELECT 'strftime(''%s'', ?1) PRAGMA z; CREATE TRIGGER t', \"?3\" FROM t;\n\
               CREATE FUNCTION f() RETURNS int AS $$ SELECT strftime('%s'); PRAGMA q; $$ LANGUAGE sql;";
    let flagged: Vec<_> = rules_flagged(sql)
        .into_iter()
        .filter(|(rule, _)| {
            [
                "numbered-placeholder",
                "sqlite-date-function",
                "pragma",
                "trigger",
            ]
            .contains(rule)
        })
        .collect();
    assert!(flagged.is_empty(), "{flagged:?}");
}

#[test]
fn a_column_or_type_named_like_a_date_function_is_not_a_call() {
    let sql = "CREATE TABLE t (date TEXT, time TEXT); SELECT date, time FROM t; CREATE TABLE u (d date, x time(3)) STRICTISH";
    let flagged = rules_flagged(sql);
    assert!(
        !flagged.iter().any(|(r, _)| *r == "sqlite-date-function"),
        "{flagged:?}"
    );
}

#[test]
fn findings_about_engines_outside_the_targets_are_dropped() {
    let options = LintOptions {
        targets: dal_audit::project::targets::Targets::parse(&["sqlite>=3.35"]).unwrap(),
        ..LintOptions::default()
    };
    let report = lint_source(
        SourceFile::new("t.sql", "PRAGMA foreign_keys = 1;"),
        &options,
    );
    assert!(report.diagnostics.iter().all(|d| d.rule != "pragma"));
}

#[test]
fn a_bom_does_not_hide_the_first_statement() {
    let flagged = rules_flagged("\u{feff}PRAGMA foreign_keys = 1;");
    assert!(
        flagged
            .iter()
            .any(|(r, t)| *r == "pragma" && t == "PRAGMA foreign_keys = 1"),
        "{flagged:?}"
    );
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_linted() {
    let bytes = b"INSERT INTO t VALUES ('caf\xe9');\nPRAGMA foreign_keys = 1;";
    let report = dal_audit::lint_bytes("t.sql", bytes, &LintOptions::default());
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"invalid-utf8"), "{rules:?}");
    assert!(rules.contains(&"pragma"), "{rules:?}");
}
