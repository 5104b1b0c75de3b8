//! Auditing a recorded day (issue 10): a finding per kind with its rule
//! ids, a clean day with none, the recorded reception driving the floor,
//! and properties over generated logs.

use anchang::audit::{self, FindingKind};
use anchang::event::*;
use anchang::{AgentId, Event, EventKind, Lang, Policy, State, Timestamp, What};
use proptest::prelude::*;

use crate::properties::cases;
use crate::support::{agent, at, visitor, Floor};

const AUDIT_DAY: &str = include_str!("../examples/data/audit_day.jsonl");
const DAY: &str = include_str!("../examples/data/day.jsonl");

fn shipped() -> audit::Audit {
    audit::audit_jsonl(&Policy::p2(), AUDIT_DAY.as_bytes())
        .unwrap()
        .0
}

fn receive(v: &str, a: &str) -> Receive {
    Receive {
        visitor: visitor(v),
        agent: agent(a),
    }
}

#[test]
fn audit_day_has_a_finding_of_every_kind_with_its_rule_ids() {
    let report = shipped();
    let expect = [
        ("audit.out_of_turn", "P1-6, P2-3.7"),
        ("audit.others_client", "P1-10"),
        ("audit.unrecorded", "P2-1.1"),
        ("audit.off_shift", "P3-1"),
        ("audit.while_busy", "P1-7"),
        ("audit.make_up_never_given", "P2-3.11"),
        ("audit.lapsed_as_owned", "P2-2.13"),
        ("audit.follow_ups_overdue", "P2-2.13"),
        ("audit.sand_table_overrun", "P4-3"),
        ("audit.no_lead_source", "P4-2"),
        ("audit.not_registered_at_first_talk", "P4-4"),
        ("audit.no_reason_or_appointment", "P4-6"),
    ];
    for (code, rules) in expect {
        let f = report
            .findings
            .iter()
            .find(|f| f.code() == code)
            .unwrap_or_else(|| panic!("no {code} in {:#?}", report.findings));
        assert_eq!(f.rules.to_string(), rules, "{code}");
        assert!(f.message(Lang::Zh).contains(rules), "{code}");
        assert!(f.message(Lang::En).contains(rules), "{code}");
    }
    assert_eq!(report.refused, 0);
}

#[test]
fn audit_day_out_of_turn_names_the_picker_and_the_agent_whose_turn_it_was() {
    let report = shipped();
    let f = report
        .findings
        .iter()
        .find(|f| f.code() == "audit.out_of_turn")
        .unwrap();
    assert_eq!(
        f.kind,
        FindingKind::OutOfTurn {
            agent: agent("王芳"),
            prescribed: agent("李明"),
            visitor: visitor("v1"),
            forfeited: true,
        }
    );
    assert_eq!(f.at, Some(at("2026-03-02T09:10:30")));
    assert_eq!(
        f.message(Lang::Zh),
        "王芳 接待了本应由 李明 接待的 v1，属不按规则接待，王芳 视作轮空一次，不再补接（P1-6, P2-3.7）"
    );
}

#[test]
fn audit_never_echoes_a_client_name_or_phone() {
    let report = shipped();
    let text = format!(
        "{}{}{}",
        report.render(Lang::Zh),
        report.render(Lang::En),
        serde_json::to_string(&report).unwrap()
    );
    for secret in ["周强", "13800001111", "钱红", "13900002000", "孙立", "8800"] {
        assert!(!text.contains(secret), "{secret} in the audit");
    }
}

#[test]
fn clean_day_audits_with_no_reception_findings() {
    let (report, summary) = audit::audit_jsonl(&Policy::p2(), DAY.as_bytes()).unwrap();
    assert_eq!(summary.rejected, 0);
    let found: Vec<_> = report.reception_findings().collect();
    assert!(found.is_empty(), "{found:#?}");
    assert!(report.events > 200);
}

