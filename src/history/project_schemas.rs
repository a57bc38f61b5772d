//! The schemas the project's migration sets end with, each with the files
//! of its set: what statements elsewhere (a view, a query in Rust code) can
//! know of a column. A statement in a migration file asks its own set's
//! schema (`ProjectSchemas::for_file`): a project that keeps a SQLite set
//! and a PostgreSQL set declares the same key differently in each, and only
//! the file's own set says which one its statements run against. A
//! statement in no set (Rust sources, loose files) asks all of them.

use std::collections::HashMap;
use std::sync::Arc;

use sqlparser::ast::{Ident, ObjectName};

use crate::history::tables::{Column, Name, Schema};

/// One set's final schema and the paths (as discovered) of its files.
#[derive(Debug, Clone)]
pub struct SetSchema {
    pub files: Vec<String>,
    pub schema: Schema,
}

#[derive(Debug, Clone, Default)]
pub struct ProjectSchemas {
    sets: Arc<Vec<Schema>>,
    /// Each migration file's set, by path.
    set_of_file: Arc<HashMap<String, usize>>,
    /// The set this view is scoped to, if any (`for_file`).
    own: Option<usize>,
}

impl ProjectSchemas {
    pub fn new(sets: Vec<SetSchema>) -> ProjectSchemas {
        let mut set_of_file = HashMap::new();
        let mut schemas = Vec::with_capacity(sets.len());
        for (index, set) in sets.into_iter().enumerate() {
            for file in set.files {
                set_of_file.insert(file, index);
            }
            schemas.push(set.schema);
        }
        ProjectSchemas {
            sets: Arc::new(schemas),
            set_of_file: Arc::new(set_of_file),
            own: None,
        }
    }

    /// The schemas a statement of the file at `path` is judged against: its
    /// own set's when the file belongs to one, else every set's.
    pub fn for_file(&self, path: &str) -> ProjectSchemas {
        ProjectSchemas {
            own: self.set_of_file.get(path).copied(),
            ..self.clone()
        }
    }

    fn in_scope(&self) -> impl Iterator<Item = &Schema> {
        let own = self.own.and_then(|i| self.sets.get(i));
        let all = own
            .is_none()
            .then(|| self.sets.iter())
            .into_iter()
            .flatten();
        own.into_iter().chain(all)
    }

    /// The column a foreign key names, in each set in scope that has it:
    /// `table (column)`, or with `column` `None` the table's single-column
    /// primary key.
    pub fn referenced(&self, table: &ObjectName, column: Option<&Ident>) -> Vec<&Column> {
        let mut found = Vec::new();
        for table in self.in_scope().filter_map(|schema| schema.table(table)) {
            let referenced = match column {
                Some(name) => table.column(&Name::of(name)),
                None => match table
                    .columns
                    .iter()
                    .filter(|c| c.primary_key)
                    .collect::<Vec<_>>()[..]
                {
                    [key] => Some(key),
                    _ => None,
                },
            };
            found.extend(referenced);
        }
        found
    }

    /// Whether `column` can never be NULL in any of `tables` that has it:
    /// declared `NOT NULL` or `PRIMARY KEY` by every set in scope that
    /// creates it. False when no set knows such a column.
    pub fn never_null(&self, tables: &[Name], column: &Name) -> bool {
        let mut found = false;
        for schema in self.in_scope() {
            for table in tables.iter().filter_map(|name| schema.table_named(name)) {
                if let Some(known) = table.column(column) {
                    if !(known.not_null || known.primary_key) {
                        return false;
                    }
                    found = true;
                }
            }
        }
        found
    }
}
