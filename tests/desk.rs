//! The property front desk (P5): scenarios per rule id, the shipped desk
//! day, the JSON Lines edge, and the properties that guard the desk's two
//! promises: no handover completes with an item not clear, no goods leave
//! without the owner's word.

use anchang::desk::jsonl::{parse_line, replay_reader, to_line};
use anchang::desk::*;
use anchang::{Lang, PersonName, Phone, Rule, Timestamp, UnitId};
use proptest::prelude::*;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn unit(s: &str) -> UnitId {
    s.parse().unwrap()
}

fn id<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().unwrap()
}

/// A desk under test: each step one event a minute after the last.
struct Desk {
    state: DeskState,
    next: u64,
    clock: Timestamp,
}

impl Desk {
    /// The standard policy, with the residents of three units registered:
    /// O1 owns 3-1502 (H1 its household), O2 owns 5-0801 (T1 its tenant),
    /// O3 owns 2-0303.
    fn new() -> Desk {
        Desk::with(DeskPolicy::standard())
    }

    fn with(policy: DeskPolicy) -> Desk {
        let mut d = Desk {
            state: DeskState::new(policy),
            next: 1,
            clock: at("2026-03-02T08:00:00"),
        };
        for (r, u, role, name) in [
            ("O1", "3-1502", ResidentRole::Owner, "王建国"),
            ("H1", "3-1502", ResidentRole::Household, "王小红"),
            ("O2", "5-0801", ResidentRole::Owner, "赵敏"),
            ("T1", "5-0801", ResidentRole::Tenant, "李娜"),
            ("O3", "2-0303", ResidentRole::Owner, "陈立"),
        ] {
            d.when(Resident {
                resident: id(r),
                unit: unit(u),
                role,
                name: PersonName::new(name),
                phone: Some(Phone::new("138 1234 5678")),
            });
        }
        d
    }

    fn event(&mut self, kind: impl Into<DeskEventKind>) -> DeskEvent {
        self.clock = self.clock.plus_seconds(60);
        let e = DeskEvent::new(self.next, self.clock, kind);
        self.next += 1;
        e
    }

    #[track_caller]
    fn when(&mut self, kind: impl Into<DeskEventKind>) -> Vec<DeskDecision> {
        let e = self.event(kind);
        self.state.apply(&e).unwrap_or_else(|err| panic!("{err}"))
    }

    /// Applies `kind` expecting an error, and checks the state is intact.
    #[track_caller]
    fn rejects(&mut self, kind: impl Into<DeskEventKind>) -> DeskError {
        let before = self.state.clone();
        let e = self.event(kind);
        let err = self.state.apply(&e).expect_err("should be rejected");
        assert_eq!(self.state, before, "a rejected event changed the state");
        self.next -= 1;
        err
    }

    fn wait(&mut self, minutes: i64) {
        self.clock = self.clock.plus_seconds(minutes * 60 - 60);
    }

    fn request(
        &mut self,
        r: &str,
        u: &str,
        kind: RequestKind,
        topic: Option<&str>,
    ) -> Vec<DeskDecision> {
        self.when(Request {
            topic: topic.map(id),
            ..Request::new(id(r), unit(u), kind)
        })
    }
}

fn only(d: &[DeskDecision]) -> &DeskWhat {
    assert_eq!(d.len(), 1, "{d:?}");
    &d[0].what
}

fn cites(d: &[DeskDecision], rule: Rule) -> bool {
    d.iter().all(|x| x.rules.contains(rule))
}

fn item_req(r: &str) -> HandoverItem {
    HandoverItem::Request(id(r))
}

fn note(n: &str) -> HandoverItem {
    HandoverItem::Note(id(n))
}

// ---- P5-0 requests ----

#[test]
fn p5_0_request_recorded_and_routed_at_once_to_the_department_concerned() {
    let mut d = Desk::new();
    let cases = [
        ("R1", RequestKind::Repair, Some("plumbing"), "engineering"),
        ("R2", RequestKind::Complaint, Some("noise"), "security"),
        ("R3", RequestKind::Complaint, Some("parking"), "supervisor"),
        ("R4", RequestKind::Help, None, "security"),
        ("R5", RequestKind::Help, Some("cleaning"), "cleaning"),
    ];
    for (r, kind, topic, dept) in cases {
        let out = d.request(r, "3-1502", kind, topic);
        assert!(cites(&out, Rule::P5_0));
        match only(&out) {
            DeskWhat::RequestRouted {
                department, within, ..
            } => {
                assert_eq!(department.id.as_str(), dept, "{r}");
                assert_eq!(*within, 10);
            }
            other => panic!("{other:?}"),
        }
    }
    let out = d.request("R6", "3-1502", RequestKind::Repair, None);
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 受理 3-1502 报修(R6),应立即转达工程部(限10分钟内)"
    );
    assert_eq!(d.state.open_requests().count(), 6);
}

#[test]
fn p5_0_the_office_configures_its_departments_and_routes() {
    let mut p = DeskPolicy::standard();
    p.departments
        .push(Department::new(id("lifts"), "电梯维保", "lift maintenance"));
    p.routes.value.push(Route {
        kind: RequestKind::Repair,
        topic: Some(id("lift")),
        department: id("lifts"),
    });
    assert!(p.validate().is_ok());
    let mut d = Desk::with(p.clone());
    let out = d.request("R1", "3-1502", RequestKind::Repair, Some("lift"));
    assert!(out[0].explain(Lang::Zh).contains("转达电梯维保"));

    let mut bad = p.clone();
    bad.routes
        .value
        .retain(|r| r.kind != RequestKind::Help || r.topic.is_some());
    assert_eq!(
        bad.validate(),
        Err(DeskPolicyError::Unrouted(RequestKind::Help))
    );
    let mut d = Desk::with(bad);
    let err = d.rejects(Request::new(id("R1"), unit("3-1502"), RequestKind::Help));
    assert_eq!(err.kind, DeskErrorKind::Unrouted(RequestKind::Help));
    assert_eq!(err.field, "kind");

    let mut bad = p;
    bad.routes.value[0].department = id("nowhere");
    assert_eq!(
        bad.validate(),
        Err(DeskPolicyError::UnknownDepartment(id("nowhere")))
    );
}

