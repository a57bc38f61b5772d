//! Property: `--fix` changes only the bytes its edits cover. Files are
//! built from the rule pages' Examples and Portable forms (the SQL every
//! fix is written for) joined by hostile separators (a byte-order mark,
//! CRLF, bytes that are not UTF-8, comments); each pass's edits are checked
//! against the findings' fixes, and every byte outside them against the input.

mod doc_pages;

use dal_audit::fix::{FixLevel, apply_once, fix_bytes};
use dal_audit::{LintOptions, lint_bytes};
use proptest::prelude::*;

/// Every SQL block of every page, once.
fn blocks() -> &'static [String] {
    static BLOCKS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    BLOCKS.get_or_init(|| {
        let mut blocks = Vec::new();
        for page in doc_pages::pages() {
            for heading in ["Example", "Portable form"] {
                blocks.extend(page.sql_blocks(heading).iter().map(|b| b.code.clone()));
            }
        }
        blocks
    })
}

const SEPARATORS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b" ",
    b"",
    b"\n-- caf\xe9 \xff\n",
    b"/* \xc3 */",
    b"\t\r\n\r\n",
];

fn file() -> impl Strategy<Value = Vec<u8>> {
    let piece = (0..blocks().len(), 0..SEPARATORS.len());
    (any::<bool>(), proptest::collection::vec(piece, 1..6)).prop_map(|(bom, pieces)| {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(b"\xef\xbb\xbf");
        }
        for (block, separator) in pieces {
            bytes.extend_from_slice(blocks()[block].as_bytes());
            bytes.extend_from_slice(SEPARATORS[separator]);
        }
        bytes
    })
}

/// Whether `edit` is one of the edits some finding's fix proposed.
fn proposed(report: &dal_audit::FileReport, edit: &dal_audit::diagnostic::Edit) -> bool {
    report
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .any(|fix| fix.edits.contains(edit))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn bytes_outside_the_edits_never_change(bytes in file()) {
        let options = LintOptions::default();
        let report = lint_bytes("f.sql", &bytes, &options);
        let applied = apply_once(&bytes, &report.file.text, &report.diagnostics, FixLevel::Unsafe);
        // Walk the input: each gap between edits must appear unchanged in
        // the output, at the offset the edits before it moved it to.
        let mut input_at = 0;
        let mut output_at = 0;
        for edit in &applied.edits {
            prop_assert!(proposed(&report, edit), "an edit no finding proposed: {edit:?}");
            prop_assert!(input_at <= edit.span.start, "edits overlap or are unsorted");
            let gap = &bytes[input_at..edit.span.start];
            prop_assert_eq!(&applied.bytes[output_at..output_at + gap.len()], gap);
            prop_assert!(
                std::str::from_utf8(&bytes[edit.span.clone()]).is_ok(),
                "an edit covers bytes that are not UTF-8"
            );
            output_at += gap.len();
            prop_assert_eq!(
                &applied.bytes[output_at..output_at + edit.replacement.len()],
                edit.replacement.as_bytes()
            );
            output_at += edit.replacement.len();
            input_at = edit.span.end;
        }
        prop_assert_eq!(&applied.bytes[output_at..], &bytes[input_at..]);
    }

    #[test]
    fn fixing_twice_fixes_nothing_the_second_time(bytes in file()) {
        let options = LintOptions::default();
        let once = fix_bytes("f.sql", &bytes, &options, FixLevel::Unsafe);
        prop_assume!(!once.unsettled);
        let twice = fix_bytes("f.sql", &once.bytes, &options, FixLevel::Unsafe);
        prop_assert_eq!(twice.fixed, 0);
        prop_assert_eq!(twice.bytes, once.bytes);
    }
}
