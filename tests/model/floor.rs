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
    /// Its spells away from free (a reception, a break), counted: a
    /// make-up is owed once a spell (P2-3.10 只排一次), while it is held.
    pub spell: u32,
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
    /// The agent's spell it is owed for.
    pub spell: u32,
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
    /// Up board: the agents a switch into it carried as yet to have their
    /// turn, until they take a turn of the line or are passed over: one
    /// busy at the switch rejoins the line ahead of those who had theirs.
    /// A make-up taken is no turn of the line.
    pub carried: Vec<AgentId>,
}

/// Where the rotation's scan stops.
#[derive(Debug, Clone, Copy)]
enum Found {
    Agent { id: AgentId, new_round: bool },
    MakeUp(usize),
}

/// An agent the scan passed over on the way to the receiver.
#[derive(Debug, Clone, Copy)]
struct Passed {
    id: AgentId,
    reason: PassReason,
    /// Met while scanning a new round (rounds).
    in_new_round: bool,
    /// A make-up holder (placed last) whose kept turn came at the round's
    /// end while it still could not take it: skipped again (P3-1, read as
    /// applying each time the turn comes).
    again: bool,
}

#[derive(Debug, Clone)]
struct Choice {
    found: Found,
    passed: Vec<Passed>,
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
            carried: Vec::new(),
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

