//! Policies: presets cite their rules, are data (never a branch on a
//! name), round-trip, and can change part-way through a log.

use anchang::event::{AwayReason, ChangePolicy};
use anchang::policy::{Placement, Policy, RotationModel};
use anchang::{replay, Event, What};

use crate::support::*;

/// Every `Ruled` cell of `v`, as (path, cites a rule, is a reading).
fn cells(v: &serde_json::Value, path: String, out: &mut Vec<(String, bool, bool)>) {
    if let serde_json::Value::Object(m) = v {
        if let (Some(rules), Some(reading)) = (m.get("rules"), m.get("reading")) {
            let cites = rules.as_array().is_some_and(|r| !r.is_empty());
            out.push((path, cites, reading.as_bool().unwrap()));
            return;
        }
        for (k, x) in m {
            cells(x, format!("{path}.{k}"), out);
        }
    }
}

/// Each preset sets every field, citing the rule it comes from; a cell
/// the document does not state is marked a reading.
#[test]
fn every_preset_cell_cites_a_rule_or_says_it_is_a_reading() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut found = Vec::new();
        cells(
            &serde_json::to_value(&p).unwrap(),
            p.name.clone(),
            &mut found,
        );
        assert!(found.len() >= 25, "{}: only {} cells", p.name, found.len());
        for (path, cites, reading) in found {
            assert!(
                cites || reading,
                "{path} cites no rule and is not marked a reading"
            );
        }
    }
}

#[test]
fn presets_round_trip_through_json() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Policy>(&text).unwrap(), p);
    }
}

fn busy_day(f: &mut Floor) {
    f.away("Zhang", AwayReason::Errand);
    f.returning("old", "Wang");
    for v in ["v1", "v2", "v3"] {
        f.walk_in(v);
    }
    f.back("Zhang");
    f.end("Li");
    f.end("Wang");
    f.walk_in("v4");
    f.walk_in("v5");
}

/// No rule difference is a branch on a preset's name: the same cells
/// under another name decide exactly the same.
#[test]
fn a_renamed_preset_decides_the_same() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut renamed = p.clone();
        renamed.name = "site rules".into();
        let mut a = Floor::given(p, &FOUR);
        let mut b = Floor::given(renamed, &FOUR);
        busy_day(&mut a);
        busy_day(&mut b);
        let (da, db) = (
            replay(a.state.policy(), &a.log).unwrap(),
            replay(b.state.policy(), &b.log).unwrap(),
        );
        assert_eq!(da.decisions, db.decisions);
    }
}

/// A mix: P2's rotation with P3's forfeit for meals.
#[test]
fn a_mixed_policy_takes_each_cell_from_its_source() {
    let mut mix = Policy::p2();
    mix.name = "P2 + P3 meals".into();
    mix.pass_over.meal = Policy::p3().pass_over.meal;
    let mut f = Floor::given(mix, &FOUR);
    f.away("Li", AwayReason::Meal);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    assert!(cites(&d, "P3-13"));
    assert_eq!(f.stats("Li").forfeited, 1);
}

/// A policy may change part-way through a log, from a given time; the
/// decisions before it are unaffected.
#[test]
fn a_policy_change_applies_from_its_event_on() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    busy_day(&mut f);
    let before = replay(&Policy::p1(), &f.log).unwrap();
    let mut p3 = Policy::p3();
    p3.pass_over.errand.value = anchang::policy::Consequence::MakeUp(Placement::Last);
    let d = f.when(ChangePolicy {
        policy: Box::new(p3),
    });
    assert!(matches!(&d[0].what, What::PolicyChanged { name } if name == "P3"));
    assert_eq!(f.state.policy().rotation.value, RotationModel::Rounds);
    let whole = replay(&Policy::p1(), &f.log).unwrap();
    assert_eq!(
        &whole.decisions[..before.decisions.len()],
        &before.decisions[..]
    );
    // From here on P3: the agent up next (the day's cycle carried into the
    // round, issue 7), at a meal, forfeits (P3-13).
    f.end_all_busy();
    let up = f.next_up(1)[0].clone();
    f.away(&up, AwayReason::Meal);
    let d = f.walk_in("v6");
    let (_, consequence, _) = then_passed(&d, &up);
    assert_eq!(consequence, anchang::policy::Consequence::Forfeit);
    assert!(cites(&d, "P3-13"));
}

/// The change travels in the log itself, so a JSON round trip of the log keeps it.
#[test]
fn a_policy_change_round_trips_in_the_log() {
    let e = Event::new(
        9,
        at("2026-03-02T12:00:00"),
        ChangePolicy {
            policy: Box::new(Policy::p2()),
        },
    );
    let line = anchang::jsonl::to_line(&e);
    assert_eq!(anchang::jsonl::parse_line(&line, 1).unwrap(), e);
}