#[test]
fn recorded_reception_drives_the_floor_and_the_robbed_agent_stays_up() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    f.walk_in("v1");
    let d = f.when(receive("v1", "Wang"));
    assert!(d.iter().any(|x| matches!(
        &x.what,
        What::Recorded { agent: a, prescribed: Some(p), forfeited: true, .. }
            if a.as_str() == "Wang" && p.as_str() == "Li"
    )));
    let board = f.state.board();
    assert!(matches!(
        board.agent(agent("Li")).unwrap().status,
        anchang::queue::Status::Free
    ));
    assert_eq!(board.agent(agent("Wang")).unwrap().stats.counted, 1);
    assert_eq!(board.agent(agent("Li")).unwrap().stats.counted, 0);
    // Li was robbed of the visitor, not of the turn: the next is Li's.
    let d = f.walk_in("v2");
    crate::support::then_receives(&d, "v2", "Li");
    // Wang ends its reception as the floor saw it.
    f.end("Wang");
    let report = audit::audit(&Policy::p2(), &f.log);
    let codes: Vec<_> = report.findings.iter().map(|x| x.code()).collect();
    assert_eq!(codes, ["audit.out_of_turn"]);
    assert_eq!(report.fairness.agents[&agent("Wang")].forfeits, 1);
}

/// Li, back from the manager's errand, is owed a make-up (P2-3.11) and
/// the next visitor is given to it by that make-up (P2-3.10 优先补接);
/// Zhang takes the visitor instead. Li was robbed of the visitor, not of
/// its make-up: it is owed again and used by the next visitor. Zhang took
/// a visitor the rotation gave another: 轮空 (P2-3.7).
#[test]
fn recorded_reception_gives_back_the_makeup_the_robbed_agent_was_using() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    f.away("Li", anchang::event::AwayReason::Errand);
    crate::support::then_receives(&f.walk_in("v1"), "v1", "Wang");
    f.back("Li");
    let owed = |f: &Floor, who: &str| {
        let board = f.state.board();
        let a = board.agent(agent(who)).unwrap();
        (a.makeups_owed, a.stats.makeups_used)
    };
    assert_eq!(owed(&f, "Li"), (1, 0));
    let d = f.walk_in("v2");
    let r = crate::support::then_receives(&d, "v2", "Li");
    assert!(crate::support::is_makeup(&r), "{d:#?}");
    assert_eq!(owed(&f, "Li"), (0, 1));
    let d = f.when(receive("v2", "Zhang"));
    assert!(
        d.iter().any(|x| matches!(
            &x.what,
            What::Recorded { agent: a, prescribed: Some(p), forfeited: true, .. }
                if a.as_str() == "Zhang" && p.as_str() == "Li"
        )),
        "{d:#?}"
    );
    assert_eq!(owed(&f, "Li"), (1, 0), "the make-up is Li's again");
    let d = f.walk_in("v3");
    let r = crate::support::then_receives(&d, "v3", "Li");
    assert!(crate::support::is_makeup(&r), "{d:#?}");
    assert_eq!(owed(&f, "Li"), (0, 1));
}

#[test]
fn receive_confirming_the_engine_changes_nothing_and_finds_nothing() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang"]);
    f.walk_in("v1");
    let before = f.state.clone();
    let d = f.when(receive("v1", "Li"));
    assert!(d.is_empty());
    assert_eq!(f.state.board().view(), before.board().view());
    assert!(audit::audit(&Policy::p2(), &f.log).findings.is_empty());
}

#[test]
fn receive_of_a_visitor_not_present_is_refused_and_the_audit_goes_on() {
    let mut f = Floor::given(Policy::p2(), &["Li"]);
    let err = f.try_when(receive("ghost", "Li")).unwrap_err();
    assert_eq!(err.code(), "queue.not_waiting");
    f.log.push(Event::new(
        f.next_id,
        f.clock,
        EventKind::Receive(receive("ghost", "Li")),
    ));
    f.next_id += 1;
    f.walk_in("v1");
    let report = audit::audit(&Policy::p2(), &f.log);
    assert_eq!(report.refused, 1);
    assert_eq!(report.events, f.log.len());
    assert!(matches!(
        report.findings[0].kind,
        FindingKind::Refused {
            code: "queue.not_waiting",
            ..
        }
    ));
}

