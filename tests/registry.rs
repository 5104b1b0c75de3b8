//! The client registry: a given/when/then scenario per rule id of kind R
//! in P1-P3 and per manager act that changes ownership, and EXAMPLES.md
//! W10-W13.

use anchang::event::*;
use anchang::policy::{Lapse, Policy};
use anchang::registry::{ClaimReason, Fact, Holder, OwnReason, PoolReason};
use anchang::{ClientDecision, Gender, Lang, PersonName, Phone, Via};

use crate::support::*;

fn valid(c: &str, who: &str, phone: &str) -> Register {
    registration(c, who, phone)
}

fn missing(f: &Floor, c: &str) -> Vec<Fact> {
    f.state
        .registry()
        .missing(client(c))
        .unwrap()
        .iter()
        .map(|m| m.fact)
        .collect()
}

// ---- W10 · three facts (P2-2.1) --------------------------------------------

fn w10(channel: Channel, name: &str, gender: Gender, phone: &str, needs: Option<&str>) -> Floor {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("c", "Li", phone);
    r.channel = channel;
    r.name = Some(PersonName::new(name));
    r.gender = Some(gender);
    r.needs = needs.map(Into::into);
    f.when(r);
    f
}

/// W10 line 1 (P2-2.1): 陈明, male, a mobile, needs → valid, owned.
#[test]
fn w10_full_facts_are_valid() {
    let f = w10(
        Channel::Visit,
        "陈明",
        Gender::Male,
        "139 0000 1111",
        Some("3-bedroom"),
    );
    assert!(missing(&f, "c").is_empty());
    assert_eq!(f.owner("c").as_deref(), Some("Li"));
}

/// W10 line 2 (P2-2.1): no needs → invalid: needs; it owns nothing.
#[test]
fn w10_no_needs_is_invalid() {
    let f = w10(Channel::Visit, "陈明", Gender::Male, "139 0000 1111", None);
    assert_eq!(missing(&f, "c"), vec![Fact::Needs]);
    assert_eq!(f.owner("c"), None);
    assert_eq!(f.state.registry().holder(client("c")), None);
}

/// W10 line 3 (P2-2.1): a caller may give a surname only.
#[test]
fn w10_caller_may_give_a_surname() {
    let f = w10(
        Channel::Call,
        "陈",
        Gender::Female,
        "139 0000 2222",
        Some("a shop"),
    );
    assert!(missing(&f, "c").is_empty());
    assert_eq!(f.owner("c").as_deref(), Some("Li"));
}

/// W10 line 4 (P2-2.1): a visitor must give a full name.
#[test]
fn w10_visitor_needs_a_full_name() {
    let f = w10(
        Channel::Visit,
        "陈",
        Gender::Female,
        "139 0000 2222",
        Some("a shop"),
    );
    assert_eq!(missing(&f, "c"), vec![Fact::FullName]);
    assert_eq!(f.owner("c"), None);
}

/// P2-2.1: a phone that cannot be a phone number counts as missing, with
/// why; the explanation masks nothing because it names nothing.
#[test]
fn p2_2_1_bad_phone_is_missing_with_why() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("c", "Li", "139 0000 111");
    r.gender = None;
    let d = f.when(r);
    let m = f.state.registry().missing(client("c")).unwrap().to_vec();
    assert_eq!(
        m.iter().map(|m| m.fact).collect::<Vec<_>>(),
        vec![Fact::Gender, Fact::Phone]
    );
    assert_eq!(
        m[1].problem,
        Some(anchang::registry::PhoneProblem::MobileLength { digits: 10 })
    );
    let text: Vec<String> = d.iter().map(|d| d.explain(Lang::En)).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("[P2-2.1] c is invalid, missing: gender, phone (a mobile number has 11 digits; this one has 10)")),
        "{text:#?}"
    );
    assert!(!text.iter().any(|t| t.contains("139")));
}

// ---- First contact and routing ---------------------------------------------

/// P2-2.2: the agent who first receives and registers a new client owns it.
#[test]
fn p2_2_2_first_contact_owns() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.register("c", "Wang", "13900001111");
    assert!(client_decisions(&d).contains(&ClientDecision::Owned {
        client: client("c"),
        agent: agent("Wang"),
    }));
    assert!(cites(&d, "P2-2.2"));
    let h = f.state.registry().history(client("c"));
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].reason, Some(OwnReason::FirstContact));
}

/// P2-1.2: registrations are numbered in registration-time order.
#[test]
fn p2_1_2_registration_numbers_follow_time() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("b", "Wang", "13900001111");
    f.register("a", "Li", "13900002222");
    let r = f.state.registry();
    assert_eq!(r.number(client("b")), Some(1));
    assert_eq!(r.number(client("a")), Some(2));
}

