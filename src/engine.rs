//! The fold: one state, one step per event, and replay over a log.

use crate::decision::{Decision, Out, SuspendedAct, What};
use crate::error::{ApplyError, LogError};
use crate::event::{Event, EventKind};
use crate::policy::Policy;
use crate::queue::{Board, Queue};
use crate::registry::RegistryError;
use crate::{rules, AgentId, DealBook, EventId, Registry, Rules, Timestamp};

/// Everything the engine knows after a prefix of the log: the reception
/// floor, the client registry and the deal book, under the current policy.
///
/// Serialisable (feature `serde`), so a board can restart from a snapshot
/// and [`State::resume`] instead of replaying months.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct State {
    policy: Policy,
    last: Option<EventId>,
    /// The last event's [`Event::digest`], to tell a retry of it from a
    /// conflicting event with its id (absent in older snapshots: no check).
    #[cfg_attr(feature = "serde", serde(default))]
    last_digest: Option<u64>,
    clock: Option<Timestamp>,
    queue: Queue,
    registry: Registry,
    deals: DealBook,
}

/// The outcome of a replay: the state reached and every decision made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    /// The state after the last event.
    pub state: State,
    /// The decisions, in the order they were made.
    pub decisions: Vec<Decision>,
}

/// A replay stopped at an event it could not apply. Nothing before it is
/// lost: `state` and `decisions` are as they were just before that event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct ReplayError {
    /// The state just before the failing event.
    pub state: State,
    /// The decisions up to it.
    pub decisions: Vec<Decision>,
    /// Why it failed.
    #[source]
    pub error: ApplyError,
}

impl State {
    /// The state before any event, under `policy`.
    pub fn new(policy: Policy) -> State {
        State {
            queue: Queue::new(&policy),
            registry: Registry::new(&policy),
            policy,
            last: None,
            last_digest: None,
            clock: None,
            deals: DealBook::default(),
        }
    }

    /// The policy in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The id of the last event applied.
    pub fn last_event(&self) -> Option<EventId> {
        self.last
    }

    /// The time of the last event applied: the engine's only clock.
    pub fn clock(&self) -> Option<Timestamp> {
        self.clock
    }