// ---- Other offices' rulebooks, and the lapse model's companions --------------
//
// Variants the three documents do not have, each a Policy cell preset to
// today's behaviour (issue 7). The lapse companions are left to the lapse
// model by every preset, so P2's inactivity and P3's approval can be mixed.

mod rulebooks {
    use anchang::event::{ApproveReregistration, Channel, FollowUp};
    use anchang::policy::{Lapse, Policy};
    use anchang::{ClientDecision, Phone, Via};

    use crate::attribution::deposit;
    use crate::support::*;

    fn date(s: &str) -> anchang::Date {
        s.parse().unwrap()
    }

    fn protected(f: &Floor, c: &str) -> Option<String> {
        let through = f.state.registry().protected_through(client(c));
        through.map(|d| d.to_string())
    }

    fn treated_as_new(d: &[anchang::Decision]) -> bool {
        client_decisions(d)
            .iter()
            .any(|c| matches!(c, ClientDecision::TreatedAsNew { .. }))
    }

    /// An office protecting a caller 7 days from its registration and a
    /// visitor P3's 30 (P3-16, P3-19; a call is P2-3.3's 来电): the call's
    /// client lapses on its 8th day, the visitor's is still owned.
    #[test]
    fn a_client_first_come_by_call_is_protected_by_the_call_cell() {
        let mut p = Policy::p3();
        p.call_lapse.value = Some(Lapse::FromRegistration { days: 7 });
        let mut f = Floor::given_on(p, "2026-03-02T10:00:00", &FOUR);
        let mut call = registration("byphone", "Li", "13900000001");
        call.channel = Channel::Call;
        f.when(call);
        f.register("invisit", "Wang", "13900000002");
        assert_eq!(protected(&f, "byphone").as_deref(), Some("2026-03-09"));
        assert_eq!(protected(&f, "invisit").as_deref(), Some("2026-04-01"));
        f.day("2026-03-10T09:00:00", &FOUR);
        assert_eq!(f.owner("byphone"), None, "lapsed on day 8");
        assert_eq!(f.owner("invisit").as_deref(), Some("Wang"));
        let d = f.arrive_with_phone("v", "13900000001");
        assert!(treated_as_new(&d), "{d:#?}");
        assert!(cites(&d, "P3-16"), "the call cell's rules are P3's");
    }

