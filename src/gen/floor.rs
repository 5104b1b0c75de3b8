//! The generator's day: what happens next on the floor, chosen among the
//! events every preset accepts in the states it replays.

use std::collections::BTreeMap;

use super::people;
use super::rng::Rng;
use super::GenConfig;
use crate::decision::What;
use crate::event::{
    Arrive, AwayReason, Cancel, Channel, Contract, Deposit, End, EventKind, FollowUp, Introducer,
    Leave, Objection, Purpose, Register, Return, Ruling, RulingShare, SignIn, SignOut, StepAway,
    StillDisagree,
};
use crate::queue::Status;
use crate::registry::Holder;
use crate::{
    AgentId, ClientId, DealId, Event, Fen, Gender, Policy, State, Timestamp, UnitId, VisitorId,
};

/// The floor opens at 08:30; arrivals run from 09:00 to 22:00 at the latest.
const OPEN: i64 = 8 * 3600 + 1800;
const FIRST_VISITOR: i64 = 9 * 3600;
const LAST_VISITOR: i64 = 22 * 3600;
/// The base is registered over the month before the first day.
const BASE_DAYS: i64 = 30;

/// A new visitor to be registered once an agent receives it.
#[derive(Debug, Clone, Copy)]
struct Newcomer {
    channel: Channel,
    introduced_by: Option<Introducer>,
    named: Option<AgentId>,
}

/// What the generator remembers of a client.
#[derive(Debug, Clone, Copy)]
struct Known {
    id: ClientId,
    mobile: u64,
    /// The agent the registration gave it to under every preset, if one
    /// did (a call may await the manager's confirmation under one, P2-3.5).
    owner: Option<AgentId>,
}

#[derive(Debug, Clone, Copy, Default)]
struct DealInfo {
    objector: Option<AgentId>,
    closer: Option<AgentId>,
    ruled: bool,
    done: bool,
    signed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Roster { next: usize },
    Base { next: u32 },
    Open { day: u16, next: usize },
    Floor { day: u16 },
    Close { day: u16 },
    Done,
}

/// The agents as every replayed state sees them.
#[derive(Debug, Default)]
struct View {
    busy: Vec<AgentId>,
    free: Vec<AgentId>,
    away: Vec<AgentId>,
    signed_out: Vec<AgentId>,
    /// Visitors waiting under every preset.
    waiting: Vec<VisitorId>,
    /// The longest queue of waiting visitors among the presets.
    most_waiting: usize,
}

#[derive(Debug)]
pub(super) struct Floor {
    config: GenConfig,
    rng: Rng,
    states: Vec<State>,
    agents: Vec<AgentId>,
    phase: Phase,
    id: u64,
    at: Timestamp,
    /// Mean seconds between floor events.
    step: i64,
    clients: Vec<Known>,
    visitors: u64,
    visitors_left: u32,
    /// Agents who sign in late today.
    late: Vec<AgentId>,
    newcomers: BTreeMap<VisitorId, Newcomer>,
    /// Received newcomers to register: visitor, receiving agent.
    due: Vec<(VisitorId, AgentId, Newcomer)>,
    deals: Vec<(DealId, DealInfo)>,
}

impl Floor {
    pub fn new(config: GenConfig) -> Floor {
        let agents = people::agents(config.agents.max(1));
        let start = config.start.start();
        let base_start = start.plus_seconds(-BASE_DAYS * 86_400);
        // ~2.8 floor events per visitor, spread over the day from 09:00.
        let per_day = i64::from(config.visitors_per_day.max(1)) * 28 / 10 + 1;
        let step = ((18 * 3600 - FIRST_VISITOR) / per_day).max(1);
        Floor {
            rng: Rng::new(config.seed),
            states: [Policy::p1(), Policy::p2(), Policy::p3()]
                .into_iter()
                .map(State::new)
                .collect(),
            agents,
            phase: Phase::Roster { next: 0 },
            id: 0,
            at: base_start,
            step,
            clients: Vec::with_capacity(config.clients as usize),
            visitors: 0,
            visitors_left: 0,
            late: Vec::new(),
            newcomers: BTreeMap::new(),
            due: Vec::new(),
            deals: Vec::new(),
            config,
        }
    }