    /// The reception board: rotation, next up, statuses, make-ups, waiting.
    pub fn board(&self) -> Board<'_> {
        Board {
            queue: &self.queue,
            policy: &self.policy,
        }
    }

    /// The client registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The deal book.
    pub fn deals(&self) -> &DealBook {
        &self.deals
    }

    /// Applies one event and returns the decisions it triggered.
    ///
    /// An event whose id is at or below the last one applied is a replay:
    /// it is reported as a single [`What::Ignored`] decision and changes
    /// nothing, so applying a log twice equals applying it once. An event
    /// with the last id but other content is no replay: it is refused
    /// ([`LogError::Conflict`]).
    ///
    /// ```
    /// use anchang::{Event, Policy, State, Timestamp, What};
    /// use anchang::event::{Arrive, SignIn};
    ///
    /// let t = |s: &str| s.parse::<Timestamp>().unwrap();
    /// let mut floor = State::new(Policy::p2());
    /// floor.apply(&Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: "Li".parse().unwrap() })).unwrap();
    /// let arrival = Event::new(2, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap()));
    /// let decisions = floor.apply(&arrival).unwrap();
    /// assert!(matches!(&decisions[0].what, What::Received(r) if r.agent.as_str() == "Li"));
    ///
    /// // A time before the last event's is refused, the state untouched.
    /// let before = floor.clone();
    /// let late = Event::new(3, t("2026-03-02T08:00:00"), SignIn { agent: "Wang".parse().unwrap() });
    /// let error = floor.apply(&late).unwrap_err();
    /// assert_eq!((error.event.get(), error.field), (3, "at"));
    /// assert_eq!(floor, before);
    /// ```
    ///
    /// # Errors
    /// An [`ApplyError`] naming the event and the field at fault when its
    /// id is the last one's but its content differs, its
    /// time is earlier than the previous event's, or it does not fit the
    /// state: an unknown or signed-out agent, signing in twice, ending a
    /// reception that never started, assigning a busy agent, a follow-up
    /// for an unknown client, a ruling on an unknown deal, a deposit for an
    /// unknown client or on a unit already taken (P4-5), a price that is
    /// not positive, ruling shares that do not sum to 10,000 (see
    /// [`DealError`](crate::DealError)). The state is then exactly as before.
    pub fn apply(&mut self, event: &Event) -> Result<Vec<Decision>, ApplyError> {
        let mut out = Vec::new();
        self.apply_into(event, &mut out)?;
        Ok(out)
    }

    /// [`State::apply`], appending to `decisions` (which is left as it was
    /// on error). Lets a hot loop reuse one buffer.
    ///
    /// # Errors
    /// As [`State::apply`].
    pub fn apply_into(
        &mut self,
        event: &Event,
        decisions: &mut Vec<Decision>,
    ) -> Result<(), ApplyError> {
        let mark = decisions.len();
        let result = self.step(event, decisions);
        if result.is_err() {
            decisions.truncate(mark);
        }
        result
    }

    fn step(&mut self, event: &Event, list: &mut Vec<Decision>) -> Result<(), ApplyError> {
        let tag = event.kind.tag();
        let fail = |kind: crate::ApplyErrorKind| ApplyError::new(event.id, tag, kind);
        let mut out = Out {
            event: event.id,
            at: event.at,
            list,
        };
        if let Some(last) = self.last.filter(|l| event.id <= *l) {
            // Only the last event's digest is kept: an older id is taken as
            // a retry (a store keeping every digest answers those).
            let conflict = self
                .last_digest
                .filter(|d| event.id == last && *d != event.digest());
            if conflict.is_some() {
                return Err(fail(LogError::Conflict { id: last }.into()));
            }
            out.push(Rules::NONE, What::Ignored { last });
            return Ok(());
        }
        if let Some(previous) = self.clock.filter(|c| event.at < *c) {
            return Err(fail(
                LogError::TimeBackwards {
                    at: event.at,
                    previous,
                }
                .into(),
            ));
        }
        // A new date may close the day; keep the floor to restore if the
        // event then fails (once a day, so the clone costs nothing per step).
        let new_date = self.clock.is_some_and(|c| event.at.date() > c.date());
        let before = new_date.then(|| self.queue.clone());
        if let (true, Some(closing)) = (new_date, self.clock.map(|c| c.date())) {
            self.queue
                .new_day(&self.policy, event.at.date(), closing, &mut out);
        }
        let result = self.dispatch(event, &mut out);
        match result {
            Ok(()) => {
                self.last = Some(event.id);
                self.last_digest = Some(event.digest());
                self.clock = Some(event.at);
                Ok(())
            }
            Err(kind) => {
                if let Some(q) = before {
                    self.queue = q;
                }
                Err(fail(kind))
            }
        }
    }

    /// The one check for every event that names an agent on the record of
    /// a client or a deal: the agent must be one the office has seen
    /// (signed in, received a client, or on an effective-client register,
    /// P2-1.6), else the event is refused naming the field, so a ruling
    /// cannot pay a typo. Departed agents are refused by the handlers
    /// that refuse them (P2-2.11). Returns the suspended agent (待岗,
    /// P1-21) who registers a client or takes a deposit: accepted, and
    /// flagged for the manager.
    fn check_agents(
        &self,
        kind: &EventKind,
    ) -> Result<Option<(AgentId, SuspendedAct)>, RegistryError> {
        let known = |agent: AgentId, field: &'static str| {
            if self.registry.knows_agent(agent) {
                Ok(())
            } else {
                Err(RegistryError::UnknownAgent { agent, field })
            }
        };
        let acting = match kind {
            EventKind::Register(r) => {
                known(r.agent, "agent")?;
                if let Some(n) = r.named_agent {
                    known(n, "named_agent")?;
                }
                Some((r.agent, SuspendedAct::Registered))
            }
            EventKind::FollowUp(e) => known(e.agent, "agent").map(|()| None)?,
            EventKind::Consent(e) => known(e.receiver, "receiver").map(|()| None)?,
            EventKind::Reassign(e) => known(e.to, "to").map(|()| None)?,
            EventKind::SwitchAgent(e) => known(e.to, "to").map(|()| None)?,
            EventKind::Depart(e) => known(e.agent, "agent").map(|()| None)?,
            EventKind::Deposit(d) => {
                known(d.agent, "agent")?;
                Some((d.agent, SuspendedAct::Deposit))
            }
            EventKind::Contract(c) => known(c.signer, "signer").map(|()| None)?,
            EventKind::Objection(o) => known(o.agent, "agent").map(|()| None)?,
            EventKind::Ruling(r) => {
                for share in &r.shares {
                    known(share.agent, "shares")?;
                }
                None
            }
            _ => None,
        };
        Ok(acting.filter(|(a, _)| self.queue.is_suspended(*a)))
    }

    fn dispatch(&mut self, event: &Event, out: &mut Out) -> Result<(), crate::ApplyErrorKind> {
        let suspended = self.check_agents(&event.kind)?;
        self.dispatch_checked(event, out)?;
        self.refresh_pause(event, out);
        if let Some((agent, act)) = suspended {
            out.push(rules![P1_21], What::ActedWhileSuspended { agent, act });
        }
        Ok(())
    }

    fn dispatch_checked(
        &mut self,
        event: &Event,
        out: &mut Out,
    ) -> Result<(), crate::ApplyErrorKind> {
        match &event.kind {
            EventKind::ChangePolicy(p) => {
                self.policy = (*p.policy).clone();
                out.push(
                    Rules::NONE,
                    What::PolicyChanged {
                        name: self.policy.name.clone(),
                    },
                );
                self.queue.policy_changed(&self.policy, out);
                self.registry.policy_changed(&self.policy);
            }
            EventKind::Arrive(a) => {
                let arrival = self.registry.arrival(&self.policy, a, event.at);
                // Who the visitor is, said before where it goes (P2-3.1).
                if let Some((rules, note)) = arrival.note {
                    out.push(rules, What::Client(note));
                }
                // A client the registry knows but does not route to an owner
                // (lapsed, invalid, pooled) is new, whatever owner the log
                // states; its reception is still recorded for it.
                // The queue reads neither phone nor name: the copy leaves
                // them out, so it costs no allocation.
                let adjusted = arrival.new_client.map(|c| {
                    EventKind::Arrive(crate::event::Arrive {
                        visitor: a.visitor,
                        channel: a.channel,
                        purpose: a.purpose,
                        named_agent: a.named_agent,
                        client: Some(c),
                        phone: None,
                        name: None,
                        returning: None,
                        introduced_by: a.introduced_by,
                    })
                });
                let known = arrival.owned;
                let kind = adjusted.as_ref().unwrap_or(&event.kind);
                let mark = out.list.len();
                self.queue.apply(&self.policy, kind, known, out)?;
                self.registry.arrived(a.visitor);
                self.record_receptions(mark, out);
            }
            EventKind::ConfirmIdentity(c) => {
                self.registry.apply(&self.policy, &event.kind, out)?;
                if !self.confirm_waiting(c, out) {
                    self.confirm_present(c, out);
                }
            }
            EventKind::LinkFamily(l) => {
                self.registry.apply(&self.policy, &event.kind, out)?;
                // Whichever member bought before the link was found, its
                // deal is flagged for the manager's split (P2-2.10).
                for c in [l.client, l.other] {
                    self.deals.household_found(c, &self.registry, out);
                }
            }
            EventKind::Receive(r) => {
                let mark = out.list.len();
                self.queue
                    .receive_actual(&self.policy, r.visitor, r.agent, out)?;
                self.record_actual(mark, out);
            }
            kind if kind.is_registry() => self.registry.apply(&self.policy, kind, out)?,
            kind if kind.is_deal() => {
                self.deals.apply(&self.policy, &self.registry, kind, out)?;
                self.tell_registry(kind, out);
            }
            kind => {
                let mark = out.list.len();
                self.queue.apply(&self.policy, kind, None, out)?;
                if let EventKind::SignIn(s) = kind {
                    // The registry's roster, for round-robin proposals.
                    self.registry.see(s.agent);
                }
                self.record_receptions(mark, out);
            }
        }
        Ok(())
    }

    /// Tells the registry what an applied deal event means for its client:
    /// a live deposit (P3-1: a deposit-paying client uses no turn) and the
    /// contract's signer (P2-2.7). Runs after the deal book accepted the
    /// event, and cannot fail.
    fn tell_registry(&mut self, kind: &EventKind, out: &mut Out) {
        match kind {
            EventKind::Deposit(d) => self.registry.set_deposit_paid(d.client, true),
            // The agents of an effective-client register are known to the
            // office from then on (P2-1.6), signed in or not.
            EventKind::EffectiveRegister(r) => {
                for e in &r.entries {
                    self.registry.see(e.agent);
                }
            }
            EventKind::Contract(c) => {
                if let Some(client) = self.deals.deal(c.deal).map(|d| d.client()) {
                    self.registry.set_signer(client, c.signer, out);
                }
            }
            EventKind::Cancel(c) => {
                if let Some(client) = self.deals.deal(c.deal).map(|d| d.client()) {
                    let paid = self.deals.has_live_deal(client);
                    self.registry.set_deposit_paid(client, paid);
                }
            }
            _ => {}
        }
    }

    /// Tells the registry of every registered client received by the
    /// decisions from `mark` on, noting a reception without the owner's
    /// consent (P1-10).
    fn record_receptions(&mut self, mark: usize, out: &mut Out) {
        // By index over the decisions there were, not a list collected
        // first: a reception costs no allocation (the notes pushed below
        // are not receptions).
        let end = out.list.len();
        for i in mark..end {
            let d = &out.list[i];
            let (client, agent, via, at) = match &d.what {
                What::Received(r) => match r.client {
                    Some(c) => (c, r.agent, r.via, d.at),
                    None => continue,
                },
                _ => continue,
            };
            if via == crate::Via::Named {
                self.registry.expo_lead_named(client, agent, out);
            }
            if let Some((rules, note)) = self.registry.reception_note(client, agent, via, at) {
                out.push(rules, What::Client(note));
            }
            self.registry.record_reception(client, agent, via, at);
        }
    }

    /// Under the policy's `overdue_pause` (P2-2.13): an agent signing in,
    /// or recording a follow-up, is paused from the rotation while any
    /// of its clients lapses within the cell's days, and back on it once
    /// none does. Looked at only on those events, so no step scans the
    /// clients.
    fn refresh_pause(&mut self, event: &Event, out: &mut Out) {
        let agent = match &event.kind {
            EventKind::SignIn(s) => s.agent,
            EventKind::FollowUp(f) => f.agent,
            _ => return,
        };
        let days = self.policy.overdue_pause.value;
        let overdue = days.is_some_and(|d| self.registry.lapses_soon(agent, event.at.date(), d));
        self.queue.set_paused(agent, overdue, out);
    }

    /// Tells the registry of a registered client the floor recorded as
    /// received by another agent than the engine's (a `receive` event), as
    /// for any reception, with the owner's consent checked (P1-10).
    fn record_actual(&mut self, mark: usize, out: &mut Out) {
        let Some((visitor, agent)) = out.list[mark..].iter().find_map(|d| match &d.what {
            What::Recorded { visitor, agent, .. } => Some((*visitor, *agent)),
            _ => None,
        }) else {
            return;
        };
        let Some(busy) = self
            .queue
            .reception_of(agent)
            .filter(|b| b.visit.visitor == visitor)
        else {
            return;
        };
        let (client, via) = (busy.visit.client, busy.via);
        if let Some(client) = client {
            if let Some((rules, note)) = self.registry.reception_note(client, agent, via, out.at) {
                out.push(rules, What::Client(note));
            }
            self.registry.record_reception(client, agent, via, out.at);
        }
    }

    /// A visitor confirmed as a client while it waits (P2-3.1): the
    /// registry says who it is, as it would of an arrival, and the queue
    /// routes it again as that client: to its owner when the client
    /// protects one (valid, unlapsed; the stand-in rules while the owner is
    /// busy), else as a new visitor. Receptions this starts are recorded.
    /// False, and nothing done, when the visitor is not waiting.
    fn confirm_waiting(&mut self, c: &crate::event::ConfirmIdentity, out: &mut Out) -> bool {
        let Some(visit) = self.queue.waiting_visit(c.visitor) else {
            return false;
        };
        // Recognised by the confirmation just recorded, with what the
        // visitor said on arrival that bears on its standing (P2-2.13).
        let arrive = crate::event::Arrive {
            channel: visit.channel,
            purpose: visit.purpose,
            named_agent: visit.named,
            introduced_by: visit.introduced_by,
            ..crate::event::Arrive::walk_in(c.visitor)
        };
        let arrival = self.registry.arrival(&self.policy, &arrive, out.at);
        self.registry.arrived(c.visitor);
        // The registration it stands for (a resolved duplicate's, P3-15).
        let (client, owner, deposit_paid) = match (arrival.owned, arrival.new_client) {
            (Some((client, owner, paid)), _) => (client, Some(owner), paid),
            (None, client) => (client.unwrap_or(c.client), None, false),
        };
        if let Some((rules, note)) = arrival.note {
            out.push(rules, What::Client(note));
        }
        let mark = out.list.len();
        let policy = &self.policy;
        self.queue
            .identify_waiting(policy, c.visitor, client, owner, deposit_paid, out);
        self.record_receptions(mark, out);
        true
    }

    /// A visitor confirmed as a client while already being received: the
    /// reception in progress is recorded for the client.
    /// The owner's consent is checked as for any other reception (P1-10).
    fn confirm_present(&mut self, c: &crate::event::ConfirmIdentity, out: &mut Out) {
        let receiver = self
            .board()
            .agents()
            .into_iter()
            .find_map(|v| match v.status {
                crate::queue::Status::Busy { visitor, .. } if visitor == c.visitor => Some(v.agent),
                _ => None,
            });
        let Some(agent) = receiver else { return };
        let Some(via) = self.queue.reception_of(agent).map(|b| b.via) else {
            return;
        };
        if let Some(client) = self.registry.take_confirmation(c.visitor) {
            if let Some((rules, note)) = self.registry.reception_note(client, agent, via, out.at) {
                out.push(rules, What::Client(note));
            }
            self.registry.record_reception(client, agent, via, out.at);
        }
    }

    /// Applies `events` in order after this state, keeping every decision
    /// ([`State::resume_with`] hands each to a callback instead). A board
    /// restarts from a snapshot of its state (feature `serde`) and resumes
    /// with the events since: the same as replaying the whole log.
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::{Arrive, SignIn};
    ///
    /// let t = |s: &str| s.parse::<Timestamp>().unwrap();
    /// let log = [
    ///     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: "Li".parse().unwrap() }),
    ///     Event::new(2, t("2026-03-02T09:01:00"), SignIn { agent: "Wang".parse().unwrap() }),
    ///     Event::new(3, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
    /// ];
    /// let morning = replay(&Policy::p1(), &log[..2]).unwrap().state;
    /// let day = morning.resume(&log[2..]).unwrap();
    /// assert_eq!(day.decisions.len(), 1);
    /// assert_eq!(day.state, replay(&Policy::p1(), &log).unwrap().state);
    /// ```
    ///
    /// # Errors
    /// A [`ReplayError`] at the first event that cannot be applied, holding
    /// the state and decisions just before it.
    pub fn resume<I>(mut self, events: I) -> Result<Replay, Box<ReplayError>>
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<Event>,
    {
        let mut decisions = Vec::new();
        for e in events {
            if let Err(error) = self.apply_into(e.borrow(), &mut decisions) {
                return Err(Box::new(ReplayError {
                    state: self,
                    decisions,
                    error,
                }));
            }
        }
        Ok(Replay {
            state: self,
            decisions,
        })
    }
}

use std::borrow::Borrow;

/// Replays a log from the start under `policy`. Equal to applying each
/// event with [`State::apply`] in turn.
///
/// # Errors
/// A [`ReplayError`] at the first event that cannot be applied (see
/// [`State::apply`]), holding the state and decisions just before it.
pub fn replay<I>(policy: &Policy, events: I) -> Result<Replay, Box<ReplayError>>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    State::new(policy.clone()).resume(events)
}
