//! Names as the schema model keeps them (`Name`: as written, with its
//! quoting) and the last part of a qualified name. A leaf module: the
//! tables (`tables.rs`) and the relations (`relations.rs`) both read it.

use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

/// A name as written: PostgreSQL folds it to lower case unless quoted, SQLite
/// matches it case-insensitively either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    /// Written in double quotes (or backticks or brackets, which PostgreSQL
    /// rejects and `backtick-identifier`'s fix turns into double quotes).
    pub quoted: bool,
}

impl Name {
    pub fn of(ident: &Ident) -> Name {
        Name {
            text: ident.value.clone(),
            quoted: ident.quote_style.is_some(),
        }
    }

    /// Whether SQLite takes both for the same name.
    pub fn same_on_sqlite(&self, other: &Name) -> bool {
        self.text.eq_ignore_ascii_case(&other.text)
    }

    /// What SQLite matches: the name with ASCII letters folded, quoted or
    /// not (`same_on_sqlite` as a key).
    pub fn sqlite_key(&self) -> String {
        self.text.to_ascii_lowercase()
    }

    /// The name PostgreSQL looks up.
    pub fn on_postgres(&self) -> String {
        if self.quoted {
            self.text.clone()
        } else {
            self.text.to_lowercase()
        }
    }

    /// How to write it so that both engines find `self`.
    pub fn written(&self) -> String {
        if self.quoted {
            format!("\"{}\"", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The last part of a (possibly qualified) name.
pub fn last_ident(name: &ObjectName) -> Option<&Ident> {
    match name.0.last()? {
        ObjectNamePart::Identifier(ident) => Some(ident),
        _ => None,
    }
}
