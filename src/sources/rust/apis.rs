//! What dal-audit knows of the Rust database crates: which calls take SQL,
//! which types belong to one engine. The one place that names them.

use proc_macro2::{TokenStream, TokenTree};

use crate::diagnostic::Engine;

/// The crates whose calls and types are database access.
pub const DATABASE_CRATES: &[&str] = &["sqlx", "rusqlite", "postgres", "tokio_postgres", "diesel"];

/// Functions taking SQL as their first argument, with the crate they come from.
pub const SQL_FUNCTIONS: &[(&str, &str)] = &[
    ("query", "sqlx"),
    ("query_as", "sqlx"),
    ("query_scalar", "sqlx"),
    ("query_with", "sqlx"),
    ("query_as_with", "sqlx"),
    ("query_scalar_with", "sqlx"),
    ("raw_sql", "sqlx"),
    ("sql_query", "diesel"),
];

/// Methods taking SQL as their first argument: rusqlite's `Connection`,
/// postgres' and tokio-postgres' `Client`. Names shared with other APIs,
/// so they count only when the literal reads as a statement.
pub const SQL_METHODS: &[&str] = &[
    "execute",
    "execute_batch",
    "prepare",
    "prepare_cached",
    "query_row",
    "query",
    "query_one",
    "query_opt",
    "batch_execute",
];

/// sqlx's query macros: the name and the position of the SQL argument.
pub const SQL_MACROS: &[(&str, usize)] = &[
    ("query", 0),
    ("query_unchecked", 0),
    ("query_as", 1),
    ("query_as_unchecked", 1),
    ("query_scalar", 0),
    ("query_scalar_unchecked", 0),
];

/// sqlx's macros reading SQL from a file: the name and the position of the path.
pub const SQL_FILE_MACROS: &[(&str, usize)] = &[
    ("query_file", 0),
    ("query_file_unchecked", 0),
    ("query_file_as", 1),
    ("query_file_as_unchecked", 1),
    ("query_file_scalar", 0),
    ("query_file_scalar_unchecked", 0),
];

/// sqlx's builder of SQL text: `QueryBuilder::new(sql)`, then `push(sql)`.
pub const QUERY_BUILDER: &str = "QueryBuilder";

/// Type names that belong to one engine whatever the path they are reached by.
pub const ENGINE_TYPES: &[(&str, Engine)] = &[
    ("SqlitePool", Engine::Sqlite),
    ("SqliteConnection", Engine::Sqlite),
    ("SqlitePoolOptions", Engine::Sqlite),
    ("SqliteConnectOptions", Engine::Sqlite),
    ("SqliteExecutor", Engine::Sqlite),
    ("SqliteRow", Engine::Sqlite),
    ("SqliteQueryResult", Engine::Sqlite),
    ("PgPool", Engine::Postgres),
    ("PgConnection", Engine::Postgres),
    ("PgPoolOptions", Engine::Postgres),
    ("PgConnectOptions", Engine::Postgres),
    ("PgExecutor", Engine::Postgres),
    ("PgRow", Engine::Postgres),
    ("PgQueryResult", Engine::Postgres),
];

/// sqlx's database markers, engine-specific when they are sqlx's (a path
/// through `sqlx`, or the argument of one of `GENERIC_HOLDERS`).
pub const DATABASE_MARKERS: &[(&str, Engine)] =
    &[("Sqlite", Engine::Sqlite), ("Postgres", Engine::Postgres)];

/// sqlx types generic over the database: `Pool<Sqlite>`, `Transaction<'_, Postgres>`.
pub const GENERIC_HOLDERS: &[&str] = &[
    "Pool",
    "PoolConnection",
    "Transaction",
    "QueryBuilder",
    "PoolOptions",
];

/// Types named through their crate: `rusqlite::Connection`, `postgres::Client`.
pub const CRATE_TYPES: &[(&str, &str, Engine)] = &[
    ("rusqlite", "Connection", Engine::Sqlite),
    ("rusqlite", "Transaction", Engine::Sqlite),
    ("postgres", "Client", Engine::Postgres),
    ("postgres", "Transaction", Engine::Postgres),
    ("tokio_postgres", "Client", Engine::Postgres),
    ("tokio_postgres", "Transaction", Engine::Postgres),
];

