//! One pass of `syn`'s visitor over a Rust file: the SQL literals passed to
//! database calls, the calls themselves and the engine-specific types named
//! (for the boundary rules), the statements and `//` comments (for
//! suppressions). Which calls and types count is `apis.rs`.

use std::collections::HashMap;
use std::ops::Range;

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, ExprLit, Lit, Token};

use crate::diagnostic::Engine;
use crate::sources::rust::apis;
use crate::sources::rust::fields::{self, DatabaseField, DatabaseFields};
use crate::sources::rust::literal::{self, Decoded};
use crate::syntax::lexer::Comment;
use crate::syntax::statement_start::reads_as_statement;

/// What a Rust file holds for dal-audit.
#[derive(Debug, Default)]
pub struct Scan {
    pub literals: Vec<SqlLiteral>,
    /// Database calls whose SQL is built at run time (`format!`, a variable):
    /// counted, never guessed.
    pub unchecked: usize,
    /// Database calls: the path segment or method name that makes each one.
    pub accesses: Vec<Named>,
    /// Fields declared with a database type reached (`state.pool`), at the
    /// field's name.
    pub field_accesses: Vec<FieldAccess>,
    /// Engine-specific types named (imports included), at the segment.
    pub engine_types: Vec<Named>,
    /// The file's statements for suppressions: each top-level statement of a
    /// function body, each function signature, each item outside functions.
    pub statements: Vec<Range<usize>>,
    /// The `//` and `/* */` comments holding `dal-audit:`.
    pub comments: Vec<Comment>,
    /// `query_file!` paths, relative to the crate's folder.
    pub query_files: Vec<QueryFile>,
}

/// SQL found in a literal.
#[derive(Debug)]
pub struct SqlLiteral {
    pub sql: Decoded,
    /// A `QueryBuilder` piece: token rules only, it need not parse.
    pub fragment: bool,
    /// The engine the enclosing function's executor types name.
    pub engine: Option<Engine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub span: Range<usize>,
}

/// `state.pool`, where `pool` is declared with a database type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAccess {
    /// The expression as written (`state.pool`), at the field's name.
    pub access: Named,
    pub field: DatabaseField,
}

#[derive(Debug)]
pub struct QueryFile {
    pub path: String,
    pub span: Range<usize>,
    pub engine: Option<Engine>,
}

/// Scans a file's text; `Err` with syn's message when it is not Rust.
/// Where and why `syn` could not read a Rust file.
#[derive(Debug, Clone)]
pub struct RustSyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

/// `project`: the database fields the project's structs declare (the
/// file's own are added).
pub fn scan(text: &str, project: &DatabaseFields) -> Result<Scan, RustSyntaxError> {
    let scanned = scan_tokens(text, project);
    // The thread's source map holds every file parsed on it: let go of this one.
    proc_macro2::extra::invalidate_current_thread_spans();
    scanned
}

fn scan_tokens(text: &str, project: &DatabaseFields) -> Result<Scan, RustSyntaxError> {
    let base = prelude_len(text);
    let tokens: TokenStream =
        text[base..]
            .parse()
            .map_err(|e: proc_macro2::LexError| RustSyntaxError {
                span: shifted(e.span(), base),
                message: e.to_string(),
            })?;
    // Most files that mention a marker (`query` in `query_params`) name no
    // database word as an identifier: their tokens are enough.
    if !apis::names_database_word(tokens.clone()) && !project.named_in(text.as_bytes()) {
        return Ok(Scan::default());
    }
    let file: syn::File = syn::parse2(tokens).map_err(|e| RustSyntaxError {
        span: shifted(e.span(), base),
        message: e.to_string(),
    })?;
    let fields = project.with(fields::field_facts(&file));
    let mut scanner = Scanner {
        base,
        text,
        fields,
        scan: Scan::default(),
        constants: HashMap::new(),
        functions: Vec::new(),
    };
    scanner.collect_constants(&file);
    scanner.visit_file(&file);
    let mut scan = scanner.scan;
    // Statements and comments matter to suppressions only.
    if memchr::memmem::find(text.as_bytes(), b"dal-audit:").is_some() {
        scan.statements = statements(&file, base);
        scan.comments = comments(text, base);
    }
    Ok(scan)
}