    /// Under the presets a call lapses as a visit does (P3-16, P2-2.13).
    #[test]
    fn under_the_presets_a_call_lapses_as_a_visit() {
        for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
            assert_eq!(p.call_lapse.value, None, "{}", p.name);
            assert_eq!(p.lapse_for(Channel::Call), p.lapse, "{}", p.name);
        }
        let mut f = Floor::given_on(Policy::p3(), "2026-03-02T10:00:00", &FOUR);
        let mut call = registration("byphone", "Li", "13900000001");
        call.channel = Channel::Call;
        f.when(call);
        assert_eq!(protected(&f, "byphone").as_deref(), Some("2026-04-01"));
    }

    /// Li owns C1; Wang stands in for Li's busy return visit on Mar 2
    /// (P3-4). An office sharing only a deal closed the same day
    /// (`stand_in_share_days: 0`): Li's deposit that day is shared (P3-2,
    /// P3-4), one the next day is Li's alone and Wang is flagged; without
    /// the limit (P3's preset) the next day's deposit is still shared.
    #[test]
    fn a_stand_in_shares_only_a_deal_closed_within_the_cell_s_days() {
        let run = |days: Option<u32>, next_day: bool| {
            let mut p = Policy::p3();
            p.attribution.stand_in_share_days.value = days;
            let mut f = Floor::given_on(p, "2026-03-02T09:00:00", &["Li", "Wang", "Zhang"]);
            f.register("C1", "Li", "13900001111");
            then_receives(&f.walk_in("v1"), "v1", "Li");
            let d = f.arrive_with_phone("back", "13900001111");
            let r = reception(&d, "back");
            assert!(matches!(r.via, Via::StandIn { .. }), "{d:#?}");
            let stand_in = r.agent.to_string();
            f.end_all_busy();
            if next_day {
                f.day("2026-03-03T10:00:00", &["Li", "Wang", "Zhang"]);
            }
            let d = f.when(deposit("D1", "C1", "U1", 1_000_000, "Li"));
            let mut shares: Vec<(String, u32)> = f
                .state
                .deals()
                .deal("D1".parse().unwrap())
                .unwrap()
                .shares()
                .iter()
                .map(|s| (s.payee.describe(anchang::Lang::En), s.share.0))
                .collect();
            shares.sort();
            (stand_in, shares, d)
        };
        let (si, same_day, d) = run(Some(0), false);
        assert_eq!(same_day, [("Li".into(), 5_000), (si.clone(), 5_000)]);
        assert!(cites(&d, "P3-4"));
        let (si, next_day, d) = run(Some(0), true);
        assert_eq!(next_day, [("Li".into(), 10_000)], "{d:#?}");
        let flagged = d.iter().any(|x| {
            matches!(&x.what, anchang::What::Deal(anchang::DealDecision::ClaimFlagged { agent, .. })
                if agent.to_string() == si)
        });
        assert!(flagged, "the stand-in is flagged for the manager: {d:#?}");
        let (si, unlimited, _) = run(None, true);
        assert_eq!(unlimited, [("Li".into(), 5_000), (si, 5_000)]);
    }

    fn lapsed_naming(p: Policy, visit: &str) -> (Floor, Vec<anchang::Decision>) {
        // Registered Jan 5 under 20 days' inactivity: protected through Jan 25.
        let mut f = Floor::given_on(p, "2026-01-05T10:00:00", &FOUR);
        f.register("c", "Wang", "13900000001");
        f.day(visit, &FOUR);
        let d = f.arrive("v", |a| {
            a.phone = Some(Phone::new("13900000001"));
            a.named_agent = Some(agent("Wang"));
        });
        (f, d)
    }

    /// P2-2.13 with an office's window of 3 days to name one's agent after
    /// lapsing: named on Jan 28 (day 3 lapsed) the client stays Wang's and
    /// is received as Wang's own client; on Jan 29 (day 4) naming keeps
    /// nothing: it is treated as new and served as a named new visitor
    /// (P1-16, P2-2.5). P2's preset sets no window.
    #[test]
    fn a_lapsed_client_names_its_agent_within_the_window_or_is_new() {
        let mut p = Policy::p2();
        p.naming_window_days.value = Some(3);
        let (f, d) = lapsed_naming(p.clone(), "2026-01-28T09:00:00");
        assert_eq!(then_receives(&d, "v", "Wang").via, Via::Owner);
        assert_eq!(f.owner("c").as_deref(), Some("Wang"));
        let (_, d) = lapsed_naming(p, "2026-01-29T09:00:00");
        assert!(treated_as_new(&d), "{d:#?}");
        assert_eq!(then_receives(&d, "v", "Wang").via, Via::Named);
        assert!(cites(&d, "P2-2.13"));
        let (f, d) = lapsed_naming(Policy::p2(), "2026-03-29T09:00:00");
        assert_eq!(then_receives(&d, "v", "Wang").via, Via::Owner);
        assert_eq!(f.owner("c").as_deref(), Some("Wang"));
    }

    /// P2's inactivity (P2-2.13) with P3's approval to register a lapsed
    /// client again (P3-19): refused without it, accepted after it. P2's
    /// preset registers it again freely.
    #[test]
    fn p2_inactivity_mixed_with_p3_approval_to_register_again() {
        let run = |p: Policy| {
            let mut f = Floor::given_on(p, "2026-01-05T10:00:00", &FOUR);
            f.register("c", "Wang", "13900000001");
            f.day("2026-01-26T09:00:00", &FOUR);
            assert_eq!(f.owner("c"), None, "lapsed on day 21");
            let first = f.try_when(registration("c", "Li", "13900000001"));
            (f, first)
        };
        let mut p = Policy::p2();
        p.reregistration_needs_approval.value = Some(true);
        let (mut f, first) = run(p);
        let e = first.expect_err("P3-19: approval first");
        assert_eq!(e.field, "client");
        let d = f.when(ApproveReregistration {
            client: client("c"),
        });
        assert!(cites(&d, "P3-19"));
        f.register("c", "Li", "13900000001");
        assert_eq!(f.owner("c").as_deref(), Some("Li"));
        let (mut f, first) = run(Policy::p2());
        first.expect("P2-2.13: a lapsed client is simply new");
        assert_eq!(f.owner("c").as_deref(), Some("Li"));
        assert!(f
            .try_when(ApproveReregistration {
                client: client("c")
            })
            .is_err());
    }

    /// Whether a follow-up restarts the count is its own cell: P3's 30 days
    /// extended by each contact (so Jan 20's follow-up protects through
    /// Feb 19), and P2's 20 days counted from registration alone (P2-2.13,
    /// P3-19).
    #[test]
    fn whether_a_contact_restarts_the_count_is_its_own_cell() {
        let follow = |p: Policy| {
            let mut f = Floor::given_on(p, "2026-01-05T10:00:00", &FOUR);
            f.register("c", "Wang", "13900000001");
            f.day("2026-01-20T09:00:00", &FOUR);
            let d = f.when(FollowUp {
                client: client("c"),
                agent: agent("Wang"),
            });
            (f, d)
        };
        let mut p3 = Policy::p3();
        p3.contact_restarts.value = Some(true);
        let (f, _) = follow(p3);
        assert_eq!(protected(&f, "c").as_deref(), Some("2026-02-19"));
        let (f, _) = follow(Policy::p3());
        assert_eq!(protected(&f, "c").as_deref(), Some("2026-02-04"));
        let mut p2 = Policy::p2();
        p2.contact_restarts.value = Some(false);
        let (f, _) = follow(p2);
        assert_eq!(protected(&f, "c").as_deref(), Some("2026-01-25"));
        let (f, _) = follow(Policy::p2());
        assert_eq!(protected(&f, "c").as_deref(), Some("2026-02-09"));
    }

    /// F1 of the model's findings: a contact made while the lapse model
    /// ignores contacts is still a fact; switching to P2-2.13's inactivity
    /// later counts from it.
    #[test]
    fn a_contact_made_under_a_fixed_window_counts_after_a_switch_to_inactivity() {
        let mut f = Floor::given_on(Policy::p3(), "2026-01-05T10:00:00", &FOUR);
        f.register("c", "Wang", "13900000001");
        f.day("2026-01-20T09:00:00", &FOUR);
        f.when(FollowUp {
            client: client("c"),
            agent: agent("Wang"),
        });
        let mut p = Policy::p3();
        p.lapse = Policy::p2().lapse;
        f.when(anchang::event::ChangePolicy {
            policy: Box::new(p),
        });
        assert_eq!(protected(&f, "c").as_deref(), Some("2026-02-09"));
    }

    /// Naming one's agent keeps a lapsed client under P3's fixed window when
    /// the office says so (P2-2.13's exception mixed into P3-19).
    #[test]
    fn naming_keeps_a_client_lapsed_under_a_fixed_window_where_the_cell_says() {
        let mut p = Policy::p3();
        p.naming_keeps.value = Some(true);
        let (f, d) = lapsed_naming(p, "2026-02-05T09:00:00");
        assert_eq!(then_receives(&d, "v", "Wang").via, Via::Owner);
        assert_eq!(f.owner("c").as_deref(), Some("Wang"));
        // Kept by the naming, its 30 days start afresh from this visit (P3-19).
        assert_eq!(protected(&f, "c").as_deref(), Some("2026-03-07"));
        let (f, d) = lapsed_naming(Policy::p3(), "2026-02-05T09:00:00");
        assert!(treated_as_new(&d));
        assert_eq!(f.owner("c"), None);
    }

    /// A policy (a `change_policy` line or a policy file) written before
    /// these cells existed reads, and decides as the preset does: the
    /// companions follow its lapse model, calls lapse as visits, no
    /// windows (P2-2.13, P3-19).
    #[test]
    fn a_policy_written_before_the_rulebook_cells_still_reads() {
        for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
            let mut v = serde_json::to_value(&p).unwrap();
            let top = v.as_object_mut().unwrap();
            for k in [
                "call_lapse",
                "contact_restarts",
                "naming_keeps",
                "naming_window_days",
                "reregistration_needs_approval",
            ] {
                assert!(top.remove(k).is_some(), "{k}");
            }
            v["attribution"]
                .as_object_mut()
                .unwrap()
                .remove("stand_in_share_days")
                .unwrap();
            let old: Policy = serde_json::from_value(v).unwrap();
            let lapse = old.lapse;
            assert_eq!(
                old.contact_restarts(&lapse).value,
                p.contact_restarts(&lapse).value
            );
            assert_eq!(old.naming_keeps(&lapse).value, p.naming_keeps(&lapse).value);
            assert_eq!(
                old.reregistration_needs_approval(&lapse).value,
                p.reregistration_needs_approval(&lapse).value
            );
            assert_eq!(old.call_lapse.value, None);
            assert_eq!(old.naming_window_days.value, None);
            assert_eq!(old.attribution.stand_in_share_days.value, None);
        }
    }

    /// A policy file that changes only the lapse model keeps that model's
    /// companions (P3-19's fixed window laid over P2: follow-ups no longer
    /// extend it); one that sets a companion alone mixes the documents.
    #[test]
    fn a_policy_file_changing_the_lapse_model_keeps_its_companions() {
        let fixed = Policy::p2()
            .overlay_json(r#"{"lapse": {"from_registration": {"days": 30}}}"#)
            .unwrap();
        assert!(!fixed.contact_restarts(&fixed.lapse).value);
        assert!(fixed.reregistration_needs_approval(&fixed.lapse).value);
        let mixed = Policy::p2()
            .overlay_json(r#"{"reregistration_needs_approval": true, "naming_window_days": 5}"#)
            .unwrap();
        assert!(mixed.reregistration_needs_approval(&mixed.lapse).value);
        assert!(mixed.contact_restarts(&mixed.lapse).value, "P2-2.13 kept");
        assert_eq!(mixed.naming_window_days.value, Some(5));
        assert_eq!(date("2026-01-25").add_days(5).to_string(), "2026-01-30");
    }
}