#[test]
fn p5_0_forwarding_within_the_limit_is_on_time_past_it_late() {
    let mut d = Desk::new();
    d.request("R1", "3-1502", RequestKind::Repair, None);
    d.wait(10); // exactly ten minutes: on time
    let out = d.when(Forward {
        request: id("R1"),
        department: None,
    });
    match only(&out) {
        DeskWhat::RequestForwarded {
            minutes,
            late,
            rerouted,
            department,
            ..
        } => {
            assert_eq!((*minutes, *late, *rerouted), (10, false, false));
            assert_eq!(department.zh, "工程部");
        }
        other => panic!("{other:?}"),
    }
    d.request("R2", "5-0801", RequestKind::Complaint, Some("noise"));
    d.wait(11);
    let out = d.when(Forward {
        request: id("R2"),
        department: Some(id("supervisor")),
    });
    match only(&out) {
        DeskWhat::RequestForwarded {
            minutes,
            late,
            rerouted,
            ..
        } => {
            assert_eq!((*minutes, *late, *rerouted), (11, true, true));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] R2 转达客服主管不及时:用时11分钟,超过规定时限(未按配置的部门转达)"
    );
    let report = d.state.report(d.clock);
    let late: Vec<_> = report
        .late_forwards
        .iter()
        .map(|l| (l.request.as_str(), l.minutes, l.forwarded))
        .collect();
    assert_eq!(late, vec![("R2", 11, true)]);
    let err = d.rejects(Forward {
        request: id("R2"),
        department: None,
    });
    assert_eq!(err.kind, DeskErrorKind::AlreadyForwarded(id("R2")));
    let err = d.rejects(Forward {
        request: id("R1x"),
        department: None,
    });
    assert_eq!(
        (err.field, err.kind),
        ("request", DeskErrorKind::UnknownRequest(id("R1x")))
    );
    let err = d.rejects(Request::new(id("R1"), unit("3-1502"), RequestKind::Repair));
    assert_eq!(err.kind, DeskErrorKind::RequestExists(id("R1")));
}

#[test]
fn p5_0_report_lists_unforwarded_and_open_requests_with_their_ages() {
    let mut d = Desk::new();
    d.request("R1", "3-1502", RequestKind::Repair, None); // 08:06
    d.request("R2", "2-0303", RequestKind::Help, None); // 08:07
    d.when(Forward {
        request: id("R2"),
        department: None,
    }); // 08:08
    let report = d.state.report(at("2026-03-02T10:06:00"));
    assert_eq!(report.late_forwards.len(), 1);
    assert_eq!(report.late_forwards[0].request.as_str(), "R1");
    assert!(!report.late_forwards[0].forwarded);
    assert_eq!(report.late_forwards[0].minutes, 120);
    let open: Vec<_> = report
        .open_requests
        .iter()
        .map(|o| (o.request.as_str(), o.minutes, o.forwarded))
        .collect();
    assert_eq!(open, vec![("R1", 120, false), ("R2", 119, true)]);
    let text = report.render(Lang::Zh);
    assert!(
        text.contains("R1 3-1502 报修:已过2小时仍未转达工程部"),
        "{text}"
    );
    assert!(
        text.contains("R2 2-0303 求助 安保部 处理中 1小时59分钟"),
        "{text}"
    );
}

#[test]
fn p5_0_a_request_closes_when_its_department_reports_it_done() {
    let mut d = Desk::new();
    d.request("R1", "3-1502", RequestKind::Repair, None);
    let err = d.rejects(Done { request: id("R1") });
    assert_eq!(err.kind, DeskErrorKind::NotForwarded(id("R1")));
    d.when(Forward {
        request: id("R1"),
        department: None,
    });
    d.wait(60);
    let out = d.when(Done { request: id("R1") });
    match only(&out) {
        DeskWhat::RequestDone {
            closed, minutes, ..
        } => assert_eq!((*closed, *minutes), (true, 62)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 工程部报告 R1 已处理完毕,结单(历时1小时2分钟)"
    );
    assert_eq!(d.state.open_requests().count(), 0);
    let err = d.rejects(Done { request: id("R1") });
    assert_eq!(err.kind, DeskErrorKind::RequestClosed(id("R1")));
}

#[test]
fn p5_0_under_the_resident_confirms_cell_a_done_request_waits_for_the_return_call() {
    let mut p = DeskPolicy::standard();
    p.closing.value = Closing::ResidentConfirms;
    let mut d = Desk::with(p);
    d.request("R1", "3-1502", RequestKind::Repair, None);
    let err = d.rejects(Satisfied { request: id("R1") });
    assert_eq!(err.kind, DeskErrorKind::NotDone(id("R1")));
    d.when(Forward {
        request: id("R1"),
        department: None,
    });
    let out = d.when(Done { request: id("R1") });
    assert!(matches!(
        only(&out),
        DeskWhat::RequestDone { closed: false, .. }
    ));
    assert!(d.state.report(d.clock).open_requests[0].done);
    let out = d.when(Satisfied { request: id("R1") });
    assert!(matches!(only(&out), DeskWhat::RequestClosed { .. }));
    assert_eq!(d.state.open_requests().count(), 0);
}

// ---- P5-0 passes ----

fn issue(d: &mut Desk, pass: &str, u: &str, to: &str) -> Vec<DeskDecision> {
    d.when(IssuePass {
        pass: id(pass),
        unit: unit(u),
        valid_to: to.parse().unwrap(),
        holder: None,
    })
}

fn check(d: &mut Desk, pass: &str, u: Option<&str>) -> DeskWhat {
    let out = d.when(CheckPass {
        pass: id(pass),
        unit: u.map(unit),
    });
    assert!(cites(&out, Rule::P5_0));
    only(&out).clone()
}

#[test]
fn p5_0_a_pass_is_for_its_unit_valid_to_its_date_else_refused() {
    let mut d = Desk::new();
    issue(&mut d, "P1", "3-1502", "2026-03-03");
    assert!(matches!(
        check(&mut d, "P1", Some("3-1502")),
        DeskWhat::PassAdmitted { .. }
    ));
    assert!(matches!(
        check(&mut d, "P1", None),
        DeskWhat::PassAdmitted { .. }
    ));
    assert_eq!(
        check(&mut d, "P1", Some("5-0801")),
        DeskWhat::PassRefused {
            pass: id("P1"),
            refusal: PassRefusal::OtherUnit {
                unit: unit("3-1502")
            }
        }
    );
    assert_eq!(
        check(&mut d, "P9", Some("3-1502")),
        DeskWhat::PassRefused {
            pass: id("P9"),
            refusal: PassRefusal::Unknown
        }
    );
    // Valid through 2026-03-03 (the reading), refused on the 4th.
    d.clock = at("2026-03-03T23:58:00");
    assert!(matches!(
        check(&mut d, "P1", Some("3-1502")),
        DeskWhat::PassAdmitted { .. }
    ));
    d.clock = at("2026-03-04T00:00:00");
    let refused = check(&mut d, "P1", Some("3-1502"));
    assert_eq!(
        refused,
        DeskWhat::PassRefused {
            pass: id("P1"),
            refusal: PassRefusal::Expired {
                valid_to: "2026-03-03".parse().unwrap()
            }
        }
    );
    issue(&mut d, "P2", "3-1502", "2026-03-10");
    d.when(RevokePass { pass: id("P2") });
    assert_eq!(
        check(&mut d, "P2", None),
        DeskWhat::PassRefused {
            pass: id("P2"),
            refusal: PassRefusal::Revoked
        }
    );
    let out = d.when(CheckPass {
        pass: id("P1"),
        unit: None,
    });
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 临时出入证 P1 有效期至2026年3月3日,已过期,不予进入"
    );
}

