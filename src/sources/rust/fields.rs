//! Struct fields that hold a database pool, connection or transaction
//! (`AppState::pool: SqlitePool`). Reaching one (`state.pool`) outside the
//! storage modules is database access, as the grep step's `state.pool` was;
//! the field is known by its declared type, never by its name alone.

use std::collections::HashMap;
use std::sync::Arc;

use syn::visit::{self, Visit};

use crate::sources::rust::apis;

/// A field declared with a database type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseField {
    pub name: String,
    /// The struct that declares it.
    pub owner: String,
    /// Its type as written (`SqlitePool`, `Arc<sqlx::AnyPool>`).
    pub type_text: String,
}

/// A field of some struct, as the project declares it.
#[derive(Debug, Clone)]
pub struct FieldFact {
    pub field: DatabaseField,
    pub holds_database: bool,
}

/// The database fields of a project, by name. A name is kept only when
/// every struct that declares it gives it a database type: `workers.pool`
/// of a thread pool is then no finding.
#[derive(Debug, Clone, Default)]
pub struct DatabaseFields(Arc<HashMap<String, DatabaseField>>);

impl DatabaseFields {
    pub fn from_facts(facts: impl IntoIterator<Item = FieldFact>) -> DatabaseFields {
        let mut by_name: HashMap<String, Option<DatabaseField>> = HashMap::new();
        for fact in facts {
            let entry = by_name
                .entry(fact.field.name.clone())
                .or_insert_with(|| Some(fact.field.clone()));
            if !fact.holds_database {
                *entry = None;
            }
        }
        let known = by_name
            .into_iter()
            .filter_map(|(name, field)| Some((name, field?)))
            .collect();
        DatabaseFields(Arc::new(known))
    }

    pub fn get(&self, name: &str) -> Option<&DatabaseField> {
        self.0.get(name)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// These fields and a file's own (a file's own facts win).
    pub fn with(&self, own: Vec<FieldFact>) -> DatabaseFields {
        if own.is_empty() {
            return self.clone();
        }
        let own_names: Vec<String> = own.iter().map(|f| f.field.name.clone()).collect();
        let mut merged: HashMap<String, DatabaseField> = (*self.0).clone();
        merged.retain(|name, _| !own_names.contains(name));
        merged.extend(
            DatabaseFields::from_facts(own)
                .0
                .iter()
                .map(|(n, f)| (n.clone(), f.clone())),
        );
        DatabaseFields(Arc::new(merged))
    }

    /// Whether `bytes` name one of the fields as a whole word: a file that
    /// names none (and no database word) need not be parsed.
    pub fn named_in(&self, bytes: &[u8]) -> bool {
        self.0.keys().any(|name| {
            memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
                let before = at.checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(at + name.len()).copied();
                let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
                !before.is_some_and(is_word) && !after.is_some_and(is_word)
            })
        })
    }
}

/// Every named field of the file's structs, with whether its type holds a
/// database connection.
pub fn field_facts(file: &syn::File) -> Vec<FieldFact> {
    let mut collector = Collector(Vec::new());
    collector.visit_file(file);
    collector.0
}

/// The field facts of a file's text; nothing when it is not Rust that syn
/// reads, or when no struct body of its tokens names a database word (then
/// no field has a database type, and the file is not parsed).
pub fn field_facts_of(text: &str) -> Vec<FieldFact> {
    let facts = match text.parse::<proc_macro2::TokenStream>() {
        Ok(tokens) if struct_names_database_word(tokens.clone()) => syn::parse2(tokens)
            .map(|file| field_facts(&file))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    // The thread's source map holds every file parsed on it: let go of this one.
    proc_macro2::extra::invalidate_current_thread_spans();
    facts
}

/// Whether some `struct`'s body (`{ … }` or `( … )` after `struct Name`,
/// generics included) names a database word, at any depth of modules.
fn struct_names_database_word(tokens: proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let mut after_struct = false;
    for token in tokens {
        match token {
            TokenTree::Ident(ident) if ident == "struct" => after_struct = true,
            TokenTree::Group(group) if after_struct => {
                if group.delimiter() != proc_macro2::Delimiter::None
                    && apis::names_database_word(group.stream())
                {
                    return true;
                }
                after_struct = group.delimiter() == proc_macro2::Delimiter::Parenthesis;
            }
            TokenTree::Group(group) if struct_names_database_word(group.stream()) => return true,
            TokenTree::Punct(p) if after_struct && p.as_char() == ';' => after_struct = false,
            _ => {}
        }
    }
    false
}

struct Collector(Vec<FieldFact>);

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        for field in &item.fields {
            let Some(name) = &field.ident else { continue };
            let mut holds = HoldsDatabase(false);
            holds.visit_type(&field.ty);
            let ty = &field.ty;
            self.0.push(FieldFact {
                field: DatabaseField {
                    name: name.to_string(),
                    owner: item.ident.to_string(),
                    type_text: quote_type(ty),
                },
                holds_database: holds.0,
            });
        }
        visit::visit_item_struct(self, item);
    }
}

/// A type as written, without the spaces token printing adds.
fn quote_type(ty: &syn::Type) -> String {
    quote::ToTokens::to_token_stream(ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
}

/// Whether a type names a pool, connection or transaction of a database
/// crate (inside `Arc<…>`, `Option<…>` and the like too).
struct HoldsDatabase(bool);

impl<'ast> Visit<'ast> for HoldsDatabase {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        for (i, segment) in path.segments.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| names[p].as_str());
            if apis::holds_connection(previous, &names[i], &segment.arguments) {
                self.0 = true;
            }
        }
        visit::visit_path(self, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<(String, String, bool)> {
        field_facts_of(text)
            .into_iter()
            .map(|f| (f.field.name, f.field.type_text, f.holds_database))
            .collect()
    }

    #[test]
    fn pools_connections_and_transactions_hold_the_database() {
        let found = facts(
            "struct AppState { pool: SqlitePool, any: Arc<sqlx::AnyPool>, generic: sqlx::Pool<Postgres>, \
             conn: Option<rusqlite::Connection>, client: tokio_postgres::Client, workers: rayon::ThreadPool, \
             options: SqliteConnectOptions, name: String }",
        );
        let holding: Vec<&str> = found
            .iter()
            .filter(|(_, _, holds)| *holds)
            .map(|(name, _, _)| name.as_str())
            .collect();
        assert_eq!(holding, ["pool", "any", "generic", "conn", "client"]);
        assert_eq!(found[1].1, "Arc<sqlx::AnyPool>");
    }

    #[test]
    fn a_name_another_struct_gives_another_type_is_ambiguous() {
        let fields = DatabaseFields::from_facts(field_facts_of(
            "struct A { pool: PgPool, db: SqlitePool } struct B { pool: ThreadPool }",
        ));
        assert!(fields.get("pool").is_none());
        assert_eq!(fields.get("db").map(|f| f.owner.as_str()), Some("A"));
        assert!(fields.named_in(b"let x = state.db;") && !fields.named_in(b"let x = state.dbx;"));
    }
}
