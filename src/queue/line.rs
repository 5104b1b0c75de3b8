//! The waiting line, and an index of it by what each visitor waits for.
//!
//! Every floor event with an agent free asks the waiting line whether a
//! visitor can be received now (`Queue::serve_waiting`). Most of a long
//! line waits for one busy agent: a returning client seated for the
//! manager's word while its own agent is busy (P2-3.8, P2-3.9), a visitor
//! waiting for the agent it named (P1-16, P3-20). Asking each of them on
//! every event was a third of a replay's instructions (issue 9).
//!
//! The index keeps, per roster slot, the visitors *bound* to that agent
//! (a returning client's own agent, else the agent a visitor named), and
//! which visitors are *parked*: those `serve_waiting` would pass over
//! without asking `serve`, as `Queue::skipped` decides from the visitor,
//! the policy and the one agent it is bound to. A parked visitor is looked
//! at again only when what `skipped` reads of the policy ([`PolicyKey`]),
//! of its agent ([`AgentKey`]) or of the roster changes. The others are
//! the *live* visitors, the only ones an event asks.
//!
//! The index is derived, never the state: a snapshot does not keep it,
//! equality and `Debug` do not read it, and a line read back (or new) has
//! a stale index, rebuilt by the queue on first use.

use std::collections::VecDeque;

use super::agent::AgentState;
use super::Waiting;
use crate::decision::WaitReason;
use crate::policy::{OffShift, Policy, PurposeSet};

/// The visitors waiting, in arrival order, with their index.
#[derive(Clone, Default)]
pub(crate) struct Line {
    entries: VecDeque<Waiting>,
    index: Index,
}

/// See the module. Visitors are named in it by a sequence number given in
/// arrival order, so that the lists stay sorted as the line moves.
#[derive(Clone, Default)]
struct Index {
    /// Whether the rest holds for the line as it is; false for a line new
    /// or read back, and after a change the index does not follow.
    fresh: bool,
    /// Per visitor, in line order.
    meta: VecDeque<Meta>,
    next_seq: u32,
    /// Per roster slot: the visitors bound to its agent, in line order.
    groups: Vec<Vec<u32>>,
    /// The slots whose group is not empty, in no order: an event looks at
    /// the agents visitors wait for, not at the whole roster.
    watched: Vec<u16>,
    /// Per roster slot: the agent as its group's parked flags were last
    /// worked out, `None` if never.
    seen: Vec<Option<AgentKey>>,
    /// The visitors not parked, in line order.
    live: Vec<u32>,
    /// The roster's size and the policy the index was built under: a new
    /// agent may be the one a waiting visitor is bound to, and a policy
    /// may park or release any visitor.
    roster: usize,
    policy: Option<PolicyKey>,
}

#[derive(Debug, Clone, Copy)]
struct Meta {
    seq: u32,
    bound: Option<u16>,
    parked: bool,
}

/// What `Queue::skipped` and `Queue::bound_agent_free` read of an agent:
/// whether it is signed in, suspended, paused, on shift, away, busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AgentKey(u8);

impl AgentKey {
    pub(crate) fn of(a: &AgentState) -> AgentKey {
        let bits = [
            a.signed_in,
            a.suspended,
            a.paused,
            a.on_shift,
            a.away.is_some(),
            a.busy.is_some(),
        ];
        AgentKey(bits.iter().fold(0, |k, b| (k << 1) | u8::from(*b)))
    }
}

/// What `Queue::skipped` and `Queue::bound_agent_free` read of the
/// policy: which purposes are greeted uncounted (P2-3.7), whether shifts
/// matter to the rotation (P3-1), and whether a stand-in for a busy or an
/// absent owner waits for the manager's word (P2-3.8, P2-3.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PolicyKey {
    uncounted: PurposeSet,
    shifts_ignored: bool,
    busy_needs_approval: bool,
    absent_needs_approval: bool,
}

impl PolicyKey {
    pub(crate) fn of(p: &Policy) -> PolicyKey {
        PolicyKey {
            uncounted: p.uncounted.value,
            shifts_ignored: p.off_shift.value == OffShift::Ignored,
            busy_needs_approval: p.stand_in_busy.value.needs_approval,
            absent_needs_approval: p.stand_in_absent.value.needs_approval,
        }
    }
}

