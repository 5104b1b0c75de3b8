//! The desk's report at a moment passed in (no clock is read): late
//! forwards and open requests with their ages (P5-0), releases still
//! waiting for an owner, mail not collected, and handover records not
//! signed or not reviewed (P5-1).

use std::fmt::Write;

use super::event::{MailKind, ReleaseKind};
use super::render::{duration, mail_kind, release_kind};
use super::requests::minutes;
use super::{Department, DeskState, HandoverId, MailId, ReleaseId, RequestId, RequestKind};
use crate::decision::render::dated;
use crate::{Date, Lang, Timestamp, UnitId};

/// A request passed on later than the policy allows, or not yet passed on
/// and already past it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LateForward {
    /// The request.
    pub request: RequestId,
    /// Its unit.
    pub unit: UnitId,
    /// Its kind.
    pub kind: RequestKind,
    /// The department it went, or should go, to.
    pub department: Department,
    /// Minutes from taking it to passing it on (or to the report).
    pub minutes: u32,
    /// Whether it has been passed on at all.
    pub forwarded: bool,
}

/// A request not yet closed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenRequest {
    /// The request.
    pub request: RequestId,
    /// Its unit.
    pub unit: UnitId,
    /// Its kind.
    pub kind: RequestKind,
    /// The department it is with.
    pub department: Department,
    /// Passed on yet.
    pub forwarded: bool,
    /// Reported done (waiting for the resident's confirmation).
    pub done: bool,
    /// Its age in minutes.
    pub minutes: u32,
}

/// A release waiting for the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PendingRelease {
    /// The release.
    pub release: ReleaseId,
    /// Its unit.
    pub unit: UnitId,
    /// Goods or move-out.
    pub kind: ReleaseKind,
    /// Minutes since it was brought.
    pub minutes: u32,
}

/// Mail not collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaitingMail {
    /// The entry.
    pub mail: MailId,
    /// Its unit.
    pub unit: UnitId,
    /// Its kind.
    pub kind: MailKind,
    /// Minutes since it was logged.
    pub minutes: u32,
}

/// A handover record not signed or not reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordGap {
    /// The record.
    pub handover: HandoverId,
    /// The day it was written.
    pub date: Date,
    /// Signed by the outgoing.
    pub signed: bool,
    /// Reviewed by the manager.
    pub reviewed: bool,
}

/// The desk's report at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeskReport {
    /// The moment of the report.
    pub at: Timestamp,
    /// The policy's forwarding limit, in minutes.
    pub forward_within: u32,
    /// Requests taken on the report's day and passed on late, and any
    /// request not passed on and past the limit.
    pub late_forwards: Vec<LateForward>,
    /// Requests not closed, oldest first.
    pub open_requests: Vec<OpenRequest>,
    /// Releases waiting for the owner.
    pub pending_releases: Vec<PendingRelease>,
    /// Mail not collected.
    pub uncollected_mail: Vec<WaitingMail>,
    /// A handover under way.
    pub handover_under_way: Option<HandoverId>,
    /// Records not signed or not reviewed.
    pub record_gaps: Vec<RecordGap>,
}

impl DeskState {
    /// The department a request is with, with its names (its id for both
    /// when the policy no longer lists it).
    fn department_of(&self, r: &super::RequestRecord) -> Department {
        let id = r.department();
        self.policy
            .department(id)
            .cloned()
            .unwrap_or_else(|| Department::new(id, id.as_str(), id.as_str()))
    }

