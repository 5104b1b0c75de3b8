//! Client data is personal data (P1-20, P3-18): masked in Debug, Display,
//! errors and explanations; only the log's own serialisation keeps it.

use anchang::event::Arrive;
use anchang::{Event, Lang, PersonName, Phone};

use crate::support::*;

fn arrival() -> Arrive {
    let mut a = Arrive::walk_in(visitor("v9"));
    a.phone = Some(Phone::new("139-0000-3333"));
    a.name = Some(PersonName::new("陈明"));
    a
}

/// P1-20: Debug of an event masks phones and names.
#[test]
fn p1_20_debug_masks_phone_and_name() {
    let e = Event::new(1, at("2026-03-02T10:00:00"), arrival());
    let text = format!("{e:?} {e:#?}");
    assert!(
        !text.contains("3333") || text.contains("139****3333"),
        "{text}"
    );
    assert!(
        !text.contains("13900003333") && !text.contains("0000-3333"),
        "{text}"
    );
    assert!(!text.contains("陈明") && text.contains("陈*"), "{text}");
}

/// P3-18: explanations name visitors by id only.
#[test]
fn p3_18_explanations_name_no_client() {
    let mut f = Floor::given(anchang::Policy::p2(), &FOUR);
    let d = f.when(arrival());
    for x in &d {
        for lang in [Lang::Zh, Lang::En] {
            let s = x.explain(lang);
            assert!(!s.contains("3333") && !s.contains("陈"), "{s}");
        }
        let json = serde_json::to_string(x).unwrap();
        assert!(!json.contains("3333") && !json.contains("陈"), "{json}");
    }
}

/// The log itself keeps full data, so it can be replayed.
#[test]
fn the_log_keeps_full_data() {
    let e = Event::new(1, at("2026-03-02T10:00:00"), arrival());
    let line = anchang::jsonl::to_line(&e);
    assert!(
        line.contains("139-0000-3333") && line.contains("陈明"),
        "{line}"
    );
}

/// P1-20: a phone or a name in the wrong shape never reaches an error.
#[test]
fn p1_20_json_lines_errors_echo_no_personal_data() {
    let lines = [
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T10:00:00","type":"arrive","visitor":"v1","phone":13800138000}"#,
            "phone",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T10:00:00","type":"register","client":"C1","agent":"Li","phones":"13800138000"}"#,
            "phones",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T10:00:00","type":"register","client":"C1","agent":"Li","name":["陈明"]}"#,
            "name",
        ),
        // Personal data in any field of the wrong shape: an enum, the
        // version, the time, the id, a string with an escaped quote.
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T10:00:00","type":"register","client":"C1","agent":"Li","gender":"王小明"}"#,
            "gender",
        ),
        (
            r#"{"v":"王小明 13812345678","id":1,"at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "v",
        ),
        (
            r#"{"v":1,"id":1,"at":"王小明 13812345678","type":"end","agent":"Li"}"#,
            "at",
        ),
        (
            r#"{"v":1,"id":"王小明 13812345678","at":"2026-03-02T10:00:00","type":"end","agent":"Li"}"#,
            "id",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T10:00:00","type":"register","client":"C1","agent":"Li","phones":"王\"小明 13812345678"}"#,
            "phones",
        ),
    ];
    for (line, field) in lines {
        let err = anchang::jsonl::parse_line(line, 7).unwrap_err();
        let text = format!("{err} {err:?}");
        for secret in ["13800138000", "13812345678", "陈明", "小明"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains(&format!("field `{field}`")), "{text}");
    }
    // A landline with its area code hides at least half its digits.
    let shown = Phone::new("0755-12345678").to_string();
    assert!(
        shown.chars().filter(|c| *c == '*').count() * 2 >= 12,
        "{shown}"
    );
}