#[test]
fn waiting_visitor_taken_by_an_off_shift_agent_is_p3_1() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang"]);
    f.when(ShiftOff {
        agent: agent("Wang"),
    });
    f.walk_in("v1");
    f.walk_in("v2"); // nobody on shift is free: v2 waits
    f.when(receive("v2", "Wang"));
    let report = audit::audit(&Policy::p2(), &f.log);
    let kinds: Vec<_> = report.findings.iter().map(|x| &x.kind).collect();
    assert_eq!(
        kinds,
        [&FindingKind::OffShift {
            agent: agent("Wang"),
            visitor: visitor("v2")
        }]
    );
    assert_eq!(report.findings[0].rules.to_string(), "P3-1");
}

#[test]
fn consent_clears_receiving_another_agents_client() {
    let run = |consent: bool| {
        let mut f = Floor::given_on(Policy::p2(), "2026-03-02T09:00:00", &["Li", "Wang"]);
        f.walk_in("v0");
        f.when(anchang::event::Register {
            visitor: Some(visitor("v0")),
            ..crate::support::registration("C1", "Li", "13900001111")
        });
        f.end("Li");
        if consent {
            f.when(Consent {
                client: crate::support::client("C1"),
                receiver: agent("Wang"),
            });
        }
        f.arrive("v1", |a| a.client = Some(crate::support::client("C1")));
        f.when(receive("v1", "Wang"));
        audit::audit(&Policy::p2(), &f.log)
            .findings
            .iter()
            .map(|x| x.code())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(false), ["audit.others_client"]);
    assert!(run(true).is_empty());
}

#[test]
fn funnel_counts_stages_sources_deposits_and_kept_appointments() {
    let report = shipped();
    let wang = &report.funnel.by_agent[&agent("王芳")];
    assert_eq!(
        (wang.visits, wang.reached[..3].to_vec()),
        (1, vec![1, 1, 1])
    );
    assert_eq!((wang.appointments, wang.kept), (1, 1));
    assert_eq!(wang.lost.get("price"), Some(&1));
    let li = &report.funnel.by_agent[&agent("李明")];
    assert_eq!((li.deposits, li.conversion_bp()), (1, 10_000));
    assert_eq!(report.funnel.by_source["online"].visits, 1);
}

#[test]
fn comparing_audit_day_under_p1_shows_where_assignments_differ() {
    let events: Vec<Event> = anchang::jsonl::events(AUDIT_DAY.as_bytes())
        .map(|r| r.unwrap().1)
        .collect();
    let c = audit::compare(&Policy::p2(), &Policy::p1(), &events);
    assert!(!c.is_same());
    assert!(c.differences.iter().any(|d| d.visitor == visitor("v6")));
    assert!(audit::compare(&Policy::p1(), &Policy::p1(), &events).is_same());
}

// Properties over generated days.

const AGENTS: [&str; 5] = ["A0", "A1", "A2", "A3", "A4"];

#[derive(Debug, Clone)]
enum Op {
    SignIn(u8),
    SignOut(u8),
    Walk,
    End(u8),
    Away(u8),
    Back(u8),
    Shift(u8),
    Take(u8),
    NextDay,
}

fn op() -> impl Strategy<Value = Op> {
    let k = || any::<u8>();
    prop_oneof![
        3 => k().prop_map(Op::SignIn),
        1 => k().prop_map(Op::SignOut),
        6 => Just(Op::Walk),
        6 => k().prop_map(Op::End),
        1 => k().prop_map(Op::Away),
        1 => k().prop_map(Op::Back),
        1 => k().prop_map(Op::Shift),
        2 => k().prop_map(Op::Take),
        1 => Just(Op::NextDay),
    ]
}

fn policy() -> impl Strategy<Value = Policy> {
    (1u8..=3).prop_map(|n| Policy::preset(n).unwrap())
}

fn who(k: u8) -> AgentId {
    agent(AGENTS[usize::from(k) % AGENTS.len()])
}

