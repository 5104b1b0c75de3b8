//! The registry's crate-internal hooks: deposits (P3-1) and the contract
//! signer (P2-2.7), which the deal book drives.

use super::*;
use crate::decision::{Decision, What};
use crate::event::{Arrive, Register};
use crate::{EventId, Gender, PersonName, Phone};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().unwrap()
}

fn register(reg: &mut Registry, policy: &Policy, n: u64, t: &str, c: &str, a: &str) {
    let e = Register {
        name: Some(PersonName::new("陈明")),
        gender: Some(Gender::Male),
        phones: vec![Phone::new("13900001111")],
        needs: Some("三房".into()),
        ..Register::new(id(c), id(a))
    };
    let mut list = Vec::new();
    let mut out = Out {
        event: EventId(n),
        at: at(t),
        list: &mut list,
    };
    reg.apply(policy, &EventKind::Register(e), &mut out)
        .unwrap();
}

fn arrival() -> Arrive {
    let mut a = Arrive::walk_in(id("v1"));
    a.phone = Some(Phone::new("139 0000 1111"));
    a
}

/// P3-1: the registry tells the queue a returning client paid a deposit;
/// a buyer does not lapse (P2-2.7).
#[test]
fn deposit_paid_reaches_identify_and_stops_lapse() {
    let p = Policy::p3();
    let mut reg = Registry::new(&p);
    register(&mut reg, &p, 1, "2026-03-01T10:00:00", "c", "Li");
    let later = at("2026-03-10T10:00:00");
    assert_eq!(
        reg.arrival(&p, &arrival(), later).owned,
        Some((id("c"), id("Li"), false))
    );
    reg.set_deposit_paid(id("c"), true);
    assert_eq!(
        reg.arrival(&p, &arrival(), later).owned,
        Some((id("c"), id("Li"), true))
    );
    let much_later = at("2026-09-01T10:00:00");
    assert_eq!(reg.owner_of(id("c"), much_later), Some(id("Li")));
}

/// P2-2.7: a client who bought belongs to the contract signer, a decision
/// with its rule and a trail entry.
#[test]
fn contract_signer_owns_the_buyer() {
    let p = Policy::p2();
    let mut reg = Registry::new(&p);
    register(&mut reg, &p, 1, "2026-03-01T10:00:00", "c", "Li");
    let mut list: Vec<Decision> = Vec::new();
    let mut out = Out {
        event: EventId(2),
        at: at("2026-03-02T10:00:00"),
        list: &mut list,
    };
    reg.set_signer(id("c"), id("Wang"), &mut out);
    assert_eq!(
        reg.owner_of(id("c"), at("2026-03-02T10:00:00")),
        Some(id("Wang"))
    );
    assert!(matches!(
        &list[..],
        [Decision {
            what: What::Client(ClientDecision::OwnerChanged {
                reason: OwnReason::ContractSigner,
                ..
            }),
            ..
        }]
    ));
    assert!(list[0].rules.contains(crate::Rule::P2_2_7));
    assert_eq!(
        reg.history(id("c")).last().unwrap().reason,
        Some(OwnReason::ContractSigner)
    );
    // Returning after buying: still the signer's, however long after.
    assert_eq!(
        reg.owner_of(id("c"), at("2027-03-02T10:00:00")),
        Some(id("Wang"))
    );
}
