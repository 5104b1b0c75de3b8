//! The reference model of the reception floor, written from RULES.md and
//! the policy cells, not from the engine's code: plain lists scanned from
//! the start, agents named by id, the cycle's turn held as the agent whose
//! turn it is (P1-1 "the next after the agent who received"), a round as
//! the list of agents who have not yet received in it (P3-1), and every
//! make-up a line in one list, in the order it fell due.
//!
//! Readings shared with the engine, where the seed leaves a point open:
//! - a late sign-in joins the current round unless it already took its
//!   turn in it (README "Readings and limits");
//! - one make-up per busy or away spell, however many turns it missed
//!   (P2-3.10 只排一次; read the same way for P3-1);
//! - an agent re-skipped while still busy when its kept turn (a make-up
//!   placed last) comes is skipped again: the make-up stays owed;
//! - in a cycle, "the end of the round" where make-ups placed last are
//!   taken is where the turn passes from the last of the order to its first;
//! - a reception that counts and uses the agent's turn outside the order
//!   (a visitor naming it under P3-20) uses up its round turn, or, if it
//!   has none left in the round, a make-up it is owed (issue 7 item 1).

use anchang::event::{AwayReason, Channel};
use anchang::policy::{
    Consequence, PassReason, Placement, Policy, RotationModel, StandInPick, TurnRule, When,
};
use anchang::{AgentId, VisitorId};

/// Issue 7 item 1 (one counted turn a round whatever the route) is fixed
/// on branch `rules`; until it is on main the engine keeps the make-up of
/// an agent named out of order, and the model is told to as well.
const ITEM_1_LANDED: bool = false;

/// How a visitor reached its receiver, as the model sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route {
    Rotation,
    MakeUp(Placement),
    Named,
    Owner,
    StandIn(AgentId),
    PhoneDuty,
}

/// A reception the model decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Got {
    pub visitor: VisitorId,
    pub agent: AgentId,
    pub route: Route,
    pub counted: bool,
}

#[derive(Debug, Clone)]
pub struct Reception {
    pub visitor: VisitorId,
    /// Received as a returning client (P2-3.10 busy with an old client).
    pub old: bool,
    pub stand_in: bool,
    pub counted: bool,
}

#[derive(Debug, Clone)]
pub struct Agent {
    pub id: AgentId,
    pub signed_in: bool,
    pub away: Option<AwayReason>,
    pub busy: Option<Reception>,
    /// Set when a make-up is granted in the agent's current spell away from
    /// free; cleared when a new spell begins.
    pub owed_this_spell: bool,
    /// The round (rounds model) in which it last took its turn.
    pub took_round: u32,
    pub counted: u32,
    pub uncounted: u32,
    pub passed_over: u32,
    pub forfeited: u32,
}

impl Agent {
    fn free(&self) -> bool {
        self.signed_in && self.away.is_none() && self.busy.is_none()
    }