/// A day built op by op against the engine: every event valid, and each
/// visitor the engine gives an agent recorded as received by that agent
/// (`follow`) or, for `Take`, by an arbitrary agent.
fn day(policy: &Policy, ops: &[Op], follow: bool) -> Vec<Event> {
    let mut state = State::new(policy.clone());
    let mut log: Vec<Event> = Vec::new();
    let mut clock: Timestamp = at("2026-03-02T09:00:00");
    let mut visitors = 0u32;
    let mut last_visitor = None;
    for op in ops {
        clock = clock.plus_seconds(60);
        let kind: EventKind = match op {
            Op::SignIn(k) => SignIn { agent: who(*k) }.into(),
            Op::SignOut(k) => SignOut { agent: who(*k) }.into(),
            Op::Walk => {
                visitors += 1;
                let v = visitor(&format!("v{visitors}"));
                last_visitor = Some(v);
                Arrive::walk_in(v).into()
            }
            Op::End(k) => End { agent: who(*k) }.into(),
            Op::Away(k) => StepAway {
                agent: who(*k),
                reason: AwayReason::Errand,
            }
            .into(),
            Op::Back(k) => Return { agent: who(*k) }.into(),
            Op::Shift(k) => ShiftOff { agent: who(*k) }.into(),
            Op::Take(k) if !follow => match last_visitor {
                Some(v) => Receive {
                    visitor: v,
                    agent: who(*k),
                }
                .into(),
                None => continue,
            },
            Op::Take(_) => continue,
            Op::NextDay => {
                clock = clock.date().add_days(1).start().plus_seconds(9 * 3600);
                SignIn { agent: who(0) }.into()
            }
        };
        let e = Event::new(log.len() as u64 + 1, clock, kind);
        let Ok(decisions) = state.apply(&e) else {
            continue;
        };
        log.push(e);
        if follow {
            for d in decisions {
                if let What::Received(r) = d.what {
                    clock = clock.plus_seconds(1);
                    let e = Event::new(
                        log.len() as u64 + 1,
                        clock,
                        Receive {
                            visitor: r.visitor,
                            agent: r.agent,
                        },
                    );
                    state.apply(&e).expect("confirming the engine is accepted");
                    log.push(e);
                }
            }
        }
    }
    log
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// The audit compares what did happen with what the policy prescribed:
    /// a day whose recorded receptions are the engine's own has no finding
    /// about who received whom.
    #[test]
    fn receptions_following_the_engine_have_no_reception_findings(policy in policy(), ops in proptest::collection::vec(op(), 1..120)) {
        let log = day(&policy, &ops, true);
        let report = audit::audit(&policy, &log);
        let found: Vec<_> = report.reception_findings().collect();
        prop_assert!(found.is_empty(), "{:#?}", found);
        prop_assert_eq!(report.refused, 0);
    }

    /// An audit never rejects the day: any log, recorded receptions by
    /// anyone and events the engine refuses included, is read to its end
    /// without a panic, every refusal a finding.
    #[test]
    fn audit_reads_any_log_to_its_end(policy in policy(), ops in proptest::collection::vec(op(), 1..120), noise in proptest::collection::vec((any::<u8>(), any::<u8>()), 0..20)) {
        let mut log = day(&policy, &ops, false);
        // Events the engine refuses, spliced in with ids and times that fit.
        for (i, (k, v)) in noise.iter().enumerate() {
            let at = log.last().map_or(at("2026-03-02T09:00:00"), |e| e.at);
            let kind: EventKind = match i % 3 {
                0 => End { agent: who(*k) }.into(),
                1 => Receive { visitor: visitor(&format!("x{v}")), agent: who(*k) }.into(),
                _ => SignOut { agent: agent("Nobody") }.into(),
            };
            let id = log.last().map_or(1, |e| e.id.0 + 1);
            log.push(Event::new(id, at, kind));
        }
        let report = audit::audit(&policy, &log);
        prop_assert_eq!(report.events, log.len());
        let refused = report.findings.iter().filter(|f| matches!(f.kind, FindingKind::Refused { .. })).count();
        prop_assert_eq!(refused, report.refused);
        let unknown_agent = (0..noise.len()).filter(|i| i % 3 == 2).count();
        prop_assert!(report.refused >= unknown_agent);
    }

    /// The same for a JSON Lines log with lines that are no events: every
    /// line is accounted for, every rejected one a finding naming its line.
    #[test]
    fn audit_reads_any_json_lines_log_to_its_end(policy in policy(), ops in proptest::collection::vec(op(), 1..60), junk in proptest::collection::vec((any::<usize>(), "[^\n\r]{0,40}"), 0..10)) {
        let mut lines: Vec<String> = day(&policy, &ops, false).iter().map(anchang::jsonl::to_line).collect();
        for (at, text) in &junk {
            let i = at % (lines.len() + 1);
            lines.insert(i, text.clone());
        }
        // Every line ends with a break, so a last blank line is a line too.
        let text = lines.iter().map(|l| format!("{l}\n")).collect::<String>();
        let (report, summary) = audit::audit_jsonl(&policy, text.as_bytes()).unwrap();
        prop_assert_eq!(summary.lines, lines.len());
        prop_assert_eq!(summary.applied + summary.duplicates + summary.rejected + summary.skipped, summary.lines);
        prop_assert_eq!(report.refused, summary.rejected);
        let named = report.findings.iter().filter(|f| matches!(f.kind, FindingKind::Refused { line: Some(_), .. })).count();
        prop_assert_eq!(named, summary.rejected);
    }

    /// Comparing a policy with itself reports no difference.
    #[test]
    fn comparing_a_policy_with_itself_reports_no_difference(policy in policy(), ops in proptest::collection::vec(op(), 1..120)) {
        let log = day(&policy, &ops, false);
        let c = audit::compare(&policy, &policy, &log);
        prop_assert!(c.is_same(), "{:#?}", c);
    }
}

