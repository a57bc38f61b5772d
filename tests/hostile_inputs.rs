//! One test per hostile input of issue 6, each generated here (nothing large
//! is stored). Every test runs the library entry points on the test harness's
//! own thread (2 MiB of stack): stack safety must not depend on the caller.
//! Each one checks that the input ends in the expected finding, that the rest
//! of the file is still linted, and that every span indexes the input bytes.

use dal_audit::lint::MAX_PARSED_TOKENS;
use dal_audit::{FileReport, LintOptions, lint_bytes};

fn lint(bytes: &[u8]) -> FileReport {
    let report = lint_bytes("hostile.sql", bytes, &LintOptions::default());
    assert_spans_index_the_input(&report, bytes);
    report
}

fn assert_spans_index_the_input(report: &FileReport, bytes: &[u8]) {
    let text = &report.file.text;
    assert_eq!(text.len(), bytes.len());
    for d in &report.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= bytes.len(),
            "{d:?}"
        );
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
}

fn rules(report: &FileReport) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule).collect()
}

/// The bytes a diagnostic of `rule` points at, in the original input.
fn flagged<'a>(report: &FileReport, bytes: &'a [u8], rule: &str) -> Vec<&'a [u8]> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| &bytes[d.span.clone()])
        .collect()
}

/// A statement the `pragma` rule flags, to show the file's tail was linted.
const TAIL: &str = "\nPRAGMA foreign_keys;\n";

#[test]
fn invalid_utf8_is_reported_and_later_spans_are_original_byte_offsets() {
    let bytes =
        b"INSERT INTO t VALUES ('caf\xe9', '\xff\xfe');\nSELECT ?1;\nPRAGMA journal_mode;\n";
    let report = lint(bytes);
    assert_eq!(flagged(&report, bytes, "invalid-utf8"), [b"\xe9"]);
    let message = &report.diagnostics[0].message;
    assert!(
        message.contains("0xE9") && message.contains("2 more"),
        "{message}"
    );
    // After three bad bytes, spans still slice the original file exactly.
    assert_eq!(flagged(&report, bytes, "numbered-placeholder"), [b"?1"]);
    assert_eq!(flagged(&report, bytes, "pragma"), [b"PRAGMA journal_mode"]);
}

#[test]
fn byte_order_mark_is_reported_and_the_first_statement_still_linted() {
    let bytes = "\u{feff}PRAGMA foreign_keys;\nSELECT 1;\n".as_bytes();
    let report = lint(bytes);
    assert_eq!(rules(&report), ["byte-order-mark", "pragma"]);
    assert_eq!(
        flagged(&report, bytes, "byte-order-mark"),
        ["\u{feff}".as_bytes()]
    );
    assert_eq!(flagged(&report, bytes, "pragma"), [b"PRAGMA foreign_keys"]);
    assert_eq!(report.statements, 2);
}

#[test]
fn crlf_line_endings_are_fine_on_both_engines_and_keep_spans_exact() {
    // Both engines read `\r\n` as whitespace: the same findings as with `\n`.
    let lf = "CREATE TABLE t (\n  id BIGINT\n);\nSELECT ?1;\n";
    let crlf = lf.replace('\n', "\r\n");
    let report = lint(crlf.as_bytes());
    assert_eq!(rules(&report), rules(&lint(lf.as_bytes())));
    assert_eq!(
        flagged(&report, crlf.as_bytes(), "numbered-placeholder"),
        [b"?1"]
    );
}

#[test]
fn nul_bytes_are_reported_once_and_the_rest_is_linted() {
    let bytes = b"CREATE TABLE a (id INTEGER);\0\nSELECT '\0';\nPRAGMA x;\n";
    let report = lint(bytes);
    let nul: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "nul-byte")
        .collect();
    assert_eq!(nul.len(), 1);
    assert_eq!(nul[0].span, 28..29);
    assert!(nul[0].message.contains("1 more"), "{}", nul[0].message);
    assert_eq!(flagged(&report, bytes, "pragma"), [b"PRAGMA x"]);
}

