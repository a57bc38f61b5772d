//! A type as written where a column or a `CAST(… AS type)` declares it: the
//! words that name it (`double precision`, `int unsigned`), and the first
//! `( … )` after them (`VARCHAR(10)`, `INT(11)`). sqlparser gives a data
//! type no span, so both builders read the type's tokens, which each has
//! already located (a column definition's type, a cast's type after `AS`).

use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use super::words::AFTER_A_TYPE_NAME;
use crate::syntax::statement::StatementTokens;

/// A type named by bare words: built in or user-defined, but neither quoted
/// nor schema-qualified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    /// The words outside parentheses, lower-cased, one space apart
    /// (`double precision`), up to `ARRAY`, `COMPRESSION` or `STORAGE`.
    pub name: String,
    /// How many words `name` has.
    pub words: usize,
    /// The first word.
    pub first_word: Range<usize>,
    /// From the first word to the type's last token (`TIMESTAMP(3) WITH TIME ZONE`).
    pub span: Range<usize>,
    /// The type's first `( … )`.
    pub modifiers: Option<Modifiers>,
}

/// A type's first `( … )`, a length or precision (`VARCHAR(10)`, `INT(11)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modifiers {
    /// From the first word to the `)` (`INT(11)`).
    pub span: Range<usize>,
    /// From the first word to the word before the `(` (`INT`).
    pub before: Range<usize>,
    /// What removing the parentheses removes: from the end of the word
    /// before them to the `)` (`(11)`, and any space before it).
    pub removal: Range<usize>,
}

/// The type written in `tokens`; `None` when it has no bare word, or is
/// quoted (`"my type"`) or schema-qualified (`app.status`): a type a user
/// defined.
pub(super) fn from_tokens(view: &StatementTokens, tokens: &Range<usize>) -> Option<TypeName> {
    let words = name_words(view, tokens)?;
    let (&first, &last) = (words.first()?, words.last()?);
    let name = words
        .iter()
        .map(|&i| view.text(&view.tokens[i].span).to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let type_end = (tokens.end - 1).max(last);
    Some(TypeName {
        name,
        words: words.len(),
        first_word: view.tokens[first].span.clone(),
        span: view.token_span(first, type_end),
        modifiers: modifiers(view, tokens, first),
    })
}

/// The bare words that name the type, outside its parentheses; `None` when
/// a word is quoted or a period qualifies the name.
fn name_words(view: &StatementTokens, tokens: &Range<usize>) -> Option<Vec<usize>> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    for i in tokens.clone() {
        match &view.tokens[i].kind {
            SqlToken::LParen | SqlToken::LBracket => depth += 1,
            SqlToken::RParen | SqlToken::RBracket => depth = depth.saturating_sub(1),
            SqlToken::Period => return None,
            // `text[]` reaches us as a bracket-quoted empty name.
            SqlToken::Word(w) if depth == 0 && w.quote_style == Some('[') => {}
            SqlToken::Word(w) if depth == 0 && w.quote_style.is_some() => return None,
            SqlToken::Word(w) if depth == 0 => {
                if AFTER_A_TYPE_NAME
                    .iter()
                    .any(|a| w.value.eq_ignore_ascii_case(a))
                {
                    break;
                }
                words.push(i);
            }
            _ => {}
        }
    }
    Some(words)
}

/// The first `( … )` of the type, when it closes.
fn modifiers(view: &StatementTokens, tokens: &Range<usize>, first: usize) -> Option<Modifiers> {
    let open = tokens
        .clone()
        .find(|&i| view.tokens[i].kind == SqlToken::LParen)?;
    let close = view.matching_paren(open)?;
    let before = open.checked_sub(1).filter(|&b| b >= first)?;
    Some(Modifiers {
        span: view.token_span(first, close),
        before: view.token_span(first, before),
        removal: view.tokens[before].span.end..view.tokens[close].span.end,
    })
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// A type's name, word count, span text, and its modifiers' `before`
    /// and `removal` text.
    type Seen = (String, usize, String, Option<(String, String)>);

    /// Each column's and cast's type.
    fn types(sql: &str) -> [Vec<Seen>; 2] {
        let seen = |m: &Model| {
            let named = m.columns.iter().filter_map(|c| c.type_name.as_ref());
            let cast = m.casts.iter().filter_map(|c| c.type_name.as_ref());
            named
                .chain(cast)
                .map(|t| {
                    let modifiers = t.modifiers.as_ref().map(|m| {
                        (
                            sql[m.before.clone()].to_string(),
                            sql[m.removal.clone()].to_string(),
                        )
                    });
                    (
                        t.name.clone(),
                        t.words,
                        sql[t.span.clone()].to_string(),
                        modifiers,
                    )
                })
                .collect()
        };
        both_models(sql, seen)
    }

    #[test]
    fn names_a_types_words_and_its_parentheses() {
        let sql = "CREATE TABLE t (a DOUBLE PRECISION NOT NULL, b INT (11), c TIMESTAMP(3) WITH TIME ZONE, d text[], e varchar(255) ARRAY)";
        let expected = vec![
            (
                "double precision".to_string(),
                2,
                "DOUBLE PRECISION".to_string(),
                None,
            ),
            (
                "int".into(),
                1,
                "INT (11)".into(),
                Some(("INT".into(), " (11)".into())),
            ),
            (
                "timestamp with time zone".into(),
                4,
                "TIMESTAMP(3) WITH TIME ZONE".into(),
                Some(("TIMESTAMP".into(), "(3)".into())),
            ),
            ("text".into(), 1, "text[]".into(), None),
            (
                "varchar".into(),
                1,
                "varchar(255) ARRAY".into(),
                Some(("varchar".into(), "(255)".into())),
            ),
        ];
        assert_eq!(types(sql), [expected.clone(), expected]);
    }

    #[test]
    fn names_cast_types_and_skips_user_defined_ones() {
        let sql = "SELECT CAST(x AS DATETIME), CAST(y AS app.status), CAST(z AS \"My Type\"), w::BLOB FROM t";
        let expected = vec![
            ("datetime".to_string(), 1, "DATETIME".to_string(), None),
            ("blob".into(), 1, "BLOB".into(), None),
        ];
        assert_eq!(types(sql), [expected.clone(), expected]);
    }
}
