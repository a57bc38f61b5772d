//! The relation names a set's history holds on PostgreSQL: tables, the
//! indexes it creates, and the indexes PostgreSQL creates for `PRIMARY KEY`
//! and `UNIQUE` constraints (`<table>_pkey`, `<table>_<columns>_key`, or the
//! constraint's own name). Tables and indexes share one namespace per schema
//! on PostgreSQL (and per database on SQLite), but SQLite names its
//! constraints' indexes `sqlite_autoindex_<table>_<n>`: a `CREATE INDEX`
//! that takes a constraint index's name fails on PostgreSQL only. Part of
//! the schema model (`Schema::relations`), kept through CREATE/DROP
//! TABLE and INDEX, table renames and constraint changes.

use sqlparser::ast::{
    AlterTableOperation, ColumnOption, CreateIndex, CreateTable, Ident, IndexColumn, ObjectName,
    ObjectType, RenameTableNameKind, Statement, TableConstraint,
};

use std::collections::HashMap;

use crate::history::names::{Name, last_ident};

/// PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN - 1).
pub const POSTGRES_NAME_BYTES: usize = 63;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    Table,
    /// Created by `CREATE INDEX`: SQLite holds the name too.
    Index,
    /// Created by PostgreSQL for a `PRIMARY KEY` or `UNIQUE` constraint:
    /// SQLite names its own index otherwise.
    ConstraintIndex,
}

#[derive(Debug, Clone)]
pub struct Relation {
    pub name: Name,
    pub kind: RelationKind,
    /// The table it is (or indexes), as named now (renames followed).
    pub table: Name,
    /// `postgres_key(&table)`, kept to find a table's relations.
    table_key: String,
}

/// The name PostgreSQL stores for `name`: folded unless quoted, truncated to
/// `POSTGRES_NAME_BYTES` on a character boundary.
pub fn postgres_key(name: &Name) -> String {
    let mut folded = name.on_postgres();
    let mut end = folded.len().min(POSTGRES_NAME_BYTES);
    while !folded.is_char_boundary(end) {
        end -= 1;
    }
    folded.truncate(end);
    folded
}

/// The relations by the name PostgreSQL stores (one relation a name: the
/// namespace is shared), so that a lookup costs the same in a history of
/// ten tables or of ten thousand.
#[derive(Debug, Clone, Default)]
pub struct Relations(HashMap<String, Relation>);

impl Relations {
    /// The relation PostgreSQL holds under `name`'s stored name, if any.
    pub fn held_on_postgres(&self, name: &Name) -> Option<&Relation> {
        self.0.get(&postgres_key(name))
    }

