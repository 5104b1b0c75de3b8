//! Bad input gets a clear error and nothing is lost: arbitrary events of
//! every kind, most of them invalid for the state they meet, never panic,
//! and every rejected event leaves the state exactly as it was.

use anchang::event::*;
use anchang::policy::Policy;
use anchang::{
    AgentId, ClientId, DealId, Event, EventId, EventKind, Fen, State, Timestamp, UnitId, VisitorId,
    What,
};
use proptest::prelude::*;

use crate::properties::cases;

fn agent() -> impl Strategy<Value = AgentId> {
    (0u8..5).prop_map(|k| format!("A{k}").parse().unwrap())
}
fn visitor() -> impl Strategy<Value = VisitorId> {
    (0u8..16).prop_map(|k| format!("v{k}").parse().unwrap())
}
fn client() -> impl Strategy<Value = ClientId> {
    (0u8..5).prop_map(|k| format!("C{k}").parse().unwrap())
}
fn deal() -> impl Strategy<Value = DealId> {
    (0u8..4).prop_map(|k| format!("D{k}").parse().unwrap())
}
fn unit() -> impl Strategy<Value = UnitId> {
    (0u8..3).prop_map(|k| format!("U{k}").parse().unwrap())
}
fn phone() -> impl Strategy<Value = anchang::Phone> {
    prop_oneof![
        Just("13900000001"),
        Just("+86 139-0000-0002"),
        Just("021-6512-3456"),
        Just("12345"),
        Just("not a phone"),
    ]
    .prop_map(anchang::Phone::new)
}

fn arrive() -> impl Strategy<Value = EventKind> {
    (
        visitor(),
        any::<bool>(),
        0usize..5,
        proptest::option::of(agent()),
        proptest::option::of(client()),
        proptest::option::of(phone()),
        proptest::option::of((agent(), any::<bool>())),
    )
        .prop_map(|(v, call, purpose, named, client, phone, returning)| {
            let mut a = Arrive::walk_in(v);
            a.channel = if call { Channel::Call } else { Channel::Visit };
            a.purpose = Purpose::ALL[purpose];
            a.named_agent = named;
            a.client = client;
            a.phone = phone;
            a.returning = returning.map(|(owner, deposit_paid)| Returning {
                owner,
                deposit_paid,
            });
            a.into()
        })
}

fn register() -> impl Strategy<Value = EventKind> {
    let mostly = || proptest::bool::weighted(0.8);
    let rarely = || proptest::bool::weighted(0.1);
    (
        client(),
        agent(),
        rarely(),
        mostly(),
        proptest::collection::vec(phone(), 0..3),
        mostly(),
        rarely(),
        proptest::option::weighted(0.1, 0u64..40),
    )
        .prop_map(|(c, a, call, named, phones, needs, expo, corrects)| {
            Register {
                channel: if call { Channel::Call } else { Channel::Visit },
                name: named.then(|| anchang::PersonName::new("陈明")),
                gender: Some(anchang::Gender::Female),
                phones,
                needs: needs.then(|| "三房".to_owned()),
                at_expo: expo,
                corrects: corrects.map(EventId),
                ..Register::new(c, a)
            }
            .into()
        })
}

fn deal_event() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        (deal(), client(), unit(), -10i64..1_000_000_000, agent()).prop_map(
            |(deal, client, unit, price, agent)| Deposit {
                deal,
                client,
                unit,
                price: Fen(price),
                agent
            }
            .into()
        ),
        (deal(), agent()).prop_map(|(deal, signer)| Contract { deal, signer }.into()),
        (deal(), agent()).prop_map(|(deal, agent)| Objection {
            deal,
            agent,
            claim: String::new()
        }
        .into()),
        (
            deal(),
            proptest::collection::vec((agent(), 0u32..12_000), 0..3),
            0u8..3
        )
            .prop_map(|(deal, shares, how)| {
                let shares: Vec<RulingShare> = shares
                    .into_iter()
                    .map(|(agent, part)| RulingShare { agent, part })
                    .collect();
                match how {
                    0 => Ruling::weights(deal, shares),
                    1 => Ruling::basis_points(deal, shares),
                    _ => Ruling::by_records(deal),
                }
                .into()
            }),
        proptest::collection::vec((client(), agent()), 0..3).prop_map(|e| EffectiveRegister {
            entries: e
                .into_iter()
                .map(|(client, agent)| EffectiveEntry { client, agent })
                .collect()
        }
        .into()),
        deal().prop_map(|deal| StillDisagree { deal }.into()),
        deal().prop_map(|deal| Cancel { deal }.into()),
    ]
}