/// P2-3.1, P1-15: a returning client recognised by its mobile number,
/// written another way, is routed to its owner without the log naming it.
#[test]
fn p2_3_1_returning_client_recognised_by_phone_goes_to_owner() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.register("c", "Zhang", "+86 139-0000-1111");
    let d = f.arrive_with_phone("v1", "13900001111");
    let r = then_receives(&d, "v1", "Zhang");
    assert_eq!(r.via, Via::Owner);
    assert_eq!(r.client, Some(client("c")));
    assert!(cites(&d, "P2-3.1"));
    let rec = f.state.registry().receptions(client("c"));
    assert_eq!(
        rec.iter()
            .find(|(a, _)| a.as_str() == "Zhang")
            .unwrap()
            .1
            .count,
        2
    );
}

/// P2-3.1: a name alone is only a candidate, never an automatic route;
/// a confirm_identity event makes it.
#[test]
fn p2_3_1_name_alone_is_a_candidate_until_confirmed() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.register("c", "Zhang", "13900001111");
    let d = f.arrive("v1", |a| a.name = Some(PersonName::new("陈明")));
    let r = then_receives(&d, "v1", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert!(
        client_decisions(&d).contains(&ClientDecision::NameCandidates {
            visitor: visitor("v1"),
            clients: vec![client("c")],
        })
    );
    f.end("Li");
    f.when(ConfirmIdentity {
        visitor: visitor("v2"),
        client: client("c"),
    });
    let d = f.arrive("v2", |a| a.name = Some(PersonName::new("陈明")));
    assert_eq!(then_receives(&d, "v2", "Zhang").via, Via::Owner);
}

/// The host naming the client on the arrival identifies it too.
#[test]
fn p2_3_2_host_named_client_goes_to_owner() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Zhao", "13900001111");
    let d = f.arrive("v1", |a| a.client = Some(client("c")));
    assert_eq!(then_receives(&d, "v1", "Zhao").via, Via::Owner);
}

/// P3-2, P3-4: an owner busy when its client returns: the stand-in has a
/// claim; the owner has its own.
#[test]
fn p3_4_stand_in_has_a_claim() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.register("c", "Li", "13900001111");
    f.walk_in("v0"); // Li busy
    let d = f.arrive_with_phone("v1", "13900001111");
    let r = reception(&d, "v1");
    assert!(matches!(r.via, Via::StandIn { .. }), "{r:?}");
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("c"), now);
    assert_eq!(claims[0].agent.as_str(), "Li");
    assert_eq!(claims[0].reason, ClaimReason::Owner);
    assert_eq!(claims[1].agent, r.agent);
    assert_eq!(claims[1].reason, ClaimReason::StandIn);
    assert!(claims[1].rules.as_slice().iter().any(|r| r.id() == "P3-4"));
}

// ---- W13 · the same number twice (P3-15) -----------------------------------

/// W13: +86 139-0000-3333 by Li, then 13900003333 by Zhao → one client,
/// Li's; Zhao's registration is flagged, not merged.
#[test]
fn w13_same_number_twice_is_one_client_the_earlier() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.clock = at("2026-03-02T10:00:00");
    f.register("c1", "Li", "+86 139-0000-3333");
    f.clock = at("2026-03-02T11:00:00");
    let d = f.register("c2", "Zhao", "13900003333");
    assert!(
        client_decisions(&d).contains(&ClientDecision::DuplicateFlagged {
            client: client("c2"),
            of: client("c1"),
        })
    );
    assert!(cites(&d, "P3-15"));
    assert_eq!(f.owner("c1").as_deref(), Some("Li"));
    assert_eq!(f.owner("c2"), None);
    let r = f.state.registry();
    assert_eq!(r.flagged_duplicate_of(client("c2")), Some(client("c1")));
    assert!(r.knows(client("c2")), "kept, not merged");
    let d = f.arrive_with_phone("v1", "139 0000 3333");
    assert_eq!(then_receives(&d, "v1", "Li").client, Some(client("c1")));
}

/// P3-15: the manager resolves a flagged duplicate as the same person; the
/// later registrar keeps a claim for the manager's split (P2-2.10).
#[test]
fn p3_15_resolved_duplicate_leaves_a_claim() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c1", "Li", "13900003333");
    f.register("c2", "Zhao", "13900003333");
    let d = f.when(ResolveDuplicate {
        client: client("c1"),
        duplicate: client("c2"),
        distinct: false,
    });
    assert!(cites(&d, "P3-15"));
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("c1"), now);
    let zhao = claims.iter().find(|c| c.agent.as_str() == "Zhao").unwrap();
    assert_eq!(zhao.reason, ClaimReason::Family);
    assert_eq!(f.state.registry().flagged_duplicate_of(client("c2")), None);
}