/// A visit's funnel events on a floor of one, `kinds` a minute apart.
fn visit(kinds: Vec<EventKind>) -> audit::Audit {
    let mut f = Floor::given(Policy::p2(), &["Li"]);
    f.walk_in("v1");
    for k in kinds {
        f.when(k);
    }
    audit::audit(&Policy::p2(), &f.log)
}

fn stage(s: VisitStage, source: Option<LeadSource>) -> EventKind {
    Stage {
        visitor: visitor("v1"),
        agent: agent("Li"),
        stage: s,
        source,
        called_before: None,
    }
    .into()
}

fn codes(a: &audit::Audit) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.code()).collect()
}

#[test]
fn p4_2_lead_source_is_asked_at_welcome() {
    let asked = visit(vec![stage(VisitStage::Welcome, Some(LeadSource::Print))]);
    assert!(codes(&asked).is_empty());
    assert_eq!(asked.funnel.by_source["print"].visits, 1);
    let not = visit(vec![stage(VisitStage::Welcome, None)]);
    assert_eq!(codes(&not), ["audit.no_lead_source"]);
    assert_eq!(not.funnel.by_source["unknown"].visits, 1);
}

#[test]
fn p4_3_sand_table_talk_over_five_minutes_is_a_finding() {
    let welcome = || stage(VisitStage::Welcome, Some(LeadSource::Online));
    let sand = || stage(VisitStage::SandTable, None);
    let talk = || stage(VisitStage::FirstTalk, None);
    // Each step is a minute: five steps of sand table is exactly 5 minutes.
    let filler = || EventKind::from(ShiftOn { agent: agent("Li") });
    let five = visit(vec![
        welcome(),
        sand(),
        filler(),
        filler(),
        filler(),
        filler(),
        talk(),
    ]);
    assert!(codes(&five).is_empty(), "{:?}", codes(&five));
    let six = visit(vec![
        welcome(),
        sand(),
        filler(),
        filler(),
        filler(),
        filler(),
        filler(),
        talk(),
    ]);
    assert_eq!(codes(&six), ["audit.sand_table_overrun"]);
    assert!(matches!(
        six.findings[0].kind,
        FindingKind::SandTableOverrun { minutes: 6, .. }
    ));
}

/// v1's visit with Li ends without a deposit, with `reason` and the next
/// appointment on `day` when given (P4-6).
fn lost_visit_end(reason: Option<LostReason>, day: Option<&str>) -> EventKind {
    VisitEnd {
        visitor: visitor("v1"),
        agent: agent("Li"),
        deposit: false,
        reason,
        next_appointment: day.map(|d| d.parse().unwrap()),
    }
    .into()
}

