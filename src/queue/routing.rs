//! Who receives a visitor: the rotation's pick with its pass-overs and
//! make-ups, the special routes (named agent, returning client, stand-in,
//! phone duty, greeting), and the waiting list.

use std::ops::ControlFlow;

use super::agent::{Busy, Visit};
use super::ledger::{MakeUp, MakeUpReason};
use super::rotation::Cand;
use super::{line, Queue, Waiting};
use crate::decision::{Out, Reception, Via, WaitReason, What};
use crate::event::Channel;
use crate::policy::{
    Consequence, OffShift, PassReason, Placement, Policy, RotationModel, StandInPick, TurnRule,
    When,
};
use crate::{rules, Rules, VisitorId};

/// What a reception takes of the agent's place in the rotation: whether it
/// counts, whether it uses the agent's turn, and the make-up it used, kept
/// so that a reception the floor records as another's gives it back.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Turn {
    pub counted: bool,
    pub uses_turn: bool,
    pub makeup: Option<MakeUp>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    slot: u16,
    reason: PassReason,
    new_round: bool,
    /// A make-up holder skipped again when its kept turn came (P3-1
    /// 轮到的人员正在接待客户,则跳过, read as applying each time the turn
    /// comes): it keeps the one make-up it holds and earns no other.
    again: bool,
}

#[derive(Debug, Clone, Copy)]
enum PickKind {
    Rotation { pos: usize, new_round: bool },
    MakeUp { idx: usize },
}

/// The rotation's choice for a counted visitor, not yet committed. Its
/// pass-overs, when asked for, are written to a buffer the caller holds
/// (`PassBuffer`): a pick is small and copied freely.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pick {
    pub slot: u16,
    kind: PickKind,
}

/// The agents a pick passes over, in scan order: one buffer the queue
/// keeps from pick to pick, so that a pick, made for every counted visitor
/// and on every end that serves the waiting, neither allocates once the
/// floor is warm nor fills and moves a list of its own (issue 9: an
/// inline list of 32 places, cleared and moved by value with each pick,
/// was a fifth of a P1 fold day's instructions). Derived scratch, never
/// state: a snapshot leaves it out and equality does not read it.
#[derive(Debug, Clone, Default)]
pub(crate) struct PassBuffer(Vec<Pass>);

impl PartialEq for PassBuffer {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for PassBuffer {}

impl PassBuffer {
    /// Room for a roster of `agents`: a pick passes each agent over once
    /// at most.
    pub(crate) fn reserve_total(&mut self, agents: usize) {
        self.0.reserve(agents.saturating_sub(self.0.len()));
    }
}

/// How a returning client's own agent's reception counts: a deposit-paying
/// client may be told apart (P3-1).
pub(crate) fn owner_rule(policy: &Policy, visit: &Visit) -> crate::policy::Ruled<TurnRule> {
    if visit.deposit_paid {
        policy.deposit_paid_owner
    } else {
        policy.returning_owner
    }
}

fn when(w: When, is_turn: bool) -> bool {
    match w {
        When::Never => false,
        When::IfTurn => is_turn,
        When::Always => true,
    }
}

impl Queue {
    /// In the rotation: signed in, not suspended, on shift unless shifts are ignored.
    pub(crate) fn in_rotation(&self, slot: u16, policy: &Policy) -> bool {
        let a = &self.agents[usize::from(slot)];
        a.signed_in
            && !a.suspended
            && !a.paused
            && (a.on_shift || policy.off_shift.value == OffShift::Ignored)
    }

    /// May take a new client now (P1-7: never a busy agent).
    pub(crate) fn eligible(&self, slot: u16, policy: &Policy) -> bool {
        // Free first: it turns a busy agent away in one test, where the
        // rotation's tests pass every agent on the floor.
        self.agents[usize::from(slot)].free() && self.in_rotation(slot, policy)
    }

    /// Who the rotation gives the next counted visitor to.
    pub(crate) fn pick(&self, policy: &Policy, exclude: Option<u16>) -> Option<Pick> {
        self.pick_passing(policy, exclude, None)
    }