#[test]
fn p5_0_under_the_before_date_reading_a_pass_ends_as_its_date_begins() {
    let mut p = DeskPolicy::standard();
    p.pass_validity.value = PassValidity::BeforeDate;
    let mut d = Desk::with(p);
    issue(&mut d, "P1", "3-1502", "2026-03-03");
    d.clock = at("2026-03-02T23:58:00");
    assert!(matches!(
        check(&mut d, "P1", None),
        DeskWhat::PassAdmitted { .. }
    ));
    d.clock = at("2026-03-03T00:00:00");
    assert!(matches!(
        check(&mut d, "P1", None),
        DeskWhat::PassRefused { .. }
    ));
}

#[test]
fn p5_0_a_pass_already_past_or_longer_than_the_policy_allows_is_not_issued() {
    let mut d = Desk::new();
    let err = d.rejects(IssuePass {
        pass: id("P1"),
        unit: unit("3-1502"),
        valid_to: "2026-03-01".parse().unwrap(),
        holder: None,
    });
    assert_eq!(
        (err.field, err.kind.clone()),
        (
            "valid_to",
            DeskErrorKind::PassAlreadyExpired("2026-03-01".parse().unwrap())
        )
    );
    let err = d.rejects(IssuePass {
        pass: id("P1"),
        unit: unit("3-1502"),
        valid_to: "2026-06-01".parse().unwrap(),
        holder: None,
    });
    assert_eq!(err.kind, DeskErrorKind::PassTooLong { days: 91, max: 90 });
    issue(&mut d, "P1", "3-1502", "2026-05-31");
    let err = d.rejects(IssuePass {
        pass: id("P1"),
        unit: unit("3-1502"),
        valid_to: "2026-03-05".parse().unwrap(),
        holder: None,
    });
    assert_eq!(err.kind, DeskErrorKind::PassExists(id("P1")));
}

// ---- P5-0 releases ----

fn bring(
    d: &mut Desk,
    release: &str,
    u: &str,
    kind: ReleaseKind,
    pass: Option<&str>,
) -> Vec<DeskDecision> {
    d.when(ReleaseRequest {
        release: id(release),
        unit: unit(u),
        kind,
        pass: pass.map(id),
    })
}

fn confirm(d: &mut Desk, release: &str, by: &str, agrees: bool) -> Vec<DeskDecision> {
    d.when(OwnerConfirm {
        release: id(release),
        by: id(by),
        via: ConfirmVia::Phone,
        agrees,
    })
}

fn release(d: &mut Desk, release: &str) -> DeskWhat {
    let out = d.when(Release {
        release: id(release),
    });
    assert!(cites(&out, Rule::P5_0));
    only(&out).clone()
}

#[test]
fn p5_0_goods_leave_only_after_the_owner_confirmed_recorded_with_who() {
    let mut d = Desk::new();
    let out = bring(&mut d, "G1", "3-1502", ReleaseKind::WorkerGoods, None);
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 3-1502 务工人员带物品出小区(G1):须先向业主验证,经业主同意后方可放行"
    );
    let refused = release(&mut d, "G1");
    assert_eq!(
        refused,
        DeskWhat::ReleaseRefused {
            release: id("G1"),
            unit: unit("3-1502"),
            refusal: ReleaseRefusal::NoConfirmation
        }
    );
    let out = confirm(&mut d, "G1", "O1", true);
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 3-1502 业主 O1 电话确认同意放行 G1,已记录"
    );
    let when = d.clock;
    match release(&mut d, "G1") {
        DeskWhat::ReleaseGranted {
            confirmed_by,
            confirmed_at,
            ..
        } => {
            assert_eq!((confirmed_by.as_str(), confirmed_at), ("O1", when));
        }
        other => panic!("{other:?}"),
    }
    let word = d.state.release_record(id("G1")).unwrap().word.unwrap();
    assert_eq!(
        (word.by.as_str(), word.via, word.agrees),
        ("O1", ConfirmVia::Phone, true)
    );
    let err = d.rejects(Release { release: id("G1") });
    assert_eq!(err.kind, DeskErrorKind::AlreadyReleased(id("G1")));
}

#[test]
fn p5_0_only_the_units_owner_can_confirm_a_release() {
    let mut d = Desk::new();
    bring(&mut d, "G1", "5-0801", ReleaseKind::MoveOut, None);
    // The tenant moving out, a household member, another unit's owner: none counts.
    for by in ["T1", "H1", "O1"] {
        let out = confirm(&mut d, "G1", by, true);
        assert!(matches!(only(&out), DeskWhat::NotOwner { .. }), "{by}");
        assert!(matches!(
            release(&mut d, "G1"),
            DeskWhat::ReleaseRefused {
                refusal: ReleaseRefusal::NoConfirmation,
                ..
            }
        ));
    }
    let err = d.rejects(OwnerConfirm {
        release: id("G1"),
        by: id("X9"),
        via: ConfirmVia::Phone,
        agrees: true,
    });
    assert_eq!(
        (err.field, err.kind),
        ("by", DeskErrorKind::UnknownResident(id("X9")))
    );
    confirm(&mut d, "G1", "O2", true);
    assert!(matches!(
        release(&mut d, "G1"),
        DeskWhat::ReleaseGranted { .. }
    ));
}

