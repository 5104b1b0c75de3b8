//! The client registry: a given/when/then scenario per rule id of kind R
//! in P1-P3 and per manager act that changes ownership, and EXAMPLES.md
//! W10-W13.

use anchang::event::*;
use anchang::policy::{Lapse, Policy};
use anchang::registry::{ClaimReason, Fact, Holder, OwnReason, PoolReason};
use anchang::{ClientDecision, Gender, Lang, PersonName, Phone, Via, What};

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

/// W10 line 3 (P2-2.1): a caller may give a surname only. Under P2 the
/// call owns nothing until the manager confirms it (P2-3.5).
#[test]
fn w10_caller_may_give_a_surname() {
    let mut f = w10(
        Channel::Call,
        "陈",
        Gender::Female,
        "139 0000 2222",
        Some("a shop"),
    );
    assert!(missing(&f, "c").is_empty());
    assert_eq!(f.owner("c"), None);
    f.when(ConfirmCall {
        client: client("c"),
    });
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
            more: 0,
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

/// P2-3.1 in a big office: a common full name registered 20 times lists
/// only the 8 latest registrations as candidates and counts the 12
/// earlier ones, so an arrival costs the same however often the name was
/// registered (issue 9); the registry's own query still lists all 20.
#[test]
fn p2_3_1_a_common_name_lists_the_latest_candidates_and_counts_the_rest() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let ids: Vec<String> = (0..20).map(|i| format!("c{i:02}")).collect();
    for (i, c) in ids.iter().enumerate() {
        f.register(c, "Zhang", &format!("139000{i:05}"));
    }
    let d = f.arrive("v1", |a| a.name = Some(PersonName::new("陈明")));
    let want: Vec<_> = ids[12..].iter().map(|c| client(c)).collect();
    assert!(
        client_decisions(&d).contains(&ClientDecision::NameCandidates {
            visitor: visitor("v1"),
            clients: want,
            more: 12,
        }),
        "{d:?}"
    );
    let zh = d
        .iter()
        .find(|x| matches!(x.what, What::Client(ClientDecision::NameCandidates { .. })))
        .map(|x| x.explain(Lang::Zh))
        .unwrap();
    assert!(zh.contains("另有 12 位更早登记的同名客户未列出"), "{zh}");
    assert_eq!(
        f.state
            .registry()
            .candidates_by_name(&PersonName::new("陈明"))
            .len(),
        20
    );
}

/// P2-3.1: everyone busy, a visitor gives only a name matching a
/// registered client and waits; the host confirms it. The waiting visitor
/// is now that client: when its owner frees it goes to its owner (Owner,
/// not the rotation). A confirmation naming an unknown client is rejected
/// with the state intact.
#[test]
fn p2_3_1_identity_confirmed_while_waiting_goes_to_owner() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Zhang", "13900001111");
    for v in ["v1", "v2", "v3", "v4"] {
        f.walk_in(v);
    }
    let d = f.arrive("v5", |a| a.name = Some(PersonName::new("陈明")));
    assert!(
        client_decisions(&d).contains(&ClientDecision::NameCandidates {
            visitor: visitor("v5"),
            clients: vec![client("c")],
            more: 0,
        })
    );
    assert!(f
        .state
        .board()
        .waiting()
        .iter()
        .any(|w| w.visit.visitor == visitor("v5")));
    rejected(
        &mut f,
        ConfirmIdentity {
            visitor: visitor("v5"),
            client: client("nobody"),
        },
        "client",
    );
    let d = f.when(ConfirmIdentity {
        visitor: visitor("v5"),
        client: client("c"),
    });
    assert!(cites(&d, "P2-3.1"));
    assert!(client_decisions(&d).contains(&ClientDecision::Identified {
        visitor: visitor("v5"),
        client: client("c"),
        owner: agent("Zhang"),
        by: anchang::registry::IdentifiedBy::Confirmed,
    }));
    let waiting = f.state.board().waiting();
    let w = waiting
        .iter()
        .find(|w| w.visit.visitor == visitor("v5"))
        .expect("still waiting: everyone is busy");
    assert_eq!(w.visit.client, Some(client("c")));
    assert_eq!(w.visit.owner, Some(agent("Zhang")));
    let d = f.end("Zhang");
    let r = then_receives(&d, "v5", "Zhang");
    assert_eq!(r.via, Via::Owner);
    assert_eq!(r.client, Some(client("c")));
    let zhang = f
        .state
        .registry()
        .receptions(client("c"))
        .into_iter()
        .find(|(a, _)| a.as_str() == "Zhang")
        .unwrap()
        .1;
    assert_eq!(zhang.count, 2, "the registration and this visit");
}

/// P2-3.1, P2-3.9: confirmed while waiting, its owner still busy: when
/// another agent frees first, the client is covered under the stand-in
/// rules as a returning client, not taken as a new one by the rotation.
#[test]
fn p2_3_1_identity_confirmed_while_waiting_owner_busy_gets_a_stand_in() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Zhang", "13900001111");
    for v in ["v1", "v2", "v3", "v4"] {
        f.walk_in(v);
    }
    f.arrive("v5", |a| a.name = Some(PersonName::new("陈明")));
    f.when(ConfirmIdentity {
        visitor: visitor("v5"),
        client: client("c"),
    });
    let d = f.end("Li");
    let r = reception(&d, "v5");
    assert_eq!(
        r.via,
        Via::StandIn {
            owner: agent("Zhang")
        }
    );
    assert_eq!(r.client, Some(client("c")));
}