/// The byte-order mark and `#!` line `syn::parse_file` would skip.
fn prelude_len(text: &str) -> usize {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
        bom + rest.find('\n').unwrap_or(rest.len())
    } else {
        bom
    }
}

/// The function being visited: its engine and what its `let`s bind.
#[derive(Default)]
struct Function {
    engine: Option<Engine>,
    bindings: HashMap<String, Expr>,
    builders: Vec<String>,
}

struct Scanner<'a> {
    base: usize,
    text: &'a str,
    fields: DatabaseFields,
    scan: Scan,
    /// `const`/`static` items of the file, by name.
    constants: HashMap<String, Expr>,
    functions: Vec<Function>,
}

/// What a call's SQL argument turned out to be.
enum Argument {
    Sql(Decoded),
    /// Built at run time; `Some` first literal piece of a `format!`.
    Runtime(Option<String>),
}

impl Scanner<'_> {
    fn range(&self, span: Span) -> Range<usize> {
        let r = span.byte_range();
        r.start + self.base..r.end + self.base
    }

    fn named(&self, ident: &syn::Ident) -> Named {
        Named {
            name: ident.to_string(),
            span: self.range(ident.span()),
        }
    }

    fn collect_constants(&mut self, file: &syn::File) {
        struct Constants<'c>(&'c mut HashMap<String, Expr>);
        impl<'ast> Visit<'ast> for Constants<'_> {
            fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
                self.keep(&item.ident, &item.expr);
            }
            fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
                self.keep(&item.ident, &item.expr);
            }
            fn visit_impl_item_const(&mut self, item: &'ast syn::ImplItemConst) {
                self.keep(&item.ident, &item.expr);
            }
        }
        impl Constants<'_> {
            fn keep(&mut self, name: &syn::Ident, value: &Expr) {
                if may_be_sql_text(value) {
                    self.0.insert(name.to_string(), value.clone());
                }
            }
        }
        Constants(&mut self.constants).visit_file(file);
    }

    /// The SQL an argument expression stands for, following `&`, parentheses,
    /// `concat!` and names bound to literals in this file.
    fn argument(&self, expr: &Expr, depth: usize) -> Argument {
        match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) => self.literal(lit.span()),
            Expr::Reference(r) => self.argument(&r.expr, depth),
            Expr::Paren(p) => self.argument(&p.expr, depth),
            Expr::Group(g) => self.argument(&g.expr, depth),
            Expr::Macro(m) => self.macro_argument(&m.mac, depth),
            Expr::Path(p) if depth < 8 => {
                let Some(name) = p.path.get_ident().map(ToString::to_string) else {
                    return Argument::Runtime(None);
                };
                let bound = self.functions.last().and_then(|f| f.bindings.get(&name));
                match bound.or_else(|| self.constants.get(&name)) {
                    Some(value) => self.argument(value, depth + 1),
                    None => Argument::Runtime(None),
                }
            }
            _ => Argument::Runtime(None),
        }
    }

    fn literal(&self, span: Span) -> Argument {
        let range = self.range(span);
        match literal::decode(&self.text[range.clone()], range.start) {
            Some(decoded) => Argument::Sql(decoded),
            None => Argument::Runtime(None),
        }
    }

    fn macro_argument(&self, mac: &syn::Macro, depth: usize) -> Argument {
        let name = last_segment(&mac.path);
        let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) else {
            return Argument::Runtime(None);
        };
        match name.as_str() {
            "concat" => {
                let mut joined: Option<Decoded> = None;
                for arg in &args {
                    let Argument::Sql(piece) = self.argument(arg, depth) else {
                        return Argument::Runtime(None);
                    };
                    joined = Some(match joined {
                        None => piece,
                        Some(mut all) => {
                            all.append(piece);
                            all
                        }
                    });
                }
                joined.map_or(Argument::Runtime(None), Argument::Sql)
            }
            "format" => {
                let first = args.first().and_then(|a| match self.argument(a, depth) {
                    Argument::Sql(d) => Some(d.value),
                    Argument::Runtime(_) => None,
                });
                Argument::Runtime(first)
            }
            _ => Argument::Runtime(None),
        }
    }

    /// Records a database call's SQL argument; `certain` when the call is
    /// known to take SQL, else it counts only when the text reads as a statement.
    fn record(&mut self, call: &syn::Ident, arg: Option<&Expr>, certain: bool, fragment: bool) {
        let argument = match arg {
            Some(arg) => self.argument(arg, 0),
            None => Argument::Runtime(None),
        };
        let counts = certain
            || match &argument {
                Argument::Sql(d) => reads_as_statement(&d.value),
                Argument::Runtime(first) => first.as_deref().is_some_and(reads_as_statement),
            };
        if !counts {
            return;
        }
        self.scan.accesses.push(self.named(call));
        match argument {
            Argument::Sql(sql) => self.scan.literals.push(SqlLiteral {
                sql,
                fragment,
                engine: self.functions.last().and_then(|f| f.engine),
            }),
            Argument::Runtime(_) => self.scan.unchecked += 1,
        }
    }

    fn function(&mut self, sig: &syn::Signature, visit_body: impl FnOnce(&mut Self)) {
        let mut engines = Vec::new();
        EngineTypes(&mut engines).visit_signature(sig);
        engines.sort_unstable();
        engines.dedup();
        let engine = match engines[..] {
            [one] => Some(one),
            _ => None,
        };
        self.functions.push(Function {
            engine,
            ..Function::default()
        });
        visit_body(self);
        self.functions.pop();
    }

    fn sql_macro(&mut self, mac: &syn::Macro) {
        let Some(segment) = mac.path.segments.last() else {
            return;
        };
        let name = segment.ident.to_string();
        let qualified = mac.path.segments.iter().any(|s| s.ident == "sqlx");
        if let Some((_, position)) = apis::SQL_MACROS.iter().find(|(m, _)| *m == name) {
            let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            else {
                return;
            };
            self.record(&segment.ident, args.iter().nth(*position), qualified, false);
        } else if let Some((_, position)) = apis::SQL_FILE_MACROS.iter().find(|(m, _)| *m == name) {
            let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            else {
                return;
            };
            if let Some(Argument::Sql(path)) =
                args.iter().nth(*position).map(|a| self.argument(a, 0))
            {
                self.scan.accesses.push(self.named(&segment.ident));
                let span = path.map.file_range(0..path.value.len());
                let engine = self.functions.last().and_then(|f| f.engine);
                self.scan.query_files.push(QueryFile {
                    path: path.value,
                    span,
                    engine,
                });
            }
        }
    }

    /// An import: each name is judged with the segment before it.
    fn use_tree(&mut self, tree: &syn::UseTree, previous: Option<&str>) {
        match tree {
            syn::UseTree::Path(p) => {
                let name = p.ident.to_string();
                if is_engine_specific(previous, &name) {
                    let named = self.named(&p.ident);
                    self.scan.engine_types.push(named);
                }
                self.use_tree(&p.tree, Some(&name));
            }
            syn::UseTree::Name(syn::UseName { ident })
            | syn::UseTree::Rename(syn::UseRename { ident, .. }) => {
                if is_engine_specific(previous, &ident.to_string()) {
                    let named = self.named(ident);
                    self.scan.engine_types.push(named);
                }
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(t, previous)),
            syn::UseTree::Glob(_) => {}
        }
    }
}