#[test]
fn p5_0_an_owner_who_says_no_keeps_the_goods_in() {
    let mut d = Desk::new();
    bring(&mut d, "G1", "3-1502", ReleaseKind::WorkerGoods, None);
    confirm(&mut d, "G1", "O1", false);
    assert_eq!(
        release(&mut d, "G1"),
        DeskWhat::ReleaseRefused {
            release: id("G1"),
            unit: unit("3-1502"),
            refusal: ReleaseRefusal::OwnerDeclined { by: id("O1") }
        }
    );
    // The owner may change its mind; the latest word counts.
    confirm(&mut d, "G1", "O1", true);
    assert!(matches!(
        release(&mut d, "G1"),
        DeskWhat::ReleaseGranted { .. }
    ));
}

#[test]
fn p5_0_a_worker_carrying_goods_needs_a_good_pass_too() {
    let mut d = Desk::new();
    issue(&mut d, "P1", "3-1502", "2026-03-02");
    issue(&mut d, "P2", "2-0303", "2026-03-10");
    bring(&mut d, "G1", "3-1502", ReleaseKind::WorkerGoods, Some("P1"));
    bring(&mut d, "G2", "3-1502", ReleaseKind::WorkerGoods, Some("P2"));
    confirm(&mut d, "G1", "O1", true);
    confirm(&mut d, "G2", "O1", true);
    assert!(matches!(
        release(&mut d, "G2"),
        DeskWhat::ReleaseRefused {
            refusal: ReleaseRefusal::Pass {
                refusal: PassRefusal::OtherUnit { .. },
                ..
            },
            ..
        }
    ));
    d.clock = at("2026-03-03T08:00:00");
    let out = d.when(Release { release: id("G1") });
    assert!(matches!(
        only(&out),
        DeskWhat::ReleaseRefused {
            refusal: ReleaseRefusal::Pass {
                refusal: PassRefusal::Expired { .. },
                ..
            },
            ..
        }
    ));
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 携物人员的临时出入证 P1 有效期至2026年3月2日,已过期,G1 不予放行"
    );
}

// ---- P5-0 mail ----

#[test]
fn p5_0_mail_is_logged_and_collected_by_the_units_residents() {
    let mut d = Desk::new();
    let out = d.when(MailIn {
        mail: id("M1"),
        unit: unit("3-1502"),
        kind: MailKind::Parcel,
    });
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0] 登记 3-1502 的包裹(M1),待领取"
    );
    d.when(MailIn {
        mail: id("M2"),
        unit: unit("5-0801"),
        kind: MailKind::Newspaper,
    });
    d.wait(90);
    let out = d.when(MailOut {
        mail: id("M1"),
        by: id("H1"),
    });
    assert!(matches!(
        only(&out),
        DeskWhat::MailCollected { minutes: 91, .. }
    ));
    let err = d.rejects(MailOut {
        mail: id("M1"),
        by: id("H1"),
    });
    assert_eq!(err.kind, DeskErrorKind::AlreadyCollected(id("M1")));
    let report = d.state.report(d.clock);
    assert_eq!(report.uncollected_mail.len(), 1);
    assert_eq!(report.uncollected_mail[0].mail.as_str(), "M2");
}

#[test]
fn p5_2_mail_is_not_handed_to_another_units_resident() {
    let mut d = Desk::new();
    d.when(MailIn {
        mail: id("M1"),
        unit: unit("5-0801"),
        kind: MailKind::Registered,
    });
    let out = d.when(MailOut {
        mail: id("M1"),
        by: id("O1"),
    });
    assert!(matches!(only(&out), DeskWhat::MailRefused { .. }));
    assert!(out[0].rules.contains(Rule::P5_2) && out[0].rules.contains(Rule::P5_0));
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-0, P5-2] O1 不是 5-0801 的住户,M1 不能交其代领"
    );
    let out = d.when(MailOut {
        mail: id("M1"),
        by: id("T1"),
    });
    assert!(matches!(only(&out), DeskWhat::MailCollected { .. }));
}

// ---- P5-1 handover ----

fn open_handover(d: &mut Desk, h: &str, notes: &[&str]) -> Vec<DeskDecision> {
    d.when(Handover {
        handover: id(h),
        outgoing: id("Liu"),
        incoming: id("Chen"),
        notes: notes.iter().map(|n| id(n)).collect(),
    })
}

fn hcheck(d: &mut Desk, h: &str, item: HandoverItem) -> Vec<DeskDecision> {
    d.when(HandoverCheck {
        handover: id(h),
        item,
    })
}

fn complete(d: &mut Desk, h: &str) -> DeskWhat {
    let out = d.when(HandoverComplete { handover: id(h) });
    assert!(cites(&out, Rule::P5_1));
    only(&out).clone()
}