#[test]
fn random_binary_named_sql_is_one_binary_file_finding() {
    // A fixed xorshift sequence: "random" bytes, the same on every run.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let report = lint(&bytes);
    assert_eq!(rules(&report), ["binary-file"]);
    assert!(report.diagnostics[0].message.contains("not linted"));
}

#[test]
fn binary_file_starting_with_a_multibyte_character_points_at_all_of_it() {
    // The first fuzz crash: the finding's span cut the BOM in two.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend((0..512u32).map(|i| (i * 37 % 251) as u8));
    let report = lint(&bytes);
    assert_eq!(rules(&report), ["binary-file"]);
    assert_eq!(report.diagnostics[0].span, 0..3);
}

#[test]
fn utf16_saved_sql_is_one_finding_that_says_utf16() {
    let bytes: Vec<u8> = "\u{feff}PRAGMA foreign_keys;\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let report = lint(&bytes);
    assert_eq!(rules(&report), ["binary-file"]);
    assert!(report.diagnostics[0].message.contains("UTF-16"));
}

#[test]
fn empty_whitespace_and_comment_only_files_have_no_findings() {
    for input in [
        "",
        "\n\n  \t\r\n",
        "-- only a comment",
        "/* block */\n-- line\n;;;\n",
    ] {
        let report = lint(input.as_bytes());
        assert!(
            report.diagnostics.is_empty(),
            "{input:?}: {:?}",
            report.diagnostics
        );
        assert_eq!(report.statements, 0, "{input:?}");
    }
}

#[test]
fn twenty_thousand_nested_parentheses_are_a_parse_error_not_a_crash() {
    let depth = 20_000;
    let sql = format!("SELECT {}1{};{TAIL}", "(".repeat(depth), ")".repeat(depth));
    let report = lint(sql.as_bytes());
    let parse = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "parse-error")
        .unwrap();
    assert!(
        parse.message.contains("recursion limit"),
        "{}",
        parse.message
    );
    assert_eq!(flagged(&report, sql.as_bytes(), "pragma").len(), 1);
}

/// `SELECT ?1 <op> c <op> c …` with `terms` terms joined by `op`.
fn chain(op: &str, terms: usize) -> String {
    let mut sql = String::from("SELECT ?1");
    for _ in 1..terms {
        sql.push_str(op);
        sql.push('c');
    }
    sql.push(';');
    sql.push_str(TAIL);
    sql
}

fn assert_too_large_but_token_linted(sql: &str) {
    let report = lint(sql.as_bytes());
    let bytes = sql.as_bytes();
    assert_eq!(flagged(&report, bytes, "statement-too-large"), [b"SELECT"]);
    // Token rules still ran on the skipped statement, and the file went on.
    assert_eq!(flagged(&report, bytes, "numbered-placeholder"), [b"?1"]);
    assert_eq!(flagged(&report, bytes, "pragma").len(), 1);
}

#[test]
fn sixty_thousand_term_or_chain_is_too_large_to_parse_and_token_linted() {
    assert_too_large_but_token_linted(&chain(" OR ", 60_000));
}

#[test]
fn sixty_thousand_term_concat_chain_is_too_large_to_parse_and_token_linted() {
    assert_too_large_but_token_linted(&chain(" || ", 60_000));
}

#[test]
fn deepest_chain_under_the_token_cap_parses_and_drops_safely() {
    // Two tokens per term: the deepest AST a statement within the cap yields.
    let terms = MAX_PARSED_TOKENS / 2;
    let sql = chain("||", terms);
    let report = lint(sql.as_bytes());
    assert_eq!(rules(&report), ["numbered-placeholder", "pragma"]);
}

#[test]
fn three_hundred_thousand_element_in_list_is_too_large_to_parse() {
    let items: Vec<String> = (0..300_000).map(|i| i.to_string()).collect();
    let sql = format!("SELECT ?1 WHERE x IN ({});{TAIL}", items.join(","));
    assert_too_large_but_token_linted(&sql);
}