impl Line {
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn iter(&self) -> std::collections::vec_deque::Iter<'_, Waiting> {
        self.entries.iter()
    }

    /// Room for `additional` more visitors, in the line and its index.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.index.meta.reserve(additional);
        self.index.live.reserve(additional);
    }

    /// Room in the index for a roster of `agents`, each with a few
    /// visitors bound to it, so that the floor's events do not grow it.
    pub(crate) fn reserve_roster(&mut self, agents: usize) {
        let i = &mut self.index;
        if i.groups.len() < agents {
            i.groups.resize_with(agents, || Vec::with_capacity(4));
            i.seen.resize(agents, None);
            i.watched.reserve(agents - i.watched.len());
        }
    }

    /// Puts a visitor at the end of the line, bound to the agent at
    /// `bound`. It is live until the queue finds it parked.
    pub(crate) fn push_back(&mut self, w: Waiting, bound: Option<u16>) {
        self.entries.push_back(w);
        let i = &mut self.index;
        let fits = bound.is_none_or(|s| usize::from(s) < i.groups.len());
        if !i.fresh || !fits || i.next_seq == u32::MAX {
            i.fresh = false;
            return;
        }
        i.bind(bound, false);
    }

    /// Takes the visitor at `i` out of the line.
    pub(crate) fn remove(&mut self, i: usize) -> Option<Waiting> {
        let w = self.entries.remove(i)?;
        let x = &mut self.index;
        if x.fresh {
            let m = x.meta.remove(i).expect("one meta per visitor");
            if let Some(s) = m.bound {
                x.unbind(s, m.seq);
            }
            if !m.parked {
                remove_sorted(&mut x.live, m.seq);
            }
            if x.meta.is_empty() {
                x.next_seq = 0;
            }
        }
        Some(w)
    }

    /// Empties the line, keeping its room (a new day, P3-1).
    pub(crate) fn drain(&mut self) -> std::collections::vec_deque::Drain<'_, Waiting> {
        let x = &mut self.index;
        x.meta.clear();
        x.live.clear();
        x.groups.iter_mut().for_each(Vec::clear);
        x.watched.clear();
        x.next_seq = 0;
        self.entries.drain(..)
    }

    /// A new reason for the visitor at `i`, which `serve` gave. It is live
    /// until the queue finds it parked again.
    pub(crate) fn set_reason(&mut self, i: usize, reason: WaitReason) {
        self.entries[i].reason = reason;
        if self.index.fresh {
            self.set_parked(i, false);
        }
    }

    /// Changes the visitor at `i` otherwise (its client identified, say):
    /// the agent it is bound to may change, so the index is built anew.
    pub(crate) fn update(&mut self, i: usize, f: impl FnOnce(&mut Waiting)) {
        f(&mut self.entries[i]);
        self.index.fresh = false;
    }

    /// Whether the index must be built anew before use: it does not follow
    /// the line, the roster grew, or the policy reads differently.
    pub(crate) fn stale(&self, roster: usize, policy: PolicyKey) -> bool {
        let i = &self.index;
        !i.fresh || i.roster != roster || i.policy != Some(policy)
    }

    /// Starts building the index anew: the queue then calls
    /// [`Line::bind`] for each visitor in line order.
    pub(crate) fn begin_rebuild(&mut self, roster: usize, policy: PolicyKey) {
        self.reserve_roster(roster);
        let x = &mut self.index;
        x.meta.clear();
        x.live.clear();
        x.groups.iter_mut().for_each(Vec::clear);
        x.watched.clear();
        x.seen.iter_mut().for_each(|s| *s = None);
        x.next_seq = 0;
        x.roster = roster;
        x.policy = Some(policy);
        x.fresh = true;
    }

    /// The next visitor of a rebuild: bound to `bound`, parked or not.
    pub(crate) fn bind(&mut self, bound: Option<u16>, parked: bool) {
        debug_assert!(self.index.meta.len() < self.entries.len());
        self.index.bind(bound, parked);
    }

    /// The slots with visitors bound to them, in no order.
    pub(crate) fn watched(&self) -> &[u16] {
        &self.index.watched
    }

    /// Whether the parked flags of the visitors bound to `slot` were worked
    /// out for another state of its agent than `now`.
    pub(crate) fn group_stale(&self, slot: u16, now: AgentKey) -> bool {
        self.index.seen[usize::from(slot)] != Some(now)
    }

    /// The group of `slot`'s flags hold for its agent in state `now`.
    pub(crate) fn set_seen(&mut self, slot: u16, now: AgentKey) {
        self.index.seen[usize::from(slot)] = Some(now);
    }

    /// How many visitors are bound to the agent at `slot`.
    pub(crate) fn group_len(&self, slot: u16) -> usize {
        self.index.groups[usize::from(slot)].len()
    }

    /// The place in line of the `k`-th visitor bound to `slot`.
    pub(crate) fn group_pos(&self, slot: u16, k: usize) -> usize {
        self.index.pos(self.index.groups[usize::from(slot)][k])
    }

    /// The place in line of the `k`-th live visitor, if there is one.
    pub(crate) fn live_pos(&self, k: usize) -> Option<usize> {
        self.index.live.get(k).map(|seq| self.index.pos(*seq))
    }

    pub(crate) fn is_parked(&self, i: usize) -> bool {
        self.index.meta[i].parked
    }

    /// Parks or releases the visitor at `i`. Parking is only right when
    /// the queue has just found it skipped with the index up to date.
    pub(crate) fn set_parked(&mut self, i: usize, parked: bool) {
        let x = &mut self.index;
        debug_assert!(x.fresh);
        let m = &mut x.meta[i];
        if m.parked == parked {
            return;
        }
        m.parked = parked;
        let seq = m.seq;
        if parked {
            remove_sorted(&mut x.live, seq);
        } else if let Err(at) = x.live.binary_search(&seq) {
            x.live.insert(at, seq);
        }
    }

    /// The slot the index holds the visitor at `i` bound to (debug checks).
    #[cfg(debug_assertions)]
    pub(crate) fn bound_of(&self, i: usize) -> Option<u16> {
        self.index.meta[i].bound
    }

    /// The index's lists agree with its flags (debug checks).
    #[cfg(debug_assertions)]
    pub(crate) fn check_index(&self) {
        let x = &self.index;
        assert!(x.fresh && x.meta.len() == self.entries.len());
        let seqs = x.meta.iter().map(|m| m.seq);
        assert!(seqs.clone().zip(seqs.skip(1)).all(|(a, b)| a < b), "order");
        let live = x.meta.iter().filter(|m| !m.parked).map(|m| m.seq);
        assert!(live.eq(x.live.iter().copied()), "live list");
        for (s, group) in x.groups.iter().enumerate() {
            let bound = x.meta.iter().filter(|m| m.bound == Some(s as u16));
            assert!(bound.map(|m| m.seq).eq(group.iter().copied()), "group");
            assert_eq!(x.watched.contains(&(s as u16)), !group.is_empty());
        }
        assert!(x.watched.iter().all(|s| usize::from(*s) < x.groups.len()));
    }
}

