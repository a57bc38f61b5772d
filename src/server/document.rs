//! An open document: its text as the editor holds it, kept in sync by
//! `didChange` (incremental or whole), and what kind of file it is.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::project::config::FILE_NAME;
use crate::server::lint::Linted;
use crate::server::position::{Encoding, Lines};

/// What the server does with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Linted: SQL, or a Rust file for the SQL of its database calls.
    Sql,
    /// A configuration file (`dal-audit.toml`, `Cargo.toml`): saving it
    /// reloads the configuration; it is never linted as SQL.
    Config,
    /// Anything else the client sends: left alone.
    Other,
}

impl Kind {
    /// By the file name when there is one (what `check` goes by), else by
    /// the client's language id (an unsaved buffer).
    pub fn of(path: Option<&Path>, language_id: &str) -> Kind {
        match path {
            Some(path) if is_config_file(path) => Kind::Config,
            Some(path)
                if path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("sql") || e.eq_ignore_ascii_case("rs")
                }) =>
            {
                Kind::Sql
            }
            Some(_) => Kind::Other,
            None if language_id == "sql" => Kind::Sql,
            None => Kind::Other,
        }
    }
}

/// `dal-audit.toml`, or a `Cargo.toml` (which may hold `[package.metadata.dal-audit]`).
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == FILE_NAME || name == "Cargo.toml")
}

#[derive(Debug)]
pub struct Document {
    pub uri: Url,
    /// The file's path, for a `file:` URI.
    pub path: Option<PathBuf>,
    pub kind: Kind,
    pub version: i32,
    pub text: Arc<str>,
    pub lines: Lines,
    /// The last lint of this very version, if it is done.
    pub linted: Option<Linted>,
}

impl Document {
    pub fn new(
        uri: Url,
        language_id: &str,
        version: i32,
        text: String,
        encoding: Encoding,
    ) -> Document {
        let path = uri.to_file_path().ok();
        let kind = Kind::of(path.as_deref(), language_id);
        Document {
            lines: Lines::new(&text, encoding),
            uri,
            path,
            kind,
            version,
            text: text.into(),
            linted: None,
        }
    }

    /// Applies `didChange`'s edits in order: each range is in the text as
    /// the previous edit left it; an edit without a range replaces everything.
    pub fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let mut text = String::from(&*self.text);
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = self.lines.offset(&text, range.start);
                    let end = self.lines.offset(&text, range.end).max(start);
                    text.replace_range(start..end, &change.text);
                }
                None => text = change.text,
            }
            self.lines = Lines::new(&text, self.lines.encoding());
        }
        self.text = text.into();
        self.version = version;
        self.linted = None;
    }

    /// The name the lint reports and the configuration selects by: the
    /// file's path, or for an unsaved buffer its URI.
    pub fn display_path(&self) -> String {
        match &self.path {
            Some(path) => path.to_string_lossy().into_owned(),
            None => self.uri.to_string(),
        }
    }

    /// The current lint, if it is of the current text.
    pub fn current_lint(&self) -> Option<&Linted> {
        self.linted.as_ref().filter(|l| l.version == self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    fn document(text: &str, encoding: Encoding) -> Document {
        let uri = Url::parse("file:///w/m.sql").unwrap();
        Document::new(uri, "sql", 1, text.into(), encoding)
    }

    #[test]
    fn incremental_edits_apply_in_order_in_the_negotiated_unit() {
        // After `'é🦀'` a UTF-16 column is 12 (é is 1 unit, 🦀 2), a UTF-8 one 15 (2 and 4 bytes).
        let mut doc = document("SELECT 'é🦀' AS x;\nSELECT 1;\n", Encoding::Utf16);
        doc.change(
            2,
            vec![edit((0, 12), (0, 12), " || 'a'"), edit((1, 7), (1, 8), "2")],
        );
        assert_eq!(&*doc.text, "SELECT 'é🦀' || 'a' AS x;\nSELECT 2;\n");
        assert_eq!(doc.version, 2);

        let mut doc = document("SELECT 'é🦀' AS x;\n", Encoding::Utf8);
        doc.change(2, vec![edit((0, 15), (0, 15), " || 'a'")]);
        assert_eq!(&*doc.text, "SELECT 'é🦀' || 'a' AS x;\n");
    }

    #[test]
    fn a_change_without_range_replaces_the_text() {
        let mut doc = document("SELECT 1;", Encoding::Utf16);
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "PRAGMA x;".into(),
        };
        doc.change(5, vec![whole]);
        assert_eq!(&*doc.text, "PRAGMA x;");
    }

    #[test]
    fn kinds_go_by_file_name_then_language() {
        assert_eq!(
            Kind::of(Some(Path::new("/w/1_init.SQL")), "plaintext"),
            Kind::Sql
        );
        assert_eq!(
            Kind::of(Some(Path::new("/w/dal-audit.toml")), "toml"),
            Kind::Config
        );
        assert_eq!(
            Kind::of(Some(Path::new("/w/Cargo.toml")), "toml"),
            Kind::Config
        );
        assert_eq!(Kind::of(Some(Path::new("/w/src/db.rs")), "rust"), Kind::Sql);
        assert_eq!(Kind::of(Some(Path::new("/w/notes.md")), "sql"), Kind::Other);
        assert_eq!(Kind::of(None, "sql"), Kind::Sql);
        assert_eq!(Kind::of(None, "markdown"), Kind::Other);
    }
}
