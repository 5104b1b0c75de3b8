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
        ReadError::Malformed { line, field, .. } => (line, field.to_owned()),
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
        // An unknown key is not echoed: it may be a client's name.
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li","extra":1}"#,
            "-",
        ),
        // One of the crate's own field names, on a kind without it, is named.
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li","reason":"meal"}"#,
            "reason",
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

/// The line with `line_text` appended to DAY, read with keep-going.
fn keep_going(text: &str) -> jsonl::JsonlReplay {
    let options = jsonl::Options {
        keep_going: true,
        ..Default::default()
    };
    jsonl::replay_with(&Policy::p1(), text.as_bytes(), &options).unwrap()
}

#[test]
fn serde_form_is_the_line_format() {
    for path in ["day.jsonl", "clients.jsonl", "deals.jsonl"] {
        let text = std::fs::read_to_string(format!("examples/data/{path}")).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let by_reader = jsonl::parse_line(line, i + 1).unwrap();
            let by_serde: anchang::Event = serde_json::from_str(line).unwrap();
            assert_eq!(by_reader, by_serde, "{path}:{}", i + 1);
            let written = serde_json::to_string(&by_serde).unwrap();
            assert!(written.starts_with(r#"{"v":1,"id":"#), "{written}");
            assert_eq!(written, jsonl::to_line(&by_serde));
            assert_eq!(
                serde_json::from_str::<anchang::Event>(&written).unwrap(),
                by_serde
            );
        }
    }
}

#[test]
fn duplicate_keys_are_refused_with_the_field() {
    let bad_line = DAY.lines().count() + 1;
    let cases = [
        // Last-wins would read this sign_in as a sign_out.
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"sign_in","type":"sign_out","agent":"Zhao"}"#,
            "type",
        ),
        (
            r#"{"v":2,"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "v",
        ),
        (
            r#"{"v":1,"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "v",
        ),
        (
            r#"{"v":1,"id":6,"id":7,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "id",
        ),
        (
            r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li","agent":"Wang"}"#,
            "agent",
        ),
        // After the kind's fields, and before `type`.
        (
            r#"{"v":1,"id":6,"type":"end","agent":"Li","at":"2026-03-02T10:00:00","at":"2026-03-02T10:00:00"}"#,
            "at",
        ),
        (
            r#"{"agent":"Li","agent":"Li","v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end"}"#,
            "agent",
        ),
    ];
    for (text, field) in cases {
        assert_eq!(malformed(text), (bad_line, field.to_owned()), "{text}");
        let err = jsonl::parse_line(text, 1).unwrap_err();
        assert!(
            ["line.duplicate_key", "line.wrong_version"].contains(&err.code()),
            "{text}: {}",
            err.code()
        );
        assert!(
            serde_json::from_str::<anchang::Event>(text).is_err(),
            "{text}"
        );
    }
}

#[test]
fn a_line_in_any_key_order_reads_the_same() {
    let canonical = r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"step_away","agent":"Li","reason":"meal"}"#;
    let shuffled = r#"{"reason":"meal","agent":"Li","type":"step_away","at":"2026-03-02T10:00:00","id":6,"v":1}"#;
    let a = jsonl::parse_line(canonical, 1).unwrap();
    assert_eq!(jsonl::parse_line(shuffled, 1).unwrap(), a);
    assert_eq!(serde_json::from_str::<anchang::Event>(shuffled).unwrap(), a);
    assert_eq!(jsonl::to_line(&a), canonical);
}

#[test]
fn unknown_fields_and_bad_values_echo_no_input() {
    let secrets = ["张三丰", "13812345678", "Zhang_San"];
    for secret in secrets {
        let lines = [
            format!(
                r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li","{secret}":1}}"#
            ),
            format!(
                r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"arrive","visitor":"v9","{secret}":"x"}}"#
            ),
            format!(
                r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"step_away","agent":"Li","reason":"{secret}"}}"#
            ),
            format!(r#"{{"v":1,"id":6,"at":"{secret}","type":"end","agent":"Li"}}"#),
            format!(
                r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"{secret}","agent":"Li"}}"#
            ),
            format!(
                r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"arrive","visitor":"v9","returning":{{"owner":"Li","{secret}":1}}}}"#
            ),
            format!(
                r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"register","client":"c1","agent":"Li","phones":"{secret}"}}"#
            ),
        ];
        for line in &lines {
            let err = jsonl::parse_line(line, 3).unwrap_err();
            let shown = [
                err.to_string(),
                format!("{err:?}"),
                err.message(anchang::Lang::Zh),
                err.message(anchang::Lang::En),
                serde_json::to_string(&err).unwrap(),
            ];
            for text in shown {
                assert!(!text.contains(secret), "{line} -> {text}");
                assert!(!text.contains("12345678"), "{line} -> {text}");
            }
            assert_ne!(err.field(), secret);
        }
    }
}

