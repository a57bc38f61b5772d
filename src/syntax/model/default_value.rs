//! The value of a column's `DEFAULT`, as SQLite's grammar sees it: SQLite
//! takes one term after DEFAULT (a signed number, a literal, a name or a
//! parenthesised expression), PostgreSQL any expression (`DEFAULT now()`).
//! From the AST, the tree's `ColumnOption::Default` expression says which
//! shape the value has; the tokens say where it is (sqlparser gives a column
//! option no span). Without a tree, or where the tree's expression kind says
//! nothing of the written form, the tokens decide.

use std::ops::Range;

use sqlparser::ast::{
    CastKind, ColumnOption, Expr as SqlExpr, FunctionArguments, UnaryOperator, Value,
};
use sqlparser::tokenizer::Token as SqlToken;

use super::{ColumnDef, ConstraintKind};
use crate::syntax::statement::StatementTokens;

/// The value after a `DEFAULT` word, up to the next column constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultValue {
    /// From the value's first token to its last.
    pub span: Range<usize>,
    pub shape: DefaultShape,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultShape {
    /// One term SQLite accepts after DEFAULT: `-1`, `'x'`, `true`,
    /// `CURRENT_TIMESTAMP`, a name, `( … )`.
    Term,
    /// Such a term followed by PostgreSQL's `::` (`'x'::text`).
    CastOperator,
    /// A call without arguments and nothing else: `now()` (lower-cased name).
    Call { name: String },
    /// Any other expression: `gen_random_uuid()`, `'a' || 'b'`, `DATE '…'`.
    Other,
    /// A value that starts with no term SQLite's grammar names (`$1`, `$$x$$`).
    Unknown,
}

/// The value of the `DEFAULT` constraint whose tokens are `constraint`
/// (`None` when nothing follows the word).
pub(super) fn from_tokens(
    view: &StatementTokens,
    constraint: &Range<usize>,
) -> Option<DefaultValue> {
    let value = constraint.start + 1..constraint.end;
    if value.is_empty() {
        return None;
    }
    Some(DefaultValue {
        span: view.token_span(value.start, value.end - 1),
        shape: written_shape(view, value),
    })
}

fn written_shape(view: &StatementTokens, value: Range<usize>) -> DefaultShape {
    let Some(term_end) = term_end(view, value.start) else {
        return DefaultShape::Unknown;
    };
    if term_end >= value.end {
        return DefaultShape::Term;
    }
    if view.tokens[term_end].kind == SqlToken::DoubleColon {
        return DefaultShape::CastOperator;
    }
    let empty_call = value.len() == 3
        && view.tokens[value.start + 1].kind == SqlToken::LParen
        && view.tokens[value.start + 2].kind == SqlToken::RParen;
    match view.bare_word(value.start) {
        Some(name) if empty_call => DefaultShape::Call {
            name: name.to_ascii_lowercase(),
        },
        _ => DefaultShape::Other,
    }
}

/// The token after the one term SQLite accepts that starts at `start`;
/// `None` when no such term starts there.
fn term_end(view: &StatementTokens, start: usize) -> Option<usize> {
    let mut i = start;
    if matches!(view.tokens.get(i)?.kind, SqlToken::Minus | SqlToken::Plus) {
        i += 1;
    }
    match &view.tokens.get(i)?.kind {
        SqlToken::LParen => view.matching_paren(i).map(|close| close + 1),
        SqlToken::Word(_)
        | SqlToken::Number(..)
        | SqlToken::SingleQuotedString(_)
        | SqlToken::HexStringLiteral(_) => Some(i + 1),
        _ => None,
    }
}

/// The tree's reading of each `DEFAULT` of `column`, when the tree holds as
/// many defaults as the tokens located (else the tokens' reading stands).
pub(super) fn read_tree(column: &mut ColumnDef, tree: &sqlparser::ast::ColumnDef) {
    let expressions: Vec<&SqlExpr> = tree
        .options
        .iter()
        .filter_map(|option| match &option.option {
            ColumnOption::Default(expr) => Some(expr),
            _ => None,
        })
        .collect();
    let values: Vec<&mut DefaultValue> = column
        .constraint_list
        .iter_mut()
        .filter(|c| c.kind == ConstraintKind::Default)
        .filter_map(|c| c.default_value.as_mut())
        .collect();
    if values.len() != expressions.len() {
        return;
    }
    for (value, expr) in values.into_iter().zip(expressions) {
        if let Some(shape) = tree_shape(expr) {
            value.shape = shape;
        }
    }
}

