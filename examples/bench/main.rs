//! Whole-process benchmark of the release binary.
//!
//! `cargo run --release --example bench [-- --runs N --quick --format human|json]`
//!
//! Generates a deterministic corpus (see `bench/corpus.rs`) under
//! `target/bench-corpus`, then measures, as medians of several runs:
//! throughput on 2,000 files / ~20 MB and 20,000 files / ~200 MB, the latency
//! of one ~3 KB migration, and peak RSS on the 20 MB corpus and on one 60 MB
//! file. When `squawk` is on PATH it is run on the same corpus in the same
//! run, interleaved with dal-audit, and the ratio is printed. When the
//! labelled corpus of real migrations is there (`--real DIR`, by default
//! `../shared/corpus`), both are also run on it, and the findings per KB of
//! the generated and the real corpus are printed side by side: the generated
//! one is denser, so it is the harder case for output.
//! Figures are printed, never asserted: timings on a shared machine vary.

mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 0x5eed_da1a;
/// Bumped whenever the generator changes, so a stale corpus is rebuilt.
const CORPUS_VERSION: u32 = 1;
const MB: usize = 1_000_000;

struct Options {
    runs: usize,
    quick: bool,
    format: String,
    real: PathBuf,
}

fn main() {
    let options = parse_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = build_release_binary(root);
    let dir = root.join("target/bench-corpus");
    let squawk = find_squawk();

    let small = ensure_corpus(&dir.join("c20"), 2_000, 20 * MB);
    let single = dir.join("single/0001_init.sql");
    ensure_file(&single, || {
        std::fs::create_dir_all(single.parent().unwrap())?;
        let mut rng = corpus::Rng::new(SEED ^ 3);
        std::fs::write(
            &single,
            corpus::migration(&mut rng, corpus::Style::Sqlite, 3_000),
        )
    });
    let big_file = dir.join("big/big.sql");
    ensure_file(&big_file, || {
        std::fs::create_dir_all(big_file.parent().unwrap())?;
        corpus::write_big_file(&big_file, SEED ^ 60, 60 * MB)
    });

    println!(
        "dal-audit benchmark: {} (format {}), medians of {} runs",
        binary.display(),
        options.format,
        options.runs
    );
    match &squawk {
        Some(path) => println!("squawk: {} ({})", path.display(), version(path)),
        None => println!("squawk: not on PATH (pip install squawk-cli), no comparison"),
    }
    println!();

    let dal = |target: &Path| {
        let mut command = Command::new(&binary);
        command
            .args(["check", "--color", "never", "--format", &options.format])
            .arg(target);
        command
    };
    let squawk_on = |target: &Path| {
        let mut command = Command::new(squawk.as_ref().unwrap());
        command.arg(if target.is_dir() {
            format!("{}/**/*.sql", target.display())
        } else {
            target.display().to_string()
        });
        command
    };

    // One corpus, dal-audit and squawk interleaved: medians, ratios, and
    // how many findings per KB the output had to carry.
    let side_by_side = |label: &str, target: &Path, bytes: usize| {
        let ours = measure(
            &dal(target),
            options.runs,
            squawk.as_ref().map(|_| squawk_on(target)),
        );
        report_line(label, &ours.0, bytes);
        if let Some(theirs) = &ours.1 {
            report_line("  squawk, same corpus, same run", theirs, bytes);
            println!(
                "  => dal-audit is {:.2}x faster than squawk (median wall time ratio); {:.2}x less CPU time",
                median_secs(theirs) / median_secs(&ours.0),
                median_cpu(theirs) / median_cpu(&ours.0)
            );
        }
        println!(
            "  findings: {:.1} per KB",
            findings(&binary, target) as f64 / (bytes as f64 / 1e3)
        );
    };

    // 20 MB corpus, side by side with squawk.
    let (bytes, files) = small;
    side_by_side(
        &format!("20 MB corpus ({files} files, {:.1} MB)", bytes as f64 / 1e6),
        &dir.join("c20"),
        bytes,
    );

    // Real migrations, when the labelled corpus is there.
    if options.real.is_dir() {
        let (bytes, files) = (size_of_sql(&options.real), walk(&options.real).len());
        side_by_side(
            &format!("real corpus ({files} files, {:.1} MB)", bytes as f64 / 1e6),
            &options.real,
            bytes,
        );
    }

    // Single ~3 KB file: what an editor save costs.
    let latency = measure(
        &dal(&single),
        options.runs.max(15),
        squawk.as_ref().map(|_| squawk_on(&single)),
    );
    let size = std::fs::metadata(&single).map(|m| m.len()).unwrap_or(0);
    println!(
        "single file ({size} bytes): median {:.1} ms, min {:.1} ms",
        median_secs(&latency.0) * 1e3,
        min_secs(&latency.0) * 1e3
    );
    if let Some(theirs) = &latency.1 {
        println!("  squawk: median {:.1} ms", median_secs(theirs) * 1e3);
    }

    // One 60 MB file: memory must stay bounded.
    let big_bytes = std::fs::metadata(&big_file)
        .map(|m| m.len() as usize)
        .unwrap_or(0);
    let big = measure(&dal(&big_file), options.runs.min(3), None);
    report_line(
        &format!("one {:.0} MB file", big_bytes as f64 / 1e6),
        &big.0,
        big_bytes,
    );

    if !options.quick {
        let large = ensure_corpus(&dir.join("c200"), 20_000, 200 * MB);
        let runs = options.runs.min(3);
        // Scaling is about dal-audit alone: both sizes back to back, so that
        // squawk's 1.4 GB runs on the large corpus cannot skew the ratio.
        let scaling = measure(&dal(&dir.join("c200")), runs, Some(dal(&dir.join("c20"))));
        report_line(
            &format!(
                "200 MB corpus ({} files, {:.1} MB)",
                large.1,
                large.0 as f64 / 1e6
            ),
            &scaling.0,
            large.0,
        );
        let small_again = scaling.1.expect("measured");
        report_line("  20 MB corpus, same run", &small_again, bytes);
        println!(
            "  => 200 MB time / 20 MB time = {:.1}x (target <= 11x; the corpora are {:.1}x apart)",
            median_secs(&scaling.0) / median_secs(&small_again),
            large.0 as f64 / bytes as f64
        );
        if let Some(theirs) = squawk.as_ref().map(|_| squawk_on(&dir.join("c200"))) {
            let side_by_side = measure(&dal(&dir.join("c200")), runs, Some(theirs));
            let theirs = side_by_side.1.expect("measured");
            report_line("  squawk, 200 MB corpus", &theirs, large.0);
            println!(
                "  => dal-audit is {:.2}x faster than squawk on 200 MB (same run)",
                median_secs(&theirs) / median_secs(&side_by_side.0)
            );
        }
    }
}