/// Associated functions that open a pool or a connection (`SqlitePool::connect`,
/// `rusqlite::Connection::open`, `PgConnection::establish`).
pub const CONNECTORS: &[&str] = &[
    "connect",
    "connect_with",
    "connect_lazy",
    "connect_lazy_with",
    "open",
    "open_in_memory",
    "open_with_flags",
    "establish",
];

/// sqlx's types that hold a connection to whichever engine the URL names.
pub const ANY_ENGINE_HOLDERS: &[&str] = &["AnyPool", "AnyConnection"];

/// Whether the path segment `name` (after `previous`, with `arguments`)
/// is a type holding a database connection: a pool, a connection or a
/// transaction (`SqlitePool`, `sqlx::AnyPool`, `Pool<Postgres>`,
/// `rusqlite::Connection`), not an options or row type.
pub fn holds_connection(
    previous: Option<&str>,
    name: &str,
    arguments: &syn::PathArguments,
) -> bool {
    let connection_kind =
        |n: &str| n.ends_with("Pool") || n.ends_with("Connection") || n.ends_with("Transaction");
    let names_a_database = || match arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().any(|arg| {
            matches!(arg, syn::GenericArgument::Type(syn::Type::Path(p))
            if p.path.segments.last().is_some_and(|s| {
                let marker = s.ident.to_string();
                database_marker(&marker).is_some() || marker == "Any"
            }))
        }),
        _ => false,
    };
    (engine_type(name).is_some() && connection_kind(name))
        || ANY_ENGINE_HOLDERS.contains(&name)
        || previous.is_some_and(|krate| crate_type(krate, name).is_some())
        || (GENERIC_HOLDERS.contains(&name)
            && connection_kind(name)
            && (previous == Some("sqlx") || names_a_database()))
}

/// Whether an identifier can start a database call or name a database type:
/// a file without any such identifier is not parsed further.
pub fn is_database_word(word: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut words = database_words();
        words.sort_unstable();
        words
    });
    sorted.binary_search(&word).is_ok()
}

/// Whether a database word is the name of a function, method or macro
/// (it counts only where it is called), not of a crate or type.
pub fn is_call_name(word: &str) -> bool {
    SQL_FUNCTIONS.iter().any(|(name, _)| *name == word)
        || SQL_METHODS.contains(&word)
        || SQL_MACROS.iter().any(|(name, _)| *name == word)
        || SQL_FILE_MACROS.iter().any(|(name, _)| *name == word)
}

/// The engine a type name belongs to, if it names one by itself.
pub fn engine_type(name: &str) -> Option<Engine> {
    ENGINE_TYPES
        .iter()
        .find(|(type_name, _)| *type_name == name)
        .map(|(_, engine)| *engine)
}

/// The engine of a sqlx database marker (`Sqlite`, `Postgres`).
pub fn database_marker(name: &str) -> Option<Engine> {
    DATABASE_MARKERS
        .iter()
        .find(|(marker, _)| *marker == name)
        .map(|(_, engine)| *engine)
}

/// The engine of `<krate>::<name>` (`rusqlite::Connection`).
pub fn crate_type(krate: &str, name: &str) -> Option<Engine> {
    CRATE_TYPES
        .iter()
        .find(|(k, n, _)| *k == krate && *n == name)
        .map(|(_, _, engine)| *engine)
}

/// Whether the file's bytes hold a database word (`is_database_word`) as a
/// whole word anywhere, comments and strings included: a file without one
/// is not even tokenized. One pass over the bytes for every word at once.
pub fn may_touch_database(bytes: &[u8]) -> bool {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    holds_whole_word(bytes, WORDS.get_or_init(|| searcher(database_words())))
}