/// The shape of a default's expression; `None` for a literal kind whose
/// tokens differ by dialect (`E'x'`, `$1`): the tokens say.
fn tree_shape(expr: &SqlExpr) -> Option<DefaultShape> {
    match is_term(expr) {
        Some(true) => return Some(DefaultShape::Term),
        None => return None,
        Some(false) => {}
    }
    Some(match expr {
        // `DEFAULT 'a' COLLATE x`: the COLLATE is a constraint of its own.
        SqlExpr::Collate { expr, .. } => return tree_shape(expr),
        SqlExpr::Cast {
            kind: CastKind::DoubleColon,
            expr,
            ..
        } if is_term(expr) == Some(true) => DefaultShape::CastOperator,
        // `-1::int`: the sign is read before the cast.
        SqlExpr::UnaryOp {
            op: UnaryOperator::Minus | UnaryOperator::Plus,
            expr,
        } if matches!(&**expr, SqlExpr::Cast { kind: CastKind::DoubleColon, expr, .. } if is_unsigned_term(expr) == Some(true)) => {
            DefaultShape::CastOperator
        }
        SqlExpr::Function(function)
            if matches!(&function.args, FunctionArguments::List(list) if list.args.is_empty() && list.clauses.is_empty())
                && function.over.is_none()
                && function.filter.is_none() =>
        {
            match bare_name(function) {
                Some(name) => DefaultShape::Call { name },
                None => DefaultShape::Other,
            }
        }
        _ => DefaultShape::Other,
    })
}

/// Whether `expr` is one term SQLite accepts, optionally signed; `None`
/// for a literal kind whose reading is the tokens'.
fn is_term(expr: &SqlExpr) -> Option<bool> {
    match expr {
        SqlExpr::UnaryOp {
            op: UnaryOperator::Minus | UnaryOperator::Plus,
            expr,
        } => is_unsigned_term(expr),
        _ => is_unsigned_term(expr),
    }
}

fn is_unsigned_term(expr: &SqlExpr) -> Option<bool> {
    match expr {
        SqlExpr::Value(value) => match &value.value {
            Value::Number(..)
            | Value::SingleQuotedString(_)
            | Value::HexStringLiteral(_)
            | Value::Boolean(_)
            | Value::Null => Some(true),
            _ => None,
        },
        SqlExpr::Identifier(_) | SqlExpr::Nested(_) => Some(true),
        // `CURRENT_TIMESTAMP`: a word, not followed by parentheses.
        SqlExpr::Function(function) => {
            Some(matches!(function.args, FunctionArguments::None) && function.name.0.len() == 1)
        }
        _ => Some(false),
    }
}

/// The lower-cased name of a call named by one unquoted word.
fn bare_name(function: &sqlparser::ast::Function) -> Option<String> {
    match function.name.0.as_slice() {
        [part] => part
            .as_ident()
            .filter(|ident| ident.quote_style.is_none())
            .map(|ident| ident.value.to_ascii_lowercase()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::DefaultShape::{self, *};
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// Each default value's (text, shape), from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(String, DefaultShape)>; 2] {
        both_models(sql, |m: &Model| {
            m.columns
                .iter()
                .flat_map(|c| &c.constraint_list)
                .filter_map(|c| c.default_value.as_ref())
                .map(|v| (sql[v.span.clone()].to_string(), v.shape.clone()))
                .collect()
        })
    }

    fn expect(values: &[(&str, DefaultShape)]) -> [Vec<(String, DefaultShape)>; 2] {
        let values: Vec<_> = values
            .iter()
            .map(|(text, shape)| (text.to_string(), shape.clone()))
            .collect();
        [values.clone(), values]
    }

    fn call(name: &str) -> DefaultShape {
        Call { name: name.into() }
    }

    #[test]
    fn terms_sqlite_accepts() {
        let sql = "CREATE TABLE t (a int DEFAULT -1, b text DEFAULT 'now()' NOT NULL, \
                   c timestamp DEFAULT CURRENT_TIMESTAMP, d int DEFAULT (abs(-1)), \
                   e bool DEFAULT true, f text DEFAULT NULL, g text DEFAULT 'a' COLLATE nocase)";
        assert_eq!(
            both(sql),
            expect(&[
                ("-1", Term),
                ("'now()'", Term),
                ("CURRENT_TIMESTAMP", Term),
                ("(abs(-1))", Term),
                ("true", Term),
                ("NULL", Term),
                ("'a'", Term),
            ])
        );
    }

    #[test]
    fn calls_casts_and_other_expressions() {
        let sql = "CREATE TABLE t (a timestamp DEFAULT now() NOT NULL, \
                   b uuid DEFAULT gen_random_uuid() PRIMARY KEY, c text DEFAULT 'a' || 'b', \
                   d text DEFAULT 'x'::text, e date DEFAULT DATE '2020-01-01', \
                   f int DEFAULT -1::int, g int DEFAULT nextval('s'::regclass), \
                   h timestamp DEFAULT CURRENT_TIMESTAMP(3), i text DEFAULT s.now())";
        assert_eq!(
            both(sql),
            expect(&[
                ("now()", call("now")),
                ("gen_random_uuid()", call("gen_random_uuid")),
                ("'a' || 'b'", Other),
                ("'x'::text", CastOperator),
                ("DATE '2020-01-01'", Other),
                ("-1::int", CastOperator),
                ("nextval('s'::regclass)", Other),
                ("CURRENT_TIMESTAMP(3)", Other),
                ("s.now()", Other),
            ])
        );
    }

    #[test]
    fn added_columns_and_identities() {
        let sql = "ALTER TABLE t ADD COLUMN d timestamptz DEFAULT timezone('utc', now()) NOT NULL";
        assert_eq!(both(sql), expect(&[("timezone('utc', now())", Other)]));
        let sql = "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY, b int)";
        assert_eq!(both(sql), expect(&[]));
    }
}
