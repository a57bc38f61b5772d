//! One statement's tokens and the token-level questions every later stage
//! asks of them (keywords, words, parentheses, top-level commas).
//!
//! The typed model's fallback builder and the token rules read statements
//! through this view; it knows nothing of rules.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::sources::file::SourceFile;
use crate::syntax::lexer::Token;
use crate::syntax::model::words::DDL_MODIFIERS;

/// One statement: its tokens (no whitespace or comments) and its byte span.
#[derive(Clone)]
pub struct StatementTokens<'a> {
    pub file: &'a SourceFile,
    pub tokens: &'a [Token],
    pub span: Range<usize>,
}

impl<'a> StatementTokens<'a> {
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
        (1..self.tokens.len().min(6)).find(|&i| !DDL_MODIFIERS.iter().any(|m| self.is_word(i, m)))
    }

    /// For `CREATE [modifiers] <kind>` (`kind` = `INDEX`, `TABLE`…), the index of the kind word.
    pub fn creates(&self, kind: &str) -> Option<usize> {
        let index = self.ddl_object_kind()?;
        (self.keyword(0) == Some(Keyword::CREATE) && self.is_word(index, kind)).then_some(index)
    }

    /// Splits token indices `range` at commas outside parentheses and brackets.
    pub fn split_top_level(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut parts = Vec::new();
        let mut start = range.start;
        let mut depth = 0usize;
        for i in range.clone() {
            match self.tokens[i].kind {
                SqlToken::LParen | SqlToken::LBracket => depth += 1,
                SqlToken::RParen | SqlToken::RBracket => depth = depth.saturating_sub(1),
                SqlToken::Comma if depth == 0 => {
                    parts.push(start..i);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(start..range.end);
        parts
    }

    /// For each `(` token, the index of its `)`, as `matching_paren` finds it.
    pub fn paren_partners(&self) -> Vec<Option<usize>> {
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

    /// Scanning back from token `from`, the first `(` not closed before `from`.
    pub fn opening_paren_before(&self, from: usize) -> Option<usize> {
        let mut depth = 0usize;
        for i in (0..=from.min(self.tokens.len().checked_sub(1)?)).rev() {
            match self.tokens[i].kind {
                SqlToken::RParen => depth += 1,
                SqlToken::LParen if depth == 0 => return Some(i),
                SqlToken::LParen => depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// Scanning on from token `from`, the first `)` not opened after `from`.
    pub fn closing_paren_after(&self, from: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (i, token) in self.tokens.iter().enumerate().skip(from) {
            match token.kind {
                SqlToken::LParen => depth += 1,
                SqlToken::RParen if depth == 0 => return Some(i),
                SqlToken::RParen => depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// Index of the first token that starts at or after byte `offset`.
    pub fn token_from(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }

    /// Index of the last token that ends at or before byte `offset`.
    pub fn token_until(&self, offset: usize) -> Option<usize> {
        self.tokens
            .partition_point(|t| t.span.end <= offset)
            .checked_sub(1)
    }
}

/// The keyword of a token when it is an unquoted word.
pub fn keyword(token: &Token) -> Option<Keyword> {
    match &token.kind {
        SqlToken::Word(w) if w.quote_style.is_none() => Some(w.keyword),
        _ => None,
    }
}