impl Index {
    fn bind(&mut self, bound: Option<u16>, parked: bool) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.meta.push_back(Meta { seq, bound, parked });
        if let Some(s) = bound {
            let group = &mut self.groups[usize::from(s)];
            if group.is_empty() {
                self.watched.push(s);
            }
            group.push(seq);
        }
        if !parked {
            self.live.push(seq);
        }
    }

    fn unbind(&mut self, slot: u16, seq: u32) {
        let group = &mut self.groups[usize::from(slot)];
        remove_sorted(group, seq);
        if group.is_empty() {
            if let Some(at) = self.watched.iter().position(|s| *s == slot) {
                self.watched.swap_remove(at);
            }
        }
    }

    /// The place in line of visitor `seq`: the line is in `seq` order.
    fn pos(&self, seq: u32) -> usize {
        self.meta
            .binary_search_by_key(&seq, |m| m.seq)
            .expect("an indexed visitor is in line")
    }
}

fn remove_sorted(list: &mut Vec<u32>, seq: u32) {
    if let Ok(at) = list.binary_search(&seq) {
        list.remove(at);
    }
}

impl std::ops::Index<usize> for Line {
    type Output = Waiting;

    fn index(&self, i: usize) -> &Waiting {
        &self.entries[i]
    }
}

impl From<VecDeque<Waiting>> for Line {
    /// A line read back: its index is built on first use.
    fn from(entries: VecDeque<Waiting>) -> Line {
        Line {
            entries,
            index: Index::default(),
        }
    }
}

/// The visitors, not the index.
impl PartialEq for Line {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Line {}

/// As the line's `VecDeque` was shown before it had an index.
impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.entries.fmt(f)
    }
}

/// As the line's `VecDeque` was written before it had an index.
#[cfg(feature = "serde")]
impl serde::Serialize for Line {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entries.serialize(s)
    }
}