pub(crate) fn kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        4 => agent().prop_map(|agent| SignIn { agent }.into()),
        1 => agent().prop_map(|agent| SignOut { agent }.into()),
        1 => agent().prop_map(|agent| ShiftOff { agent }.into()),
        1 => agent().prop_map(|agent| ShiftOn { agent }.into()),
        1 => agent().prop_map(|agent| Suspend { agent }.into()),
        1 => agent().prop_map(|agent| Reinstate { agent }.into()),
        1 => (agent(), 0usize..5).prop_map(|(agent, r)| StepAway {
            agent,
            reason: [AwayReason::Meal, AwayReason::Washroom, AwayReason::Out, AwayReason::Errand, AwayReason::Expo][r],
        }.into()),
        1 => agent().prop_map(|agent| Return { agent }.into()),
        5 => arrive(),
        1 => visitor().prop_map(|visitor| Leave { visitor }.into()),
        4 => agent().prop_map(|agent| End { agent }.into()),
        1 => agent().prop_map(|agent| Decline { agent }.into()),
        1 => visitor().prop_map(|visitor| Takeover { visitor }.into()),
        1 => proptest::collection::vec(agent(), 0..6).prop_map(|order| Reorder { order, corrects: None }.into()),
        1 => (visitor(), agent()).prop_map(|(visitor, agent)| Assign { visitor, agent, corrects: None }.into()),
        1 => (visitor(), agent()).prop_map(|(visitor, agent)| ApproveStandIn { visitor, agent }.into()),
        3 => register(),
        1 => (client(), agent()).prop_map(|(client, agent)| FollowUp { client, agent }.into()),
        1 => (client(), client(), any::<bool>()).prop_map(|(client, other, spouse)| LinkFamily { client, other, spouse }.into()),
        1 => (visitor(), client()).prop_map(|(visitor, client)| ConfirmIdentity { visitor, client }.into()),
        1 => (client(), client(), any::<bool>()).prop_map(|(client, duplicate, distinct)| ResolveDuplicate { client, duplicate, distinct }.into()),
        1 => (client(), agent(), 0usize..3).prop_map(|(client, to, r)| SwitchAgent {
            client, to, reason: [SwitchReason::PoorService, SwitchReason::Relation, SwitchReason::Other][r],
        }.into()),
        1 => agent().prop_map(|agent| Depart { agent }.into()),
        1 => (client(), agent()).prop_map(|(client, to)| Reassign { client, to }.into()),
        1 => client().prop_map(|client| Designate { client }.into()),
        1 => (client(), agent()).prop_map(|(client, receiver)| Consent { client, receiver }.into()),
        1 => client().prop_map(|client| ConfirmCall { client }.into()),
        1 => client().prop_map(|client| ApproveReregistration { client }.into()),
        4 => deal_event(),
    ]
}

/// An event log: ids mostly increasing (some replayed), times mostly
/// moving forward by minutes to days (some going backwards).
fn log() -> impl Strategy<Value = Vec<Event>> {
    proptest::collection::vec((kind(), -2i64..60, 0u8..40), 1..150).prop_map(|steps| {
        let mut at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
        let mut id = 0u64;
        steps
            .into_iter()
            .map(|(kind, minutes, r)| {
                // Now and then a day or more passes (a new day closes the floor).
                at = at.plus_seconds(if r == 0 { minutes * 3600 } else { minutes * 60 });
                id = if r == 1 { id.saturating_sub(2) } else { id + 1 };
                Event {
                    id: EventId(id),
                    at,
                    kind,
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// No event panics; a rejected event changes nothing, and an accepted
    /// one that repeats an applied id is only reported.
    #[test]
    fn rejected_events_change_nothing_and_nothing_panics(p in 1u8..=3, log in log()) {
        let mut state = State::new(Policy::preset(p).unwrap());
        for e in &log {
            let before = state.clone();
            match state.apply(e) {
                Err(err) => {
                    prop_assert_eq!(&state, &before, "{} changed the state", err);
                    prop_assert!(!err.field.is_empty());
                }
                Ok(d) if before.last_event().is_some_and(|l| e.id <= l) => {
                    prop_assert_eq!(&state, &before);
                    let only_ignored = matches!(d.as_slice(), [x] if matches!(x.what, What::Ignored { .. }));
                    prop_assert!(only_ignored, "a replayed id did more than report: {:?}", d);
                }
                Ok(_) => {}
            }
            // A snapshot of any state reached reads back as that state.
            let text = serde_json::to_string(&state).unwrap();
            prop_assert_eq!(&serde_json::from_str::<State>(&text).unwrap(), &state);
        }
    }
}

/// Guards the property above against vacuity: generated logs are a mix of
/// accepted events of every capability and rejected ones.
#[test]
fn generated_logs_mix_accepted_and_rejected_events() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut ok, mut rejected, mut received, mut owned, mut deposits) = (0, 0, 0, 0, 0);
    for _ in 0..60 {
        let mut state = State::new(Policy::p2());
        for e in log().new_tree(&mut runner).unwrap().current() {
            match state.apply(&e) {
                Err(_) => rejected += 1,
                Ok(d) => {
                    ok += 1;
                    for x in d {
                        match x.what {
                            What::Received(_) => received += 1,
                            What::Client(
                                anchang::ClientDecision::Owned { .. }
                                | anchang::ClientDecision::OwnerChanged { .. },
                            ) => owned += 1,
                            What::Deal(anchang::DealDecision::Opened { .. }) => deposits += 1,
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    assert!(
        ok > 500 && rejected > 500,
        "accepted {ok}, rejected {rejected}"
    );
    assert!(
        received > 50 && owned > 10 && deposits > 5,
        "received {received}, owned {owned}, deposits {deposits}"
    );
}
