//! A deterministic corpus of realistic migrations for the benchmark.
//!
//! Seeded and self-contained (no file of `../shared/corpus` is copied): each
//! file is a SQLite-style or a PostgreSQL-style migration, mixing portable
//! statements with the constructs dal-audit flags (date functions, `?1`,
//! PRAGMA, triggers, `$$` bodies, `DO` blocks…), comments, strings holding
//! `;`, and some non-ASCII text.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// SplitMix64: tiny, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const NOUNS: &[&str] = &[
    "user",
    "account",
    "session",
    "order",
    "invoice",
    "payment",
    "product",
    "category",
    "comment",
    "post",
    "tag",
    "subscription",
    "event",
    "audit_log",
    "device",
    "team",
    "membership",
    "token",
    "message",
    "attachment",
    "review",
    "shipment",
    "warehouse",
    "price",
    "coupon",
    "report",
];
const COLUMNS: &[&str] = &[
    "name",
    "title",
    "email",
    "status",
    "body",
    "slug",
    "amount",
    "quantity",
    "position",
    "kind",
    "description",
    "url",
    "locale",
    "currency",
    "notes",
    "priority",
    "score",
    "label",
];
const WORDS: &[&str] = &[
    "alpha",
    "beta",
    "gamma",
    "pending",
    "active",
    "archived",
    "café",
    "naïve",
    "München",
    "東京",
    "O''Brien",
    "a; b",
    "--not a comment",
    "/* nor this */",
    "emoji 🎉",
    "x",
];

/// Which engine a generated migration was written for.
#[derive(Clone, Copy)]
pub enum Style {
    Sqlite,
    Postgres,
}

/// One migration of roughly `target_bytes`.
pub fn migration(rng: &mut Rng, style: Style, target_bytes: usize) -> String {
    let mut sql = String::with_capacity(target_bytes + 2048);
    let _ = writeln!(
        sql,
        "-- migration {}: generated for the dal-audit benchmark",
        rng.next() % 100_000
    );
    while sql.len() < target_bytes {
        match style {
            Style::Sqlite => sqlite_statement(rng, &mut sql),
            Style::Postgres => postgres_statement(rng, &mut sql),
        }
        sql.push('\n');
    }
    sql
}

fn table(rng: &mut Rng) -> String {
    format!("{}s_{}", rng.pick(NOUNS), rng.below(50))
}

fn column(rng: &mut Rng) -> &'static str {
    COLUMNS[rng.below(COLUMNS.len())]
}

fn literal(rng: &mut Rng) -> String {
    format!("'{} {}'", rng.pick(WORDS), rng.below(1000))
}