/// P2-3.1, P2-3.5: a waiting visitor confirmed as a client who protects no
/// owner (here a call the manager has not confirmed) stays a new visitor.
#[test]
fn p2_3_1_identity_confirmed_while_waiting_unowned_client_stays_new() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.when(call("c", "Zhang", "13900001111"));
    for v in ["v1", "v2", "v3", "v4"] {
        f.walk_in(v);
    }
    f.arrive("v5", |a| a.name = Some(PersonName::new("陈明")));
    let d = f.when(ConfirmIdentity {
        visitor: visitor("v5"),
        client: client("c"),
    });
    assert!(
        client_decisions(&d).contains(&ClientDecision::TreatedAsNew {
            visitor: visitor("v5"),
            client: client("c"),
            last_agent: None,
        })
    );
    let w = f.state.board().waiting();
    assert_eq!(w[0].visit.owner, None);
    assert_eq!(w[0].visit.client, Some(client("c")));
    let d = f.end("Zhang");
    assert_eq!(then_receives(&d, "v5", "Zhang").via, Via::Rotation);
    assert_eq!(f.owner("c"), None);
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
    assert_eq!(f.claim_of("c1", "Zhao"), Some(ClaimReason::Family));
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

// ---- Corrections and bad input (P2-1.1, P3-17) ------------------------------

/// P2-1.1: a mistake is corrected by registering again, naming the
/// registration corrected; a registration made valid by it owns.
#[test]
fn p2_1_1_correction_makes_a_registration_valid() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("c", "Li", "13900001111");
    r.needs = None;
    f.when(r);
    let first = f.log.last().unwrap().id;
    assert_eq!(f.owner("c"), None);
    let mut fix = valid("c", "Li", "13900001111");
    fix.corrects = Some(first);
    let d = f.when(fix);
    assert!(cites(&d, "P2-1.1"));
    assert_eq!(f.owner("c").as_deref(), Some("Li"));
    let h = f.state.registry().history(client("c"));
    assert_eq!(h.last().unwrap().reason, Some(OwnReason::Corrected));
    assert_eq!(f.state.registry().number(client("c")), Some(1), "kept");
}

/// P2-1.1: a correction that drops a fact unowns the registration, with a decision.
#[test]
fn p2_1_1_correction_can_make_a_registration_invalid() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900001111");
    let first = f.log.last().unwrap().id;
    let mut fix = valid("c", "Li", "13900001111");
    fix.phones.clear();
    fix.corrects = Some(first);
    let d = f.when(fix);
    assert!(client_decisions(&d).contains(&ClientDecision::Unowned {
        client: client("c"),
        from: agent("Li"),
    }));
    assert_eq!(f.owner("c"), None);
}

#[track_caller]
fn rejected(f: &mut Floor, kind: impl Into<anchang::EventKind>, field: &str) {
    let before = f.state.clone();
    let e = f.try_when(kind).expect_err("must be rejected");
    assert_eq!(e.field, field, "{e}");
    assert_eq!(f.state, before, "state intact after {e}");
}

/// P2-1.1, P3-17: bad input is a typed error naming the field; the state
/// is exactly as before.
#[test]
fn bad_input_is_rejected_with_state_intact() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900001111");
    let mut wrong = valid("c", "Li", "13900001111");
    wrong.corrects = Some(anchang::EventId(999));
    rejected(&mut f, wrong, "corrects");
    let mut unknown = valid("x", "Li", "13900009999");
    unknown.corrects = Some(anchang::EventId(1));
    rejected(&mut f, unknown, "corrects");
    rejected(&mut f, valid("c", "Wang", "13900001111"), "client");
    let fu = |c: &str, a: &str| FollowUp {
        client: client(c),
        agent: agent(a),
    };
    rejected(&mut f, fu("nobody", "Li"), "client");
    rejected(&mut f, fu("c", "Ghost"), "agent");
    rejected(&mut f, fu("c", "Wang"), "agent");
    let sw = |to: &str| SwitchAgent {
        client: client("c"),
        to: agent(to),
        reason: SwitchReason::Other,
    };
    rejected(&mut f, sw("Li"), "to");
    rejected(&mut f, sw("Ghost"), "to");
    rejected(
        &mut f,
        Reassign {
            client: client("c"),
            to: agent("Wang"),
        },
        "client",
    );
    rejected(
        &mut f,
        Consent {
            client: client("c"),
            receiver: agent("Ghost"),
        },
        "receiver",
    );
    rejected(
        &mut f,
        Depart {
            agent: agent("Ghost"),
        },
        "agent",
    );
    rejected(
        &mut f,
        LinkFamily {
            client: client("c"),
            other: client("c"),
            spouse: false,
        },
        "other",
    );
    rejected(
        &mut f,
        ConfirmCall {
            client: client("c"),
        },
        "client",
    );
    rejected(
        &mut f,
        ApproveReregistration {
            client: client("c"),
        },
        "client",
    );
    rejected(
        &mut f,
        ConfirmIdentity {
            visitor: visitor("v"),
            client: client("nobody"),
        },
        "client",
    );
}

// ---- Privacy (P1-20, P3-18) -------------------------------------------------

/// P1-20, P3-18: names and phones never appear unmasked in Debug, errors or
/// explanations; the log's serialisation keeps them whole.
#[test]
fn p1_20_personal_data_is_masked_everywhere_but_the_log() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("c", "Li", "138 1234 5678");
    r.name = Some(PersonName::new("王小明"));
    let mut all = f.when(r.clone());
    all.extend(f.arrive("v1", |a| {
        a.phone = Some(Phone::new("13812345678"));
        a.name = Some(PersonName::new("王小明"));
    }));
    let debug = format!("{:?} {:?} {:?}", f.state, all, f.log);
    for secret in ["王小明", "小明", "13812345678", "1234 5678"] {
        assert!(!debug.contains(secret), "{secret} leaked in Debug");
    }
    assert!(debug.contains("138****5678"));
    for d in &all {
        for lang in [Lang::Zh, Lang::En] {
            let t = d.explain(lang);
            assert!(!t.contains("小明") && !t.contains("12345678"), "{t}");
        }
    }
    let e = f.try_when(r).unwrap_err().to_string();
    assert!(!e.contains("小明") && !e.contains("5678"), "{e}");
    #[cfg(feature = "serde")]
    {
        let line = anchang::jsonl::to_line(&f.log[f.log.len() - 2]);
        assert!(
            line.contains("王小明") && line.contains("138 1234 5678"),
            "{line}"
        );
    }
}