#[test]
fn p4_6_visit_lost_without_reason_or_appointment_is_a_finding() {
    let end = lost_visit_end;
    let welcome = || stage(VisitStage::Welcome, Some(LeadSource::Online));
    let full = visit(vec![
        welcome(),
        end(Some(LostReason::Layout), Some("2026-03-09")),
    ]);
    assert!(codes(&full).is_empty());
    assert_eq!(full.funnel.by_agent[&agent("Li")].lost["layout"], 1);
    for partial in [
        end(None, Some("2026-03-09")),
        end(Some(LostReason::Price), None),
    ] {
        assert_eq!(
            codes(&visit(vec![welcome(), partial])),
            ["audit.no_reason_or_appointment"]
        );
    }
}

#[test]
fn p4_4_first_talk_without_registration_is_a_finding() {
    let end = EventKind::from(VisitEnd {
        visitor: visitor("v1"),
        agent: agent("Li"),
        deposit: true,
        reason: None,
        next_appointment: None,
    });
    let a = visit(vec![
        stage(VisitStage::Welcome, Some(LeadSource::Online)),
        stage(VisitStage::FirstTalk, None),
        end,
    ]);
    assert_eq!(codes(&a), ["audit.not_registered_at_first_talk"]);
    assert_eq!(a.funnel.by_agent[&agent("Li")].deposits, 1);
}

/// Li receives a walk-in on 10 February and registers it as C1, then
/// signs out.
fn li_registers_c1_on_10_february(policy: Policy) -> Floor {
    let mut f = Floor::given_on(policy, "2026-02-10T09:00:00", &["Li"]);
    f.walk_in("v0");
    f.when(anchang::event::Register {
        visitor: Some(visitor("v0")),
        ..crate::support::registration("C1", "Li", "13900001111")
    });
    f.end("Li");
    f.sign_out("Li");
    f
}

/// Li registered C1 on 10 February (P2: protected through 2 March); on
/// 2 March it signs in first, then Wang, and a walk-in arrives.
fn overdue_day(policy: Policy, follow_up: bool) -> Floor {
    let mut f = li_registers_c1_on_10_february(policy);
    f.clock = at("2026-03-02T09:00:00");
    f.sign_in("Li");
    f.sign_in("Wang");
    if follow_up {
        f.when(FollowUp {
            client: crate::support::client("C1"),
            agent: agent("Li"),
        });
    }
    f
}

#[test]
fn p2_2_13_overdue_pause_keeps_an_agent_off_the_rotation_until_it_follows_up() {
    let mut pausing = Policy::p2();
    pausing.overdue_pause.value = Some(3);
    let mut f = overdue_day(pausing.clone(), false);
    assert_eq!(f.state.board().rotation(), [agent("Wang")]);
    let d = f.walk_in("v1");
    crate::support::then_receives(&d, "v1", "Wang");
    // After a follow-up Li is back on the rotation, and up.
    let mut f = overdue_day(pausing, true);
    let d = f.walk_in("v1");
    crate::support::then_receives(&d, "v1", "Li");
    // The presets never pause (a reading), overdue or not.
    assert_eq!(Policy::p2().overdue_pause.value, None);
    let mut f = overdue_day(Policy::p2(), false);
    let d = f.walk_in("v1");
    crate::support::then_receives(&d, "v1", "Li");
    let report = audit::audit(&Policy::p2(), &f.log);
    assert!(codes(&report).contains(&"audit.follow_ups_overdue"));
}

fn said(kind: FindingKind) -> (String, String) {
    let f = audit::Finding {
        at: None,
        event: anchang::EventId(1),
        rules: anchang::Rules::NONE,
        kind,
    };
    (f.message(Lang::Zh), f.message(Lang::En))
}

