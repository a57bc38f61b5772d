//! The model from sqlparser's AST. Expressions, calls, casts, matches,
//! derived tables, literals and names come from the tree (`Visitor`), their
//! byte spans from the nodes' own spans (`locate`). Column definitions,
//! table constraints and ALTER actions are what the tree says they are;
//! sqlparser gives them no spans, so the fallback's token scan locates them.

use std::collections::HashMap;
use std::ops::{ControlFlow, Range};

use sqlparser::ast::{
    AlterTableOperation, BinaryOperator, Expr as SqlExpr, FunctionArg, FunctionArgExpr,
    FunctionArguments, InTarget, Join, JoinConstraint, JoinOperator, LimitClause, OrderByExpr,
    OrderBySort, Query, Select, Spanned, Statement, TableFactor, UnaryOperator, Value,
    ValueWithSpan, Visit, Visitor,
};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::fallback;
use super::locate::{self, tokens_of};
use super::*;
use crate::syntax::gate::KeywordSet;
use crate::syntax::statement::StatementTokens;

pub fn build(view: &StatementTokens, ast: &Statement, dialect: ParseDialect) -> Model {
    // A part whose nodes are always written with one of a few words walks
    // the tree only when the statement holds one: each walk is a pass over
    // the whole tree, and most statements hold none of those words.
    let keywords = KeywordSet::of(view.tokens);
    let mut builder = Builder {
        view,
        model: Model {
            origin: Origin::Parsed(dialect),
            calls: Vec::new(),
            casts: Vec::new(),
            operators: Vec::new(),
            matches: Vec::new(),
            derived_tables: Vec::new(),
            columns: Vec::new(),
            table_constraints: Vec::new(),
            alter_table: None,
            literals: Vec::new(),
            identifiers: Vec::new(),
            limits: Vec::new(),
            clauses: Vec::new(),
            create_index: None,
            table_options: Vec::new(),
            collations: super::column_options::collations(view),
            identities: super::column_options::identities_from_ast(view, ast),
            nulls_not_distinct: super::nulls_distinct::from_ast(view, ast),
            head: super::head::from_ast(view, ast),
            index_hints: super::index_hints::from_ast(view, ast),
            qualified_names: super::qualified_names::from_ast(view, ast),
            is_comparisons: Vec::new(),
            dml_target: super::dml_target::from_ast(view, ast),
            only_markers: written_with(&keywords, super::only_markers::WRITTEN_WITH, || {
                super::only_markers::from_ast(view, ast)
            }),
            typed_literals: super::typed_literals::from_ast(view, ast),
            postfix_null_tests: written_with(&keywords, super::postfix_null::WRITTEN_WITH, || {
                super::postfix_null::from_ast(view, ast)
            }),
            conflict_clauses: super::conflict_clauses::from_ast(view, ast),
            upsert_after_from: super::upsert_after_from::from_ast(view, ast),
            statement_conflict: super::statement_conflict::from_ast(view, ast),
            drop_behavior: super::drop_behavior::from_ast(view, ast),
            create_table_as: super::create_table_as::from_ast(view, ast),
            arrays: written_with(&keywords, super::arrays::WRITTEN_WITH, || {
                super::arrays::from_ast(view, ast)
            }),
            standard_calls: super::standard_calls::from_ast(view, ast),
            cast_operators: super::cast_operators::scan(view),
            row_ids: Vec::new(),
            conditions: Vec::new(),
            in_lists: Vec::new(),
            value_keywords: Vec::new(),
            order_by: Vec::new(),
            relations: super::relations::from_ast(view, ast),
        },
        starts: HashMap::new(),
    };
    let _ = ast.visit(&mut builder);
    let mut model = builder.model;
    definitions(view, ast, &mut model);
    model.clauses = super::clauses::from_ast(view, ast);
    model.calls.sort_by_key(|c| c.span.start);
    model.operators.sort_by_key(|o| o.span.start);
    model.matches.sort_by_key(|m| m.operator.start);
    model.casts.sort_by_key(|c| c.span.start);
    model.derived_tables.sort_by_key(|d| d.span.start);
    model.literals.sort_by_key(|l| l.span.start);
    // A value is reached both as an expression and as a value.
    model.literals.dedup_by_key(|l| l.span.start);
    model.identifiers.sort_by_key(|i| i.span.start);
    model.row_ids = super::row_ids::from_identifiers(&model.identifiers);
    model.limits.sort_by_key(|l| l.value.start);
    model.is_comparisons.sort_by_key(|c| c.operator.start);
    model.conditions.sort_by_key(|c| c.start);
    model.in_lists.sort_by_key(|l| l.subject.start);
    model.value_keywords.sort_by_key(|k| k.span.start);
    model.order_by.sort_by_key(|k| k.span.start);
    model
}

