//! The audit's fold: each event is looked at against the state just
//! before it (what the policy prescribed), then applied (what did happen),
//! its decisions read for the fairness report and the findings.

use std::collections::{BTreeMap, BTreeSet};

use super::fairness::FairnessTracker;
use super::funnel::FunnelTracker;
use super::{Audit, Finding, FindingKind, OVERDUE_WARNING_DAYS};
use crate::decision::{Via, What};
use crate::event::{Channel, Event, EventKind, Receive};
use crate::queue::{Status, Visit};
use crate::registry::Holder;
use crate::{AgentId, ClientId, EventId, Policy, State, Timestamp, VisitorId};

pub(crate) enum Fed {
    Applied,
    Duplicate,
    Refused,
}

/// A reception of a new client that needs a registration record.
struct Pending {
    agent: AgentId,
    visitor: VisitorId,
    channel: Channel,
    at: Timestamp,
    event: EventId,
}

pub(crate) struct Auditor {
    state: State,
    findings: Vec<Finding>,
    fairness: FairnessTracker,
    funnel: FunnelTracker,
    consents: BTreeSet<(ClientId, AgentId)>,
    /// Visitors whose registered client had lapsed, by its former agent.
    lapsed: BTreeMap<VisitorId, AgentId>,
    pending: Vec<Pending>,
    registered: BTreeMap<VisitorId, ClientId>,
    confirmed_calls: BTreeSet<ClientId>,
    keeps_registrations: bool,
    events: usize,
    refused: usize,
    decisions: Vec<crate::Decision>,
}

/// What the state just before a `receive` says of it.
struct Before {
    prescribed: Option<AgentId>,
    visit: Option<Visit>,
    with: Option<VisitorId>,
    on_shift: bool,
}

impl Auditor {
    pub fn new(policy: &Policy) -> Auditor {
        Auditor::from_state(State::new(policy.clone()))
    }

    /// An audit of what follows `state`: agents already on the floor are
    /// on the floor from the state's last event.
    pub fn from_state(state: State) -> Auditor {
        let mut fairness = FairnessTracker::default();
        if let Some(at) = state.clock() {
            for v in state.board().agents() {
                fairness.on_floor(v.agent, &v.status, at);
            }
        }
        Auditor {
            state,
            findings: Vec::new(),
            fairness,
            funnel: FunnelTracker::default(),
            consents: BTreeSet::new(),
            lapsed: BTreeMap::new(),
            pending: Vec::new(),
            registered: BTreeMap::new(),
            confirmed_calls: BTreeSet::new(),
            keeps_registrations: false,
            events: 0,
            refused: 0,
            decisions: Vec::new(),
        }
    }

    fn push(&mut self, e: &Event, kind: FindingKind) {
        let rules = kind.rules();
        self.push_citing(e, kind, rules);
    }

    /// A finding whose rules are the policy's cell's, not the kind's default.
    fn push_citing(&mut self, e: &Event, kind: FindingKind, rules: crate::Rules) {
        self.findings.push(Finding {
            at: Some(e.at),
            event: e.id,
            rules,
            kind,
        });
    }

    pub fn refuse(&mut self, code: &'static str, line: Option<usize>, event: Option<EventId>) {
        self.events += 1;
        self.refused += 1;
        let kind = FindingKind::Refused { code, line };
        let at = self.state.clock();
        self.findings.push(Finding {
            at,
            event: event.unwrap_or(EventId(0)),
            rules: kind.rules(),
            kind,
        });
    }

    fn before_receive(&self, r: &Receive) -> Before {
        let board = self.state.board();
        let mut b = Before {
            prescribed: None,
            visit: board
                .waiting()
                .iter()
                .find(|w| w.visit.visitor == r.visitor)
                .map(|w| w.visit),
            with: None,
            on_shift: true,
        };
        for v in board.agents() {
            if let Status::Busy { visitor, .. } = v.status {
                if visitor == r.visitor {
                    b.prescribed = Some(v.agent);
                    b.visit = board.reception(v.agent).map(|x| x.visit);
                }
                if v.agent == r.agent && visitor != r.visitor {
                    b.with = Some(visitor);
                }
            }
            if v.agent == r.agent {
                b.on_shift = v.on_shift;
            }
        }
        b
    }

