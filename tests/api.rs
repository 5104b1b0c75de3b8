//! What an embedder asks the crate: conversions, decision codes and
//! `Display`, the board as a snapshot and as iterators, the streaming
//! replay, the registry's per-agent view with others' clients masked
//! (P1-20, P3-18), and policies laid over a preset from a file.

use std::collections::BTreeSet;

use anchang::event::{EventKind, SwitchAgent, SwitchReason};
use anchang::policy::{Consequence, Lapse, OverlayError};
use anchang::queue::BoardView;
use anchang::registry::{AgentClients, ClientStanding, Others};
use anchang::{
    jsonl, replay, replay_with, AgentId, ClientDecision, ClientId, DealDecision, Decision, Event,
    EventId, Lang, Policy, Rule, State, VisitorId, What,
};

use crate::support::{agent, at, client, Floor};

const DAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl");
const OFFICE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/office_policy.json"
);

fn shipped_day() -> Vec<Event> {
    let text = std::fs::read_to_string(DAY).expect("examples/data/day.jsonl");
    jsonl::events(text.as_bytes())
        .map(|r| r.map(|(_, e)| e).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn presets() -> [Policy; 3] {
    [Policy::p1(), Policy::p2(), Policy::p3()]
}

// ---- conversions ----

#[test]
fn presets_languages_and_rules_parse_from_their_names() {
    assert_eq!("p1".parse::<Policy>().unwrap(), Policy::p1());
    assert_eq!(" P2 ".parse::<Policy>().unwrap(), Policy::p2());
    assert_eq!("p3".parse::<Policy>().unwrap(), Policy::p3());
    for bad in ["p4", "", "P2-3.10", "p"] {
        let e = bad.parse::<Policy>().unwrap_err();
        assert_eq!(e.expected, "p1, p2 or p3", "{bad}");
    }
    assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
    assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
    assert_eq!("zh-CN".parse::<Lang>().unwrap(), Lang::Zh);
    assert!("fr".parse::<Lang>().is_err());
    for lang in [Lang::Zh, Lang::En] {
        assert_eq!(lang.to_string().parse::<Lang>().unwrap(), lang);
    }
    for rule in Rule::ALL {
        assert_eq!(rule.to_string().parse::<Rule>().unwrap(), *rule);
        assert_eq!(rule.id().to_lowercase().parse::<Rule>().unwrap(), *rule);
    }
    assert!("P9-9".parse::<Rule>().is_err());
    assert!("P2-3.1O".parse::<Rule>().is_err());
}

#[test]
fn a_name_error_echoes_no_input() {
    let secret = "13812345678王小明";
    for msg in [
        secret.parse::<Policy>().unwrap_err().to_string(),
        secret.parse::<Lang>().unwrap_err().to_string(),
        secret.parse::<Rule>().unwrap_err().to_string(),
    ] {
        assert!(!msg.contains("1381234") && !msg.contains("王小明"), "{msg}");
    }
}

#[test]
fn event_ids_convert_to_and_from_u64_and_ids_are_str() {
    let id: EventId = 42.into();
    assert_eq!(id, EventId(42));
    assert_eq!(u64::from(id), 42);
    assert_eq!(id.get(), 42);
    fn text<T: AsRef<str>>(t: T) -> String {
        t.as_ref().to_owned()
    }
    assert_eq!(text(agent("李明")), "李明");
    assert_eq!(text(client("C001")), "C001");
    assert_eq!(text("v1".parse::<VisitorId>().unwrap()), "v1");
}

// ---- decisions: codes and Display ----

/// The tag a decision's serialised form gives its kind, nested kinds
/// (roster, client, deal) by their own tag.
fn serde_tag(d: &Decision) -> String {
    let v = serde_json::to_value(d).unwrap();
    let tag = |k: &str| v[k].as_str().unwrap().to_owned();
    match tag("decision").as_str() {
        "roster" => tag("change"),
        "client" => tag("client_decision"),
        "deal" => tag("deal_decision"),
        other => other.to_owned(),
    }
}

#[test]
fn every_decision_code_is_listed_once_and_ends_in_its_serialised_tag() {
    let all: Vec<&str> = What::all_codes().collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a code listed twice");
    let parts = ["queue", "client", "deal", "engine"];
    assert!(all
        .iter()
        .all(|c| parts.contains(&c.split('.').next().unwrap())));
    let mut seen = BTreeSet::new();
    for policy in presets() {
        let day = replay(&policy, shipped_day()).unwrap();
        // Replaying an id already applied is one of the kinds too.
        let again = day.state.clone().apply(&shipped_day()[0]).unwrap();
        for d in day.decisions.iter().chain(&again) {
            let code = d.code();
            assert!(unique.contains(code), "{code} not listed");
            assert_eq!(code, d.what.code());
            let last = code.rsplit('.').next().unwrap();
            assert_eq!(last, serde_tag(d), "{code}");
            seen.insert(code);
        }
    }
    // The shipped day is varied enough to exercise the three parts.
    for code in [
        "queue.received",
        "client.owned",
        "deal.opened",
        "engine.ignored",
    ] {
        assert!(seen.contains(code), "{code} not met in the shipped day");
    }
    assert_eq!(ClientDecision::CODES.len(), 19);
    assert_eq!(DealDecision::CODES.len(), 12);
}

#[test]
fn display_is_the_english_explanation() {
    let day = replay(&Policy::p2(), shipped_day()).unwrap();
    for d in &day.decisions {
        assert_eq!(d.to_string(), d.explain(Lang::En));
        assert_ne!(d.to_string(), d.explain(Lang::Zh));
    }
}

// ---- the board ----

/// Every board query agrees with its allocation-free twin and with the
/// snapshot, after every event of the shipped day under every preset.
#[test]
fn board_iterators_and_view_agree_with_the_board_at_every_step() {
    for policy in presets() {
        let mut state = State::new(policy);
        let mut buffer = Vec::new();
        for e in shipped_day() {
            state.apply(&e).unwrap();
            let b = state.board();
            assert!(b.rotation_iter().eq(b.rotation()));
            assert!(b.phone_duty_iter().eq(b.phone_duty()));
            assert!(b.agents_iter().eq(b.agents()));
            assert!(b.waiting_iter().copied().eq(b.waiting()));
            assert_eq!(b.up_next(), b.next_up(1).first().copied());
            for n in [0, 1, 2, 5] {
                b.next_up_into(n, &mut buffer);
                assert_eq!(buffer, b.next_up(n));
            }
            for v in b.agents() {
                assert_eq!(b.agent(v.agent), Some(v));
            }
            let view = b.view();
            assert_eq!(view.rotation, b.rotation());
            assert_eq!(view.phone_duty, b.phone_duty());
            assert_eq!(view.duty_helper, b.duty_helper());
            assert_eq!(view.makeups, b.makeups());
            assert_eq!(view.agents, b.agents());
            assert_eq!(view.next_up, b.next_up(usize::MAX));
            let busy: Vec<AgentId> = view.receptions.iter().map(|r| r.agent).collect();
            let expected: Vec<AgentId> = b
                .agents()
                .into_iter()
                .filter(|a| b.reception(a.agent).is_some())
                .map(|a| a.agent)
                .collect();
            assert_eq!(busy, expected);
            assert_eq!(view.waiting.len(), b.waiting().len());
        }
    }
}

#[test]
fn the_board_serialises_as_its_view_and_reads_back() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    f.walk_in("v1");
    f.walk_in("v2");
    f.walk_in("v3");
    f.walk_in("v4"); // waits: nobody free
    let board = f.state.board();
    let json = serde_json::to_value(board).unwrap();
    assert_eq!(json, serde_json::to_value(board.view()).unwrap());
    for key in [
        "policy",
        "next_up",
        "rotation",
        "duty_helper",
        "phone_duty",
        "agents",
        "receptions",
        "makeups",
        "waiting",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["waiting"][0]["visit"]["visitor"], "v4");
    assert_eq!(json["receptions"].as_array().unwrap().len(), 3);
    let back: BoardView = serde_json::from_value(json).unwrap();
    assert_eq!(back, board.view());
}

// ---- streaming ----

#[test]
fn streaming_replay_hands_over_the_same_decisions_and_state() {
    for policy in presets() {
        let kept = replay(&policy, shipped_day()).unwrap();
        let mut streamed = Vec::new();
        let state = replay_with(&policy, shipped_day(), |d| streamed.push(d.clone())).unwrap();
        assert_eq!(streamed, kept.decisions);
        assert_eq!(state, kept.state);
    }
}

#[test]
fn streaming_replay_stops_at_a_bad_event_with_the_state_before_it() {
    let mut log = shipped_day();
    let bad = log.len() / 2;
    // Time going backwards is refused whatever the event.
    log[bad].at = log[0].at;
    let kept = replay(&Policy::p2(), &log).unwrap_err();
    let mut streamed = Vec::new();
    let err = replay_with(&Policy::p2(), &log, |d| streamed.push(d.clone())).unwrap_err();
    assert_eq!(err.error, kept.error);
    assert_eq!(err.state, kept.state);
    assert_eq!(streamed, kept.decisions);
    assert!(err.decisions.is_empty(), "the callback had them");
    let mut state = State::new(Policy::p2());
    assert_eq!(state.resume_with(&log[..bad], |_| {}), Ok(bad));
    assert_eq!(state, kept.state);
}

// ---- the registry: an agent's clients and its view ----

/// Three clients of two agents, phones and names known.
fn office() -> Floor {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang"]);
    f.register("c1", "Li", "13811112222");
    f.register("c2", "Wang", "13933334444");
    f.register("c3", "Li", "13755556666");
    f
}

fn now(f: &Floor) -> anchang::Timestamp {
    f.state.clock().unwrap()
}

#[test]
fn clients_of_an_agent_follow_ownership_and_lapse() {
    let mut f = office();
    let reg = f.state.registry();
    let of = |reg: &anchang::Registry, a: &str, t| -> Vec<ClientId> {
        reg.clients_of(agent(a), t).collect()
    };
    assert_eq!(of(reg, "Li", now(&f)), [client("c1"), client("c3")]);
    assert_eq!(of(reg, "Wang", now(&f)), [client("c2")]);
    assert!(of(reg, "Nobody", now(&f)).is_empty());
    f.when(SwitchAgent {
        client: client("c1"),
        to: agent("Wang"),
        reason: SwitchReason::Relation,
    });
    let reg = f.state.registry();
    assert_eq!(of(reg, "Li", now(&f)), [client("c3")]);
    assert_eq!(of(reg, "Wang", now(&f)), [client("c1"), client("c2")]);
    // P2-2.13: twenty days without contact and the protection lapses.
    let late = at("2026-03-30T09:00:00");
    assert!(of(reg, "Li", late).is_empty());
    // The index agrees with asking every client, and survives a snapshot.
    let json = serde_json::to_string(&f.state).unwrap();
    let back: State = serde_json::from_str(&json).unwrap();
    for a in ["Li", "Wang"] {
        let brute: Vec<ClientId> = ["c1", "c2", "c3"]
            .map(client)
            .into_iter()
            .filter(|c| reg.owner_of(*c, now(&f)) == Some(agent(a)))
            .collect();
        assert_eq!(of(reg, a, now(&f)), brute);
        assert_eq!(of(back.registry(), a, now(&f)), brute);
    }
}

#[test]
fn a_client_record_gives_facts_owner_since_when_and_why_and_lapse_date() {
    let f = office();
    let card = f.state.registry().client(client("c1"), now(&f)).unwrap();
    assert_eq!(card.standing, ClientStanding::Owned { agent: agent("Li") });
    assert_eq!(card.name.as_ref().unwrap().expose(), "陈明");
    assert_eq!(card.phones[0].expose(), "13811112222");
    assert!(card.missing.is_empty());
    let since = card.since.unwrap();
    assert_eq!(since.holder.and_then(|h| h.agent()), Some(agent("Li")));
    assert!(since.reason.is_some());
    assert!(since.rules.contains(Rule::P2_2_2), "{:?}", since.rules);
    // P2-2.13: protected through twenty days after the last contact.
    assert_eq!(card.protected_through.unwrap().to_string(), "2026-03-22");
    assert_eq!(card.lapses_on.unwrap().to_string(), "2026-03-23");
    let late = f
        .state
        .registry()
        .client(client("c1"), at("2026-03-23T09:00:00"))
        .unwrap();
    assert_eq!(
        late.standing,
        ClientStanding::Lapsed {
            last_agent: Some(agent("Li"))
        }
    );
    assert!(f
        .state
        .registry()
        .client(client("nobody"), now(&f))
        .is_none());
    // Debug masks the name and phones, and hides the needs (P1-20).
    let debug = format!("{card:?}");
    assert!(!debug.contains("陈明") && !debug.contains("11112222") && !debug.contains("三房"));
}

/// P1-20, P3-18: an agent's view holds its own clients whole, and nothing
/// of anyone else's but masked forms, in memory and serialised.
#[test]
fn p1_20_agent_view_masks_everyone_elses_clients() {
    let f = office();
    let reg = f.state.registry();
    let view = reg.agent_view(agent("Li"), now(&f), Others::Masked);
    let own: Vec<ClientId> = view.own.iter().map(|c| c.client).collect();
    assert_eq!(own, [client("c1"), client("c3")]);
    assert_eq!(view.others.len(), 1);
    let other = &view.others[0];
    assert_eq!(other.client, client("c2"));
    assert_eq!(other.name.as_deref(), Some("陈*"));
    assert_eq!(other.phones, ["139****4444"]);
    assert_eq!(
        other.standing,
        ClientStanding::Owned {
            agent: agent("Wang")
        }
    );
    let json = serde_json::to_string(&view).unwrap();
    assert!(json.contains("13811112222") && json.contains("13755556666"));
    assert!(
        !json.contains("13933334444"),
        "Wang's client's phone leaked"
    );
    assert!(!json.contains("33334444"), "Wang's client's phone leaked");
    let back: AgentClients = serde_json::from_str(&json).unwrap();
    assert_eq!(back, view);
    // Absent: the others are left out altogether.
    let alone = reg.agent_view(agent("Li"), now(&f), Others::Absent);
    assert!(alone.others.is_empty());
    assert_eq!(alone.own, view.own);
    let json = serde_json::to_string(&alone).unwrap();
    assert!(!json.contains("c2") && !json.contains("4444"));
}

// ---- policies from a file ----

#[test]
fn a_partial_policy_changes_only_its_cells() {
    let text = std::fs::read_to_string(OFFICE).unwrap();
    // The file names its base (p2), whatever it is laid over.
    let office = Policy::p1().overlay_json(&text).unwrap();
    let p2 = Policy::p2();
    assert_eq!(office.lapse.value, Lapse::FromRegistration { days: 30 });
    assert_eq!(office.lapse.rules.as_slice(), [Rule::P3_16, Rule::P3_19]);
    assert_eq!(office.hotlines.value, 2);
    assert_eq!(office.hotlines.rules, p2.hotlines.rules);
    assert_eq!(office.pass_over.meal.value, Consequence::Forfeit);
    let mut expected = p2.clone();
    expected.name = office.name.clone();
    expected.lapse = office.lapse;
    expected.hotlines.value = 2;
    expected.pass_over.meal.value = Consequence::Forfeit;
    expected.pass_over.meal.rules = office.pass_over.meal.rules;
    assert_eq!(office, expected);
    // The office's policy replays the shipped day.
    replay(&office, shipped_day()).unwrap();
}

#[test]
fn overlaying_a_whole_preset_gives_that_preset() {
    // Generic in the cells: whatever cells a policy has, all overlay.
    for (from, to) in [(Policy::p1(), Policy::p3()), (Policy::p3(), Policy::p2())] {
        let whole = serde_json::to_value(&to).unwrap();
        assert_eq!(from.overlay(&whole).unwrap(), to);
    }
    let unnamed = Policy::p2().overlay_json("{}").unwrap();
    assert_eq!(unnamed.name, "P2+");
}

#[test]
fn an_unknown_or_bad_cell_is_named() {
    let p2 = Policy::p2();
    let unknown = |text: &str| match p2.overlay_json(text) {
        Err(OverlayError::UnknownCell { cell }) => cell,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(unknown(r#"{"hotline": 2}"#), "hotline");
    assert_eq!(
        unknown(r#"{"pass_over": {"lunch": "lost"}}"#),
        "pass_over.lunch"
    );
    assert_eq!(
        unknown(r#"{"named": {"value": {"count": "always"}}}"#),
        "named.value.count"
    );
    let bad = |text: &str| match p2.overlay_json(text) {
        Err(OverlayError::BadCell { cell, .. }) => cell,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(bad(r#"{"hotlines": -1}"#), "hotlines.value");
    assert_eq!(bad(r#"{"rotation": "zigzag"}"#), "rotation.value");
    assert_eq!(
        bad(r#"{"hotlines": 1, "lapse": {"rules": ["P9-9"]}}"#),
        "lapse.rules"
    );
    assert_eq!(bad(r#"{"preset": 2}"#), "preset");
    assert!(matches!(
        p2.overlay_json(r#"{"preset": "p9"}"#),
        Err(OverlayError::Preset(_))
    ));
    assert_eq!(p2.overlay_json("[1]"), Err(OverlayError::NotObject));
    assert!(matches!(
        p2.overlay_json("{\"hotlines\": "),
        Err(OverlayError::NotJson { line: 1, .. })
    ));
    let msg = p2
        .overlay_json(r#"{"hotline": 2}"#)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("hotline") && msg.contains("未知"), "{msg}");
}

#[test]
fn a_change_of_policy_read_from_a_file_applies_from_its_event() {
    let office = Policy::p2()
        .overlay_json(r#"{"hotlines": {"value": 2, "rules": ["P2-3.3"]}}"#)
        .unwrap();
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    assert_eq!(f.state.board().phone_duty().len(), 1);
    f.when(EventKind::ChangePolicy(anchang::event::ChangePolicy {
        policy: Box::new(office),
    }));
    assert_eq!(f.state.board().phone_duty().len(), 2);
}
