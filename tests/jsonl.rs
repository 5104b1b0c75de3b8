//! JSON Lines: every event kind round-trips; bad lines are typed errors
//! naming the line and field, never a panic, with the state before intact.

use anchang::jsonl::{self, ReadError};
use anchang::policy::Policy;
use anchang::{ApplyErrorKind, QueueError, What};
use proptest::prelude::*;

const DAY: &str = r#"
# a comment and a blank line are skipped

{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}
{"v":1,"id":2,"at":"2026-03-02T09:01:00","type":"sign_in","agent":"Wang"}
{"v":1,"id":3,"at":"2026-03-02T09:30:00","type":"arrive","visitor":"v1"}
{"v":1,"id":4,"at":"2026-03-02T09:31:00","type":"arrive","visitor":"v2","named_agent":"Li"}
{"v":1,"id":5,"at":"2026-03-02T09:40:00","type":"end","agent":"Li"}
"#;

fn replay_text(text: &str) -> Result<anchang::Replay, Box<jsonl::JsonlReplayError>> {
    jsonl::replay_reader(&Policy::p1(), text.as_bytes())
}

#[test]
fn a_day_replays_from_text() {
    let day = replay_text(DAY).unwrap();
    let receivers: Vec<String> = day
        .decisions
        .iter()
        .filter_map(|d| match &d.what {
            What::Received(r) => Some(format!("{}>{}", r.visitor, r.agent)),
            _ => None,
        })
        .collect();
    // v2 names Li, who is busy: it waits, and gets Li when Li ends.
    assert_eq!(receivers, ["v1>Li", "v2>Li"]);
}

#[track_caller]
fn malformed(line_text: &str) -> (usize, String) {
    let text = format!("{DAY}{line_text}\n");
    let err = replay_text(&text).unwrap_err();
    // Nothing before the bad line is lost.
    let good = replay_text(DAY).unwrap();
    assert_eq!(err.state, good.state);
    assert_eq!(err.decisions, good.decisions);
    match err.error {
        ReadError::Malformed { line, field, .. } => (line, field),
        other => panic!("expected a malformed line, got {other}"),
    }
}

#[test]
fn malformed_lines_name_line_and_field() {
    let bad_line = DAY.lines().count() + 1;
    let cases = [
        ("not json at all", "-"),
        (r#"[1,2]"#, "-"),
        (
            r#"{"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "v",
        ),
        (
            r#"{"v":2,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "v",
        ),
        (
            r#"{"v":1,"id":-6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "id",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-02-30T10:00:00","type":"end","agent":"Li"}"#,
            "at",
        ),
        (
            r#"{"v":1,"id":6,"at":"noon","type":"end","agent":"Li"}"#,
            "at",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end"}"#,
            "agent",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li","extra":1}"#,
            "extra",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li Ming"}"#,
            "agent",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"dance","agent":"Li"}"#,
            "type",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"step_away","agent":"Li","reason":"nap"}"#,
            "reason",
        ),
    ];
    for (text, field) in cases {
        assert_eq!(malformed(text), (bad_line, field.to_owned()), "{text}");
    }
}

#[test]
fn rejected_events_name_line_event_and_field() {
    let text = format!(
        "{DAY}{}\n",
        r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Zhao"}"#
    );
    let err = replay_text(&text).unwrap_err();
    let ReadError::Apply { line, error } = &err.error else {
        panic!("{}", err.error)
    };
    assert_eq!(*line, DAY.lines().count() + 1);
    assert_eq!(error.event, anchang::EventId(6));
    assert_eq!(error.field, "agent");
    assert!(matches!(
        error.kind,
        ApplyErrorKind::Queue(QueueError::UnknownAgent(_))
    ));
    assert_eq!(err.state, replay_text(DAY).unwrap().state);
    let message = err.error.to_string();
    assert!(
        message.contains("line 9") && message.contains("#6") && message.contains("agent"),
        "{message}"
    );

    let back = format!(
        "{DAY}{}\n",
        r#"{"v":1,"id":6,"at":"2026-03-02T08:00:00","type":"sign_in","agent":"Zhao"}"#
    );
    let err = replay_text(&back).unwrap_err();
    let ReadError::Apply { error, .. } = &err.error else {
        panic!("{}", err.error)
    };
    assert_eq!(error.field, "at");
    assert!(matches!(
        error.kind,
        ApplyErrorKind::Log(anchang::LogError::TimeBackwards { .. })
    ));
}