#[test]
fn p5_1_the_record_carries_the_shifts_work_and_every_open_item() {
    let mut d = Desk::new();
    d.request("R1", "3-1502", RequestKind::Repair, None);
    d.request("R2", "5-0801", RequestKind::Complaint, None);
    d.when(Forward {
        request: id("R1"),
        department: None,
    });
    d.when(Done { request: id("R1") });
    bring(&mut d, "G1", "3-1502", ReleaseKind::WorkerGoods, None);
    d.when(MailIn {
        mail: id("M1"),
        unit: unit("3-1502"),
        kind: MailKind::Letter,
    });
    let out = open_handover(&mut d, "H1", &["key-5-0801"]);
    match only(&out) {
        DeskWhat::HandoverRecorded { work, items, .. } => {
            assert_eq!((work.requests, work.closed, work.mail_in), (2, 1, 1));
            assert_eq!(
                items,
                &vec![
                    item_req("R2"),
                    HandoverItem::Release(id("G1")),
                    note("key-5-0801")
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-1] 交接班记录 H1:交班人 Liu,接班人 Chen;本班受理请求 2 件、结单 1 件,办理出入证 0 张,放行 0 件,登记邮件 1 件、发出 0 件;待共同核实事项 3 项:请求 R2、放行单 G1、事项 key-5-0801"
    );
    // The next shift's work counts afresh.
    assert_eq!(d.state.shift_work(), ShiftWork::default());
}

#[test]
fn p5_1_completion_waits_for_the_reading_and_every_item_checked_together() {
    let mut d = Desk::new();
    d.request("R1", "3-1502", RequestKind::Repair, None);
    open_handover(&mut d, "H1", &["cctv-2"]);
    assert_eq!(
        complete(&mut d, "H1"),
        DeskWhat::HandoverBlocked {
            handover: id("H1"),
            unread: true,
            open: vec![item_req("R1"), note("cctv-2")]
        }
    );
    d.when(HandoverRead { handover: id("H1") });
    hcheck(&mut d, "H1", item_req("R1"));
    let blocked = d.when(HandoverComplete { handover: id("H1") });
    assert_eq!(
        blocked[0].explain(Lang::Zh),
        "[P5-1] 交接班 H1 尚不能结束:尚有 1 项未核实清楚:事项 cctv-2"
    );
    hcheck(&mut d, "H1", note("cctv-2"));
    assert!(matches!(
        complete(&mut d, "H1"),
        DeskWhat::HandoverCompleted { .. }
    ));
    let err = d.rejects(HandoverComplete { handover: id("H1") });
    assert_eq!(err.kind, DeskErrorKind::HandoverComplete(id("H1")));
    let err = d.rejects(HandoverCheck {
        handover: id("H1"),
        item: item_req("R1"),
    });
    assert_eq!(err.kind, DeskErrorKind::HandoverComplete(id("H1")));
}

#[test]
fn p5_1_a_question_must_be_answered_clearly_before_the_item_is_clear() {
    let mut d = Desk::new();
    open_handover(&mut d, "H1", &["key-1502"]);
    d.when(HandoverRead { handover: id("H1") });
    let out = d.when(HandoverQuestion {
        handover: id("H1"),
        item: note("key-1502"),
    });
    assert!(matches!(
        only(&out),
        DeskWhat::ItemQuestioned { added: false, .. }
    ));
    let err = d.rejects(HandoverCheck {
        handover: id("H1"),
        item: note("key-1502"),
    });
    assert_eq!(err.kind, DeskErrorKind::ItemUnsettled(note("key-1502")));
    // A problem the incoming found itself joins the record.
    let out = d.when(HandoverQuestion {
        handover: id("H1"),
        item: note("lobby-door"),
    });
    assert!(matches!(
        only(&out),
        DeskWhat::ItemQuestioned { added: true, .. }
    ));
    assert!(matches!(
        complete(&mut d, "H1"),
        DeskWhat::HandoverBlocked { .. }
    ));
    d.when(HandoverAnswer {
        handover: id("H1"),
        item: note("key-1502"),
    });
    d.when(HandoverAnswer {
        handover: id("H1"),
        item: note("lobby-door"),
    });
    let err = d.rejects(HandoverAnswer {
        handover: id("H1"),
        item: note("lobby-door"),
    });
    assert_eq!(err.kind, DeskErrorKind::NoQuestion(note("lobby-door")));
    assert!(matches!(
        complete(&mut d, "H1"),
        DeskWhat::HandoverCompleted { .. }
    ));
}

#[test]
fn p5_1_the_incoming_may_refuse_while_an_item_is_unexplained_and_it_goes_to_the_supervisor() {
    let mut d = Desk::new();
    open_handover(&mut d, "H1", &["key-1502", "cash"]);
    d.when(HandoverRead { handover: id("H1") });
    hcheck(&mut d, "H1", note("cash"));
    let err = d.rejects(HandoverRefuse {
        handover: id("H1"),
        item: note("cash"),
    });
    assert_eq!(err.kind, DeskErrorKind::ItemClear(note("cash")));
    d.when(HandoverQuestion {
        handover: id("H1"),
        item: note("key-1502"),
    });
    let out = d.when(HandoverRefuse {
        handover: id("H1"),
        item: note("key-1502"),
    });
    assert!(matches!(only(&out), DeskWhat::HandoverRefused { .. }));
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-1] H1:事项 key-1502 交班人未能给予明确答复,接班人 Chen 拒绝接班,已记录并报上级领导处理"
    );
    assert_eq!(d.state.handover_record(id("H1")).unwrap().refusals, 1);
    assert!(matches!(
        complete(&mut d, "H1"),
        DeskWhat::HandoverBlocked { .. }
    ));
    let err = d.rejects(HandoverAnswer {
        handover: id("H1"),
        item: note("key-1502"),
    });
    assert_eq!(err.kind, DeskErrorKind::NoQuestion(note("key-1502")));
    let err = d.rejects(HandoverResolve {
        handover: id("H1"),
        item: note("cash"),
        by: id("Zhou"),
    });
    assert_eq!(err.kind, DeskErrorKind::NotRefused(note("cash")));
    d.when(HandoverResolve {
        handover: id("H1"),
        item: note("key-1502"),
        by: id("Zhou"),
    });
    assert!(matches!(
        complete(&mut d, "H1"),
        DeskWhat::HandoverCompleted { .. }
    ));
}

#[test]
fn p5_1_one_handover_at_a_time_between_two_clerks() {
    let mut d = Desk::new();
    let err = d.rejects(Handover {
        handover: id("H1"),
        outgoing: id("Liu"),
        incoming: id("Liu"),
        notes: vec![],
    });
    assert_eq!(
        (err.field, err.kind),
        ("incoming", DeskErrorKind::SameClerk(id("Liu")))
    );
    let err = d.rejects(Handover {
        handover: id("H1"),
        outgoing: id("Liu"),
        incoming: id("Chen"),
        notes: vec![id("a"), id("a")],
    });
    assert_eq!(err.kind, DeskErrorKind::DuplicateItem(note("a")));
    open_handover(&mut d, "H1", &[]);
    let err = d.rejects(Handover {
        handover: id("H2"),
        outgoing: id("Chen"),
        incoming: id("Wang"),
        notes: vec![],
    });
    assert_eq!(err.kind, DeskErrorKind::HandoverUnderWay(id("H1")));
    let err = d.rejects(HandoverCheck {
        handover: id("H1"),
        item: item_req("R9"),
    });
    assert_eq!(err.kind, DeskErrorKind::UnknownItem(item_req("R9")));
}

