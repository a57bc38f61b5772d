//! Reading a file so that its bytes are held once.
//!
//! `SourceFile` keeps its text in an `Arc<str>`; building that from a `Vec`
//! copies the file, so a 60 MB file would briefly take 120 MB. Reading
//! straight into the `Arc` and reinterpreting it as text (after the UTF-8
//! check) keeps one copy.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use crate::lint::{FileReport, LintOptions, lint_bytes, lint_source};
use crate::sources::file::SourceFile;

/// The whole file, in the buffer `SourceFile` can keep.
pub fn read_shared(path: &Path) -> io::Result<Arc<[u8]>> {
    let mut file = std::fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
    let mut shared = Arc::<[u8]>::new_uninit_slice(len);
    let buffer = Arc::get_mut(&mut shared).expect("a new Arc is unique");
    buffer.fill(std::mem::MaybeUninit::new(0));
    // SAFETY: every element was just initialised to 0.
    let mut shared = unsafe { shared.assume_init() };
    let buffer = Arc::get_mut(&mut shared).expect("a new Arc is unique");
    // A file that changed size since `metadata` is read the ordinary way.
    if file.read_exact(buffer).is_err() || file.read(&mut [0u8; 1])? != 0 {
        return Ok(Arc::from(std::fs::read(path)?));
    }
    Ok(shared)
}

/// Like `lint_bytes`, without copying valid UTF-8 text.
pub fn lint_shared(path: &str, bytes: Arc<[u8]>, options: &LintOptions) -> FileReport {
    // Anything but plain text takes the checked path (invalid UTF-8, binary).
    if std::str::from_utf8(&bytes).is_err()
        || crate::sources::input::binary_evidence(&bytes).is_some()
    {
        return lint_bytes(path, &bytes, options);
    }
    // SAFETY: the bytes are valid UTF-8 (checked above) and `str` has the
    // layout of `[u8]`, so the pointer is a valid `Arc<str>`.
    let text: Arc<str> = unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) };
    lint_source(SourceFile::new(path, text), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_read_gives_the_file_and_the_same_report() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.sql");
        let sql = "PRAGMA foreign_keys = 1;\nSELECT strftime('%s', 'now'), 'é';\n";
        std::fs::write(&path, sql).unwrap();
        let bytes = read_shared(&path).unwrap();
        assert_eq!(&*bytes, sql.as_bytes());
        let options = LintOptions::default();
        let shared = lint_shared("a.sql", bytes, &options);
        let copied = lint_bytes("a.sql", sql.as_bytes(), &options);
        assert_eq!(&*shared.file.text, sql);
        assert_eq!(
            format!("{:?}", shared.diagnostics),
            format!("{:?}", copied.diagnostics)
        );
        assert!(!shared.diagnostics.is_empty());
    }

    #[test]
    fn invalid_utf8_still_takes_the_lossy_path() {
        let report = lint_shared(
            "b.sql",
            Arc::from(&b"SELECT '\xff';"[..]),
            &LintOptions::default(),
        );
        assert!(report.diagnostics.iter().any(|d| d.rule == "invalid-utf8"));
    }

    #[test]
    fn only_clean_reports_let_go_of_their_text() {
        let options = LintOptions::default();
        let mut clean = lint_bytes("c.sql", b"CREATE TABLE t (a BIGINT);", &options);
        clean.release_unneeded_text();
        assert_eq!(
            (&*clean.file.path, &*clean.file.text, clean.statements),
            ("c.sql", "", 1)
        );
        let mut flagged = lint_bytes("f.sql", b"PRAGMA foreign_keys = 1;", &options);
        flagged.release_unneeded_text();
        assert_eq!(&*flagged.file.text, "PRAGMA foreign_keys = 1;");
    }
}
