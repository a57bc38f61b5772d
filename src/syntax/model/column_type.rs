//! A column definition's type and `DEFAULT`, as the rules ask about them:
//! the type's first word (`INTEGER`, `VARCHAR` of `varchar(10)`), whether
//! the type is that word alone, whether it keeps a time zone; the `DEFAULT`
//! value's first token inside its parentheses. sqlparser gives a data type
//! and a column option no span, so the fallback's scan of the definition
//! locates them for both builders; from the AST, the tree's `DataType` says
//! whether the type is `… WITH TIME ZONE`.

use std::ops::Range;

use sqlparser::ast::{DataType, TimezoneInfo};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::{ColumnConstraint, ConstraintKind};
use crate::syntax::statement::StatementTokens;

/// A column's declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnType {
    /// The first word, upper-cased (`VARCHAR` of `varchar(10)`); `None`
    /// when the type does not start with a word.
    pub name: Option<String>,
    /// The first token.
    pub name_span: Range<usize>,
    /// From the first token to the last.
    pub span: Range<usize>,
    /// Whether the type is its first word alone (`INTEGER`; not `INTEGER[]`,
    /// `INT(11)` or `INT UNSIGNED`).
    pub bare: bool,
    /// Whether the type says `WITH TIME ZONE` (`TIMESTAMPTZ` does not).
    pub with_time_zone: bool,
    /// What follows the type's first `( … )` (`WITH TIME ZONE` of
    /// `TIMESTAMP(3) WITH TIME ZONE`, `[]` of `varchar(255)[]`).
    pub after_modifiers: Option<Range<usize>>,
}

/// A column's (first) `DEFAULT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDefault {
    /// The `DEFAULT` word.
    pub keyword: Range<usize>,
    /// The value's first token inside the parentheses around it
    /// (`CURRENT_TIMESTAMP` of `DEFAULT (CURRENT_TIMESTAMP)`); `None` when
    /// no value follows.
    pub leading: Option<LeadingToken>,
    /// The value's first term: its first token, or the parenthesized group
    /// that token opens (`(now())`); `None` when no value follows.
    pub first_term: Option<Range<usize>>,
    /// Whether the value starts with `(`.
    pub parenthesized: bool,
}

/// The first token of a `DEFAULT` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingToken {
    pub span: Range<usize>,
    /// The keyword the token spells, when it is an unquoted keyword.
    pub keyword: Option<Keyword>,
}

/// The type written in the tokens `data_type` (`None` when there are none).
pub(super) fn from_tokens(view: &StatementTokens, data_type: &Range<usize>) -> Option<ColumnType> {
    if data_type.is_empty() {
        return None;
    }
    let first = &view.tokens[data_type.start];
    let name = match &first.kind {
        SqlToken::Word(w) => Some(w.value.to_ascii_uppercase()),
        _ => None,
    };
    let with_time_zone = data_type.clone().any(|i| {
        i + 1 < data_type.end
            && view.keyword(i) == Some(Keyword::WITH)
            && view.keyword(i + 1) == Some(Keyword::TIME)
    });
    let after_modifiers = data_type
        .clone()
        .find(|&i| view.tokens[i].kind == SqlToken::LParen)
        .and_then(|open| view.matching_paren(open))
        .filter(|&close| close + 1 < data_type.end)
        .map(|close| view.token_span(close + 1, data_type.end - 1));
    Some(ColumnType {
        after_modifiers,
        name,
        name_span: first.span.clone(),
        span: view.token_span(data_type.start, data_type.end - 1),
        bare: data_type.len() == 1,
        with_time_zone,
    })
}

/// Whether the tree's data type says `WITH TIME ZONE`.
pub(super) fn with_time_zone(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Timestamp(_, TimezoneInfo::WithTimeZone)
            | DataType::Time(_, TimezoneInfo::WithTimeZone)
    )
}

