//! Generates the rule registry from the files under `src/rules/<group>/`.
//!
//! Each `src/rules/<group>/<rule_id>.rs` becomes a module `<group>::<rule_id>`
//! and its `RULE` joins `REGISTRY`, so adding a rule never means editing a list.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let manifest_dir = manifest_dir();
    let rules_dir = manifest_dir.join("src/rules");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for group in sorted_entries(&rules_dir)
        .into_iter()
        .filter(|p| p.is_dir())
    {
        println!("cargo:rerun-if-changed={}", group.display());
        let rules: Vec<String> = sorted_entries(&group)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|stem| stem != "mod")
            .collect();
        groups.push((file_name(&group), rules));
    }

    let mut code = String::new();
    let mut entries = Vec::new();
    for (group, rules) in &groups {
        writeln!(code, "pub mod {group} {{").unwrap();
        for rule in rules {
            let path = rules_dir.join(group).join(format!("{rule}.rs"));
            // Rules spell out `..Rule::DEFAULT` even when they set every field,
            // so that a new field of `Rule` never means editing every rule.
            writeln!(
                code,
                "    #[allow(clippy::needless_update)]\n    #[path = {:?}]\n    pub mod {rule};",
                path.display().to_string()
            )
            .unwrap();
            entries.push((group.clone(), rule.clone()));
        }
        writeln!(code, "}}").unwrap();
    }
    let mut by_id = entries.clone();
    by_id.sort_by_key(|(_, rule)| rule.clone());
    writeln!(code, "static REGISTRY: [&Rule; {}] = [", by_id.len()).unwrap();
    for (group, rule) in &by_id {
        writeln!(code, "    &{group}::{rule}::RULE,").unwrap();
    }
    writeln!(code, "];").unwrap();
    writeln!(
        code,
        "#[cfg(test)]\nstatic REGISTRY_SOURCES: &[(&str, &str, &Rule)] = &["
    )
    .unwrap();
    for (group, rule) in &by_id {
        writeln!(code, "    ({group:?}, {rule:?}, &{group}::{rule}::RULE),").unwrap();
    }
    writeln!(code, "];").unwrap();

    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("registry.rs");
    fs::write(out, code).unwrap();
    write_docs();
}

/// Embeds every page `rules/<id>.md` as `DOCS`, so that `dal-audit explain`
/// works without the source tree.
fn write_docs() {
    let docs_dir = manifest_dir().join("rules");
    println!("cargo:rerun-if-changed={}", docs_dir.display());
    let pages: Vec<_> = sorted_entries(&docs_dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let mut code = format!("static DOCS: [(&str, &str); {}] = [\n", pages.len());
    for page in &pages {
        let id = page.file_stem().unwrap().to_string_lossy();
        writeln!(
            code,
            "    ({id:?}, include_str!({:?})),",
            page.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("docs.rs");
    fs::write(out, code).unwrap();
}

fn sorted_entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The package's folder, read when the script runs: `env!` would freeze the
/// folder the script was compiled in, and a build whose target folder was
/// copied from another checkout would then read that checkout's rules.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("cargo sets CARGO_MANIFEST_DIR for build scripts")
        .into()
}