    /// Who the rotation gives the next counted visitor to, and, into
    /// `passed` (emptied first) when given, who it passes over. Only a
    /// pick to be committed asks for its pass-overs: the others (is it
    /// the agent's turn, who greets) need the receiver alone, and the
    /// pass-overs never change who receives.
    fn pick_passing(
        &self,
        policy: &Policy,
        exclude: Option<u16>,
        mut passed: Option<&mut Vec<Pass>>,
    ) -> Option<Pick> {
        if let Some(p) = passed.as_deref_mut() {
            p.clear();
        }
        // Nobody free: no scan, and no one is passed over (no one received).
        if !self.agents.iter().any(|a| a.free()) {
            return None;
        }
        let ready = |s: u16| Some(s) != exclude && self.eligible(s, policy);
        if let Some(idx) = self.ledger.first_ready(Placement::Head, ready) {
            let slot = self.ledger.get(idx).slot;
            return Some(Pick {
                slot,
                kind: PickKind::MakeUp { idx },
            });
        }
        let found = self.rotation.scan(|c| match c {
            Cand::RoundEnd => {
                let found = self.ledger.first_ready(Placement::Last, ready);
                if let Some(passed) = passed.as_deref_mut() {
                    self.skipped_again(policy, exclude, found, passed);
                }
                match found {
                    Some(idx) => {
                        ControlFlow::Break((self.ledger.get(idx).slot, PickKind::MakeUp { idx }))
                    }
                    None => ControlFlow::Continue(()),
                }
            }
            Cand::Agent {
                slot,
                pos,
                new_round,
            } => {
                if Some(slot) == exclude || !self.in_rotation(slot, policy) {
                    return ControlFlow::Continue(());
                }
                let a = &self.agents[usize::from(slot)];
                match a.pass_reason() {
                    None => ControlFlow::Break((slot, PickKind::Rotation { pos, new_round })),
                    Some(reason) => {
                        // One pass-over per agent and visitor: a new
                        // round's scan meets an agent again, and so does a
                        // cycle's scan after the round's end skipped the
                        // agent's kept turn.
                        if let Some(passed) = passed.as_deref_mut() {
                            if !passed.iter().any(|p| p.slot == slot) {
                                passed.push(Pass {
                                    slot,
                                    reason,
                                    new_round,
                                    again: false,
                                });
                            }
                        }
                        ControlFlow::Continue(())
                    }
                }
            }
        });
        let (slot, kind) = found?;
        // Only those scanned before the receiver were passed over. A scan
        // that started no round passed none so (the cycle never does).
        if let (
            PickKind::Rotation {
                new_round: false, ..
            }
            | PickKind::MakeUp { .. },
            Some(passed),
        ) = (kind, passed)
        {
            if passed.iter().any(|p| p.new_round) {
                passed.retain(|p| !p.new_round);
            }
        }
        Some(Pick { slot, kind })
    }

    /// At a round's end, the holders of a make-up placed last whose kept
    /// turn comes before the one taken (`found`), and who cannot take it
    /// now: they are skipped again, each once.
    fn skipped_again(
        &self,
        policy: &Policy,
        exclude: Option<u16>,
        found: Option<usize>,
        passed: &mut Vec<Pass>,
    ) {
        let before = match self.rotation.model {
            RotationModel::UpBoard => 0,
            _ => found.unwrap_or(self.ledger.entries().len()),
        };
        for m in &self.ledger.entries()[..before] {
            let skipped = m.placement == Placement::Last
                && Some(m.slot) != exclude
                && self.in_rotation(m.slot, policy)
                && !passed.iter().any(|p| p.slot == m.slot);
            if let Some(reason) = skipped
                .then(|| self.agents[usize::from(m.slot)].pass_reason())
                .flatten()
            {
                passed.push(Pass {
                    slot: m.slot,
                    reason,
                    new_round: false,
                    again: true,
                });
            }
        }
    }

    /// The rotation's pick with its pass-overs, committed: `None` if
    /// nobody may receive. The pass-overs are written to the queue's own
    /// buffer, taken out while the commit changes the queue and put back,
    /// its room kept (issue 9).
    fn pick_and_commit(
        &mut self,
        policy: &Policy,
        exclude: Option<u16>,
        visitor: VisitorId,
        out: &mut Out,
    ) -> Option<(Pick, Via, Option<MakeUp>)> {
        let mut passed = std::mem::take(&mut self.passes.0);
        let committed = self
            .pick_passing(policy, exclude, Some(&mut passed))
            .map(|pick| {
                let (via, makeup) = self.commit_pick(policy, &pick, &passed, visitor, out);
                (pick, via, makeup)
            });
        self.passes.0 = passed;
        committed
    }

