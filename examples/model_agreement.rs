//! The typed model built both ways on real SQL: from sqlparser's AST and
//! from the tokens alone (the fallback for statements no dialect parses).
//! The fallback is measured, not trusted.
//!
//! `cargo run --release --example model_agreement [-- CORPUS_DIR] [--differences N]`
//!
//! Every statement of every `*.sql` file under the corpus (by default
//! `../shared/corpus`) that some dialect parses gets both models; for each
//! kind of node the figure is the share of statements whose nodes agree
//! (same kinds, same byte spans), and the first differences are printed.

use std::path::{Path, PathBuf};

use dal_audit::SourceFile;
use dal_audit::syntax::dialect::lint_dialect;
use dal_audit::syntax::lexer::lex;
use dal_audit::syntax::model::Model;
use dal_audit::syntax::parse::parse_statement;
use dal_audit::syntax::splitter::{split, statement_breaks};
use dal_audit::syntax::statement::StatementTokens;

/// One kind of node: its name and what of it must agree.
type Part = (&'static str, fn(&Model) -> Vec<String>);

const PARTS: [Part; 47] = [
    ("calls", |m| {
        m.calls
            .iter()
            .map(|c| format!("{} {:?}", c.name, c.span))
            .collect()
    }),
    ("casts", |m| {
        m.casts
            .iter()
            .map(|c| format!("{:?} {} {:?}", c.span, c.double_colon, c.data_type_span))
            .collect()
    }),
    ("operators", |m| {
        m.operators
            .iter()
            .map(|o| format!("{:?} {:?}", o.span, o.arity))
            .collect()
    }),
    ("operator operands", |m| {
        m.operators
            .iter()
            .map(|o| format!("{:?}", o.operands))
            .collect()
    }),
    ("matches", |m| {
        m.matches
            .iter()
            .map(|p| {
                format!(
                    "{:?} {:?} {:?} {:?}",
                    p.kind, p.operator, p.subject.span, p.pattern.span
                )
            })
            .collect()
    }),
    ("derived tables", |m| {
        m.derived_tables
            .iter()
            .map(|d| format!("{:?} {:?}", d.span, d.alias.as_ref().map(|a| &a.value)))
            .collect()
    }),
    ("columns", |m| {
        m.columns
            .iter()
            .map(|c| {
                let kinds: Vec<_> = c.constraint_list.iter().map(|k| k.kind).collect();
                format!("{} {:?} {:?}", c.ident.value, c.data_type, kinds)
            })
            .collect()
    }),
    ("column types", |m| {
        m.columns
            .iter()
            .map(|c| format!("{:?} {:?}", c.column_type, c.default))
            .collect()
    }),
    ("alter column change words", |m| {
        m.alter_table
            .iter()
            .flat_map(|t| t.actions.iter().map(|a| format!("{:?}", a.change_words)))
            .collect()
    }),
    ("create table as", |m| {
        m.create_table_as
            .iter()
            .map(|at| format!("{at:?}"))
            .collect()
    }),
    ("type names", |m| {
        let columns = m.columns.iter().map(|c| &c.type_name);
        let casts = m.casts.iter().map(|c| &c.type_name);
        columns.chain(casts).map(|t| format!("{t:?}")).collect()
    }),
    ("conditions", |m| {
        m.conditions.iter().map(|c| format!("{c:?}")).collect()
    }),
    ("in lists", |m| {
        m.in_lists.iter().map(|l| format!("{l:?}")).collect()
    }),
    ("drop behavior", |m| {
        m.drop_behavior
            .iter()
            .map(|d| format!("{:?} {:?} {:?}", d.kind, d.span, d.removal))
            .collect()
    }),
    ("generated columns", |m| {
        m.columns
            .iter()
            .map(|c| format!("{:?}", c.generated))
            .collect()
    }),
    ("key columns", |m| {
        m.table_constraints
            .iter()
            .map(|c| format!("{:?} {:?}", c.column_list, c.columns))
            .collect()
    }),
    ("table constraints", |m| {
        m.table_constraints
            .iter()
            .map(|c| format!("{:?} {:?}", c.kind, c.span))
            .collect()
    }),
    ("alter actions", |m| {
        m.alter_table
            .iter()
            .flat_map(|t| {
                t.actions
                    .iter()
                    .map(|a| format!("{:?} {:?}", a.kind, a.tokens))
            })
            .collect()
    }),
    ("literals", |m| {
        m.literals.iter().map(|l| format!("{:?}", l.span)).collect()
    }),
    ("limits", |m| {
        m.limits
            .iter()
            .map(|l| format!("{:?} {:?} {:?}", l.kind, l.keyword, l.value))
            .collect()
    }),
    ("identifiers", |m| {
        m.identifiers
            .iter()
            .map(|i| format!("{:?} {:?}", i.span, i.quote))
            .collect()
    }),
    ("clauses", |m| {
        m.clauses
            .iter()
            .map(|c| format!("{:?} {:?}", c.kind, c.span))
            .collect()
    }),
    ("create index", |m| {
        m.create_index
            .iter()
            .map(|i| {
                let classes: Vec<_> = i.operator_classes.iter().map(|c| &c.span).collect();
                let clauses: Vec<_> = i.clauses.iter().map(|c| (c.kind, &c.span)).collect();
                format!(
                    "{:?} {:?} {} {} {} {:?} {classes:?} {clauses:?}",
                    i.head,
                    i.name,
                    i.unique,
                    i.concurrently,
                    i.if_not_exists,
                    i.using.as_ref().map(|u| &u.span)
                )
            })
            .collect()
    }),
    ("table options", |m| {
        m.table_options
            .iter()
            .map(|o| format!("{:?} {:?} {:?}", o.kind, o.span, o.removal))
            .collect()
    }),
    ("collations", |m| {
        m.collations
            .iter()
            .map(|c| format!("{:?} {} {}", c.span, c.name, c.simple))
            .collect()
    }),
    ("nulls not distinct", |m| {
        m.nulls_not_distinct
            .iter()
            .map(|s| format!("{s:?}"))
            .collect()
    }),
    ("identities", |m| {
        m.identities
            .iter()
            .map(|i| format!("{:?}", i.span))
            .collect()
    }),
    ("statement head", |m| {
        m.head
            .iter()
            .map(|h| format!("{:?} {:?} {:?}", h.verb, h.object, h.span))
            .collect()
    }),
    ("index hints", |m| {
        m.index_hints
            .iter()
            .map(|h| format!("{:?} {:?} {}", h.kind, h.span, h.after))
            .collect()
    }),
    ("qualified names", |m| {
        m.qualified_names
            .iter()
            .map(|q| format!("{:?} {}", q.with_dot, q.relation))
            .collect()
    }),
    ("row ids", |m| {
        m.row_ids.iter().map(|r| format!("{r:?}")).collect()
    }),
    ("is comparisons", |m| {
        m.is_comparisons
            .iter()
            .map(|c| format!("{:?} {:?} {}", c.operator, c.operand, c.predicate_word))
            .collect()
    }),
    ("DML target", |m| {
        m.dml_target
            .iter()
            .map(|t| {
                let alias = t.alias.as_ref().map(|a| (&a.span, a.with_as));
                format!("{:?} {:?} {alias:?}", t.name, t.only)
            })
            .collect()
    }),
    ("only markers", |m| {
        m.only_markers
            .iter()
            .map(|o| format!("{:?} {:?}", o.span, o.removal))
            .collect()
    }),
    ("typed literals", |m| {
        m.typed_literals
            .iter()
            .map(|l| format!("{} {:?}", l.type_word, l.span))
            .collect()
    }),
    ("postfix null tests", |m| {
        m.postfix_null_tests
            .iter()
            .map(|s| format!("{s:?}"))
            .collect()
    }),
    ("conflict clauses", |m| {
        m.conflict_clauses
            .iter()
            .map(|c| format!("{:?} {} {:?}", c.span, c.resolution, c.removal))
            .collect()
    }),
    ("upsert after FROM", |m| {
        m.upsert_after_from
            .iter()
            .map(|s| format!("{s:?}"))
            .collect()
    }),
    ("INSERT/UPDATE OR", |m| {
        m.statement_conflict
            .iter()
            .map(|c| {
                format!(
                    "{:?} {} {:?} {} {}",
                    c.span, c.resolution, c.removal, c.plain_values, c.end
                )
            })
            .collect()
    }),
    ("arrays", |m| {
        m.arrays
            .iter()
            .map(|a| format!("{:?} {:?} {:?}", a.kind, a.span, a.operator))
            .collect()
    }),
    ("standard calls", |m| {
        m.standard_calls
            .iter()
            .map(|c| {
                let separators: Vec<_> = c.separators.iter().map(|s| (&s.span, s.after)).collect();
                format!(
                    "{} {:?} {separators:?} {:?}",
                    c.function, c.span, c.substring_positions
                )
            })
            .collect()
    }),
    ("cast operators", |m| {
        m.cast_operators
            .iter()
            .map(|c| {
                format!(
                    "{:?} {:?} {:?} {}",
                    c.span, c.operand, c.data_type, c.chained
                )
            })
            .collect()
    }),
    ("default values", |m| {
        m.columns
            .iter()
            .flat_map(|c| &c.constraint_list)
            .filter_map(|c| c.default_value.as_ref())
            .map(|v| format!("{:?} {:?}", v.span, v.shape))
            .collect()
    }),
    ("value keywords", |m| {
        m.value_keywords
            .iter()
            .map(|k| format!("{:?} {} {:?}", k.span, k.word, k.precision))
            .collect()
    }),
    ("call arguments", |m| {
        m.calls
            .iter()
            .map(|c| format!("{} {:?}", c.name, c.args))
            .collect()
    }),
    ("sort keys", |m| {
        m.order_by
            .iter()
            .map(|k| {
                let column: Vec<_> = k.column.iter().map(|c| (&c.value, c.quote)).collect();
                format!(
                    "{:?} {:?} {column:?} {} {:?}",
                    k.span, k.expr, k.descending, k.nulls
                )
            })
            .collect()
    }),
    ("relations", |m| {
        m.relations
            .iter()
            .map(|r| format!("{:?} {} {:?}", r.span, r.value, r.quote))
            .collect()
    }),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let mut corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let mut show = 20usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--differences" => show = args.next().and_then(|n| n.parse().ok()).unwrap_or(show),
            _ => corpus = PathBuf::from(arg),
        }
    }
    let mut files = Vec::new();
    collect_sql(&corpus, &mut files);
    files.sort();
    // The linter runs on a deep stack (sqlparser recurses per term of a chain).
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || compare(&files, show))
        .expect("thread")
        .join();
    if outcome.is_err() {
        std::process::exit(1);
    }
}

