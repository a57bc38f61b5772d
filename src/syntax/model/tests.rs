use super::*;
use crate::testing::with_statement;

/// The model both ways: (from the AST, from the tokens), with the text of a span.
fn both<T>(sql: &str, f: impl Fn(&Model, &dyn Fn(&Range<usize>) -> String) -> T) -> (T, T) {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_some(), "{sql} parses");
        let text = |span: &Range<usize>| sql[span.clone()].to_string();
        let tokens = Model::from_tokens(ctx.tokens_view());
        (f(ctx.model(), &text), f(&tokens, &text))
    })
}

#[test]
fn a_like_pattern_is_the_whole_concatenation() {
    let (ast, tokens) = both(
        "SELECT * FROM t WHERE name LIKE '%' || 'ann' || '%' AND x = 1",
        |m, text| {
            let like = &m.matches[0];
            let parts = match &like.pattern.kind {
                ExprKind::Concat(parts) => parts.len(),
                _ => 0,
            };
            (
                text(&like.operator),
                text(&like.pattern.span),
                parts,
                text(&like.subject.span),
            )
        },
    );
    let expected = (
        "LIKE".to_string(),
        "'%' || 'ann' || '%'".to_string(),
        3,
        "name".to_string(),
    );
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn not_like_and_glob_and_similar_to_are_matches() {
    let (ast, tokens) = both(
        "SELECT * FROM t WHERE lower(a) NOT LIKE lower($1) OR b GLOB 'x*' OR c NOT SIMILAR TO 'y'",
        |m, text| {
            m.matches
                .iter()
                .map(|p| {
                    (
                        p.kind,
                        p.negated,
                        text(&p.operator),
                        text(&p.subject.span),
                        text(&p.pattern.span),
                    )
                })
                .collect::<Vec<_>>()
        },
    );
    assert_eq!(ast, tokens);
    assert_eq!(ast.len(), 3);
    assert_eq!(ast[0].2, "NOT LIKE");
    assert_eq!(ast[0].3, "lower(a)");
    assert_eq!(ast[0].4, "lower($1)");
    assert_eq!(ast[1].0, MatchKind::Glob);
    assert_eq!(ast[2].2, "NOT SIMILAR TO");
}

#[test]
fn a_tilde_after_distinct_is_unary() {
    let (ast, tokens) = both("SELECT DISTINCT ~flags, a ~ 'x' FROM t", |m, text| {
        m.operators
            .iter()
            .map(|o| {
                (
                    text(&o.span),
                    o.arity,
                    o.operands.iter().map(text).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    });
    let expected = vec![
        ("~".to_string(), Arity::Unary, vec!["flags".to_string()]),
        (
            "~".to_string(),
            Arity::Binary,
            vec!["a".to_string(), "'x'".to_string()],
        ),
    ];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn a_doubly_parenthesized_subquery_is_a_derived_table_without_alias() {
    let (ast, tokens) = both(
        "SELECT * FROM ((SELECT 1 AS a)), (SELECT 2) AS b",
        |m, text| {
            m.derived_tables
                .iter()
                .map(|d| (text(&d.span), d.alias.as_ref().map(|a| a.value.clone())))
                .collect::<Vec<_>>()
        },
    );
    let expected = vec![
        ("((SELECT 1 AS a))".to_string(), None),
        ("(SELECT 2)".to_string(), Some("b".to_string())),
    ];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}

#[test]
fn operands_of_a_long_chain_are_located() {
    let (ast, _) = both("SELECT (a + b) * c - d FROM t", |m, text| {
        m.operators
            .iter()
            .map(|o| {
                (
                    text(&o.span),
                    o.operands.iter().map(text).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(
        ast,
        vec![
            ("+".to_string(), vec!["a".to_string(), "b".to_string()]),
            (
                "*".to_string(),
                vec!["(a + b)".to_string(), "c".to_string()]
            ),
            (
                "-".to_string(),
                vec!["(a + b) * c".to_string(), "d".to_string()]
            ),
        ]
    );
}

#[test]
fn casts_cover_operand_and_type() {
    let (ast, tokens) = both(
        "SELECT a::text, CAST(b AS INTEGER), c::varchar(3), cast((d + 1) * 2 AS numeric(5, 2)) FROM t",
        |m, text| {
            m.casts
                .iter()
                .map(|c| {
                    assert_eq!(
                        text(&c.data_type_span).to_uppercase().replace(", ", ","),
                        c.data_type
                    );
                    (
                        text(&c.span),
                        text(&c.operand),
                        c.data_type.clone(),
                        c.double_colon,
                    )
                })
                .collect::<Vec<_>>()
        },
    );
    assert_eq!(ast, tokens);
    let s = |x: &str| x.to_string();
    assert_eq!(
        ast,
        [
            (s("a::text"), s("a"), s("TEXT"), true),
            (s("CAST(b AS INTEGER)"), s("b"), s("INTEGER"), false),
            (s("c::varchar(3)"), s("c"), s("VARCHAR(3)"), true),
            (
                s("cast((d + 1) * 2 AS numeric(5, 2))"),
                s("(d + 1) * 2"),
                s("NUMERIC(5,2)"),
                false
            ),
        ]
    );
}

#[test]
fn a_cast_is_no_call_and_calls_count_their_arguments() {
    let sql = "SELECT CAST(round(x, 2) AS INT), round(f(a, b)), now() FROM t";
    let (ast, tokens) = both(sql, |m, _| {
        m.calls.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
    });
    assert_eq!(ast, tokens);
    assert_eq!(ast, ["round", "round", "f", "now"]);
    let counts = crate::testing::both_models(sql, |m| {
        m.calls
            .iter()
            .map(|c| c.argument_count())
            .collect::<Vec<_>>()
    });
    let expected = vec![Some(2), Some(1), Some(2), Some(0)];
    assert_eq!(counts, [expected.clone(), expected]);
}

/// Each argument's shape and text, from both builders.
fn call_arguments(sql: &str) -> [Vec<Vec<(String, String)>>; 2] {
    crate::testing::both_models(sql, |m| {
        m.calls
            .iter()
            .map(|c| {
                let args = c.args.as_deref().unwrap_or_default();
                args.iter()
                    .map(|a| (shape(&a.kind), sql[a.span.clone()].to_string()))
                    .collect()
            })
            .collect()
    })
}

fn shape(kind: &ExprKind) -> String {
    match kind {
        ExprKind::Call(name, args) => format!("Call {name} {}", args.len()),
        ExprKind::Concat(parts) => {
            let parts: Vec<String> = parts.iter().map(|p| shape(&p.kind)).collect();
            format!("Concat {parts:?}")
        }
        other => format!("{other:?}"),
    }
}

#[test]
fn calls_hold_their_arguments_shapes_with_nested_calls_by_name() {
    let sql = "SELECT json_object('{a,b}', ARRAY['1', '2']), max(t.a, -1, ?), \
               f(lower(x), 'a' || upper(y), NULL, 2.5, count(*)) FROM t";
    let [ast, tokens] = call_arguments(sql);
    assert_eq!(ast, tokens);
    let shapes: Vec<Vec<String>> = ast
        .iter()
        .map(|args| args.iter().map(|(shape, _)| shape.clone()).collect())
        .collect();
    assert_eq!(
        shapes,
        [
            // SQLite's tokenizer reads `['1', '2']` as a bracket-quoted name.
            vec![r#"String("{a,b}")"#, "Other"],
            vec!["Name", "Number", "Placeholder"],
            vec![
                "Call lower 0",
                r#"Concat ["String(\"a\")", "Call upper 0"]"#,
                "Other",
                "Number",
                "Call count 0"
            ],
            vec!["Name"],
            vec!["Name"],
            vec!["Other"],
        ]
    );
    assert_eq!(ast[2][1].1, "'a' || upper(y)");
}

#[test]
fn calls_keep_their_arguments() {
    let (ast, _) = both("SELECT coalesce(a, lower('X')) FROM t", |m, text| {
        (
            m.calls.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
            text(&m.calls[0].span),
        )
    });
    assert_eq!(
        ast,
        (
            vec!["coalesce".to_string(), "lower".to_string()],
            "coalesce(a, lower('X'))".to_string()
        )
    );
}

#[test]
fn columns_constraints_and_table_constraints() {
    let sql = "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \
               CONSTRAINT u UNIQUE (at), FOREIGN KEY (id) REFERENCES p (id))";
    let (ast, tokens) = both(sql, |m, text| {
        let columns: Vec<_> = m
            .columns
            .iter()
            .map(|c| {
                let kinds: Vec<_> = c.constraint_list.iter().map(|k| k.kind).collect();
                (c.ident.value.clone(), kinds)
            })
            .collect();
        let constraints: Vec<_> = m
            .table_constraints
            .iter()
            .map(|c| (c.kind, text(&c.span)))
            .collect();
        (columns, constraints)
    });
    assert_eq!(ast, tokens);
    assert_eq!(
        ast.0,
        vec![
            (
                "id".to_string(),
                vec![ConstraintKind::PrimaryKey, ConstraintKind::Autoincrement]
            ),
            (
                "at".to_string(),
                vec![ConstraintKind::NotNull, ConstraintKind::Default]
            ),
        ]
    );
    assert_eq!(
        ast.1[0],
        (
            ConstraintKind::Unique,
            "CONSTRAINT u UNIQUE (at)".to_string()
        )
    );
    assert_eq!(ast.1[1].0, ConstraintKind::ForeignKey);
}

#[test]
fn alter_table_actions_are_classified_by_the_tree() {
    let sql = "ALTER TABLE IF EXISTS ONLY s.t ADD COLUMN a int DEFAULT f(1, 2), DROP CONSTRAINT c, \
               ALTER COLUMN b TYPE text, ADD PRIMARY KEY (a), DISABLE TRIGGER ALL, OWNER TO x";
    let (ast, tokens) = both(sql, |m, _| {
        let table = m.alter_table.as_ref().unwrap();
        (
            table.actions.iter().map(|a| a.kind).collect::<Vec<_>>(),
            m.columns.len(),
        )
    });
    assert_eq!(ast, tokens);
    assert_eq!(
        ast.0,
        [
            ActionKind::AddColumn,
            ActionKind::Constraint,
            ActionKind::AlterColumn,
            ActionKind::Constraint,
            ActionKind::TriggerToggle,
            ActionKind::Other
        ]
    );
    assert_eq!(ast.1, 1);
}

#[test]
fn literals_and_quoted_names() {
    let (ast, tokens) = both(
        "SELECT \"Name\", `b`, 'x', 1, NULL, TRUE FROM t WHERE c = $1",
        |m, text| {
            let literals: Vec<_> = m.literals.iter().map(|l| text(&l.span)).collect();
            let quoted: Vec<_> = m
                .identifiers
                .iter()
                .filter(|i| i.quote.is_some())
                .map(|i| (i.value.clone(), i.quote))
                .collect();
            (literals, quoted)
        },
    );
    assert_eq!(ast, tokens);
    assert_eq!(ast.0, ["'x'", "1", "NULL", "TRUE", "$1"]);
    assert_eq!(
        ast.1,
        [
            ("Name".to_string(), Some('"')),
            ("b".to_string(), Some('`'))
        ]
    );
}

#[test]
fn the_model_records_the_dialect_that_parsed() {
    with_statement("SELECT 1", |ctx| {
        assert_eq!(ctx.model().origin, Origin::Parsed(ParseDialect::Sqlite))
    });
    with_statement("COMMENT ON TABLE t IS 'x'", |ctx| {
        assert_eq!(ctx.model().origin, Origin::Parsed(ParseDialect::Postgres))
    });
    with_statement("SELECT FROM WHERE (", |ctx| {
        assert_eq!(ctx.model().origin, Origin::Tokens)
    });
}

/// Each column's (name, type, constraints) text, as the pipeline's model has it.
fn columns(sql: &str) -> Vec<(String, String, String)> {
    with_statement(sql, |ctx| {
        let text = |r: &Range<usize>| {
            if r.is_empty() {
                String::new()
            } else {
                ctx.text(&ctx.token_span(r.start, r.end - 1)).to_string()
            }
        };
        ctx.column_definitions()
            .iter()
            .map(|c| {
                (
                    text(&(c.name..c.name + 1)),
                    text(&c.data_type),
                    text(&c.constraints),
                )
            })
            .collect()
    })
}

#[test]
fn finds_types_and_constraints_of_created_columns() {
    for sql in [
        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, at TIMESTAMP WITH TIME ZONE NOT NULL, \
         tags VARCHAR(10)[], bare, CONSTRAINT pk UNIQUE (at, tags))",
        // Not parsed by any dialect (`WITH ROWID` is no clause): the fallback.
        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, at TIMESTAMP WITH TIME ZONE NOT NULL, \
         tags VARCHAR(10)[], bare, CONSTRAINT pk UNIQUE (at, tags)) WITH ROWID",
    ] {
        let expected = [
            ("id", "INTEGER", "PRIMARY KEY AUTOINCREMENT"),
            ("at", "TIMESTAMP WITH TIME ZONE", "NOT NULL"),
            ("tags", "VARCHAR(10)[]", ""),
            ("bare", "", ""),
        ];
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(columns(sql), expected, "{sql}");
    }
}

#[test]
fn partitions_and_typed_tables_declare_no_columns() {
    assert!(
        columns(
            "CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')"
        )
        .is_empty()
    );
    assert!(columns("CREATE TABLE typed OF pair (a PRIMARY KEY)").is_empty());
    assert!(columns("CREATE TABLE t AS SELECT (1) AS a").is_empty());
}

#[test]
fn finds_columns_added_by_alter_table() {
    let got = columns(
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS a BLOB, ADD b DOUBLE DEFAULT 0, DROP COLUMN c",
    );
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("a", "BLOB"));
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str(), got[1].2.as_str()),
        ("b", "DOUBLE", "DEFAULT 0")
    );
}

fn kinds(sql: &str) -> Vec<(ActionKind, String)> {
    with_statement(sql, |ctx| {
        let table = ctx.alter_table().expect("an ALTER TABLE");
        table
            .actions
            .iter()
            .map(|a| {
                (
                    a.kind,
                    ctx.text(&ctx.token_span(a.tokens.start, a.tokens.end - 1))
                        .to_string(),
                )
            })
            .collect()
    })
}

#[test]
fn classifies_each_comma_separated_action() {
    let got = kinds(
        "ALTER TABLE IF EXISTS ONLY s.t ADD COLUMN a int DEFAULT f(1, 2), DROP CONSTRAINT c, \
         ALTER COLUMN b TYPE text, ADD PRIMARY KEY (a), DISABLE TRIGGER ALL, OWNER TO x, RENAME TO u",
    );
    let expected = [
        (ActionKind::AddColumn, "ADD COLUMN a int DEFAULT f(1, 2)"),
        (ActionKind::Constraint, "DROP CONSTRAINT c"),
        (ActionKind::AlterColumn, "ALTER COLUMN b TYPE text"),
        (ActionKind::Constraint, "ADD PRIMARY KEY (a)"),
        (ActionKind::TriggerToggle, "DISABLE TRIGGER ALL"),
        (ActionKind::Other, "OWNER TO x"),
        (ActionKind::Rename, "RENAME TO u"),
    ];
    let expected: Vec<_> = expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
    assert_eq!(got, expected);
}

#[test]
fn alter_actions_say_what_they_change() {
    let sql = "ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER b DROP DEFAULT, ALTER c TYPE int, \
               ADD CONSTRAINT k CHECK (a > 0), DROP CONSTRAINT k2, ADD COLUMN IF NOT EXISTS d int";
    let (ast, tokens) = both(sql, |m, _| {
        m.alter_table
            .as_ref()
            .unwrap()
            .actions
            .iter()
            .map(|a| (a.column_change, a.constraint_change, a.guard.clone()))
            .collect::<Vec<_>>()
    });
    assert_eq!(ast, tokens);
    assert_eq!(
        ast.iter().map(|a| (a.0, a.1)).collect::<Vec<_>>(),
        [
            (Some(ColumnChange::SetNotNull), None),
            (Some(ColumnChange::DropDefault), None),
            (Some(ColumnChange::Type), None),
            (None, Some(ConstraintChange::AddCheck)),
            (None, Some(ConstraintChange::Drop)),
            (None, None),
        ]
    );
    assert!(ast[5].2.is_some());
}

#[test]
fn finds_the_name_and_if_exists() {
    with_statement("ALTER TABLE IF EXISTS \"s\".t ADD c int", |ctx| {
        let table = ctx.alter_table().unwrap();
        assert_eq!(table.if_exists, Some(2..4));
        assert_eq!(
            ctx.text(&ctx.token_span(table.name.start, table.name.end - 1)),
            "\"s\".t"
        );
    });
}

#[test]
fn empty_pieces_between_commas_are_no_actions() {
    assert_eq!(
        kinds("ALTER TABLE t DROP COLUMN a, , RENAME TO b,").len(),
        2
    );
}

#[test]
fn a_bare_alter_table_has_no_action_and_no_panic() {
    with_statement("ALTER TABLE", |ctx| assert!(ctx.alter_table().is_none()));
    with_statement("ALTER TABLE t", |ctx| {
        assert!(ctx.alter_table().unwrap().actions.is_empty())
    });
}

#[test]
fn a_binary_operator_before_a_signed_operand_is_found() {
    let (ast, tokens) = both("SELECT a * -1, NOT b AND c FROM t", |m, text| {
        m.operators
            .iter()
            .map(|o| (text(&o.span), o.arity))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        ast,
        [
            ("*".to_string(), Arity::Binary),
            ("-".to_string(), Arity::Unary),
            ("NOT".to_string(), Arity::Unary),
            ("AND".to_string(), Arity::Binary)
        ]
    );
    // The fallback knows no signs, no `*` (a wildcard or a product?) nor NOT.
    assert_eq!(tokens, [("AND".to_string(), Arity::Binary)]);
}

#[test]
fn the_fallback_takes_no_type_or_clause_for_a_call() {
    let calls = with_statement(
        "CREATE TABLE t (a VARCHAR(20) DEFAULT lower('X'), UNIQUE (a)) WITH ROWID",
        |ctx| {
            assert!(ctx.ast.is_none());
            ctx.model()
                .calls
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        },
    );
    assert_eq!(calls, ["lower"]);
}

#[test]
fn limits_and_offsets_with_their_values() {
    for sql in [
        "SELECT a FROM (SELECT a FROM t LIMIT (-1) OFFSET 2) s LIMIT 10 - 1",
        "SELECT a FROM t LIMIT 5, - 2",
        "SELECT a FROM t LIMIT (SELECT n FROM s LIMIT 1), f(2, 3)",
        "SELECT a FROM t LIMIT ALL OFFSET (1 + 2) ROWS",
    ] {
        let (ast, tokens) = both(sql, |m, text| {
            m.limits
                .iter()
                .map(|l| (l.kind, text(&l.keyword), text(&l.value)))
                .collect::<Vec<_>>()
        });
        assert_eq!(ast, tokens, "{sql}");
    }
    let (ast, _) = both("SELECT a FROM t LIMIT 5, - 2", |m, text| {
        m.limits
            .iter()
            .map(|l| (l.kind, text(&l.value)))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        ast,
        [
            (LimitKind::Offset, "5".to_string()),
            (LimitKind::Limit, "- 2".to_string())
        ]
    );
}

#[test]
fn is_distinct_from_is_a_binary_operator() {
    let (ast, tokens) = both(
        "SELECT a IS DISTINCT FROM b, f(a) IS NOT DISTINCT FROM lower(b) FROM t",
        |m, text| {
            m.operators
                .iter()
                .map(|o| {
                    let operands: Vec<_> = o.operands.iter().map(text).collect();
                    (text(&o.span), o.arity, operands)
                })
                .collect::<Vec<_>>()
        },
    );
    assert_eq!(ast, tokens);
    assert_eq!(ast[0].0, "IS DISTINCT FROM");
    assert_eq!(ast[0].2, ["a", "b"]);
    assert_eq!(ast[1].0, "IS NOT DISTINCT FROM");
    assert_eq!(ast[1].2, ["f(a)", "lower(b)"]);
}

#[test]
fn alter_column_actions_span_through_the_words_naming_the_change() {
    let sql = "ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER b TYPE BIGINT USING b::bigint, \
               ALTER COLUMN c DROP DEFAULT, ADD COLUMN d INT";
    let (ast, tokens) = both(sql, |m, text| {
        let actions = &m.alter_table.as_ref().expect("an ALTER TABLE").actions;
        actions
            .iter()
            .map(|a| (text(&a.span), a.change_words.as_ref().map(text)))
            .collect::<Vec<_>>()
    });
    let expected = vec![
        (
            "ALTER COLUMN a SET NOT NULL".to_string(),
            Some("ALTER COLUMN a SET NOT NULL".to_string()),
        ),
        (
            "ALTER b TYPE BIGINT USING b::bigint".to_string(),
            Some("ALTER b TYPE BIGINT".to_string()),
        ),
        (
            "ALTER COLUMN c DROP DEFAULT".to_string(),
            Some("ALTER COLUMN c DROP DEFAULT".to_string()),
        ),
        ("ADD COLUMN d INT".to_string(), None),
    ];
    assert_eq!(ast, expected);
    assert_eq!(tokens, expected);
}