// ---- Consent (P1-10, P2-1.7) -------------------------------------------------

/// P1-10, P2-1.7: a visitor received in turn and then confirmed as another
/// agent's client: flagged unless that agent consented.
#[test]
fn p1_10_receiving_anothers_client_needs_its_consent() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.register("c", "Zhang", "13900001111");
    f.register("k", "Zhang", "13900002222");
    f.walk_in("v1"); // Li
    let d = f.when(ConfirmIdentity {
        visitor: visitor("v1"),
        client: client("c"),
    });
    assert!(
        client_decisions(&d).contains(&ClientDecision::ReceivedWithoutConsent {
            client: client("c"),
            owner: agent("Zhang"),
            agent: agent("Li"),
        })
    );
    assert!(cites(&d, "P1-10"));
    let d = f.when(Consent {
        client: client("k"),
        receiver: agent("Wang"),
    });
    assert!(cites(&d, "P2-1.7"));
    f.walk_in("v2"); // Wang
    let d = f.when(ConfirmIdentity {
        visitor: visitor("v2"),
        client: client("k"),
    });
    assert!(!client_decisions(&d)
        .iter()
        .any(|c| matches!(c, ClientDecision::ReceivedWithoutConsent { .. })));
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("k"), now);
    assert!(claims
        .iter()
        .any(|c| c.agent.as_str() == "Wang" && c.reason == ClaimReason::AlsoReceived));
}

// ---- Returning clients on the floor (P1-15, P2-3.8, P3-1) -------------------

/// P1-15: owner busy → the duty helper stands in, recording the visit for
/// the owner (a contact); the owner takes over once free.
#[test]
fn p1_15_stand_in_then_owner_takes_over() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.register("c", "Li", "13900001111");
    f.walk_in("v0"); // Li busy
    let d = f.arrive_with_phone("v1", "13900001111");
    let r = reception(&d, "v1");
    assert_eq!(r.via, Via::StandIn { owner: agent("Li") });
    f.end("Li");
    let d = f.when(Takeover {
        visitor: visitor("v1"),
    });
    assert_eq!(then_receives(&d, "v1", "Li").via, Via::Owner);
}

/// P2-3.8, P2-2.3: owner absent under P2 → seated for the manager; the
/// approved stand-in counts and has a claim.
#[test]
fn p2_3_8_absent_owner_needs_the_managers_approval() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Zhao", "13900001111");
    f.sign_out("Zhao");
    let d = f.arrive_with_phone("v1", "13900001111");
    assert!(d
        .iter()
        .any(|d| matches!(d.what, anchang::What::Waits { .. })));
    let d = f.when(ApproveStandIn {
        visitor: visitor("v1"),
        agent: agent("Li"),
    });
    let r = then_receives(&d, "v1", "Li");
    assert!(r.counted);
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("c"), now);
    assert!(claims
        .iter()
        .any(|c| c.agent.as_str() == "Li" && c.reason == ClaimReason::StandIn));
}

/// P3-1: a registered old client is served first by its agent, not counted.
#[test]
fn p3_1_registered_client_served_first_not_counted() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.register("c", "Zhao", "13900001111");
    let d = f.arrive_with_phone("v1", "13900001111");
    let r = then_receives(&d, "v1", "Zhao");
    assert!(!r.counted && !r.uses_turn);
    then_receives(&f.walk_in("v2"), "v2", "Li");
}

// ---- Ownership exceptions ---------------------------------------------------

/// P2-2.5: a relation client naming an agent at first contact is that
/// agent's; meeting an acquaintance later changes nothing; insisting on a
/// change is the manager's call.
#[test]
fn p2_2_5_relation_client_named_at_first_contact() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("c", "Li", "13900001111");
    r.named_agent = Some(agent("Zhao"));
    let d = f.when(r);
    assert!(cites(&d, "P2-2.5"));
    assert_eq!(f.owner("c").as_deref(), Some("Zhao"));
    let d = f.arrive("v1", |a| {
        a.phone = Some(Phone::new("13900001111"));
        a.named_agent = Some(agent("Wang"));
    });
    assert_eq!(then_receives(&d, "v1", "Zhao").via, Via::Owner);
    f.end("Zhao");
    let d = f.when(SwitchAgent {
        client: client("c"),
        to: agent("Wang"),
        reason: SwitchReason::Relation,
    });
    assert!(cites(&d, "P2-2.5"));
    assert_eq!(f.owner("c").as_deref(), Some("Wang"));
}

/// P2-2.6: company-designated relation clients go to the pool with a
/// round-robin proposal; the manager confirms or overrides.
#[test]
fn p2_2_6_designated_clients_round_robin() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    for (c, p) in [
        ("a", "13900000001"),
        ("b", "13900000002"),
        ("c", "13900000003"),
    ] {
        f.register(c, "Li", p);
    }
    let mut proposals = Vec::new();
    for c in ["a", "b", "c"] {
        let d = f.when(Designate { client: client(c) });
        assert!(cites(&d, "P2-2.6"));
        match client_decisions(&d).as_slice() {
            [ClientDecision::Pooled { proposed, .. }] => proposals.push(proposed.unwrap()),
            other => panic!("{other:?}"),
        }
    }
    let names: Vec<&str> = proposals.iter().map(|a| a.as_str()).collect();
    assert_eq!(names, ["Li", "Wang", "Zhang"]);
    assert_eq!(f.owner("a"), None, "in the pool");
    let d = f.when(Reassign {
        client: client("a"),
        to: agent("Zhao"),
    });
    assert!(cites(&d, "P2-2.6"));
    assert_eq!(f.owner("a").as_deref(), Some("Zhao"));
    let h = f.state.registry().history(client("a"));
    assert_eq!(
        h.last().unwrap().reason,
        Some(OwnReason::Reassigned {
            pool: PoolReason::Designated,
            proposed: Some(agent("Li")),
        })
    );
}

