//! Every input the fuzz target (`fuzz/fuzz_targets/lint.rs`) ever crashed on,
//! kept in `tests/fuzz-crashes/` and checked with the same invariants: no
//! panic, every span inside the input and on character boundaries, JSON that
//! parses back with one entry per diagnostic, and human output that renders.

use dal_audit::report::{self, Format, Style};
use dal_audit::{LintOptions, lint_bytes};

fn check_invariants(name: &str, data: &[u8]) {
    let report = lint_bytes(name, data, &LintOptions::default());
    let text = &report.file.text;
    assert_eq!(
        text.len(),
        data.len(),
        "{name}: text must keep byte offsets"
    );
    for d in &report.diagnostics {
        let spans = std::iter::once(&d.span)
            .chain(d.labels.iter().map(|l| &l.span))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span)));
        for span in spans {
            assert!(
                span.start <= span.end && span.end <= data.len(),
                "{name}: {d:?}"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{name}: {} span {span:?} splits a character",
                d.rule
            );
        }
    }
    let reports = [report];
    let mut json = Vec::new();
    report::write(Format::Json, &reports, Style { color: false }, &mut json).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        parsed["diagnostics"].as_array().map(Vec::len),
        Some(reports[0].diagnostics.len()),
        "{name}"
    );
    let mut human = Vec::new();
    report::write(Format::Human, &reports, Style { color: false }, &mut human).unwrap();
}

#[test]
fn every_kept_fuzz_crash_now_lints_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-crashes");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        check_invariants(&name, &std::fs::read(&path).unwrap());
        checked += 1;
    }
    assert!(checked > 0, "no crash inputs in {}", dir.display());
}
