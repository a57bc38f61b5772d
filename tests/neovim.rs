//! `dal-audit server` driven by a real editor: Neovim, headless, runs
//! `tests/neovim/roundtrip.lua` (open a file, wait for diagnostics, ask for
//! the code actions, apply the fix, wait for the new diagnostics, add a
//! line and apply the `source.fixAll` action, stop the server) and reports what it holds. Needs `nvim` (Debian's `neovim`
//! package; `.ci/run` installs it). Without it the test says SKIP loudly,
//! and fails when `CI` is set.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("nvim"))
        .find(|candidate| candidate.is_file())
}

/// Runs the round trip on `file`; the JSON the script wrote.
fn roundtrip(nvim: &Path, file: &Path, out: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/roundtrip.lua");
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("DAL_AUDIT_BIN", env!("CARGO_BIN_EXE_dal-audit"))
        .env("DAL_AUDIT_FILE", file)
        .env("DAL_AUDIT_OUT", out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "nvim exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let written = std::fs::read_to_string(out).expect("the script wrote its result");
    serde_json::from_str(&written).unwrap()
}

/// Each diagnostic Neovim holds as `(code, [lnum, col, end_lnum, end_col])`.
fn held(diagnostics: &Value) -> Vec<(String, [u64; 4])> {
    let n = |d: &Value, key: &str| d[key].as_u64().unwrap();
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "dal-audit");
            let at = [n(d, "lnum"), n(d, "col"), n(d, "end_lnum"), n(d, "end_col")];
            (d["code"].as_str().unwrap().to_string(), at)
        })
        .collect()
}

#[test]
fn neovim_holds_the_servers_diagnostics_and_applies_its_fix() {
    let Some(nvim) = nvim() else {
        let reason = "`nvim` is not on PATH (Debian: apt-get install -y neovim)";
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the Neovim test: {reason}"
        );
        // Straight to stderr: the harness would swallow `eprintln!` from a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "SKIP neovim_holds_the_servers_diagnostics_and_applies_its_fix: {reason}; this test did NOT run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("1_init.sql");
    // `é` and `🦀` before the backtick: the server sends UTF-16 columns (14..17),
    // Neovim turns them into byte columns (17..20) on its own.
    let text = "SELECT 1;\nSELECT 'é🦀', `x` FROM t;\nSELECT datetime('now');\n";
    std::fs::write(&file, text).unwrap();
    let result = roundtrip(&nvim, &file, &dir.path().join("out.json"));
    eprintln!("Neovim {}", result["nvim"]);
    assert_eq!(result["error"], Value::Null, "{result}");

    let date_function = ("sqlite-date-function".to_string(), [2, 7, 2, 22]);
    assert_eq!(
        held(&result["opened"]),
        [
            ("backtick-identifier".to_string(), [1, 17, 1, 20]),
            date_function.clone(),
        ]
    );
    assert_eq!(result["opened"][0]["severity"], 1);
    assert_eq!(
        result["actions"],
        json!([
            "Fix backtick-identifier: quote the names with double quotes",
            "Allow backtick-identifier here (then write the reason)",
            "Allow backtick-identifier in this file (then write the reason)",
        ])
    );
    assert_eq!(
        result["fixed_text"],
        json!([
            "SELECT 1;",
            "SELECT 'é🦀', \"x\" FROM t;",
            "SELECT datetime('now');"
        ])
    );
    assert_eq!(
        held(&result["after_fix"]),
        std::slice::from_ref(&date_function)
    );
    assert_eq!(
        result["fix_all_actions"],
        json!([{ "title": "Fix 2 dal-audit findings (safe fixes)", "kind": "source.fixAll.dal-audit" }])
    );
    assert_eq!(
        result["fixed_all_text"][3],
        "CREATE TABLE \"u\" (a TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);"
    );
    assert_eq!(held(&result["after_fix_all"]), [date_function]);
    // Neovim's stop_client sends shutdown then exit: the server exits with 0.
    assert_eq!(result["exit_code"], 0);
}