/// P2-2.8: an old client brings a new one and names an agent: that agent's.
/// A new client pre-registered with the manager's knowledge is the
/// pre-registering agent's, and comes to it alone.
#[test]
fn p2_2_8_old_clients_introductions() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut r = valid("n1", "Li", "13900000001");
    r.named_agent = Some(agent("Zhang"));
    r.introduced_by = Some(Introducer::OldClient);
    let d = f.when(r);
    assert!(cites(&d, "P2-2.8"));
    assert_eq!(f.owner("n1").as_deref(), Some("Zhang"));
    let mut pre = valid("n2", "Zhao", "13900000002");
    pre.pre_registered = true;
    pre.introduced_by = Some(Introducer::OldClient);
    let d = f.when(pre);
    assert!(cites(&d, "P2-2.8"));
    let d = f.arrive_with_phone("v1", "13900000002");
    assert_eq!(then_receives(&d, "v1", "Zhao").via, Via::Owner);
}

/// P2-2.9: switched for poor service, the second agent owns from then on
/// and the first gets no share.
#[test]
fn p2_2_9_poor_service_excludes_the_first_agent() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Li", "13900001111");
    let d = f.when(SwitchAgent {
        client: client("c"),
        to: agent("Wang"),
        reason: SwitchReason::PoorService,
    });
    assert!(cites(&d, "P2-2.9"));
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("c"), now);
    let agents: Vec<&str> = claims.iter().map(|c| c.agent.as_str()).collect();
    assert_eq!(agents, ["Wang"]);
}

/// P1-17, P2-2.9: a switch for another reason: the manager decides; the
/// old agent keeps its receptions for the split and may not object.
#[test]
fn p1_17_switch_for_another_reason_keeps_the_old_agents_receptions() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.register("c", "Li", "13900001111");
    let d = f.when(SwitchAgent {
        client: client("c"),
        to: agent("Wang"),
        reason: SwitchReason::Other,
    });
    assert!(cites(&d, "P1-17"));
    assert!(cites(&d, "P1-18"), "the manager's handling stands");
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("c"), now);
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0].agent.as_str(), "Li");
    assert_eq!(claims[0].reason, ClaimReason::AlsoReceived);
    assert_eq!(claims[1].reason, ClaimReason::Owner);
    let d = f.arrive_with_phone("v1", "13900001111");
    then_receives(&d, "v1", "Wang");
    let trail = f.state.registry().history(client("c"));
    assert_eq!(
        trail.len(),
        2,
        "the whole trail: first contact, then the switch"
    );
    let now = f.state.clock().unwrap();
    let since = f.state.registry().owned_since(client("c"), now).unwrap();
    assert_eq!(since, &trail[1]);
    assert_eq!(
        since.reason,
        Some(OwnReason::Switched {
            reason: SwitchReason::Other
        })
    );
}

/// P2-2.10: family members belong to the first agent who registered one
/// of them; the other agent keeps a claim for the manager's split.
#[test]
fn p2_2_10_household_goes_to_the_first_registrar() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("mother", "Li", "13900000001");
    f.register("son", "Wang", "13900000002");
    let d = f.when(LinkFamily {
        client: client("son"),
        other: client("mother"),
        spouse: false,
    });
    assert!(cites(&d, "P2-2.10"));
    assert_eq!(f.owner("son").as_deref(), Some("Li"));
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("son"), now);
    assert!(claims
        .iter()
        .any(|c| c.agent.as_str() == "Wang" && c.reason == ClaimReason::Family));
}

/// P3-3: spouses received by two agents unknowingly: the other agent's
/// claim is a spouse's, to share the deal.
#[test]
fn p3_3_spouses_share() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.register("wife", "Li", "13900000001");
    f.register("husband", "Wang", "13900000002");
    let d = f.when(LinkFamily {
        client: client("wife"),
        other: client("husband"),
        spouse: true,
    });
    assert!(cites(&d, "P3-3"));
    assert_eq!(f.claim_of("husband", "Wang"), Some(ClaimReason::Spouse));
    assert_eq!(f.claim_of("wife", "Wang"), Some(ClaimReason::Spouse));
}

/// P2-2.11: an agent who leaves: its clients go to the pool, each with the
/// round-robin's next proposal skipping it; the manager reassigns; a
/// departed agent gets no client.
#[test]
fn p2_2_11_departing_agents_clients_are_reassigned() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("a", "Wang", "13900000001");
    f.register("b", "Wang", "13900000002");
    f.register("z", "Zhao", "13900000003");
    let d = f.when(Depart {
        agent: agent("Wang"),
    });
    assert!(cites(&d, "P2-2.11"));
    let pool = f.state.registry().pool();
    let proposed: Vec<String> = pool.iter().map(|p| p.2.unwrap().to_string()).collect();
    assert_eq!(proposed, ["Li", "Zhang"]);
    assert_eq!(f.owner("a"), None);
    assert_eq!(f.owner("z").as_deref(), Some("Zhao"));
    rejected(
        &mut f,
        Reassign {
            client: client("a"),
            to: agent("Wang"),
        },
        "to",
    );
    f.when(Reassign {
        client: client("a"),
        to: agent("Li"),
    });
    assert_eq!(f.owner("a").as_deref(), Some("Li"));
    // A pooled client arriving is received as new.
    let d = f.arrive_with_phone("v1", "13900000002");
    assert_eq!(reception(&d, "v1").via, Via::Rotation);
    assert!(cites(&d, "P2-2.11"));
}

/// P2-2.12: an expo lead waits for the manager; one who named an agent is
/// that agent's.
#[test]
fn p2_2_12_expo_leads() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut lead = valid("lead", "Li", "13900000001");
    lead.at_expo = true;
    f.when(lead);
    assert_eq!(f.owner("lead"), None);
    let d = f.when(Reassign {
        client: client("lead"),
        to: agent("Zhang"),
    });
    assert!(cites(&d, "P2-2.12"));
    assert_eq!(f.owner("lead").as_deref(), Some("Zhang"));
    let mut named = valid("named", "Li", "13900000002");
    named.at_expo = true;
    named.named_agent = Some(agent("Zhao"));
    f.when(named);
    assert_eq!(f.owner("named").as_deref(), Some("Zhao"));
}

