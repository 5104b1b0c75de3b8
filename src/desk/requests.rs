//! Requests (P5-0 1]): recorded, routed to the department concerned,
//! forwarded at once, closed when the department reports done (or, under
//! the policy's other cell, when the resident confirms).

use std::collections::{BTreeMap, BTreeSet};

use super::event::{Done, Forward, Request, Satisfied};
use super::{
    Closing, DepartmentId, DeskErrorKind as K, DeskState, DeskWhat, Out, Reject, RequestId,
    RequestKind, ResidentId, TopicId,
};
use crate::{Timestamp, UnitId};

/// A request as the desk recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestRecord {
    /// Its unit.
    pub unit: UnitId,
    /// Its kind.
    pub kind: RequestKind,
    /// Its topic.
    pub topic: Option<TopicId>,
    /// Who made it.
    pub from: Option<ResidentId>,
    /// When it was taken.
    pub taken: Timestamp,
    /// The department the policy routed it to.
    pub routed: DepartmentId,
    /// When and to whom it was passed on.
    pub forwarded: Option<(Timestamp, DepartmentId)>,
    /// When the department reported it done.
    pub done: Option<Timestamp>,
    /// When it closed.
    pub closed: Option<Timestamp>,
}

impl RequestRecord {
    /// The department it is with: where it went, else where it should go.
    pub fn department(&self) -> DepartmentId {
        self.forwarded.map_or(self.routed, |(_, d)| d)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Requests {
    pub(super) all: BTreeMap<RequestId, RequestRecord>,
    /// Not yet closed.
    pub(super) open: BTreeSet<RequestId>,
}

pub(super) fn minutes(from: Timestamp, to: Timestamp) -> u32 {
    u32::try_from(to.seconds_since(from).max(0) / 60).unwrap_or(u32::MAX)
}

impl DeskState {
    pub(super) fn take_request(&mut self, e: &Request, out: &mut Out) -> Result<(), Reject> {
        if self.requests.all.contains_key(&e.request) {
            return Err(K::RequestExists(e.request).into());
        }
        if let Some(from) = e.from.filter(|r| self.residents.get(*r).is_none()) {
            return Err(Reject::at(K::UnknownResident(from), "from"));
        }
        let Some(department) = self.policy.route(e.kind, e.topic).cloned() else {
            // A validated policy routes every kind (DeskPolicy::validate).
            return Err(K::Unrouted(e.kind).into());
        };
        self.requests.all.insert(
            e.request,
            RequestRecord {
                unit: e.unit,
                kind: e.kind,
                topic: e.topic,
                from: e.from,
                taken: out.at,
                routed: department.id,
                forwarded: None,
                done: None,
                closed: None,
            },
        );
        self.requests.open.insert(e.request);
        self.work.requests += 1;
        let rules = self.policy.routes.rules.with(crate::Rule::P5_0);
        out.push(
            rules,
            DeskWhat::RequestRouted {
                request: e.request,
                unit: e.unit,
                kind: e.kind,
                department,
                within: self.policy.forward_within_minutes.value,
            },
        );
        Ok(())
    }

    fn open_request(&self, id: RequestId) -> Result<&RequestRecord, Reject> {
        let r = self.requests.all.get(&id).ok_or(K::UnknownRequest(id))?;
        if r.closed.is_some() {
            return Err(K::RequestClosed(id).into());
        }
        Ok(r)
    }

    pub(super) fn forward(&mut self, e: &Forward, out: &mut Out) -> Result<(), Reject> {
        let r = self.open_request(e.request)?;
        if r.forwarded.is_some() {
            return Err(K::AlreadyForwarded(e.request).into());
        }
        let target = e.department.unwrap_or(r.routed);
        let Some(department) = self.policy.department(target).cloned() else {
            return Err(K::UnknownDepartment(target).into());
        };
        let within = self.policy.forward_within_minutes.value;
        let late = out.at.seconds_since(r.taken) > i64::from(within) * 60;
        let taken_min = minutes(r.taken, out.at);
        let rerouted = target != r.routed;
        if let Some(r) = self.requests.all.get_mut(&e.request) {
            r.forwarded = Some((out.at, target));
        }
        out.push(
            self.policy
                .forward_within_minutes
                .rules
                .with(crate::Rule::P5_0),
            DeskWhat::RequestForwarded {
                request: e.request,
                department,
                minutes: taken_min,
                late,
                rerouted,
            },
        );
        Ok(())
    }

    pub(super) fn report_done(&mut self, e: &Done, out: &mut Out) -> Result<(), Reject> {
        let r = self.open_request(e.request)?;
        let Some((_, target)) = r.forwarded else {
            return Err(K::NotForwarded(e.request).into());
        };
        if r.done.is_some() {
            return Err(K::AlreadyDone(e.request).into());
        }
        let department =
            self.policy.department(target).cloned().unwrap_or_else(|| {
                super::Department::new(target, target.as_str(), target.as_str())
            });
        let closed = self.policy.closing.value == Closing::DepartmentDone;
        let took = minutes(r.taken, out.at);
        if let Some(r) = self.requests.all.get_mut(&e.request) {
            r.done = Some(out.at);
            if closed {
                r.closed = Some(out.at);
            }
        }
        if closed {
            self.requests.open.remove(&e.request);
            self.work.closed += 1;
        }
        out.push(
            self.policy.closing.rules.with(crate::Rule::P5_0),
            DeskWhat::RequestDone {
                request: e.request,
                department,
                closed,
                minutes: took,
            },
        );
        Ok(())
    }

    pub(super) fn satisfied(&mut self, e: &Satisfied, out: &mut Out) -> Result<(), Reject> {
        let r = self.open_request(e.request)?;
        if r.done.is_none() {
            return Err(K::NotDone(e.request).into());
        }
        let took = minutes(r.taken, out.at);
        if let Some(r) = self.requests.all.get_mut(&e.request) {
            r.closed = Some(out.at);
        }
        self.requests.open.remove(&e.request);
        self.work.closed += 1;
        out.push(
            self.policy.closing.rules.with(crate::Rule::P5_0),
            DeskWhat::RequestClosed {
                request: e.request,
                minutes: took,
            },
        );
        Ok(())
    }

    /// A request as recorded.
    pub fn request(&self, id: RequestId) -> Option<&RequestRecord> {
        self.requests.all.get(&id)
    }

    /// The requests not yet closed, by id.
    pub fn open_requests(&self) -> impl Iterator<Item = (RequestId, &RequestRecord)> {
        self.requests
            .open
            .iter()
            .filter_map(|id| self.requests.all.get(id).map(|r| (*id, r)))
    }
}