#[test]
fn p5_1_the_outgoing_signs_and_the_manager_reviews_each_day() {
    let mut d = Desk::new();
    open_handover(&mut d, "H1", &[]);
    d.when(HandoverRead { handover: id("H1") });
    complete(&mut d, "H1");
    let err = d.rejects(HandoverSign {
        handover: id("H1"),
        by: id("Chen"),
    });
    assert_eq!(
        (err.field, err.kind),
        ("by", DeskErrorKind::NotOutgoing(id("Chen")))
    );
    d.when(HandoverSign {
        handover: id("H1"),
        by: id("Liu"),
    });
    d.when(Handover {
        handover: id("H2"),
        outgoing: id("Chen"),
        incoming: id("Wang"),
        notes: vec![],
    });
    let gaps = d.state.report(d.clock).record_gaps;
    let gaps: Vec<_> = gaps
        .iter()
        .map(|g| (g.handover.as_str(), g.signed, g.reviewed))
        .collect();
    assert_eq!(gaps, vec![("H1", true, false), ("H2", false, false)]);
    let out = d.when(Review {
        date: "2026-03-02".parse().unwrap(),
        by: id("Sun"),
    });
    assert!(matches!(
        only(&out),
        DeskWhat::RecordsReviewed {
            records: 2,
            unsigned: 1,
            ..
        }
    ));
    assert_eq!(
        out[0].explain(Lang::Zh),
        "[P5-1] Sun 已审阅2026年3月2日的交接班记录 2 份并签名,其中 1 份交班人未签名"
    );
    let err = d.rejects(Review {
        date: "2026-03-02".parse().unwrap(),
        by: id("Sun"),
    });
    assert_eq!(
        err.kind,
        DeskErrorKind::AlreadyReviewed("2026-03-02".parse().unwrap())
    );
    let err = d.rejects(Review {
        date: "2026-03-01".parse().unwrap(),
        by: id("Sun"),
    });
    assert_eq!(
        err.kind,
        DeskErrorKind::NoRecords("2026-03-01".parse().unwrap())
    );
    let gaps = d.state.report(d.clock).record_gaps;
    assert_eq!(gaps.len(), 1);
    assert_eq!(
        (gaps[0].handover.as_str(), gaps[0].signed, gaps[0].reviewed),
        ("H2", false, true)
    );
    let text = d.state.report(d.clock).render(Lang::Zh);
    assert!(text.contains("H2 2026年3月2日 交班人未签名"), "{text}");
}

// ---- P5-2 privacy ----

#[test]
fn p5_2_an_outside_inquirer_gets_at_most_a_unit_number() {
    let mut d = Desk::new();
    assert_eq!(
        d.state.answer_outsider("王建国").unit(),
        Some(unit("3-1502"))
    );
    assert_eq!(
        d.state.answer_outsider(" 王 建国 ").unit(),
        Some(unit("3-1502"))
    );
    assert_eq!(d.state.answer_outsider("张三").unit(), None);
    // Two units with a resident of that name: the desk cannot say which
    // without telling more, so it says nothing.
    d.when(Resident {
        resident: id("O9"),
        unit: unit("9-0101"),
        role: ResidentRole::Owner,
        name: PersonName::new("王建国"),
        phone: None,
    });
    assert_eq!(d.state.answer_outsider("王建国").unit(), None);
    d.when(ResidentLeft { resident: id("O9") });
    assert_eq!(
        d.state.answer_outsider("王建国").unit(),
        Some(unit("3-1502"))
    );
    // The reply type holds a unit number and nothing else.
    assert_eq!(
        std::mem::size_of::<OutsiderReply>(),
        std::mem::size_of::<Option<UnitId>>()
    );
    let mut p = DeskPolicy::standard();
    p.outsider.value = OutsiderAnswer::Nothing;
    let strict = Desk::with(p);
    assert_eq!(strict.state.answer_outsider("王建国").unit(), None);
}

#[test]
fn p5_2_names_and_phones_are_masked_in_debug_errors_and_sentences() {
    let mut d = Desk::new();
    let text = format!("{:?} {:?}", d.state, d.state.resident(id("O1")));
    assert!(
        !text.contains("王建国") && !text.contains("12345678") && !text.contains("1234 5678"),
        "{text}"
    );
    assert!(
        text.contains("王**") && text.contains("138****5678"),
        "{text}"
    );
    let e = d.event(Resident {
        resident: id("O8"),
        unit: unit("8-0808"),
        role: ResidentRole::Tenant,
        name: PersonName::new("欧阳娜娜"),
        phone: Some(Phone::new("13900001111")),
    });
    let shown = format!("{e:?}");
    assert!(
        !shown.contains("欧阳娜娜") && !shown.contains("13900001111"),
        "{shown}"
    );
    for dec in d.state.apply(&e).unwrap() {
        for lang in [Lang::Zh, Lang::En] {
            let s = dec.explain(lang);
            assert!(!s.contains("欧阳") && !s.contains("1111"), "{s}");
        }
    }
    // Registering the same resident again: the error names the id only.
    let again = DeskEvent::new(
        d.next,
        d.clock.plus_seconds(60),
        Resident {
            resident: id("O8"),
            unit: unit("8-0808"),
            role: ResidentRole::Tenant,
            name: PersonName::new("欧阳娜娜"),
            phone: Some(Phone::new("13900001111")),
        },
    );
    let err = d.state.apply(&again).unwrap_err();
    let msg = format!("{err} {err:?}");
    assert!(
        msg.contains("O8") && !msg.contains("欧阳") && !msg.contains("1111"),
        "{msg}"
    );
    // A malformed line: the reader's message repeats no value from it.
    let line = r#"{"v":1,"id":9,"at":"2026-03-02T09:00:00","type":"desk_resident","resident":"O7","unit":"1-0101","role":"landlord","name":"欧阳娜娜","phone":"13900001111"}"#;
    let err = parse_line(line, 3).unwrap_err().to_string();
    assert!(err.contains("line 3") && err.contains("role"), "{err}");
    assert!(
        !err.contains("欧阳") && !err.contains("1111") && !err.contains("landlord"),
        "{err}"
    );
}

// ---- the fold's contract ----

#[test]
fn desk_identical_retry_is_a_no_op_and_a_conflicting_one_an_error() {
    let mut d = Desk::new();
    let e = d.event(Request::new(id("R1"), unit("3-1502"), RequestKind::Repair));
    assert_eq!(d.state.apply(&e).unwrap().len(), 1);
    let after = d.state.clone();
    assert_eq!(d.state.apply(&e).unwrap(), vec![]);
    assert_eq!(d.state, after);
    let mut other = e.clone();
    other.kind = Request::new(id("R1"), unit("5-0801"), RequestKind::Repair).into();
    let err = d.state.apply(&other).unwrap_err();
    assert_eq!(
        (err.field, err.kind),
        ("id", DeskErrorKind::ConflictingRetry)
    );
    let mut older = e.clone();
    older.id = anchang::EventId(2);
    let err = d.state.apply(&older).unwrap_err();
    assert!(matches!(err.kind, DeskErrorKind::IdNotIncreasing { .. }));
    let mut earlier = d.event(MailIn {
        mail: id("M1"),
        unit: unit("3-1502"),
        kind: MailKind::Letter,
    });
    earlier.at = at("2026-03-01T09:00:00");
    let err = d.state.apply(&earlier).unwrap_err();
    assert_eq!(err.field, "at");
    assert_eq!(d.state, after);
}

