//! The scale of a real dual-backend application (issue 11): generates a
//! synthetic app (about 17 MB of Rust in 671 files with 1,242 `sqlx::query`
//! calls, 1.5 MB of migrations) in a temporary folder, then prints the
//! median wall time of `dal-audit check` on it beside `grep -rE` of the
//! patterns the old CI step searched for, in one run.
//!
//! `cargo run --release --example rust_scale -- [--runs N] [--keep DIR]`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 671;
const STORAGE_FILES: usize = 40;
const QUERY_CALLS: usize = 1_242;
const RUST_BYTES: usize = 17 << 20;
const MIGRATION_BYTES: usize = 1_500_000;
const MIGRATION_FILES: usize = 150;
/// What the grep step searched for (boundary, portability, trait boundary).
const GREP_PATTERN: &str = r"sqlx::query|state\.pool|\?1|strftime\(|CREATE TRIGGER|SqlitePool";

fn main() {
    let (runs, keep) = parse_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = build_release_binary(root);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = keep.as_deref().unwrap_or(dir.path());
    let (rust_bytes, calls) = generate_app(app);
    let migration_bytes = generate_migrations(&app.join("migrations"));
    println!(
        "synthetic app: {FILES} Rust files, {:.1} MB of Rust, {calls} sqlx::query calls, {:.2} MB of migrations ({MIGRATION_FILES} files)",
        mb(rust_bytes),
        mb(migration_bytes)
    );
    let check = median(runs, || {
        let mut cmd = Command::new(&binary);
        cmd.current_dir(app).args(["check", "--format", "compact"]);
        cmd
    });
    let grep = median(runs, || {
        let mut cmd = Command::new("grep");
        cmd.current_dir(app)
            .args(["-rE", GREP_PATTERN, "src", "migrations"]);
        cmd
    });
    println!("median of {runs} runs on 2 cores:");
    println!("  dal-audit check   {:>8.3} s", check.as_secs_f64());
    println!("  grep -rE (old CI) {:>8.3} s", grep.as_secs_f64());
    println!(
        "  ratio             {:>8.1}x",
        check.as_secs_f64() / grep.as_secs_f64()
    );
}

/// `--runs N` (5), `--keep DIR`: generate the app there and leave it.
fn parse_args() -> (usize, Option<PathBuf>) {
    let mut args = std::env::args().skip(1);
    let mut runs = 5;
    let mut keep = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--keep" => keep = Some(PathBuf::from(args.next().expect("--keep DIR"))),
            other => panic!("unknown argument {other}; use --runs N, --keep DIR"),
        }
    }
    (runs, keep)
}

fn build_release_binary(root: &Path) -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "dal-audit"])
        .current_dir(root)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo build --release failed");
    root.join("target/release/dal-audit")
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// The median wall time of `runs` runs of a command (output discarded).
fn median(runs: usize, command: impl Fn() -> Command) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            let status = command()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("the command runs");
            assert!(status.code().is_some(), "killed by a signal");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A small deterministic generator (no dependency, same app every run).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Writes `src/` and the configuration; returns the Rust bytes and query calls.
fn generate_app(app: &Path) -> (usize, usize) {
    std::fs::create_dir_all(app.join("src/storage")).unwrap();
    std::fs::create_dir_all(app.join("src/handlers")).unwrap();
    std::fs::create_dir_all(app.join("src/domain")).unwrap();
    std::fs::write(app.join(".gitignore"), "target/\n").unwrap();
    std::fs::write(
        app.join("dal-audit.toml"),
        "paths = [\"migrations\", \"src\"]\nstorage = [\"src/storage/**\"]\n\n[[overrides]]\nfiles = [\"src/storage/sqlite*.rs\"]\ntargets = [\"sqlite>=3.35\"]\n\n[[overrides]]\nfiles = [\"src/storage/postgres*.rs\"]\ntargets = [\"postgres>=14\"]\n",
    )
    .unwrap();
    let mut rng = Seeded(11);
    let per_file = RUST_BYTES / FILES;
    // Most queries live in storage; a few handlers query directly.
    let handler_files = 60;
    let handler_calls = 62;
    let storage_calls = QUERY_CALLS - handler_calls;
    let mut total = 0;
    let mut calls = 0;
    for i in 0..FILES {
        let (path, queries, engine) = if i < STORAGE_FILES {
            let engine = if i % 2 == 0 { "sqlite" } else { "postgres" };
            let share =
                storage_calls / STORAGE_FILES + usize::from(i < storage_calls % STORAGE_FILES);
            (
                format!("src/storage/{engine}_{i:03}.rs"),
                share,
                Some(engine),
            )
        } else if i < STORAGE_FILES + handler_files {
            let share = usize::from(i - STORAGE_FILES < handler_calls)
                + usize::from(i - STORAGE_FILES + handler_files < handler_calls);
            (format!("src/handlers/h_{i:03}.rs"), share, None)
        } else {
            (format!("src/domain/m_{i:03}.rs"), 0, None)
        };
        let mut text = rust_file(&mut rng, per_file, queries, engine);
        // Half the other files use a database word (`query`, as HTTP code
        // does) without any database call: they pass the byte pre-filter and
        // the token check, and are parsed with syn, as in a real app.
        if i % 2 == 0 {
            text.push_str("pub fn search(params: &HashMap<String, String>) -> Option<String> {\n    let query = params.get(\"q\")?;\n    Some(query.trim().to_lowercase())\n}\n");
        }
        total += text.len();
        calls += queries;
        std::fs::write(app.join(path), text).unwrap();
    }
    (total, calls)
}