    fn check_receive(&mut self, e: &Event, r: &Receive, b: &Before, forfeited: bool) {
        let x = r.agent;
        if b.prescribed == Some(x) {
            return;
        }
        let visit = b.visit;
        let owner = visit.and_then(|v| v.owner);
        let client = visit.and_then(|v| v.client);
        let consented = client.is_some_and(|c| self.consents.contains(&(c, x)));
        let visitor = r.visitor;
        if let Some(owner) = owner.filter(|o| *o != x && !consented) {
            self.push(
                e,
                FindingKind::OthersClient {
                    agent: x,
                    owner,
                    visitor,
                },
            );
        } else if self.lapsed.get(&visitor) == Some(&x) {
            let prescribed = b.prescribed;
            let rules = self.state.policy().lapse.rules;
            self.push_citing(
                e,
                FindingKind::LapsedAsOwned {
                    agent: x,
                    prescribed,
                    visitor,
                },
                rules,
            );
        } else if !b.on_shift && owner.is_none() {
            self.push(e, FindingKind::OffShift { agent: x, visitor });
        } else if let Some(prescribed) = b.prescribed.filter(|_| owner.is_none()) {
            self.push(
                e,
                FindingKind::OutOfTurn {
                    agent: x,
                    prescribed,
                    visitor,
                    forfeited,
                },
            );
        }
        if let Some(with) = b.with {
            self.push(
                e,
                FindingKind::WhileBusy {
                    agent: x,
                    visitor,
                    with,
                },
            );
        }
    }

    /// A visitor whose registered client's protection lapsed: its former
    /// agent taking it as its own is a finding (P2-2.13).
    fn note_lapsed(&mut self, e: &Event) {
        let EventKind::Arrive(a) = &e.kind else {
            return;
        };
        let registry = self.state.registry();
        let Some(c) = a.client.filter(|c| registry.knows(*c)) else {
            return;
        };
        if registry.owner_of(c, e.at).is_some() {
            return;
        }
        if let Some(Holder::Agent { agent }) = registry.holder(c) {
            self.lapsed.insert(a.visitor, agent);
        }
    }

    /// Before a sign-in: an agent joining the rotation with clients about
    /// to lapse (P2-2.13).
    fn check_overdue(&mut self, e: &Event) {
        let EventKind::SignIn(s) = &e.kind else {
            return;
        };
        let list = self
            .state
            .registry()
            .reminders(e.at.date(), OVERDUE_WARNING_DAYS);
        if let Some(r) = list.into_iter().find(|r| r.agent == s.agent) {
            let first_lapse = r.clients.iter().map(|c| c.lapses_on).min();
            if let Some(first_lapse) = first_lapse {
                let clients = r.clients.len() as u32;
                let policy = self.state.policy();
                let rules = policy.lapse.rules;
                let renewable = policy.contact_restarts(&policy.lapse).value;
                self.push_citing(
                    e,
                    FindingKind::FollowUpsOverdue {
                        agent: s.agent,
                        clients,
                        first_lapse,
                        renewable,
                    },
                    rules,
                );
            }
        }
    }

    pub fn feed(&mut self, e: &Event, line: Option<usize>) -> Fed {
        self.events += 1;
        let retry = self.state.last_event().is_some_and(|l| e.id <= l);
        let before = match &e.kind {
            EventKind::Receive(r) if !retry => Some(self.before_receive(r)),
            _ => None,
        };
        if !retry {
            self.note_lapsed(e);
            self.check_overdue(e);
        }
        self.decisions.clear();
        let mut decisions = std::mem::take(&mut self.decisions);
        let applied = self.state.apply_into(e, &mut decisions);
        let fed = match applied {
            Err(err) => {
                self.events -= 1;
                self.refuse(err.code(), line, Some(e.id));
                Fed::Refused
            }
            Ok(()) if retry => Fed::Duplicate,
            Ok(()) => {
                if let (EventKind::Receive(r), Some(b)) = (&e.kind, &before) {
                    // The turn is forfeited only where the engine says so.
                    let forfeited = decisions.iter().any(|d| {
                        matches!(&d.what, What::Recorded { visitor, forfeited: true, .. }
                            if *visitor == r.visitor)
                    });
                    self.check_receive(e, r, b, forfeited);
                }
                self.observe_event(e);
                for d in &decisions {
                    self.observe_decision(e, d);
                }
                Fed::Applied
            }
        };
        self.decisions = decisions;
        fed
    }