/// A call needs the manager's confirmation only where the policy says so
/// (P2-3.5); under P1 and P3 a registered call is a valid reception.
#[test]
fn p2_3_5_unconfirmed_call_is_void_only_where_the_policy_wants_confirmation() {
    let run = |mut policy: Policy| {
        // Calls count here, so the audit checks their records.
        policy.calls.value = anchang::policy::TurnRule {
            counts: anchang::policy::When::Always,
            uses_turn: anchang::policy::When::Always,
        };
        let mut f = Floor::given_on(policy.clone(), "2026-03-02T09:00:00", &["Li", "Wang"]);
        f.arrive("v0", |a| a.channel = Channel::Call);
        f.when(anchang::event::Register {
            visitor: Some(visitor("v0")),
            ..crate::support::registration("C1", "Li", "13900001111")
        });
        f.walk_in("v1");
        f.when(anchang::event::Register {
            visitor: Some(visitor("v1")),
            ..crate::support::registration("C2", "Wang", "13900002222")
        });
        audit::audit(&policy, &f.log)
    };
    let p2 = run(Policy::p2());
    let f = p2
        .findings
        .iter()
        .find(|f| f.code() == "audit.unrecorded")
        .expect("P2 wants the call confirmed");
    assert_eq!(f.rules.to_string(), "P2-3.5, P2-1.1");
    for p in [Policy::p1(), Policy::p3()] {
        assert!(!codes(&run(p)).contains(&"audit.unrecorded"));
    }
    let (zh, _) = said(FindingKind::Unrecorded {
        agent: agent("Li"),
        visitor: visitor("v0"),
        channel: Channel::Call,
        needs_confirmation: false,
    });
    assert!(!zh.contains("确认"), "{zh}");
}

/// The lapse warning cites the policy's lapse rules and gives its advice:
/// follow up under P2 (P2-2.13), re-register with approval under P3
/// (P3-16, P3-19); the date reads 3月3日.
#[test]
fn lapse_warning_cites_the_policys_lapse_rules_and_advice() {
    let f = overdue_day(Policy::p2(), false);
    let report = audit::audit(&Policy::p2(), &f.log);
    let w = report
        .findings
        .iter()
        .find(|f| f.code() == "audit.follow_ups_overdue")
        .unwrap();
    assert_eq!(
        w.message(Lang::Zh),
        "Li 签到上岗时有 1 位客户即将失去保护，最早 3月3日 起视为新客户，请尽快跟进（P2-2.13）"
    );
    let (zh, en) = said(FindingKind::FollowUpsOverdue {
        agent: agent("Li"),
        clients: 2,
        first_lapse: "2026-03-16".parse().unwrap(),
        renewable: false,
    });
    assert_eq!(
        zh,
        "Li 签到上岗时有 2 位客户登记即将到期，最早 3月16日 起视为新客户，到期后须经项目经理认可重新登记"
    );
    assert!(en.contains("16 March") && en.contains("approval"), "{en}");
    // Under P3 the term is 30 days from registration: the rules are P3's.
    let mut f = li_registers_c1_on_10_february(Policy::p3());
    f.clock = at("2026-03-10T09:00:00");
    f.sign_in("Li");
    let report = audit::audit(&Policy::p3(), &f.log);
    let w = report
        .findings
        .iter()
        .find(|f| f.code() == "audit.follow_ups_overdue")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert_eq!(w.rules.to_string(), "P3-16, P3-19");
    assert!(w.message(Lang::Zh).contains("须经项目经理认可重新登记"));
}

/// Taking a visitor whose reception used no turn (a named visitor) breaks
/// the order but forfeits nothing: the sentence says no 轮空 (P2-3.7).
#[test]
fn out_of_turn_says_forfeit_only_when_a_turn_was_forfeited() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang"]);
    // Wang is not up: the named visitor uses no turn (P2-2.5 reading).
    f.named("v1", "Wang");
    f.when(receive("v1", "Li"));
    let report = audit::audit(&Policy::p2(), &f.log);
    let o = report
        .findings
        .iter()
        .find(|f| f.code() == "audit.out_of_turn")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert!(matches!(
        o.kind,
        FindingKind::OutOfTurn {
            forfeited: false,
            ..
        }
    ));
    let zh = o.message(Lang::Zh);
    assert!(
        zh.starts_with("Li 接待了本应由 Wang 接待的 v1，属不按规则接待"),
        "{zh}"
    );
    assert!(!zh.contains("轮空"), "{zh}");
}

