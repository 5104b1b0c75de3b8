//! The deal book's rules with the registry's facts given as data, so each
//! rule is tested apart from how the registry derives its claims.

use super::facts::ClientFacts;
use super::*;
use crate::decision::{Decision, Out};
use crate::event::{EffectiveEntry, RulingShare};
use crate::policy::Ruled;
use crate::registry::ClaimReason;
use crate::{Claim, Fen, Rule, Rules};

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}
fn a(s: &str) -> AgentId {
    s.parse().unwrap()
}
fn c(s: &str) -> ClientId {
    s.parse().unwrap()
}
fn d(s: &str) -> DealId {
    s.parse().unwrap()
}
fn u(s: &str) -> UnitId {
    s.parse().unwrap()
}

#[derive(Default)]
struct Facts {
    known: Vec<ClientId>,
    developer: Vec<ClientId>,
    claims: Vec<(ClientId, Claim)>,
    receptions: Vec<(ClientId, AgentId, u32)>,
}

impl ClientFacts for Facts {
    fn knows(&self, client: ClientId) -> bool {
        self.known.contains(&client)
    }
    fn introduced_by(&self, client: ClientId) -> Option<Introducer> {
        self.developer
            .contains(&client)
            .then_some(Introducer::Developer)
    }
    fn claims(&self, client: ClientId, at: Timestamp) -> Vec<Claim> {
        self.claims
            .iter()
            .filter(|(k, cl)| *k == client && cl.since <= at)
            .map(|(_, cl)| *cl)
            .collect()
    }
    fn receptions(&self, client: ClientId) -> Vec<(AgentId, u32)> {
        self.receptions
            .iter()
            .filter(|(k, _, _)| *k == client)
            .map(|(_, a, n)| (*a, *n))
            .collect()
    }
}

struct Book {
    book: DealBook,
    policy: Policy,
    facts: Facts,
    next: u64,
}

impl Book {
    fn new(policy: Policy) -> Book {
        let facts = Facts {
            known: vec![c("C1"), c("C2"), c("C3")],
            ..Facts::default()
        };
        Book {
            book: DealBook::default(),
            policy,
            facts,
            next: 1,
        }
    }

    fn claim(&mut self, client: &str, agent: &str, reason: ClaimReason, rules: Rules, since: &str) {
        self.facts.claims.push((
            c(client),
            Claim {
                agent: a(agent),
                reason,
                rules,
                since: t(since),
            },
        ));
    }

    /// Applies `kind` at `at`; on error checks the book is unchanged.
    fn at(&mut self, at: &str, kind: impl Into<EventKind>) -> Result<Vec<Decision>, DealError> {
        let before = self.book.clone();
        let mut list = Vec::new();
        let mut out = Out {
            event: EventId(self.next),
            at: t(at),
            list: &mut list,
        };
        self.next += 1;
        let r = self
            .book
            .apply_with(&self.policy, &self.facts, &kind.into(), &mut out);
        match r {
            Ok(()) => Ok(list),
            Err(e) => {
                assert_eq!(self.book, before, "a rejected event changed the book");
                Err(e)
            }
        }
    }

    #[track_caller]
    fn ok(&mut self, at: &str, kind: impl Into<EventKind>) -> Vec<Decision> {
        self.at(at, kind).unwrap()
    }

    /// A deposit of `price` fen on `unit` for `client`, closed by `agent`.
    fn deposit(
        &mut self,
        at: &str,
        deal: &str,
        client: &str,
        unit: &str,
        price: i64,
        agent: &str,
    ) -> Result<Vec<Decision>, DealError> {
        self.at(
            at,
            Deposit {
                deal: d(deal),
                client: c(client),
                unit: u(unit),
                price: Fen(price),
                agent: a(agent),
            },
        )
    }

    fn shares(&self, deal: &str) -> Vec<(String, u32, i64, ShareReason)> {
        self.book
            .deal(d(deal))
            .unwrap()
            .shares()
            .iter()
            .map(|s| {
                (
                    s.payee.describe(crate::Lang::En),
                    s.share.0,
                    s.amount.0,
                    s.reason,
                )
            })
            .collect()
    }