    fn why_not(&self) -> Option<PassReason> {
        if let Some(r) = self.away {
            return Some(PassReason::Away(r));
        }
        self.busy.as_ref().map(|b| {
            if b.stand_in {
                PassReason::StandingIn
            } else if b.old {
                PassReason::BusyWithOld
            } else {
                PassReason::BusyWithNew
            }
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Owed {
    pub agent: AgentId,
    pub placement: Placement,
}

/// A visitor as the model routes it.
#[derive(Debug, Clone, Copy)]
pub struct Visitor {
    pub id: VisitorId,
    pub channel: Channel,
    pub named: Option<AgentId>,
    /// The returning client's owner, as the registry model knows it.
    pub owner: Option<AgentId>,
}

#[derive(Debug, Clone)]
pub struct Floor {
    pub policy: Policy,
    pub agents: Vec<Agent>,
    /// Signed-in agents in sign-in order.
    pub order: Vec<AgentId>,
    /// Cycle: the agent whose turn it is.
    pub turn: Option<AgentId>,
    /// Rounds: who has not yet received in this round; up board: the line.
    pub line: Vec<AgentId>,
    pub round: u32,
    pub owed: Vec<Owed>,
}

/// Where the rotation's scan stops.
#[derive(Debug, Clone, Copy)]
enum Found {
    Agent { id: AgentId, new_round: bool },
    MakeUp(usize),
}

#[derive(Debug, Clone)]
struct Choice {
    found: Found,
    passed: Vec<(AgentId, PassReason, bool)>,
}

fn when(w: When, turn: bool) -> bool {
    match w {
        When::Never => false,
        When::IfTurn => turn,
        When::Always => true,
    }
}

impl Floor {
    pub fn new(policy: Policy) -> Floor {
        Floor {
            policy,
            agents: Vec::new(),
            order: Vec::new(),
            turn: None,
            line: Vec::new(),
            round: 1,
            owed: Vec::new(),
        }
    }

    pub fn agent(&self, id: AgentId) -> Option<&Agent> {
        self.agents.iter().find(|a| a.id == id)
    }

    fn agent_mut(&mut self, id: AgentId) -> &mut Agent {
        self.agents.iter_mut().find(|a| a.id == id).expect("known")
    }

    pub fn owed_to(&self, id: AgentId) -> u32 {
        self.owed.iter().filter(|o| o.agent == id).count() as u32
    }

    fn model(&self) -> RotationModel {
        self.policy.rotation.value
    }

    /// In the order and able to take a new client now.
    fn eligible(&self, id: AgentId) -> bool {
        self.order.contains(&id) && self.agent(id).is_some_and(|a| a.free())
    }

    pub fn anyone_free(&self) -> bool {
        self.agents.iter().any(|a| a.free())
    }

    pub fn is_free(&self, id: AgentId) -> bool {
        self.agent(id).is_some_and(|a| a.free())
    }

    pub fn is_busy(&self, id: AgentId) -> bool {
        self.agent(id).is_some_and(|a| a.busy.is_some())
    }

    /// The order as it will come round, the agent up next first.
    fn upcoming(&self) -> Vec<AgentId> {
        match self.model() {
            RotationModel::Cycle => {
                let start = self
                    .turn
                    .and_then(|t| self.order.iter().position(|a| *a == t))
                    .unwrap_or(0);
                let n = self.order.len();
                (0..n).map(|k| self.order[(start + k) % n]).collect()
            }
            _ => {
                let mut v = self.line.clone();
                for a in &self.order {
                    if !v.contains(a) {
                        v.push(*a);
                    }
                }
                v
            }
        }
    }

    /// The duty helper's pick: the free agent nearest the end (P1-5).
    fn last_free(&self, not: &[AgentId]) -> Option<AgentId> {
        self.upcoming()
            .into_iter()
            .rev()
            .find(|a| !not.contains(a) && self.eligible(*a))
    }

    fn first_owed(&self, placement: Placement, not: Option<AgentId>) -> Option<usize> {
        self.owed.iter().position(|o| {
            o.placement == placement && Some(o.agent) != not && self.eligible(o.agent)
        })
    }

    /// Whom the rotation gives the next counted visitor (P1-1, P2-3.10,
    /// P3-1), and whom it passes over on the way.
    fn choose(&self, not: Option<AgentId>) -> Option<Choice> {
        if !self.anyone_free() {
            return None;
        }
        if let Some(i) = self.first_owed(Placement::Head, not) {
            return Some(Choice {
                found: Found::MakeUp(i),
                passed: Vec::new(),
            });
        }
        let mut passed = Vec::new();
        let look = |id: AgentId, new_round: bool, passed: &mut Vec<(AgentId, PassReason, bool)>| {
            if Some(id) == not {
                return None;
            }
            let a = self.agent(id).expect("in the order");
            match a.why_not() {
                None => Some(Found::Agent { id, new_round }),
                Some(r) => {
                    if !passed.iter().any(|(p, _, _)| *p == id) {
                        passed.push((id, r, new_round));
                    }
                    None
                }
            }
        };
        let round_end = |passed: &Vec<_>| {
            self.first_owed(Placement::Last, not).map(|i| Choice {
                found: Found::MakeUp(i),
                passed: passed.clone(),
            })
        };
        match self.model() {
            RotationModel::Cycle => {
                for id in self.upcoming() {
                    if self.order.first() == Some(&id) {
                        if let Some(c) = round_end(&passed) {
                            return Some(c);
                        }
                    }
                    if let Some(found) = look(id, false, &mut passed) {
                        return Some(Choice { found, passed });
                    }
                }
                if self.order.is_empty() {
                    return round_end(&passed);
                }
                None
            }
            model => {
                for id in self.line.clone() {
                    if let Some(found) = look(id, false, &mut passed) {
                        return Some(Choice { found, passed });
                    }
                }
                if let Some(c) = round_end(&passed) {
                    return Some(c);
                }
                if model == RotationModel::Rounds {
                    for id in self.order.clone() {
                        if let Some(found) = look(id, true, &mut passed) {
                            return Some(Choice { found, passed });
                        }
                    }
                }
                None
            }
        }
    }

    fn new_round(&mut self) {
        self.round += 1;
        self.line = self.order.clone();
    }

    /// An agent passed over: what its reason earns (the policy's cell).
    fn charge(&mut self, id: AgentId, reason: PassReason) {
        let consequence = self.policy.pass_over.get(reason).value;
        let a = self.agent_mut(id);
        if consequence == Consequence::Forfeit {
            a.forfeited += 1;
        } else {
            a.passed_over += 1;
        }
        if let Consequence::MakeUp(placement) = consequence {
            if !a.owed_this_spell {
                a.owed_this_spell = true;
                self.owed.push(Owed {
                    agent: id,
                    placement,
                });
            }
        }
    }

    /// Makes a choice happen: passes (unless `quiet`), the turn's move, a
    /// make-up used. Returns the receiver and how it got the visitor.
    fn commit(&mut self, c: &Choice, quiet: bool) -> (AgentId, Route) {
        let mut started = false;
        if !quiet {
            for (id, reason, in_new) in c.passed.clone() {
                if in_new && !started {
                    self.new_round();
                    started = true;
                }
                match self.model() {
                    RotationModel::Rounds => self.line.retain(|a| *a != id),
                    RotationModel::UpBoard if self.line.contains(&id) => {
                        self.line.retain(|a| *a != id);
                        self.line.push(id);
                    }
                    _ => {}
                }
                self.charge(id, reason);
            }
        }
        match c.found {
            Found::MakeUp(i) => {
                let o = self.owed.remove(i);
                if self.model() == RotationModel::UpBoard {
                    self.line.retain(|a| *a != o.agent);
                }
                (o.agent, Route::MakeUp(o.placement))
            }
            Found::Agent { id, new_round } => {
                match self.model() {
                    RotationModel::Cycle => {
                        let i = self.order.iter().position(|a| *a == id).unwrap();
                        self.turn = Some(self.order[(i + 1) % self.order.len()]);
                    }
                    _ => {
                        if new_round && !started {
                            self.new_round();
                        }
                        self.line.retain(|a| *a != id);
                    }
                }
                let round = self.round;
                self.agent_mut(id).took_round = round;
                if self.model() == RotationModel::UpBoard {
                    if let Some(i) = self
                        .owed
                        .iter()
                        .position(|o| o.agent == id && o.placement == Placement::Last)
                    {
                        let o = self.owed.remove(i);
                        return (id, Route::MakeUp(o.placement));
                    }
                }
                (id, Route::Rotation)
            }
        }
    }

    fn begin(&mut self, id: AgentId, v: &Visitor, route: Route, counted: bool) -> Got {
        let a = self.agent_mut(id);
        a.busy = Some(Reception {
            visitor: v.id,
            old: v.owner.is_some(),
            stand_in: matches!(route, Route::StandIn(_)),
            counted,
        });
        a.owed_this_spell = false;
        if counted {
            a.counted += 1;
        } else {
            a.uncounted += 1;
        }
        Got {
            visitor: v.id,
            agent: id,
            route,
            counted,
        }
    }

    /// A reception outside the rotation's own pick, under `rule`: it is the
    /// agent's turn if the rotation would give it this visitor (P1-16).
    fn outside(&mut self, id: AgentId, v: &Visitor, route: Route, rule: TurnRule) -> Got {
        let choice = self.choose(None);
        let up = choice.as_ref().is_some_and(|c| self.receiver(c) == id);
        let counted = when(rule.counts, up);
        if when(rule.uses_turn, up) {
            match choice.filter(|_| up) {
                // Served outside the order: no one else is passed over.
                Some(c) => {
                    self.commit(&c, true);
                }
                None => {
                    if self.model() == RotationModel::Rounds {
                        if self.line.contains(&id) {
                            self.line.retain(|a| *a != id);
                        } else if let Some(i) = self
                            .owed
                            .iter()
                            .position(|o| o.agent == id)
                            .filter(|_| ITEM_1_LANDED)
                        {
                            // Its turn of this round was already kept as a
                            // make-up: the counted reception uses it up.
                            self.owed.remove(i);
                        }
                    } else if self.model() == RotationModel::UpBoard {
                        self.line.retain(|a| *a != id);
                    }
                    let round = self.round;
                    self.agent_mut(id).took_round = round;
                }
            }
        }
        self.begin(id, v, route, counted)
    }

    fn receiver(&self, c: &Choice) -> AgentId {
        match c.found {
            Found::Agent { id, .. } => id,
            Found::MakeUp(i) => self.owed[i].agent,
        }
    }

    /// Whether `v` would be received now (the generator offers only such).
    pub fn can_serve(&self, v: &Visitor) -> bool {
        self.clone().serve(v).is_some()
    }

    /// Routes a visitor (P1-1, P1-15, P1-16, P2-3.2, P2-3.4, P2-3.8, P2-3.9,
    /// P3-1, P3-2, P3-4, P3-20); `None` when it would have to wait.
    pub fn serve(&mut self, v: &Visitor) -> Option<Got> {
        if let Some(owner) = v.owner {
            if self.is_free(owner) {
                let rule = match v.channel {
                    Channel::Call => self.policy.calls.value,
                    _ => self.policy.returning_owner.value,
                };
                return Some(self.outside(owner, v, Route::Owner, rule));
            }
        }
        if v.channel == Channel::Call {
            let s = self.last_free(&[])?;
            let rule = self.policy.calls.value;
            return Some(self.outside(s, v, Route::PhoneDuty, rule));
        }
        if let Some(owner) = v.owner {
            let busy = self
                .agent(owner)
                .is_some_and(|a| a.signed_in && a.busy.is_some());
            let cell = if busy {
                self.policy.stand_in_busy.value
            } else {
                self.policy.stand_in_absent.value
            };
            if cell.needs_approval || cell.pick != StandInPick::DutyHelper {
                return None;
            }
            let s = self.last_free(&[owner])?;
            return Some(self.outside(s, v, Route::StandIn(owner), cell.turn));
        }
        if let Some(n) = v.named {
            let present =
                self.order.contains(&n) && self.agent(n).is_some_and(|a| a.away.is_none());
            if present {
                if self.is_busy(n) {
                    return None;
                }
                let rule = self.policy.named.value;
                return Some(self.outside(n, v, Route::Named, rule));
            }
        }
        let c = self.choose(None)?;
        let (id, route) = self.commit(&c, false);
        Some(self.begin(id, v, route, true))
    }

    pub fn sign_in(&mut self, id: AgentId) {
        if self.agent(id).is_none() {
            self.agents.push(Agent {
                id,
                signed_in: false,
                away: None,
                busy: None,
                owed_this_spell: false,
                took_round: 0,
                counted: 0,
                uncounted: 0,
                passed_over: 0,
                forfeited: 0,
            });
        }
        let round = self.round;
        let a = self.agent_mut(id);
        a.signed_in = true;
        a.away = None;
        let took = a.took_round == round;
        self.order.push(id);
        if self.turn.is_none() {
            self.turn = Some(id);
        }
        match self.model() {
            RotationModel::Rounds if took => {}
            RotationModel::Cycle => {}
            _ => self.line.push(id),
        }
    }

    pub fn sign_out(&mut self, id: AgentId) {
        let a = self.agent_mut(id);
        a.signed_in = false;
        a.away = None;
        if self.turn == Some(id) {
            let i = self.order.iter().position(|a| *a == id).unwrap();
            let n = self.order.len();
            self.turn = (n > 1).then(|| self.order[(i + 1) % n]);
        }
        self.order.retain(|a| *a != id);
        self.line.retain(|a| *a != id);
        self.owed.retain(|o| o.agent != id);
    }

    pub fn step_away(&mut self, id: AgentId, reason: AwayReason) {
        let a = self.agent_mut(id);
        a.away = Some(reason);
        a.owed_this_spell = false;
    }

    pub fn come_back(&mut self, id: AgentId) {
        let placement = self.policy.errand_return.value;
        let a = self.agent_mut(id);
        let reason = a.away.take();
        if let (Some(AwayReason::Errand), Some(p)) = (reason, placement) {
            if !a.owed_this_spell {
                a.owed_this_spell = true;
                self.owed.push(Owed {
                    agent: id,
                    placement: p,
                });
            }
        }
    }

    pub fn end(&mut self, id: AgentId) -> Option<VisitorId> {
        let b = self.agent_mut(id).busy.take()?;
        if self.model() == RotationModel::UpBoard
            && self.order.contains(&id)
            && !self.line.contains(&id)
        {
            self.line.push(id);
        }
        Some(b.visitor)
    }

    /// A new policy: the order stays; a new rotation model starts from the
    /// order (rounds afresh; the up board's line is everyone not in a
    /// counted reception).
    pub fn change_policy(&mut self, policy: Policy) {
        let old = self.model();
        self.policy = policy;
        let new = self.model();
        if old != new {
            self.turn = self.order.first().copied();
            self.line = match new {
                RotationModel::UpBoard => self
                    .order
                    .iter()
                    .copied()
                    .filter(|a| {
                        self.agent(*a)
                            .and_then(|x| x.busy.as_ref())
                            .is_none_or(|b| !b.counted)
                    })
                    .collect(),
                _ => self.order.clone(),
            };
        }
    }

    /// The first event of a new date under the day-reset cells: receptions
    /// close, everyone is signed out, make-ups lapse, counts restart.
    pub fn new_day(&mut self) {
        for a in &mut self.agents {
            a.busy = None;
            a.signed_in = false;
            a.away = None;
            a.counted = 0;
            a.uncounted = 0;
            a.passed_over = 0;
            a.forfeited = 0;
        }
        self.owed.clear();
        self.order.clear();
        self.line.clear();
        self.turn = None;
        self.round += 1;
    }
}
