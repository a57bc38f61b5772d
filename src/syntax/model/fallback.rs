//! The model from tokens alone, for statements no dialect parses. It owns
//! the grammar's word lists (`words`); `from_ast` reuses its locating of
//! column definitions and ALTER actions, which sqlparser leaves without spans.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::token_shapes::{
    call_arguments, ends_operand, expr, is_create_table, operand_after, operand_before,
    single_operand_at,
};
use super::words::{
    ADDED_CONSTRAINT_START, AFTER_UNALIASED_TABLE, BEFORE_AN_OPERAND, CAST_FUNCTIONS,
    COLUMN_CHANGE_WORDS, CONSTRAINT_START, DROPPED_NOT_A_COLUMN, ENDS_A_LIMIT, ENDS_AN_OPERAND,
    NOT_A_CALL, NOT_BEFORE_A_CALL, TABLE_CONSTRAINT_START, WORD_OPERATORS,
};
use super::*;
use crate::syntax::statement::StatementTokens;

pub fn build(view: &StatementTokens) -> Model {
    let (columns, mut table_constraints) = column_definitions(view);
    let alter_table = alter_table(view);
    let drop_behavior = super::drop_behavior::from_tokens(view, alter_table.as_ref());
    table_constraints.extend(alter_table.iter().flat_map(|t| added_constraints(view, t)));
    // `VARCHAR(20)` in a column's type is no call, and its `20` no value.
    let in_a_type = |span: &Range<usize>| {
        columns.iter().any(|c| {
            !c.data_type.is_empty() && locate::bytes(view, &c.data_type).contains(&span.start)
        })
    };
    let mut calls = calls(view);
    calls.retain(|c| !in_a_type(&c.name_span));
    let column_names: Vec<usize> = columns.iter().map(|c| c.name).collect();
    let value_keywords = super::value_keywords::scan(view, &column_names);
    let mut literals = literals(view);
    literals.retain(|l| !in_a_type(&l.span));
    Model {
        origin: Origin::Tokens,
        calls,
        casts: casts(view),
        operators: operators(view),
        matches: matches(view),
        derived_tables: derived_tables(view),
        columns,
        table_constraints,
        alter_table,
        literals,
        identifiers: identifiers(view),
        limits: limits(view),
        clauses: super::clauses::from_tokens(view),
        create_index: super::create_index::from_tokens(view),
        create_table_as: super::create_table_as::from_tokens(view),
        table_options: super::table_options::from_tokens(view),
        collations: super::column_options::collations(view),
        identities: super::column_options::identities_from_tokens(view),
        nulls_not_distinct: super::nulls_distinct::from_tokens(view),
        head: super::head::scan(view),
        index_hints: super::index_hints::scan(view),
        qualified_names: super::qualified_names::scan(view),
        is_comparisons: super::is_comparison::scan(view),
        dml_target: super::dml_target::scan(view),
        only_markers: super::only_markers::scan(view),
        typed_literals: super::typed_literals::scan(view),
        postfix_null_tests: super::postfix_null::scan(view),
        conflict_clauses: super::conflict_clauses::scan(view),
        upsert_after_from: super::upsert_after_from::scan(view),
        statement_conflict: super::statement_conflict::scan(view),
        drop_behavior,
        arrays: super::arrays::scan(view),
        standard_calls: super::standard_calls::scan(view),
        cast_operators: super::cast_operators::scan(view),
        row_ids: super::row_ids::scan(view),
        conditions: super::conditions::scan(view),
        in_lists: super::in_lists::scan(view),
        value_keywords,
        order_by: super::order_by::scan(view),
        relations: super::relations::scan(view),
    }
}

// ---- LIMIT and OFFSET -----------------------------------------------------

/// `LIMIT n`, `OFFSET n`, `LIMIT offset, count`: each value runs from its
/// keyword (or comma) to the clause's end at its own level.
fn limits(view: &StatementTokens) -> Vec<Limit> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        let kind = match view.keyword(i) {
            Some(Keyword::LIMIT) => LimitKind::Limit,
            Some(Keyword::OFFSET) => LimitKind::Offset,
            _ => continue,
        };
        if view.keyword(i + 1) == Some(Keyword::ALL) {
            continue;
        }
        let keyword = view.tokens[i].span.clone();
        let (end, comma) = limit_value_end(view, i + 1, kind == LimitKind::Limit);
        if end == i + 1 {
            continue;
        }
        let value = view.token_span(i + 1, end - 1);
        match comma {
            // `LIMIT offset, count`.
            Some(comma) => {
                let (count_end, _) = limit_value_end(view, comma + 1, false);
                if count_end > comma + 1 {
                    found.push(Limit {
                        kind: LimitKind::Offset,
                        keyword: keyword.clone(),
                        value,
                    });
                    found.push(Limit {
                        kind: LimitKind::Limit,
                        keyword,
                        value: view.token_span(comma + 1, count_end - 1),
                    });
                }
            }
            None => found.push(Limit {
                kind,
                keyword,
                value,
            }),
        }
    }
    found.sort_by_key(|l| l.value.start);
    found
}