#[test]
fn wrong_and_missing_versions_are_refused() {
    for v in [r#""1""#, "1.0", "0", "2", "null", "[1]"] {
        let line =
            format!(r#"{{"v":{v},"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}}"#);
        let err = jsonl::parse_line(&line, 1).unwrap_err();
        assert_eq!(
            (err.field(), err.code()),
            ("v", "line.wrong_version"),
            "{line}"
        );
    }
    let err = jsonl::parse_line(
        r#"{"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
        1,
    )
    .unwrap_err();
    assert_eq!((err.field(), err.code()), ("v", "line.missing_version"));
}

#[test]
fn lines_texts_and_prices_over_their_limits_are_refused() {
    let limits = jsonl::Limits::DEFAULT;
    // A line over the size limit, refused before it is parsed.
    let huge = format!(
        r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"register","client":"c1","agent":"Li","needs":"{}"}}"#,
        "x".repeat(limits.max_line_bytes)
    );
    let day = keep_going(&format!("{DAY}{huge}\n"));
    assert_eq!(day.rejected.len(), 1);
    assert_eq!(day.rejected[0].code(), "line.too_long");
    assert_eq!(day.rejected[0].line(), DAY.lines().count() + 1);
    assert_eq!(day.state, replay_text(DAY).unwrap().state);

    // A free-text field over its own limit.
    let long_needs = format!(
        r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"register","client":"c1","agent":"Li","needs":"{}"}}"#,
        "三房".repeat(200)
    );
    let err = jsonl::parse_line(&long_needs, 1).unwrap_err();
    assert_eq!((err.field(), err.code()), ("needs", "line.text_too_long"));
    let long_name = format!(
        r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"arrive","visitor":"v9","name":"{}"}}"#,
        "王".repeat(400)
    );
    assert_eq!(
        jsonl::parse_line(&long_name, 1).unwrap_err().field(),
        "name"
    );
    // A generous reader takes it.
    let generous = jsonl::Limits {
        max_text_bytes: 4096,
        ..limits
    };
    assert!(jsonl::parse_line_with(&long_needs, 1, &generous).is_ok());

    // A price above the plausibility bound, and a reader with its own.
    let price = |fen: i64| {
        format!(
            r#"{{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"deposit","deal":"d1","client":"c1","unit":"8-1201","price":{fen},"agent":"Li"}}"#
        )
    };
    assert!(jsonl::parse_line(&price(limits.max_price.0), 1).is_ok());
    let err = jsonl::parse_line(&price(limits.max_price.0 + 1), 1).unwrap_err();
    assert_eq!((err.field(), err.code()), ("price", "line.price_too_high"));
    assert!(err.message(anchang::Lang::Zh).contains("单位是分"));
    let strict = jsonl::Limits {
        max_price: anchang::Fen(100_000_000),
        ..limits
    };
    assert!(jsonl::parse_line_with(&price(100_000_001), 1, &strict).is_err());
    assert!(serde_json::from_str::<anchang::Event>(&price(i64::MAX)).is_err());
}

#[test]
fn exporters_bom_crlf_and_missing_last_newline_are_accepted() {
    let clean = replay_text(DAY).unwrap();
    let crlf = DAY.replace('\n', "\r\n");
    let bom = format!("\u{feff}{}", DAY.trim_start());
    let unterminated = DAY.trim_end().to_owned();
    let bom_crlf = format!("\u{feff}{}", crlf.trim_start());
    for text in [crlf, bom, unterminated, bom_crlf] {
        let day = replay_text(&text).unwrap();
        assert_eq!(day.state, clean.state, "{text:?}");
        assert_eq!(day.decisions, clean.decisions);
    }
    // A BOM on the first line of events, directly.
    let first = format!("\u{feff}{}", DAY.lines().nth(3).unwrap());
    assert!(jsonl::parse_line(&first, 1).is_ok());
}