fn parse_args() -> Options {
    let mut options = Options {
        runs: 5,
        quick: false,
        format: "human".into(),
        real: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--quick" => options.quick = true,
            "--format" => options.format = args.next().expect("--format human|json"),
            "--real" => options.real = args.next().expect("--real DIR").into(),
            other => {
                panic!("unknown argument {other}; use --runs N, --quick, --format F, --real DIR")
            }
        }
    }
    options
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

/// The real squawk executable (a pyenv shim would add a shell's start-up to every run).
fn find_squawk() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&on_path)
        .map(|d| d.join("squawk"))
        .find(|p| p.is_file())?;
    let resolved = Command::new("pyenv")
        .args(["which", "squawk"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    Some(resolved.filter(|p| p.is_file()).unwrap_or(found))
}

fn version(binary: &Path) -> String {
    Command::new(binary)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn ensure_corpus(dir: &Path, files: usize, bytes: usize) -> (usize, usize) {
    let stamp = dir.join(".stamp");
    let expected = format!("{CORPUS_VERSION} {SEED} {files} {bytes}");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(expected.as_str()) {
        let _ = std::fs::remove_dir_all(dir);
        eprintln!("generating {} ({files} files)…", dir.display());
        corpus::write_corpus(dir, SEED ^ files as u64, files, bytes).expect("corpus written");
        std::fs::write(&stamp, &expected).expect("stamp written");
    }
    (size_of_sql(dir), walk(dir).len())
}

fn size_of_sql(dir: &Path) -> usize {
    walk(dir)
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0))
        .sum()
}