    fn status(&self, deal: &str, at: &str) -> AttributionStatus {
        self.book.status(d(deal), t(at)).unwrap()
    }
}

fn object(deal: &str, agent: &str) -> Objection {
    Objection {
        deal: d(deal),
        agent: a(agent),
        claim: String::new(),
    }
}

fn weights(deal: &str, parts: &[(&str, u32)], basis_points: bool) -> Ruling {
    Ruling {
        deal: d(deal),
        shares: parts
            .iter()
            .map(|(ag, p)| RulingShare {
                agent: a(ag),
                part: *p,
            })
            .collect(),
        basis_points,
        by_records: false,
    }
}

fn cites(ds: &[Decision], id: &str) -> bool {
    ds.iter()
        .any(|d| d.rules.as_slice().iter().any(|r| r.id() == id))
}

fn deal_decisions(ds: &[Decision]) -> Vec<&DealDecision> {
    ds.iter()
        .filter_map(|d| match &d.what {
            What::Deal(x) => Some(x),
            _ => None,
        })
        .collect()
}

const DAY1: &str = "2026-04-01T10:00:00";

/// P2-1.5: with no claim, the closer takes the whole deal, citing P2-1.5.
#[test]
fn p2_1_5_closer_is_credited_by_default() {
    let mut b = Book::new(Policy::p2());
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    assert_eq!(
        b.shares("D1"),
        [("Li".into(), 10_000, 1_000, ShareReason::Closer)]
    );
    assert!(cites(&ds, "P2-1.5"));
    assert!(cites(&ds, "P4-5"));
    assert_eq!(b.status("D1", DAY1), AttributionStatus::Open);
}

/// W21 (P2-1.5): an objection exactly 72 hours after the deposit is accepted.
#[test]
fn w21_objection_at_exactly_72_hours_is_accepted() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    let ds = b.ok("2026-04-04T10:00:00", object("D1", "Wang"));
    assert!(matches!(
        deal_decisions(&ds)[..],
        [DealDecision::ObjectionAccepted { follows: None, .. }]
    ));
    assert!(cites(&ds, "P2-1.5"));
    assert_eq!(
        b.status("D1", "2026-05-01T00:00:00"),
        AttributionStatus::Disputed
    );
}

/// W21 (P2-1.5): 72 hours and 1 second is too late: rejected, and the
/// default attribution is locked.
#[test]
fn w21_objection_one_second_late_is_rejected_and_locked() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    let before = b.shares("D1");
    let ds = b.ok("2026-04-04T10:00:01", object("D1", "Wang"));
    assert_eq!(
        deal_decisions(&ds),
        [&DealDecision::ObjectionRejected {
            deal: d("D1"),
            agent: a("Wang"),
            why: Rejection::WindowClosed {
                closed: t("2026-04-04T10:00:00")
            }
        }]
    );
    assert!(cites(&ds, "P2-1.5"));
    assert_eq!(b.shares("D1"), before);
    assert_eq!(
        b.status("D1", "2026-04-04T10:00:00"),
        AttributionStatus::Open
    );
    assert_eq!(
        b.status("D1", "2026-04-04T10:00:01"),
        AttributionStatus::Locked
    );
    assert!(b.book.deal(d("D1")).unwrap().objections().is_empty());
}

/// P2-1.5, P2-2.14: after the lock only a ruling changes the attribution.
#[test]
fn p2_1_5_locked_attribution_changes_only_by_ruling() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    b.ok("2026-04-10T10:00:00", object("D1", "Wang"));
    b.ok(
        "2026-04-10T11:00:00",
        Contract {
            deal: d("D1"),
            signer: a("Li"),
        },
    );
    assert_eq!(b.shares("D1")[0].0, "Li");
    let ds = b.ok(
        "2026-04-11T10:00:00",
        weights("D1", &[("Li", 1), ("Wang", 1)], false),
    );
    assert!(cites(&ds, "P2-2.14"));
    assert_eq!(
        b.shares("D1"),
        [
            ("Li".into(), 5_000, 500, ShareReason::Ruling),
            ("Wang".into(), 5_000, 500, ShareReason::Ruling)
        ]
    );
    assert_eq!(
        b.status("D1", "2026-04-11T10:00:00"),
        AttributionStatus::Ruled
    );
}