/// The first `DEFAULT` among a column's constraints.
pub(super) fn default(
    view: &StatementTokens,
    constraints: &[ColumnConstraint],
) -> Option<ColumnDefault> {
    let constraint = constraints
        .iter()
        .find(|c| c.kind == ConstraintKind::Default)?;
    let mut value = constraint.tokens.start + 1;
    while value < constraint.tokens.end && view.tokens[value].kind == SqlToken::LParen {
        value += 1;
    }
    let leading = (value < constraint.tokens.end).then(|| LeadingToken {
        span: view.tokens[value].span.clone(),
        keyword: view.keyword(value),
    });
    let first = constraint.tokens.start + 1;
    let parenthesized =
        first < constraint.tokens.end && view.tokens[first].kind == SqlToken::LParen;
    let first_term = (first < constraint.tokens.end).then(|| {
        let last = if parenthesized {
            view.matching_paren(first).unwrap_or(first)
        } else {
            first
        };
        view.token_span(first, last)
    });
    Some(ColumnDefault {
        keyword: view.tokens[constraint.tokens.start].span.clone(),
        leading,
        first_term,
        parenthesized,
    })
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// Each column's (name, type as written, bare, with time zone, the
    /// DEFAULT value's first token), from the AST and from the tokens.
    type Seen = Vec<(String, Option<String>, bool, bool, Option<String>)>;

    fn both(sql: &str) -> [Seen; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let text = |span: &std::ops::Range<usize>| sql[span.clone()].to_string();
            let seen = |m: &Model| {
                m.columns
                    .iter()
                    .map(|c| {
                        let t = c.column_type.as_ref();
                        let leading = c.default.as_ref().and_then(|d| d.leading.as_ref());
                        (
                            c.ident.value.clone(),
                            t.map(|t| text(&t.span)),
                            t.is_some_and(|t| t.bare),
                            t.is_some_and(|t| t.with_time_zone),
                            leading.map(|l| text(&l.span)),
                        )
                    })
                    .collect()
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    fn column(
        name: &str,
        data_type: Option<&str>,
        bare: bool,
        zone: bool,
        default: Option<&str>,
    ) -> (String, Option<String>, bool, bool, Option<String>) {
        (
            name.into(),
            data_type.map(Into::into),
            bare,
            zone,
            default.map(Into::into),
        )
    }

    #[test]
    fn type_words_and_time_zones() {
        let expected = vec![
            column("a", Some("integer"), true, false, None),
            column("b", Some("varchar(10)"), false, false, None),
            column("c", Some("TIMESTAMP WITH TIME ZONE"), false, true, None),
            column(
                "d",
                Some("timestamp(3) without time zone"),
                false,
                false,
                None,
            ),
            column("e", Some("TIMESTAMPTZ"), true, false, None),
            column("f", Some("INT[]"), false, false, None),
        ];
        let sql = "CREATE TABLE t (a integer PRIMARY KEY, b varchar(10) NOT NULL, \
                   c TIMESTAMP WITH TIME ZONE, d timestamp(3) without time zone, \
                   e TIMESTAMPTZ, f INT[])";
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn a_column_without_a_type_has_none() {
        let expected = [column("a", None, false, false, None)];
        assert_eq!(both("CREATE TABLE t (a, b TEXT)")[1][..1], expected[..]);
        assert_eq!(both("CREATE TABLE t (a, b TEXT)")[0][..1], expected[..]);
    }

    #[test]
    fn the_default_value_inside_its_parentheses() {
        let expected = vec![
            column(
                "a",
                Some("TIMESTAMP"),
                true,
                false,
                Some("CURRENT_TIMESTAMP"),
            ),
            column("b", Some("TEXT"), true, false, Some("CURRENT_TIMESTAMP")),
            column("c", Some("INT"), true, false, Some("0")),
            column("d", Some("BOOLEAN"), true, false, None),
        ];
        let sql = "CREATE TABLE t (a TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, \
                   b TEXT DEFAULT ((CURRENT_TIMESTAMP)), c INT DEFAULT 0 NOT NULL, d BOOLEAN)";
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn the_default_value_first_term() {
        let sql = "ALTER TABLE t ADD COLUMN a TEXT DEFAULT (lower('X')) NOT NULL";
        let terms = with_statement(sql, |ctx| {
            let term = |m: &Model| {
                let d = m.columns[0].default.clone().expect("a default");
                (
                    sql[d.first_term.expect("a value")].to_string(),
                    d.parenthesized,
                )
            };
            [
                term(ctx.model()),
                term(&Model::from_tokens(ctx.tokens_view())),
            ]
        });
        let expected = ("(lower('X'))".to_string(), true);
        assert_eq!(terms, [expected.clone(), expected]);
    }

    #[test]
    fn what_follows_the_modifiers() {
        let sql = "CREATE TABLE x (a TIMESTAMP(3) WITH TIME ZONE NOT NULL, b varchar(255)[], \
                   c time(3), d double precision[])";
        let after = with_statement(sql, |ctx| {
            let after = |m: &Model| {
                m.columns
                    .iter()
                    .map(|c| {
                        let t = c.column_type.as_ref().expect("a type");
                        t.after_modifiers.clone().map(|r| sql[r].to_string())
                    })
                    .collect::<Vec<_>>()
            };
            [
                after(ctx.model()),
                after(&Model::from_tokens(ctx.tokens_view())),
            ]
        });
        let expected = vec![
            Some("WITH TIME ZONE".to_string()),
            Some("[]".to_string()),
            None,
            None,
        ];
        assert_eq!(after, [expected.clone(), expected]);
    }

    #[test]
    fn added_columns_too() {
        let expected = vec![column(
            "at",
            Some("timestamp with time zone"),
            false,
            true,
            Some("now"),
        )];
        let sql = "ALTER TABLE t ADD COLUMN at timestamp with time zone DEFAULT now()";
        assert_eq!(both(sql), [expected.clone(), expected]);
    }
}