fn compare(files: &[PathBuf], show: usize) {
    let mut statements = 0usize;
    let mut unparsed = 0usize;
    let mut all_agree = 0usize;
    let mut agree = [0usize; PARTS.len()];
    let mut present = [0usize; PARTS.len()];
    let mut shown = 0usize;
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let file = SourceFile::new(path.display().to_string(), text.as_str());
        let lexed = lex(&file, 0..text.len(), lint_dialect());
        for statement in split(&lexed.tokens, &statement_breaks(&lexed)) {
            let tokens = &lexed.tokens[statement.tokens.clone()];
            let Ok((ast, dialect)) = parse_statement(&file, tokens, statement.span.clone()) else {
                unparsed += 1;
                continue;
            };
            statements += 1;
            let view = StatementTokens {
                file: &file,
                tokens,
                span: statement.span.clone(),
            };
            let from_ast = Model::build(&view, Some((&ast, dialect)));
            let from_tokens = Model::from_tokens(&view);
            let mut same = true;
            for (k, (name, part)) in PARTS.iter().enumerate() {
                let (a, t) = (part(&from_ast), part(&from_tokens));
                if a.is_empty() && t.is_empty() {
                    continue;
                }
                present[k] += 1;
                if a == t {
                    agree[k] += 1;
                    continue;
                }
                same = false;
                if shown < show {
                    shown += 1;
                    let (line, _) = file.line_col(statement.span.start);
                    println!(
                        "{}:{line}: {name} differ\n    ast:    {a:?}\n    tokens: {t:?}",
                        path.display()
                    );
                }
            }
            all_agree += usize::from(same);
        }
    }
    println!("\nstatements parsed: {statements} (not parsed, so fallback only: {unparsed})");
    println!(
        "statements whose two models agree in every part: {all_agree} ({:.1}%)",
        percent(all_agree, statements)
    );
    println!("per part (statements holding such nodes either way):");
    for (k, (name, _)) in PARTS.iter().enumerate() {
        println!(
            "  {name:<18} {:>5} of {:>5} agree ({:.1}%)",
            agree[k],
            present[k],
            percent(agree[k], present[k])
        );
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn collect_sql(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_sql(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}