/// Where a `LIMIT`/`OFFSET` value starting at token `start` ends (the index
/// after its last token), and the comma of `LIMIT a, b` when `comma` allows one.
fn limit_value_end(view: &StatementTokens, start: usize, comma: bool) -> (usize, Option<usize>) {
    let mut depth = 0usize;
    for i in start..view.tokens.len() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => return (i, None),
            SqlToken::RParen => depth -= 1,
            SqlToken::SemiColon => return (i, None),
            SqlToken::Comma if depth == 0 => return (i, comma.then_some(i)),
            _ if depth == 0 && view.keyword(i).is_some_and(|k| ENDS_A_LIMIT.contains(&k)) => {
                return (i, None);
            }
            _ => {}
        }
    }
    (view.tokens.len(), None)
}

// ---- calls ----------------------------------------------------------------

/// `word (` where the word is not a name being declared or referenced
/// (`CREATE TABLE t(`, `REFERENCES t(`, a column's `type(`).
fn calls(view: &StatementTokens) -> Vec<Call> {
    // One pass for every pair: `matching_paren` per call would be
    // quadratic on deeply nested calls (which sqlparser cannot parse).
    let closers = view.paren_partners();
    let mut calls = Vec::new();
    for (i, pair) in view.tokens.windows(2).enumerate() {
        let (SqlToken::Word(word), SqlToken::LParen) = (&pair[0].kind, &pair[1].kind) else {
            continue;
        };
        if word.quote_style.is_some()
            || NOT_A_CALL.contains(&word.keyword)
            || !is_call_position(view, i)
        {
            continue;
        }
        let name_span = Some(pair[0].span.clone());
        if let Some(mut call) = call_closed_by(view, &word.value, name_span, |open| closers[open]) {
            call.args = call
                .arguments
                .clone()
                .map(|inside| call_arguments(view, inside.start - 1, inside.end, &closers));
            calls.push(call);
        }
    }
    calls
}

fn is_call_position(view: &StatementTokens, name_index: usize) -> bool {
    let Some(previous) = name_index.checked_sub(1).map(|i| &view.tokens[i]) else {
        return true;
    };
    match &previous.kind {
        SqlToken::Word(w) if w.quote_style.is_some() => false,
        SqlToken::Word(w) => !NOT_BEFORE_A_CALL.contains(&w.keyword),
        SqlToken::Period => false,
        _ => true,
    }
}

/// A call whose name token starts where `name_span` does, extended to the
/// `)` that `closing` finds for its `(`.
pub(super) fn call_closed_by(
    view: &StatementTokens,
    name: &str,
    name_span: Option<Range<usize>>,
    closing: impl FnOnce(usize) -> Option<usize>,
) -> Option<Call> {
    let name_span = name_span?;
    let index = view.token_at(name_span.start)?;
    let opens = view
        .tokens
        .get(index + 1)
        .is_some_and(|t| t.kind == SqlToken::LParen);
    let close = if opens { closing(index + 1) } else { None };
    let end = match close {
        Some(close) => view.tokens[close].span.end,
        // An unclosed call runs to the statement's end.
        None if opens => view.span.end,
        None => name_span.end,
    };
    Some(Call {
        name: name.to_ascii_lowercase(),
        span: name_span.start..end,
        name_span,
        arguments: close.map(|close| index + 2..close),
        args: None,
    })
}

/// `LIKE`, `ILIKE`, `GLOB`, `SIMILAR TO`, each with `NOT` before it.
fn matches(view: &StatementTokens) -> Vec<PatternMatch> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        let (kind, words) = match view.keyword(i) {
            Some(Keyword::LIKE) => (MatchKind::Like, 1),
            Some(Keyword::ILIKE) => (MatchKind::ILike, 1),
            Some(Keyword::GLOB) => (MatchKind::Glob, 1),
            _ if view.words_at(i, &["SIMILAR", "TO"]) => (MatchKind::SimilarTo, 2),
            _ => continue,
        };
        // `CREATE TABLE t (LIKE other)` is PostgreSQL's table copy, not a match.
        if i == 0 || matches!(view.tokens[i - 1].kind, SqlToken::LParen | SqlToken::Comma) {
            continue;
        }
        let negated = view.keyword(i - 1) == Some(Keyword::NOT);
        let first = if negated { i - 1 } else { i };
        let Some(subject_end) = first.checked_sub(1) else {
            continue;
        };
        let pattern = operand_after(view, i + words);
        let pattern_last = pattern
            .end
            .max(i + words)
            .saturating_sub(1)
            .max(i + words - 1);
        let escape = view.keyword(pattern.end) == Some(Keyword::ESCAPE);
        found.push(PatternMatch {
            kind,
            negated,
            operator: view.token_span(first, i + words - 1),
            keyword: view.token_span(i, i + words - 1),
            subject: expr(view, operand_before(view, subject_end)),
            pattern: if pattern.is_empty() {
                Expr {
                    span: view.token_span(pattern_last, pattern_last),
                    kind: ExprKind::Other,
                }
            } else {
                expr(view, pattern)
            },
            escape,
        });
    }
    found
}

