//! A given/when/then floor for scenario tests: each step applies one event
//! a minute after the last and returns the decisions it triggered.

#![allow(dead_code)]

use anchang::event::*;
use anchang::policy::Policy;
use anchang::{AgentId, Decision, Event, EventKind, State, Timestamp, Via, VisitorId, What};

pub fn agent(s: &str) -> AgentId {
    s.parse().unwrap()
}

pub fn visitor(s: &str) -> VisitorId {
    s.parse().unwrap()
}

pub fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// The four agents of EXAMPLES.md, in sign-in order.
pub const FOUR: [&str; 4] = ["Li", "Wang", "Zhang", "Zhao"];

pub struct Floor {
    pub state: State,
    pub next_id: u64,
    pub clock: Timestamp,
    pub log: Vec<Event>,
}

impl Floor {
    /// Given a policy and agents signed in, in order, at 09:00 on 2026-03-02.
    #[track_caller]
    pub fn given(policy: Policy, agents: &[&str]) -> Floor {
        let mut f = Floor {
            state: State::new(policy),
            next_id: 1,
            clock: at("2026-03-02T09:00:00"),
            log: Vec::new(),
        };
        for a in agents {
            f.sign_in(a);
        }
        f
    }

    /// Applies `kind` a minute after the last event; panics on error.
    #[track_caller]
    pub fn when(&mut self, kind: impl Into<EventKind>) -> Vec<Decision> {
        match self.try_when(kind) {
            Ok(d) => d,
            Err(e) => panic!("event rejected: {e}"),
        }
    }

    /// Applies `kind` a minute after the last event.
    pub fn try_when(
        &mut self,
        kind: impl Into<EventKind>,
    ) -> Result<Vec<Decision>, anchang::ApplyError> {
        let e = Event::new(self.next_id, self.clock, kind);
        let r = self.state.apply(&e);
        if r.is_ok() {
            self.log.push(e);
            self.next_id += 1;
            self.clock = self.clock.plus_seconds(60);
        }
        r
    }

    #[track_caller]
    pub fn sign_in(&mut self, a: &str) -> Vec<Decision> {
        self.when(SignIn { agent: agent(a) })
    }
    #[track_caller]
    pub fn sign_out(&mut self, a: &str) -> Vec<Decision> {
        self.when(SignOut { agent: agent(a) })
    }
    #[track_caller]
    pub fn walk_in(&mut self, v: &str) -> Vec<Decision> {
        self.when(Arrive::walk_in(visitor(v)))
    }
    #[track_caller]
    pub fn arrive(&mut self, v: &str, f: impl FnOnce(&mut Arrive)) -> Vec<Decision> {
        let mut a = Arrive::walk_in(visitor(v));
        f(&mut a);
        self.when(a)
    }
    #[track_caller]
    pub fn named(&mut self, v: &str, who: &str) -> Vec<Decision> {
        self.arrive(v, |a| a.named_agent = Some(agent(who)))
    }
    #[track_caller]
    pub fn returning(&mut self, v: &str, owner: &str) -> Vec<Decision> {
        self.arrive(v, |a| {
            a.returning = Some(Returning {
                owner: agent(owner),
                deposit_paid: false,
            })
        })
    }
    #[track_caller]
    pub fn end(&mut self, a: &str) -> Vec<Decision> {
        self.when(End { agent: agent(a) })
    }
    #[track_caller]
    pub fn away(&mut self, a: &str, reason: AwayReason) -> Vec<Decision> {
        self.when(StepAway {
            agent: agent(a),
            reason,
        })
    }
    #[track_caller]
    pub fn back(&mut self, a: &str) -> Vec<Decision> {
        self.when(Return { agent: agent(a) })
    }
    #[track_caller]
    pub fn decline(&mut self, a: &str) -> Vec<Decision> {
        self.when(Decline { agent: agent(a) })
    }

    /// Ends every reception in progress.
    #[track_caller]
    pub fn end_all_busy(&mut self) {
        let busy: Vec<String> = self
            .state
            .board()
            .agents()
            .iter()
            .filter(|v| matches!(v.status, anchang::queue::Status::Busy { .. }))
            .map(|v| v.agent.to_string())
            .collect();
        for a in busy {
            self.end(&a);
        }
    }

    /// Why `who` has a claim on `c`'s deals now, if it has one.
    pub fn claim_of(&self, c: &str, who: &str) -> Option<anchang::ClaimReason> {
        let now = self.state.clock()?;
        let claims = self.state.registry().claims(c.parse().ok()?, now);
        claims
            .iter()
            .find(|x| x.agent.as_str() == who)
            .map(|x| x.reason)
    }

