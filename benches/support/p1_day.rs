//! The P1 day shared by the benches: a generated day of 10,000 events on a
//! floor of 30 agents, valid under each preset, and its floor, a plain fold
//! of the P1 rotation rule (P1-1) written over the same events.
//! `benches/fold.rs` times both; `benches/instructions.rs` counts their
//! instructions, the steady measure of the P1 row on a shared machine.

use anchang::event::{
    Arrive, AwayReason, Channel, End, Introducer, Leave, Purpose, Return, Returning, SignIn,
    StepAway,
};
use anchang::queue::Status;
use anchang::{AgentId, Event, EventKind, Policy, State, Timestamp};

pub const EVENTS: usize = 10_000;
const AGENTS: usize = 30;

/// A linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A day of `EVENTS` events valid under every policy of `policies`: the
/// generator follows one state per policy and only writes an event all of
/// them accept (an end only for an agent busy under all, a break only for
/// one free under all, a departure only for a visitor waiting under all).
pub fn day(policies: &[Policy]) -> Vec<Event> {
    let mut rng = Lcg(0x5EED);
    let mut states: Vec<State> = policies.iter().cloned().map(State::new).collect();
    let agents: Vec<AgentId> = (0..AGENTS)
        .map(|i| format!("agent{i:02}").parse().unwrap())
        .collect();
    let mut log = Vec::with_capacity(EVENTS);
    let mut at: Timestamp = "2026-03-02T08:00:00".parse().unwrap();
    let mut visitors = 0u32;
    let status = |s: &State, a: AgentId| s.board().agent(a).map(|v| v.status);

    while log.len() < EVENTS {
        at = at.plus_seconds(rng.below(8) as i64);
        let kind: EventKind = if log.len() < AGENTS {
            SignIn {
                agent: agents[log.len()],
            }
            .into()
        } else {
            let all = |f: &dyn Fn(Option<Status>) -> bool, a: AgentId| {
                states.iter().all(|s| f(status(s, a)))
            };
            let busy: Vec<AgentId> = agents
                .iter()
                .copied()
                .filter(|a| all(&|s| matches!(s, Some(Status::Busy { .. })), *a))
                .collect();
            let free: Vec<AgentId> = agents
                .iter()
                .copied()
                .filter(|a| all(&|s| s == Some(Status::Free), *a))
                .collect();
            let away: Vec<AgentId> = agents
                .iter()
                .copied()
                .filter(|a| all(&|s| matches!(s, Some(Status::Away { .. })), *a))
                .collect();
            let waiting = states[0].board().waiting().to_vec();
            let left = waiting.iter().map(|w| w.visit.visitor).find(|v| {
                states
                    .iter()
                    .all(|s| s.board().waiting().iter().any(|w| w.visit.visitor == *v))
            });
            let r = rng.below(100);
            if (r < 45 || waiting.len() > 8) && !busy.is_empty() {
                End {
                    agent: busy[rng.below(busy.len())],
                }
                .into()
            } else if r < 50 && !free.is_empty() && away.len() < 4 {
                let reason = [
                    AwayReason::Meal,
                    AwayReason::Washroom,
                    AwayReason::Out,
                    AwayReason::Errand,
                ][rng.below(4)];
                StepAway {
                    agent: free[rng.below(free.len())],
                    reason,
                }
                .into()
            } else if r < 56 && !away.is_empty() {
                Return {
                    agent: away[rng.below(away.len())],
                }
                .into()
            } else if r < 58 && left.is_some() {
                Leave {
                    visitor: left.unwrap(),
                }
                .into()
            } else {
                visitors += 1;
                let mut a = Arrive::walk_in(format!("v{visitors}").parse().unwrap());
                let some_agent = agents[rng.below(AGENTS)];
                match rng.below(100) {
                    0..=7 => a.named_agent = Some(some_agent),
                    8..=13 => {
                        a.returning = Some(Returning {
                            owner: some_agent,
                            deposit_paid: false,
                        })
                    }
                    14..=17 => a.purpose = Purpose::AskingWay,
                    18..=19 => a.purpose = Purpose::RelatedBusiness,
                    20..=25 => a.channel = Channel::Call,
                    26..=29 => a.introduced_by = Some(Introducer::Developer),
                    _ => {}
                }
                a.into()
            }
        };
        let e = Event::new(10 * (log.len() as u64 + 1), at, kind);
        for s in &mut states {
            s.apply(&e).expect("the generator writes only valid events");
        }
        log.push(e);
    }
    log
}

/// The floor: P1-1 alone, as tight as it can be written. Agents by slot
/// in sign-in order, a cursor, a waiting line; returns who received what
/// folded to a number so nothing is optimised away.
pub fn plain_p1(log: &[Event]) -> u64 {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Free,
        Busy,
        Away,
        Out,
    }
    let mut ids: Vec<AgentId> = Vec::with_capacity(AGENTS);
    let mut st: Vec<S> = Vec::with_capacity(AGENTS);
    let mut waiting: std::collections::VecDeque<(u64, Option<usize>)> = Default::default();
    let mut cursor = 0usize;
    let mut sum = 0u64;
    let slot = |ids: &[AgentId], a: AgentId| ids.iter().position(|x| *x == a);
    let serve = |st: &mut Vec<S>, cursor: &mut usize, named: Option<usize>| -> Option<usize> {
        if let Some(n) = named.filter(|n| st[*n] == S::Free) {
            st[n] = S::Busy;
            return Some(n);
        }
        let len = st.len();
        (0..len)
            .map(|k| (*cursor + k) % len)
            .find(|i| st[*i] == S::Free)
            .inspect(|i| {
                st[*i] = S::Busy;
                *cursor = (*i + 1) % len;
            })
    };
    for e in log {
        match &e.kind {
            EventKind::SignIn(s) => match slot(&ids, s.agent) {
                Some(i) => st[i] = S::Free,
                None => {
                    ids.push(s.agent);
                    st.push(S::Free);
                }
            },
            EventKind::SignOut(s) => {
                if let Some(i) = slot(&ids, s.agent) {
                    st[i] = S::Out;
                }
            }
            EventKind::StepAway(s) => {
                if let Some(i) = slot(&ids, s.agent) {
                    st[i] = S::Away;
                }
            }
            EventKind::Return(r) => {
                if let Some(i) = slot(&ids, r.agent) {
                    st[i] = S::Free;
                }
            }
            EventKind::End(r) => {
                if let Some(i) = slot(&ids, r.agent) {
                    st[i] = S::Free;
                    if let Some((v, named)) = waiting.pop_front() {
                        match serve(&mut st, &mut cursor, named) {
                            Some(a) => sum = sum.wrapping_mul(31).wrapping_add(v ^ a as u64),
                            None => waiting.push_front((v, named)),
                        }
                    }
                }
            }
            EventKind::Arrive(a) => {
                let named = a.named_agent.and_then(|n| slot(&ids, n));
                match serve(&mut st, &mut cursor, named) {
                    Some(i) => sum = sum.wrapping_mul(31).wrapping_add(e.id.0 ^ i as u64),
                    None => waiting.push_back((e.id.0, named)),
                }
            }
            EventKind::Leave(_) => {
                waiting.pop_front();
            }
            _ => {}
        }
    }
    sum
}
