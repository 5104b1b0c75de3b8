//! A list of decisions kept compact and rendered on demand (issue 9): a
//! year of a busy floor makes millions of decisions, and a [`Decision`]
//! is 184 bytes because it can name six agents, visitors and clients by
//! their 25-byte ids. Most of them differ only in those ids: an agent
//! passed over as busy, a visitor received by rotation, a client owned
//! by first contact. So each is kept as a *shape* (its rules and its
//! content with the ids and numbers blanked), stored once for the whole
//! log, and a record of a few bytes: the shape's number, the event and
//! time when they changed, then the ids as text and the numbers.
//! Decisions on deals, those holding a list (the facts missing, the
//! clients of a name) and the rare floor decisions with other content (a
//! policy change, a new order) are kept whole.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};

use super::{ClientDecision, Decision, Reception, Via, WaitReason, What};
use crate::event::digest::WordFnv;
use crate::id::{Inline, InlineId};
use crate::{EventId, Rules, Timestamp};

/// Decisions in the order they were made, each kept in a few bytes and
/// rendered again when read: counted, 33 bytes a decision on a busy P1
/// day and 31 on a generated year with its registry, where a
/// `Vec<Decision>` holds 184 (issue 9). Pushing one costs some 500
/// instructions: the price of the memory saved, for a replay that keeps
/// what it decided (a day's decisions for a report, years of them in a
/// back office).
///
/// Fill it from a replay that hands each decision over
/// ([`State::resume_with`](crate::State::resume_with)), or collect one; read
/// it with [`DecisionLog::iter`], which gives back every decision as it was
/// pushed.
///
/// ```
/// use anchang::{DecisionLog, Event, Lang, Policy, State, Timestamp};
/// use anchang::event::{Arrive, SignIn};
///
/// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
/// let log = [
///     Event::new(1, at, SignIn { agent: "Li".parse().unwrap() }),
///     Event::new(2, at, Arrive::walk_in("v1".parse().unwrap())),
/// ];
/// let mut kept = DecisionLog::new();
/// let mut state = State::new(Policy::p1());
/// state.resume_with(&log, |d| kept.push(d)).unwrap();
///
/// // The same decisions as a replay keeping them whole.
/// let whole = anchang::replay(&Policy::p1(), &log).unwrap().decisions;
/// assert_eq!(kept.len(), whole.len());
/// assert!(kept.iter().eq(whole.iter().cloned()));
/// let last = kept.iter().last().unwrap();
/// assert_eq!(last.code(), "queue.received");
/// assert!(last.explain(Lang::Zh).contains("Li"));
/// ```
#[derive(Clone)]
pub struct DecisionLog {
    /// A record for each decision: its shape and, for a compact one, the
    /// event and time when they differ from the last, then its ids and numbers.
    bytes: Vec<u8>,
    /// Each shape once, numbered in the order first seen.
    shapes: Vec<(Rules, What)>,
    /// Each shape's number in `shapes`, by the shape's hash. A fixed
    /// hasher: no randomness, and the numbers do not depend on it anyway.
    numbers: HashMap<u64, u32, BuildHasherDefault<WordFnv>>,
    /// The shapes used last, most recent first ([`NONE`] where unused).
    recent: [u32; RECENT],
    /// The decisions kept whole, in order.
    whole: Vec<Decision>,
    /// How many decisions.
    len: usize,
    /// The event and time of the last compact record.
    last: Stamp,
}

/// An event's id and time, as the records count them.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Stamp {
    event: u64,
    seconds: i64,
}

/// How many shapes used last are compared before a shape is hashed.
const RECENT: usize = 6;
/// No shape, in [`DecisionLog::recent`].
const NONE: u32 = u32::MAX;

/// A record's first number: 0 for a decision kept whole, else the
/// shape's number plus one, shifted left past the "same event" bit.
const WHOLE: u64 = 0;
/// The bit of a compact record's first number set when its event and
/// time are the last record's, so neither is written.
const SAME_EVENT: u64 = 1;