#[test]
fn sand_table_overrun_reads_minutes_and_seconds() {
    let (zh, en) = said(FindingKind::SandTableOverrun {
        agent: agent("Li"),
        visitor: visitor("v1"),
        minutes: 5,
        seconds: 30,
    });
    assert_eq!(
        zh,
        "Li 为 v1 讲解沙盘用时 5分30秒，超过 5 分钟（沙盘讲解应控制在5分钟以内）"
    );
    assert!(en.contains("5 min 30 s"), "{en}");
}

#[test]
fn p4_6_finding_says_which_record_is_missing() {
    let end = lost_visit_end;
    let welcome = || stage(VisitStage::Welcome, Some(LeadSource::Online));
    let zh = |e: EventKind| visit(vec![welcome(), e]).findings[0].message(Lang::Zh);
    assert_eq!(
        zh(end(None, Some("2026-03-09"))),
        "v1 未下定离开，Li 未记录未下定原因（P4-6）"
    );
    assert_eq!(
        zh(end(Some(LostReason::Price), None)),
        "v1 未下定离开，Li 未约定下次看房时间（P4-6）"
    );
    assert!(zh(end(None, None)).contains("未记录未下定原因，也未约定下次看房时间"));
}

#[test]
fn make_up_never_given_tells_lapsed_from_still_owed() {
    let kind = |still_owed| FindingKind::MakeUpNeverGiven {
        agent: agent("Li"),
        placement: anchang::policy::Placement::Head,
        still_owed,
    };
    assert!(said(kind(false)).0.contains("签退或换日作废"));
    assert!(said(kind(true)).0.contains("截至记录结束仍未补接"));
    let report = shipped();
    let m = report
        .findings
        .iter()
        .find(|f| f.code() == "audit.make_up_never_given")
        .unwrap();
    assert!(matches!(m.kind, FindingKind::MakeUpNeverGiven { .. }));
}

#[test]
fn finding_sentences_read_as_the_floor_writes_them() {
    let (zh, _) = said(FindingKind::OthersClient {
        agent: agent("Wang"),
        owner: agent("Li"),
        visitor: visitor("v1"),
    });
    assert_eq!(zh, "Wang 未先联络 Li 并征得同意即接待其已登记客户 v1");
    let (zh, _) = said(FindingKind::OffShift {
        agent: agent("Wang"),
        visitor: visitor("v1"),
    });
    assert_eq!(zh, "Wang 不当班，未经项目经理指派接待了新客户 v1");
    let (zh, _) = said(FindingKind::WhileBusy {
        agent: agent("Wang"),
        visitor: visitor("v2"),
        with: visitor("v1"),
    });
    assert_eq!(zh, "Wang 中断接待 v1，转接 v2");
    let (zh, _) = said(FindingKind::LapsedAsOwned {
        agent: agent("Li"),
        prescribed: None,
        visitor: visitor("v1"),
    });
    assert!(zh.contains("当作自己的老客户"), "{zh}");
    let (zh, _) = said(FindingKind::Refused {
        code: "queue.not_waiting",
        line: Some(3),
    });
    assert_eq!(zh, "第 3 行无法处理（queue.not_waiting），已跳过，审计继续");
}

/// The Chinese table prints Chinese labels with full-width punctuation:
/// no English key of the funnel, headers that say what they count.
#[test]
fn chinese_audit_table_has_chinese_labels_and_punctuation() {
    let zh = shipped().render(Lang::Zh);
    for want in [
        "计指标",
        "不计指标",
        "跳过（因公/忙）",
        "跳过（因私/拒接）",
        "补接 得/用/欠",
        "【网络】",
        "价格 1",
        "未下定原因：",
    ] {
        assert!(zh.contains(want), "{want} in {zh}");
    }
    for not in [
        "[online]",
        "price",
        "none",
        "未下定原因:",
        "->",
        "跳过(有因)",
    ] {
        assert!(!zh.contains(not), "{not} in {zh}");
    }
    let en = shipped().render(Lang::En);
    assert!(en.contains("[online]") && en.contains("price 1"), "{en}");
}