/// Operator tokens, and `AT TIME ZONE`: binary after an operand, else unary.
fn operators(view: &StatementTokens) -> Vec<Operator> {
    let mut found = Vec::new();
    let closers = view.paren_partners();
    let mut i = 0;
    let mut pending_between = 0usize;
    while i < view.tokens.len() {
        let words = WORD_OPERATORS
            .iter()
            .find(|words| view.words_at(i, words))
            .map_or(1, |words| words.len());
        match view.keyword(i) {
            Some(Keyword::BETWEEN) => pending_between += 1,
            // `BETWEEN a AND b`: that AND is no operator.
            Some(Keyword::AND) if pending_between > 0 => {
                pending_between -= 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        let logical = matches!(view.keyword(i), Some(Keyword::AND | Keyword::OR));
        if words == 1
            && !logical
            && !is_operator_token(&view.tokens[i].kind)
            && !is_question_operator(view, i)
        {
            i += 1;
            continue;
        }
        let last = i + words - 1;
        let binary = i > 0 && ends_operand(view, i - 1);
        let right = single_operand_at(view, last + 1, &closers);
        let mut operands = Vec::new();
        if binary {
            operands.push(locate::bytes(view, &operand_before(view, i - 1)));
        }
        if !right.is_empty() {
            operands.push(locate::bytes(view, &right));
        }
        let span = view.token_span(i, last);
        found.push(Operator {
            spelling: view.text(&span).to_ascii_uppercase(),
            span,
            arity: if binary { Arity::Binary } else { Arity::Unary },
            operands,
        });
        i = last + 1;
    }
    found
}

/// `doc ? 'key'`: SQLite's tokenizer reads a lone `?` as a parameter, so a
/// `?` between a name (or literal) and a string is PostgreSQL's key test.
fn is_question_operator(view: &StatementTokens, i: usize) -> bool {
    let SqlToken::Placeholder(p) = &view.tokens[i].kind else {
        return false;
    };
    let after_operand = i > 0
        && match &view.tokens[i - 1].kind {
            SqlToken::Word(w) => w.quote_style.is_some() || w.keyword == Keyword::NoKeyword,
            SqlToken::RParen | SqlToken::SingleQuotedString(_) => true,
            _ => false,
        };
    let before_operand = view
        .tokens
        .get(i + 1)
        .is_some_and(|t| matches!(t.kind, SqlToken::SingleQuotedString(_) | SqlToken::LBracket));
    p == "?" && after_operand && before_operand
}

/// The operators sqlparser reads as `BinaryOp`/`UnaryOp` that are one
/// symbol token (`*` and `-` excluded: a wildcard and a sign are common and
/// need the grammar).
fn is_operator_token(kind: &SqlToken) -> bool {
    matches!(
        kind,
        SqlToken::Eq
            | SqlToken::DoubleEq
            | SqlToken::Neq
            | SqlToken::Lt
            | SqlToken::Gt
            | SqlToken::LtEq
            | SqlToken::GtEq
            | SqlToken::Plus
            | SqlToken::Div
            | SqlToken::Mod
            | SqlToken::StringConcat
            | SqlToken::Ampersand
            | SqlToken::Pipe
            | SqlToken::Caret
            | SqlToken::ShiftLeft
            | SqlToken::ShiftRight
            | SqlToken::Tilde
            | SqlToken::TildeAsterisk
            | SqlToken::DoubleTildeAsterisk
            | SqlToken::ExclamationMarkDoubleTildeAsterisk
            | SqlToken::DoubleTilde
            | SqlToken::ExclamationMarkDoubleTilde
            | SqlToken::ExclamationMarkTilde
            | SqlToken::ExclamationMarkTildeAsterisk
            | SqlToken::Arrow
            | SqlToken::LongArrow
            | SqlToken::AtArrow
            | SqlToken::ArrowAt
            | SqlToken::HashArrow
            | SqlToken::HashLongArrow
            | SqlToken::HashMinus
            | SqlToken::Overlap
            | SqlToken::AtAt
            | SqlToken::CaretAt
            | SqlToken::QuestionAnd
            | SqlToken::QuestionPipe
            | SqlToken::AtQuestion
    )
}

/// `x::type` and `CAST(x AS type)` (`TRY_CAST`, `SAFE_CAST`).
fn casts(view: &StatementTokens) -> Vec<Cast> {
    let mut found = Vec::new();
    let closers = view.paren_partners();
    for i in 0..view.tokens.len() {
        if view.keyword(i).is_some_and(|k| CAST_FUNCTIONS.contains(&k))
            && let Some(cast) = cast_call(view, i, &closers)
        {
            found.push(cast);
        }
        if i == 0 || view.tokens[i].kind != SqlToken::DoubleColon {
            continue;
        }
        let operand = operand_before(view, i - 1);
        let type_end = type_end(view, i + 1, view.tokens.len());
        if type_end == i + 1 {
            continue;
        }
        let data_type = type_text(view, i + 1..type_end);
        found.push(Cast {
            span: view.token_span(operand.start, type_end - 1),
            double_colon: true,
            operand: locate::bytes(view, &operand),
            data_type,
            data_type_span: view.token_span(i + 1, type_end - 1),
            type_name: super::type_name::from_tokens(view, &(i + 1..type_end)),
        });
    }
    found.sort_by_key(|c| c.span.start);
    found
}

/// `CAST(x AS type)` with `CAST` at token `cast`: the operand up to the
/// `AS` at the parenthesis' own level, the type after it.
fn cast_call(view: &StatementTokens, cast: usize, closers: &[Option<usize>]) -> Option<Cast> {
    if view.tokens.get(cast + 1)?.kind != SqlToken::LParen {
        return None;
    }
    let close = closers[cast + 1]?;
    let mut i = cast + 2;
    let as_index = loop {
        if i >= close {
            return None;
        }
        match view.tokens[i].kind {
            SqlToken::LParen => i = closers[i]?,
            _ if view.keyword(i) == Some(Keyword::AS) => break i,
            _ => {}
        }
        i += 1;
    };
    if as_index == cast + 2 || as_index + 1 >= close {
        return None;
    }
    Some(Cast {
        span: view.token_span(cast, close),
        double_colon: false,
        operand: locate::bytes(view, &(cast + 2..as_index)),
        data_type: type_text(view, as_index + 1..close),
        data_type_span: view.token_span(as_index + 1, close - 1),
        type_name: super::type_name::from_tokens(view, &(as_index + 1..close)),
    })
}

/// A type's tokens as sqlparser prints them: upper-cased, words apart,
/// nothing around punctuation (`NUMERIC(5,2)`, `DOUBLE PRECISION`).
fn type_text(view: &StatementTokens, tokens: Range<usize>) -> String {
    let mut text = String::new();
    let mut after_word = false;
    for token in &view.tokens[tokens] {
        let word = matches!(token.kind, SqlToken::Word(_));
        if word && after_word {
            text.push(' ');
        }
        text.push_str(&view.text(&token.span).to_ascii_uppercase());
        after_word = word;
    }
    text
}

/// Where a type starting at token `start` ends: its words, a `(…)` and
/// `[]` after them, up to `limit`, a constraint word or anything else.
fn type_end(view: &StatementTokens, start: usize, limit: usize) -> usize {
    let mut end = start;
    let mut depth = 0usize;
    while end < limit {
        match &view.tokens[end].kind {
            SqlToken::LParen | SqlToken::LBracket => depth += 1,
            SqlToken::RParen | SqlToken::RBracket if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            SqlToken::Word(_)
                if !view.keyword(end).is_some_and(|k| {
                    CONSTRAINT_START.contains(&k)
                        || ENDS_AN_OPERAND.contains(&k)
                        || BEFORE_AN_OPERAND.contains(&k)
                }) => {}
            _ => break,
        }
        end += 1;
    }
    end
}

// ---- tables -----------------------------------------------------------------

/// `FROM (SELECT …) alias`, `JOIN (…)`, `, (…)` in a `FROM` list.
fn derived_tables(view: &StatementTokens) -> Vec<DerivedTable> {
    let mut found = Vec::new();
    for open in 1..view.tokens.len() {
        if view.tokens[open].kind != SqlToken::LParen {
            continue;
        }
        let lateral = view.keyword(open - 1) == Some(Keyword::LATERAL);
        let before = if lateral {
            open.saturating_sub(2)
        } else {
            open - 1
        };
        if (lateral && open < 2) || !opens_a_table(view, before) {
            continue;
        }
        let mut inner = open + 1;
        while view
            .tokens
            .get(inner)
            .is_some_and(|t| t.kind == SqlToken::LParen)
        {
            inner += 1;
        }
        if !matches!(
            view.keyword(inner),
            Some(Keyword::SELECT | Keyword::WITH | Keyword::VALUES)
        ) {
            continue;
        }
        let Some(close) = view.matching_paren(open) else {
            continue;
        };
        found.push(DerivedTable {
            span: view.token_span(open, close),
            alias: alias_after(view, close + 1),
            lateral,
        });
    }
    found
}

fn alias_after(view: &StatementTokens, i: usize) -> Option<Identifier> {
    let i = if view.keyword(i) == Some(Keyword::AS) {
        i + 1
    } else {
        i
    };
    let token = view.tokens.get(i)?;
    let SqlToken::Word(word) = &token.kind else {
        return None;
    };
    if word.quote_style.is_none() && AFTER_UNALIASED_TABLE.contains(&word.keyword) {
        return None;
    }
    Some(identifier(token.span.clone(), word))
}

/// Whether token `i` (just before a `(`) starts a table reference: `FROM`,
/// `JOIN`, or a comma inside a `FROM` list.
fn opens_a_table(view: &StatementTokens, i: usize) -> bool {
    match view.keyword(i) {
        Some(Keyword::FROM | Keyword::JOIN) => true,
        _ if view.tokens[i].kind == SqlToken::Comma => in_from_list(view, i),
        _ => false,
    }
}

/// Whether the comma at `i` separates tables of a `FROM` clause at its level.
fn in_from_list(view: &StatementTokens, comma: usize) -> bool {
    let mut depth = 0usize;
    for j in (0..comma).rev() {
        match view.tokens[j].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => return false,
            SqlToken::LParen => depth -= 1,
            _ if depth == 0 => match view.keyword(j) {
                Some(Keyword::FROM) => return true,
                Some(Keyword::SELECT | Keyword::WHERE | Keyword::SET | Keyword::VALUES) => {
                    return false;
                }
                _ => {}
            },
            _ => {}
        }
    }
    false
}

// ---- column definitions and table constraints -------------------------------

/// The column definitions and table constraints of `CREATE TABLE` and
/// `ALTER TABLE … ADD`.
pub(super) fn column_definitions(view: &StatementTokens) -> (Vec<ColumnDef>, Vec<TableConstraint>) {
    if is_create_table(view) {
        create_table_elements(view)
    } else if view.starts_with(&[Keyword::ALTER, Keyword::TABLE]) {
        (added_columns(view), Vec::new())
    } else {
        (Vec::new(), Vec::new())
    }
}

/// The elements between the table's parentheses, split at depth-1 commas.
pub(super) fn create_table_element_ranges(view: &StatementTokens) -> Vec<Range<usize>> {
    let Some(open) = view.tokens.iter().position(|t| t.kind == SqlToken::LParen) else {
        return Vec::new();
    };
    // `CREATE TABLE t AS SELECT (…)` has no column list, and PostgreSQL's
    // `PARTITION OF p (…)` / `OF type (…)` only add constraints to inherited columns.
    if (0..open).any(|i| matches!(view.keyword(i), Some(Keyword::AS | Keyword::OF))) {
        return Vec::new();
    }
    let close = view.matching_paren(open).unwrap_or(view.tokens.len());
    view.split_top_level(open + 1..close)
}

fn create_table_elements(view: &StatementTokens) -> (Vec<ColumnDef>, Vec<TableConstraint>) {
    let mut columns = Vec::new();
    let mut constraints = Vec::new();
    for element in create_table_element_ranges(view) {
        if let Some(constraint) = table_constraint_at(view, element.clone()) {
            constraints.push(constraint);
        } else if let Some(column) = column_at(view, element, false) {
            columns.push(column);
        }
    }
    (columns, constraints)
}

fn starts_table_constraint(view: &StatementTokens, i: usize) -> bool {
    // A column named `exclude` has a type next, an exclusion constraint `USING` or `(`.
    let exclude_follows = || {
        view.is_word(i + 1, "USING")
            || view
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == SqlToken::LParen)
    };
    match view.keyword(i) {
        Some(Keyword::EXCLUDE) => exclude_follows(),
        Some(k) => TABLE_CONSTRAINT_START.contains(&k),
        None => false,
    }
}