impl DecisionLog {
    /// An empty log.
    pub fn new() -> DecisionLog {
        DecisionLog {
            bytes: Vec::new(),
            shapes: Vec::new(),
            numbers: HashMap::default(),
            recent: [NONE; RECENT],
            whole: Vec::new(),
            len: 0,
            last: Stamp::default(),
        }
    }

    /// How many decisions it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends a copy of `decision`.
    pub fn push(&mut self, decision: &Decision) {
        self.len += 1;
        let mut shape = decision.what.clone();
        // The fields as the record holds them: an id its length and its
        // bytes, a number as a varint.
        let mut fields = [0u8; MAX_FIELDS];
        let mut used = 0;
        let compact = each_field(&mut shape, &mut |field| match field {
            Field::Id(id) => {
                // All of the id's place is copied, a fixed size the
                // compiler moves without a call; only its length counts,
                // and the next field (or nothing) goes after it.
                let (len, padded) = std::mem::replace(id, Inline::BLANK).padded();
                fields[used] = len;
                fields[used + 1..used + 1 + crate::MAX_ID_LEN].copy_from_slice(&padded);
                used += 1 + usize::from(len);
            }
            Field::Number(n) => used += put_varint(&mut fields[used..], n.take()),
        });
        if !compact {
            self.bytes.push(WHOLE as u8);
            self.whole.push(decision.clone());
            return;
        }
        let number = self.number(decision.rules, &shape);
        let stamp = Stamp {
            event: decision.event.get(),
            seconds: decision.at.seconds(),
        };
        let same = stamp == self.last;
        write_varint(
            &mut self.bytes,
            (u64::from(number) + 1) << 1 | u64::from(same),
        );
        if !same {
            write_varint(&mut self.bytes, stamp.event.wrapping_sub(self.last.event));
            write_varint(
                &mut self.bytes,
                zigzag(stamp.seconds.wrapping_sub(self.last.seconds)),
            );
            self.last = stamp;
        }
        self.bytes.extend_from_slice(&fields[..used]);
    }

    /// The number of `shape` under `rules`, numbering it if it is new.
    /// Looked up by the shape's hash, then compared: two shapes of one
    /// hash take the next free hash (so the map holds no copy of a shape,
    /// and a lookup hashes it once).
    fn number(&mut self, rules: Rules, shape: &What) -> u32 {
        // A floor repeats a few shapes (passed over as busy, received by
        // rotation, waits): the last ones used are compared first, which
        // costs less than hashing a shape (issue 9).
        let is = |n: u32| {
            let (r, s) = &self.shapes[n as usize];
            *r == rules && s == shape
        };
        if let Some(i) = self.recent.iter().position(|n| *n != NONE && is(*n)) {
            let n = self.recent[i];
            self.used(i, n);
            return n;
        }
        let n = self.look_up(rules, shape);
        self.used(RECENT - 1, n);
        n
    }

    /// Puts `n` first among the shapes used last, in place of the one at
    /// `i` (which goes if it was another).
    fn used(&mut self, i: usize, n: u32) {
        // By hand: a slice's `copy_within` is a call to `memmove`.
        for j in (1..=i).rev() {
            self.recent[j] = self.recent[j - 1];
        }
        self.recent[0] = n;
    }

    /// [`DecisionLog::number`] by the hash of the shape.
    fn look_up(&mut self, rules: Rules, shape: &What) -> u32 {
        let mut hash = BuildHasherDefault::<WordFnv>::default().hash_one((rules, shape));
        loop {
            match self.numbers.get(&hash) {
                Some(&n) => {
                    let (r, s) = &self.shapes[n as usize];
                    if *r == rules && s == shape {
                        return n;
                    }
                    hash = hash.wrapping_add(1);
                }
                None => {
                    let n = self.shapes.len() as u32;
                    self.shapes.push((rules, shape.clone()));
                    self.numbers.insert(hash, n);
                    return n;
                }
            }
        }
    }