fn sqlite_statement(rng: &mut Rng, sql: &mut String) {
    let t = table(rng);
    if rng.chance(20) {
        let _ = writeln!(
            sql,
            "-- {} for {t}",
            rng.pick(&["Add", "Index", "Backfill", "Clean up"])
        );
    }
    let _ = match rng.below(14) {
        0..=2 => {
            let _ = writeln!(sql, "CREATE TABLE IF NOT EXISTS {t} (");
            let _ = writeln!(sql, "    id INTEGER PRIMARY KEY AUTOINCREMENT,");
            for i in 0..3 + rng.below(6) {
                let ty = rng.pick(&[
                    "TEXT NOT NULL",
                    "TEXT",
                    "INTEGER NOT NULL DEFAULT 0",
                    "REAL",
                    "BLOB",
                    "BOOLEAN NOT NULL DEFAULT 0",
                    "VARCHAR(255)",
                ]);
                let _ = writeln!(sql, "    {}_{i} {ty},", column(rng));
            }
            let created = rng.pick(&[
                "DEFAULT (strftime('%s', 'now'))",
                "DEFAULT CURRENT_TIMESTAMP",
                "DEFAULT (datetime('now'))",
            ]);
            let _ = writeln!(sql, "    created_at TEXT NOT NULL {created},");
            let _ = writeln!(
                sql,
                "    {}_id INTEGER REFERENCES {}(id) ON DELETE CASCADE",
                rng.pick(NOUNS),
                table(rng)
            );
            let rowid = if rng.chance(15) { " WITHOUT ROWID" } else { "" };
            writeln!(sql, "){rowid};")
        }
        3 | 4 => {
            let unique = if rng.chance(30) { "UNIQUE " } else { "" };
            let c = column(rng);
            writeln!(
                sql,
                "CREATE {unique}INDEX IF NOT EXISTS idx_{t}_{c} ON {t} ({c}, created_at);"
            )
        }
        5 => writeln!(
            sql,
            "ALTER TABLE {t} ADD COLUMN {}_{} TEXT NOT NULL DEFAULT {};",
            column(rng),
            rng.below(9),
            literal(rng)
        ),
        6 | 7 => {
            let verb = rng.pick(&["INSERT", "INSERT OR IGNORE", "INSERT OR REPLACE", "REPLACE"]);
            let _ = writeln!(
                sql,
                "{verb} INTO {t} (id, {}, created_at) VALUES",
                column(rng)
            );
            let rows = 1 + rng.below(6);
            for r in 0..rows {
                let sep = if r + 1 == rows { ";" } else { "," };
                let _ = writeln!(
                    sql,
                    "    ({}, {}, '2024-01-{:02} 10:00:00'){sep}",
                    rng.below(100_000),
                    literal(rng),
                    1 + rng.below(28)
                );
            }
            Ok(())
        }
        8 => writeln!(
            sql,
            "UPDATE {t} SET {} = {}, updated_at = datetime('now') WHERE id = ?1 AND {} <> ?2;",
            column(rng),
            literal(rng),
            column(rng)
        ),
        9 => {
            let _ = writeln!(
                sql,
                "CREATE TRIGGER IF NOT EXISTS trg_{t}_touch AFTER UPDATE ON {t}"
            );
            let _ = writeln!(sql, "FOR EACH ROW WHEN NEW.{} IS NOT NULL", column(rng));
            let _ = writeln!(sql, "BEGIN");
            let _ = writeln!(
                sql,
                "    UPDATE {t} SET updated_at = CASE WHEN OLD.id > 0 THEN strftime('%s', 'now') ELSE NULL END WHERE id = NEW.id;"
            );
            let _ = writeln!(
                sql,
                "    INSERT INTO audit_log (entity, entity_id) VALUES ('{t}', NEW.id);"
            );
            writeln!(sql, "END;")
        }
        10 => writeln!(
            sql,
            "PRAGMA {};",
            rng.pick(&[
                "foreign_keys = ON",
                "journal_mode = WAL",
                "user_version = 7",
                "defer_foreign_keys = 1"
            ])
        ),
        11 => {
            let u = table(rng);
            writeln!(
                sql,
                "CREATE VIEW IF NOT EXISTS v_{t} AS\nSELECT a.id, a.{c}, count(b.id) AS n, julianday('now') - julianday(a.created_at) AS age\nFROM {t} AS a LEFT JOIN {u} AS b ON b.{t}_id = a.id\nWHERE a.{c} LIKE '%{w}%' GROUP BY a.id, a.{c} HAVING count(b.id) > {n} ORDER BY n DESC LIMIT 50;",
                c = column(rng),
                w = rng.pick(NOUNS),
                n = rng.below(10)
            )
        }
        12 => writeln!(
            sql,
            "DELETE FROM {t} WHERE created_at < strftime('%s', 'now', '-30 days') /* retention; see docs */;"
        ),
        _ => writeln!(sql, "DROP TABLE IF EXISTS {t};"),
    };
}