pub(super) fn table_constraint_at(
    view: &StatementTokens,
    element: Range<usize>,
) -> Option<TableConstraint> {
    if element.is_empty() || !starts_table_constraint(view, element.start) {
        return None;
    }
    let (name, kind_at) = if view.keyword(element.start) == Some(Keyword::CONSTRAINT) {
        let name = view
            .tokens
            .get(element.start + 1)
            .and_then(|t| match &t.kind {
                SqlToken::Word(w) => Some(identifier(t.span.clone(), w)),
                _ => None,
            });
        (name, element.start + 2)
    } else {
        (None, element.start)
    };
    let kind = match view.keyword(kind_at) {
        Some(Keyword::PRIMARY) => ConstraintKind::PrimaryKey,
        Some(Keyword::UNIQUE) => ConstraintKind::Unique,
        Some(Keyword::CHECK) => ConstraintKind::Check,
        Some(Keyword::FOREIGN) => ConstraintKind::ForeignKey,
        Some(Keyword::EXCLUDE) => ConstraintKind::Exclude,
        Some(Keyword::LIKE) => ConstraintKind::Like,
        _ => ConstraintKind::Other,
    };
    let using = (kind == ConstraintKind::Exclude && view.is_word(kind_at + 1, "USING"))
        .then(|| view.tokens.get(kind_at + 2))
        .flatten()
        .and_then(|t| match &t.kind {
            SqlToken::Word(w) => Some(identifier(t.span.clone(), w)),
            _ => None,
        });
    let autoincrement = (kind == ConstraintKind::PrimaryKey)
        .then(|| {
            element
                .clone()
                .find(|&i| view.keyword(i) == Some(Keyword::AUTOINCREMENT))
        })
        .flatten()
        .map(|i| view.tokens[i].span.clone());
    let (column_list, columns) = super::key_columns::from_tokens(view, kind, &element, kind_at);
    Some(TableConstraint {
        kind,
        name,
        column_list,
        columns,
        autoincrement,
        deferrable: deferrable(view, &element),
        span: locate::bytes(view, &element),
        keyword: view.tokens.get(kind_at).map_or(0..0, |t| t.span.clone()),
        using,
        tokens: element,
    })
}