#[test]
fn a_conflicting_retry_is_an_error_an_identical_one_is_ignored() {
    let last = DAY.trim_end().lines().last().unwrap();
    let changed = last.replace(r#""agent":"Li""#, r#""agent":"Wang""#);
    assert_ne!(changed, last);
    let err = replay_text(&format!("{DAY}{changed}\n")).unwrap_err();
    let ReadError::Apply { error, .. } = &err.error else {
        panic!("{}", err.error)
    };
    assert!(matches!(
        error.kind,
        ApplyErrorKind::Log(anchang::LogError::Conflict { .. })
    ));
    assert_eq!((error.code(), error.field), ("log.conflict", "id"));
    assert_eq!(err.state, replay_text(DAY).unwrap().state);
    assert!(error
        .message(anchang::Lang::Zh)
        .contains("同一编号不能改写"));
    // The same line again is a retry.
    let day = keep_going(&format!("{DAY}{last}\n"));
    assert_eq!(day.summary.duplicates, 1);
    assert!(day.rejected.is_empty());
}

#[test]
fn every_line_is_accounted_for_and_keep_going_goes_on() {
    let bad = [
        r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Zhao"}"#,
        "not json",
        r#"{"v":1,"id":7,"at":"2026-03-02T10:01:00","type":"end","agent":"Li"}"#,
        "",
        r#"{"v":1,"id":7,"at":"2026-03-02T10:01:00","type":"end","agent":"Li"}"#,
        r#"{"v":1,"id":8,"at":"2026-03-02T10:02:00","type":"dance"}"#,
        r#"{"v":1,"id":9,"at":"2026-03-02T10:03:00","type":"sign_in","agent":"Zhao"}"#,
    ];
    let text = format!("{DAY}{}", bad.join("\n"));
    let n = text.lines().count();
    let day = keep_going(&text);
    let s = day.summary;
    assert_eq!(s.lines, n);
    assert_eq!(s.applied + s.duplicates + s.rejected + s.skipped, n);
    assert_eq!((s.applied, s.duplicates, s.rejected), (7, 1, 3));
    let lines: Vec<usize> = day.rejected.iter().map(ReadError::line).collect();
    let first_bad = DAY.lines().count() + 1;
    assert_eq!(lines, [first_bad, first_bad + 1, first_bad + 5]);
    // Zhao signed in after the rejected lines: the replay went on.
    assert!(day
        .state
        .board()
        .agents()
        .iter()
        .any(|a| a.agent.as_str() == "Zhao"));

    // Without keep-going it stops at the first, with the summary so far.
    let err = replay_text(&text).unwrap_err();
    assert_eq!(err.error.line(), first_bad);
    assert_eq!(err.summary.lines, first_bad);
}

#[test]
fn errors_serialise_with_code_line_event_field_and_both_messages() {
    let err = jsonl::parse_line(
        r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"sign_in","agent":"Li","agent":"Li"}"#,
        9,
    )
    .unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["code"], "line.duplicate_key");
    assert_eq!(v["line"], 9);
    assert_eq!(v["event"], 6);
    assert_eq!(v["field"], "agent");
    assert!(v["message"]["zh"].as_str().unwrap().starts_with("第 9 行"));
    assert!(v["message"]["en"].as_str().unwrap().starts_with("line 9"));

    let text = format!(
        "{DAY}{}\n",
        r#"{"v":1,"id":6,"at":"2026-03-02T10:00:00","type":"end","agent":"Zhao"}"#
    );
    let err = replay_text(&text).unwrap_err().error;
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["code"], "queue.unknown_agent");
    assert_eq!(
        (v["event"].as_u64(), v["field"].as_str()),
        (Some(6), Some("agent"))
    );
    assert_eq!(
        v["message"]["zh"],
        format!(
            "第 {} 行（事件 6），字段 agent：Zhao 还没有签到，请先签到再办理",
            DAY.lines().count() + 1
        )
    );
}