/// P3-15: resolved as two people, the flagged registration owns.
#[test]
fn p3_15_distinct_resolution_owns() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c1", "Li", "13900003333");
    f.register("c2", "Zhao", "13900003333");
    f.when(ResolveDuplicate {
        client: client("c1"),
        duplicate: client("c2"),
        distinct: true,
    });
    assert_eq!(f.owner("c2").as_deref(), Some("Zhao"));
}

// ---- W11 · lapse after 20 days (P2-2.13) -----------------------------------

/// W11: Mar 1 Wang registers C and D; Mar 21 C visits → Wang's (day 20);
/// Mar 23 D visits → a new client, to the rotation.
#[test]
fn w11_lapse_after_twenty_days() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-01T10:00:00", &FOUR);
    f.register("C", "Wang", "13900000001");
    f.register("D", "Wang", "13900000002");
    f.day("2026-03-21T09:00:00", &FOUR);
    let d = f.arrive_with_phone("vc", "13900000001");
    assert_eq!(then_receives(&d, "vc", "Wang").via, Via::Owner);
    f.day("2026-03-23T09:00:00", &FOUR);
    let d = f.arrive_with_phone("vd", "13900000002");
    let r = then_receives(&d, "vd", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert!(
        client_decisions(&d).contains(&ClientDecision::TreatedAsNew {
            visitor: visitor("vd"),
            client: client("D"),
            last_agent: Some(agent("Wang")),
        })
    );
    assert!(cites(&d, "P2-2.13"));
    // C's visit on Mar 21 was a contact: still Wang's on Apr 10 (day 20 after it).
    f.day("2026-04-10T09:00:00", &FOUR);
    let d = f.arrive_with_phone("vc2", "13900000001");
    assert_eq!(then_receives(&d, "vc2", "Wang").via, Via::Owner);
}

/// W11 (P2-2.13): D, lapsed, names Wang → still Wang's.
#[test]
fn w11_lapsed_client_naming_its_agent_stays() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-01T10:00:00", &FOUR);
    f.register("D", "Wang", "13900000002");
    f.day("2026-03-23T09:00:00", &FOUR);
    let d = f.arrive("vd", |a| {
        a.phone = Some(Phone::new("13900000002"));
        a.named_agent = Some(agent("Wang"));
    });
    assert_eq!(then_receives(&d, "vd", "Wang").via, Via::Owner);
    assert_eq!(f.owner("D").as_deref(), Some("Wang"));
}

// ---- W12 · one month (P3-16, P3-19) ----------------------------------------

/// W12: registered Jan 31 → still valid Mar 2 (day 30); lapsed Mar 3.
#[test]
fn w12_thirty_days_from_registration() {
    let mut f = Floor::given_on(Policy::p3(), "2026-01-31T10:00:00", &FOUR);
    f.register("c", "Zhang", "13900000001");
    f.day("2026-03-02T09:00:00", &FOUR);
    let d = f.arrive_with_phone("v1", "13900000001");
    assert_eq!(then_receives(&d, "v1", "Zhang").via, Via::Owner);
    f.day("2026-03-03T09:00:00", &FOUR);
    let d = f.arrive_with_phone("v2", "13900000001");
    assert_eq!(then_receives(&d, "v2", "Li").via, Via::Rotation);
    assert!(cites(&d, "P3-16"));
}

/// W12, calendar-month option: one month from Jan 31 ends Feb 28; lapsed Mar 1.
#[test]
fn w12_calendar_month_clamps_to_month_end() {
    let mut p = Policy::p3();
    p.lapse.value = Lapse::CalendarMonths { months: 1 };
    let mut f = Floor::given_on(p, "2026-01-31T10:00:00", &FOUR);
    f.register("c", "Zhang", "13900000001");
    assert_eq!(
        f.state
            .registry()
            .protected_through(client("c"))
            .unwrap()
            .to_string(),
        "2026-02-28"
    );
    f.day("2026-02-28T09:00:00", &FOUR);
    let d = f.arrive_with_phone("v1", "13900000001");
    assert_eq!(then_receives(&d, "v1", "Zhang").via, Via::Owner);
    f.day("2026-03-01T09:00:00", &FOUR);
    let d = f.arrive_with_phone("v2", "13900000001");
    assert_eq!(then_receives(&d, "v2", "Li").via, Via::Rotation);
}

/// Keeps the imports honest while the suite grows.
#[test]
fn holder_of_an_expo_lead_is_the_pool() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("c", "Li", "13900000001");
    r.at_expo = true;
    let d = f.when(r);
    assert!(cites(&d, "P2-2.12"));
    assert!(matches!(
        f.state.registry().holder(client("c")),
        Some(Holder::Pool {
            reason: PoolReason::Expo,
            ..
        })
    ));
}
