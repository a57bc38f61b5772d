//! What a rule sees of one statement: its tokens (a `StatementTokens`, which
//! the context dereferences to), its AST and the dialect that parsed it, the
//! targets, and the typed model (`syntax::model`), built once on first use.

use std::cell::OnceCell;
use std::ops::{Deref, Range};

use sqlparser::ast::Statement;

use crate::history::project_schemas::ProjectSchemas;
use crate::project::targets::Targets;
use crate::sources::file::SourceFile;
use crate::syntax::dialect::ParseDialect;
use crate::syntax::lexer::Token;
use crate::syntax::model::{AlterTable, ColumnDef, Model};
use crate::syntax::statement::StatementTokens;

pub use crate::syntax::model::Call as FunctionCall;
pub use crate::syntax::statement::keyword;

/// One statement as the rules see it.
pub struct StatementCtx<'a> {
    view: StatementTokens<'a>,
    pub ast: Option<&'a Statement>,
    /// The dialect that parsed `ast` (the first of SQLite, PostgreSQL, generic that could).
    pub dialect: Option<ParseDialect>,
    /// The engines and versions the migrations must run on.
    pub targets: &'a Targets,
    /// The schemas the project's migration sets end with (empty outside
    /// `check`'s set pass): what a statement can know of a column.
    pub schemas: Option<&'a ProjectSchemas>,
    model: OnceCell<Model>,
}

impl<'a> Deref for StatementCtx<'a> {
    type Target = StatementTokens<'a>;

    fn deref(&self) -> &StatementTokens<'a> {
        &self.view
    }
}

impl<'a> StatementCtx<'a> {
    pub fn new(
        file: &'a SourceFile,
        tokens: &'a [Token],
        span: Range<usize>,
        parsed: Option<(&'a Statement, ParseDialect)>,
        targets: &'a Targets,
    ) -> Self {
        StatementCtx {
            view: StatementTokens { file, tokens, span },
            ast: parsed.map(|(ast, _)| ast),
            dialect: parsed.map(|(_, dialect)| dialect),
            targets,
            schemas: None,
            model: OnceCell::new(),
        }
    }

    /// The same statement, knowing the project's schemas.
    pub fn with_schemas(self, schemas: &'a ProjectSchemas) -> Self {
        StatementCtx {
            schemas: Some(schemas),
            ..self
        }
    }

    /// The statement's tokens, for code that reads tokens only.
    pub fn tokens_view(&self) -> &StatementTokens<'a> {
        &self.view
    }

    /// The statement's typed model: from the AST when a dialect parsed it,
    /// else from the tokens. Built on first use, once.
    pub fn model(&self) -> &Model {
        self.model
            .get_or_init(|| Model::build(&self.view, self.ast.zip(self.dialect)))
    }

    /// `ALTER TABLE name action, action…`, when the statement is one.
    pub fn alter_table(&self) -> Option<&AlterTable> {
        self.model().alter_table.as_ref()
    }

    /// The statement's column definitions (`CREATE TABLE`, `ALTER TABLE … ADD`).
    pub fn column_definitions(&self) -> &[ColumnDef] {
        &self.model().columns
    }

    /// Every function call of the statement: from the AST when it parsed
    /// (so a column named `date` is never a call), else from the tokens.
    pub fn function_calls(&self) -> &[FunctionCall] {
        &self.model().calls
    }
}

/// `name` as a double-quoted identifier, the spelling both engines accept.
pub fn double_quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