/// P2-3.5: a call's details are confirmed by the manager; until then the
/// call is listed as unconfirmed.
#[test]
fn p2_3_5_manager_confirms_a_call() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut call = valid("c", "Zhao", "13900001111");
    call.channel = Channel::Call;
    f.when(call);
    assert_eq!(f.state.registry().unconfirmed_calls(), vec![client("c")]);
    let d = f.when(ConfirmCall {
        client: client("c"),
    });
    assert!(cites(&d, "P2-3.5"));
    assert!(f.state.registry().unconfirmed_calls().is_empty());
}

/// A valid registration of client `c` by `who` from a call.
fn call(c: &str, who: &str, phone: &str) -> Register {
    let mut r = valid(c, who, phone);
    r.channel = Channel::Call;
    r
}

/// P2-3.5: under P2 an unconfirmed call is a void reception: valid, but no
/// owner, no claim, and its client visiting is a new visitor for the
/// rotation, not the caller's agent.
#[test]
fn p2_3_5_unconfirmed_call_owns_nothing_and_routes_as_new() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.when(call("c", "Zhao", "13900001111"));
    assert!(missing(&f, "c").is_empty(), "the call is valid");
    assert!(
        client_decisions(&d).contains(&ClientDecision::CallAwaitsConfirmation {
            client: client("c"),
            agent: agent("Zhao"),
        })
    );
    assert!(cites(&d, "P2-3.5"));
    assert!(!client_decisions(&d)
        .iter()
        .any(|c| matches!(c, ClientDecision::Owned { .. })));
    let reg = f.state.registry();
    assert_eq!(f.owner("c"), None);
    assert_eq!(reg.holder(client("c")), None);
    assert!(reg.history(client("c")).is_empty());
    assert!(reg.claims(client("c"), f.clock).is_empty(), "no claim");
    assert!(reg.receptions(client("c")).is_empty(), "no reception");
    let d = f.arrive_with_phone("v1", "13900001111");
    let r = then_receives(&d, "v1", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert!(
        client_decisions(&d).contains(&ClientDecision::TreatedAsNew {
            visitor: visitor("v1"),
            client: client("c"),
            last_agent: None,
        })
    );
    assert!(cites(&d, "P2-3.5"));
    assert_eq!(f.owner("c"), None, "a visit does not confirm the call");
}

/// P2-3.5: the manager's confirmation makes the agent who took the call
/// its owner from that moment, a decision citing P2-3.5 that the
/// ownership trail shows; its client then goes to that agent.
#[test]
fn p2_3_5_confirmation_makes_the_caller_agent_owner_with_the_trail() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-01T10:00:00", &FOUR);
    f.when(call("c", "Zhao", "13900001111"));
    f.day("2026-03-05T09:00:00", &FOUR);
    f.clock = at("2026-03-05T10:00:00");
    let d = f.when(ConfirmCall {
        client: client("c"),
    });
    let owned = d
        .iter()
        .find(|x| {
            matches!(
                x.what,
                anchang::What::Client(ClientDecision::Owned { client: c, agent: a })
                    if c == client("c") && a == agent("Zhao")
            )
        })
        .expect("the confirmation makes Zhao the owner");
    assert!(owned.rules.as_slice().iter().any(|r| r.id() == "P2-3.5"));
    assert_eq!(f.owner("c").as_deref(), Some("Zhao"));
    let reg = f.state.registry();
    let trail = reg.history(client("c"));
    assert_eq!(trail.len(), 1, "{trail:?}");
    let since = reg.owned_since(client("c"), f.clock).unwrap();
    assert_eq!(since.at, at("2026-03-05T10:00:00"));
    assert_eq!(
        since.holder,
        Some(Holder::Agent {
            agent: agent("Zhao")
        })
    );
    assert!(since.rules.as_slice().iter().any(|r| r.id() == "P2-3.5"));
    // Protected from the confirmation: 20 days from Mar 5 (P2-2.13).
    assert_eq!(
        reg.protected_through(client("c")).unwrap().to_string(),
        "2026-03-25"
    );
    let claims = reg.claims(client("c"), f.clock);
    assert!(claims
        .iter()
        .any(|c| c.agent.as_str() == "Zhao" && c.reason == ClaimReason::Owner));
    assert!(reg.unconfirmed_calls().is_empty());
    let d = f.arrive_with_phone("v1", "13900001111");
    assert_eq!(then_receives(&d, "v1", "Zhao").via, Via::Owner);
}

/// P2-3.5 is P2's: under P1 and P3 a call owns at once (a reading: they
/// ask no confirmation of a call).
#[test]
fn p2_3_5_under_p1_and_p3_a_call_owns_at_once() {
    for p in [Policy::p1(), Policy::p3()] {
        assert!(!p.call_needs_confirmation.value && p.call_needs_confirmation.reading);
        let mut f = Floor::given(p, &FOUR);
        let d = f.when(call("c", "Zhao", "13900001111"));
        assert!(client_decisions(&d).contains(&ClientDecision::Owned {
            client: client("c"),
            agent: agent("Zhao"),
        }));
        assert_eq!(f.owner("c").as_deref(), Some("Zhao"));
        let d = f.arrive_with_phone("v1", "13900001111");
        assert_eq!(then_receives(&d, "v1", "Zhao").via, Via::Owner);
    }
    let p2 = Policy::p2().call_needs_confirmation;
    assert!(p2.value && !p2.reading && p2.rules.as_slice().iter().any(|r| r.id() == "P2-3.5"));
}

// ---- Lapse boundaries (P2-2.13, P3-16, P3-19) ------------------------------