    /// The report at `at` (the caller's moment: the desk reads no clock).
    ///
    /// ```
    /// use anchang::desk::{DeskEvent, DeskPolicy, DeskState, Request, RequestKind};
    ///
    /// let mut desk = DeskState::new(DeskPolicy::standard());
    /// let t = |s: &str| s.parse().unwrap();
    /// let r = Request::new("R1".parse().unwrap(), "3-1502".parse().unwrap(), RequestKind::Repair);
    /// desk.apply(&DeskEvent::new(1, t("2026-03-02T09:00:00"), r)).unwrap();
    /// let report = desk.report(t("2026-03-02T09:30:00"));
    /// assert_eq!(report.late_forwards[0].minutes, 30);
    /// assert_eq!(report.open_requests[0].minutes, 30);
    /// ```
    pub fn report(&self, at: Timestamp) -> DeskReport {
        let within = self.policy.forward_within_minutes.value;
        let limit = i64::from(within) * 60;
        let mut late_forwards = Vec::new();
        for (id, r) in &self.requests.all {
            let (late, took, forwarded) = match r.forwarded {
                Some((f, _)) => (
                    r.taken.date() == at.date() && f.seconds_since(r.taken) > limit,
                    minutes(r.taken, f),
                    true,
                ),
                None => (
                    r.closed.is_none() && at.seconds_since(r.taken) > limit,
                    minutes(r.taken, at),
                    false,
                ),
            };
            if late {
                late_forwards.push(LateForward {
                    request: *id,
                    unit: r.unit,
                    kind: r.kind,
                    department: self.department_of(r),
                    minutes: took,
                    forwarded,
                });
            }
        }
        let mut open_requests: Vec<OpenRequest> = self
            .open_requests()
            .map(|(id, r)| OpenRequest {
                request: id,
                unit: r.unit,
                kind: r.kind,
                department: self.department_of(r),
                forwarded: r.forwarded.is_some(),
                done: r.done.is_some(),
                minutes: minutes(r.taken, at),
            })
            .collect();
        open_requests.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.request.cmp(&b.request)));
        let pending_releases = self
            .pending_releases()
            .map(|(id, r)| PendingRelease {
                release: id,
                unit: r.unit,
                kind: r.kind,
                minutes: minutes(r.brought, at),
            })
            .collect();
        let uncollected_mail = self
            .uncollected_mail()
            .map(|(id, m)| WaitingMail {
                mail: id,
                unit: m.unit,
                kind: m.kind,
                minutes: minutes(m.logged, at),
            })
            .collect();
        let record_gaps = self
            .handovers
            .by_date
            .iter()
            .flat_map(|(date, ids)| ids.iter().map(move |id| (*date, *id)))
            .filter_map(|(date, id)| {
                let h = self.handovers.all.get(&id)?;
                let gap = RecordGap {
                    handover: id,
                    date,
                    signed: h.signed.is_some(),
                    reviewed: h.reviewed.is_some(),
                };
                (!gap.signed || !gap.reviewed).then_some(gap)
            })
            .collect();
        DeskReport {
            at,
            forward_within: within,
            late_forwards,
            open_requests,
            pending_releases,
            uncollected_mail,
            handover_under_way: self.current_handover().map(|(id, _)| id),
            record_gaps,
        }
    }
}

