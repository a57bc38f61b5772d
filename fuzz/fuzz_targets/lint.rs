//! Lints arbitrary bytes and checks what every caller relies on: no panic,
//! every span inside the input and on character boundaries, and JSON output
//! that parses back with one entry per diagnostic.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run lint` from the repository root.
#![no_main]

use dal_audit::report::{self, Format, Style};
use dal_audit::{LintOptions, lint_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = LintOptions::default();
    let report = lint_bytes("fuzz.sql", data, &options);
    let text = &report.file.text;
    assert_eq!(text.len(), data.len(), "spans must index the original bytes");
    for d in &report.diagnostics {
        let spans = std::iter::once(&d.span)
            .chain(d.labels.iter().map(|l| &l.span))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span)));
        for span in spans {
            assert!(span.start <= span.end, "{}: inverted span {span:?}", d.rule);
            assert!(span.end <= data.len(), "{}: span {span:?} past the end", d.rule);
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{}: span {span:?} splits a character",
                d.rule
            );
        }
    }
    let reports = [report];
    let mut json = Vec::new();
    report::write(Format::Json, &reports, Style { color: false }, &mut json).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json).expect("JSON parses back");
    assert_eq!(
        parsed["diagnostics"].as_array().map(Vec::len),
        Some(reports[0].diagnostics.len())
    );
    let mut human = Vec::new();
    report::write(Format::Human, &reports, Style { color: false }, &mut human).unwrap();
});