/// Whether a path segment names an engine's type (`SqlitePool`,
/// `sqlx::Sqlite`, `rusqlite::Connection`), given the segment before it.
fn is_engine_specific(previous: Option<&str>, name: &str) -> bool {
    apis::engine_type(name).is_some()
        || (previous == Some("sqlx") && apis::database_marker(name).is_some())
        || previous.is_some_and(|krate| apis::crate_type(krate, name).is_some())
}

/// Collects the engines a signature's types name.
struct EngineTypes<'e>(&'e mut Vec<Engine>);

impl<'ast> Visit<'ast> for EngineTypes<'_> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        for (i, name) in names.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| names[p].as_str());
            let engine = apis::engine_type(name)
                .or_else(|| apis::database_marker(name))
                .or_else(|| previous.and_then(|krate| apis::crate_type(krate, name)));
            self.0.extend(engine);
        }
        visit::visit_path(self, path);
    }
}

impl<'ast> Visit<'ast> for Scanner<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig, |s| visit::visit_item_fn(s, item));
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig, |s| visit::visit_impl_item_fn(s, item));
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        self.function(&item.sig, |s| visit::visit_trait_item_fn(s, item));
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (syn::Pat::Ident(pat), Some(init)) = (&local.pat, &local.init)
            && let Some(function) = self.functions.last_mut()
        {
            let name = pat.ident.to_string();
            if is_query_builder_new(&init.expr) {
                function.builders.push(name);
            } else if may_be_sql_text(&init.expr) {
                function.bindings.insert(name, (*init.expr).clone());
            }
        }
        visit::visit_local(self, local);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let Expr::Path(path) = &*call.func
            && let Some(last) = path.path.segments.last()
        {
            let segments: Vec<String> = path
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let name = last.ident.to_string();
            let previous = segments.len().checked_sub(2).map(|i| segments[i].as_str());
            if let Some((_, krate)) = apis::SQL_FUNCTIONS.iter().find(|(f, _)| *f == name) {
                let qualified = segments.iter().any(|s| s == krate);
                self.record(&last.ident, call.args.first(), qualified, false);
            } else if name == "new" && previous == Some(apis::QUERY_BUILDER) {
                self.record(&last.ident, call.args.first(), true, true);
            } else if apis::CONNECTORS.contains(&name.as_str()) && opens_database(&segments) {
                self.scan.accesses.push(self.named(&last.ident));
            }
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        let builder = name == "push"
            && matches!(&*call.receiver, Expr::Path(p) if p.path.get_ident().is_some_and(|id| {
                self.functions.last().is_some_and(|f| f.builders.iter().any(|b| id == b))
            }));
        if builder {
            self.record(&call.method, call.args.first(), true, true);
        } else if apis::SQL_METHODS.contains(&name.as_str()) {
            self.record(&call.method, call.args.first(), false, false);
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_field(&mut self, expr: &'ast syn::ExprField) {
        if let syn::Member::Named(name) = &expr.member
            && let Some(field) = self.fields.get(&name.to_string())
        {
            let span = self.range(name.span());
            let written = self.range(expr.base.span()).start..span.end;
            let text = self
                .text
                .get(written)
                .filter(|t| t.len() <= 80 && !t.contains('\n'));
            let access = Named {
                name: text.map_or_else(|| format!(".{name}"), str::to_string),
                span,
            };
            let field = field.clone();
            self.scan.field_accesses.push(FieldAccess { access, field });
        }
        visit::visit_expr_field(self, expr);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.sql_macro(mac);
        visit::visit_macro(self, mac);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        for (i, segment) in path.segments.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| names[p].as_str());
            if is_engine_specific(previous, &names[i]) {
                let named = self.named(&segment.ident);
                self.scan.engine_types.push(named);
            }
        }
        for segment in &path.segments {
            let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
                continue;
            };
            if !apis::GENERIC_HOLDERS.contains(&segment.ident.to_string().as_str()) {
                continue;
            }
            for arg in &args.args {
                let ty = match arg {
                    syn::GenericArgument::Type(ty) => ty,
                    syn::GenericArgument::AssocType(assoc) => &assoc.ty,
                    _ => continue,
                };
                if let syn::Type::Path(p) = ty
                    && let Some(ident) = p.path.get_ident()
                    && apis::database_marker(&ident.to_string()).is_some()
                {
                    let named = self.named(ident);
                    self.scan.engine_types.push(named);
                }
            }
        }
        visit::visit_path(self, path);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&item.tree, None);
    }
}

