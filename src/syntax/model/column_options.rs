//! Column options rules ask about wherever they stand: `COLLATE name` (in
//! a column definition, an index key, an expression, `ALTER COLUMN … TYPE`)
//! and identity columns (`GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY
//! [(…)]`, in a definition or `ALTER COLUMN … ADD`).

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnDef, ColumnOption, Statement, Visit, Visitor,
};
use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::statement::StatementTokens;

/// `COLLATE name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collation {
    /// From `COLLATE` to the (possibly qualified) name's end.
    pub span: Range<usize>,
    /// The name's last part, without its quotes (`C` of `pg_catalog."C"`).
    pub name: String,
    /// Whether the name is one bare word or quoted identifier (not a
    /// string, not qualified).
    pub simple: bool,
    /// The clause with the space before it.
    pub removal: Range<usize>,
}

/// `GENERATED … AS IDENTITY [(sequence options)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// From `GENERATED` to `IDENTITY` or the options' `)`.
    pub span: Range<usize>,
}

/// Every `COLLATE` clause. `COLLATE` is a reserved word on both engines:
/// an unquoted `COLLATE` token always starts a collation clause, so both
/// builders take them from the tokens (sqlparser keeps collations in
/// several places, column options and types among them, with no span).
pub(super) fn collations(view: &StatementTokens) -> Vec<Collation> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        if !view.is_word(i, "COLLATE") {
            continue;
        }
        let mut last = i + 1;
        while view
            .tokens
            .get(last + 1)
            .is_some_and(|t| t.kind == SqlToken::Period)
        {
            last += 2;
        }
        let Some(name) = view.tokens.get(last) else {
            continue;
        };
        let (name, word) = match &name.kind {
            SqlToken::Word(w) => (w.value.clone(), true),
            SqlToken::SingleQuotedString(s) | SqlToken::DoubleQuotedString(s) => (s.clone(), false),
            _ => continue,
        };
        let span = view.token_span(i, last);
        let before = i
            .checked_sub(1)
            .map_or(span.start, |b| view.tokens[b].span.end);
        found.push(Collation {
            name,
            simple: word && last == i + 1,
            removal: before..span.end,
            span,
        });
    }
    found
}

/// The identity clauses, from the tokens.
pub(super) fn identities_from_tokens(view: &StatementTokens) -> Vec<Identity> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        if !view.is_word(i, "GENERATED") {
            continue;
        }
        let identity = if view.words_at(i + 1, &["ALWAYS", "AS", "IDENTITY"]) {
            i + 3
        } else if view.words_at(i + 1, &["BY", "DEFAULT", "AS", "IDENTITY"]) {
            i + 4
        } else {
            continue;
        };
        let last = match view.tokens.get(identity + 1) {
            Some(t) if t.kind == SqlToken::LParen => {
                view.matching_paren(identity + 1).unwrap_or(identity)
            }
            _ => identity,
        };
        found.push(Identity {
            span: view.token_span(i, last),
        });
    }
    found
}

/// The identity clauses of a parsed statement: located in the tokens,
/// kept when the tree holds as many identity columns.
pub(super) fn identities_from_ast(view: &StatementTokens, ast: &Statement) -> Vec<Identity> {
    let mut counter = IdentityCount(0);
    let _ = ast.visit(&mut counter);
    let located = identities_from_tokens(view);
    if located.len() == counter.0 {
        located
    } else {
        Vec::new()
    }
}

/// Counts identity column options and `ALTER COLUMN … ADD GENERATED … AS IDENTITY`.
struct IdentityCount(usize);

impl Visitor for IdentityCount {
    type Break = ();

    fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
        let identity_columns = |columns: &[ColumnDef]| {
            columns
                .iter()
                .flat_map(|c| &c.options)
                .filter(|o| {
                    matches!(
                        o.option,
                        ColumnOption::Generated {
                            generation_expr: None,
                            ..
                        }
                    )
                })
                .count()
        };
        self.0 += match statement {
            Statement::CreateTable(table) => identity_columns(&table.columns),
            Statement::AlterTable(alter) => alter
                .operations
                .iter()
                .map(|operation| match operation {
                    AlterTableOperation::AddColumn { column_def, .. } => {
                        identity_columns(std::slice::from_ref(column_def))
                    }
                    AlterTableOperation::AlterColumn {
                        op: AlterColumnOperation::AddGenerated { .. },
                        ..
                    } => 1,
                    _ => 0,
                })
                .sum(),
            _ => 0,
        };
        ControlFlow::Continue(())
    }
}