    fn observe_event(&mut self, e: &Event) {
        match &e.kind {
            EventKind::Consent(c) => {
                self.consents.insert((c.client, c.receiver));
            }
            EventKind::Register(r) => {
                self.keeps_registrations = true;
                if let Some(v) = r.visitor {
                    self.registered.insert(v, r.client);
                }
            }
            EventKind::ConfirmCall(c) => {
                self.confirmed_calls.insert(c.client);
            }
            _ => {}
        }
        let mut out = Vec::new();
        self.funnel.observe(e, &mut out);
        self.findings.extend(out);
    }

    fn observe_decision(&mut self, e: &Event, d: &crate::Decision) {
        let board = self.state.board();
        let counted_of = |a: AgentId| board.reception(a).map(|b| b.counted);
        self.fairness.observe(d, counted_of);
        match &d.what {
            What::Received(r)
                if r.counted
                    && r.client.is_none()
                    && !matches!(r.via, Via::Owner | Via::StandIn { .. }) =>
            {
                self.pending.push(Pending {
                    agent: r.agent,
                    visitor: r.visitor,
                    channel: r.channel,
                    at: d.at,
                    event: e.id,
                });
            }
            What::Recorded { visitor, agent, .. } => {
                if let Some(p) = self.pending.iter_mut().find(|p| p.visitor == *visitor) {
                    p.agent = *agent;
                } else if let Some(b) = board
                    .reception(*agent)
                    .filter(|b| b.counted && b.visit.owner.is_none() && b.visit.client.is_none())
                {
                    let channel = b.visit.channel;
                    self.pending.push(Pending {
                        agent: *agent,
                        visitor: *visitor,
                        channel,
                        at: d.at,
                        event: e.id,
                    });
                }
            }
            What::Declined { visitor, .. } => self.pending.retain(|p| p.visitor != *visitor),
            What::MakeUpLapsed { agent, placement } => {
                let kind = FindingKind::MakeUpNeverGiven {
                    agent: *agent,
                    placement: *placement,
                    still_owed: false,
                };
                let rules = if d.rules.as_slice().is_empty() {
                    kind.rules()
                } else {
                    d.rules
                };
                self.findings.push(Finding {
                    at: Some(d.at),
                    event: e.id,
                    rules,
                    kind,
                });
            }
            _ => {}
        }
    }

    pub fn finish(mut self) -> Audit {
        // Make-ups still owed when the log ends were never given either.
        let end = self.state.clock();
        let last = self.state.last_event().unwrap_or(EventId(0));
        if let Some(at) = end {
            for m in self.state.board().makeups() {
                let kind = FindingKind::MakeUpNeverGiven {
                    agent: m.agent,
                    placement: m.placement,
                    still_owed: true,
                };
                self.findings.push(Finding {
                    at: Some(at),
                    event: last,
                    rules: m.rules,
                    kind,
                });
            }
        }
        // Registrations are checked only where the log keeps them: a log
        // with no `register` at all is a floor board's, not a visitor log.
        if self.keeps_registrations {
            // A call needs the manager's confirmation only where the
            // policy says so (P2-3.5; not P1, P3).
            let needs_confirmation = self.state.policy().call_needs_confirmation.value;
            for p in std::mem::take(&mut self.pending) {
                let client = self.registered.get(&p.visitor);
                let void = match (client, p.channel) {
                    (None, _) => true,
                    (Some(c), Channel::Call) => {
                        needs_confirmation && !self.confirmed_calls.contains(c)
                    }
                    (Some(_), _) => false,
                };
                if void {
                    let kind = FindingKind::Unrecorded {
                        agent: p.agent,
                        visitor: p.visitor,
                        channel: p.channel,
                        needs_confirmation: needs_confirmation && p.channel == Channel::Call,
                    };
                    self.findings.push(Finding {
                        at: Some(p.at),
                        event: p.event,
                        rules: kind.rules(),
                        kind,
                    });
                }
            }
        }
        self.findings.sort_by_key(|f| (f.event, f.at));
        Audit {
            findings: self.findings,
            fairness: self.fairness.finish(),
            funnel: self.funnel.finish(),
            events: self.events,
            refused: self.refused,
        }
    }
}