/// `DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]` in a constraint's tokens.
fn deferrable(view: &StatementTokens, element: &Range<usize>) -> Option<Range<usize>> {
    let first = element
        .clone()
        .find(|&i| view.is_word(i, "DEFERRABLE") && !(i > 0 && view.is_word(i - 1, "NOT")))?;
    let initially = view.words_at(first + 1, &["INITIALLY", "DEFERRED"])
        || view.words_at(first + 1, &["INITIALLY", "IMMEDIATE"]);
    let last = if initially { first + 2 } else { first };
    Some(view.token_span(first, last))
}

/// The constraints `ALTER TABLE … ADD [CONSTRAINT n] …` adds.
pub(super) fn added_constraints(
    view: &StatementTokens,
    table: &AlterTable,
) -> Vec<TableConstraint> {
    table
        .actions
        .iter()
        .filter(|a| {
            matches!(
                a.constraint_change,
                Some(ConstraintChange::Add | ConstraintChange::AddCheck)
            )
        })
        .filter_map(|a| table_constraint_at(view, a.tokens.start + 1..a.tokens.end))
        .collect()
}

/// `ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type …, ADD …`.
fn added_columns(view: &StatementTokens) -> Vec<ColumnDef> {
    let Some(table) = alter_table(view) else {
        return Vec::new();
    };
    table
        .actions
        .iter()
        .filter(|action| action.kind == ActionKind::AddColumn)
        .filter_map(|action| {
            column_at(
                view,
                added_column_start(view, &action.tokens)..action.tokens.end,
                true,
            )
        })
        .collect()
}

