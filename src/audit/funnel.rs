//! The visit funnel (P4-1 to P4-6): how far each visit went, by agent and
//! by lead source, and what the stages' own rules find (P4-2, P4-3, P4-4,
//! P4-6).

use std::collections::{BTreeMap, BTreeSet};

use super::{Finding, FindingKind};
use crate::event::{Event, EventKind, LeadSource, LostReason, VisitStage};
use crate::{AgentId, ClientId, Date, EventId, Timestamp, VisitorId};

/// The sand-table talk's limit (P4-3), in seconds.
const SAND_TABLE_SECONDS: i64 = 5 * 60;

/// One line of the funnel: visits, how many reached each stage, deposits,
/// reasons lost, appointments set and kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FunnelLine {
    /// Visits with at least one stage recorded.
    pub visits: u32,
    /// Visits reaching each stage, in [`VisitStage::ALL`] order.
    pub reached: [u32; 5],
    /// Visits ended with a deposit.
    pub deposits: u32,
    /// Visits ended without one, by reason (`None`: no reason recorded).
    pub lost: BTreeMap<String, u32>,
    /// Next appointments set.
    pub appointments: u32,
    /// Of those, kept: the client came on the day.
    pub kept: u32,
}

impl FunnelLine {
    /// Deposits per visit, in basis points (10,000 = every visit).
    pub fn conversion_bp(&self) -> u32 {
        (u64::from(self.deposits) * 10_000)
            .checked_div(u64::from(self.visits))
            .map_or(0, |v| v as u32)
    }
}

/// The funnel report: by agent and by lead source (`unknown` when none was
/// recorded at welcome).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Funnel {
    /// By agent.
    pub by_agent: BTreeMap<AgentId, FunnelLine>,
    /// By lead source.
    pub by_source: BTreeMap<String, FunnelLine>,
}

#[derive(Debug, Clone, Default)]
struct Visit {
    agent: Option<AgentId>,
    source: Option<LeadSource>,
    reached: BTreeSet<VisitStage>,
    sand_table: Option<(Timestamp, EventId)>,
    deposit: bool,
    lost: Option<Option<LostReason>>,
    appointment: Option<Date>,
    kept: bool,
    day: Option<Date>,
}

/// Folds the log's visit events.
#[derive(Debug, Default)]
pub(crate) struct FunnelTracker {
    visits: BTreeMap<VisitorId, Visit>,
    client_of: BTreeMap<VisitorId, ClientId>,
    appointments: BTreeMap<ClientId, Vec<(Date, VisitorId)>>,
}

fn source_name(s: Option<LeadSource>) -> String {
    let name = match s {
        None => "unknown",
        Some(LeadSource::Print) => "print",
        Some(LeadSource::Outdoor) => "outdoor",
        Some(LeadSource::Online) => "online",
        Some(LeadSource::Broadcast) => "broadcast",
        Some(LeadSource::Referral) => "referral",
        Some(LeadSource::PassingBy) => "passing_by",
        Some(LeadSource::Expo) => "expo",
        Some(_) => "other",
    };
    name.to_owned()
}

fn reason_name(r: Option<LostReason>) -> String {
    let name = match r {
        None => "none",
        Some(LostReason::Price) => "price",
        Some(LostReason::Layout) => "layout",
        Some(LostReason::Location) => "location",
        Some(LostReason::Comparing) => "comparing",
        Some(LostReason::Consulting) => "consulting",
        Some(LostReason::Financing) => "financing",
        Some(_) => "other",
    };
    name.to_owned()
}

