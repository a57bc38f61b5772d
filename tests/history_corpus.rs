//! The migration sets of the labelled corpus (`../shared/corpus`, or
//! `DAL_AUDIT_CORPUS`): for every set of its `SETS.json`, the order
//! `history::find_sets` gives its files must be the corpus's. Without the
//! corpus the test says so and checks nothing.

use std::path::{Path, PathBuf};

use dal_audit::history::find_sets;

fn corpus() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("DAL_AUDIT_CORPUS").map(PathBuf::from),
        Some(manifest.join("../shared/corpus")),
        Some(manifest.join("../../shared/corpus")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|dir| dir.join("SETS.json").is_file())
}

#[test]
fn every_corpus_set_is_found_in_its_order() {
    let Some(corpus) = corpus() else {
        eprintln!("no corpus (../shared/corpus or DAL_AUDIT_CORPUS): set order not checked");
        return;
    };
    let sets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("SETS.json")).unwrap()).unwrap();
    let sets = sets.as_array().expect("SETS.json is a list");
    // Every file of the corpus, as `check` discovers them.
    let all = dal_audit::project::discover::discover(std::slice::from_ref(&corpus))
        .unwrap()
        .files;
    let found = find_sets(&all, None);
    let mut failures = Vec::new();
    for set in sets {
        let name = set["set"].as_str().unwrap();
        let expected: Vec<PathBuf> = set["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| corpus.join(f.as_str().unwrap()))
            .collect();
        // The set found for the first file, in its runner's order, keeping
        // the corpus set's files (one folder may hold two sets, by engine).
        let Some(ours) = found
            .iter()
            .find(|s| s.history().any(|f| f.path == expected[0]))
        else {
            failures.push(format!(
                "{name}: {} is in no set's history",
                expected[0].display()
            ));
            continue;
        };
        let order: Vec<&PathBuf> = ours
            .history()
            .map(|f| &f.path)
            .filter(|p| expected.contains(p))
            .collect();
        let expected: Vec<&PathBuf> = expected.iter().collect();
        if order != expected {
            failures.push(format!(
                "{name} ({}): got\n  {}\nexpected\n  {}",
                ours.describe(),
                order
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("\n  "),
                expected
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        } else {
            eprintln!("{name}: {} files, {}", order.len(), ours.describe());
        }
    }
    assert!(
        failures.is_empty(),
        "{} set(s) out of order:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{} corpus sets found in their order", sets.len());
}
