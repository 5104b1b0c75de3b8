//! The model-based property: generated days drive the engine and the
//! reference model side by side; after every event the receptions, the
//! counts, the make-ups owed, the owners and the shares must agree. A
//! disagreement shrinks (the day is a vector of abstract operations turned
//! into valid events as it is replayed) and fails with the minimal log.

use anchang::event::*;
use anchang::policy::{Policy, RotationModel};
use anchang::queue::Status;
use anchang::{
    AgentId, ClientId, Date, DealId, Event, EventKind, Fen, Phone, State, Timestamp, UnitId, Via,
    VisitorId, What,
};
use proptest::prelude::*;

use super::clients::Clients;
use super::floor::{Floor, Got, Route, Visitor};

const AGENTS: usize = 5;

fn agent_id(k: u8) -> AgentId {
    format!("A{}", usize::from(k) % AGENTS).parse().unwrap()
}

/// Which preset each cell is taken from: a random mix of the documents.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    base: u8,
    rotation: u8,
    pass_over: u8,
    named: u8,
    stand_in: u8,
    lapse: u8,
    errand_return: u8,
    attribution: u8,
    /// Whose closer-without-a-claim cell (P2-1.5 or P3-2/P3-4's reading).
    closer: u8,
    /// The lapse companions and the naming window: 0 left to the lapse
    /// model (every preset), 1 yes (a window of 2 days), 2 no.
    companions: (u8, u8, u8),
}

impl Mix {
    fn policy(self) -> Policy {
        let from = |n: u8| Policy::preset(1 + n % 3).unwrap();
        let mut p = from(self.base);
        p.rotation.value = [
            RotationModel::Cycle,
            RotationModel::Rounds,
            RotationModel::UpBoard,
        ][usize::from(self.rotation % 3)];
        p.pass_over = from(self.pass_over).pass_over;
        p.named = from(self.named).named;
        p.stand_in_busy = from(self.stand_in).stand_in_busy;
        p.stand_in_absent = from(self.stand_in).stand_in_absent;
        p.lapse = from(self.lapse).lapse;
        p.errand_return = from(self.errand_return).errand_return;
        p.attribution = from(self.attribution).attribution;
        p.attribution.closer_without_claim = from(self.closer).attribution.closer_without_claim;
        let (restarts, keeps, window) = self.companions;
        let cell = |k: u8| [None, Some(true), Some(false)][usize::from(k % 3)];
        p.contact_restarts.value = cell(restarts);
        p.naming_keeps.value = cell(keeps);
        p.naming_window_days.value = (window % 3 == 1).then_some(2);
        p.name = format!("mix{:?}", self);
        p
    }
}

fn mix() -> impl Strategy<Value = Mix> {
    // Half the days run a preset as it ships; half a mix of its cells.
    let n = || 0u8..3;
    (
        n(),
        n(),
        any::<bool>(),
        (n(), n(), n(), n(), n(), n()),
        (n(), n(), n(), n()),
    )
        .prop_map(|(base, rotation, pure, (a, b, c, d, e, f), (g, h, i, j))| {
            let pick = |x: u8| if pure { base } else { x };
            Mix {
                base,
                rotation: if pure { base.min(1) } else { rotation },
                pass_over: pick(a),
                named: pick(b),
                stand_in: pick(c),
                lapse: pick(d),
                errand_return: pick(e),
                attribution: pick(f),
                closer: pick(j),
                companions: if pure { (0, 0, 0) } else { (g, h, i) },
            }
        })
}