/// Where the column definition of an `ADD [COLUMN] [IF NOT EXISTS]` action starts.
pub(super) fn added_column_start(view: &StatementTokens, action: &Range<usize>) -> usize {
    let mut start = action.start + 1;
    if view.keyword(start) == Some(Keyword::COLUMN) {
        start += 1;
    }
    while matches!(
        view.keyword(start),
        Some(Keyword::IF | Keyword::NOT | Keyword::EXISTS)
    ) {
        start += 1;
    }
    start
}

pub(super) fn column_at(
    view: &StatementTokens,
    element: Range<usize>,
    added: bool,
) -> Option<ColumnDef> {
    let name = element.start;
    if element.is_empty() || name >= view.tokens.len() || starts_table_constraint(view, name) {
        return None;
    }
    let type_end = {
        let mut end = name + 1;
        let mut depth = 0usize;
        while end < element.end {
            match &view.tokens[end].kind {
                SqlToken::LParen | SqlToken::LBracket => depth += 1,
                SqlToken::RParen | SqlToken::RBracket => depth = depth.saturating_sub(1),
                _ if depth == 0
                    && view
                        .keyword(end)
                        .is_some_and(|k| CONSTRAINT_START.contains(&k)) =>
                {
                    break;
                }
                _ => {}
            }
            end += 1;
        }
        end
    };
    let ident = match &view.tokens[name].kind {
        SqlToken::Word(w) => identifier(view.tokens[name].span.clone(), w),
        _ => Identifier {
            span: view.tokens[name].span.clone(),
            value: view.text(&view.tokens[name].span).to_string(),
            quote: None,
        },
    };
    let constraint_list = column_constraints(view, type_end..element.end);
    Some(ColumnDef {
        name,
        ident,
        column_type: super::column_type::from_tokens(view, &(name + 1..type_end)),
        type_name: super::type_name::from_tokens(view, &(name + 1..type_end)),
        default: super::column_type::default(view, &constraint_list),
        generated: super::generated_column::from_tokens(view, &(type_end..element.end)),
        data_type: name + 1..type_end,
        constraints: type_end..element.end,
        constraint_list,
        added,
    })
}

/// The constraints of `range`, each from the word that starts it.
fn column_constraints(view: &StatementTokens, range: Range<usize>) -> Vec<ColumnConstraint> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    for i in range.clone() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                if let Some(kind) = constraint_kind_at(view, i, starts.last().map(|(_, k)| *k)) {
                    starts.push((i, kind));
                }
            }
            _ => {}
        }
    }
    let mut constraints = Vec::new();
    for (n, (start, kind)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(range.end, |(next, _)| *next);
        let two_words = match kind {
            ConstraintKind::PrimaryKey => view.keyword(start + 1) == Some(Keyword::KEY),
            ConstraintKind::NotNull | ConstraintKind::OnConflict => true,
            _ => false,
        };
        let last_word = if two_words { start + 1 } else { *start };
        constraints.push(ColumnConstraint {
            keyword: view.token_span(*start, last_word.min(end - 1)),
            kind: *kind,
            span: view.token_span(*start, end - 1),
            default_value: (*kind == ConstraintKind::Default)
                .then(|| super::default_value::from_tokens(view, &(*start..end)))
                .flatten(),
            tokens: *start..end,
        });
    }
    constraints
}

