//! The published JSON Schemas (`schema/*.schema.json`): in step with the
//! code, every shipped log valid under them, every event the crate writes
//! valid, and refusing what the readers refuse.

use std::path::{Path, PathBuf};

use anchang::event::{ChangePolicy, SignIn};
use anchang::schema::{desk_event_schema, event_schema};
use anchang::{jsonl, Event, Policy};
use proptest::prelude::*;
use serde_json::Value;

use crate::properties::cases;

const REGENERATE: &str = "UPDATE_SCHEMA=1 cargo test --all-features --test main schema::shipped";

fn shipped(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(file)
}

/// The shipped file must be the generated text; with `UPDATE_SCHEMA=1` the
/// test writes it instead (and the diff is reviewed like any other).
fn check_in_step(file: &str, generated: schemars::Schema) {
    let now = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    let path = shipped(file);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == now,
        "schema/{file} is not what the code generates now: regenerate it with \
         `{REGENERATE}` and commit the file"
    );
}

#[test]
fn shipped_event_schema_is_what_the_code_generates() {
    check_in_step("event.schema.json", event_schema());
}

#[test]
fn shipped_desk_schema_is_what_the_code_generates() {
    check_in_step("desk_event.schema.json", desk_event_schema());
}

fn validator(file: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(shipped(file)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn events() -> jsonschema::Validator {
    validator("event.schema.json")
}

fn desk() -> jsonschema::Validator {
    validator("desk_event.schema.json")
}

/// The event lines of a log as the readers see them: blank and `#` lines skipped.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_start_matches('\u{feff}').trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

#[test]
fn every_shipped_log_is_valid_under_its_schema() {
    let (events, desk) = (events(), desk());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut logs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // The front desk keeps a log of its own, in its own vocabulary.
        let (own, other) = if name.starts_with("desk") {
            (&desk, &events)
        } else {
            (&events, &desk)
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let mut read = 0;
        for (n, line) in lines(&text) {
            let value: Value = serde_json::from_str(line).unwrap();
            let errors: Vec<String> = own.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}:{n} is not valid: {errors:?}");
            assert!(
                !other.is_valid(&value),
                "{name}:{n} is valid under the other vocabulary's schema too"
            );
            read += 1;
        }
        assert!(read > 0, "{name} holds no event");
        logs += 1;
    }
    assert!(logs >= 4, "only {logs} shipped logs found");
}

const GOOD: &str = r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#;

/// Lines the reader refuses, each for one reason.
const REFUSED: &[(&str, &str)] = &[
    (
        "a missing required field",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in"}"#,
    ),
    (
        "a field of the wrong type",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":5}"#,
    ),
    (
        "an unknown kind",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_on","agent":"Li"}"#,
    ),
    (
        "a desk kind in the engine's log",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"desk_done","request":"R1"}"#,
    ),
    (
        "another version",
        r#"{"v":2,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#,
    ),
    (
        "no version",
        r#"{"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#,
    ),
    (
        "the version as text",
        r#"{"v":"1","id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#,
    ),
    (
        "no id",
        r#"{"v":1,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#,
    ),
    (
        "a negative id",
        r#"{"v":1,"id":-7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#,
    ),
    ("no time", r#"{"v":1,"id":7,"type":"sign_in","agent":"Li"}"#),
    (
        "a time that is not one",
        r#"{"v":1,"id":7,"at":"2026-03-02 9:00","type":"sign_in","agent":"Li"}"#,
    ),
    (
        "no type",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","agent":"Li"}"#,
    ),
    (
        "an unknown field",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li","王芳":1}"#,
    ),
    (
        "a field of another kind",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li","visitor":"v1"}"#,
    ),
    (
        "an unknown reason",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"step_away","agent":"Li","reason":"nap"}"#,
    ),
    (
        "an id with a space",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li Ming"}"#,
    ),
    (
        "an empty id",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":""}"#,
    ),
    (
        "a price as text",
        r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"deposit","deal":"d1","client":"c1","unit":"u1","price":"100","agent":"Li"}"#,
    ),
    ("not an object", r#"[1,2]"#),
];