    /// Whether a make-up is held for `id`'s spell `spell`.
    fn owes(&self, id: AgentId, spell: u32) -> bool {
        self.owed.iter().any(|o| o.agent == id && o.spell == spell)
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
        let mut passed: Vec<Passed> = Vec::new();
        let look = |id: AgentId, in_new_round: bool, passed: &mut Vec<Passed>| {
            if Some(id) == not {
                return None;
            }
            let a = self.agent(id).expect("in the order");
            match a.why_not() {
                None => Some(Found::Agent {
                    id,
                    new_round: in_new_round,
                }),
                Some(reason) => {
                    if !passed.iter().any(|p| p.id == id) {
                        passed.push(Passed {
                            id,
                            reason,
                            in_new_round,
                            again: false,
                        });
                    }
                    None
                }
            }
        };
        // The round's end: the first make-up placed last whose holder can
        // take it; the holders before it who cannot are skipped again.
        let round_end = |passed: &mut Vec<Passed>| {
            let found = self.first_owed(Placement::Last, not);
            if self.model() != RotationModel::UpBoard {
                for o in &self.owed[..found.unwrap_or(self.owed.len())] {
                    if o.placement != Placement::Last
                        || Some(o.agent) == not
                        || !self.order.contains(&o.agent)
                        || passed.iter().any(|p| p.id == o.agent)
                    {
                        continue;
                    }
                    if let Some(reason) = self.agent(o.agent).and_then(|a| a.why_not()) {
                        passed.push(Passed {
                            id: o.agent,
                            reason,
                            in_new_round: false,
                            again: true,
                        });
                    }
                }
            }
            found.map(Found::MakeUp)
        };
        match self.model() {
            RotationModel::Cycle => {
                for id in self.upcoming() {
                    if self.order.first() == Some(&id) {
                        if let Some(found) = round_end(&mut passed) {
                            return Some(Choice { found, passed });
                        }
                    }
                    if let Some(found) = look(id, false, &mut passed) {
                        return Some(Choice { found, passed });
                    }
                }
                if self.order.is_empty() {
                    return round_end(&mut passed).map(|found| Choice { found, passed });
                }
                None
            }
            model => {
                for id in self.line.clone() {
                    if let Some(found) = look(id, false, &mut passed) {
                        return Some(Choice { found, passed });
                    }
                }
                if let Some(found) = round_end(&mut passed) {
                    return Some(Choice { found, passed });
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

    /// An agent passed over: what its reason earns (the policy's cell). A
    /// holder skipped again keeps its one make-up if the reason earns one
    /// (once only); if the reason loses the turn (P3-13), the kept turn is
    /// the turn that came, and it is lost.
    fn charge(&mut self, id: AgentId, reason: PassReason, again: bool) {
        self.carried.retain(|a| *a != id);
        let consequence = self.policy.pass_over.get(reason).value;
        if again {
            if let Consequence::MakeUp(_) = consequence {
                self.agent_mut(id).passed_over += 1;
                return;
            }
            if let Some(i) = self
                .owed
                .iter()
                .position(|o| o.agent == id && o.placement == Placement::Last)
            {
                // Lost, not used: the spell holds no make-up any more, so a
                // later pass in it under a cell that earns one opens one
                // (a reading shared with the engine: "owed for the spell"
                // means held, P2-3.10 只排一次).
                self.owed.remove(i);
            }
        }
        let a = self.agent_mut(id);
        if consequence == Consequence::Forfeit {
            a.forfeited += 1;
        } else {
            a.passed_over += 1;
        }
        let spell = a.spell;
        if let Consequence::MakeUp(placement) = consequence {
            if !self.owes(id, spell) {
                self.owed.push(Owed {
                    agent: id,
                    placement,
                    spell,
                });
            }
        }
    }

    /// Makes a choice happen: passes (unless `quiet`), the turn's move, a
    /// make-up used. Returns the receiver and how it got the visitor.
    fn commit(&mut self, c: &Choice, quiet: bool) -> (AgentId, Route) {
        let mut started = false;
        // The make-up taken, by whose and where: passes charged first may
        // remove earlier lines of the list.
        let taken = match c.found {
            Found::MakeUp(i) => Some((self.owed[i].agent, self.owed[i].placement)),
            Found::Agent { .. } => None,
        };
        if !quiet {
            for Passed {
                id,
                reason,
                in_new_round,
                again,
            } in c.passed.clone()
            {
                if in_new_round && !started {
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
                self.charge(id, reason, again);
            }
        }
        if let Found::Agent {
            new_round: true, ..
        } = c.found
        {
            if !started {
                self.new_round();
                started = true;
            }
        }
        if started && !quiet {
            // Skipped again and still unable as the next round starts:
            // its turn of the new round is placed last too (P3-1).
            for p in c.passed.iter().filter(|p| p.again) {
                if self.line.contains(&p.id) {
                    self.line.retain(|a| *a != p.id);
                    self.line.push(p.id);
                }
            }
        }
        match c.found {
            Found::MakeUp(_) => {
                let (who, at) = taken.expect("a make-up was found");
                let i = self
                    .owed
                    .iter()
                    .position(|o| o.agent == who && o.placement == at)
                    .expect("still owed");
                let o = self.owed.remove(i);
                if self.model() == RotationModel::UpBoard {
                    self.line.retain(|a| *a != o.agent);
                }
                (o.agent, Route::MakeUp(o.placement))
            }
            Found::Agent { id, .. } => {
                self.carried.retain(|a| *a != id);
                match self.model() {
                    RotationModel::Cycle => {
                        let i = self.order.iter().position(|a| *a == id).unwrap();
                        self.turn = Some(self.order[(i + 1) % self.order.len()]);
                    }
                    _ => self.line.retain(|a| *a != id),
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
        a.spell += 1;
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
                // Outside the order, the turn it uses is its turn of the
                // round (or its place in the line); without one left, a
                // make-up it is owed (issue 7 item 1: one counted turn a
                // round whatever the route).
                None => {
                    let model = self.model();
                    if model == RotationModel::UpBoard
                        || (model == RotationModel::Rounds && self.line.contains(&id))
                    {
                        self.line.retain(|a| *a != id);
                        self.carried.retain(|a| *a != id);
                    } else if let Some(i) = self.owed.iter().position(|o| o.agent == id) {
                        self.owed.remove(i);
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
                spell: 0,
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
        self.carried.retain(|a| *a != id);
    }

    pub fn step_away(&mut self, id: AgentId, reason: AwayReason) {
        let a = self.agent_mut(id);
        a.away = Some(reason);
        a.spell += 1;
    }

    pub fn come_back(&mut self, id: AgentId) {
        let placement = self.policy.errand_return.value;
        let a = self.agent_mut(id);
        let reason = a.away.take();
        let spell = a.spell;
        if let (Some(AwayReason::Errand), Some(p)) = (reason, placement) {
            if !self.owes(id, spell) {
                self.owed.push(Owed {
                    agent: id,
                    placement: p,
                    spell,
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
            // Still owed its carried turn: ahead of everyone who is not.
            let at = (0..self.line.len())
                .find(|i| !self.carried.contains(&self.line[*i]))
                .unwrap_or(self.line.len());
            if self.carried.contains(&id) {
                self.line.insert(at, id);
            } else {
                self.line.push(id);
            }
        }
        Some(b.visitor)
    }

    /// Who is yet to have its turn: in a cycle, from the agent whose turn
    /// it is to the end of the order (the round ends where the turn passes
    /// back to the first); in rounds, who has not yet received in this one;
    /// on the up board, the line.
    fn yet_to_take(&self) -> Vec<AgentId> {
        match self.model() {
            RotationModel::Cycle => match self.turn {
                Some(t) => {
                    let i = self.order.iter().position(|a| *a == t).unwrap_or(0);
                    self.order[i..].to_vec()
                }
                None => Vec::new(),
            },
            RotationModel::Rounds => self.line.clone(),
            _ => {
                let mut v = self.line.clone();
                v.extend(self.carried.iter().filter(|a| !self.line.contains(a)));
                v
            }
        }
    }

    /// A new policy from here on (issue 7 item 2): a change of rotation
    /// model carries the day. Those yet to have their turn have it first
    /// under the new model, in the order they would have had it, then the
    /// others; rounds start a new round holding only those yet to take it;
    /// the up board's line leaves out whoever is in a counted reception.
    /// Make-ups owed stay owed.
    pub fn change_policy(&mut self, policy: Policy) {
        let old = self.model();
        let yet = self.yet_to_take();
        self.policy = policy;
        let new = self.model();
        if old == new {
            return;
        }
        let mut carried = yet.clone();
        carried.extend(self.order.iter().filter(|a| !yet.contains(a)));
        self.carried = if new == RotationModel::UpBoard {
            yet.clone()
        } else {
            Vec::new()
        };
        match new {
            RotationModel::Cycle => {
                self.order = carried;
                self.turn = self.order.first().copied();
                self.line.clear();
            }
            RotationModel::Rounds => {
                self.round += 1;
                self.line = yet.clone();
                let round = self.round;
                for a in self.order.clone() {
                    if !yet.contains(&a) {
                        self.agent_mut(a).took_round = round;
                    }
                }
            }
            _ => {
                self.line = carried
                    .into_iter()
                    .filter(|a| {
                        self.agent(*a)
                            .and_then(|x| x.busy.as_ref())
                            .is_none_or(|b| !b.counted)
                    })
                    .collect();
            }
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
        self.carried.clear();
        self.turn = None;
        self.round += 1;
    }
}