    /// Records a pass-over and what it earns (P1-1, P2-3.10, P3-1, P3-13).
    fn record_pass(&mut self, policy: &Policy, p: Pass, visitor: VisitorId, out: &mut Out) {
        let cell = policy.pass_over.get(p.reason);
        let owed = match (p.again, cell.value) {
            // Skipped again for a reason that earns a make-up: it keeps
            // the one it holds (once only, P2-3.10, P3-1).
            (true, Consequence::MakeUp(_)) => {
                self.agents[usize::from(p.slot)].stats.passed_over += 1;
                false
            }
            // Skipped again for a reason that loses the turn (P3-13 at a
            // meal): the kept turn is the turn that came, and it is lost.
            (true, _) => {
                let mine = |s: u16| s == p.slot;
                if let Some(i) = self.ledger.first_ready(Placement::Last, mine) {
                    self.ledger.take(i);
                }
                self.charge(p.slot, p.reason, cell.value, cell.rules, out.at)
            }
            (false, _) => self.charge(p.slot, p.reason, cell.value, cell.rules, out.at),
        };
        out.push(
            cell.rules,
            What::PassedOver {
                agent: self.agents[usize::from(p.slot)].id,
                visitor,
                reason: p.reason,
                consequence: cell.value,
                owed,
            },
        );
    }

    /// Counts a lost turn and opens a make-up if one is due and none is
    /// owed for the spell. Returns whether one was opened.
    pub(crate) fn charge(
        &mut self,
        slot: u16,
        reason: PassReason,
        consequence: Consequence,
        rules: Rules,
        at: crate::Timestamp,
    ) -> bool {
        let a = &mut self.agents[usize::from(slot)];
        match consequence {
            Consequence::Forfeit => a.stats.forfeited += 1,
            _ => a.stats.passed_over += 1,
        }
        let Consequence::MakeUp(placement) = consequence else {
            return false;
        };
        if self.ledger.owes(slot, a.spell) {
            return false;
        }
        a.stats.makeups_granted += 1;
        self.ledger.grant(MakeUp {
            agent: a.id,
            placement,
            reason: MakeUpReason::PassedOver { reason },
            since: at,
            rules,
            slot,
            spell: a.spell,
        });
        true
    }

    /// Says, for each holder of a make-up at the head that the pick went
    /// past because the holder is away, that its make-up waits for its
    /// return: the agent needs to know the visitor did not use it up.
    fn say_makeups_waiting(&self, policy: &Policy, pick: &Pick, visitor: VisitorId, out: &mut Out) {
        let entries = self.ledger.entries();
        for (i, m) in entries.iter().enumerate() {
            if m.placement != Placement::Head || m.slot == pick.slot {
                continue;
            }
            // Said once per agent: an earlier head entry of the same agent
            // met the same conditions (no list kept, so no allocation).
            // Looked for only for a head entry: asked of every entry, the
            // look back was quadratic in the ledger on every pick.
            let said = entries[..i]
                .iter()
                .any(|e| e.placement == Placement::Head && e.slot == m.slot);
            if said {
                continue;
            }
            if !self.in_rotation(m.slot, policy) {
                continue;
            }
            let a = &self.agents[usize::from(m.slot)];
            if let Some(PassReason::Away(reason)) = a.pass_reason() {
                out.push(
                    m.rules,
                    What::MakeUpWaits {
                        agent: a.id,
                        visitor,
                        reason,
                        placement: m.placement,
                    },
                );
            }
        }
    }

