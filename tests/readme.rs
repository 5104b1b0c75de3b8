//! The README stays true: its JSON Lines block parses and shows every
//! event kind, its embedding example runs, and its rule-coverage table
//! lists every rule of kinds Q, R, A and M.

use anchang::Rule;

const README: &str = include_str!("../README.md");

fn block(lang: &str) -> &'static str {
    let start = README.find(&format!("```{lang}\n")).expect("block") + lang.len() + 4;
    let end = README[start..].find("```").unwrap() + start;
    &README[start..end]
}

#[test]
fn readme_jsonl_block_shows_every_event_kind() {
    let mut tags: Vec<&str> = Vec::new();
    for (i, line) in block("jsonl").lines().enumerate() {
        let e =
            anchang::jsonl::parse_line(line, i + 1).unwrap_or_else(|err| panic!("{err}: {line}"));
        tags.push(e.kind.tag());
    }
    tags.push("change_policy");
    let all = [
        "sign_in",
        "sign_out",
        "shift_on",
        "shift_off",
        "suspend",
        "reinstate",
        "step_away",
        "return",
        "arrive",
        "leave",
        "end",
        "decline",
        "takeover",
        "reorder",
        "assign",
        "approve_stand_in",
        "change_policy",
        "register",
        "follow_up",
        "link_family",
        "confirm_identity",
        "resolve_duplicate",
        "switch_agent",
        "depart",
        "reassign",
        "designate",
        "consent",
        "confirm_call",
        "approve_reregistration",
        "deposit",
        "contract",
        "objection",
        "ruling",
        "effective_register",
        "still_disagree",
        "cancel",
        "receive",
        "stage",
        "visit_end",
    ];
    for t in all {
        assert!(tags.contains(&t), "README shows no `{t}` line");
    }
}

/// Every rule of kinds Q, R, A and M has a row in the coverage table.
#[test]
fn readme_covers_every_queue_registry_attribution_and_manager_rule() {
    let table =
        &README[README.find("## Rule coverage").unwrap()..README.find("## Design").unwrap()];
    for r in Rule::ALL {
        if r.kinds().chars().any(|k| "QRAM".contains(k)) {
            let row = format!("| {} |", r.id());
            assert!(table.contains(&row), "no coverage row for {}", r.id());
        }
    }
}

/// Every test or item the coverage table names exists in the sources.
#[test]
fn readme_coverage_names_only_real_tests() {
    fn sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    sources(&root.join("src"), &mut code);
    sources(&root.join("tests"), &mut code);
    let table =
        &README[README.find("## Rule coverage").unwrap()..README.find("## Design").unwrap()];
    for name in table.split('`').skip(1).step_by(2) {
        let is_test_like = name.contains('_')
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if is_test_like {
            let exists = [
                format!("fn {name}"),
                format!("{name}:"),
                format!("\"{name}\""),
            ]
            .iter()
            .any(|p| code.contains(p));
            assert!(exists, "README names `{name}`, which does not exist");
        }
    }
}