#[derive(Debug, Clone)]
enum Op {
    Toggle(u8),
    Walk,
    Named(u8),
    /// A registered client comes back, naming its agent or not.
    Returning(u8, bool),
    Call(Option<u8>),
    End(u8),
    Away(u8, u8),
    Back(u8),
    Register(u8),
    FollowUp(u8),
    /// A deposit, recorded by the client's owner or by the k-th agent.
    Deposit(u8, Option<u8>),
    /// Two clients found to be one household, spouses or not.
    Link(u8, u8, bool),
    ChangePolicy(Mix),
    NextDay(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let k = || any::<u8>();
    prop_oneof![
        3 => k().prop_map(Op::Toggle),
        8 => Just(Op::Walk),
        3 => k().prop_map(Op::Named),
        4 => (k(), any::<bool>()).prop_map(|(c, n)| Op::Returning(c, n)),
        1 => prop::option::of(k()).prop_map(Op::Call),
        12 => k().prop_map(Op::End),
        2 => (k(), k()).prop_map(|(a, r)| Op::Away(a, r)),
        3 => k().prop_map(Op::Back),
        3 => k().prop_map(Op::Register),
        1 => k().prop_map(Op::FollowUp),
        2 => (k(), prop::option::of(k())).prop_map(|(c, a)| Op::Deposit(c, a)),
        1 => (k(), k(), any::<bool>()).prop_map(|(a, b, s)| Op::Link(a, b, s)),
        1 => mix().prop_map(Op::ChangePolicy),
        1 => k().prop_map(Op::NextDay),
    ]
}

/// What the model does with an event besides routing.
enum Then {
    Floor(Box<dyn FnOnce(&mut Floor)>),
    Arrive(Visitor, Option<ClientId>),
    Register(ClientId, AgentId, String),
    FollowUp(ClientId),
    Deposit(ClientId, AgentId),
    Link(ClientId, ClientId, bool),
    Policy(Box<Policy>),
}

struct Day {
    state: State,
    floor: Floor,
    clients: Clients,
    clock: Timestamp,
    id: u64,
    visitors: u32,
    deals: Vec<DealId>,
    log: Vec<Event>,
    /// Visitors nobody could receive when they came, in arrival order,
    /// with the client each is.
    waiting: Vec<(Visitor, Option<ClientId>)>,
}

fn visitor_id(n: u32) -> VisitorId {
    format!("v{n}").parse().unwrap()
}

fn phone_of(n: usize) -> String {
    format!("139{n:08}")
}

impl Day {
    fn new(policy: Policy) -> Day {
        Day {
            state: State::new(policy.clone()),
            floor: Floor::new(policy),
            clients: Clients::default(),
            clock: "2026-03-02T09:00:00".parse().unwrap(),
            id: 0,
            visitors: 0,
            deals: Vec::new(),
            log: Vec::new(),
            waiting: Vec::new(),
        }
    }

    fn today(&self) -> Date {
        self.clock.date()
    }

    fn visitor(&mut self) -> VisitorId {
        self.visitors += 1;
        visitor_id(self.visitors)
    }

    fn client_k(&self, k: u8) -> Option<ClientId> {
        let n = self.clients.list.len();
        (n > 0).then(|| self.clients.list[usize::from(k) % n].id)
    }

    fn signed_in(&self, k: u8) -> Option<AgentId> {
        let n = self.floor.order.len();
        (n > 0).then(|| self.floor.order[usize::from(k) % n])
    }