impl DeskReport {
    /// The report as text, a heading and a line per entry, citing P5-0 and
    /// P5-1.
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut s = String::new();
        let none = if zh { "  无\n" } else { "  none\n" };
        let _ = writeln!(
            s,
            "{}",
            // The moment as people write it, with its year: a report is
            // filed and read later (2026年3月2日 18:00, 2 March 2026 18:00).
            {
                let (h, mi, _) = self.at.hms();
                let d = dated(self.at.date(), lang);
                if zh {
                    format!("前台报表({d} {h:02}:{mi:02})")
                } else {
                    format!("Front desk report, {d} {h:02}:{mi:02}")
                }
            }
        );
        let _ = writeln!(
            s,
            "{}",
            if zh {
                format!("[P5-0] 未在{}分钟内转达的请求:", self.forward_within)
            } else {
                format!(
                    "[P5-0] requests not passed on within {} min:",
                    self.forward_within
                )
            }
        );
        if self.late_forwards.is_empty() {
            s.push_str(none);
        }
        for l in &self.late_forwards {
            let took = duration(l.minutes, lang);
            let _ = match (zh, l.forwarded) {
                (true, true) => writeln!(
                    s,
                    "  {} {} {}:用时{took}才转达{}",
                    l.request,
                    l.unit,
                    l.kind.name(lang),
                    l.department.name(lang)
                ),
                (true, false) => writeln!(
                    s,
                    "  {} {} {}:已过{took}仍未转达{}",
                    l.request,
                    l.unit,
                    l.kind.name(lang),
                    l.department.name(lang)
                ),
                (false, true) => writeln!(
                    s,
                    "  {} {} {}: passed on to {} after {took}",
                    l.request,
                    l.unit,
                    l.kind.name(lang),
                    l.department.name(lang)
                ),
                (false, false) => writeln!(
                    s,
                    "  {} {} {}: not passed on to {} after {took}",
                    l.request,
                    l.unit,
                    l.kind.name(lang),
                    l.department.name(lang)
                ),
            };
        }
        let _ = writeln!(
            s,
            "{}",
            if zh {
                "[P5-0] 未结单的请求(受理至今):"
            } else {
                "[P5-0] open requests (age):"
            }
        );
        if self.open_requests.is_empty() {
            s.push_str(none);
        }
        for r in &self.open_requests {
            let status = match (zh, r.forwarded, r.done) {
                (true, false, _) => "未转达",
                (true, true, false) => "处理中",
                (true, true, true) => "待回访确认",
                (false, false, _) => "not passed on",
                (false, true, false) => "with the department",
                (false, true, true) => "waiting for the resident",
            };
            let _ = writeln!(
                s,
                "  {} {} {} {} {status} {}",
                r.request,
                r.unit,
                r.kind.name(lang),
                r.department.name(lang),
                duration(r.minutes, lang)
            );
        }
        let _ = writeln!(
            s,
            "{}",
            if zh {
                "[P5-0] 待业主确认的放行:"
            } else {
                "[P5-0] releases waiting for the owner:"
            }
        );
        if self.pending_releases.is_empty() {
            s.push_str(none);
        }
        for r in &self.pending_releases {
            let _ = writeln!(
                s,
                "  {} {} {} {}",
                r.release,
                r.unit,
                release_kind(r.kind, lang),
                duration(r.minutes, lang)
            );
        }
        let _ = writeln!(
            s,
            "{}",
            if zh {
                "[P5-0] 待领取的邮件:"
            } else {
                "[P5-0] mail not collected:"
            }
        );
        if self.uncollected_mail.is_empty() {
            s.push_str(none);
        }
        for m in &self.uncollected_mail {
            let _ = writeln!(
                s,
                "  {} {} {} {}",
                m.mail,
                m.unit,
                mail_kind(m.kind, lang),
                duration(m.minutes, lang)
            );
        }
        let _ = writeln!(
            s,
            "{}",
            if zh {
                "[P5-1] 交接班记录:"
            } else {
                "[P5-1] handover records:"
            }
        );
        if let Some(h) = self.handover_under_way {
            let _ = writeln!(
                s,
                "  {}",
                if zh {
                    format!("{h} 交接尚未结束")
                } else {
                    format!("{h} is still under way")
                }
            );
        }
        if self.record_gaps.is_empty() && self.handover_under_way.is_none() {
            s.push_str(if zh {
                "  均已签名、审阅\n"
            } else {
                "  all signed and reviewed\n"
            });
        }
        for g in &self.record_gaps {
            let mut what = Vec::new();
            if !g.signed {
                what.push(if zh {
                    "交班人未签名"
                } else {
                    "not signed by the outgoing"
                });
            }
            if !g.reviewed {
                what.push(if zh {
                    "经理未审阅"
                } else {
                    "not reviewed by the manager"
                });
            }
            let _ = writeln!(
                s,
                "  {} {} {}",
                g.handover,
                dated(g.date, lang),
                what.join(if zh { "、" } else { ", " })
            );
        }
        s
    }
}