/// The constraint that starts at token `i`, if one does; `previous` is the
/// kind of the constraint before (`NOT NULL` is one, `ON CONFLICT` too).
fn constraint_kind_at(
    view: &StatementTokens,
    i: usize,
    previous: Option<ConstraintKind>,
) -> Option<ConstraintKind> {
    let after_not = i > 0 && view.keyword(i - 1) == Some(Keyword::NOT);
    let kind = match view.keyword(i)? {
        Keyword::CONSTRAINT => ConstraintKind::Name,
        Keyword::PRIMARY => ConstraintKind::PrimaryKey,
        Keyword::NOT if view.keyword(i + 1) == Some(Keyword::NULL) => ConstraintKind::NotNull,
        Keyword::NULL if !after_not && view.keyword(i - 1) != Some(Keyword::DEFAULT) => {
            ConstraintKind::Null
        }
        Keyword::UNIQUE => ConstraintKind::Unique,
        Keyword::CHECK => ConstraintKind::Check,
        // `GENERATED BY DEFAULT AS IDENTITY` is no default value.
        Keyword::DEFAULT if view.keyword(i - 1) != Some(Keyword::BY) => ConstraintKind::Default,
        Keyword::REFERENCES => ConstraintKind::References,
        Keyword::COLLATE => ConstraintKind::Collate,
        Keyword::GENERATED => ConstraintKind::Generated,
        Keyword::AS if previous != Some(ConstraintKind::Generated) => ConstraintKind::Generated,
        Keyword::AUTOINCREMENT => ConstraintKind::Autoincrement,
        Keyword::ON
            if view.keyword(i + 1) == Some(Keyword::CONFLICT)
                && previous != Some(ConstraintKind::References) =>
        {
            ConstraintKind::OnConflict
        }
        _ => return None,
    };
    Some(kind)
}

// ---- ALTER TABLE --------------------------------------------------------------

/// An `ALTER [COLUMN] c …` action from its start through the words naming
/// its change: `SET DEFAULT`, `SET NOT NULL`, `TYPE t`, `DROP DEFAULT`…
pub(super) fn column_change_words(view: &StatementTokens, tokens: &Range<usize>) -> Range<usize> {
    let last = tokens.end - 1;
    let what = tokens
        .clone()
        .find(|&i| COLUMN_CHANGE_WORDS.iter().any(|w| view.is_word(i, w)))
        .map_or(last, |i| {
            let more = usize::from(view.keyword(i + 1) == Some(Keyword::NOT)) + 1;
            (i + more).min(last)
        });
    view.token_span(tokens.start, what)
}

pub(super) fn alter_table(view: &StatementTokens) -> Option<AlterTable> {
    if !view.words_at(0, &["ALTER", "TABLE"]) {
        return None;
    }
    let mut i = 2;
    let if_exists = view.words_at(i, &["IF", "EXISTS"]).then(|| {
        i += 2;
        i - 2..i
    });
    if view.is_word(i, "ONLY") {
        i += 1;
    }
    let name_start = i;
    i += 1;
    while view
        .tokens
        .get(i)
        .is_some_and(|t| t.kind == SqlToken::Period)
    {
        i += 2;
    }
    if view.tokens.get(i).is_some_and(|t| t.kind == SqlToken::Mul) {
        i += 1;
    }
    let end = view.tokens.len();
    if name_start >= end {
        return None;
    }
    let name = name_start..i.min(end);
    let actions = if i >= end {
        Vec::new()
    } else {
        view.split_top_level(i..end)
            .into_iter()
            // A trailing or doubled comma leaves an empty piece: no action.
            .filter(|tokens| !tokens.is_empty())
            .map(|tokens| {
                let kind = classify(view, tokens.clone());
                Action {
                    guard: guard(view, kind, &tokens),
                    column_change: (kind == ActionKind::AlterColumn)
                        .then(|| column_change(view, &tokens)),
                    constraint_change: (kind == ActionKind::Constraint)
                        .then(|| constraint_change(view, &tokens)),
                    renames_column: kind == ActionKind::Rename
                        && !view.is_word(tokens.start + 1, "TO"),
                    comma: tokens
                        .start
                        .checked_sub(1)
                        .filter(|&c| view.tokens[c].kind == SqlToken::Comma)
                        .map(|c| view.tokens[c].span.clone()),
                    span: locate::bytes(view, &tokens),
                    change_words: (kind == ActionKind::AlterColumn)
                        .then(|| column_change_words(view, &tokens)),
                    kind,
                    tokens,
                }
            })
            .collect()
    };
    Some(AlterTable {
        if_exists,
        name,
        actions,
    })
}

/// `IF [NOT] EXISTS` within the first words of an `ADD`/`DROP [COLUMN]`.
pub(super) fn guard(
    view: &StatementTokens,
    kind: ActionKind,
    action: &Range<usize>,
) -> Option<Range<usize>> {
    if !matches!(kind, ActionKind::AddColumn | ActionKind::DropColumn) {
        return None;
    }
    let start = action.clone().take(3).find(|&i| view.is_word(i, "IF"))?;
    let last = if view.is_word(start + 1, "NOT") {
        start + 2
    } else {
        start + 1
    };
    (last < action.end && view.is_word(last, "EXISTS")).then_some(start..last + 1)
}