/// The constraint of a join that has one (`ON`, `USING`, `NATURAL`).
fn join_constraint(operator: &JoinOperator) -> Option<&JoinConstraint> {
    match operator {
        JoinOperator::Join(c)
        | JoinOperator::Inner(c)
        | JoinOperator::Left(c)
        | JoinOperator::LeftOuter(c)
        | JoinOperator::Right(c)
        | JoinOperator::RightOuter(c)
        | JoinOperator::FullOuter(c)
        | JoinOperator::CrossJoin(c)
        | JoinOperator::Semi(c)
        | JoinOperator::LeftSemi(c)
        | JoinOperator::RightSemi(c)
        | JoinOperator::Anti(c)
        | JoinOperator::LeftAnti(c)
        | JoinOperator::RightAnti(c)
        | JoinOperator::StraightJoin(c)
        | JoinOperator::AsOf { constraint: c, .. } => Some(c),
        _ => None,
    }
}

/// `part()`, when the statement holds one of the words its nodes are
/// written with; else nothing, without walking the tree.
fn written_with<T>(
    keywords: &KeywordSet,
    words: &[Keyword],
    part: impl FnOnce() -> Vec<T>,
) -> Vec<T> {
    if keywords.admits(words) {
        part()
    } else {
        Vec::new()
    }
}

struct Builder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    model: Model,
    /// Where an expression starts, recorded by its parent: a left operand
    /// starts where its binary expression does. Asking sqlparser instead
    /// walks the subtree, quadratic on a long `a OR b OR …` chain.
    starts: HashMap<usize, usize>,
}

fn key(expr: &SqlExpr) -> usize {
    expr as *const SqlExpr as usize
}