/// P2-2.13: day 20 without contact is protected, day 21 is not; a
/// follow-up restarts the count.
#[test]
fn p2_2_13_day_20_and_day_21() {
    let mut f = Floor::given_on(Policy::p2(), "2026-02-01T10:00:00", &FOUR);
    f.register("c", "Li", "13900001111");
    let r = |f: &Floor, t: &str| f.state.registry().owner_of(client("c"), at(t));
    assert_eq!(r(&f, "2026-02-21T23:59:59"), Some(agent("Li")), "day 20");
    assert_eq!(r(&f, "2026-02-22T00:00:00"), None, "day 21");
    f.clock = at("2026-02-15T10:00:00");
    let d = f.when(FollowUp {
        client: client("c"),
        agent: agent("Li"),
    });
    assert!(cites(&d, "P2-2.13"));
    assert_eq!(
        r(&f, "2026-03-07T12:00:00"),
        Some(agent("Li")),
        "day 20 after the follow-up"
    );
    assert_eq!(r(&f, "2026-03-08T00:00:00"), None);
}

/// P3-16, P3-19: follow-ups do not extend the 30 days; after them the
/// client is registered again only with the manager's approval.
#[test]
fn p3_19_reregistration_needs_approval() {
    let mut f = Floor::given_on(Policy::p3(), "2026-03-01T10:00:00", &FOUR);
    f.register("c", "Li", "13900001111");
    f.clock = at("2026-03-20T10:00:00");
    f.when(FollowUp {
        client: client("c"),
        agent: agent("Li"),
    });
    assert_eq!(
        f.state
            .registry()
            .protected_through(client("c"))
            .unwrap()
            .to_string(),
        "2026-03-31"
    );
    f.clock = at("2026-04-02T10:00:00");
    rejected(&mut f, valid("c", "Li", "13900001111"), "client");
    let d = f.when(ApproveReregistration {
        client: client("c"),
    });
    assert!(cites(&d, "P3-19"));
    let d = f.when(valid("c", "Li", "13900001111"));
    assert!(cites(&d, "P3-19"));
    assert_eq!(f.owner("c").as_deref(), Some("Li"));
    assert_eq!(
        f.state
            .registry()
            .history(client("c"))
            .last()
            .unwrap()
            .reason,
        Some(OwnReason::Reregistered)
    );
    assert_eq!(f.state.registry().number(client("c")), Some(2));
}

/// P2-2.13: under inactivity a lapsed client is simply new: whoever
/// receives it registers it, no approval needed.
#[test]
fn p2_2_13_lapsed_client_registered_by_its_new_receiver() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-01T10:00:00", &FOUR);
    f.register("c", "Wang", "13900001111");
    f.day("2026-03-25T09:00:00", &FOUR);
    let d = f.arrive_with_phone("v1", "13900001111");
    then_receives(&d, "v1", "Li");
    let d = f.when(valid("c", "Li", "13900001111"));
    assert!(
        client_decisions(&d).contains(&ClientDecision::OwnerChanged {
            client: client("c"),
            from: Some(agent("Wang")),
            to: agent("Li"),
            reason: OwnReason::Reregistered,
        })
    );
}

/// P1 has no lapse.
#[test]
fn p1_never_lapses() {
    let mut f = Floor::given_on(Policy::p1(), "2026-01-01T10:00:00", &FOUR);
    f.register("c", "Li", "13900001111");
    let years_later = at("2030-01-01T10:00:00");
    assert_eq!(
        f.state.registry().owner_of(client("c"), years_later),
        Some(agent("Li"))
    );
}

/// Leap years: 30 days from Feb 1 2028 end on Mar 2 (29-day February);
/// a calendar month from Jan 31 2028 ends on Feb 29.
#[test]
fn lapse_in_a_leap_year() {
    let mut f = Floor::given_on(Policy::p3(), "2028-02-01T10:00:00", &FOUR);
    f.register("c", "Li", "13900001111");
    assert_eq!(
        f.state
            .registry()
            .protected_through(client("c"))
            .unwrap()
            .to_string(),
        "2028-03-02"
    );
    let mut p = Policy::p3();
    p.lapse.value = Lapse::CalendarMonths { months: 1 };
    let mut f = Floor::given_on(p, "2028-01-31T10:00:00", &FOUR);
    f.register("c", "Li", "13900001111");
    assert_eq!(
        f.state
            .registry()
            .protected_through(client("c"))
            .unwrap()
            .to_string(),
        "2028-02-29"
    );
}

/// The follow-up reminder list: per agent, clients lapsing within N days.
#[test]
fn reminders_list_clients_lapsing_soon() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-01T10:00:00", &FOUR);
    f.register("a", "Li", "13900000001"); // through Mar 21
    f.clock = at("2026-03-05T10:00:00");
    f.register("b", "Wang", "13900000002"); // through Mar 25
    f.register("c", "Li", "13900000003"); // through Mar 25
    let today: anchang::Date = "2026-03-19".parse().unwrap();
    let list = f.state.registry().reminders(today, 3);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].agent.as_str(), "Li");
    assert_eq!(list[0].clients[0].client.as_str(), "a");
    assert_eq!(list[0].clients[0].days_left, 3);
    let list = f.state.registry().reminders(today, 7);
    let agents: Vec<&str> = list.iter().map(|r| r.agent.as_str()).collect();
    assert_eq!(agents, ["Li", "Wang"]);
    assert_eq!(list[0].clients.len(), 2);
}

/// P2-2.9 over P2-2.10: a client switched away from an agent for poor
/// service is not handed back to it by a later household link.
#[test]
fn p2_2_9_poor_service_switch_survives_a_household_link() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("first", "Li", "13900000001");
    f.register("second", "Li", "13900000002");
    f.when(SwitchAgent {
        client: client("second"),
        to: agent("Wang"),
        reason: SwitchReason::PoorService,
    });
    f.when(LinkFamily {
        client: client("first"),
        other: client("second"),
        spouse: false,
    });
    assert_eq!(f.owner("second").as_deref(), Some("Wang"));
    let now = f.state.clock().unwrap();
    let claims = f.state.registry().claims(client("second"), now);
    assert!(claims.iter().all(|c| c.agent.as_str() != "Li"));
}