/// What `ALTER [COLUMN] c …` changes, from the words after the column.
fn column_change(view: &StatementTokens, action: &Range<usize>) -> ColumnChange {
    let verb = action.clone().find(|&i| {
        ["TYPE", "SET", "DROP", "ADD", "RESET"]
            .iter()
            .any(|w| view.is_word(i, w))
    });
    let Some(verb) = verb else {
        return ColumnChange::Other;
    };
    let rest_is = |words: &[&str]| view.words_at(verb, words) && verb + words.len() == action.end;
    if view.is_word(verb, "TYPE") || view.words_at(verb, &["SET", "DATA", "TYPE"]) {
        ColumnChange::Type
    } else if view.words_at(verb, &["SET", "DEFAULT"]) {
        ColumnChange::SetDefault
    } else if rest_is(&["DROP", "DEFAULT"]) {
        ColumnChange::DropDefault
    } else if rest_is(&["SET", "NOT", "NULL"]) {
        ColumnChange::SetNotNull
    } else if rest_is(&["DROP", "NOT", "NULL"]) {
        ColumnChange::DropNotNull
    } else {
        ColumnChange::Other
    }
}

fn constraint_change(view: &StatementTokens, action: &Range<usize>) -> ConstraintChange {
    let first = action.start;
    if view.words_at(first, &["ADD", "CHECK"])
        || view.words_at(first, &["ADD", "CONSTRAINT"]) && view.is_word(first + 3, "CHECK")
    {
        ConstraintChange::AddCheck
    } else if view.is_word(first, "ADD") {
        ConstraintChange::Add
    } else if view.words_at(first, &["DROP", "CONSTRAINT"]) {
        ConstraintChange::Drop
    } else {
        ConstraintChange::Other
    }
}

fn classify(view: &StatementTokens, action: Range<usize>) -> ActionKind {
    let first = action.start;
    let next_is = |words: &[&str]| words.iter().any(|w| view.is_word(first + 1, w));
    if view.is_word(first, "ADD") {
        if next_is(&ADDED_CONSTRAINT_START) {
            ActionKind::Constraint
        } else {
            ActionKind::AddColumn
        }
    } else if view.is_word(first, "DROP") {
        if next_is(&["CONSTRAINT", "PRIMARY", "FOREIGN", "CHECK"]) {
            ActionKind::Constraint
        } else if next_is(&DROPPED_NOT_A_COLUMN) || first + 1 >= action.end {
            ActionKind::Other
        } else {
            ActionKind::DropColumn
        }
    } else if view.is_word(first, "RENAME") {
        if next_is(&["CONSTRAINT"]) {
            ActionKind::Constraint
        } else {
            ActionKind::Rename
        }
    } else if view.is_word(first, "VALIDATE") {
        ActionKind::Constraint
    } else if view.is_word(first, "ALTER") {
        if next_is(&["CONSTRAINT"]) {
            ActionKind::Constraint
        } else {
            ActionKind::AlterColumn
        }
    } else if (view.is_word(first, "ENABLE") || view.is_word(first, "DISABLE"))
        && (1..3).any(|k| view.is_word(first + k, "TRIGGER"))
    {
        ActionKind::TriggerToggle
    } else {
        ActionKind::Other
    }
}

// ---- literals and names ---------------------------------------------------------

fn literals(view: &StatementTokens) -> Vec<Literal> {
    view.tokens
        .iter()
        .filter_map(|token| {
            let kind = match &token.kind {
                SqlToken::SingleQuotedString(s)
                | SqlToken::EscapedStringLiteral(s)
                | SqlToken::NationalStringLiteral(s) => LiteralKind::String(s.clone()),
                SqlToken::DollarQuotedString(d) => LiteralKind::String(d.value.clone()),
                SqlToken::Number(..) => LiteralKind::Number,
                SqlToken::Placeholder(_) => LiteralKind::Placeholder,
                SqlToken::Word(w) if w.quote_style.is_none() => match w.keyword {
                    Keyword::TRUE | Keyword::FALSE => LiteralKind::Boolean,
                    // `NOT NULL` and `IS NULL` are tests, not values.
                    Keyword::NULL
                        if !matches!(
                            previous_keyword(view, token),
                            Some(Keyword::NOT | Keyword::IS)
                        ) =>
                    {
                        LiteralKind::Null
                    }
                    _ => return None,
                },
                _ => return None,
            };
            Some(Literal {
                span: token.span.clone(),
                kind,
            })
        })
        .collect()
}

/// Quoted words, and bare words that are no keyword.
fn identifiers(view: &StatementTokens) -> Vec<Identifier> {
    view.tokens
        .iter()
        .filter_map(|token| match &token.kind {
            SqlToken::Word(w) if w.quote_style.is_some() || w.keyword == Keyword::NoKeyword => {
                Some(identifier(token.span.clone(), w))
            }
            _ => None,
        })
        .collect()
}

/// The keyword of the token before `token` (one of the statement's).
fn previous_keyword(
    view: &StatementTokens,
    token: &crate::syntax::lexer::Token,
) -> Option<Keyword> {
    let i = view.token_at(token.span.start)?;
    view.keyword(i.checked_sub(1)?)
}

fn identifier(span: Range<usize>, word: &sqlparser::tokenizer::Word) -> Identifier {
    Identifier {
        span,
        value: word.value.clone(),
        quote: word.quote_style,
    }
}
