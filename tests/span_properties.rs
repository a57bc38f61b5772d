//! Property: whatever the bytes, every span dal-audit reports indexes the
//! input itself (inside it, on character boundaries), findings come sorted,
//! and the JSON report parses back. Inputs are built from SQL fragments and
//! hostile bytes (BOM, NUL, invalid UTF-8, CRLF, unclosed quotes and
//! comments) so that cases reach the lexer's and parser's edges quickly.

use dal_audit::report::{self, Format, Style};
use dal_audit::{LintOptions, lint_bytes};
use proptest::prelude::*;

const FRAGMENTS: &[&[u8]] = &[
    b"SELECT ",
    b"CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)",
    b"INSERT INTO t VALUES (",
    b"PRAGMA foreign_keys",
    b"CREATE TRIGGER tr AFTER INSERT ON t BEGIN ",
    b" END",
    b"?1",
    b"$1",
    b"strftime('%s', 'now')",
    b" OR ",
    b" || ",
    b"(",
    b")",
    b",",
    b";",
    b"'",
    b"\"",
    b"`",
    b"$$",
    b"$tag$",
    b"/*",
    b"*/",
    b"-- c",
    b"\n",
    b"\r\n",
    b" ",
    b"x",
    b"42",
    b"\xef\xbb\xbf",
    b"\0",
    b"\xff",
    b"\xe9",
    b"\xe2\x82",
    "é".as_bytes(),
    "🎉".as_bytes(),
    b"CASE WHEN 1 THEN 2 END",
    b"E'",
    b"0x",
];

fn sqlish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
            1 => prop::collection::vec(any::<u8>(), 0..4),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn spans_index_the_input_and_json_parses_back(bytes in sqlish()) {
        let report = lint_bytes("prop.sql", &bytes, &LintOptions::default());
        let text = &report.file.text;
        prop_assert_eq!(text.len(), bytes.len());
        for d in &report.diagnostics {
            let spans = std::iter::once(&d.span)
                .chain(d.labels.iter().map(|l| &l.span))
                .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span)));
            for span in spans {
                prop_assert!(span.start <= span.end && span.end <= bytes.len(), "{:?}", d);
                prop_assert!(text.is_char_boundary(span.start), "{:?}", d);
                prop_assert!(text.is_char_boundary(span.end), "{:?}", d);
            }
        }
        let starts: Vec<usize> = report.diagnostics.iter().map(|d| d.span.start).collect();
        prop_assert!(starts.is_sorted());

        let reports = [report];
        let mut json = Vec::new();
        report::write(Format::Json, &reports, Style { color: false }, &mut json).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(
            parsed["diagnostics"].as_array().map(Vec::len),
            Some(reports[0].diagnostics.len())
        );
    }
}