/// One Rust file of about `bytes` bytes with `queries` sqlx::query calls.
fn rust_file(rng: &mut Seeded, bytes: usize, queries: usize, engine: Option<&str>) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    match engine {
        Some("sqlite") => out.push_str("use sqlx::{Sqlite, SqlitePool, Transaction};\n\n"),
        Some(_) => out.push_str("use sqlx::{PgPool, Postgres};\n\n"),
        None => out.push_str("use std::collections::HashMap;\n\n"),
    }
    let pool_type = match engine {
        Some("sqlite") => "&SqlitePool",
        Some(_) => "&PgPool",
        None => "&AppState",
    };
    let mut n = 0;
    let mut written_queries = 0;
    while out.len() < bytes || written_queries < queries {
        n += 1;
        if written_queries < queries {
            written_queries += 1;
            let table = ["users", "posts", "tags", "sessions", "comments"][rng.next(5)];
            let sql = match rng.next(4) {
                0 => format!("SELECT id, name, created_at FROM {table} WHERE id = $1"),
                1 => format!(
                    "UPDATE {table} SET name = $1, updated_at = CURRENT_TIMESTAMP WHERE id = $2"
                ),
                2 => format!("INSERT INTO {table} (name, owner_id) VALUES ($1, $2) RETURNING id"),
                _ => format!("DELETE FROM {table} WHERE owner_id = $1 AND id <> $2"),
            };
            let receiver = if engine.is_some() {
                "pool"
            } else {
                "&state.pool"
            };
            let _ = write!(
                out,
                "pub async fn query_{n}(pool: {pool_type}, id: i64) -> Result<u64, sqlx::Error> {{\n    let done = sqlx::query(\n        \"{sql}\",\n    )\n    .bind(id)\n    .execute({receiver})\n    .await?;\n    Ok(done.rows_affected())\n}}\n\n"
            );
        }
        let _ = write!(
            out,
            "#[derive(Debug, Clone, PartialEq)]\npub struct Record{n} {{\n    pub id: i64,\n    pub name: String,\n    pub tags: Vec<String>,\n    pub score: Option<f64>,\n}}\n\nimpl Record{n} {{\n    pub fn new(id: i64, name: &str) -> Self {{\n        Record{n} {{ id, name: name.to_string(), tags: Vec::new(), score: None }}\n    }}\n\n    pub fn weight(&self, factor: f64) -> f64 {{\n        let base = self.id as f64 * factor + {k}.0;\n        match self.score {{\n            Some(s) if s > 0.5 => base * s,\n            Some(s) => base - s,\n            None => base,\n        }}\n    }}\n\n    pub fn label(&self) -> String {{\n        let mut parts: Vec<&str> = self.tags.iter().map(String::as_str).collect();\n        parts.sort_unstable();\n        format!(\"{{}}: {{}}\", self.name, parts.join(\", \"))\n    }}\n}}\n\n",
            k = rng.next(1000)
        );
    }
    out
}

/// `MIGRATION_FILES` migrations of 1.5 MB in all, portable but for a few.
fn generate_migrations(dir: &Path) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    let per_file = MIGRATION_BYTES / MIGRATION_FILES;
    let mut total = 0;
    for i in 0..MIGRATION_FILES {
        let mut text = format!(
            "CREATE TABLE t_{i} (\n    id BIGINT PRIMARY KEY,\n    name TEXT NOT NULL,\n    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n\n"
        );
        let mut row = 0;
        while text.len() < per_file {
            row += 1;
            let _ = writeln!(
                text,
                "INSERT INTO t_{i} (id, name) VALUES ({row}, 'name {row} of table {i}');"
            );
        }
        total += text.len();
        std::fs::write(
            dir.join(format!("{:014}_m{i}.sql", 20240101000000u64 + i as u64)),
            text,
        )
        .unwrap();
    }
    total
}
