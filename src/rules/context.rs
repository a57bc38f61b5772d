//! What a rule sees of one statement, and the helpers rules share.

use std::cell::OnceCell;
use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Expr, Statement, visit_expressions};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::project::targets::Targets;
use crate::sources::file::SourceFile;
use crate::syntax::dialect::ParseDialect;
use crate::syntax::lexer::Token;

/// One statement: its tokens (no whitespace or comments), its byte span and,
/// when some dialect parsed it, its AST and that dialect.
pub struct StatementCtx<'a> {
    pub file: &'a SourceFile,
    pub tokens: &'a [Token],
    pub span: Range<usize>,
    pub ast: Option<&'a Statement>,
    /// The dialect that parsed `ast` (the first of SQLite, PostgreSQL, generic that could).
    pub dialect: Option<ParseDialect>,
    /// The engines and versions the migrations must run on.
    pub targets: &'a Targets,
    // Views several rules share, computed once per statement on first use.
    columns: OnceCell<Vec<crate::syntax::columns::ColumnDef>>,
    calls: OnceCell<Vec<FunctionCall>>,
}

/// A call `name(…)` found in a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionCall {
    /// The unqualified name, lower-cased.
    pub name: String,
    pub name_span: Range<usize>,
    /// From the name to the closing parenthesis.
    pub span: Range<usize>,
    /// Token indices between the parentheses (`None` without a closing `)`).
    pub arguments: Option<Range<usize>>,
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
            file,
            tokens,
            span,
            ast: parsed.map(|(ast, _)| ast),
            dialect: parsed.map(|(_, dialect)| dialect),
            targets,
            columns: OnceCell::new(),
            calls: OnceCell::new(),
        }
    }

    pub fn text(&self, span: &Range<usize>) -> &'a str {
        &self.file.text[span.clone()]
    }

    /// The keyword of token `i` when it is an unquoted word.
    pub fn keyword(&self, i: usize) -> Option<Keyword> {
        keyword(self.tokens.get(i)?)
    }

    /// Whether the statement opens with these keywords, in order.
    pub fn starts_with(&self, keywords: &[Keyword]) -> bool {
        keywords.len() <= self.tokens.len()
            && keywords
                .iter()
                .enumerate()
                .all(|(i, k)| self.keyword(i) == Some(*k))
    }

    /// Index of the `(` that the `)` at `close` closes.
    pub fn opening_paren(&self, close: usize) -> Option<usize> {
        let mut depth = 0usize;
        for i in (0..=close.min(self.tokens.len().checked_sub(1)?)).rev() {
            match self.tokens[i].kind {
                SqlToken::RParen => depth += 1,
                SqlToken::LParen => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Index of the token that closes the parenthesis opened at `open`.
    pub fn matching_paren(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (i, token) in self.tokens.iter().enumerate().skip(open) {
            match token.kind {
                SqlToken::LParen => depth += 1,
                SqlToken::RParen => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// For each `(` token, the index of its `)`, as `matching_paren` finds it.
    fn paren_partners(&self) -> Vec<Option<usize>> {
        let mut partners = vec![None; self.tokens.len()];
        let mut open = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            match token.kind {
                SqlToken::LParen => open.push(i),
                SqlToken::RParen => {
                    if let Some(start) = open.pop() {
                        partners[start] = Some(i);
                    }
                }
                _ => {}
            }
        }
        partners
    }

    /// Index of the token starting at byte `offset`.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        self.tokens
            .binary_search_by_key(&offset, |t| t.span.start)
            .ok()
    }

    /// The text of token `i` when it is an unquoted word (a keyword or a bare name).
    pub fn bare_word(&self, i: usize) -> Option<&'a str> {
        match &self.tokens.get(i)?.kind {
            SqlToken::Word(w) if w.quote_style.is_none() => {
                Some(&self.file.text[self.tokens[i].span.clone()])
            }
            _ => None,
        }
    }

    /// Whether tokens `i` and `i + 1` touch, with nothing between them (`:name`).
    pub fn adjacent(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    /// Byte span of tokens `first..=last`.
    pub fn token_span(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].span.start..self.tokens[last].span.end
    }

    /// Whether token `i` is the unquoted word `word` (ASCII case-insensitive),
    /// whether or not sqlparser knows it as a keyword.
    pub fn is_word(&self, i: usize, word: &str) -> bool {
        matches!(self.tokens.get(i).map(|t| &t.kind),
            Some(SqlToken::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(word))
    }

    /// Whether the unquoted words `words` follow each other from token `i`.
    pub fn words_at(&self, i: usize, words: &[&str]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| self.is_word(i + k, w))
    }

    /// The first token index in `range` where `words` start.
    pub fn find_words(&self, range: Range<usize>, words: &[&str]) -> Option<usize> {
        range.into_iter().find(|&i| self.words_at(i, words))
    }

    /// For `CREATE|ALTER|DROP [OR REPLACE] [TEMP|UNIQUE|…] <kind>`, the index
    /// of the object kind word (`TABLE`, `INDEX`, `FUNCTION`…).
    pub fn ddl_object_kind(&self) -> Option<usize> {
        if !matches!(
            self.keyword(0),
            Some(Keyword::CREATE | Keyword::ALTER | Keyword::DROP)
        ) {
            return None;
        }
        const MODIFIERS: [&str; 10] = [
            "OR",
            "REPLACE",
            "TEMP",
            "TEMPORARY",
            "UNIQUE",
            "UNLOGGED",
            "GLOBAL",
            "LOCAL",
            "TRUSTED",
            "RECURSIVE",
        ];
        (1..self.tokens.len().min(6)).find(|&i| !MODIFIERS.iter().any(|m| self.is_word(i, m)))
    }

    /// For `CREATE [modifiers] <kind>` (`kind` = `INDEX`, `TABLE`…), the index of the kind word.
    pub fn creates(&self, kind: &str) -> Option<usize> {
        let index = self.ddl_object_kind()?;
        (self.keyword(0) == Some(Keyword::CREATE) && self.is_word(index, kind)).then_some(index)
    }

    /// Splits token indices `range` at commas outside parentheses and brackets.
    pub fn split_top_level(&self, range: Range<usize>) -> Vec<Range<usize>> {
        crate::syntax::columns::split_top_level(self, range)
    }

    /// `ALTER TABLE name action, action…`, when the statement is one.
    pub fn alter_table(&self) -> Option<crate::syntax::alter_table::AlterTable> {
        crate::syntax::alter_table::alter_table(self)
    }

    /// The statement's column definitions (`CREATE TABLE`, `ALTER TABLE … ADD`).
    pub fn column_definitions(&self) -> &[crate::syntax::columns::ColumnDef] {
        self.columns
            .get_or_init(|| crate::syntax::columns::column_definitions(self))
    }

    /// Every function call of the statement: from the AST when it parsed
    /// (so a column named `date` is never a call), else from the tokens.
    pub fn function_calls(&self) -> &[FunctionCall] {
        self.calls.get_or_init(|| match self.ast {
            Some(ast) => self.ast_function_calls(ast),
            None => self.token_function_calls(),
        })
    }

    fn ast_function_calls(&self, ast: &Statement) -> Vec<FunctionCall> {
        let mut calls = Vec::new();
        let _ = visit_expressions(ast, |expr| {
            if let Expr::Function(function) = expr {
                let ident = function.name.0.last().and_then(|part| part.as_ident());
                if let Some(ident) = ident
                    && let Some(call) = self.call_at(&ident.value, self.file.range(ident.span))
                {
                    calls.push(call);
                }
            }
            ControlFlow::<()>::Continue(())
        });
        calls
    }

    /// A call whose name token starts where `name_span` does, extended to its `)`.
    fn call_at(&self, name: &str, name_span: Option<Range<usize>>) -> Option<FunctionCall> {
        self.call_closed_by(name, name_span, |open| self.matching_paren(open))
    }

    /// `call_at` with the way to find the `(`'s partner supplied.
    fn call_closed_by(
        &self,
        name: &str,
        name_span: Option<Range<usize>>,
        closing: impl FnOnce(usize) -> Option<usize>,
    ) -> Option<FunctionCall> {
        let name_span = name_span?;
        let index = self.token_at(name_span.start)?;
        let close = match self.tokens.get(index + 1).map(|t| &t.kind) {
            Some(SqlToken::LParen) => closing(index + 1),
            _ => None,
        };
        let end = match close {
            Some(close) => self.tokens[close].span.end,
            // An unclosed call runs to the statement's end.
            None if self
                .tokens
                .get(index + 1)
                .is_some_and(|t| t.kind == SqlToken::LParen) =>
            {
                self.span.end
            }
            None => name_span.end,
        };
        Some(FunctionCall {
            name: name.to_ascii_lowercase(),
            span: name_span.start..end,
            name_span,
            arguments: close.map(|close| index + 2..close),
        })
    }

    /// `word (` where the word is not a name being declared or referenced
    /// (`CREATE TABLE t(`, `REFERENCES t(`, a column's `type(`).
    fn token_function_calls(&self) -> Vec<FunctionCall> {
        // One pass for every pair: `matching_paren` per call would be
        // quadratic on deeply nested calls (which sqlparser cannot parse).
        let closers = self.paren_partners();
        let mut calls = Vec::new();
        for (i, pair) in self.tokens.windows(2).enumerate() {
            let (SqlToken::Word(word), SqlToken::LParen) = (&pair[0].kind, &pair[1].kind) else {
                continue;
            };
            if word.quote_style.is_some() || !self.is_call_position(i) {
                continue;
            }
            let name_span = Some(pair[0].span.clone());
            if let Some(call) = self.call_closed_by(&word.value, name_span, |open| closers[open]) {
                calls.push(call);
            }
        }
        calls
    }

    fn is_call_position(&self, name_index: usize) -> bool {
        let Some(previous) = name_index.checked_sub(1).map(|i| &self.tokens[i]) else {
            return true;
        };
        match &previous.kind {
            SqlToken::Word(w) if w.quote_style.is_some() => false,
            SqlToken::Word(w) => !matches!(
                w.keyword,
                Keyword::NoKeyword
                    | Keyword::TABLE
                    | Keyword::INTO
                    | Keyword::REFERENCES
                    | Keyword::ON
                    | Keyword::INDEX
                    | Keyword::VIEW
                    | Keyword::TRIGGER
                    | Keyword::FUNCTION
                    | Keyword::PROCEDURE
                    | Keyword::EXISTS
                    | Keyword::KEY
                    | Keyword::USING
            ),
            SqlToken::Period => false,
            _ => true,
        }
    }
}

/// The keyword of a token when it is an unquoted word.
pub fn keyword(token: &Token) -> Option<Keyword> {
    match &token.kind {
        SqlToken::Word(w) if w.quote_style.is_none() => Some(w.keyword),
        _ => None,
    }
}

/// `name` as a double-quoted identifier, the spelling both engines accept.
pub fn double_quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
