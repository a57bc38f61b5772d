//! The tables a migration set has created, column by column: the schema
//! model's data (`Schema`, built statement by statement with
//! `Schema::apply` from sqlparser's AST), and the schemas the project's sets
//! end with (`ProjectSchemas`), which statement rules read. It imports no
//! rule: `schema.rs` is the pass that shows it to the schema rules.

use std::collections::HashMap;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use sqlparser::ast::{
    AlterTableOperation, ColumnDef, ColumnOption, CreateTable, DataType, Expr, ObjectName,
    ObjectType, RenameTableNameKind, SqliteTableOption, Statement, TableConstraint,
};

#[derive(Debug, Clone)]
pub struct Column {
    pub name: Name,
    /// `None`: declared without a type (SQLite only).
    pub data_type: Option<DataType>,
    pub not_null: bool,
    /// A `DEFAULT` is declared (its expression is not kept: no rule reads
    /// it, and a history's schemas are held for the whole run).
    pub has_default: bool,
    pub primary_key: bool,
    /// `INTEGER PRIMARY KEY`: SQLite fills it from the rowid when omitted.
    pub rowid_alias: bool,
}

impl Column {
    /// The enforced length of `VARCHAR(n)` / `CHAR(n)`.
    pub fn length(&self) -> Option<u64> {
        use sqlparser::ast::CharacterLength::IntegerLength;
        match self.data_type.as_ref()? {
            DataType::Varchar(Some(IntegerLength { length, .. }))
            | DataType::CharacterVarying(Some(IntegerLength { length, .. }))
            | DataType::Char(Some(IntegerLength { length, .. }))
            | DataType::Character(Some(IntegerLength { length, .. }))
            | DataType::Nvarchar(Some(IntegerLength { length, .. })) => Some(*length),
            _ => None,
        }
    }

    /// PostgreSQL's range of a narrow integer type: (type name, min, max).
    pub fn integer_range(&self) -> Option<(&'static str, i64, i64)> {
        match self.data_type.as_ref()? {
            DataType::Int(_) | DataType::Integer(_) | DataType::Int4(_) => {
                Some(("integer", i32::MIN.into(), i32::MAX.into()))
            }
            DataType::SmallInt(_) | DataType::Int2(_) => {
                Some(("smallint", i16::MIN.into(), i16::MAX.into()))
            }
            _ => None,
        }
    }

    /// 32 bits or fewer on PostgreSQL: `integer`, `smallint` and the
    /// `serial` types built on them.
    pub fn narrow_on_postgres(&self) -> bool {
        let serial = self.data_type.as_ref().is_some_and(|t| {
            let name = t.to_string().to_ascii_uppercase();
            matches!(
                name.as_str(),
                "SERIAL" | "SERIAL4" | "SMALLSERIAL" | "SERIAL2"
            )
        });
        self.integer_range().is_some() || serial
    }

    pub fn is_boolean(&self) -> bool {
        matches!(self.data_type, Some(DataType::Boolean | DataType::Bool))
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: Name,
    pub columns: Vec<Column>,
    /// False for `CREATE TABLE … AS SELECT` and the like.
    pub columns_known: bool,
}

impl Table {
    /// The column SQLite resolves `name` to.
    pub fn column(&self, name: &Name) -> Option<&Column> {
        self.columns.iter().find(|c| c.name.same_on_sqlite(name))
    }

    fn column_mut(&mut self, name: &Name) -> Option<&mut Column> {
        self.columns
            .iter_mut()
            .find(|c| c.name.same_on_sqlite(name))
    }
}

/// The tables a set has created so far.
#[derive(Debug, Default, Clone)]
pub struct Schema {
    /// By the name SQLite matches (ASCII case folded), so that a lookup
    /// costs the same in a history of ten tables or of ten thousand.
    tables: HashMap<String, Table>,
    /// The relation names PostgreSQL holds (tables, indexes, constraints' indexes).
    pub relations: crate::history::relations::Relations,
}

pub use crate::history::names::{Name, last_ident};
use crate::syntax::lexer::Token;
use crate::syntax::statement::keyword;

impl Schema {
    /// The table SQLite resolves `name` to (the schema qualifier ignored).
    pub fn table(&self, name: &ObjectName) -> Option<&Table> {
        self.table_named(&Name::of(last_ident(name)?))
    }

    pub fn table_named(&self, name: &Name) -> Option<&Table> {
        self.tables.get(&name.sqlite_key())
    }

    /// Whether a statement, by its tokens, may change this schema or name
    /// one of its tables: the walk parses only those. `apply` changes the
    /// schema on `CREATE`, `ALTER` and `DROP` alone, and every schema rule
    /// needs a table the schema knows, so any other statement naming none
    /// (a query of views, a data load into a table the history never
    /// created) can neither change the schema nor be judged against it.
    pub fn may_concern(&self, tokens: &[Token]) -> bool {
        let first = tokens.first().and_then(keyword);
        if matches!(
            first,
            Some(Keyword::CREATE | Keyword::ALTER | Keyword::DROP)
        ) {
            return true;
        }
        let mut folded = String::new();
        tokens.iter().any(|token| {
            let SqlToken::Word(word) = &token.kind else {
                return false;
            };
            folded.clear();
            folded.push_str(&word.value);
            folded.make_ascii_lowercase();
            self.tables.contains_key(&folded)
        })
    }