    /// Applies one statement's effect on the relation names.
    pub fn apply(&mut self, statement: &Statement) {
        match statement {
            Statement::CreateTable(create) => self.create_table(create),
            Statement::CreateIndex(index) => self.create_index(index),
            Statement::AlterTable(alter) => {
                for operation in &alter.operations {
                    self.alter(&alter.name, operation);
                }
            }
            Statement::Drop {
                object_type, names, ..
            } => {
                // PostgreSQL finds what to drop by its stored name: a long
                // name drops the index whose first 63 bytes it spells.
                for name in names.iter().filter_map(last_ident).map(Name::of) {
                    let key = postgres_key(&name);
                    match object_type {
                        ObjectType::Table => self.0.retain(|_, r| r.table_key != key),
                        ObjectType::Index => self.remove(&key, RelationKind::Index),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// Removes the relation stored as `key` when it is of `kind`.
    fn remove(&mut self, key: &str, kind: RelationKind) {
        if self.0.get(key).is_some_and(|r| r.kind == kind) {
            self.0.remove(key);
        }
    }

    fn add(&mut self, name: Name, kind: RelationKind, table: &Name) {
        // A name already held is an error on an engine (or `IF NOT
        // EXISTS`): the first relation stands.
        let key = postgres_key(&name);
        self.0.entry(key).or_insert_with(|| Relation {
            name,
            kind,
            table: table.clone(),
            table_key: postgres_key(table),
        });
    }

    fn create_table(&mut self, create: &CreateTable) {
        let Some(table) = last_ident(&create.name).map(Name::of) else {
            return;
        };
        if self.held_on_postgres(&table).is_some() {
            return;
        }
        self.add(table.clone(), RelationKind::Table, &table);
        for column in &create.columns {
            for option in &column.options {
                self.column_constraint(&table, &column.name, option.name.as_ref(), &option.option);
            }
        }
        for constraint in &create.constraints {
            self.table_constraint(&table, constraint);
        }
    }

    fn create_index(&mut self, index: &CreateIndex) {
        let (Some(name), Some(table)) = (
            index.name.as_ref().and_then(last_ident),
            last_ident(&index.table_name),
        ) else {
            return;
        };
        self.add(Name::of(name), RelationKind::Index, &Name::of(table));
    }

    fn alter(&mut self, table: &ObjectName, operation: &AlterTableOperation) {
        let Some(table) = last_ident(table).map(Name::of) else {
            return;
        };
        match operation {
            AlterTableOperation::AddColumn { column_def, .. } => {
                for option in &column_def.options {
                    let name = option.name.as_ref();
                    self.column_constraint(&table, &column_def.name, name, &option.option);
                }
            }
            AlterTableOperation::AddConstraint { constraint, .. } => {
                self.table_constraint(&table, constraint);
            }
            AlterTableOperation::DropConstraint { name, .. } => {
                let key = postgres_key(&Name::of(name));
                self.remove(&key, RelationKind::ConstraintIndex);
            }
            AlterTableOperation::RenameTable { table_name } => {
                let (RenameTableNameKind::As(new) | RenameTableNameKind::To(new)) = table_name;
                let Some(new) = last_ident(new).map(Name::of) else {
                    return;
                };
                // The table's own name changes; its indexes keep theirs.
                let key = postgres_key(&table);
                let moved: Vec<String> = self
                    .0
                    .iter()
                    .filter(|(_, r)| r.table_key == key)
                    .map(|(stored, _)| stored.clone())
                    .collect();
                for stored in moved {
                    let Some(relation) = self.0.remove(&stored) else {
                        continue;
                    };
                    let name = match relation.kind {
                        RelationKind::Table => new.clone(),
                        _ => relation.name,
                    };
                    self.add(name, relation.kind, &new);
                }
            }
            _ => {}
        }
    }

    /// A column's `[CONSTRAINT name] PRIMARY KEY | UNIQUE`.
    fn column_constraint(
        &mut self,
        table: &Name,
        column: &Ident,
        named: Option<&Ident>,
        option: &ColumnOption,
    ) {
        let (suffix, own_name) = match option {
            ColumnOption::PrimaryKey(key) => ("pkey", key.name.as_ref()),
            ColumnOption::Unique(unique) => ("key", unique.name.as_ref()),
            _ => return,
        };
        let columns = match suffix {
            "pkey" => Vec::new(),
            _ => vec![Name::of(column)],
        };
        self.constraint_index(table, named.or(own_name), &columns, suffix);
    }

    fn table_constraint(&mut self, table: &Name, constraint: &TableConstraint) {
        match constraint {
            TableConstraint::PrimaryKey(key) => {
                self.constraint_index(table, key.name.as_ref(), &[], "pkey");
            }
            TableConstraint::Unique(unique) => {
                let columns: Option<Vec<Name>> = unique.columns.iter().map(column_name).collect();
                let Some(columns) = columns else {
                    return; // an expression: PostgreSQL names it otherwise
                };
                self.constraint_index(table, unique.name.as_ref(), &columns, "key");
            }
            _ => {}
        }
    }

    /// The index PostgreSQL creates for a constraint: its own name, else
    /// `<table>_[<columns>_]<suffix>`. A generated name PostgreSQL would
    /// have to shorten or number (taken already) is left out: it is not
    /// the name written here.
    fn constraint_index(
        &mut self,
        table: &Name,
        named: Option<&Ident>,
        columns: &[Name],
        suffix: &str,
    ) {
        let name = match named {
            Some(name) => Name::of(name),
            None => {
                let mut parts = vec![table.on_postgres()];
                parts.extend(columns.iter().map(Name::on_postgres));
                parts.push(suffix.to_string());
                let text = parts.join("_");
                let name = Name { text, quoted: true };
                if name.text.len() > POSTGRES_NAME_BYTES || self.held_on_postgres(&name).is_some() {
                    return;
                }
                name
            }
        };
        self.add(name, RelationKind::ConstraintIndex, table);
    }
}

fn column_name(column: &IndexColumn) -> Option<Name> {
    match &column.column.expr {
        sqlparser::ast::Expr::Identifier(ident) => Some(Name::of(ident)),
        _ => None,
    }
}