/// P2-2.14: an objection inside the window disputes the deal until a
/// ruling; after the ruling further objections are rejected.
#[test]
fn p2_2_14_disputed_until_ruling() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    b.ok("2026-04-02T10:00:00", object("D1", "Wang"));
    assert_eq!(
        b.status("D1", "2026-04-09T10:00:00"),
        AttributionStatus::Disputed
    );
    let ds = b.ok(
        "2026-04-03T10:00:00",
        weights("D1", &[("Wang", 10_000)], true),
    );
    assert!(cites(&ds, "P2-2.14"));
    assert_eq!(
        b.shares("D1"),
        [("Wang".into(), 10_000, 1_000, ShareReason::Ruling)]
    );
    let ds = b.ok("2026-04-03T11:00:00", object("D1", "Li"));
    assert!(matches!(
        deal_decisions(&ds)[..],
        [DealDecision::ObjectionRejected {
            why: Rejection::AlreadyRuled,
            ..
        }]
    ));
    assert_eq!(b.shares("D1")[0].0, "Wang");
}

/// W20 (P2-2.4): an equal split of 1,000 fen among three agents gives the
/// odd basis point and fen to the earliest contributor, not the smallest id.
#[test]
fn w20_equal_split_by_ruling_odd_unit_to_earliest_contributor() {
    let mut b = Book::new(Policy::p2());
    // Zhao received the client first; Li, later, closed; Wang objected.
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::Owner,
        rules![P2_2_2],
        "2026-03-01T10:00:00",
    );
    b.claim(
        "C1",
        "Li",
        ClaimReason::AlsoReceived,
        rules![P2_2_4],
        "2026-03-05T10:00:00",
    );
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    b.ok("2026-04-02T10:00:00", object("D1", "Wang"));
    let ds = b.ok(
        "2026-04-03T10:00:00",
        weights("D1", &[("Li", 1), ("Wang", 1), ("Zhao", 1)], false),
    );
    assert!(cites(&ds, "P2-2.4"));
    assert_eq!(
        b.shares("D1"),
        [
            ("Zhao".into(), 3_334, 334, ShareReason::Ruling),
            ("Li".into(), 3_333, 333, ShareReason::Ruling),
            ("Wang".into(), 3_333, 333, ShareReason::Ruling),
        ]
    );
}

/// W22 (P2-1.8): a developer's client earns half the commission.
#[test]
fn w22_developer_client_earns_half() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 300_000_000, "Li")
        .unwrap();
    assert_eq!(b.book.deal(d("D1")).unwrap().commission(), Fen(3_000_000));
    b.facts.developer.push(c("C2"));
    let ds = b
        .deposit(DAY1, "D2", "C2", "U2", 300_000_000, "Li")
        .unwrap();
    assert!(cites(&ds, "P2-1.8"));
    let deal = b.book.deal(d("D2")).unwrap();
    assert!(deal.developer_client());
    assert_eq!(deal.commission(), Fen(1_500_000));
    assert_eq!(
        b.shares("D2"),
        [("Li".into(), 10_000, 1_500_000, ShareReason::Closer)]
    );
}

