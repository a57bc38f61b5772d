//! Which rules need to look at a statement at all.
//!
//! A rule that declares `triggers` (keywords such as `PRAGMA` or `TRIGGER`)
//! only runs on statements containing one of them as an unquoted word; the
//! statement's keywords are collected once, so with many rules a statement
//! costs one pass over its tokens plus a bit test per rule.

use sqlparser::keywords::{ALL_KEYWORDS_INDEX, Keyword};
use sqlparser::tokenizer::Token as SqlToken;

use crate::lexer::Token;
use crate::rules::Rule;

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

    /// Whether `rule` must run: it declares no triggers, or one is present.
    pub fn admits(&self, rule: &Rule) -> bool {
        rule.triggers.is_empty() || rule.triggers.iter().any(|&k| self.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::lint_dialect;
    use crate::lexer::lex;
    use crate::source::SourceFile;

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

    #[test]
    fn rules_without_triggers_always_run() {
        static ANY: Rule = Rule::DEFAULT;
        static PRAGMA_ONLY: Rule = Rule {
            triggers: &[Keyword::PRAGMA],
            ..Rule::DEFAULT
        };
        let select = set("SELECT 1");
        assert!(select.admits(&ANY));
        assert!(!select.admits(&PRAGMA_ONLY));
        assert!(set("PRAGMA x = 1").admits(&PRAGMA_ONLY));
    }
}