    /// Commits a pick: pass-overs, the rotation's move, a make-up used.
    /// Returns how the receiver got it and the make-up it used, if any.
    fn commit_pick(
        &mut self,
        policy: &Policy,
        pick: &Pick,
        passed: &[Pass],
        visitor: VisitorId,
        out: &mut Out,
    ) -> (Via, Option<MakeUp>) {
        // The make-up taken, before the pass-overs: one skipped again for a
        // reason that loses its kept turn leaves the ledger (P3-13), which
        // would move the entry the pick found.
        self.say_makeups_waiting(policy, pick, visitor, out);
        let taken = match pick.kind {
            PickKind::MakeUp { idx } => Some(self.ledger.take(idx)),
            PickKind::Rotation { .. } => None,
        };
        let mut started = false;
        for p in passed {
            if p.new_round && !started {
                self.rotation.start_round();
                started = true;
            }
            self.rotation.pass(p.slot);
            self.record_pass(policy, *p, visitor, out);
        }
        if let PickKind::Rotation {
            new_round: true, ..
        } = pick.kind
        {
            if !started {
                self.rotation.start_round();
                started = true;
            }
        }
        // Skipped again at the round's end and still busy as the next
        // round starts: its turn of the new round too is placed last among
        // those not yet received (P3-1 排到未接销售人员末位).
        if started {
            for p in passed.iter().filter(|p| p.again) {
                self.rotation.place_last(p.slot);
            }
        }
        match pick.kind {
            PickKind::Rotation { pos, .. } => {
                self.rotation.take(pick.slot, pos);
                self.agents[usize::from(pick.slot)].round_taken = self.rotation.round;
                // The up board has no round end: an agent passed over goes
                // to the back of the line, and its make-up placed last is
                // the turn it takes from there.
                if self.rotation.model == RotationModel::UpBoard {
                    let mine = |s: u16| s == pick.slot;
                    if let Some(idx) = self.ledger.first_ready(Placement::Last, mine) {
                        let m = self.ledger.take(idx);
                        self.agents[usize::from(pick.slot)].stats.makeups_used += 1;
                        return (
                            Via::MakeUp {
                                placement: m.placement,
                            },
                            Some(m),
                        );
                    }
                }
                (Via::Rotation, None)
            }
            PickKind::MakeUp { .. } => {
                let m = taken.expect("taken above");
                self.agents[usize::from(pick.slot)].stats.makeups_used += 1;
                self.rotation.leave_line(pick.slot);
                (
                    Via::MakeUp {
                        placement: m.placement,
                    },
                    Some(m),
                )
            }
        }
    }

    /// Applies a turn rule to a reception outside the rotation's own pick:
    /// whether it counts, and whether it takes the agent's turn.
    fn apply_turn(
        &mut self,
        policy: &Policy,
        slot: u16,
        rule: TurnRule,
        visitor: VisitorId,
        out: &mut Out,
    ) -> Turn {
        // It is the agent's turn if the rotation would give it the next
        // visitor (P1-16 如正轮到该售楼员接待). Taking it moves the rotation
        // only: a visitor served outside the order (a named agent, P3-20
        // 跳过排序; the manager's pick) passes no one else over and owes no
        // one a make-up.
        let up = self.pick(policy, None).filter(|p| p.slot == slot);
        let is_turn = up.is_some();
        let (counted, uses) = (when(rule.counts, is_turn), when(rule.uses_turn, is_turn));
        let mut makeup = None;
        if uses {
            makeup = match up {
                Some(p) => {
                    // Just the move: no one passed over (see above). A
                    // make-up up next is the turn this reception uses:
                    // say so (P2-3.10 优先补接 used by a named visitor).
                    let (_, m) = self.commit_pick(policy, &p, &[], visitor, out);
                    if let Some(m) = m {
                        let agent = self.agents[usize::from(slot)].id;
                        out.push(
                            m.rules,
                            What::MakeUpUsed {
                                agent,
                                visitor,
                                placement: m.placement,
                            },
                        );
                    }
                    m
                }
                None => self.use_turn_out_of_order(slot, visitor, out),
            };
        }
        Turn {
            counted,
            uses_turn: uses,
            makeup,
        }
    }

    /// A reception that uses the agent's turn without the rotation offering
    /// it (a named visitor under P3-20, say): one counted turn a round,
    /// whatever the route (P3-1). In rounds it uses the agent's turn of
    /// the round if the agent still has it; else, in rounds and in a cycle,
    /// the make-up it is owed, which stands for the turn it was skipped
    /// (P3-1 排到未接销售人员末位, P2-3.10 优先补接), and the decision says so.
    /// On the up board it leaves the line until free.
    fn use_turn_out_of_order(
        &mut self,
        slot: u16,
        visitor: VisitorId,
        out: &mut Out,
    ) -> Option<MakeUp> {
        let model = self.rotation.model;
        let has_round_turn =
            model == RotationModel::Rounds && self.rotation.pending.contains(&slot);
        let mut used = None;
        if model == RotationModel::UpBoard || has_round_turn {
            self.rotation.take_out_of_turn(slot);
        } else if let Some(idx) = self.ledger.first_for(slot) {
            let m = self.ledger.take(idx);
            let a = &mut self.agents[usize::from(slot)];
            a.stats.makeups_used += 1;
            out.push(
                m.rules,
                What::MakeUpUsed {
                    agent: a.id,
                    visitor,
                    placement: m.placement,
                },
            );
            used = Some(m);
        }
        self.agents[usize::from(slot)].round_taken = self.rotation.round;
        used
    }