/// The follow-up reminder example's data replays, and its list is the one
/// the example prints (P2-2.13).
#[cfg(feature = "serde")]
#[test]
fn reminder_example_data_replays() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/clients.jsonl");
    let text = std::fs::read_to_string(file).unwrap();
    let day = anchang::jsonl::replay_reader(&Policy::p2(), text.as_bytes()).unwrap();
    let reg = day.state.registry();
    assert_eq!(
        reg.missing(client("C005")).unwrap().len(),
        1 + 1,
        "phone and needs"
    );
    let today = day.state.clock().unwrap().date();
    let list = reg.reminders(today, 5);
    let lines: Vec<(String, Vec<String>)> = list
        .iter()
        .map(|r| {
            (
                r.agent.to_string(),
                r.clients.iter().map(|c| c.client.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Wang".to_string(), vec!["C002".to_string()]),
            ("Zhang".into(), vec!["C004".into()]),
            ("Zhao".into(), vec!["C003".into()]),
        ]
    );
    // The returning visitor on Mar 12 went to its owner by phone.
    assert!(day.decisions.iter().any(|d| matches!(
        &d.what,
        anchang::What::Received(r) if r.visitor.as_str() == "v7" && r.via == Via::Owner
    )));
}

/// P2-3.4: a call from a registered client, recognised by its number, goes
/// to its own agent.
#[test]
fn p2_3_4_registered_callers_go_to_their_agent() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c", "Zhang", "13900001111");
    let d = f.arrive("call", |a| {
        a.channel = Channel::Call;
        a.phone = Some(Phone::new("+86 13900001111"));
    });
    assert_eq!(then_receives(&d, "call", "Zhang").via, Via::Owner);
    assert!(cites(&d, "P2-3.4"));
}

/// P2-2.13: the registry's word beats an owner the log states: a lapsed
/// client is new, and its reception is recorded for it.
#[test]
fn p2_2_13_lapsed_client_is_new_whatever_the_log_states() {
    let mut f = Floor::given_on(Policy::p2(), "2026-03-01T10:00:00", &FOUR);
    f.register("c", "Zhao", "13900001111");
    f.day("2026-04-01T09:00:00", &FOUR);
    let d = f.arrive("v", |a| {
        a.client = Some(client("c"));
        a.returning = Some(Returning {
            owner: agent("Zhao"),
            deposit_paid: false,
        });
    });
    let r = then_receives(&d, "v", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert_eq!(r.client, Some(client("c")));
    let li = f.state.registry().receptions(client("c"));
    assert!(li.iter().any(|(a, _)| a.as_str() == "Li"));
}

/// P3-15, P2-1.1: a correction that gives a standing registration the
/// number of an earlier client is a duplicate found later: flagged, owning
/// nothing, for the manager.
#[test]
fn p3_15_duplicate_found_by_a_later_correction_is_flagged() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("c1", "Li", "13900001111");
    f.register("c2", "Wang", "13900002222");
    let first = f.log.last().unwrap().id;
    let mut fix = valid("c2", "Wang", "139 0000 1111");
    fix.corrects = Some(first);
    let d = f.when(fix);
    assert!(
        client_decisions(&d).contains(&ClientDecision::DuplicateFlagged {
            client: client("c2"),
            of: client("c1"),
        })
    );
    assert_eq!(f.owner("c2"), None);
    assert_eq!(f.owner("c1").as_deref(), Some("Li"));
}

/// A state with a registry survives a serde snapshot, personal data whole.
#[cfg(feature = "serde")]
#[test]
fn registry_state_round_trips_through_a_snapshot() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("a", "Li", "13900001111");
    f.register("b", "Wang", "13900002222");
    f.when(LinkFamily {
        client: client("a"),
        other: client("b"),
        spouse: true,
    });
    f.when(ConfirmIdentity {
        visitor: visitor("later"),
        client: client("b"),
    });
    f.when(Depart {
        agent: agent("Zhao"),
    });
    let json = serde_json::to_string(&f.state).unwrap();
    assert!(json.contains("13900001111"), "a snapshot keeps full data");
    let back: anchang::State = serde_json::from_str(&json).unwrap();
    assert_eq!(back, f.state);
}

/// The registry keeps a holder's agents as roster slots in each client's
/// hot record (issue 9); a snapshot still writes them by agent id, as
/// before the split, reads them back, and refuses a client with no
/// registration event instead of failing on the next event.
#[cfg(feature = "serde")]
#[test]
fn a_snapshot_writes_a_holders_agents_by_id_and_refuses_a_client_without_events() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("z", "Zhao", "13900003333");
    f.register("l", "Li", "13900004444");
    f.when(Depart {
        agent: agent("Zhao"),
    });
    let pooled = f.state.registry().holder(client("z"));
    assert!(
        matches!(pooled, Some(Holder::Pool { reason: PoolReason::Departed { agent: a }, .. }) if a == agent("Zhao")),
        "{pooled:?}"
    );
    let mut json = serde_json::to_value(&f.state).unwrap();
    let clients = &json["registry"]["clients"];
    assert_eq!(clients["l"]["holder"]["agent"], "Li", "{}", clients["l"]);
    assert_eq!(clients["z"]["holder"]["holder"], "pool");
    assert_eq!(clients["z"]["holder"]["reason"]["agent"], "Zhao");
    assert_eq!(clients["z"]["events"].as_array().map(Vec::len), Some(1));
    let back: anchang::State = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, f.state);
    assert_eq!(back.registry().holder(client("z")), pooled);

    json["registry"]["clients"]["l"]["events"] = serde_json::json!([]);
    let refused = serde_json::from_value::<anchang::State>(json).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("client l has no registration event"),
        "{refused}"
    );
}