    /// The event for `op` in the state reached, with what the model does.
    fn event_for(&mut self, op: &Op) -> Option<(EventKind, Then)> {
        let today = self.today();
        let policy = self.floor.policy.clone();
        Some(match *op {
            Op::Toggle(k) => {
                let a = agent_id(k);
                match self.floor.agent(a) {
                    Some(x) if x.busy.is_some() => return None,
                    Some(x) if x.signed_in => (
                        SignOut { agent: a }.into(),
                        Then::Floor(Box::new(move |f| f.sign_out(a))),
                    ),
                    _ => (
                        SignIn { agent: a }.into(),
                        Then::Floor(Box::new(move |f| f.sign_in(a))),
                    ),
                }
            }
            Op::Walk | Op::Named(_) | Op::Call(None) => {
                let named = match *op {
                    Op::Named(k) => Some(agent_id(k)),
                    _ => None,
                };
                let channel = match *op {
                    Op::Call(_) => Channel::Call,
                    _ => Channel::Visit,
                };
                let v = Visitor {
                    id: visitor_id(self.visitors + 1),
                    channel,
                    named,
                    owner: None,
                };
                let mut a = Arrive::walk_in(self.visitor());
                a.named_agent = named;
                a.channel = channel;
                (a.into(), Then::Arrive(v, None))
            }
            Op::Returning(k, _) | Op::Call(Some(k)) => {
                let c = self.client_k(k)?;
                let holder = self.clients.get(c)?.holder;
                let (named, channel) = match *op {
                    Op::Returning(_, true) => (Some(holder), Channel::Visit),
                    Op::Returning(_, false) => (None, Channel::Visit),
                    _ => (None, Channel::Call),
                };
                let owner = self.clients.route_owner(c, named, &policy, today);
                let v = Visitor {
                    id: visitor_id(self.visitors + 1),
                    channel,
                    named,
                    owner,
                };
                let mut a = Arrive::walk_in(self.visitor());
                a.named_agent = named;
                a.channel = channel;
                a.phone = Some(Phone::new(&self.clients.get(c)?.phone));
                (a.into(), Then::Arrive(v, Some(c)))
            }
            Op::End(k) => {
                let busy: Vec<AgentId> = self
                    .floor
                    .agents
                    .iter()
                    .filter(|a| a.busy.is_some())
                    .map(|a| a.id)
                    .collect();
                if busy.is_empty() {
                    return None;
                }
                let a = busy[usize::from(k) % busy.len()];
                (
                    End { agent: a }.into(),
                    Then::Floor(Box::new(move |f| {
                        f.end(a);
                    })),
                )
            }
            Op::Away(k, r) => {
                let free: Vec<AgentId> = self
                    .floor
                    .order
                    .iter()
                    .copied()
                    .filter(|a| self.floor.is_free(*a))
                    .collect();
                if free.is_empty() {
                    return None;
                }
                let a = free[usize::from(k) % free.len()];
                let reason = [
                    AwayReason::Meal,
                    AwayReason::Washroom,
                    AwayReason::Out,
                    AwayReason::Errand,
                    AwayReason::Expo,
                ][usize::from(r) % 5];
                (
                    StepAway { agent: a, reason }.into(),
                    Then::Floor(Box::new(move |f| f.step_away(a, reason))),
                )
            }
            Op::Back(k) => {
                let away: Vec<AgentId> = self
                    .floor
                    .agents
                    .iter()
                    .filter(|a| a.signed_in && a.away.is_some())
                    .map(|a| a.id)
                    .collect();
                if away.is_empty() {
                    return None;
                }
                let a = away[usize::from(k) % away.len()];
                (
                    Return { agent: a }.into(),
                    Then::Floor(Box::new(move |f| f.come_back(a))),
                )
            }
            Op::Register(k) => {
                let a = self.signed_in(k)?;
                let n = self.clients.list.len();
                let c: ClientId = format!("c{n}").parse().unwrap();
                let phone = phone_of(n);
                let mut r = Register::new(c, a);
                r.name = Some(anchang::PersonName::new("陈明"));
                r.gender = Some(anchang::Gender::Male);
                r.phones = vec![Phone::new(&phone)];
                r.needs = Some("三房".into());
                (r.into(), Then::Register(c, a, phone))
            }
            Op::FollowUp(k) => {
                let c = self.client_k(k)?;
                let o = self.clients.owner(c, &policy, today)?;
                (
                    FollowUp {
                        client: c,
                        agent: o,
                    }
                    .into(),
                    Then::FollowUp(c),
                )
            }
            Op::Deposit(k, by) => {
                let c = self.client_k(k)?;
                let record = self.clients.get(c)?;
                if record.bought {
                    return None;
                }
                // Its owner, or an agent the office has seen (P1-21: one
                // never seen is refused), who may have no claim (P2-1.5).
                let closer = match by {
                    None => self.clients.owner(c, &policy, today)?,
                    Some(a) => {
                        let seen = &self.floor.agents;
                        seen.get(usize::from(a) % seen.len().max(1))?.id
                    }
                };
                let n = self.deals.len();
                let deal: DealId = format!("d{n}").parse().unwrap();
                let unit: UnitId = format!("u{n}").parse().unwrap();
                self.deals.push(deal);
                (
                    Deposit {
                        deal,
                        client: c,
                        unit,
                        price: Fen(100_000_000),
                        agent: closer,
                    }
                    .into(),
                    Then::Deposit(c, closer),
                )
            }
            Op::Link(a, b, spouse) => {
                let (x, y) = (self.client_k(a)?, self.client_k(b)?);
                if x == y {
                    return None;
                }
                (
                    LinkFamily {
                        client: x,
                        other: y,
                        spouse,
                    }
                    .into(),
                    Then::Link(x, y, spouse),
                )
            }
            Op::ChangePolicy(m) => {
                let p = m.policy();
                (
                    ChangePolicy {
                        policy: Box::new(p.clone()),
                    }
                    .into(),
                    Then::Policy(Box::new(p)),
                )
            }
            Op::NextDay(_) => unreachable!("handled by the driver"),
        })
    }