    /// Applies one statement's effect on the tables.
    pub fn apply(&mut self, statement: &Statement) {
        self.relations.apply(statement);
        match statement {
            Statement::CreateTable(create) => self.create(create),
            Statement::AlterTable(alter) => {
                for operation in &alter.operations {
                    self.alter(&alter.name, operation);
                }
            }
            Statement::Drop {
                object_type: ObjectType::Table,
                names,
                ..
            } => {
                for name in names {
                    if let Some(ident) = last_ident(name) {
                        self.tables.remove(&Name::of(ident).sqlite_key());
                    }
                }
            }
            _ => {}
        }
    }

    fn create(&mut self, create: &CreateTable) {
        let Some(ident) = last_ident(&create.name) else {
            return;
        };
        let name = Name::of(ident);
        let key = name.sqlite_key();
        if self.tables.contains_key(&key) {
            return; // `IF NOT EXISTS`, or a failure: the first one stands.
        }
        let mut columns: Vec<Column> = create.columns.iter().map(column).collect();
        for constraint in &create.constraints {
            if let TableConstraint::PrimaryKey(key) = constraint {
                let names: Vec<Name> = key
                    .columns
                    .iter()
                    .filter_map(|c| match &c.column.expr {
                        Expr::Identifier(ident) => Some(Name::of(ident)),
                        _ => None,
                    })
                    .collect();
                for column in columns.iter_mut() {
                    if names.iter().any(|n| n.same_on_sqlite(&column.name)) {
                        column.primary_key = true;
                        column.rowid_alias = names.len() == 1 && is_integer_type(column);
                    }
                }
            }
        }
        let without_rowid = create
            .sqlite_table_options
            .options
            .contains(&SqliteTableOption::WithoutRowid);
        if without_rowid {
            columns.iter_mut().for_each(|c| c.rowid_alias = false);
        }
        let table = Table {
            name,
            columns_known: create.query.is_none()
                && create.like.is_none()
                && create.clone.is_none(),
            columns,
        };
        self.tables.insert(key, table);
    }

    fn alter(&mut self, table: &ObjectName, operation: &AlterTableOperation) {
        let Some(key) = last_ident(table).map(|ident| Name::of(ident).sqlite_key()) else {
            return;
        };
        if let AlterTableOperation::RenameTable { table_name } = operation {
            let (RenameTableNameKind::As(name) | RenameTableNameKind::To(name)) = table_name;
            if let Some(ident) = last_ident(name) {
                self.rename(&key, Name::of(ident));
            }
            return;
        }
        let Some(table) = self.tables.get_mut(&key) else {
            return;
        };
        match operation {
            AlterTableOperation::AddColumn { column_def, .. } => {
                let added = column(column_def);
                if table.column(&added.name).is_none() {
                    table.columns.push(Column {
                        // SQLite cannot add a rowid alias or a primary key.
                        rowid_alias: false,
                        ..added
                    });
                }
            }
            AlterTableOperation::DropColumn { column_names, .. } => {
                for ident in column_names {
                    let name = Name::of(ident);
                    table.columns.retain(|c| !c.name.same_on_sqlite(&name));
                }
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => {
                if let Some(column) = table.column_mut(&Name::of(old_column_name)) {
                    column.name = Name::of(new_column_name);
                }
            }
            _ => {}
        }
    }

    /// `ALTER TABLE … RENAME TO new`: a name another table holds fails on
    /// both engines, and the table keeps its name.
    fn rename(&mut self, key: &str, new: Name) {
        let new_key = new.sqlite_key();
        if new_key != key && self.tables.contains_key(&new_key) {
            return;
        }
        if let Some(mut table) = self.tables.remove(key) {
            table.name = new;
            self.tables.insert(new_key, table);
        }
    }
}

/// SQLite's rowid alias needs the type written exactly `INTEGER`.
fn is_integer_type(column: &Column) -> bool {
    matches!(column.data_type, Some(DataType::Integer(None)))
}

fn column(def: &ColumnDef) -> Column {
    let data_type = match &def.data_type {
        DataType::Unspecified => None,
        other => Some(other.clone()),
    };
    let mut column = Column {
        name: Name::of(&def.name),
        data_type,
        not_null: false,
        has_default: false,
        primary_key: false,
        rowid_alias: false,
    };
    for option in &def.options {
        match &option.option {
            ColumnOption::NotNull => column.not_null = true,
            ColumnOption::Default(_) => column.has_default = true,
            ColumnOption::PrimaryKey(_) => {
                column.primary_key = true;
                column.not_null = true;
            }
            _ => {}
        }
    }
    // `INTEGER PRIMARY KEY DESC` is not an alias (a quirk SQLite keeps).
    let desc = def
        .to_string()
        .to_ascii_uppercase()
        .contains("PRIMARY KEY DESC");
    column.rowid_alias = column.primary_key && is_integer_type(&column) && !desc;
    column
}
