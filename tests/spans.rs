//! Every JSON span slices the source to exactly the flagged text, and its
//! line/column agree with the bytes.

mod common;

use common::{FIXTURE, check_json};
use serde_json::Value;

/// 1-based line and character column of a byte offset, computed naively.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        line as u64,
        text[line_start..offset].chars().count() as u64 + 1,
    )
}

/// What the flagged text must look like, per rule.
fn assert_flagged_text(rule: &str, text: &str) {
    assert!(!text.is_empty(), "{rule}: empty span");
    assert_eq!(
        text.trim(),
        text,
        "{rule}: span has surrounding whitespace: {text:?}"
    );
    let ok = match rule {
        "numbered-placeholder" => {
            text.starts_with('?') && text.len() > 1 && text[1..].bytes().all(|b| b.is_ascii_digit())
        }
        "sqlite-date-function" => {
            let name = text.split('(').next().unwrap().to_ascii_lowercase();
            [
                "strftime",
                "datetime",
                "date",
                "time",
                "julianday",
                "unixepoch",
            ]
            .contains(&name.as_str())
                && text.ends_with(')')
        }
        "pragma" => text.to_ascii_uppercase().starts_with("PRAGMA ") && !text.ends_with(';'),
        "trigger" => {
            let upper = text.to_ascii_uppercase();
            upper.starts_with("CREATE TRIGGER") || upper.starts_with("DROP TRIGGER")
        }
        _ => true,
    };
    assert!(ok, "{rule} flagged {text:?}");
}

fn assert_spans_exact(report: &Value) {
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let path = d["path"].as_str().unwrap();
        let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap_or_else(|_| std::fs::read(path).unwrap());
        let text = String::from_utf8(bytes).unwrap();
        let (start, end) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{d}"
        );
        let (line, column) = line_col(&text, start);
        assert_eq!(
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap()
            ),
            (line, column),
            "{d}"
        );
        let (line, column) = line_col(&text, end);
        assert_eq!(
            (
                d["end"]["line"].as_u64().unwrap(),
                d["end"]["column"].as_u64().unwrap()
            ),
            (line, column),
            "{d}"
        );
        assert_flagged_text(d["rule"].as_str().unwrap(), &text[start..end]);
    }
}

#[test]
fn fixture_spans_slice_the_flagged_text() {
    assert_spans_exact(&check_json(&[FIXTURE]));
}

#[test]
fn spans_stay_exact_after_multibyte_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("0001_unicode.sql");
    std::fs::write(
        &path,
        "-- café ☕ naïve\nINSERT INTO t (a, b) VALUES ('é🎉', ?1); SELECT 'ü', strftime('%s', 'now');\n\
         CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT '☕'; END;\n   PRAGMA   foreign_keys = 1 ;",
    )
    .unwrap();
    let report = check_json(&[path.to_str().unwrap()]);
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    for rule in [
        "numbered-placeholder",
        "sqlite-date-function",
        "trigger",
        "pragma",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    assert_spans_exact(&report);
}