    /// The board's next `n` up, as text.
    pub fn next_up(&self, n: usize) -> Vec<String> {
        self.state
            .board()
            .next_up(n)
            .iter()
            .map(|a| a.to_string())
            .collect()
    }

    pub fn stats(&self, a: &str) -> anchang::queue::AgentStats {
        self.state
            .board()
            .agent(agent(a))
            .expect("known agent")
            .stats
    }
}

/// The reception of `v` among `decisions`.
#[track_caller]
pub fn reception(decisions: &[Decision], v: &str) -> anchang::Reception {
    decisions
        .iter()
        .find_map(|d| match &d.what {
            What::Received(r) if r.visitor.as_str() == v => Some(*r),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{v} was not received: {decisions:#?}"))
}

/// Then `v` is received by `who`.
#[track_caller]
pub fn then_receives(decisions: &[Decision], v: &str, who: &str) -> anchang::Reception {
    let r = reception(decisions, v);
    assert_eq!(
        r.agent.as_str(),
        who,
        "{v} went to {} via {:?}",
        r.agent,
        r.via
    );
    r
}

/// The decision of `decisions` whose rules include `id`, if any.
pub fn cites(decisions: &[Decision], id: &str) -> bool {
    decisions
        .iter()
        .any(|d| d.rules.as_slice().iter().any(|r| r.id() == id))
}

/// Then `who` was passed over, and the decision says so.
#[track_caller]
pub fn then_passed(
    decisions: &[Decision],
    who: &str,
) -> (
    anchang::policy::PassReason,
    anchang::policy::Consequence,
    bool,
) {
    decisions
        .iter()
        .find_map(|d| match &d.what {
            What::PassedOver {
                agent,
                reason,
                consequence,
                owed,
                ..
            } if agent.as_str() == who => Some((*reason, *consequence, *owed)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{who} was not passed over: {decisions:#?}"))
}

pub fn is_makeup(r: &anchang::Reception) -> bool {
    matches!(r.via, Via::MakeUp { .. })
}

// ---- Client registry helpers (issue 3) -------------------------------------

/// A client id.
pub fn client(s: &str) -> anchang::ClientId {
    s.parse().unwrap()
}

/// A valid visit registration (the three facts of P2-2.1) of `c` by `who`.
pub fn registration(c: &str, who: &str, phone: &str) -> Register {
    Register {
        name: Some(anchang::PersonName::new("陈明")),
        gender: Some(anchang::Gender::Male),
        phones: vec![anchang::Phone::new(phone)],
        needs: Some("三房".into()),
        ..Register::new(client(c), agent(who))
    }
}

/// The registry decisions among `decisions`.
pub fn client_decisions(decisions: &[Decision]) -> Vec<anchang::ClientDecision> {
    decisions
        .iter()
        .filter_map(|d| match &d.what {
            What::Client(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

impl Floor {
    /// Given a policy and agents signed in, in order, at `time`.
    #[track_caller]
    pub fn given_on(policy: Policy, time: &str, agents: &[&str]) -> Floor {
        let mut f = Floor {
            state: State::new(policy),
            next_id: 1,
            clock: at(time),
            log: Vec::new(),
        };
        for a in agents {
            f.sign_in(a);
        }
        f
    }

    /// Registers `c` validly for `who`, phone `phone`.
    #[track_caller]
    pub fn register(&mut self, c: &str, who: &str, phone: &str) -> Vec<Decision> {
        self.when(registration(c, who, phone))
    }

    /// A visitor arriving who gives phone `phone`.
    #[track_caller]
    pub fn arrive_with_phone(&mut self, v: &str, phone: &str) -> Vec<Decision> {
        self.arrive(v, |a| a.phone = Some(anchang::Phone::new(phone)))
    }

    /// Moves the clock to `time` (a later day starts a new day on the
    /// floor) and signs `agents` in again.
    #[track_caller]
    pub fn day(&mut self, time: &str, agents: &[&str]) {
        self.clock = at(time);
        for a in agents {
            self.sign_in(a);
        }
    }

    /// The owner of `c` now, as text.
    pub fn owner(&self, c: &str) -> Option<String> {
        let now = self.state.clock().expect("an event was applied");
        self.state
            .registry()
            .owner_of(client(c), now)
            .map(|a| a.to_string())
    }
}