/// P1-17, P3-19: a client switched by the manager starts the new agent's
/// window afresh, even under a fixed window from registration.
#[test]
fn p1_17_switch_starts_a_fresh_window() {
    let mut f = Floor::given_on(Policy::p3(), "2026-03-01T10:00:00", &FOUR);
    f.register("c", "Li", "13900001111");
    f.clock = at("2026-03-25T10:00:00");
    f.when(SwitchAgent {
        client: client("c"),
        to: agent("Wang"),
        reason: SwitchReason::Other,
    });
    assert_eq!(
        f.state
            .registry()
            .protected_through(client("c"))
            .unwrap()
            .to_string(),
        "2026-04-24"
    );
}

/// Every registry decision round-trips through JSON (what a host stores or
/// shows), and names nobody.
#[cfg(feature = "serde")]
#[test]
fn registry_decisions_round_trip_through_json() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut all = Vec::new();
    let mut bad = valid("bad", "Li", "139 0000 111");
    bad.needs = None;
    all.extend(f.when(bad));
    all.extend(f.register("a", "Li", "13900000001"));
    all.extend(f.register("dup", "Zhao", "13900000001"));
    all.extend(f.register("b", "Wang", "13900000002"));
    all.extend(f.when(LinkFamily {
        client: client("a"),
        other: client("b"),
        spouse: true,
    }));
    all.extend(f.when(Designate {
        client: client("a"),
    }));
    all.extend(f.when(Reassign {
        client: client("a"),
        to: agent("Zhang"),
    }));
    all.extend(f.when(SwitchAgent {
        client: client("b"),
        to: agent("Zhao"),
        reason: SwitchReason::PoorService,
    }));
    all.extend(f.when(Depart {
        agent: agent("Zhao"),
    }));
    all.extend(f.arrive("v", |a| a.name = Some(PersonName::new("陈明"))));
    all.extend(f.arrive_with_phone("w", "13900000002"));
    assert!(client_decisions(&all).len() >= 12);
    for d in &all {
        let json = serde_json::to_string(d).unwrap();
        assert!(
            !json.contains("陈明") && !json.contains("13900000001"),
            "{json}"
        );
        let back: anchang::Decision = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, d, "{json}");
    }
}

/// P2-2.7 over P2-2.10: a household linked after a contract leaves the
/// buyer with its signer; the household's agent has a family claim for the
/// manager to split.
#[test]
fn p2_2_7_household_linked_after_a_contract_keeps_the_buyer_with_its_signer() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.when(registration("a", "Li", "13900001111"));
    f.when(registration("b", "Wang", "13900002222"));
    f.when(Deposit {
        deal: "D1".parse().unwrap(),
        client: client("b"),
        unit: "1-101".parse().unwrap(),
        price: anchang::Fen(100_000_000),
        agent: agent("Wang"),
    });
    f.when(Contract {
        deal: "D1".parse().unwrap(),
        signer: agent("Wang"),
    });
    f.when(LinkFamily {
        client: client("a"),
        other: client("b"),
        spouse: false,
    });
    let now = f.state.clock().unwrap();
    assert_eq!(
        f.state.registry().owner_of(client("b"), now),
        Some(agent("Wang"))
    );
    let claims = f.state.registry().claims(client("b"), now);
    assert!(
        claims
            .iter()
            .any(|c| c.agent == agent("Li") && c.reason == ClaimReason::Family),
        "{claims:?}"
    );
}

/// P2-2.12: an expo lead left in the pool who comes back naming an agent
/// belongs to that agent (如客户再次来访指明某销售人员接待的,原则也归该销售人员所有).
#[test]
fn p2_2_12_pooled_expo_lead_naming_an_agent_belongs_to_it() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut lead = valid("lead", "Li", "13900000001");
    lead.at_expo = true;
    f.when(lead);
    assert_eq!(f.owner("lead"), None);
    let d = f.arrive("v1", |a| {
        a.phone = Some(Phone::new("139 0000 0001"));
        a.named_agent = Some(agent("Zhao"));
    });
    then_receives(&d, "v1", "Zhao");
    assert!(cites(&d, "P2-2.12"));
    assert_eq!(f.owner("lead").as_deref(), Some("Zhao"));
}

/// A corrupt registry snapshot is refused when read back, never a panic
/// on the next event.
#[test]
fn a_corrupt_registry_snapshot_is_refused_on_load() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.when(registration("a", "Li", "13900001111"));
    let good = serde_json::to_string(&f.state).unwrap();
    assert_eq!(
        serde_json::from_str::<anchang::State>(&good).unwrap(),
        f.state
    );
    let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
    v["registry"]["households"] = serde_json::json!({"1": ["ghost"]});
    let err = serde_json::from_value::<anchang::State>(v).unwrap_err();
    assert!(err.to_string().contains("ghost"), "{err}");
    // A counter behind the numbers it handed out would number a client twice.
    let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
    v["registry"]["registrations"] = serde_json::json!(0);
    let err = serde_json::from_value::<anchang::State>(v).unwrap_err();
    assert!(err.to_string().contains("past the registrations"), "{err}");
}

/// P2-3.5 and P3-15: while a call awaits confirmation it is void, so a
/// visit registering the same number meanwhile is the valid registration;
/// confirming the call then flags it as the later one, never a second owner.
#[test]
fn p2_3_5_confirming_a_call_after_another_registration_of_its_number_flags_it() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let mut call = valid("C1", "Li", "13812345678");
    call.channel = Channel::Call;
    f.when(call);
    f.when(valid("C2", "Wang", "138 1234 5678"));
    assert_eq!(f.owner("C2").as_deref(), Some("Wang"));
    let d = f.when(ConfirmCall {
        client: client("C1"),
    });
    assert!(cites(&d, "P3-15"), "{d:?}");
    assert_eq!(f.owner("C1"), None);
    let d = f.arrive_with_phone("v1", "13812345678");
    then_receives(&d, "v1", "Wang");
}