    /// Every decision, in the order pushed, each rendered again from its
    /// record.
    pub fn iter(&self) -> DecisionLogIter<'_> {
        DecisionLogIter {
            log: self,
            at: 0,
            whole: 0,
            left: self.len,
            last: Stamp::default(),
        }
    }
}

/// The most ids a compact decision names (a reception: visitor, agent,
/// owner stood in for, client, helper, agent named).
const MAX_IDS: usize = 6;

/// The most bytes a compact decision's ids and numbers take in a record.
const MAX_FIELDS: usize = MAX_IDS * (1 + crate::MAX_ID_LEN) + 2 * 10;

/// A part of a decision that differs from one decision to the next and
/// is kept in its record rather than in its shape.
enum Field<'a> {
    /// An agent, visitor or client.
    Id(&'a mut Inline),
    /// A number: a registration's, an event's, a date's.
    Number(&'a mut dyn Number),
}

/// A number a record holds, taken out of a shape (left 0) and put back.
trait Number {
    fn take(&mut self) -> u64;
    fn put(&mut self, n: u64);
}

impl Number for u32 {
    fn take(&mut self) -> u64 {
        u64::from(std::mem::take(self))
    }
    fn put(&mut self, n: u64) {
        *self = n as u32;
    }
}

impl Number for EventId {
    fn take(&mut self) -> u64 {
        std::mem::replace(self, EventId(0)).get()
    }
    fn put(&mut self, n: u64) {
        *self = EventId(n);
    }
}

impl Number for crate::Date {
    fn take(&mut self) -> u64 {
        let day = std::mem::replace(self, Timestamp::from_seconds(0).date()).days_since_epoch();
        zigzag(i64::from(day))
    }
    fn put(&mut self, n: u64) {
        let day = unzigzag(n);
        *self = Timestamp::from_seconds(day * 86_400).date();
    }
}

/// Calls `f` on each field `what` keeps in its record (its ids, and the
/// numbers that would make a shape per decision), in a fixed order, and
/// says whether it is a decision kept compact: one whose content, those
/// fields apart, repeats. Pushing blanks the fields in this order,
/// reading fills them back in the same order; what is not visited stays
/// in the shape, so a field missed costs shapes, never a wrong decision.
fn each_field(what: &mut What, f: &mut dyn FnMut(Field)) -> bool {
    let mut id = |x: &mut dyn InlineId| f(Field::Id(x.inline_mut()));
    match what {
        What::Received(r) => reception(r, &mut id),
        What::PassedOver { agent, visitor, .. }
        | What::MakeUpUsed { agent, visitor, .. }
        | What::MakeUpWaits { agent, visitor, .. }
        | What::Ended { agent, visitor, .. }
        | What::Declined { agent, visitor } => {
            id(agent);
            id(visitor);
        }
        What::MakeUpGranted { agent, .. }
        | What::MakeUpLapsed { agent, .. }
        | What::Paused { agent, .. }
        | What::Roster { agent, .. }
        | What::ActedWhileSuspended { agent, .. } => id(agent),
        What::Greeted { visitor, agent, .. } => {
            id(visitor);
            if let Some(a) = agent {
                id(a);
            }
        }
        What::Waits { visitor, reason } => {
            id(visitor);
            match reason {
                WaitReason::NamedBusy { agent }
                | WaitReason::AwaitingManager {
                    proposed: Some(agent),
                } => id(agent),
                WaitReason::NobodyFree | WaitReason::AwaitingManager { proposed: None } => {}
            }
        }
        What::LeftUnserved { visitor } => id(visitor),
        What::TakenOver { visitor, from, to } => {
            id(visitor);
            id(from);
            id(to);
        }
        What::Recorded {
            visitor,
            agent,
            prescribed,
            ..
        } => {
            id(visitor);
            id(agent);
            if let Some(a) = prescribed {
                id(a);
            }
        }
        What::Ignored { last } => f(Field::Number(last)),
        What::NewDay { date } => f(Field::Number(date)),
        What::Client(c) => return client(c, f),
        _ => return false,
    }
    true
}

fn reception(r: &mut Reception, id: &mut dyn FnMut(&mut dyn InlineId)) {
    id(&mut r.visitor);
    id(&mut r.agent);
    if let Via::StandIn { owner } = &mut r.via {
        id(owner);
    }
    if let Some(c) = &mut r.client {
        id(c);
    }
    if let Some(a) = &mut r.helper {
        id(a);
    }
    if let Some(a) = &mut r.named {
        id(a);
    }
}

/// [`each_field`] for the registry's decisions. Those holding a list (the
/// fields missing, the clients of a name) are kept whole.
fn client(c: &mut ClientDecision, f: &mut dyn FnMut(Field)) -> bool {
    use ClientDecision as C;
    let mut id = |x: &mut dyn InlineId| f(Field::Id(x.inline_mut()));
    let some = |x: &mut Option<crate::AgentId>, id: &mut dyn FnMut(&mut dyn InlineId)| {
        if let Some(a) = x {
            id(a);
        }
    };
    match c {
        C::Owned { client, agent }
        | C::Unowned {
            client,
            from: agent,
        }
        | C::CallAwaitsConfirmation { client, agent } => {
            id(client);
            id(agent);
        }
        C::DuplicateFlagged { client, of: other }
        | C::DuplicateResolved {
            client,
            duplicate: other,
            ..
        }
        | C::HouseholdLinked { client, other, .. } => {
            id(client);
            id(other);
        }
        C::OwnerChanged {
            client, from, to, ..
        } => {
            id(client);
            some(from, &mut id);
            id(to);
        }
        C::Pooled {
            client,
            from,
            proposed,
            ..
        } => {
            id(client);
            some(from, &mut id);
            some(proposed, &mut id);
        }
        C::ConsentGiven {
            client,
            owner,
            receiver,
        } => {
            id(client);
            some(owner, &mut id);
            id(receiver);
        }
        C::ReceivedWithoutConsent {
            client,
            owner,
            agent,
        } => {
            id(client);
            id(owner);
            id(agent);
        }
        C::CallConfirmed { client } | C::ReregistrationApproved { client } => id(client),
        C::IdentityConfirmed { visitor, client } => {
            id(visitor);
            id(client);
        }
        C::Identified {
            visitor,
            client,
            owner,
            ..
        } => {
            id(visitor);
            id(client);
            id(owner);
        }
        C::TreatedAsNew {
            visitor,
            client,
            last_agent,
        } => {
            id(visitor);
            id(client);
            some(last_agent, &mut id);
        }
        C::Registered {
            client,
            agent,
            number,
            corrects,
        } => {
            id(client);
            id(agent);
            f(Field::Number(number));
            if let Some(e) = corrects {
                f(Field::Number(e));
            }
        }
        C::FollowedUp {
            client,
            agent,
            until,
        } => {
            id(client);
            id(agent);
            if let Some(d) = until {
                f(Field::Number(d));
            }
        }
        _ => return false,
    }
    true
}

/// The decisions of a [`DecisionLog`], in order ([`DecisionLog::iter`]).
#[derive(Clone)]
pub struct DecisionLogIter<'a> {
    log: &'a DecisionLog,
    /// The next record's place in the bytes.
    at: usize,
    /// The next decision kept whole.
    whole: usize,
    left: usize,
    last: Stamp,
}