impl Visitor for Builder<'_, '_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &SqlExpr) -> ControlFlow<()> {
        let value_keyword = super::value_keywords::from_expr(self.view, expr);
        self.model.value_keywords.extend(value_keyword);
        match expr {
            SqlExpr::Function(function) => self.call(function),
            SqlExpr::Value(value) => self.literal(value),
            SqlExpr::Cast {
                kind,
                expr: operand,
                data_type,
                ..
            } => self.cast(
                expr,
                matches!(kind, sqlparser::ast::CastKind::DoubleColon),
                operand,
                data_type,
            ),
            SqlExpr::BinaryOp {
                left,
                op: BinaryOperator::Glob,
                right,
            } => self.pattern_match(expr, (MatchKind::Glob, false), false, left, right),
            SqlExpr::BinaryOp { left, op, right } => {
                self.binary(expr, &op.to_string(), left, right, 1);
                self.is_comparison(op, right);
                if matches!(op, BinaryOperator::And | BinaryOperator::Or) {
                    self.conditions([&**left, &**right]);
                }
            }
            SqlExpr::IsDistinctFrom(left, right) => {
                self.binary(expr, "IS DISTINCT FROM", left, right, 3)
            }
            SqlExpr::IsNotDistinctFrom(left, right) => {
                self.binary(expr, "IS NOT DISTINCT FROM", left, right, 4)
            }
            SqlExpr::AtTimeZone {
                timestamp,
                time_zone,
            } => self.binary(expr, "AT TIME ZONE", timestamp, time_zone, 3),
            SqlExpr::UnaryOp { op, expr: operand } => {
                self.unary(expr, *op, operand);
                if *op == UnaryOperator::Not {
                    self.conditions([&**operand]);
                }
            }
            SqlExpr::In {
                expr: subject,
                target: InTarget::List(list),
                negated,
                ..
            } => self.in_list(subject, list, *negated),
            SqlExpr::Case {
                operand: None,
                conditions,
                ..
            } => self.conditions(conditions.iter().map(|when| &when.condition)),
            SqlExpr::Like {
                negated,
                expr: subject,
                pattern,
                escape_char,
                ..
            } => self.pattern_match(
                expr,
                (MatchKind::Like, escape_char.is_some()),
                *negated,
                subject,
                pattern,
            ),
            SqlExpr::ILike {
                negated,
                expr: subject,
                pattern,
                escape_char,
                ..
            } => self.pattern_match(
                expr,
                (MatchKind::ILike, escape_char.is_some()),
                *negated,
                subject,
                pattern,
            ),
            SqlExpr::SimilarTo {
                negated,
                expr: subject,
                pattern,
                escape_char,
                ..
            } => self.pattern_match(
                expr,
                (MatchKind::SimilarTo, escape_char.is_some()),
                *negated,
                subject,
                pattern,
            ),
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        self.sort_keys(super::order_by::query_keys(query));
        match &query.limit_clause {
            Some(LimitClause::LimitOffset { limit, offset, .. }) => {
                if let Some(limit) = limit {
                    self.limit(LimitKind::Limit, limit, None);
                }
                if let Some(offset) = offset {
                    self.limit(LimitKind::Offset, &offset.value, None);
                }
            }
            Some(LimitClause::OffsetCommaLimit { offset, limit }) => {
                let keyword = self.limit(LimitKind::Offset, offset, None);
                if keyword.is_some() {
                    self.limit(LimitKind::Limit, limit, keyword);
                }
            }
            None => {}
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_select(&mut self, select: &Select) -> ControlFlow<()> {
        self.conditions(select.selection.iter().chain(&select.having));
        self.join_conditions(select.from.iter().flat_map(|table| &table.joins));
        ControlFlow::Continue(())
    }

    fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
        let condition = match statement {
            Statement::Delete(delete) => delete.selection.as_ref(),
            Statement::Update(update) => update.selection.as_ref(),
            Statement::CreateTrigger(trigger) => trigger.condition.as_ref(),
            _ => None,
        };
        self.conditions(condition);
        self.sort_keys(super::order_by::statement_keys(statement));
        // SQLite's `DELETE … LIMIT n` and `UPDATE … LIMIT n`.
        let limit = match statement {
            Statement::Delete(delete) => delete.limit.as_ref(),
            Statement::Update(update) => update.limit.as_ref(),
            _ => None,
        };
        if let Some(limit) = limit {
            self.limit(LimitKind::Limit, limit, None);
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        if let TableFactor::NestedJoin {
            table_with_joins, ..
        } = factor
        {
            self.join_conditions(&table_with_joins.joins);
        }
        if let TableFactor::Derived {
            lateral,
            subquery,
            alias,
            ..
        } = factor
            && let Some(tokens) = tokens_of(self.view, subquery.span())
        {
            let tokens = locate::with_wrapping_parens(self.view, tokens);
            self.model.derived_tables.push(DerivedTable {
                span: locate::bytes(self.view, &tokens),
                alias: alias.as_ref().and_then(|a| self.identifier(&a.name)),
                lateral: *lateral,
            });
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_ident(&mut self, ident: &sqlparser::ast::Ident) -> ControlFlow<()> {
        if let Some(identifier) = self.identifier(ident) {
            self.model.identifiers.push(identifier);
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_value(&mut self, value: &ValueWithSpan) -> ControlFlow<()> {
        self.literal(value);
        ControlFlow::Continue(())
    }
}

impl Builder<'_, '_> {
    /// The conditions that are terms: an `AND`, `OR` or `NOT` of others
    /// is not one, its operands are (`pre_visit_expr` records them).
    fn conditions<'e>(&mut self, conditions: impl IntoIterator<Item = &'e SqlExpr>) {
        let of_others = |c: &SqlExpr| {
            matches!(
                c,
                SqlExpr::BinaryOp {
                    op: BinaryOperator::And | BinaryOperator::Or,
                    ..
                } | SqlExpr::UnaryOp {
                    op: UnaryOperator::Not,
                    ..
                }
            )
        };
        for condition in conditions.into_iter().filter(|c| !of_others(c)) {
            if let Some(tokens) = self.tokens_of_expr(condition) {
                let span = locate::bytes(self.view, &tokens);
                self.model.conditions.push(span);
            }
        }
    }

    fn in_list(&mut self, subject: &SqlExpr, list: &[SqlExpr], negated: bool) {
        let Some(subject) = self.tokens_of_expr(subject) else {
            return;
        };
        let values = list
            .iter()
            .filter_map(|value| self.tokens_of_expr(value))
            .map(|tokens| locate::bytes(self.view, &tokens))
            .collect();
        self.model.in_lists.push(super::in_lists::InList {
            subject: locate::bytes(self.view, &subject),
            values,
            negated,
        });
    }

    /// The `ON` conditions of joins.
    fn join_conditions<'j>(&mut self, joins: impl IntoIterator<Item = &'j Join>) {
        for join in joins {
            if let Some(JoinConstraint::On(condition)) = join_constraint(&join.join_operator) {
                self.conditions([condition]);
            }
        }
    }

    fn literal(&mut self, value: &ValueWithSpan) {
        let kind = match &value.value {
            Value::SingleQuotedString(s)
            | Value::EscapedStringLiteral(s)
            | Value::NationalStringLiteral(s) => LiteralKind::String(s.clone()),
            Value::DollarQuotedString(d) => LiteralKind::String(d.value.clone()),
            Value::Number(..) => LiteralKind::Number,
            Value::Boolean(_) => LiteralKind::Boolean,
            Value::Null => LiteralKind::Null,
            Value::Placeholder(_) => LiteralKind::Placeholder,
            _ => return,
        };
        if let Some(span) = self.view.file.range(value.span).filter(|s| !s.is_empty()) {
            self.model.literals.push(Literal { span, kind });
        }
    }

    fn identifier(&self, ident: &sqlparser::ast::Ident) -> Option<Identifier> {
        identifier(self.view, ident)
    }

    /// Token indices of an expression, its start taken from its parent when known.
    fn tokens_of_expr(&self, expr: &SqlExpr) -> Option<Range<usize>> {
        match self.starts.get(&key(expr)) {
            Some(&first) => {
                let span = expr_end_span(expr)?;
                let end = self.view.file.range(span)?.end;
                let last = self
                    .view
                    .token_until(end.max(self.view.tokens[first].span.end))?;
                (first <= last).then(|| locate::balanced(self.view, first..last + 1))
            }
            None => self.with_prefix_operators(expr, tokens_of(self.view, expr.span())?),
        }
    }

    /// sqlparser's span of `-x` or `NOT x` is `x`'s: widen it over the operators.
    fn with_prefix_operators(
        &self,
        expr: &SqlExpr,
        mut tokens: Range<usize>,
    ) -> Option<Range<usize>> {
        let mut expr = unnested(expr);
        while let SqlExpr::UnaryOp { op, expr: inner } = expr {
            if *op == UnaryOperator::PGPostfixFactorial {
                break;
            }
            tokens.start = self.before_parens(tokens.start)?;
            expr = unnested(inner);
        }
        Some(locate::balanced(self.view, tokens))
    }

    fn call(&mut self, function: &sqlparser::ast::Function) {
        self.sort_keys(super::order_by::function_keys(function));
        let ident = function.name.0.last().and_then(|part| part.as_ident());
        if let Some(ident) = ident {
            let view = self.view;
            let call =
                fallback::call_closed_by(view, &ident.value, view.file.range(ident.span), |open| {
                    view.matching_paren(open)
                });
            self.model.calls.extend(call.map(|mut call| {
                call.args = call
                    .arguments
                    .clone()
                    .map(|inside| self.call_arguments(function, inside));
                call
            }));
        }
    }

    /// ORDER BY keys: the tree says what each sorts on and in which
    /// direction, the tokens after its expression where its options end.
    fn sort_keys<'k>(&mut self, keys: impl IntoIterator<Item = &'k OrderByExpr>) {
        for key in keys {
            let Some(tokens) = self.tokens_of_expr(&key.expr) else {
                continue;
            };
            let tokens = locate::with_wrapping_parens(self.view, tokens);
            let options = super::order_by::options_after(self.view, tokens.end);
            let column = match &key.expr {
                SqlExpr::Identifier(ident) => vec![ident],
                SqlExpr::CompoundIdentifier(parts) => parts.iter().collect(),
                _ => Vec::new(),
            };
            self.model.order_by.push(super::order_by::SortKey {
                span: self.view.token_span(tokens.start, options.end - 1),
                expr: self.expr(&key.expr, tokens),
                column: column
                    .into_iter()
                    .filter_map(|ident| identifier(self.view, ident))
                    .collect(),
                descending: matches!(key.options.sort, Some(OrderBySort::Desc)),
                nulls: options.nulls,
            });
        }
    }

    /// A `LIMIT`/`OFFSET` value: its tokens with the parentheses around
    /// them, its keyword the token before (or `keyword`). Returns the keyword.
    fn limit(&mut self, kind: LimitKind, value: &SqlExpr, keyword: Option<usize>) -> Option<usize> {
        let tokens = self.tokens_of_expr(value)?;
        let tokens = locate::with_wrapping_parens(self.view, tokens);
        let keyword = match keyword {
            Some(keyword) => keyword,
            None => tokens.start.checked_sub(1)?,
        };
        self.model.limits.push(Limit {
            kind,
            keyword: self.view.tokens[keyword].span.clone(),
            value: locate::bytes(self.view, &tokens),
        });
        Some(keyword)
    }

    fn cast(
        &mut self,
        whole: &SqlExpr,
        double_colon: bool,
        operand: &SqlExpr,
        data_type: &sqlparser::ast::DataType,
    ) {
        let Some(operand_tokens) = self.tokens_of_expr(operand) else {
            return;
        };
        let view = self.view;
        // The type: after the `::` or the `AS` that follows the operand.
        let type_start = operand_tokens.end + 1;
        // `CAST(x AS t)`: from `CAST` to its `)`; `x::t`: from x over the type's words.
        let tokens = if double_colon {
            let mut end = operand_tokens.end;
            if view
                .tokens
                .get(end)
                .is_some_and(|t| t.kind == SqlToken::DoubleColon)
            {
                end += 1 + data_type.to_string().split_whitespace().count().max(1);
                while view
                    .tokens
                    .get(end)
                    .is_some_and(|t| matches!(t.kind, SqlToken::LParen | SqlToken::LBracket))
                {
                    end = match view.tokens[end].kind {
                        SqlToken::LParen => view
                            .matching_paren(end)
                            .map_or(view.tokens.len(), |c| c + 1),
                        _ => (end + 2).min(view.tokens.len()),
                    };
                }
            }
            operand_tokens.start..end.min(view.tokens.len())
        } else {
            match operand_tokens.start.checked_sub(2) {
                Some(cast) if view.tokens[cast + 1].kind == SqlToken::LParen => {
                    let close = view
                        .matching_paren(cast + 1)
                        .unwrap_or(view.tokens.len() - 1);
                    cast..close + 1
                }
                _ => operand_tokens.clone(),
            }
        };
        let _ = whole;
        // `CAST(…)` ends with its `)`, which is not the type's.
        let type_end = if double_colon {
            tokens.end
        } else {
            tokens.end - 1
        };
        let data_type_span = if type_start < type_end {
            view.token_span(type_start, type_end - 1)
        } else {
            let at = view.tokens[tokens.end - 1].span.end;
            at..at
        };
        self.model.casts.push(Cast {
            span: locate::bytes(view, &tokens),
            double_colon,
            operand: locate::bytes(view, &operand_tokens),
            data_type: data_type.to_string(),
            data_type_span,
            type_name: super::type_name::from_tokens(view, &(type_start..type_end)),
        });
    }

    /// The operator's tokens: the `words` tokens right before the right
    /// operand (and its opening parentheses).
    fn binary(
        &mut self,
        whole: &SqlExpr,
        spelling: &str,
        left: &SqlExpr,
        right: &SqlExpr,
        words: usize,
    ) {
        let Some(start) = self.start_of(whole) else {
            return;
        };
        self.starts.insert(key(left), start);
        let Some(right_tokens) = self.tokens_of_expr(right) else {
            return;
        };
        let Some(operator_last) = self.before_parens(right_tokens.start) else {
            return;
        };
        let Some(operator_first) = (operator_last + 1).checked_sub(words) else {
            return;
        };
        let span = self.view.token_span(operator_first, operator_last);
        let mut operands = Vec::new();
        if operator_first > start {
            // Balanced by construction: it starts where the whole expression
            // does. (Balancing it again would be quadratic on a long chain.)
            let left_tokens = start..operator_first;
            operands.push(locate::bytes(self.view, &left_tokens));
        }
        operands.push(locate::bytes(self.view, &right_tokens));
        self.model.operators.push(Operator {
            spelling: spelling.to_string(),
            span,
            arity: Arity::Binary,
            operands,
        });
    }

    /// SQLite's `a IS [NOT] b` (`IS NULL` and the like are other nodes).
    fn is_comparison(&mut self, op: &BinaryOperator, right: &SqlExpr) {
        let negated = match op {
            BinaryOperator::Is => false,
            BinaryOperator::IsNot => true,
            _ => return,
        };
        let found = self
            .tokens_of_expr(right)
            .and_then(|operand| super::is_comparison::from_operand(self.view, negated, operand));
        self.model.is_comparisons.extend(found);
    }

    fn unary(&mut self, whole: &SqlExpr, op: UnaryOperator, operand: &SqlExpr) {
        let Some(operand_tokens) = self.tokens_of_expr(operand) else {
            return;
        };
        let view = self.view;
        let operator = if op == UnaryOperator::PGPostfixFactorial {
            Some(operand_tokens.end).filter(|&i| i < view.tokens.len())
        } else {
            self.before_parens(operand_tokens.start)
        };
        let Some(operator) = operator else {
            return;
        };
        let _ = whole;
        self.model.operators.push(Operator {
            spelling: op.to_string().trim().to_string(),
            span: view.tokens[operator].span.clone(),
            arity: Arity::Unary,
            operands: vec![locate::bytes(view, &operand_tokens)],
        });
    }

    fn pattern_match(
        &mut self,
        whole: &SqlExpr,
        (kind, escape): (MatchKind, bool),
        negated: bool,
        subject: &SqlExpr,
        pattern: &SqlExpr,
    ) {
        let Some(start) = self.start_of(whole) else {
            return;
        };
        self.starts.insert(key(subject), start);
        let (Some(subject_tokens), Some(pattern_tokens)) =
            (self.tokens_of_expr(subject), self.tokens_of_expr(pattern))
        else {
            return;
        };
        let Some(last) = self.before_parens(pattern_tokens.start) else {
            return;
        };
        // `NOT LIKE`, `SIMILAR TO`, `NOT SIMILAR TO`: the words before the pattern.
        let words = match kind {
            MatchKind::SimilarTo => 2,
            _ => 1,
        } + usize::from(negated);
        let Some(first) = (last + 1).checked_sub(words) else {
            return;
        };
        self.model.matches.push(PatternMatch {
            kind,
            negated,
            operator: self.view.token_span(first, last),
            keyword: self.view.token_span(first + usize::from(negated), last),
            subject: self.expr(subject, subject_tokens),
            pattern: self.expr(pattern, pattern_tokens),
            escape,
        });
    }

    /// The index of the token before `first` and the `(`s right before it.
    fn before_parens(&self, first: usize) -> Option<usize> {
        let mut i = first.checked_sub(1)?;
        while self.view.tokens[i].kind == SqlToken::LParen {
            i = i.checked_sub(1)?;
        }
        Some(i)
    }

    fn start_of(&self, expr: &SqlExpr) -> Option<usize> {
        match self.starts.get(&key(expr)) {
            Some(&start) => Some(start),
            None => tokens_of(self.view, expr.span()).map(|t| t.start),
        }
    }

    /// An operand as the model names it.
    fn expr(&self, expr: &SqlExpr, tokens: Range<usize>) -> Expr {
        let span = locate::bytes(self.view, &tokens);
        let kind = match unnested(expr) {
            SqlExpr::Value(v) => match &v.value {
                Value::SingleQuotedString(s)
                | Value::EscapedStringLiteral(s)
                | Value::NationalStringLiteral(s) => ExprKind::String(s.clone()),
                Value::Placeholder(_) => ExprKind::Placeholder,
                Value::Number(..) => ExprKind::Number,
                _ => ExprKind::Other,
            },
            SqlExpr::Identifier(_) | SqlExpr::CompoundIdentifier(_) => ExprKind::Name,
            SqlExpr::Function(function) => {
                let name = function
                    .name
                    .0
                    .last()
                    .and_then(|p| p.as_ident())
                    .map_or(String::new(), |i| i.value.to_ascii_lowercase());
                ExprKind::Call(name, self.arguments(function, span.end))
            }
            SqlExpr::UnaryOp {
                op: UnaryOperator::Minus | UnaryOperator::Plus,
                expr: operand,
            } if matches!(
                operand.as_ref(),
                SqlExpr::Value(ValueWithSpan {
                    value: Value::Number(..),
                    ..
                })
            ) =>
            {
                ExprKind::Number
            }
            SqlExpr::Array(_) => ExprKind::Array,
            concat @ SqlExpr::BinaryOp {
                op: BinaryOperator::StringConcat,
                ..
            } => {
                let parts = concat_parts(concat)
                    .into_iter()
                    .filter_map(|part| Some(self.expr(part, tokens_of(self.view, part.span())?)))
                    .collect();
                ExprKind::Concat(parts)
            }
            _ => ExprKind::Other,
        };
        Expr { span, kind }
    }

    /// A call's arguments as the tree holds them (see `Call::args`); where
    /// one has no span (`*`), the tokens between its commas say where.
    fn call_arguments(
        &self,
        function: &sqlparser::ast::Function,
        inside: Range<usize>,
    ) -> Vec<Expr> {
        let close = self.view.tokens[inside.end].span.start;
        let mut args: Vec<Expr> = self
            .arguments(function, close)
            .into_iter()
            .map(shallow)
            .collect();
        let pieces: Vec<Range<usize>> = self
            .view
            .split_top_level(inside)
            .into_iter()
            .filter(|piece| !piece.is_empty())
            .collect();
        if pieces.len() == args.len() {
            for (arg, piece) in args.iter_mut().zip(pieces) {
                if arg.span.is_empty() {
                    arg.span = locate::bytes(self.view, &piece);
                }
            }
        }
        args
    }

    /// A call's tokens through its `)`: sqlparser's span of `count(*)`
    /// ends with the name (a wildcard has no span).
    fn through_call_parens(&self, expr: &SqlExpr, tokens: Range<usize>) -> Range<usize> {
        let opens = self
            .view
            .tokens
            .get(tokens.end)
            .is_some_and(|t| t.kind == SqlToken::LParen);
        match self.view.matching_paren(tokens.end) {
            Some(close) if opens && matches!(expr, SqlExpr::Function(_)) => tokens.start..close + 1,
            _ => tokens,
        }
    }

    /// Every argument of the call; one the tokens cannot locate (`*`) is
    /// `Other`, at byte `at`.
    fn arguments(&self, function: &sqlparser::ast::Function, at: usize) -> Vec<Expr> {
        let FunctionArguments::List(list) = &function.args else {
            return Vec::new();
        };
        let unlocated = || Expr {
            span: at..at,
            kind: ExprKind::Other,
        };
        list.args
            .iter()
            .map(|arg| match arg {
                FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => self
                    .tokens_of_expr(e)
                    .map(|tokens| self.through_call_parens(e, tokens))
                    .map_or_else(unlocated, |tokens| self.expr(e, tokens)),
                other => tokens_of(self.view, other.span()).map_or_else(unlocated, |tokens| Expr {
                    span: locate::bytes(self.view, &tokens),
                    kind: ExprKind::Other,
                }),
            })
            .collect()
    }
}

/// `expr` as a call's argument: a call among it keeps its name only (see
/// `Call::args`).
fn shallow(expr: Expr) -> Expr {
    let kind = match expr.kind {
        ExprKind::Call(name, _) => ExprKind::Call(name, Vec::new()),
        ExprKind::Concat(parts) => ExprKind::Concat(parts.into_iter().map(shallow).collect()),
        kind => kind,
    };
    Expr { kind, ..expr }
}

fn unnested(mut expr: &SqlExpr) -> &SqlExpr {
    while let SqlExpr::Nested(inner) = expr {
        expr = inner;
    }
    expr
}

/// The terms of `a || b || c`, left to right.
fn concat_parts(expr: &SqlExpr) -> Vec<&SqlExpr> {
    let mut parts = Vec::new();
    let mut rest = vec![expr];
    while let Some(e) = rest.pop() {
        match unnested(e) {
            SqlExpr::BinaryOp {
                left,
                op: BinaryOperator::StringConcat,
                right,
            } => {
                rest.push(right);
                rest.push(left);
            }
            other => parts.push(other),
        }
    }
    parts
}

/// A span whose end is the expression's end, found without walking a left
/// chain: the rightmost operand's span.
fn expr_end_span(mut expr: &SqlExpr) -> Option<sqlparser::tokenizer::Span> {
    loop {
        match expr {
            SqlExpr::BinaryOp { right, .. } => expr = right,
            _ => return Some(expr.span()),
        }
    }
}

fn identifier(view: &StatementTokens, ident: &sqlparser::ast::Ident) -> Option<Identifier> {
    Some(Identifier {
        span: view.file.range(ident.span).filter(|s| !s.is_empty())?,
        value: ident.value.clone(),
        quote: ident.quote_style,
    })
}

/// Columns, table constraints and ALTER actions: what the tree holds,
/// where the tokens put it.
fn definitions(view: &StatementTokens, ast: &Statement, model: &mut Model) {
    match ast {
        Statement::CreateTable(table) => {
            model.table_options = super::table_options::from_ast(view, table);
            let located: Vec<(usize, &sqlparser::ast::ColumnDef)> = table
                .columns
                .iter()
                .filter_map(|c| Some((view.token_at(view.file.range(c.name.span)?.start)?, c)))
                .collect();
            let names: Vec<usize> = located.iter().map(|(name, _)| *name).collect();
            for element in fallback::create_table_element_ranges(view) {
                // SQLite's dialect reads `(LIKE other)` as a column named LIKE:
                // the model keeps PostgreSQL's reading, as the fallback does.
                let column = names
                    .contains(&element.start)
                    .then(|| fallback::column_at(view, element.clone(), false))
                    .flatten();
                if let Some(mut column) = column {
                    let tree = located.iter().find(|(name, _)| *name == element.start);
                    if let (Some(data_type), Some((_, tree))) = (&mut column.column_type, tree) {
                        data_type.with_time_zone =
                            super::column_type::with_time_zone(&tree.data_type);
                    }
                    if let Some((_, tree)) = tree {
                        super::default_value::read_tree(&mut column, tree);
                    }
                    model.columns.push(column);
                } else if names.contains(&element.start)
                    || !table.constraints.is_empty()
                    || table.like.is_some()
                {
                    model
                        .table_constraints
                        .extend(fallback::table_constraint_at(view, element));
                }
            }
        }
        Statement::AlterTable(alter) => {
            let Some(mut located) = fallback::alter_table(view) else {
                return;
            };
            if located.actions.len() == alter.operations.len() {
                for (action, operation) in located.actions.iter_mut().zip(&alter.operations) {
                    action.kind = action_kind(operation);
                    action.guard = fallback::guard(view, action.kind, &action.tokens);
                    action.change_words = (action.kind == ActionKind::AlterColumn)
                        .then(|| fallback::column_change_words(view, &action.tokens));
                    action.column_change = column_change(operation);
                    action.constraint_change = constraint_change(operation);
                    action.renames_column =
                        matches!(operation, AlterTableOperation::RenameColumn { .. });
                }
            }
            let agrees = located.actions.len() == alter.operations.len();
            for (n, action) in located.actions.iter().enumerate() {
                if action.kind != ActionKind::AddColumn {
                    continue;
                }
                let start = fallback::added_column_start(view, &action.tokens);
                let Some(mut column) = fallback::column_at(view, start..action.tokens.end, true)
                else {
                    continue;
                };
                let tree = agrees
                    .then(|| match &alter.operations[n] {
                        AlterTableOperation::AddColumn { column_def, .. } => Some(column_def),
                        _ => None,
                    })
                    .flatten();
                if let (Some(data_type), Some(tree)) = (&mut column.column_type, tree) {
                    data_type.with_time_zone = super::column_type::with_time_zone(&tree.data_type);
                }
                if let Some(tree) = tree {
                    super::default_value::read_tree(&mut column, tree);
                }
                model.columns.push(column);
            }
            model.table_constraints = fallback::added_constraints(view, &located);
            model.alter_table = Some(located);
        }
        Statement::CreateIndex(index) => {
            model.create_index = super::create_index::from_ast(view, index);
        }
        _ => {}
    }
}

fn action_kind(operation: &AlterTableOperation) -> ActionKind {
    use AlterTableOperation as Op;
    match operation {
        Op::AddColumn { .. } => ActionKind::AddColumn,
        Op::DropColumn { .. } => ActionKind::DropColumn,
        Op::RenameColumn { .. } | Op::RenameTable { .. } => ActionKind::Rename,
        Op::AddConstraint { .. }
        | Op::DropConstraint { .. }
        | Op::ValidateConstraint { .. }
        | Op::RenameConstraint { .. }
        | Op::DropPrimaryKey { .. }
        | Op::DropForeignKey { .. } => ActionKind::Constraint,
        Op::AlterColumn { .. } => ActionKind::AlterColumn,
        Op::EnableTrigger { .. }
        | Op::DisableTrigger { .. }
        | Op::EnableAlwaysTrigger { .. }
        | Op::EnableReplicaTrigger { .. } => ActionKind::TriggerToggle,
        _ => ActionKind::Other,
    }
}

fn column_change(operation: &AlterTableOperation) -> Option<ColumnChange> {
    use sqlparser::ast::AlterColumnOperation as Op;
    let AlterTableOperation::AlterColumn { op, .. } = operation else {
        return None;
    };
    Some(match op {
        Op::SetDataType { .. } => ColumnChange::Type,
        Op::SetDefault { .. } => ColumnChange::SetDefault,
        Op::DropDefault => ColumnChange::DropDefault,
        Op::SetNotNull => ColumnChange::SetNotNull,
        Op::DropNotNull => ColumnChange::DropNotNull,
        _ => ColumnChange::Other,
    })
}

fn constraint_change(operation: &AlterTableOperation) -> Option<ConstraintChange> {
    use sqlparser::ast::TableConstraint;
    Some(match operation {
        AlterTableOperation::AddConstraint {
            constraint: TableConstraint::Check(_),
            ..
        } => ConstraintChange::AddCheck,
        AlterTableOperation::AddConstraint { .. } => ConstraintChange::Add,
        AlterTableOperation::DropConstraint { .. } => ConstraintChange::Drop,
        AlterTableOperation::ValidateConstraint { .. }
        | AlterTableOperation::RenameConstraint { .. }
        | AlterTableOperation::DropPrimaryKey { .. }
        | AlterTableOperation::DropForeignKey { .. } => ConstraintChange::Other,
        _ => return None,
    })
}