#[test]
fn desk_errors_are_typed_in_chinese_and_english_naming_event_and_field() {
    let mut d = Desk::new();
    let err = d.rejects(Done { request: id("R7") });
    assert_eq!(err.tag, "desk_done");
    assert_eq!(
        err.explain(Lang::Zh),
        format!("事件 #{}(desk_done,字段 request):无请求 R7 的记录", d.next)
    );
    assert_eq!(
        err.explain(Lang::En),
        format!(
            "event #{} (desk_done, field `request`): no request R7 was recorded",
            d.next
        )
    );
    let shown = err.to_string();
    assert!(
        shown.contains("no request R7") && shown.contains("无请求 R7"),
        "{shown}"
    );
}

#[test]
fn desk_tags_are_prefixed_and_never_read_as_engine_events() {
    assert!(DeskEventKind::TAGS.iter().all(|t| t.starts_with("desk_")));
    let line = r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"desk_request","request":"R1","unit":"3-1502","kind":"repair"}"#;
    assert!(anchang::jsonl::parse_line(line, 1).is_err());
    let engine = r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#;
    let err = parse_line(engine, 1).unwrap_err();
    assert!(err.to_string().contains("`type`"), "{err}");
}

#[test]
fn desk_jsonl_round_trips_the_shipped_day_line_by_line() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/desk_day.jsonl"
    ))
    .unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let e = parse_line(line, i + 1).unwrap_or_else(|err| panic!("{err}"));
        kinds.insert(e.kind.tag());
        assert_eq!(parse_line(&to_line(&e), 1).unwrap(), e);
    }
    // The day uses most kinds; the rest are covered by the scenarios above.
    assert!(kinds.len() >= 18, "{kinds:?}");
}

#[test]
fn desk_jsonl_errors_name_the_line_and_field() {
    let cases = [
        (
            r#"{"id":1,"at":"2026-03-02T09:00:00","type":"desk_done","request":"R1"}"#,
            "v",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02 9:00","type":"desk_done","request":"R1"}"#,
            "at",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"desk_done"}"#,
            "request",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"desk_done","request":"R 1"}"#,
            "request",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"desk_request","request":"R1","unit":"3-1502","kind":"wish"}"#,
            "kind",
        ),
        (
            r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"desk_nothing"}"#,
            "type",
        ),
    ];
    for (line, field) in cases {
        match parse_line(line, 4) {
            Err(anchang::desk::jsonl::DeskReadError::Malformed {
                line: 4, field: f, ..
            }) => assert_eq!(f, field, "{line}"),
            other => panic!("{line}: {other:?}"),
        }
    }
}

// ---- the shipped desk day (examples/data/desk_day.jsonl) ----

#[test]
fn desk_day_example_data_replays_to_the_decisions_the_day_promises() {
    let file = std::fs::File::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/desk_day.jsonl"
    ))
    .unwrap();
    let day = replay_reader(&DeskPolicy::standard(), std::io::BufReader::new(file))
        .unwrap_or_else(|e| panic!("{e}"));
    let by = |event: u64| -> Vec<&DeskWhat> {
        day.decisions
            .iter()
            .filter(|d| d.event.0 == event)
            .map(|d| &d.what)
            .collect()
    };
    assert!(matches!(by(8)[..], [DeskWhat::PassAdmitted { .. }]));
    assert!(matches!(
        by(9)[..],
        [DeskWhat::PassRefused {
            refusal: PassRefusal::Expired { .. },
            ..
        }]
    ));
    assert!(matches!(
        by(10)[..],
        [DeskWhat::PassRefused {
            refusal: PassRefusal::Unknown,
            ..
        }]
    ));
    assert!(matches!(
        by(12)[..],
        [DeskWhat::RequestForwarded {
            late: false,
            minutes: 3,
            ..
        }]
    ));
    assert!(matches!(
        by(14)[..],
        [DeskWhat::RequestForwarded {
            late: true,
            minutes: 28,
            ..
        }]
    ));
    assert!(matches!(
        by(19)[..],
        [DeskWhat::ReleaseRefused {
            refusal: ReleaseRefusal::NoConfirmation,
            ..
        }]
    ));
    assert!(matches!(by(20)[..], [DeskWhat::NotOwner { .. }]));
    assert!(matches!(by(22)[..], [DeskWhat::ReleaseGranted { .. }]));
    assert!(matches!(by(27)[..], [DeskWhat::MailRefused { .. }]));
    assert!(matches!(by(34)[..], [DeskWhat::HandoverRefused { .. }]));
    assert!(matches!(by(35)[..], [DeskWhat::HandoverBlocked { .. }]));
    assert!(matches!(by(38)[..], [DeskWhat::HandoverCompleted { .. }]));
    assert!(matches!(by(41)[..], [DeskWhat::ReleaseGranted { .. }]));
    assert!(matches!(
        by(48)[..],
        [DeskWhat::RecordsReviewed {
            records: 2,
            unsigned: 1,
            ..
        }]
    ));
    let report = day.state.report(at("2026-03-02T23:59:59"));
    let late: Vec<_> = report
        .late_forwards
        .iter()
        .map(|l| l.request.as_str())
        .collect();
    assert_eq!(late, vec!["R2"]);
    let open: Vec<_> = report
        .open_requests
        .iter()
        .map(|o| o.request.as_str())
        .collect();
    assert_eq!(open, vec!["R3"]);
    assert_eq!(report.uncollected_mail.len(), 1);
    assert!(report.pending_releases.is_empty());
    assert_eq!(report.record_gaps.len(), 1);
    assert!(!report.record_gaps[0].signed && report.record_gaps[0].reviewed);
    for d in &day.decisions {
        for lang in [Lang::Zh, Lang::En] {
            let s = d.explain(lang);
            assert!(!s.contains("王建国") && !s.contains("5678"), "{s}");
        }
    }
}

// ---- properties ----

fn cases() -> u32 {
    crate::properties::cases()
}

#[derive(Debug, Clone)]
enum Op {
    Request(u8),
    Close(u8),
    Bring(u8, u8),
    Confirm(u8, u8, bool),
    Release(u8),
    Open(u8),
    Read,
    Check(u8),
    Question(u8),
    Answer(u8),
    Refuse(u8),
    Resolve(u8),
    Complete,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4u8).prop_map(Op::Request),
        (0..4u8).prop_map(Op::Close),
        (0..4u8, 0..3u8).prop_map(|(r, u)| Op::Bring(r, u)),
        (0..4u8, 0..5u8, any::<bool>()).prop_map(|(r, w, a)| Op::Confirm(r, w, a)),
        (0..4u8).prop_map(Op::Release),
        (0..3u8).prop_map(Op::Open),
        Just(Op::Read),
        (0..6u8).prop_map(Op::Check),
        (0..6u8).prop_map(Op::Question),
        (0..6u8).prop_map(Op::Answer),
        (0..6u8).prop_map(Op::Refuse),
        (0..6u8).prop_map(Op::Resolve),
        Just(Op::Complete),
    ]
}