    /// The free agent nearest the end of the rotation, other than `not`:
    /// the duty helper (义务接待, P1-5) and the stand-in it picks. In a
    /// turning rotation the agent who just received is last; it is busy,
    /// so the helper is the free agent furthest from its own turn.
    pub(crate) fn last_free(&self, policy: &Policy, not: [Option<u16>; 2]) -> Option<u16> {
        // Free first: on a busy floor most agents the walk meets are busy,
        // and that one test turns them away (issue 9).
        self.rotation
            .find_from_end(|s| self.eligible(s, policy) && !not.contains(&Some(s)))
    }

    /// Starts a reception.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn start(
        &mut self,
        policy: &Policy,
        slot: u16,
        visit: Visit,
        via: Via,
        turn: Turn,
        rules: Rules,
        out: &mut Out,
    ) {
        // A duty helper pours tea for visitors (P1-5); a call has none.
        let helper = (visit.channel != Channel::Call)
            .then(|| self.last_free(policy, [Some(slot), None]))
            .flatten()
            .map(|h| self.agents[usize::from(h)].id);
        let rules = if helper.is_some() {
            rules.with(crate::Rule::P1_5)
        } else {
            rules
        };
        let Turn {
            counted,
            uses_turn,
            makeup,
        } = turn;
        let busy = Busy {
            visit,
            via,
            counted,
            uses_turn,
            since: out.at,
            makeup,
        };
        self.set_busy(slot, busy);
        let a = &mut self.agents[usize::from(slot)];
        a.spell += 1;
        if counted {
            a.stats.counted += 1;
        } else {
            a.stats.uncounted += 1;
        }
        out.push(
            rules,
            What::Received(Reception {
                visitor: visit.visitor,
                agent: a.id,
                via,
                counted,
                uses_turn,
                client: visit.client,
                helper,
                channel: visit.channel,
                named: visit.named,
                up_board: self.rotation.model == RotationModel::UpBoard,
            }),
        );
    }