/// Whether `…::connect(…)` opens a database: the type before it is
/// engine-specific or sqlx's generic pool, or the path goes through a
/// database crate (`tokio_postgres::connect`, `rusqlite::Connection::open`).
fn opens_database(segments: &[String]) -> bool {
    let owner = segments.len().checked_sub(2).map(|i| segments[i].as_str());
    owner.is_some_and(|o| apis::engine_type(o).is_some() || matches!(o, "Pool" | "PoolOptions"))
        || segments
            .iter()
            .any(|s| apis::DATABASE_CRATES.contains(&s.as_str()))
}

/// Whether an expression can stand for SQL text when a name is bound to it.
fn may_be_sql_text(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(_), ..
        }) => true,
        Expr::Reference(r) => may_be_sql_text(&r.expr),
        Expr::Macro(m) => m.mac.path.is_ident("concat"),
        _ => false,
    }
}

fn is_query_builder_new(expr: &Expr) -> bool {
    let Expr::Call(call) = expr else {
        return false;
    };
    let Expr::Path(path) = &*call.func else {
        return false;
    };
    let names: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    names.ends_with(&[apis::QUERY_BUILDER.to_string(), "new".to_string()])
}

fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The file's statements for suppressions, in order and without overlap.
fn statements(file: &syn::File, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for item in &file.items {
        item_statements(item, base, &mut out);
    }
    out.sort_by_key(|r| r.start);
    out
}