#[test]
fn a_retried_line_is_reported_and_ignored() {
    let retried = format!("{DAY}{}\n", DAY.lines().nth(5).unwrap());
    let day = replay_text(&retried).unwrap();
    let once = replay_text(DAY).unwrap();
    assert_eq!(day.state, once.state);
    assert!(matches!(
        day.decisions.last().unwrap().what,
        What::Ignored { .. }
    ));
}

#[test]
fn every_event_kind_round_trips() {
    let log = jsonl::events(DAY.as_bytes())
        .map(|r| r.unwrap().1)
        .collect::<Vec<_>>();
    for e in &log {
        let line = jsonl::to_line(e);
        assert!(line.starts_with(r#"{"v":1,"#), "{line}");
        assert_eq!(&jsonl::parse_line(&line, 1).unwrap(), e);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::properties::cases() * 4, ..ProptestConfig::default() })]

    /// Any line at all is an event or a typed error: the reader never panics.
    #[test]
    fn any_line_is_an_event_or_a_typed_error(line in ".{0,120}") {
        let _ = jsonl::parse_line(&line, 1);
    }

    /// Lines close to valid ones (a field's value replaced) never panic either.
    #[test]
    fn mangled_fields_are_typed_errors(value in prop_oneof![
        Just("null".to_owned()), Just("-1".to_owned()), Just("1e99".to_owned()), Just("\"\"".to_owned()),
        Just("[]".to_owned()), Just("{}".to_owned()), "\"[^\"\\\\]{0,30}\"".prop_map(|s| s)
    ], field in prop_oneof![Just("id"), Just("at"), Just("type"), Just("agent"), Just("visitor"), Just("reason")]) {
        let line = format!(r#"{{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"step_away","agent":"Li","reason":"meal","{field}":{value}}}"#);
        let _ = jsonl::parse_line(&line, 1);
    }
}

/// A corrupt snapshot is refused when read, not when the next event comes.
#[test]
fn a_corrupt_snapshot_is_refused_on_load() {
    let day = replay_text(DAY).unwrap();
    let good = serde_json::to_string(&day.state).unwrap();
    assert_eq!(
        serde_json::from_str::<anchang::State>(&good).unwrap(),
        day.state
    );
    let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
    v["queue"]["rotation"]["order"] = serde_json::json!([0, 1, 9]);
    let err = serde_json::from_value::<anchang::State>(v).unwrap_err();
    assert!(err.to_string().contains("slot 9"), "{err}");
}

/// A rotation whose waiting turns name an agent outside its order, or whose
/// counters lag behind what they handed out, is refused too.
#[test]
fn a_snapshot_with_inconsistent_rotation_or_counters_is_refused() {
    let day = replay_text(DAY).unwrap();
    let good: serde_json::Value = serde_json::to_value(&day.state).unwrap();
    let mut v = good.clone();
    v["queue"]["rotation"]["pending"] = serde_json::json!([0, 0]);
    assert!(serde_json::from_value::<anchang::State>(v).is_err());
    let mut v = good.clone();
    v["queue"]["rotation"]["order"] = serde_json::json!([0]);
    v["queue"]["rotation"]["pending"] = serde_json::json!([1]);
    assert!(serde_json::from_value::<anchang::State>(v).is_err());
    let mut v = good;
    v["registry"]["households"] = serde_json::json!({});
    v["registry"]["next_household"] = serde_json::json!(0);
    assert!(
        serde_json::from_value::<anchang::State>(v).is_ok(),
        "an empty household table is consistent"
    );
}