#[test]
fn the_schema_refuses_what_the_reader_refuses() {
    let schema = events();
    // The control: the schema and the reader take the good line.
    assert!(jsonl::parse_line(GOOD, 1).is_ok());
    assert!(schema.is_valid(&serde_json::from_str(GOOD).unwrap()));
    for (why, line) in REFUSED {
        assert!(
            jsonl::parse_line(line, 1).is_err(),
            "the reader takes {why}"
        );
        let value: Value = serde_json::from_str(line).unwrap();
        assert!(!schema.is_valid(&value), "the schema takes {why}: {line}");
    }
}

#[test]
fn the_desk_schema_refuses_what_the_desk_reader_refuses() {
    let schema = desk();
    let good = r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"desk_request","request":"R1","unit":"3-1502","kind":"repair"}"#;
    assert!(anchang::desk::jsonl::parse_line(good, 1).is_ok());
    assert!(schema.is_valid(&serde_json::from_str(good).unwrap()));
    let refused = [
        good.replace(r#""v":1"#, r#""v":2"#),
        good.replace(r#","kind":"repair""#, ""),
        good.replace(r#""repair""#, r#""gossip""#),
        good.replace("desk_request", "desk_gossip"),
        good.replace(r#""unit""#, r#""wing""#),
        GOOD.to_owned(),
    ];
    for line in &refused {
        assert!(
            anchang::desk::jsonl::parse_line(line, 1).is_err(),
            "the desk reader takes {line}"
        );
        let value: Value = serde_json::from_str(line).unwrap();
        assert!(!schema.is_valid(&value), "the desk schema takes {line}");
    }
}

#[test]
fn a_change_policy_line_is_valid() {
    let event = Event::new(
        1,
        "2026-03-02T08:00:00".parse().unwrap(),
        ChangePolicy {
            policy: Box::new(Policy::p3()),
        },
    );
    let value = serde_json::to_value(&event).unwrap();
    assert!(events().is_valid(&value));
    let sign_in = Event::new(
        2,
        event.at,
        SignIn {
            agent: "Li".parse().unwrap(),
        },
    );
    assert!(events().is_valid(&serde_json::to_value(&sign_in).unwrap()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Whatever the crate writes, of any kind, the schema takes: the
    /// hand-described header and text types agree with the serde form.
    #[test]
    fn every_line_the_crate_writes_is_valid_under_the_schema(
        kind in crate::robustness::kind(),
        id in 0u64..1_000_000,
        minutes in 0i64..100_000,
    ) {
        let at = "2026-03-02T09:00:00".parse::<anchang::Timestamp>().unwrap().plus_seconds(minutes * 60);
        let event = Event { id: anchang::EventId(id), at, kind };
        let value = serde_json::to_value(&event).unwrap();
        let errors: Vec<String> = events().iter_errors(&value).map(|e| e.to_string()).collect();
        prop_assert!(errors.is_empty(), "{}: {:?}", jsonl::to_line(&event), errors);
    }
}

/// The README's JSON Lines section lists every kind with every one of its
/// fields, as the schema has them.
#[test]
fn the_readme_lists_every_kind_and_field() {
    let readme = include_str!("../README.md");
    let start = readme.find("## JSON Lines").unwrap();
    let end = readme[start..]
        .find("\n## ")
        .map_or(readme.len(), |e| start + e);
    let section = &readme[start..end];
    assert!(
        section.contains("schema/event.schema.json"),
        "the section links the schema"
    );
    let schema = serde_json::to_value(event_schema()).unwrap();
    let branches = schema["oneOf"].as_array().unwrap();
    assert!(branches.len() > 30);
    for branch in branches {
        let kind = branch["properties"]["type"]["const"].as_str().unwrap();
        let row = section
            .lines()
            .find(|l| l.starts_with(&format!("| `{kind}` |")))
            .unwrap_or_else(|| panic!("no row for `{kind}` in the README's format section"));
        for field in branch["properties"].as_object().unwrap().keys() {
            if ["v", "id", "at", "type"].contains(&field.as_str()) {
                continue;
            }
            assert!(
                row.contains(&format!("`{field}`")),
                "the row of `{kind}` lacks `{field}`"
            );
        }
    }
}