fn shifted(span: Span, base: usize) -> Range<usize> {
    let r = span.byte_range();
    r.start + base..r.end + base
}

fn item_statements(item: &syn::Item, base: usize, out: &mut Vec<Range<usize>>) {
    match item {
        syn::Item::Fn(f) => function_statements(item.span(), &f.block, base, out),
        syn::Item::Impl(i) => {
            for member in &i.items {
                match member {
                    syn::ImplItem::Fn(f) => function_statements(member.span(), &f.block, base, out),
                    other => out.push(shifted(other.span(), base)),
                }
            }
        }
        syn::Item::Trait(t) => {
            for member in &t.items {
                match member {
                    syn::TraitItem::Fn(syn::TraitItemFn {
                        default: Some(block),
                        ..
                    }) => function_statements(member.span(), block, base, out),
                    other => out.push(shifted(other.span(), base)),
                }
            }
        }
        syn::Item::Mod(m) if m.content.is_some() => {
            for inner in m.content.iter().flat_map(|(_, items)| items) {
                item_statements(inner, base, out);
            }
        }
        other => out.push(shifted(other.span(), base)),
    }
}

/// A function's signature (up to its body) and each statement of its body.
fn function_statements(whole: Span, block: &syn::Block, base: usize, out: &mut Vec<Range<usize>>) {
    let whole = shifted(whole, base);
    let body = shifted(block.brace_token.span.open(), base);
    out.push(whole.start..body.start);
    out.extend(block.stmts.iter().map(|stmt| shifted(stmt.span(), base)));
}

/// The comments holding `dal-audit:`: each `//` or `/*` outside the file's
/// literals (taken from its tokens, which comments are not part of).
fn comments(text: &str, base: usize) -> Vec<Comment> {
    let Ok(tokens) = text[base..].parse::<TokenStream>() else {
        return Vec::new();
    };
    let mut literals = Vec::new();
    literal_spans(tokens, base, &mut literals);
    literals.sort_by_key(|r| r.start);
    let inside_literal = |offset: usize| {
        let after = literals.partition_point(|r| r.start <= offset);
        after > 0 && offset < literals[after - 1].end
    };
    let mut out = Vec::new();
    for found in memchr::memmem::find_iter(text.as_bytes(), b"dal-audit:") {
        let line_start = text[..found].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..found];
        let Some(open) = before.rfind("//").or_else(|| before.rfind("/*")) else {
            continue;
        };
        let start = line_start + open;
        if inside_literal(start) || out.iter().any(|c: &Comment| c.span.contains(&start)) {
            continue;
        }
        let end = if text[start..].starts_with("/*") {
            text[start..]
                .find("*/")
                .map_or(text.len(), |i| start + i + 2)
        } else {
            text[start..].find('\n').map_or(text.len(), |i| start + i)
        };
        let inner = text[start + 2..end].trim_end_matches("*/");
        let inner = inner.trim_start_matches('/');
        out.push(Comment {
            span: start..end,
            text: inner.to_string(),
        });
    }
    out
}

fn literal_spans(tokens: TokenStream, base: usize, out: &mut Vec<Range<usize>>) {
    for token in tokens {
        match token {
            TokenTree::Group(group) => literal_spans(group.stream(), base, out),
            TokenTree::Literal(lit) => out.push(shifted(lit.span(), base)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_calling_or_naming_database_code_are_parsed() {
        // Not Rust syn reads, but no database call in its tokens: not parsed.
        let variable = "fn f() -> { let query = params.get(\"q\"); query.trim() } ??";
        assert!(scan(variable, &DatabaseFields::default()).is_ok());
        // The same with a call: parsed, and syn's error comes back.
        let call = "fn f() -> { conn.query(\"q\") } ??";
        assert!(scan(call, &DatabaseFields::default()).is_err());
        let turbofish = "fn f() { sqlx::query_as::<_, U>(\"SELECT 1\"); }";
        assert_eq!(
            scan(turbofish, &DatabaseFields::default())
                .unwrap()
                .literals
                .len(),
            1
        );
    }
}