const UNITS: [&str; 3] = ["3-1502", "5-0801", "2-0303"];
const WHO: [&str; 5] = ["O1", "H1", "O2", "T1", "O3"];

/// The items an op names: the record's requests, releases and two notes.
fn pick(n: u8, d: &Desk) -> HandoverItem {
    match d.state.current_handover() {
        Some((_, h)) if !h.items.is_empty() => h.items[usize::from(n) % h.items.len()].0,
        _ => note(if n % 2 == 0 { "key" } else { "cctv" }),
    }
}

fn run(ops: &[Op]) -> (Desk, Vec<DeskDecision>) {
    let mut d = Desk::new();
    let mut all = Vec::new();
    let mut handover = 0;
    for op in ops {
        let current = d.state.current_handover().map(|(h, _)| h);
        let h = current.unwrap_or_else(|| id("H0"));
        let kind: DeskEventKind = match op {
            Op::Request(r) => Request::new(
                id(&format!("R{r}")),
                unit(UNITS[usize::from(*r) % 3]),
                RequestKind::Repair,
            )
            .into(),
            Op::Close(r) => {
                let fwd = d.event(Forward {
                    request: id(&format!("R{r}")),
                    department: None,
                });
                let _ = d.state.apply(&fwd);
                Done {
                    request: id(&format!("R{r}")),
                }
                .into()
            }
            Op::Bring(r, u) => ReleaseRequest {
                release: id(&format!("G{r}")),
                unit: unit(UNITS[usize::from(*u)]),
                kind: ReleaseKind::WorkerGoods,
                pass: None,
            }
            .into(),
            Op::Confirm(r, w, a) => OwnerConfirm {
                release: id(&format!("G{r}")),
                by: id(WHO[usize::from(*w)]),
                via: ConfirmVia::Phone,
                agrees: *a,
            }
            .into(),
            Op::Release(r) => Release {
                release: id(&format!("G{r}")),
            }
            .into(),
            Op::Open(n) => {
                handover += 1;
                Handover {
                    handover: id(&format!("H{handover}")),
                    outgoing: id("Liu"),
                    incoming: id("Chen"),
                    notes: (0..*n)
                        .map(|i| id(["key", "cctv", "cash"][usize::from(i)]))
                        .collect(),
                }
                .into()
            }
            Op::Read => HandoverRead { handover: h }.into(),
            Op::Check(n) => HandoverCheck {
                handover: h,
                item: pick(*n, &d),
            }
            .into(),
            Op::Question(n) => HandoverQuestion {
                handover: h,
                item: pick(*n, &d),
            }
            .into(),
            Op::Answer(n) => HandoverAnswer {
                handover: h,
                item: pick(*n, &d),
            }
            .into(),
            Op::Refuse(n) => HandoverRefuse {
                handover: h,
                item: pick(*n, &d),
            }
            .into(),
            Op::Resolve(n) => HandoverResolve {
                handover: h,
                item: pick(*n, &d),
                by: id("Zhou"),
            }
            .into(),
            Op::Complete => HandoverComplete { handover: h }.into(),
        };
        let e = d.event(kind);
        let before = d.state.clone();
        match d.state.apply(&e) {
            Ok(out) => {
                // Each completion, checked against the record as it stood.
                for x in &out {
                    if let DeskWhat::HandoverCompleted { handover, .. } = &x.what {
                        let rec = before.handover_record(*handover).unwrap();
                        assert!(rec.read, "completed unread");
                        assert!(
                            rec.items.iter().all(|(_, s)| *s == ItemState::Clear),
                            "completed with {:?}",
                            rec.items
                        );
                    }
                }
                all.extend(out);
            }
            Err(_) => assert_eq!(d.state, before, "a rejected event changed the state"),
        }
    }
    (d, all)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// P5-1: a handover completes only read, with every item clear: never
    /// with an item open, questioned or refused.
    #[test]
    fn handover_never_completes_with_an_item_unacknowledged(ops in proptest::collection::vec(op(), 1..60)) {
        let (d, all) = run(&ops);
        for x in &all {
            if let DeskWhat::HandoverCompleted { handover, .. } = &x.what {
                let rec = d.state.handover_record(*handover).unwrap();
                prop_assert!(rec.completed.is_some());
                prop_assert!(rec.open_items().is_empty());
            }
        }
    }

    /// P5-0: goods leave only on the latest word of an owner of their
    /// unit, and that word was yes.
    #[test]
    fn release_never_granted_without_a_confirmation(ops in proptest::collection::vec(op(), 1..60)) {
        let (_, all) = run(&ops);
        let mut word: std::collections::BTreeMap<ReleaseId, (ResidentId, bool)> = Default::default();
        let owners = [("O1", "3-1502"), ("O2", "5-0801"), ("O3", "2-0303")];
        for x in &all {
            match &x.what {
                DeskWhat::OwnerAnswered { release, unit: u, by, agrees, .. } => {
                    prop_assert!(owners.contains(&(by.as_str(), u.as_str())));
                    word.insert(*release, (*by, *agrees));
                }
                DeskWhat::ReleaseGranted { release, unit: u, confirmed_by, .. } => {
                    let w = word.get(release).copied();
                    prop_assert_eq!(w, Some((*confirmed_by, true)));
                    prop_assert!(owners.contains(&(confirmed_by.as_str(), u.as_str())));
                }
                _ => {}
            }
        }
    }
}

/// The README's desk block parses and shows every desk kind.
#[test]
fn readme_desk_block_shows_every_desk_kind() {
    let readme = include_str!("../README.md");
    let start = readme.find("## The property front desk (P5)").unwrap();
    let block = &readme[start..];
    let block = &block[block.find("```jsonl\n").unwrap() + 9..];
    let block = &block[..block.find("```").unwrap()];
    let mut tags = std::collections::BTreeSet::new();
    for (i, line) in block.lines().enumerate() {
        let e = parse_line(line, i + 1).unwrap_or_else(|err| panic!("{err}: {line}"));
        tags.insert(e.kind.tag());
    }
    let all: std::collections::BTreeSet<_> = DeskEventKind::TAGS.iter().copied().collect();
    assert_eq!(tags, all);
}