impl DecisionLogIter<'_> {
    fn varint(&mut self) -> u64 {
        let (value, used) = read_varint(&self.log.bytes[self.at..]);
        self.at += used;
        value
    }
}

impl Iterator for DecisionLogIter<'_> {
    type Item = Decision;

    fn next(&mut self) -> Option<Decision> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let head = self.varint();
        if head == WHOLE {
            self.whole += 1;
            return self.log.whole.get(self.whole - 1).cloned();
        }
        if head & SAME_EVENT == 0 {
            self.last.event = self.last.event.wrapping_add(self.varint());
            self.last.seconds = self.last.seconds.wrapping_add(unzigzag(self.varint()));
        }
        let (rules, shape) = &self.log.shapes[(head >> 1) as usize - 1];
        let mut what = shape.clone();
        let bytes = &self.log.bytes;
        let at = &mut self.at;
        each_field(&mut what, &mut |field| match field {
            Field::Id(id) => {
                let len = usize::from(bytes[*at]);
                *id = Inline::from_raw(&bytes[*at + 1..*at + 1 + len]);
                *at += 1 + len;
            }
            Field::Number(n) => {
                let (value, used) = read_varint(&bytes[*at..]);
                n.put(value);
                *at += used;
            }
        });
        Some(Decision {
            event: EventId(self.last.event),
            at: Timestamp::from_seconds(self.last.seconds),
            rules: *rules,
            what,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for DecisionLogIter<'_> {}

impl<'a> IntoIterator for &'a DecisionLog {
    type Item = Decision;
    type IntoIter = DecisionLogIter<'a>;

    fn into_iter(self) -> DecisionLogIter<'a> {
        self.iter()
    }
}

impl Extend<Decision> for DecisionLog {
    fn extend<I: IntoIterator<Item = Decision>>(&mut self, decisions: I) {
        decisions.into_iter().for_each(|d| self.push(&d));
    }
}

impl<'a> Extend<&'a Decision> for DecisionLog {
    fn extend<I: IntoIterator<Item = &'a Decision>>(&mut self, decisions: I) {
        decisions.into_iter().for_each(|d| self.push(d));
    }
}