/// P2-1.6: with an effective-client register the dispute follows it; the
/// ruling cites it; agents still disagreeing confiscate into the fund.
#[test]
fn p2_1_6_register_then_confiscation_into_the_site_fund() {
    let mut b = Book::new(Policy::p2());
    let ds = b.ok(
        "2026-03-30T09:00:00",
        EffectiveRegister {
            entries: vec![EffectiveEntry {
                client: c("C1"),
                agent: a("Wang"),
            }],
        },
    );
    assert!(cites(&ds, "P2-1.6"));
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    let ds = b.ok("2026-04-02T10:00:00", object("D1", "Wang"));
    assert!(cites(&ds, "P2-1.6"));
    assert!(matches!(
        deal_decisions(&ds)[..],
        [DealDecision::ObjectionAccepted { follows: Some(f), .. }] if *f == a("Wang")
    ));
    // Disagreeing before any ruling is an error.
    assert_eq!(
        b.at("2026-04-02T11:00:00", StillDisagree { deal: d("D1") }),
        Err(DealError::NotRuled(d("D1")))
    );
    let ds = b.ok(
        "2026-04-03T10:00:00",
        weights("D1", &[("Wang", 10_000)], true),
    );
    assert!(cites(&ds, "P2-1.6"));
    let ds = b.ok("2026-04-04T10:00:00", StillDisagree { deal: d("D1") });
    assert!(cites(&ds, "P2-1.6"));
    assert_eq!(
        b.shares("D1"),
        [(
            "the site activity fund".into(),
            10_000,
            1_000,
            ShareReason::Confiscated
        )]
    );
    assert_eq!(
        b.status("D1", "2026-04-04T10:00:00"),
        AttributionStatus::Confiscated
    );
    // The fund's statement has the line; Wang's has its ruling line reversed.
    let fund = b
        .book
        .statement(
            Payee::SiteFund,
            t("2026-04-01T00:00:00"),
            t("2026-05-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(fund.total, Fen(1_000));
    let wang = b
        .book
        .statement(
            Payee::Agent(a("Wang")),
            t("2026-04-01T00:00:00"),
            t("2026-05-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(wang.total, Fen(0));
    assert_eq!(
        b.at("2026-04-05T10:00:00", weights("D1", &[("Li", 1)], false)),
        Err(DealError::AlreadyConfiscated(d("D1")))
    );
}

/// P3-2, P3-4: under P3 a stand-in who received the returning client shares
/// the deal 50/50 (共单, a reading) with the owner who closed.
#[test]
fn p3_4_stand_in_shares_the_deal_under_p3() {
    let mut b = Book::new(Policy::p3());
    b.claim(
        "C1",
        "Li",
        ClaimReason::Owner,
        rules![P3_15],
        "2026-03-01T10:00:00",
    );
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::StandIn,
        rules![P3_4],
        "2026-03-20T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_001, "Li").unwrap();
    assert!(cites(&ds, "P3-4"));
    assert!(cites(&ds, "P3-2"));
    // 1,000.01 fen: the odd fen goes to Li, the earlier contributor.
    assert_eq!(
        b.shares("D1"),
        [
            ("Li".into(), 5_000, 500, ShareReason::Closer),
            ("Zhao".into(), 5_000, 500, ShareReason::StandIn),
        ]
    );
}

/// P3-2: the stand-in itself closed: the owner shares, and the owner's
/// earlier contribution takes the odd fen.
#[test]
fn p3_2_stand_in_closes_owner_shares_under_p3() {
    let mut b = Book::new(Policy::p3());
    b.claim(
        "C1",
        "Li",
        ClaimReason::Owner,
        rules![P3_15],
        "2026-03-01T10:00:00",
    );
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::StandIn,
        rules![P3_2],
        "2026-03-20T10:00:00",
    );
    b.deposit(DAY1, "D1", "C1", "U1", 100_100, "Zhao").unwrap();
    assert_eq!(
        b.shares("D1"),
        [
            ("Li".into(), 5_000, 501, ShareReason::Owner),
            ("Zhao".into(), 5_000, 500, ShareReason::Closer),
        ]
    );
}

/// P2-2.4, P3-4: the same stand-in under P2 is only flagged for the manager.
#[test]
fn p2_2_4_stand_in_is_flagged_not_credited_under_p2() {
    let mut b = Book::new(Policy::p2());
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::StandIn,
        rules![P2_3_9],
        "2026-03-20T10:00:00",
    );
    b.claim(
        "C1",
        "Wang",
        ClaimReason::AlsoReceived,
        rules![P2_2_4],
        "2026-03-21T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    assert_eq!(
        b.shares("D1"),
        [("Li".into(), 10_000, 1_000, ShareReason::Closer)]
    );
    let flagged: Vec<AgentId> = deal_decisions(&ds)
        .into_iter()
        .filter_map(|x| match x {
            DealDecision::ClaimFlagged { agent, .. } => Some(*agent),
            _ => None,
        })
        .collect();
    assert_eq!(flagged, [a("Zhao"), a("Wang")]);
    assert!(cites(&ds, "P2-2.4"));
}

/// P3-3: agents who unknowingly received husband and wife share the deal.
#[test]
fn p3_3_spouse_agents_share_under_p3() {
    let mut b = Book::new(Policy::p3());
    b.claim(
        "C1",
        "Wang",
        ClaimReason::Spouse,
        rules![P3_3],
        "2026-03-10T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 200_000, "Li").unwrap();
    assert!(cites(&ds, "P3-3"));
    assert_eq!(
        b.shares("D1"),
        [
            ("Wang".into(), 5_000, 1_000, ShareReason::Spouse),
            ("Li".into(), 5_000, 1_000, ShareReason::Closer),
        ]
    );
}

/// P2-2.10: a family duplicate is flagged; the manager's split cites it.
#[test]
fn p2_2_10_family_duplicate_flagged_then_ruled() {
    let mut b = Book::new(Policy::p2());
    b.claim(
        "C1",
        "Wang",
        ClaimReason::Family,
        rules![P2_2_10],
        "2026-03-10T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    assert!(cites(&ds, "P2-2.10"));
    assert!(deal_decisions(&ds).iter().any(|x| matches!(
        x,
        DealDecision::ClaimFlagged {
            claim: ClaimReason::Family,
            ..
        }
    )));
    // Even after closing and the window (P2-2.10: 即使成交后).
    let ds = b.ok(
        "2026-05-01T10:00:00",
        weights("D1", &[("Li", 3), ("Wang", 1)], false),
    );
    assert!(cites(&ds, "P2-2.10"));
    assert_eq!(
        b.shares("D1"),
        [
            ("Wang".into(), 2_500, 250, ShareReason::Ruling),
            ("Li".into(), 7_500, 750, ShareReason::Ruling),
        ]
    );
}

/// P2-2.9: an agent the registry excludes after a poor-service switch has
/// no claim, so the second agent takes all.
#[test]
fn p2_2_9_excluded_first_agent_gets_nothing() {
    let mut b = Book::new(Policy::p3());
    // The registry left out the first agent; only the second owns the client.
    b.claim(
        "C1",
        "Wang",
        ClaimReason::Owner,
        rules![P2_2_9],
        "2026-03-10T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Wang").unwrap();
    assert_eq!(
        b.shares("D1"),
        [("Wang".into(), 10_000, 1_000, ShareReason::Closer)]
    );
    assert!(!deal_decisions(&ds)
        .iter()
        .any(|x| matches!(x, DealDecision::ClaimFlagged { .. })));
}

/// P4-5: a unit with a live deposit takes no other; a sold one neither;
/// cancelling frees it.
#[test]
fn p4_5_one_live_deposit_per_unit() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    assert_eq!(
        b.deposit(DAY1, "D2", "C2", "U1", 100_000, "Wang"),
        Err(DealError::UnitTaken {
            unit: u("U1"),
            by: d("D1")
        })
    );
    b.ok(
        DAY1,
        Contract {
            deal: d("D1"),
            signer: a("Li"),
        },
    );
    assert_eq!(
        b.deposit(DAY1, "D2", "C2", "U1", 100_000, "Wang"),
        Err(DealError::UnitTaken {
            unit: u("U1"),
            by: d("D1")
        })
    );
    let ds = b.ok(DAY1, Cancel { deal: d("D1") });
    assert!(cites(&ds, "P4-5"));
    assert_eq!(b.book.unit_holder(u("U1")), None);
    b.deposit(DAY1, "D2", "C2", "U1", 100_000, "Wang").unwrap();
    assert_eq!(b.book.unit_holder(u("U1")), Some(d("D2")));
}

/// Earned at the deposit, cancelled later: a clawback line per payee; the
/// shares stay as they were, never negative.
#[test]
fn cancellation_after_earning_claws_back() {
    let mut b = Book::new(Policy::p3());
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::StandIn,
        rules![P3_4],
        "2026-03-20T10:00:00",
    );
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    let ds = b.ok("2026-04-20T10:00:00", Cancel { deal: d("D1") });
    let clawed: Vec<i64> = deal_decisions(&ds)
        .into_iter()
        .filter_map(|x| match x {
            DealDecision::ClawedBack { amount, .. } => Some(amount.0),
            _ => None,
        })
        .collect();
    assert_eq!(clawed, [-500, -500]);
    assert!(b.shares("D1").iter().all(|s| s.1 > 0 && s.2 > 0));
    let april = b
        .book
        .statement(
            Payee::Agent(a("Li")),
            t("2026-04-01T00:00:00"),
            t("2026-05-01T00:00:00"),
        )
        .unwrap();
    let kinds: Vec<(LineKind, i64)> = april.lines.iter().map(|l| (l.kind, l.amount.0)).collect();
    assert_eq!(kinds, [(LineKind::Earned, 500), (LineKind::Clawback, -500)]);
    assert_eq!(april.total, Fen::ZERO);
    // Only the clawback falls in a period after the deposit's.
    let later = b
        .book
        .statement(
            Payee::Agent(a("Li")),
            t("2026-04-15T00:00:00"),
            t("2026-05-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(later.total, Fen(-500));
    assert_eq!(
        b.at("2026-04-21T10:00:00", Cancel { deal: d("D1") }),
        Err(DealError::Cancelled(d("D1")))
    );
}

/// Earned at the contract: nothing is posted before it, nothing is clawed
/// back from a deposit cancelled unsigned.
#[test]
fn earned_at_contract_posts_at_signing_only() {
    let mut p = Policy::p2();
    p.attribution.earned_at = Ruled::reading(EarnedAt::Contract, Rules::NONE);
    let mut b = Book::new(p);
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    b.deposit(DAY1, "D2", "C2", "U2", 100_000, "Li").unwrap();
    assert!(b.book.deal(d("D1")).unwrap().lines().is_empty());
    let ds = b.ok(
        "2026-04-05T10:00:00",
        Contract {
            deal: d("D1"),
            signer: a("Li"),
        },
    );
    assert!(deal_decisions(&ds)
        .iter()
        .any(|x| matches!(x, DealDecision::Earned { .. })));
    let ds = b.ok("2026-04-05T11:00:00", Cancel { deal: d("D2") });
    assert!(!deal_decisions(&ds)
        .iter()
        .any(|x| matches!(x, DealDecision::ClawedBack { .. })));
    let s = b
        .book
        .statement(
            Payee::Agent(a("Li")),
            t("2026-04-01T00:00:00"),
            t("2026-05-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].at, t("2026-04-05T10:00:00"));
    assert_eq!(s.total, Fen(1_000));
}

/// A ruling after earning reverses the old lines and posts the new ones.
#[test]
fn ruling_after_earning_reverses_and_reposts() {
    let mut b = Book::new(Policy::p2());
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    b.ok(
        "2026-04-02T10:00:00",
        weights("D1", &[("Li", 1), ("Wang", 3)], false),
    );
    let from = t("2026-04-01T00:00:00");
    let to = t("2026-05-01T00:00:00");
    let li = b.book.statement(Payee::Agent(a("Li")), from, to).unwrap();
    let amounts: Vec<i64> = li.lines.iter().map(|l| l.amount.0).collect();
    assert_eq!(amounts, [1_000, -1_000, 250]);
    assert_eq!(li.total, Fen(250));
    let all = b.book.statements(from, to).unwrap();
    let payees: Vec<Payee> = all.iter().map(|s| s.payee).collect();
    assert_eq!(payees, [Payee::Agent(a("Li")), Payee::Agent(a("Wang"))]);
    assert_eq!(all[1].total, Fen(750));
}

/// Bad input: a typed error naming the field, the book unchanged (checked
/// in `Book::at`).
#[test]
fn bad_input_is_rejected_with_the_field() {
    let mut b = Book::new(Policy::p2());
    let e = b.deposit(DAY1, "D1", "C1", "U1", -1, "Li").unwrap_err();
    assert_eq!(
        (e.clone(), e.field()),
        (DealError::BadPrice(Fen(-1)), "price")
    );
    let e = b.deposit(DAY1, "D1", "C1", "U1", 0, "Li").unwrap_err();
    assert_eq!(e, DealError::BadPrice(Fen(0)));
    let e = b
        .deposit(DAY1, "D1", "Nobody", "U1", 100, "Li")
        .unwrap_err();
    assert_eq!(
        (e.clone(), e.field()),
        (DealError::UnknownClient(c("Nobody")), "client")
    );
    let e = b
        .at(
            DAY1,
            Contract {
                deal: d("D1"),
                signer: a("Li"),
            },
        )
        .unwrap_err();
    assert_eq!(
        (e.clone(), e.field()),
        (DealError::UnknownDeal(d("D1")), "deal")
    );
    assert_eq!(
        b.at(DAY1, object("D1", "Li")),
        Err(DealError::UnknownDeal(d("D1")))
    );
    assert_eq!(
        b.at(DAY1, weights("D1", &[("Li", 1)], false)),
        Err(DealError::UnknownDeal(d("D1")))
    );
    assert_eq!(
        b.at(DAY1, Cancel { deal: d("D1") }),
        Err(DealError::UnknownDeal(d("D1")))
    );

    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    assert_eq!(
        b.deposit(DAY1, "D1", "C2", "U2", 100_000, "Li"),
        Err(DealError::DuplicateDeal(d("D1")))
    );
    let e = b
        .at(DAY1, weights("D1", &[("Li", 5_000), ("Wang", 4_999)], true))
        .unwrap_err();
    assert_eq!(
        (e.clone(), e.field()),
        (DealError::NotWhole(9_999), "shares")
    );
    assert_eq!(
        b.at(DAY1, weights("D1", &[("Li", 0), ("Wang", 0)], false)),
        Err(DealError::ZeroWeights)
    );
    assert_eq!(
        b.at(DAY1, weights("D1", &[], false)),
        Err(DealError::NoShares)
    );
    assert_eq!(
        b.at(DAY1, weights("D1", &[("Li", 1), ("Li", 1)], false)),
        Err(DealError::DuplicatePayee(a("Li")))
    );
    b.ok(
        DAY1,
        Contract {
            deal: d("D1"),
            signer: a("Li"),
        },
    );
    assert_eq!(
        b.at(
            DAY1,
            Contract {
                deal: d("D1"),
                signer: a("Li")
            }
        ),
        Err(DealError::AlreadySigned(d("D1")))
    );
    let e = b
        .at(
            DAY1,
            EffectiveRegister {
                entries: vec![
                    EffectiveEntry {
                        client: c("C1"),
                        agent: a("Li"),
                    },
                    EffectiveEntry {
                        client: c("C1"),
                        agent: a("Wang"),
                    },
                ],
            },
        )
        .unwrap_err();
    assert_eq!(
        (e.clone(), e.field()),
        (DealError::DuplicateEntry(c("C1")), "entries")
    );

    let mut p = Policy::p2();
    p.attribution.commission_rate = Ruled::reading(BasisPoints(10_001), Rules::NONE);
    b.policy = p;
    let e = b
        .deposit(DAY1, "D9", "C2", "U9", 100_000, "Li")
        .unwrap_err();
    assert_eq!(
        (e.clone(), e.field()),
        (DealError::BadRate(BasisPoints(10_001)), "policy")
    );
}

/// Every decision of a deposit cites at least one rule and describes itself
/// in both languages without names or phones.
#[test]
fn decisions_cite_rules_and_describe_in_both_languages() {
    let mut b = Book::new(Policy::p3());
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::StandIn,
        rules![P3_4],
        "2026-03-20T10:00:00",
    );
    b.claim(
        "C1",
        "Wang",
        ClaimReason::AlsoReceived,
        rules![P2_2_4],
        "2026-03-21T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    for x in &ds {
        assert!(
            !x.rules.as_slice().is_empty()
                || matches!(x.what, What::Deal(DealDecision::Earned { .. })),
            "{x:?}"
        );
        assert!(!x.explain(crate::Lang::Zh).is_empty());
        assert!(
            x.explain(crate::Lang::En).contains("D1"),
            "{}",
            x.explain(crate::Lang::En)
        );
    }
    assert!(ds
        .iter()
        .all(|x| x.rules.as_slice().iter().all(|r| Rule::ALL.contains(r))));
}

/// P2-2.4, P2-1.1: a ruling by the records weighs each claimant by its
/// receptions on record; agents without a claim (excluded, P2-2.9) get
/// nothing even with receptions.
#[test]
fn p2_2_4_ruling_by_records_weighs_receptions() {
    let mut b = Book::new(Policy::p2());
    b.claim(
        "C1",
        "Wang",
        ClaimReason::Owner,
        rules![P2_2_2],
        "2026-03-01T10:00:00",
    );
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::AlsoReceived,
        rules![P2_2_4],
        "2026-03-02T10:00:00",
    );
    b.facts.receptions = vec![
        (c("C1"), a("Li"), 1),
        (c("C1"), a("Wang"), 2),
        (c("C1"), a("Zhao"), 1),
        // Zhang received it but has no claim (say, excluded after a switch).
        (c("C1"), a("Zhang"), 5),
    ];
    b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Li").unwrap();
    assert_eq!(
        b.at(
            DAY1,
            Ruling {
                by_records: true,
                ..weights("D1", &[("Li", 1)], false)
            }
        ),
        Err(DealError::RecordsAndShares)
    );
    let ds = b.ok("2026-04-02T10:00:00", Ruling::by_records(d("D1")));
    assert!(cites(&ds, "P2-2.4") && cites(&ds, "P2-1.1"));
    assert_eq!(
        b.shares("D1"),
        [
            ("Wang".into(), 5_000, 500, ShareReason::Ruling),
            ("Zhao".into(), 2_500, 250, ShareReason::Ruling),
            ("Li".into(), 2_500, 250, ShareReason::Ruling),
        ]
    );
    // With nothing on record the manager must name the shares.
    b.deposit(DAY1, "D2", "C2", "U2", 100_000, "Li").unwrap();
    assert_eq!(
        b.at(DAY1, Ruling::by_records(d("D2"))),
        Err(DealError::NoRecords(d("D2")))
    );
}

/// P3-4: a third agent who closes shares automatically with neither the
/// owner nor the stand-in: both are flagged for the manager. That is the
/// closer-credited cell (P2-1.5); P3's own preset credits the owner (issue
/// 7, item 5), tested in `tests/interactions.rs`.
#[test]
fn p3_4_third_agent_closing_shares_with_nobody_automatically() {
    let mut p = Policy::p3();
    p.attribution.closer_without_claim = Policy::p2().attribution.closer_without_claim;
    let mut b = Book::new(p);
    b.claim(
        "C1",
        "Li",
        ClaimReason::Owner,
        rules![P3_15],
        "2026-03-01T10:00:00",
    );
    b.claim(
        "C1",
        "Zhao",
        ClaimReason::StandIn,
        rules![P3_4],
        "2026-03-20T10:00:00",
    );
    let ds = b.deposit(DAY1, "D1", "C1", "U1", 100_000, "Wang").unwrap();
    assert_eq!(
        b.shares("D1"),
        [("Wang".into(), 10_000, 1_000, ShareReason::Closer)]
    );
    let flagged = deal_decisions(&ds)
        .into_iter()
        .filter(|x| matches!(x, DealDecision::ClaimFlagged { .. }))
        .count();
    assert_eq!(flagged, 2);
}