/// How many findings dal-audit reports on `target`: lines of its compact
/// output, counted as they stream by. (Holding the output would grow this
/// process, and a child started from it inherits its peak RSS figure.)
fn findings(binary: &Path, target: &Path) -> usize {
    use std::io::Read;
    let mut child = Command::new(binary)
        .args(["check", "--format", "compact"])
        .arg(target)
        .stdout(Stdio::piped())
        .spawn()
        .expect("dal-audit runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut buffer = vec![0u8; 1 << 16];
    let mut lines = 0;
    loop {
        match stdout.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => lines += buffer[..n].iter().filter(|&&b| b == b'\n').count(),
            Err(e) => panic!("reading dal-audit's output: {e}"),
        }
    }
    child.wait().expect("dal-audit ends");
    lines
}

fn ensure_file(path: &Path, make: impl FnOnce() -> std::io::Result<()>) {
    let stamp = path.with_extension("stamp");
    let expected = format!("{CORPUS_VERSION} {SEED}");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(expected.as_str()) {
        make().expect("benchmark input written");
        std::fs::write(&stamp, &expected).expect("stamp written");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "sql") {
                out.push(path);
            }
        }
    }
    out
}

/// One process run: wall time and peak resident memory.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    /// User plus system time: steadier than wall time on a busy machine.
    cpu: Duration,
    max_rss_kb: i64,
}

/// Runs `ours` (and `theirs`, interleaved) once to warm the page cache, then `runs` times.
fn measure(
    ours: &Command,
    runs: usize,
    theirs: Option<Command>,
) -> (Vec<Sample>, Option<Vec<Sample>>) {
    let mut a = Vec::new();
    let mut b = theirs.as_ref().map(|_| Vec::new());
    for i in 0..=runs {
        let sample = run(ours);
        let other = theirs.as_ref().map(run);
        if i == 0 {
            continue;
        }
        a.push(sample);
        if let (Some(b), Some(s)) = (&mut b, other) {
            b.push(s);
        }
    }
    (a, b)
}

// `wait4` below reaps the child; clippy cannot see that.
#[allow(clippy::zombie_processes)]
fn run(command: &Command) -> Sample {
    let mut command = clone_command(command);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let child = command.spawn().expect("benchmarked program starts");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child, with valid out-pointers.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Sample {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss,
    }
}

fn clone_command(command: &Command) -> Command {
    let mut copy = Command::new(command.get_program());
    copy.args(command.get_args());
    copy
}

fn sorted(samples: &[Sample], key: impl Fn(&Sample) -> f64) -> Vec<f64> {
    let mut values: Vec<f64> = samples.iter().map(key).collect();
    values.sort_by(|x, y| x.total_cmp(y));
    values
}

fn median(values: &[f64]) -> f64 {
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn median_secs(samples: &[Sample]) -> f64 {
    median(&sorted(samples, |s| s.wall.as_secs_f64()))
}

fn median_cpu(samples: &[Sample]) -> f64 {
    median(&sorted(samples, |s| s.cpu.as_secs_f64()))
}

fn min_secs(samples: &[Sample]) -> f64 {
    sorted(samples, |s| s.wall.as_secs_f64())[0]
}

fn report_line(label: &str, samples: &[Sample], bytes: usize) {
    let secs = median_secs(samples);
    let rss = median(&sorted(samples, |s| s.max_rss_kb as f64)) / 1024.0;
    let all: Vec<String> = sorted(samples, |s| s.wall.as_secs_f64())
        .iter()
        .map(|s| format!("{s:.3}"))
        .collect();
    println!(
        "{label}: median {secs:.3} s ({:.1} MB/s), CPU {:.2} s, peak RSS {rss:.1} MB; runs [{}] s",
        bytes as f64 / 1e6 / secs,
        median_cpu(samples),
        all.join(", ")
    );
}
