//! Which rules need to look at a statement at all.
//!
//! A rule that declares `triggers` (keywords such as `PRAGMA` or `TRIGGER`)
//! only runs on statements containing one of them as an unquoted word; the
//! statement's keywords are collected once, so with many rules a statement
//! costs one pass over its tokens plus a bit test per rule.

use sqlparser::keywords::{ALL_KEYWORDS_INDEX, Keyword};
use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::lexer::Token;

/// The unquoted keywords of one statement, as a bit set.
pub struct KeywordSet {
    bits: [u64; WORDS],
}

/// `NoKeyword` is 0; every other keyword follows in declaration order.
const WORDS: usize = (ALL_KEYWORDS_INDEX.len() + 1).div_ceil(64);

impl KeywordSet {
    pub fn of(tokens: &[Token]) -> Self {
        let mut bits = [0u64; WORDS];
        for token in tokens {
            if let SqlToken::Word(word) = &token.kind
                && word.quote_style.is_none()
            {
                let i = word.keyword as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        KeywordSet { bits }
    }

    pub fn contains(&self, keyword: Keyword) -> bool {
        let i = keyword as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Whether a rule with these `triggers` must run: it declares none, or
    /// one is present.
    pub fn admits(&self, triggers: &[Keyword]) -> bool {
        triggers.is_empty() || triggers.iter().any(|&k| self.contains(k))
    }
}

/// A list of words, matched against unquoted word tokens as
/// `ctx.is_word(i, w)` matches each, but with a bit test for the words that
/// are sqlparser keywords (its keyword lookup is ASCII case-insensitive, so a
/// token's keyword is `K` exactly when its text spells `K`).
pub struct WordSet {
    keywords: KeywordSet,
    /// The words sqlparser does not know as keywords (`analyse`).
    others: Vec<&'static str>,
}

impl WordSet {
    pub fn new(words: &[&'static str]) -> Self {
        let mut keywords = KeywordSet { bits: [0; WORDS] };
        let mut others = Vec::new();
        for &word in words {
            match SqlToken::make_keyword(word) {
                SqlToken::Word(w) if w.keyword != Keyword::NoKeyword => {
                    let i = w.keyword as usize;
                    keywords.bits[i / 64] |= 1 << (i % 64);
                }
                _ => others.push(word),
            }
        }
        WordSet { keywords, others }
    }

    /// Whether `token` is an unquoted word of the set.
    pub fn matches(&self, token: &Token) -> bool {
        match &token.kind {
            SqlToken::Word(w) if w.quote_style.is_none() => match w.keyword {
                Keyword::NoKeyword => self.others.iter().any(|o| o.eq_ignore_ascii_case(&w.value)),
                keyword => self.keywords.contains(keyword),
            },
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::file::SourceFile;
    use crate::syntax::dialect::lint_dialect;
    use crate::syntax::lexer::lex;

    fn set(sql: &str) -> KeywordSet {
        let file = SourceFile::new("t.sql", sql);
        KeywordSet::of(&lex(&file, 0..sql.len(), lint_dialect()).tokens)
    }

    #[test]
    fn finds_unquoted_keywords_only() {
        let s = set("pragma \"trigger\", 'begin', zebra");
        assert!(s.contains(Keyword::PRAGMA));
        assert!(!s.contains(Keyword::TRIGGER));
        assert!(!s.contains(Keyword::BEGIN));
        assert!(s.contains(Keyword::NoKeyword));
        let last = *ALL_KEYWORDS_INDEX.last().unwrap();
        assert!(!s.contains(last));
    }

    /// Triggers and `WordSet` rest on this: an unquoted word spells a
    /// keyword (ASCII case-insensitively) exactly when sqlparser tags it so.
    #[test]
    fn a_word_spells_a_keyword_exactly_when_tagged_with_it() {
        let sql = "select SeLeCt \"select\" ſelect selectx table analyse";
        let file = SourceFile::new("t.sql", sql);
        let tokens = lex(&file, 0..sql.len(), lint_dialect()).tokens;
        for token in &tokens {
            let SqlToken::Word(w) = &token.kind else {
                continue;
            };
            for (name, keyword) in [("SELECT", Keyword::SELECT), ("TABLE", Keyword::TABLE)] {
                let spelled = w.quote_style.is_none() && w.value.eq_ignore_ascii_case(name);
                assert_eq!(spelled, w.keyword == keyword, "{}", w.value);
            }
        }
        let set = WordSet::new(&["select", "analyse"]);
        let matched: Vec<&str> = tokens
            .iter()
            .filter(|t| set.matches(t))
            .map(|t| &sql[t.span.clone()])
            .collect();
        assert_eq!(matched, ["select", "SeLeCt", "analyse"]);
    }

    #[test]
    fn rules_without_triggers_always_run() {
        let select = set("SELECT 1");
        assert!(select.admits(&[]));
        assert!(!select.admits(&[Keyword::PRAGMA]));
        assert!(set("PRAGMA x = 1").admits(&[Keyword::PRAGMA]));
    }
}
