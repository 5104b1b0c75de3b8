//! The same day under another policy: where the assignments differ and
//! how each agent's counts and commission change.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use super::fairness::FairnessTracker;
use crate::decision::What;
use crate::{AgentId, Event, Fen, Policy, State, VisitorId};

/// A visitor the two policies gave to different agents (the engine's
/// decision, before any recorded reception).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Difference {
    /// The visitor.
    pub visitor: VisitorId,
    /// Who the first policy gave it to (`None`: nobody received it).
    pub first: Option<AgentId>,
    /// Who the second did.
    pub second: Option<AgentId>,
}

/// One agent's figures under both policies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AgentChange {
    /// Counted receptions under the first policy, then the second.
    pub counted: (u32, u32),
    /// Commission earned (statement totals), under the first, then the second.
    pub commission: (Fen, Fen),
}

/// A day replayed under two policies, side by side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Comparison {
    /// The policies' names.
    pub policies: (String, String),
    /// Visitors assigned differently, in order of arrival.
    pub differences: Vec<Difference>,
    /// Per agent.
    pub agents: BTreeMap<AgentId, AgentChange>,
    /// Events each policy's engine refused.
    pub refused: (usize, usize),
}

impl Comparison {
    /// Whether the two policies did the same to this floor.
    pub fn is_same(&self) -> bool {
        self.differences.is_empty()
            && self
                .agents
                .values()
                .all(|a| a.counted.0 == a.counted.1 && a.commission.0 == a.commission.1)
    }
}

struct Run {
    first_receiver: BTreeMap<VisitorId, Option<AgentId>>,
    order: Vec<VisitorId>,
    counted: BTreeMap<AgentId, u32>,
    commission: BTreeMap<AgentId, Fen>,
    refused: usize,
}

fn run(policy: &Policy, events: &[&Event]) -> Run {
    let mut state = State::new(policy.clone());
    let mut fairness = FairnessTracker::default();
    let mut r = Run {
        first_receiver: BTreeMap::new(),
        order: Vec::new(),
        counted: BTreeMap::new(),
        commission: BTreeMap::new(),
        refused: 0,
    };
    let mut decisions = Vec::new();
    for e in events {
        if let crate::EventKind::Arrive(a) = &e.kind {
            if !r.first_receiver.contains_key(&a.visitor) {
                r.order.push(a.visitor);
            }
        }
        decisions.clear();
        if state.apply_into(e, &mut decisions).is_err() {
            r.refused += 1;
            continue;
        }
        for d in &decisions {
            let board = state.board();
            fairness.observe(d, |a| board.reception(a).map(|b| b.counted));
            if let What::Received(x) = &d.what {
                r.first_receiver.entry(x.visitor).or_insert(Some(x.agent));
            }
            if let What::Greeted { visitor, agent, .. } = &d.what {
                r.first_receiver.entry(*visitor).or_insert(*agent);
            }
        }
    }
    for (agent, f) in fairness.finish().agents {
        r.counted.insert(agent, f.counted);
    }
    let (from, to) = match (events.first(), events.last()) {
        (Some(a), Some(b)) => (a.at, b.at.plus_seconds(1)),
        _ => return r,
    };
    if let Ok(statements) = state.deals().statements(from, to) {
        for s in statements {
            if let Some(agent) = s.payee.agent() {
                r.commission.insert(agent, s.total);
            }
        }
    }
    r
}

/// Replays `events` under `first` and `second` and reports side by side
/// where the engine's assignments differ and how each agent's counted
/// receptions and commission change. Comparing a policy with itself
/// reports no difference.
///
/// ```
/// use anchang::{audit, Event, Policy, Timestamp};
/// use anchang::event::{Arrive, SignIn};
///
/// let t = |s: &str| s.parse::<Timestamp>().unwrap();
/// let log = [
///     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: "Li".parse().unwrap() }),
///     Event::new(2, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
/// ];
/// assert!(audit::compare(&Policy::p2(), &Policy::p2(), &log).is_same());
/// ```
pub fn compare<I>(first: &Policy, second: &Policy, events: I) -> Comparison
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    let owned: Vec<I::Item> = events.into_iter().collect();
    let events: Vec<&Event> = owned.iter().map(|e| e.borrow()).collect();
    let a = run(first, &events);
    let b = run(second, &events);
    let differences = a
        .order
        .iter()
        .filter_map(|v| {
            let x = a.first_receiver.get(v).copied().flatten();
            let y = b.first_receiver.get(v).copied().flatten();
            (x != y).then_some(Difference {
                visitor: *v,
                first: x,
                second: y,
            })
        })
        .collect();
    let mut agents: BTreeMap<AgentId, AgentChange> = BTreeMap::new();
    for (agent, n) in &a.counted {
        agents.entry(*agent).or_default().counted.0 = *n;
    }
    for (agent, n) in &b.counted {
        agents.entry(*agent).or_default().counted.1 = *n;
    }
    for (agent, f) in &a.commission {
        agents.entry(*agent).or_default().commission.0 = *f;
    }
    for (agent, f) in &b.commission {
        agents.entry(*agent).or_default().commission.1 = *f;
    }
    Comparison {
        policies: (first.name.clone(), second.name.clone()),
        differences,
        agents,
        refused: (a.refused, b.refused),
    }
}