#[test]
fn unterminated_string_is_reported_and_the_next_lines_are_linted() {
    let bytes = b"SELECT 'never closed;\nPRAGMA x;\n";
    let report = lint(bytes);
    assert_eq!(flagged(&report, bytes, "parse-error")[0], b"'never closed;");
    assert_eq!(flagged(&report, bytes, "pragma"), [b"PRAGMA x"]);
}

#[test]
fn unterminated_dollar_quote_is_reported_and_the_next_lines_are_linted() {
    let bytes = b"CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\nPRAGMA x;\n";
    let report = lint(bytes);
    let lexer_errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("could not tokenize"))
        .map(|d| &bytes[d.span.clone()])
        .collect();
    assert_eq!(lexer_errors, [b"$body$ SELECT 1;"]);
    assert_eq!(flagged(&report, bytes, "pragma"), [b"PRAGMA x"]);
}

#[test]
fn unterminated_block_comment_is_reported_where_it_opens() {
    let bytes = b"PRAGMA x;\n/* never closed\nCREATE TABLE t (id INTEGER);\n";
    let report = lint(bytes);
    assert_eq!(rules(&report), ["pragma", "unterminated-comment"]);
    assert_eq!(flagged(&report, bytes, "unterminated-comment"), [b"/*"]);
}

/// A statement every ~40 bytes and a finding at the very end, `megabytes` long.
fn assert_linted_to_the_end(megabytes: usize) {
    let line = "INSERT INTO t (a, b) VALUES (1, 'x');\n";
    let mut sql = line.repeat(megabytes * 1024 * 1024 / line.len());
    sql.push_str(TAIL);
    let report = lint(sql.as_bytes());
    assert_eq!(rules(&report), ["pragma"]);
    assert_eq!(report.statements, megabytes * 1024 * 1024 / line.len() + 1);
}

#[test]
fn six_megabyte_file_is_linted_to_the_end() {
    assert_linted_to_the_end(6);
}

/// The size the large-input issue named. A minute in a debug build, so it is
/// opt-in: `.ci/run` runs it in release (`cargo test --release --test
/// hostile_inputs -- --ignored`).
#[test]
#[ignore = "60 MB: run with --ignored (in release, as .ci/run does)"]
fn sixty_megabyte_file_is_linted_to_the_end() {
    assert_linted_to_the_end(60);
}

#[test]
fn twenty_thousand_nested_calls_are_found_from_tokens_in_one_pass() {
    // Too deep for sqlparser, so calls come from tokens; pairing each `(`
    // with its `)` by rescanning would take minutes here.
    let depth = 20_000;
    let sql = format!("SELECT {}1{};", "date(".repeat(depth), ")".repeat(depth));
    let report = lint(sql.as_bytes());
    let calls = flagged(&report, sql.as_bytes(), "sqlite-date-function");
    assert_eq!(calls.len(), depth);
    assert_eq!(
        calls.iter().filter(|c| c.starts_with(b"date(")).count(),
        depth
    );
    // The outermost call runs from its name to the last `)`.
    let longest = calls.iter().map(|c| c.len()).max().unwrap();
    assert_eq!(longest, sql.len() - "SELECT ".len() - ";".len());
}

#[test]
fn minified_one_line_file_with_non_ascii_text_lints_in_linear_time() {
    // Every token's column on one long non-ASCII line: converting each by
    // scanning from the line's start took minutes here.
    let statements = 20_000;
    let sql = "SELECT 'é', ?1;".repeat(statements);
    let report = lint(sql.as_bytes());
    let placeholders = flagged(&report, sql.as_bytes(), "numbered-placeholder");
    assert_eq!(placeholders.len(), statements);
    let last = report.diagnostics.last().unwrap();
    assert_eq!(last.span, sql.len() - 3..sql.len() - 1);
    assert_eq!(
        report.file.line_col(last.span.start),
        (1, sql.chars().count() - 2)
    );
}