fn postgres_statement(rng: &mut Rng, sql: &mut String) {
    let t = table(rng);
    if rng.chance(20) {
        let _ = writeln!(
            sql,
            "-- {} {t}",
            rng.pick(&["Create", "Migrate", "Backfill", "Tune"])
        );
    }
    let _ = match rng.below(15) {
        0..=2 => {
            let _ = writeln!(sql, "CREATE TABLE {t} (");
            let _ = writeln!(
                sql,
                "    id {} PRIMARY KEY,",
                rng.pick(&[
                    "BIGSERIAL",
                    "UUID DEFAULT gen_random_uuid()",
                    "BIGINT GENERATED ALWAYS AS IDENTITY"
                ])
            );
            for i in 0..3 + rng.below(6) {
                let ty = rng.pick(&[
                    "TEXT NOT NULL",
                    "VARCHAR(255)",
                    "INTEGER NOT NULL DEFAULT 0",
                    "NUMERIC(12, 2)",
                    "JSONB NOT NULL DEFAULT '{}'::jsonb",
                    "BOOLEAN NOT NULL DEFAULT false",
                    "TEXT[]",
                    "BYTEA",
                ]);
                let _ = writeln!(sql, "    {}_{i} {ty},", column(rng));
            }
            let _ = writeln!(sql, "    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),");
            writeln!(
                sql,
                "    {}_id BIGINT REFERENCES {}(id) ON DELETE SET NULL\n);",
                rng.pick(NOUNS),
                table(rng)
            )
        }
        3 | 4 => {
            let c = column(rng);
            let how = rng.pick(&["", "CONCURRENTLY ", ""]);
            let using = rng.pick(&["", " USING gin", " USING btree"]);
            writeln!(
                sql,
                "CREATE INDEX {how}IF NOT EXISTS idx_{t}_{c} ON {t}{using} ({c}) WHERE deleted_at IS NULL;"
            )
        }
        5 => writeln!(
            sql,
            "ALTER TABLE {t} ADD CONSTRAINT fk_{t}_{n} FOREIGN KEY ({n}_id) REFERENCES {n}s_1(id) ON DELETE CASCADE;",
            n = rng.pick(NOUNS)
        ),
        6 | 7 => {
            let c = column(rng);
            let _ = writeln!(sql, "INSERT INTO {t} (id, {c}, created_at) VALUES");
            let rows = 1 + rng.below(6);
            for r in 0..rows {
                let sep = if r + 1 == rows { "" } else { "," };
                let _ = writeln!(
                    sql,
                    "    ({}, {}, now() - interval '{} days'){sep}",
                    rng.below(100_000),
                    literal(rng),
                    rng.below(90)
                );
            }
            writeln!(
                sql,
                "ON CONFLICT (id) DO UPDATE SET {c} = EXCLUDED.{c} RETURNING id;"
            )
        }
        8 => {
            let _ = writeln!(
                sql,
                "CREATE OR REPLACE FUNCTION touch_{t}() RETURNS trigger AS $$"
            );
            let _ = writeln!(
                sql,
                "BEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;"
            );
            writeln!(
                sql,
                "CREATE TRIGGER trg_{t}_touch BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION touch_{t}();"
            )
        }
        9 => writeln!(
            sql,
            "CREATE TYPE {}_state AS ENUM ('draft', 'live', 'gone');",
            rng.pick(NOUNS)
        ),
        10 => writeln!(sql, "COMMENT ON TABLE {t} IS {};", literal(rng)),
        11 => writeln!(
            sql,
            "DO $$\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'x') THEN\n        CREATE TYPE x AS ENUM ('a');\n    END IF;\nEND\n$$;"
        ),
        12 => writeln!(
            sql,
            "UPDATE {t} SET {c} = lower({c})::text, payload = payload || jsonb_build_object('k', {v}) WHERE {c} ILIKE '%{w}%' AND id = $1;",
            c = column(rng),
            v = literal(rng),
            w = rng.pick(NOUNS)
        ),
        13 => writeln!(
            sql,
            "SELECT id, {c}, count(*) OVER (PARTITION BY {c}) FROM {t} WHERE created_at > now() - interval '1 day' ORDER BY {c} NULLS LAST;",
            c = column(rng)
        ),
        _ => writeln!(sql, "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";"),
    };
}

/// Writes `files` migrations of `total_bytes` in all under `dir`, in
/// `dir/<project>/NNNN_name.sql` folders of 50 files, as real projects have.
pub fn write_corpus(
    dir: &Path,
    seed: u64,
    files: usize,
    total_bytes: usize,
) -> io::Result<Vec<PathBuf>> {
    let mut rng = Rng::new(seed);
    let per_file = total_bytes / files.max(1);
    let mut paths = Vec::with_capacity(files);
    for i in 0..files {
        let project = dir.join(format!("project_{:04}", i / 50));
        if i % 50 == 0 {
            std::fs::create_dir_all(&project)?;
        }
        let style = if (i / 50) % 3 == 2 {
            Style::Postgres
        } else {
            Style::Sqlite
        };
        // Sizes vary between half and one and a half of the mean.
        let size = per_file / 2 + rng.below(per_file.max(1));
        let path = project.join(format!("{:04}_{}.sql", i % 50, rng.pick(NOUNS)));
        std::fs::write(&path, migration(&mut rng, style, size))?;
        paths.push(path);
    }
    Ok(paths)
}

/// One file of about `bytes`, SQLite and PostgreSQL sections alternating.
pub fn write_big_file(path: &Path, seed: u64, bytes: usize) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 64 * 1024);
    let mut i = 0;
    while text.len() < bytes {
        let style = if i % 3 == 2 {
            Style::Postgres
        } else {
            Style::Sqlite
        };
        text.push_str(&migration(&mut rng, style, 10_000));
        i += 1;
    }
    std::fs::write(path, text)
}