    /// Applies one event to the engine and the model, then compares.
    fn step(&mut self, kind: EventKind, then: Then) -> Result<(), String> {
        self.id += 1;
        self.clock = self.clock.plus_seconds(60);
        let e = Event::new(self.id, self.clock, kind);
        self.log.push(e.clone());
        if self.state.clock().is_some_and(|c| c.date() < e.at.date()) {
            self.floor.new_day();
            if self.floor.policy.new_day.value.close_waiting {
                self.waiting.clear();
            }
        }
        let applied =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.state.apply(&e)))
                .map_err(|_| format!("the engine panicked at event {}", e.id))?;
        let decisions =
            applied.map_err(|err| format!("the engine refused event {}: {err}", e.id))?;
        if std::env::var_os("ANCHANG_MODEL_TRACE").is_some() {
            for d in &decisions {
                eprintln!("  {} {}", e.id, d.explain(anchang::Lang::En));
            }
        }
        let today = self.today();
        let mut got: Vec<Got> = Vec::new();
        match then {
            Then::Floor(f) => f(&mut self.floor),
            Then::Arrive(v, client) => match self.floor.can_serve(&v) {
                true => {
                    let g = self.floor.serve(&v).expect("servable");
                    got.push(self.served(g, client, today));
                }
                false => self.waiting.push((v, client)),
            },
            Then::Register(c, a, phone) => self.clients.register(c, a, phone, self.clock),
            Then::FollowUp(c) => self.clients.follow_up(c, today),
            Then::Deposit(c, a) => {
                let policy = self.floor.policy.clone();
                self.clients.deposit(c, a, &policy, self.clock);
            }
            Then::Link(a, b, spouse) => self.clients.link(a, b, spouse, self.clock),
            Then::Policy(p) => self.floor.change_policy(*p),
        }
        self.serve_waiting(&mut got, today);
        let mut engine_got: Vec<Got> = decisions
            .iter()
            .filter_map(|d| match &d.what {
                What::Received(r) => Some(Got {
                    visitor: r.visitor,
                    agent: r.agent,
                    route: match r.via {
                        Via::Rotation => Route::Rotation,
                        Via::MakeUp { placement } => Route::MakeUp(placement),
                        Via::Named => Route::Named,
                        Via::Owner => Route::Owner,
                        Via::StandIn { owner } => Route::StandIn(owner),
                        Via::PhoneDuty => Route::PhoneDuty,
                        _ => return None,
                    },
                    counted: r.counted,
                }),
                _ => None,
            })
            .collect();
        engine_got.sort();
        got.sort();
        if engine_got != got {
            return Err(format!(
                "receptions differ at event {}: engine {engine_got:?}, model {got:?}",
                e.id
            ));
        }
        self.compare_floor(e.id.0)?;
        self.compare_clients(e.id.0)
    }

    /// A visitor received: the client's side of it (P2-2.13's contact, a
    /// stand-in's claim, a lapsed client kept by naming its agent).
    fn served(&mut self, g: Got, client: Option<ClientId>, today: Date) -> Got {
        if let Some(c) = client {
            if g.route == Route::Owner {
                self.clients
                    .kept_by_naming(c, g.agent, &self.floor.policy, today);
            }
            let stood_in_for = match g.route {
                Route::StandIn(o) => Some(o),
                _ => None,
            };
            self.clients.received(c, g.agent, stood_in_for, self.clock);
        }
        g
    }

    /// Waiting visitors are received as soon as they can be: first one
    /// whose own or named agent is free (it waits for that agent only),
    /// else the earliest any agent can receive; again while one is.
    fn serve_waiting(&mut self, got: &mut Vec<Got>, today: Date) {
        loop {
            let floor = &self.floor;
            let bound = self
                .waiting
                .iter()
                .position(|(v, _)| match (v.owner, v.named) {
                    (Some(o), _) => floor.is_free(o),
                    (None, Some(n)) => floor.order.contains(&n) && floor.is_free(n),
                    _ => false,
                });
            let order: Vec<usize> = bound.into_iter().chain(0..self.waiting.len()).collect();
            let Some(i) = order
                .into_iter()
                .find(|i| self.floor.can_serve(&self.waiting[*i].0))
            else {
                return;
            };
            let (v, client) = self.waiting.remove(i);
            let g = self.floor.serve(&v).expect("servable");
            got.push(self.served(g, client, today));
        }
    }

    fn compare_floor(&self, at: u64) -> Result<(), String> {
        let board = self.state.board();
        let mut engine: Vec<VisitorId> = board.waiting_iter().map(|w| w.visit.visitor).collect();
        let mut model: Vec<VisitorId> = self.waiting.iter().map(|(v, _)| v.id).collect();
        engine.sort();
        model.sort();
        if engine != model {
            return Err(format!(
                "after event {at}, waiting: engine {engine:?}, model {model:?}"
            ));
        }
        for m in &self.floor.agents {
            let v = board
                .agent(m.id)
                .ok_or_else(|| format!("{} unknown to the engine", m.id))?;
            let s = v.stats;
            let engine = (
                s.counted,
                s.uncounted,
                s.passed_over,
                s.forfeited,
                v.makeups_owed,
            );
            let model = (
                m.counted,
                m.uncounted,
                m.passed_over,
                m.forfeited,
                self.floor.owed_to(m.id),
            );
            if engine != model {
                return Err(format!(
                    "after event {at}, {} (counted, uncounted, passed over, forfeited, make-ups owed): engine {engine:?}, model {model:?}",
                    m.id
                ));
            }
            let busy_with = match v.status {
                Status::Busy { visitor, .. } => Some(visitor),
                _ => None,
            };
            if busy_with != m.busy.as_ref().map(|b| b.visitor) {
                return Err(format!(
                    "after event {at}, {} is receiving {busy_with:?} in the engine, {:?} in the model",
                    m.id,
                    m.busy.as_ref().map(|b| b.visitor)
                ));
            }
        }
        Ok(())
    }

    fn compare_clients(&self, at: u64) -> Result<(), String> {
        let now = self.clock;
        let policy = &self.floor.policy;
        for c in &self.clients.list {
            let engine = self.state.registry().owner_of(c.id, now);
            let model = self.clients.owner(c.id, policy, now.date());
            if engine != model {
                return Err(format!(
                    "after event {at}, the owner of {}: engine {engine:?}, model {model:?}",
                    c.id
                ));
            }
        }
        for (deal, (client, model)) in self.deals.iter().zip(&self.clients.deals) {
            let d = self
                .state
                .deals()
                .deal(*deal)
                .ok_or_else(|| format!("{deal} unknown to the engine"))?;
            let mut engine: Vec<(AgentId, u32)> = d
                .shares()
                .iter()
                .filter_map(|s| s.payee.agent().map(|a| (a, s.share.0)))
                .collect();
            engine.sort();
            if &engine != model {
                return Err(format!(
                    "after event {at}, the shares of {deal} ({client}): engine {engine:?}, model {model:?}"
                ));
            }
        }
        Ok(())
    }

    /// A new day: the clock moves on and the first three agents sign in.
    fn next_day(&mut self, skip: u8) -> Result<(), String> {
        let date = self.today().add_days(1 + i32::from(skip % 25));
        self.clock = date.start().plus_seconds(9 * 3600 - 60);
        for k in 0..3 {
            let a = agent_id(k);
            self.step(
                SignIn { agent: a }.into(),
                Then::Floor(Box::new(move |f| f.sign_in(a))),
            )?;
        }
        Ok(())
    }

    fn run(&mut self, ops: &[Op]) -> Result<(), String> {
        for k in 0..3 {
            let a = agent_id(k);
            self.step(
                SignIn { agent: a }.into(),
                Then::Floor(Box::new(move |f| f.sign_in(a))),
            )?;
        }
        for op in ops {
            if let Op::NextDay(skip) = op {
                self.next_day(*skip)?;
                continue;
            }
            if let Some((kind, then)) = self.event_for(op) {
                self.step(kind, then)?;
            }
        }
        Ok(())
    }

    fn log_text(&self) -> String {
        let mut s = String::new();
        for e in &self.log {
            s.push_str(&format!("{} {} {}\n", e.id, e.at, short(&e.kind)));
        }
        s
    }
}

/// One line of the failure log: the event without its policy's full text.
fn short(kind: &EventKind) -> String {
    match kind {
        EventKind::ChangePolicy(p) => format!(
            "ChangePolicy({}, rotation {:?})",
            p.policy.name, p.policy.rotation.value
        ),
        k => format!("{k:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::properties::cases()))]

    /// The engine and the reference model agree on every generated day,
    /// after every event: who receives each visitor and how, every
    /// agent's counts and make-ups owed, every client's owner, every
    /// deal's shares.
    #[test]
    fn engine_agrees_with_the_reference_model_after_every_event(
        start in mix(),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let policy = start.policy();
        let mut day = Day::new(policy.clone());
        if let Err(why) = day.run(&ops) {
            prop_assert!(false, "{why}\nunder {}\nlog:\n{}", policy.name, day.log_text());
        }
    }
}