/// Whether the bytes may declare a struct field of a database type: the
/// word `struct` and a crate or type name of `database_words` (call names
/// left out: a variable named `query` declares nothing).
pub fn may_declare_database_field(bytes: &[u8]) -> bool {
    static TYPES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    static STRUCT: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let types = TYPES.get_or_init(|| {
        let words = database_words().into_iter().filter(|w| !is_call_name(w));
        searcher(words.collect())
    });
    holds_whole_word(bytes, STRUCT.get_or_init(|| searcher(vec!["struct"])))
        && holds_whole_word(bytes, types)
}

fn searcher(words: Vec<&str>) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(words)
        .expect("the database words build a searcher")
}

/// Whether one of the searcher's words is in `bytes` as a whole word.
fn holds_whole_word(bytes: &[u8], words: &aho_corasick::AhoCorasick) -> bool {
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // Leftmost-longest: a whole word is never hidden by a longer pattern,
    // since every pattern is made of word bytes only.
    words.find_iter(bytes).any(|found| {
        let before = found.start().checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(found.end()).copied();
        !before.is_some_and(is_word_byte) && !after.is_some_and(is_word_byte)
    })
}

/// Every word `is_database_word` accepts.
fn database_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = DATABASE_CRATES.to_vec();
    words.extend(SQL_FUNCTIONS.iter().map(|(name, _)| *name));
    words.extend(SQL_METHODS);
    words.extend(SQL_MACROS.iter().map(|(name, _)| *name));
    words.extend(SQL_FILE_MACROS.iter().map(|(name, _)| *name));
    words.push(QUERY_BUILDER);
    words.extend(ENGINE_TYPES.iter().map(|(name, _)| *name));
    words.extend(DATABASE_MARKERS.iter().map(|(name, _)| *name));
    words.extend(ANY_ENGINE_HOLDERS);
    words
}

/// The column name of a sqlx column override alias (`"id!"`, `"id?"`,
/// `"id: T"`, `"id!: T"`, `"id?: T"`): sqlx reads the suffix and the type,
/// the database sees the quoted name whole. `None` for a plain name.
pub fn column_override_name(alias: &str) -> Option<&str> {
    let (name, type_name) = match alias.split_once(':') {
        Some((name, type_name)) => (name, Some(type_name.trim())),
        None => (alias, None),
    };
    let name = name.trim_end();
    let bare = name.trim_end_matches(['!', '?']);
    let markers = name.len() - bare.len();
    let typed = match type_name {
        Some("") => return None,
        typed => typed.is_some(),
    };
    let is_name = !bare.is_empty() && !bare.contains(char::is_whitespace);
    (is_name && markers <= 1 && (markers == 1 || typed)).then_some(bare)
}

/// Whether the tokens name a database crate or type, or call a database
/// function, method or macro (its name followed by `(`, `!` or `::`): a
/// variable named `query` is no call, and its file is not parsed.
pub(crate) fn names_database_word(tokens: TokenStream) -> bool {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    tokens.iter().enumerate().any(|(i, token)| match token {
        TokenTree::Group(group) => names_database_word(group.stream()),
        TokenTree::Ident(ident) => {
            let word = ident.to_string();
            if !is_database_word(&word) {
                return false;
            }
            let called = match tokens.get(i + 1) {
                Some(TokenTree::Group(g)) => g.delimiter() == proc_macro2::Delimiter::Parenthesis,
                Some(TokenTree::Punct(p)) => matches!(p.as_char(), '!' | ':'),
                _ => false,
            };
            called || !is_call_name(&word)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_database_words_make_a_file_worth_parsing() {
        assert!(may_touch_database(b"fn f() { sqlx::query(\"x\") }"));
        assert!(may_touch_database(b"conn.execute(s)"));
        assert!(may_touch_database(b"let p: PgPool;"));
        assert!(!may_touch_database(
            b"fn query_params() {} // executed, prepared"
        ));
        assert!(!may_touch_database(
            b"struct SqlitePoolish; let queryset = 1;"
        ));
        assert!(!may_touch_database(b""));
        assert!(is_database_word("query_as") && !is_database_word("query_params"));
    }
}