    /// A reception outside the rotation's pick, under `rule`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn start_with_rule(
        &mut self,
        policy: &Policy,
        slot: u16,
        visit: Visit,
        via: Via,
        rule: TurnRule,
        rules: Rules,
        out: &mut Out,
    ) {
        let turn = self.apply_turn(policy, slot, rule, visit.visitor, out);
        self.start(policy, slot, visit, via, turn, rules, out);
    }

    /// A counted visitor through the rotation; false if nobody may receive.
    fn start_by_rotation(
        &mut self,
        policy: &Policy,
        visit: Visit,
        exclude: Option<u16>,
        extra: Rules,
        out: &mut Out,
    ) -> bool {
        let Some((pick, via, makeup)) = self.pick_and_commit(policy, exclude, visit.visitor, out)
        else {
            return false;
        };
        let mut rules = makeup.map_or(policy.rotation.rules, |m| m.rules);
        for r in extra.as_slice() {
            rules = rules.with(*r);
        }
        self.start(
            policy,
            pick.slot,
            visit,
            via,
            Turn {
                counted: true,
                uses_turn: makeup.is_none(),
                makeup,
            },
            rules,
            out,
        );
        true
    }

    /// Serves a visitor now if the rules let anyone receive it; otherwise
    /// says why it must wait. Nothing changes when it must wait.
    pub(crate) fn serve(
        &mut self,
        policy: &Policy,
        visit: Visit,
        exclude: Option<u16>,
        out: &mut Out,
    ) -> Option<WaitReason> {
        if policy.uncounted.value.contains(visit.purpose) {
            let by = self.pick(policy, None).map(|p| p.slot);
            if let Some(s) = by {
                self.agents[usize::from(s)].stats.uncounted += 1;
            }
            let agent = by.map(|s| self.agents[usize::from(s)].id);
            let what = What::Greeted {
                visitor: visit.visitor,
                agent,
                purpose: visit.purpose,
            };
            out.push(policy.uncounted.rules, what);
            return None;
        }
        let owner = visit
            .owner
            .and_then(|o| self.slot_of(o))
            .filter(|s| Some(*s) != exclude);
        if let Some(o) = owner.filter(|o| self.agents[usize::from(*o)].free()) {
            let (rule, rules) = match visit.channel {
                Channel::Call => (policy.calls.value, rules![P2_3_4, P2_3_2]),
                _ => {
                    let cell = owner_rule(policy, &visit);
                    (cell.value, cell.rules)
                }
            };
            self.start_with_rule(policy, o, visit, Via::Owner, rule, rules, out);
            return None;
        }
        if visit.channel == Channel::Call {
            let Some(s) = self.last_free(policy, [exclude, None]) else {
                return Some(WaitReason::NobodyFree);
            };
            let mut rules = policy.calls.rules.with(crate::Rule::P2_3_3);
            if visit.owner.is_some() {
                // A registered caller whose own agent cannot take it (P2-3.4).
                rules = rules.with(crate::Rule::P2_3_4);
            }
            self.start_with_rule(
                policy,
                s,
                visit,
                Via::PhoneDuty,
                policy.calls.value,
                rules,
                out,
            );
            return None;
        }
        if let Some(owner_id) = visit.owner {
            return self.stand_in(policy, visit, owner_id, owner, exclude, out);
        }
        let mut extra = Rules::NONE;
        if visit.purpose != crate::event::Purpose::Client {
            // Not a client's purpose, yet not in the uncounted set: the
            // policy's uncounted cell decided it counts (P2-3.7 whatever its
            // intent; P3-10 peers), so the reception cites it.
            for r in policy.uncounted.rules.as_slice() {
                extra = extra.with(*r);
            }
        }
        if let Some(named) = visit.named {
            match self.slot_of(named) {
                // The named agent declined it: the rotation serves it.
                Some(s) if Some(s) == exclude => {}
                Some(s)
                    if self.in_rotation(s, policy)
                        && self.agents[usize::from(s)].away.is_none() =>
                {
                    if self.agents[usize::from(s)].busy.is_some() {
                        return Some(WaitReason::NamedBusy { agent: named });
                    }
                    let cell = policy.named;
                    self.start_with_rule(policy, s, visit, Via::Named, cell.value, cell.rules, out);
                    return None;
                }
                // Not present: the agent whose turn it is receives (P1-16).
                _ => extra = extra.with(crate::Rule::P1_16),
            }
        }
        if matches!(
            visit.introduced_by,
            Some(crate::event::Introducer::Developer | crate::event::Introducer::Company)
        ) {
            extra = extra.with(crate::Rule::P1_19);
        }
        if self.start_by_rotation(policy, visit, exclude, extra, out) {
            None
        } else {
            Some(WaitReason::NobodyFree)
        }
    }

    /// A returning client whose owner cannot receive it now (P1-15, P2-3.8,
    /// P2-3.9, P3-2, P3-4).
    fn stand_in(
        &mut self,
        policy: &Policy,
        visit: Visit,
        owner_id: crate::AgentId,
        owner: Option<u16>,
        exclude: Option<u16>,
        out: &mut Out,
    ) -> Option<WaitReason> {
        let cell = self.stand_in_cell(policy, owner);
        let rule = cell.value;
        let proposed = match rule.pick {
            StandInPick::DutyHelper => self.last_free(policy, [exclude, owner]),
            StandInPick::Rotation => self.pick(policy, exclude.or(owner)).map(|p| p.slot),
        };
        if rule.needs_approval {
            let proposed = proposed.map(|s| self.agents[usize::from(s)].id);
            return Some(WaitReason::AwaitingManager { proposed });
        }
        let Some(slot) = proposed else {
            return Some(WaitReason::NobodyFree);
        };
        let via = Via::StandIn { owner: owner_id };
        match rule.pick {
            StandInPick::Rotation => {
                // The agent on duty: the rotation's pick is its turn by
                // construction; the rule says whether it counts and uses it.
                let counted = when(rule.turn.counts, true);
                let uses = when(rule.turn.uses_turn, true);
                let makeup = if uses {
                    self.pick_and_commit(policy, exclude.or(owner), visit.visitor, out)
                        .expect("proposed above")
                        .2
                } else {
                    None
                };
                let turn = Turn {
                    counted,
                    uses_turn: uses,
                    makeup,
                };
                self.start(policy, slot, visit, via, turn, cell.rules, out);
            }
            StandInPick::DutyHelper => {
                self.start_with_rule(policy, slot, visit, via, rule.turn, cell.rules, out);
            }
        }
        None
    }

    /// The stand-in rule that applies: owner busy, or owner absent.
    pub(crate) fn stand_in_cell(
        &self,
        policy: &Policy,
        owner: Option<u16>,
    ) -> crate::policy::Ruled<crate::policy::StandIn> {
        let busy = owner.is_some_and(|o| {
            let a = &self.agents[usize::from(o)];
            a.signed_in && !a.suspended && a.busy.is_some()
        });
        if busy {
            policy.stand_in_busy
        } else {
            policy.stand_in_absent
        }
    }

    /// Serves waiting visitors while anyone may receive them: returning
    /// clients whose owner is free first, then in arrival order.
    ///
    /// As a scan of the whole line would, visitor by visitor: the earliest
    /// whose bound agent is free, then each in turn that is not skipped,
    /// until `serve` receives one; then again. But it asks only the
    /// visitors the line's index does not hold parked (`line`): a parked
    /// visitor is one the scan would skip, and stays so while its agent,
    /// the policy and the roster read the same.
    pub(crate) fn serve_waiting(&mut self, policy: &Policy, out: &mut Out) {
        loop {
            // Nobody free, nobody to serve: keeps a long queue of waiting
            // visitors from costing a scan per visitor on every event.
            if !self.agents.iter().any(|a| a.free()) {
                return;
            }
            self.refresh_line(policy);
            let mut served = None;
            if let Some(i) = self.first_bound_free(policy) {
                served = self.try_waiting(policy, i, out).then_some(i);
            }
            let mut k = 0;
            while served.is_none() {
                let Some(i) = self.waiting.live_pos(k) else {
                    break;
                };
                if self.try_waiting(policy, i, out) {
                    served = Some(i);
                } else if !self.waiting.is_parked(i) {
                    // Parked, it left the live list: the next is at `k`.
                    k += 1;
                }
            }
            match served {
                Some(i) => {
                    self.waiting.remove(i);
                }
                None => return,
            }
        }
    }

    /// Tries the waiting visitor at `i`: true if `serve` received it (the
    /// caller takes it out of line). Otherwise it stays, parked if it is
    /// skipped, else with the reason `serve` gave (its named agent went
    /// off shift, say) and parked if that reason is one to skip.
    fn try_waiting(&mut self, policy: &Policy, i: usize, out: &mut Out) -> bool {
        let w = self.waiting[i];
        if self.skipped(&w, policy) {
            self.waiting.set_parked(i, true);
            return false;
        }
        let Some(reason) = self.serve(policy, w.visit, w.exclude, out) else {
            return true;
        };
        self.waiting.set_reason(i, reason);
        let parked = self.skipped(&self.waiting[i], policy);
        self.waiting.set_parked(i, parked);
        false
    }

    /// Whether the scan of the waiting line passes over `w` without asking
    /// `serve`, which would only say again why it waits. It reads the
    /// visitor, the policy (`line::PolicyKey`) and the agent `w` is bound
    /// to (`line::AgentKey`), nothing else: the line's index relies on it.
    fn skipped(&self, w: &Waiting, policy: &Policy) -> bool {
        // Waiting for the manager's word on a stand-in while the owner is
        // away: still so while the owner cannot receive and the rule for
        // its state now still wants the word (back but busy, P2-3.9's duty
        // helper may take it).
        let awaiting = matches!(w.reason, WaitReason::AwaitingManager { .. })
            && !self.owner_free(w)
            && self.still_needs_approval(w, policy);
        // Still waiting for a named agent who is busy: `serve` would say
        // so again (P1-16, P3-20).
        awaiting || self.named_still_busy(w, policy)
    }

    /// Brings the line's index up to the floor's state: built anew if the
    /// roster or the policy changed (or it never was), else the parked
    /// flags worked out again for each agent whose state changed.
    fn refresh_line(&mut self, policy: &Policy) {
        let key = line::PolicyKey::of(policy);
        if self.waiting.stale(self.agents.len(), key) {
            self.rebuild_line(policy, key);
        } else {
            for w in 0..self.waiting.watched().len() {
                let s = self.waiting.watched()[w];
                let now = line::AgentKey::of(&self.agents[usize::from(s)]);
                if self.waiting.group_stale(s, now) {
                    for k in 0..self.waiting.group_len(s) {
                        let i = self.waiting.group_pos(s, k);
                        let parked = self.skipped(&self.waiting[i], policy);
                        self.waiting.set_parked(i, parked);
                    }
                    self.waiting.set_seen(s, now);
                }
            }
        }
        #[cfg(debug_assertions)]
        self.check_line(policy);
    }

    fn rebuild_line(&mut self, policy: &Policy, key: line::PolicyKey) {
        self.waiting.begin_rebuild(self.agents.len(), key);
        for i in 0..self.waiting.len() {
            let w = &self.waiting[i];
            let (bound, parked) = (self.bound_slot(w), self.skipped(w, policy));
            self.waiting.bind(bound, parked);
        }
        for s in 0..self.agents.len() as u16 {
            self.waiting
                .set_seen(s, line::AgentKey::of(&self.agents[usize::from(s)]));
        }
    }

    /// The index agrees with the line: each visitor bound where it is, and
    /// each parked visitor skipped now (debug builds, so every test run
    /// checks it).
    #[cfg(debug_assertions)]
    fn check_line(&self, policy: &Policy) {
        self.waiting.check_index();
        for (i, w) in self.waiting.iter().enumerate() {
            assert_eq!(self.waiting.bound_of(i), self.bound_slot(w), "{w:?}");
            let parked = self.waiting.is_parked(i);
            assert!(!parked || self.skipped(w, policy), "parked: {w:?}");
        }
    }

    /// The place of the earliest waiting visitor whose bound agent is free
    /// (`Queue::bound_agent_free`): found among the visitors bound to each
    /// free agent, not by a scan of the line.
    fn first_bound_free(&self, policy: &Policy) -> Option<usize> {
        let first = self
            .waiting
            .watched()
            .iter()
            .copied()
            .filter(|s| self.agents[usize::from(*s)].free())
            .filter_map(|s| {
                (0..self.waiting.group_len(s))
                    .map(|k| self.waiting.group_pos(s, k))
                    .find(|i| self.bound_agent_free(&self.waiting[*i], policy))
            })
            .min();
        debug_assert_eq!(
            first,
            self.waiting
                .iter()
                .position(|w| self.bound_agent_free(w, policy))
        );
        first
    }

    /// Whether a waiting visitor tied to one agent (a returning client's
    /// own agent, or the agent a new visitor named) finds it free now.
    /// Such a visitor is served before earlier walk-ins waiting for anyone:
    /// it waits for that agent only, so giving the agent to a walk-in would
    /// keep it waiting while the walk-in could take the next agent free
    /// (P2-3.2 its own agent serves it; P1-16, P3-20 served by the agent it
    /// names, 优先接待). A named agent who is out of the rotation (off shift)
    /// binds nothing: the visitor then goes to the rotation in its turn.
    fn bound_agent_free(&self, w: &Waiting, policy: &Policy) -> bool {
        if w.visit.owner.is_some() {
            return self.owner_free(w);
        }
        self.named_slot(w)
            .is_some_and(|s| Some(s) != w.exclude && self.eligible(s, policy))
    }

    /// Whether a visitor waiting for the agent it named still finds it
    /// present but busy: exactly when `serve` would answer `NamedBusy`
    /// again, so its reason stays true.
    fn named_still_busy(&self, w: &Waiting, policy: &Policy) -> bool {
        let named_busy = matches!(w.reason, WaitReason::NamedBusy { .. });
        let greeted = policy.uncounted.value.contains(w.visit.purpose);
        if !named_busy || greeted || w.visit.owner.is_some() || w.visit.channel == Channel::Call {
            return false;
        }
        let Some(s) = self.named_slot(w) else {
            return false;
        };
        let a = &self.agents[usize::from(s)];
        Some(s) != w.exclude && self.in_rotation(s, policy) && a.away.is_none() && a.busy.is_some()
    }

    /// Whether the stand-in rule for the waiting client's owner, in the
    /// state the owner is in now (busy, or away), wants the manager's word.
    fn still_needs_approval(&self, w: &Waiting, policy: &Policy) -> bool {
        let owner = w.visit.owner.and_then(|o| self.slot_of(o));
        self.stand_in_cell(policy, owner).value.needs_approval
    }

    /// Whether a waiting returning client's own agent is free for it.
    fn owner_free(&self, w: &Waiting) -> bool {
        self.owner_slot(w)
            .is_some_and(|s| self.agents[usize::from(s)].free() && Some(s) != w.exclude)
    }
}