impl FromIterator<Decision> for DecisionLog {
    fn from_iter<I: IntoIterator<Item = Decision>>(decisions: I) -> DecisionLog {
        let mut log = DecisionLog::new();
        log.extend(decisions);
        log
    }
}

impl<'a> FromIterator<&'a Decision> for DecisionLog {
    fn from_iter<I: IntoIterator<Item = &'a Decision>>(decisions: I) -> DecisionLog {
        let mut log = DecisionLog::new();
        log.extend(decisions);
        log
    }
}

impl Default for DecisionLog {
    fn default() -> DecisionLog {
        DecisionLog::new()
    }
}

impl PartialEq for DecisionLog {
    /// The same decisions in the same order: a log's records follow from
    /// its decisions alone, so the records compare (the shape numbers
    /// are only their index).
    fn eq(&self, other: &DecisionLog) -> bool {
        self.len == other.len
            && self.bytes == other.bytes
            && self.shapes == other.shapes
            && self.whole == other.whole
    }
}

impl Eq for DecisionLog {}

impl std::fmt::Debug for DecisionLog {
    /// The decisions, as a list of [`Decision`]s prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DecisionLog {
    /// A list of decisions, each as [`Decision`] writes itself: the same
    /// as the `Vec<Decision>` of a [`Replay`](crate::Replay).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DecisionLog {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DecisionLog, D::Error> {
        Ok(Vec::<Decision>::deserialize(d)?.into_iter().collect())
    }
}

/// As [`put_varint`], at the end of `out`: a byte at a time, since a
/// copy of the one or two bytes most numbers take is a call to `memcpy`.
fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Writes `value` at the start of `out` (room for ten bytes), seven bits
/// a byte, low first; returns the bytes written.
fn put_varint(out: &mut [u8], mut value: u64) -> usize {
    let mut i = 0;
    while value >= 0x80 {
        out[i] = value as u8 | 0x80;
        value >>= 7;
        i += 1;
    }
    out[i] = value as u8;
    i + 1
}

/// A number [`write_varint`] wrote, and how many bytes it took.
fn read_varint(bytes: &[u8]) -> (u64, usize) {
    let mut value = 0;
    for (i, b) in bytes.iter().enumerate() {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return (value, i + 1);
        }
    }
    (value, bytes.len())
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    (n >> 1) as i64 ^ -((n & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzags_round_trip() {
        for n in [0, 1, 127, 128, 300, u64::MAX / 3, u64::MAX] {
            let mut out = Vec::new();
            write_varint(&mut out, n);
            assert_eq!(read_varint(&out), (n, out.len()));
        }
        for n in [0, 1, -1, 63, -64, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(n)), n);
        }
    }
}