    pub fn clients_registered(&self) -> u32 {
        self.clients.len() as u32
    }

    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            let kind = match self.phase {
                Phase::Done => return None,
                Phase::Roster { next } => self.roster(next),
                Phase::Base { next } => self.base(next),
                Phase::Open { day, next } => self.open(day, next),
                Phase::Floor { day } => self.floor(day),
                Phase::Close { day } => self.close(day),
            };
            if let Some(kind) = kind {
                return Some(self.emit(kind));
            }
        }
    }

    /// Applies `kind` under every preset and writes it.
    fn emit(&mut self, kind: EventKind) -> Event {
        self.id += 1;
        let event = Event::new(self.id, self.at, kind);
        let mut seen = Vec::new();
        for (i, s) in self.states.iter_mut().enumerate() {
            let decisions = s
                .apply(&event)
                .unwrap_or_else(|e| panic!("the generator wrote an event preset {i} rejects: {e}"));
            if i == 0 {
                seen = decisions;
            }
        }
        for d in &seen {
            self.saw(&d.what);
        }
        if let EventKind::Leave(l) = &event.kind {
            self.newcomers.remove(&l.visitor);
        }
        event
    }

    /// Notes a reception of a newcomer, to register it.
    fn saw(&mut self, what: &What) {
        match what {
            What::Received(r) => {
                if let Some(n) = self.newcomers.remove(&r.visitor) {
                    self.due.push((r.visitor, r.agent, n));
                }
            }
            What::NewDay { .. } => self.newcomers.clear(),
            _ => {}
        }
    }

    fn day_time(&self, day: u16, secs: i64) -> Timestamp {
        self.config
            .start
            .add_days(i32::from(day))
            .start()
            .plus_seconds(secs)
    }

    fn advance(&mut self, mean: i64) {
        let d = self.rng.below(2 * mean as usize + 1) as i64;
        self.at = self.at.plus_seconds(d);
    }

    // ---- the roster and the carried-over base -----------------------------

    /// Every agent signs in once before anything else, so the office has
    /// seen each one it later names (a registration's agent or named
    /// agent, a deal's closer, a ruling's payee).
    fn roster(&mut self, next: usize) -> Option<EventKind> {
        let Some(&agent) = self.agents.get(next) else {
            self.phase = Phase::Base { next: 0 };
            return None;
        };
        self.phase = Phase::Roster { next: next + 1 };
        Some(SignIn { agent }.into())
    }

    fn base(&mut self, next: u32) -> Option<EventKind> {
        let n = self.config.clients;
        if next >= n {
            // The roster signs out before the first day opens (a close
            // whose next day is day 0).
            self.phase = Phase::Close { day: u16::MAX };
            return None;
        }
        self.phase = Phase::Base { next: next + 1 };
        // Evenly over the month before, never backwards.
        let span = BASE_DAYS * 86_400 - 3600;
        let t = self
            .config
            .start
            .start()
            .plus_seconds(-BASE_DAYS * 86_400 + i64::from(next) * span / i64::from(n));
        self.at = self.at.max(t);
        let agent = self.rng.pick(&self.agents);
        Some(self.register(agent, None, Newcomer::walk_in()).into())
    }

    /// A registration of the next client by `agent`, for `visitor` if a
    /// reception brought it.
    fn register(&mut self, agent: AgentId, visitor: Option<VisitorId>, n: Newcomer) -> Register {
        let i = self.clients.len() as u32;
        let id = people::client_id(i);
        let mobile = people::mobile(i);
        let full = people::name(self.config.names, i, &mut self.rng);
        let call = n.channel == Channel::Call;
        let name = if call { people::surname(&full) } else { full };
        let mut phones = vec![people::written(mobile, &mut self.rng)];
        if self.rng.chance(150) {
            phones.push(people::landline(i));
        }
        let gender = if self.rng.chance(500) {
            Gender::Male
        } else {
            Gender::Female
        };
        let needs = self.rng.chance(800).then(|| people::needs(&mut self.rng));
        // Who holds it under every preset: the first contact, or the agent
        // it named (P2-2.2, P2-2.5); a call may await confirmation (P2-3.5).
        let owner = if call {
            None
        } else {
            Some(n.named.unwrap_or(agent))
        };
        self.clients.push(Known { id, mobile, owner });
        Register {
            channel: n.channel,
            name: Some(people::person(name)),
            gender: Some(gender),
            phones,
            needs,
            visitor,
            named_agent: n.named,
            introduced_by: n.introduced_by,
            ..Register::new(id, agent)
        }
    }

    // ---- opening ---------------------------------------------------------

    fn open(&mut self, day: u16, next: usize) -> Option<EventKind> {
        if day >= self.config.days {
            self.phase = Phase::Done;
            return None;
        }
        if next == 0 {
            self.at = self.at.max(self.day_time(day, OPEN));
            self.late.clear();
            // Today's order of arrival at the office.
            for i in (1..self.agents.len()).rev() {
                let j = self.rng.below(i + 1);
                self.agents.swap(i, j);
            }
        }
        if next >= self.agents.len() {
            self.at = self.at.max(self.day_time(day, FIRST_VISITOR));
            self.visitors_left = u32::from(self.config.visitors_per_day);
            self.phase = Phase::Floor { day };
            return None;
        }
        self.phase = Phase::Open {
            day,
            next: next + 1,
        };
        let agent = self.agents[next];
        match self.rng.below(100) {
            // Absent today.
            0..=2 => return None,
            // Late: signs in during the morning.
            3..=7 => {
                self.late.push(agent);
                return None;
            }
            _ => {}
        }
        if !self.view().signed_out.contains(&agent) {
            return None;
        }
        self.advance(30);
        Some(SignIn { agent }.into())
    }

    // ---- the floor -------------------------------------------------------

    fn floor(&mut self, day: u16) -> Option<EventKind> {
        self.advance(self.step);
        if self.at > self.day_time(day, LAST_VISITOR) {
            self.visitors_left = 0;
        }
        let view = self.view();
        // Paperwork first: a received newcomer is registered soon.
        if !self.due.is_empty() && self.rng.chance(600) {
            return Some(self.register_due(0));
        }
        let r = self.rng.below(1000);
        let closing = self.visitors_left == 0;
        if (r < 380 || view.most_waiting > 6 || closing) && !view.busy.is_empty() {
            let agent = self.rng.pick(&view.busy);
            // An agent registers its newcomer before its reception ends.
            if let Some(k) = self.due.iter().position(|d| d.1 == agent) {
                return Some(self.register_due(k));
            }
            return Some(End { agent }.into());
        }
        if closing {
            self.phase = Phase::Close { day };
            return None;
        }
        if r < 420 && !view.free.is_empty() && view.away.len() < 4 {
            let agent = self.rng.pick(&view.free);
            let hour = self.at.hms().0;
            let reason = if (11..13).contains(&hour) || (17..19).contains(&hour) {
                AwayReason::Meal
            } else {
                [AwayReason::Washroom, AwayReason::Errand, AwayReason::Out][self.rng.below(3)]
            };
            return Some(StepAway { agent, reason }.into());
        }
        if r < 470 && !view.away.is_empty() {
            let agent = self.rng.pick(&view.away);
            return Some(Return { agent }.into());
        }
        if r < 480 && !view.waiting.is_empty() {
            let visitor = self.rng.pick(&view.waiting);
            return Some(Leave { visitor }.into());
        }
        if r < 490 && !self.late.is_empty() {
            let agent = self.late.swap_remove(0);
            if view.signed_out.contains(&agent) {
                return Some(SignIn { agent }.into());
            }
        }
        if r < 530 {
            if let Some(e) = self.follow_up() {
                return Some(e);
            }
        }
        if r < 545 {
            if let Some(e) = self.deal() {
                return Some(e);
            }
        }
        if self.visitors_left > 0 {
            self.visitors_left -= 1;
            return Some(self.arrive().into());
        }
        None
    }

    fn register_due(&mut self, k: usize) -> EventKind {
        let (visitor, agent, n) = self.due.swap_remove(k);
        self.register(agent, Some(visitor), n).into()
    }

    fn arrive(&mut self) -> Arrive {
        self.visitors += 1;
        let visitor = VisitorId::new(&format!("v{}", self.visitors)).expect("valid visitor id");
        let mut a = Arrive::walk_in(visitor);
        let some_agent = self.rng.pick(&self.agents);
        let mut newcomer = Some(Newcomer::walk_in());
        match self.rng.below(100) {
            // A returning client, found by its phone however written.
            0..=16 if !self.clients.is_empty() => {
                let c = self.clients[self.rng.below(self.clients.len())];
                a.phone = Some(people::written(c.mobile, &mut self.rng));
                newcomer = None;
            }
            // One the host recognised at the door.
            17..=19 if !self.clients.is_empty() => {
                let c = self.clients[self.rng.below(self.clients.len())];
                a.client = Some(c.id);
                newcomer = None;
            }
            20..=25 => {
                a.named_agent = Some(some_agent);
                newcomer = Some(Newcomer {
                    named: Some(some_agent),
                    ..Newcomer::walk_in()
                });
            }
            26..=30 => {
                a.purpose = Purpose::AskingWay;
                newcomer = None;
            }
            31..=32 => {
                a.purpose = Purpose::RelatedBusiness;
                newcomer = None;
            }
            33 => {
                a.purpose = Purpose::Staff;
                newcomer = None;
            }
            34 => {
                a.purpose = Purpose::Peer;
                newcomer = None;
            }
            35..=41 => {
                a.channel = Channel::Call;
                newcomer = Some(Newcomer {
                    channel: Channel::Call,
                    ..Newcomer::walk_in()
                });
            }
            42..=45 => {
                a.introduced_by = Some(Introducer::Developer);
                newcomer = Some(Newcomer {
                    introduced_by: Some(Introducer::Developer),
                    ..Newcomer::walk_in()
                });
            }
            // Just looking: received, not registered.
            46..=69 => newcomer = None,
            _ => {}
        }
        if let Some(n) = newcomer {
            self.newcomers.insert(visitor, n);
        }
        a
    }

    /// An owner's follow-up of one of its clients (P2-2.13).
    fn follow_up(&mut self) -> Option<EventKind> {
        if self.clients.is_empty() {
            return None;
        }
        let c = self.clients[self.rng.below(self.clients.len())];
        let agent = c.owner?;
        let holds = |s: &State| s.registry().holder(c.id) == Some(Holder::Agent { agent });
        if !self.states.iter().all(holds) {
            return None;
        }
        Some(
            FollowUp {
                client: c.id,
                agent,
            }
            .into(),
        )
    }

    /// The next step of a deal: a deposit, or an objection, ruling,
    /// contract, confiscation or cancellation of a recent deal.
    fn deal(&mut self) -> Option<EventKind> {
        let r = self.rng.below(100);
        let recent = self.deals.len().saturating_sub(20);
        let pick = if self.deals.len() > recent && r >= 40 {
            Some(recent + self.rng.below(self.deals.len() - recent))
        } else {
            None
        };
        let Some(k) = pick else {
            return self.deposit();
        };
        let (deal, info) = self.deals[k];
        if info.done {
            return None;
        }
        let other = self.rng.pick(&self.agents);
        let closer = info.closer?;
        let kind: EventKind = match r {
            40..=64 if !info.ruled && other != closer => {
                self.deals[k].1.objector = Some(other);
                Objection {
                    deal,
                    agent: other,
                    claim: people::claim(&mut self.rng),
                }
                .into()
            }
            65..=79 => {
                let second = info.objector.unwrap_or(other);
                let shares = if second == closer {
                    vec![RulingShare {
                        agent: closer,
                        part: 1,
                    }]
                } else if self.rng.chance(500) {
                    vec![
                        RulingShare {
                            agent: closer,
                            part: 1,
                        },
                        RulingShare {
                            agent: second,
                            part: 1,
                        },
                    ]
                } else {
                    vec![
                        RulingShare {
                            agent: closer,
                            part: 7_000,
                        },
                        RulingShare {
                            agent: second,
                            part: 3_000,
                        },
                    ]
                };
                let bp = shares.len() == 2 && shares[0].part == 7_000;
                self.deals[k].1.ruled = true;
                if bp {
                    Ruling::basis_points(deal, shares).into()
                } else {
                    Ruling::weights(deal, shares).into()
                }
            }
            80..=89 if !info.signed => {
                self.deals[k].1.signed = true;
                Contract {
                    deal,
                    signer: closer,
                }
                .into()
            }
            90..=94 if info.ruled => {
                self.deals[k].1.done = true;
                StillDisagree { deal }.into()
            }
            95..=99 if !info.signed => {
                self.deals[k].1.done = true;
                Cancel { deal }.into()
            }
            _ => return None,
        };
        Some(kind)
    }

    fn deposit(&mut self) -> Option<EventKind> {
        if self.clients.is_empty() {
            return None;
        }
        let c = self.clients[self.rng.below(self.clients.len())];
        let agent = c.owner.unwrap_or_else(|| self.rng.pick(&self.agents));
        let n = self.deals.len();
        let deal = DealId::new(&format!("D{n:07}")).expect("valid deal id");
        let unit = UnitId::new(&format!("U{n:07}")).expect("valid unit id");
        // 1 to 5 million yuan, in fen, to the ten thousand yuan.
        let price = Fen((100 + self.rng.below(401) as i64) * 1_000_000);
        self.deals.push((
            deal,
            DealInfo {
                closer: Some(agent),
                ..DealInfo::default()
            },
        ));
        Some(
            Deposit {
                deal,
                client: c.id,
                unit,
                price,
                agent,
            }
            .into(),
        )
    }

    // ---- closing ---------------------------------------------------------

    fn close(&mut self, day: u16) -> Option<EventKind> {
        self.advance(20);
        if !self.due.is_empty() {
            return Some(self.register_due(0));
        }
        let view = self.view();
        if let Some(&agent) = view.busy.first() {
            return Some(End { agent }.into());
        }
        if let Some(&agent) = view.away.first() {
            return Some(Return { agent }.into());
        }
        if let Some(&visitor) = view.waiting.first() {
            return Some(Leave { visitor }.into());
        }
        if let Some(&agent) = view.free.first() {
            return Some(SignOut { agent }.into());
        }
        self.phase = Phase::Open {
            day: day.wrapping_add(1),
            next: 0,
        };
        None
    }

    /// The agents' statuses and the waiting visitors, as every preset sees
    /// them, in roster order.
    fn view(&self) -> View {
        let mut v = View::default();
        let boards: Vec<Vec<(AgentId, Status)>> = self
            .states
            .iter()
            .map(|s| {
                let mut a: Vec<(AgentId, Status)> = s
                    .board()
                    .agents()
                    .into_iter()
                    .map(|a| (a.agent, a.status))
                    .collect();
                a.sort_by_key(|x| x.0);
                a
            })
            .collect();
        let status = |b: &Vec<(AgentId, Status)>, agent: AgentId| {
            b.binary_search_by_key(&agent, |x| x.0)
                .map(|i| b[i].1)
                .unwrap_or(Status::SignedOut)
        };
        for &agent in &self.agents {
            let all = |f: &dyn Fn(Status) -> bool| boards.iter().all(|b| f(status(b, agent)));
            if all(&|s| matches!(s, Status::Busy { .. })) {
                v.busy.push(agent);
            } else if all(&|s| s == Status::Free) {
                v.free.push(agent);
            } else if all(&|s| matches!(s, Status::Away { .. })) {
                v.away.push(agent);
            } else if all(&|s| s == Status::SignedOut) {
                v.signed_out.push(agent);
            }
        }
        let waiting: Vec<Vec<VisitorId>> = self
            .states
            .iter()
            .map(|s| {
                s.board()
                    .waiting()
                    .iter()
                    .map(|w| w.visit.visitor)
                    .collect()
            })
            .collect();
        v.most_waiting = waiting.iter().map(Vec::len).max().unwrap_or(0);
        v.waiting = waiting[0]
            .iter()
            .copied()
            .filter(|x| waiting[1..].iter().all(|w| w.contains(x)))
            .collect();
        v
    }
}

impl Newcomer {
    fn walk_in() -> Newcomer {
        Newcomer {
            channel: Channel::Visit,
            introduced_by: None,
            named: None,
        }
    }
}