impl FunnelTracker {
    /// Reads one applied event; findings go to `out`.
    pub fn observe(&mut self, e: &Event, out: &mut Vec<Finding>) {
        let finding = |kind: FindingKind| Finding {
            at: Some(e.at),
            event: e.id,
            rules: kind.rules(),
            kind,
        };
        match &e.kind {
            EventKind::Stage(s) => {
                let v = self.visits.entry(s.visitor).or_default();
                v.agent = Some(s.agent);
                v.day = Some(e.at.date());
                self.close_sand_table(s.visitor, e.at, out);
                let v = self.visits.entry(s.visitor).or_default();
                v.reached.insert(s.stage);
                match s.stage {
                    VisitStage::Welcome => {
                        v.source = s.source.or(v.source);
                        if s.source.is_none() {
                            out.push(finding(FindingKind::NoLeadSource {
                                agent: s.agent,
                                visitor: s.visitor,
                            }));
                        }
                    }
                    VisitStage::SandTable => v.sand_table = Some((e.at, e.id)),
                    _ => {}
                }
            }
            EventKind::VisitEnd(end) => {
                self.close_sand_table(end.visitor, e.at, out);
                let v = self.visits.entry(end.visitor).or_default();
                v.agent = Some(end.agent);
                if end.deposit {
                    v.deposit = true;
                } else {
                    v.lost = Some(end.reason);
                    v.appointment = end.next_appointment;
                    if end.reason.is_none() || end.next_appointment.is_none() {
                        out.push(finding(FindingKind::NoReasonOrAppointment {
                            agent: end.agent,
                            visitor: end.visitor,
                            no_reason: end.reason.is_none(),
                            no_appointment: end.next_appointment.is_none(),
                        }));
                    }
                }
                let reached_talk = v.reached.contains(&VisitStage::FirstTalk);
                if reached_talk && !self.client_of.contains_key(&end.visitor) {
                    out.push(finding(FindingKind::NotRegisteredAtFirstTalk {
                        agent: end.agent,
                        visitor: end.visitor,
                    }));
                }
                if let (Some(day), Some(c)) =
                    (end.next_appointment, self.client_of.get(&end.visitor))
                {
                    self.appointments
                        .entry(*c)
                        .or_default()
                        .push((day, end.visitor));
                }
            }
            // A deposit taken from the visit's client that day ends the
            // funnel with one, whether or not a `visit_end` says so (P4-1).
            EventKind::Deposit(d) => {
                let today = e.at.date();
                for (visitor, c) in &self.client_of {
                    if *c != d.client {
                        continue;
                    }
                    if let Some(v) = self
                        .visits
                        .get_mut(visitor)
                        .filter(|v| v.day == Some(today))
                    {
                        v.deposit = true;
                    }
                }
            }
            EventKind::Register(r) => {
                if let Some(v) = r.visitor {
                    self.client_of.insert(v, r.client);
                }
            }
            EventKind::Arrive(a) => {
                let Some(c) = a.client else { return };
                self.client_of.insert(a.visitor, c);
                let today = e.at.date();
                if let Some(list) = self.appointments.get(&c) {
                    for (day, visitor) in list {
                        if *day == today {
                            if let Some(v) = self.visits.get_mut(visitor) {
                                v.kept = true;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The sand-table talk of `visitor`, if one is under way, ends at `at`
    /// (the next stage or the visit's end): over 5 minutes is a finding.
    fn close_sand_table(&mut self, visitor: VisitorId, at: Timestamp, out: &mut Vec<Finding>) {
        let Some(v) = self.visits.get_mut(&visitor) else {
            return;
        };
        let Some((since, event)) = v.sand_table.take() else {
            return;
        };
        let secs = at.seconds_since(since);
        if let Some(agent) = v.agent.filter(|_| secs > SAND_TABLE_SECONDS) {
            let kind = FindingKind::SandTableOverrun {
                agent,
                visitor,
                minutes: u32::try_from(secs / 60).unwrap_or(u32::MAX),
                seconds: u32::try_from(secs % 60).unwrap_or(0),
            };
            out.push(Finding {
                at: Some(since),
                event,
                rules: kind.rules(),
                kind,
            });
        }
    }

    pub fn finish(self) -> Funnel {
        let mut report = Funnel::default();
        for v in self.visits.values() {
            let Some(agent) = v.agent else { continue };
            add(report.by_agent.entry(agent).or_default(), v);
            add(
                report.by_source.entry(source_name(v.source)).or_default(),
                v,
            );
        }
        report
    }
}

fn add(line: &mut FunnelLine, v: &Visit) {
    line.visits += 1;
    for (i, s) in VisitStage::ALL.iter().enumerate() {
        if v.reached.contains(s) {
            line.reached[i] += 1;
        }
    }
    if v.deposit {
        line.deposits += 1;
    }
    if let Some(r) = v.lost {
        *line.lost.entry(reason_name(r)).or_default() += 1;
    }
    if v.appointment.is_some() {
        line.appointments += 1;
        if v.kept {
            line.kept += 1;
        }
    }
}
