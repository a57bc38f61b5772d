//! What history rules are handed (`Rule::check_set`, `Rule::check_schema`):
//! a migration set with what was applied of it (`SetCtx`), one statement of
//! its history with the schema built so far (`SchemaCtx`); their findings
//! go to a `SetSink` (`rules/mod.rs`, beside `Sink`). The passes that build
//! and walk them are `history::check` and `history::schema`; this module
//! reads only `history`'s data modules (`set`, `runner`, `applied`,
//! `tables`, `detect`, `history_engine`), which import no rule.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Expr, Insert, SetExpr, Spanned, Statement, TableObject};
use sqlparser::tokenizer::Span;

use crate::history::applied::{Applied, Change};
use crate::history::detect::{for_each_up_statement, for_each_up_statement_until};
use crate::history::history_engine::HistoryEngine;
use crate::history::set::{MigrationFile, MigrationSet};
use crate::history::tables::{Column, Name, Schema, Table, last_ident};
use crate::project::sqlite_facts::SqliteFacts;
use crate::project::targets::Targets;
use crate::rules::context::StatementCtx;
use crate::sources::file::SourceFile;
use crate::syntax::dialect::ParseDialect;

/// What a history rule sees: one set, and what was applied of it.
pub struct SetCtx<'a> {
    pub set: &'a MigrationSet,
    /// Files of the set modified or deleted since the applied ref, by name.
    pub applied: Option<(&'a Applied, &'a [(String, Change)])>,
    pub targets: &'a Targets,
    /// What the application's SQLite connections do: configured, else the
    /// runner's default (`history::check::sqlite_facts`).
    pub sqlite: SqliteFacts,
    /// The engine the history is written for, when its own statements say
    /// so (`history::history_engine`); its files are then linted for it.
    pub history_engine: Option<&'a HistoryEngine>,
}

impl SetCtx<'_> {
    /// Runs `f` on each statement of `file` (its up section: a goose or
    /// dbmate down section is never part of the history).
    pub fn for_each_statement(&self, file: &MigrationFile, mut f: impl FnMut(&StatementCtx)) {
        self.for_each_statement_with(file, |_, _| None, |ctx| f(ctx));
    }

    /// `for_each_statement` until `f` says it has seen enough (returns
    /// true): the rest of the file is not even lexed.
    pub fn for_each_statement_until(
        &self,
        file: &MigrationFile,
        mut f: impl FnMut(&StatementCtx) -> bool,
    ) {
        for_each_up_statement_until(file, |source, tokens, span| {
            let ctx = StatementCtx::new(source, tokens, span, None, self.targets);
            if f(&ctx) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
    }

    /// `for_each_statement`, with `parse` giving each statement's AST (the
    /// schema pass parses; the set rules read tokens).
    pub fn for_each_statement_with<P>(
        &self,
        file: &MigrationFile,
        parse: P,
        mut f: impl FnMut(&StatementCtx),
    ) where
        P: Fn(&SourceFile, &RawStatementView) -> Option<(Statement, ParseDialect)>,
    {
        for_each_up_statement(file, |source, tokens, span| {
            let view = RawStatementView { tokens, span };
            let parsed = parse(source, &view);
            let ast = parsed.as_ref().map(|(ast, dialect)| (ast, *dialect));
            let ctx = StatementCtx::new(source, tokens, view.span.clone(), ast, self.targets);
            f(&ctx);
        });
    }
}

/// A statement's tokens and span, before it is parsed.
pub struct RawStatementView<'a> {
    pub tokens: &'a [crate::syntax::lexer::Token],
    pub span: Range<usize>,
}

/// What a schema rule sees: one statement of the history (parsed), the file
/// it is in, and the schema as it stands before the statement runs.
pub struct SchemaCtx<'a> {
    pub file: &'a MigrationFile,
    pub statement: &'a StatementCtx<'a>,
    pub ast: &'a Statement,
    pub schema: &'a Schema,
}

impl<'a> SchemaCtx<'a> {
    /// The byte range of a sqlparser span, when it is known.
    pub fn span_of(&self, span: Span) -> Option<Range<usize>> {
        self.statement.file.range(span).filter(|r| !r.is_empty())
    }

    pub fn span_of_expr(&self, expr: &Expr) -> Option<Range<usize>> {
        self.span_of(expr.span())
    }

    /// From the first to the last column named by an `INSERT`.
    pub fn span_of_insert_columns(&self, insert: &Insert) -> Option<Range<usize>> {
        let first = self.span_of(insert.columns.first()?.span())?;
        let last = self.span_of(insert.columns.last()?.span())?;
        Some(first.start..last.end)
    }

    /// The known table an `INSERT INTO` fills, with the statement.
    pub fn insert_target(&self) -> Option<(&'a Table, &'a Insert)> {
        let Statement::Insert(insert) = self.ast else {
            return None;
        };
        let TableObject::TableName(name) = &insert.table else {
            return None;
        };
        let table = self.schema.table(name).filter(|t| t.columns_known)?;
        Some((table, insert))
    }

    /// Each value of `INSERT INTO t [(columns)] VALUES (…), …` with the
    /// column it fills (the table's columns in order when none are named).
    pub fn inserted_values(&self) -> Vec<(&'a Column, &'a Expr)> {
        let Some((table, insert)) = self.insert_target() else {
            return Vec::new();
        };
        let Some(SetExpr::Values(values)) = insert.source.as_ref().map(|q| q.body.as_ref()) else {
            return Vec::new();
        };
        let columns: Vec<Option<&Column>> = if insert.columns.is_empty() {
            table.columns.iter().map(Some).collect()
        } else {
            insert
                .columns
                .iter()
                .map(|name| table.column(&Name::of(last_ident(name)?)))
                .collect()
        };
        values
            .rows
            .iter()
            .filter(|row| row.content.len() == columns.len())
            .flat_map(|row| columns.iter().zip(&row.content))
            .filter_map(|(column, value)| Some(((*column)?, value)))
            .collect()
    }
}
