//! What the registry keeps of one client.

use std::collections::BTreeSet;

use crate::decision::{Missing, OwnReason, PoolReason};
use crate::event::{Channel, Introducer};
use crate::person::{Gender, Line, PersonName, Phone};
use crate::{AgentId, ClientId, EventId, Rules, Timestamp};

/// Who holds a client now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "holder", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Holder {
    /// An agent owns it.
    Agent {
        /// The agent.
        agent: AgentId,
    },
    /// It waits in the manager's pool for a `reassign`.
    Pool {
        /// Why.
        reason: PoolReason,
        /// The agent the round-robin proposes, if the rule assigns in turn.
        proposed: Option<AgentId>,
    },
}

impl Holder {
    /// The owning agent, if an agent owns it.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            Holder::Agent { agent } => Some(*agent),
            Holder::Pool { .. } => None,
        }
    }
}

/// One entry of a client's ownership trail: from `at` on, `holder` holds
/// it (nobody when `None`: the registration became invalid or a duplicate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OwnerChange {
    /// The event that made the change.
    pub event: EventId,
    /// When.
    pub at: Timestamp,
    /// Who holds the client from then on.
    pub holder: Option<Holder>,
    /// Why an agent holds it (`None` for the pool, whose holder says why,
    /// and for nobody).
    pub reason: Option<OwnReason>,
    /// The rules that made the change.
    pub rules: Rules,
}

/// An agent's receptions of one client (the registration counts as the
/// first): what a split by actual receptions weighs (P2-2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Receptions {
    /// The first.
    pub first: Timestamp,
    /// The latest.
    pub last: Timestamp,
    /// How many.
    pub count: u32,
    /// How many standing in for the owner (P1-15, P3-2, P3-4).
    pub stand_in: u32,
    /// The latest visit it covered standing in, if any: a policy may let
    /// the stand-in share only a deal closed soon after
    /// ([`AttributionRules::stand_in_share_days`](crate::policy::AttributionRules)).
    #[cfg_attr(feature = "serde", serde(default))]
    pub last_stand_in: Option<Timestamp>,
    /// The first visit it covered standing in: when its stand-in claim
    /// arose, which orders the claims a deal reads (P3-2, P3-4: with two
    /// stand-ins, the first shares). `None` in a snapshot written before
    /// the field, read as [`first`](Self::first).
    #[cfg_attr(feature = "serde", serde(default))]
    pub first_stand_in: Option<Timestamp>,
}

/// The registration's details as given; kept whole for the manager's
/// records, masked whenever shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Details {
    pub channel: Channel,
    pub name: Option<PersonName>,
    pub gender: Option<Gender>,
    pub phones: Vec<Phone>,
    pub needs: Option<String>,
}

/// The owner a registration by call would have had, kept until the
/// manager confirms the call (P2-3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct AwaitingCall {
    /// The agent who took the call.
    pub agent: AgentId,
    /// Who holds the client once confirmed.
    pub holder: Holder,
    /// Why.
    pub reason: Option<OwnReason>,
    /// The rules that give it.
    pub rules: Rules,
    /// Its agent before, if registered again after lapsing.
    pub previous: Option<AgentId>,
}

/// A roster position standing for an agent in a client's hot record: an
/// index into the registry's `agents`, which only grows, so a slot names
/// the same agent for the registry's lifetime (and after a snapshot is read
/// back: the roster is written in order).
pub(crate) type Slot = u32;

/// Who holds a client, agents written as roster slots: 12 bytes where an
/// `Option<Holder>` is 52. Read back through the roster as a [`Holder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// Nobody: an invalid or duplicate registration, or not yet given.
    Nobody,
    /// An agent.
    Agent(Slot),
    /// The manager's pool (why, and the agent the round-robin proposes).
    Pool {
        reason: PoolCode,
        proposed: Option<Slot>,
    },
}

/// [`PoolReason`], its agent as a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PoolCode {
    Departed(Slot),
    Designated,
    Expo,
}

/// The slot of `agent`, appended to `roster` if it is not on it (a
/// holder's agent always is: it signed in, registered or was named, and
/// was seen then; a snapshot written before might lack one).
pub(crate) fn slot(roster: &mut Vec<AgentId>, agent: AgentId) -> Slot {
    let i = match roster.iter().position(|a| *a == agent) {
        Some(i) => i,
        None => {
            roster.push(agent);
            roster.len() - 1
        }
    };
    // A roster of four billion agents is not an office (nor fits in
    // memory): saturating keeps the conversion total without a panic path.
    Slot::try_from(i).unwrap_or(Slot::MAX - 1)
}

impl Held {
    /// `holder` with its agents as slots of `roster`.
    pub fn of(holder: Option<Holder>, roster: &mut Vec<AgentId>) -> Held {
        match holder {
            None => Held::Nobody,
            Some(Holder::Agent { agent }) => Held::Agent(slot(roster, agent)),
            Some(Holder::Pool { reason, proposed }) => Held::Pool {
                reason: match reason {
                    PoolReason::Departed { agent } => PoolCode::Departed(slot(roster, agent)),
                    PoolReason::Designated => PoolCode::Designated,
                    PoolReason::Expo => PoolCode::Expo,
                },
                proposed: proposed.map(|a| slot(roster, a)),
            },
        }
    }

    /// The holder it stands for, agents read from `roster`.
    pub fn holder(self, roster: &[AgentId]) -> Option<Holder> {
        let agent = |s: Slot| roster[s as usize];
        match self {
            Held::Nobody => None,
            Held::Agent(s) => Some(Holder::Agent { agent: agent(s) }),
            Held::Pool { reason, proposed } => Some(Holder::Pool {
                reason: match reason {
                    PoolCode::Departed(s) => PoolReason::Departed { agent: agent(s) },
                    PoolCode::Designated => PoolReason::Designated,
                    PoolCode::Expo => PoolReason::Expo,
                },
                proposed: proposed.map(agent),
            }),
        }
    }
}

/// The hot record of one client: what routing a visitor and the lapse of
/// its registration read on every event (owner, dates, standing), 40 bytes
/// beside its id in the registry's map. Everything else, the manager's
/// file, is kept apart in [`ClientFile`], which this derefs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientRecord {
    /// Its registration number (P2-1.2): a new one each time it is
    /// registered anew (first, or again after lapsing), kept by corrections.
    pub number: u32,
    /// Who holds it ([`Held`], packed into the three fields below: an
    /// enum of slots would take 16 bytes and the record 48).
    tag: Tag,
    flags: Flags,
    /// The holding agent's slot, or the departed agent's a pool holds for.
    slot: Slot,
    /// The slot the round-robin proposes, plus one (a pool's).
    proposed: Option<std::num::NonZeroU32>,
    /// When its current registration began (a fixed window counts from it).
    pub registered: Timestamp,
    /// Its owner's last contact (P2-2.13).
    pub last_contact: Timestamp,
    file: Box<ClientFile>,
}

/// Which [`Held`] a record's packed fields stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Nobody,
    Agent,
    Departed,
    Designated,
    Expo,
}

/// What the hot record keeps of its file, so standing and lapse read no
/// further: a bit each, set by the only writers of those fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Flags(u8);

impl Flags {
    const INVALID: u8 = 1; // lacks a fact (P2-2.1)
    const CROSSES: u8 = 2; // flagged as crossing an earlier one (P3-15)
    const SAME_AS: u8 = 4; // resolved as a duplicate
    const DEPOSIT: u8 = 8; // paid a deposit
    const SIGNED: u8 = 16; // signed (P2-2.7)
    const CALL: u8 = 32; // registered by call (a call's own lapse)

    /// Whether any of the `bits` is set.
    fn any(self, bits: u8) -> bool {
        self.0 & bits != 0
    }

    fn set(&mut self, bit: u8, on: bool) {
        if on {
            self.0 |= bit;
        } else {
            self.0 &= !bit;
        }
    }
}

/// The rest of a client: its details as given, its trail, its claims'
/// inputs. Read by views, attribution and the manager's queries, and by
/// no step that routes a visitor. Fields the hot record mirrors are
/// private, written through [`ClientRecord`]'s setters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientFile {
    /// The agent who registered it first (first contact).
    pub registrar: AgentId,
    /// When it was first registered.
    pub first_registered: Timestamp,
    /// Its first registration event.
    first_event: EventId,
    /// Its registration events after the first, corrections included:
    /// most clients have none, and an empty list allocates nothing where
    /// a list of one cost an allocation a client.
    later_events: Vec<EventId>,
    details: Details,
    /// Its phone numbers that can be ones, normalised, as lines: 16 bytes
    /// and no allocation each, where a `PhoneNumber` is 48 and a string.
    pub numbers: Vec<Line>,
    /// The facts it lacks (P2-2.1); empty when valid.
    missing: Vec<Missing>,
    pub introduced_by: Option<Introducer>,
    pub named_agent: Option<AgentId>,
    pub pre_registered: bool,
    pub at_expo: bool,
    /// Flagged: it crosses this earlier registration (P3-15), unresolved.
    crosses: Option<ClientId>,
    /// Resolved by the manager as the same person as this client.
    same_as: Option<ClientId>,
    /// Its links to other clients and agents, boxed and made only for a
    /// client that has one: most have none, and the six sets and the
    /// household number inline were 128 bytes of every file.
    links: Option<Box<Links>>,
    pub receptions: AgentReceptions,
    deposit_paid: bool,
    signer: Option<AgentId>,
    pub call_confirmed: bool,
    /// A registration by call that owns nothing until the manager confirms
    /// it (P2-3.5, [`Policy::call_needs_confirmation`](crate::policy::Policy)):
    /// who it would have gone to. Boxed: rare, and 162 bytes.
    pub awaiting_call: Option<Box<AwaitingCall>>,
    pub reregistration_approved: bool,
    pub trail: Vec<OwnerChange>,
}

/// What links a client to other clients and agents: households and
/// spouses, duplicates, agents moved away from or excluded, consents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Links {
    /// Registrations the manager found to be this same person.
    pub duplicates: BTreeSet<ClientId>,
    /// Its household, if linked (P2-2.10).
    pub household: Option<u32>,
    /// Its spouses among linked clients (P3-3).
    pub spouses: BTreeSet<ClientId>,
    /// Agents it was moved away from because a household member was
    /// registered first by another (P2-2.10).
    pub household_from: BTreeSet<AgentId>,
    /// Agents switched away from for poor service: no share (P2-2.9).
    pub excluded: BTreeSet<AgentId>,
    /// Agents the owner consented to receive it (P1-10).
    pub consents: BTreeSet<AgentId>,
}

/// The links of a client that has none.
static NO_LINKS: Links = Links {
    duplicates: BTreeSet::new(),
    household: None,
    spouses: BTreeSet::new(),
    household_from: BTreeSet::new(),
    excluded: BTreeSet::new(),
    consents: BTreeSet::new(),
};

/// A new registration's record: what `register` knows of it.
pub(crate) struct NewClient {
    pub number: u32,
    pub registrar: AgentId,
    pub at: Timestamp,
    pub event: EventId,
    pub details: Details,
    pub numbers: Vec<Line>,
    pub missing: Vec<Missing>,
    pub introduced_by: Option<Introducer>,
    pub named_agent: Option<AgentId>,
    pub pre_registered: bool,
    pub at_expo: bool,
}

impl ClientRecord {
    /// A client registered for the first time, held by nobody yet.
    pub fn new(c: NewClient) -> ClientRecord {
        let mut rec = ClientRecord {
            number: c.number,
            tag: Tag::Nobody,
            flags: Flags::default(),
            slot: 0,
            proposed: None,
            registered: c.at,
            last_contact: c.at,
            file: Box::new(ClientFile {
                registrar: c.registrar,
                first_registered: c.at,
                first_event: c.event,
                later_events: Vec::new(),
                details: c.details,
                numbers: c.numbers,
                missing: Vec::new(),
                introduced_by: c.introduced_by,
                named_agent: c.named_agent,
                pre_registered: c.pre_registered,
                at_expo: c.at_expo,
                crosses: None,
                same_as: None,
                links: None,
                receptions: AgentReceptions::default(),
                deposit_paid: false,
                signer: None,
                call_confirmed: false,
                awaiting_call: None,
                reregistration_approved: false,
                trail: Vec::new(),
            }),
        };
        rec.mirror_details();
        rec.set_missing(c.missing);
        rec
    }

    /// Valid (P2-2.1) and standing on its own: not a flagged or resolved duplicate.
    pub fn stands(&self) -> bool {
        !self
            .flags
            .any(Flags::INVALID | Flags::CROSSES | Flags::SAME_AS)
    }

    /// Whether it bought or paid a deposit: a buyer stays its agent's (P2-2.7).
    pub fn bought(&self) -> bool {
        self.flags.any(Flags::DEPOSIT | Flags::SIGNED)
    }

    /// Whether it was registered by call (a call may lapse by its own model).
    pub fn by_call(&self) -> bool {
        self.flags.any(Flags::CALL)
    }

    /// Who holds it, as slots.
    pub fn held(&self) -> Held {
        let pool = |reason| Held::Pool {
            reason,
            proposed: self.proposed.map(|p| p.get() - 1),
        };
        match self.tag {
            Tag::Nobody => Held::Nobody,
            Tag::Agent => Held::Agent(self.slot),
            Tag::Departed => pool(PoolCode::Departed(self.slot)),
            Tag::Designated => pool(PoolCode::Designated),
            Tag::Expo => pool(PoolCode::Expo),
        }
    }

    /// The slot of the agent holding it, if an agent does (lapse aside).
    pub fn agent_slot(&self) -> Option<Slot> {
        (self.tag == Tag::Agent).then_some(self.slot)
    }

    /// The agent holding it, if an agent does (lapse aside).
    pub fn agent(&self, roster: &[AgentId]) -> Option<AgentId> {
        self.agent_slot().map(|s| roster[s as usize])
    }

    /// Who holds it, read through `roster`.
    pub fn holder(&self, roster: &[AgentId]) -> Option<Holder> {
        self.held().holder(roster)
    }

    /// A copy of its file, boxed as the record holds it (for counting).
    #[cfg(feature = "gen")]
    pub fn file_clone(&self) -> Box<ClientFile> {
        self.file.clone()
    }

    pub fn set_held(&mut self, held: Held) {
        (self.tag, self.slot, self.proposed) = match held {
            Held::Nobody => (Tag::Nobody, 0, None),
            Held::Agent(s) => (Tag::Agent, s, None),
            Held::Pool { reason, proposed } => {
                let (tag, slot) = match reason {
                    PoolCode::Departed(s) => (Tag::Departed, s),
                    PoolCode::Designated => (Tag::Designated, 0),
                    PoolCode::Expo => (Tag::Expo, 0),
                };
                // A slot is below the roster's length, so one more fits.
                let proposed =
                    proposed.and_then(|p| std::num::NonZeroU32::new(p.saturating_add(1)));
                (tag, slot, proposed)
            }
        };
    }

    pub fn set_details(&mut self, details: Details) {
        self.file.details = details;
        self.mirror_details();
    }

    fn mirror_details(&mut self) {
        let call = self.file.details.channel == Channel::Call;
        self.flags.set(Flags::CALL, call);
    }

    pub fn set_missing(&mut self, missing: Vec<Missing>) {
        self.flags.set(Flags::INVALID, !missing.is_empty());
        self.file.missing = missing;
    }

    pub fn set_crosses(&mut self, crosses: Option<ClientId>) {
        self.flags.set(Flags::CROSSES, crosses.is_some());
        self.file.crosses = crosses;
    }

    pub fn set_same_as(&mut self, same_as: Option<ClientId>) {
        self.flags.set(Flags::SAME_AS, same_as.is_some());
        self.file.same_as = same_as;
    }

    pub fn set_deposit_paid(&mut self, paid: bool) {
        self.flags.set(Flags::DEPOSIT, paid);
        self.file.deposit_paid = paid;
    }

    pub fn set_signer(&mut self, signer: Option<AgentId>) {
        self.flags.set(Flags::SIGNED, signer.is_some());
        self.file.signer = signer;
    }
}

/// The file is read through the record: `rec.trail`, `rec.details()`.
impl std::ops::Deref for ClientRecord {
    type Target = ClientFile;

    fn deref(&self) -> &ClientFile {
        &self.file
    }
}

impl std::ops::DerefMut for ClientRecord {
    fn deref_mut(&mut self) -> &mut ClientFile {
        &mut self.file
    }
}

impl ClientFile {
    /// Its links (none for most clients).
    pub fn links(&self) -> &Links {
        self.links.as_deref().unwrap_or(&NO_LINKS)
    }

    /// Its links, to change: made on first use.
    pub fn links_mut(&mut self) -> &mut Links {
        self.links.get_or_insert_with(Box::default)
    }

    /// Removes from its links with `f`, if it has any; none left, no box:
    /// a file has a box exactly when it has a link, as one read back from
    /// a snapshot does, so the two compare equal.
    pub fn remove_links(&mut self, f: impl FnOnce(&mut Links)) {
        if let Some(links) = self.links.as_deref_mut() {
            f(links);
            if *links == Links::default() {
                self.links = None;
            }
        }
    }

    /// Whether `event` registered it (first, again, or a correction).
    pub fn registered_by(&self, event: EventId) -> bool {
        self.first_event == event || self.later_events.contains(&event)
    }

    /// Records another registration event of it.
    pub fn registered_again_by(&mut self, event: EventId) {
        self.later_events.push(event);
    }

    /// Its details as given.
    pub fn details(&self) -> &Details {
        &self.details
    }

    /// The facts it lacks (P2-2.1); empty when valid.
    pub fn missing(&self) -> &[Missing] {
        &self.missing
    }

    /// The earlier registration it crosses, unresolved (P3-15).
    pub fn crosses(&self) -> Option<ClientId> {
        self.crosses
    }

    /// The client the manager resolved it to be.
    pub fn same_as(&self) -> Option<ClientId> {
        self.same_as
    }

    /// Whether it paid a deposit.
    pub fn deposit_paid(&self) -> bool {
        self.deposit_paid
    }

    pub fn received(&mut self, agent: AgentId, stand_in: bool, at: Timestamp) {
        let r = self.receptions.entry(agent, || Receptions {
            first: at,
            last: at,
            count: 0,
            stand_in: 0,
            last_stand_in: None,
            first_stand_in: None,
        });
        r.last = at;
        r.count += 1;
        if stand_in {
            r.stand_in += 1;
            r.last_stand_in = Some(at);
            r.first_stand_in.get_or_insert(at);
        }
    }
}

#[cfg(feature = "serde")]
mod wire;
#[cfg(feature = "serde")]
pub(crate) use wire::{RecordIn, RecordOut};

/// A client's receptions by agent, in agent order: a sorted list, not a
/// `BTreeMap`, whose first node alone is some 560 bytes for the one or two
/// agents a client usually meets. Serialised as the map it stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AgentReceptions(Vec<(AgentId, Receptions)>);

impl AgentReceptions {
    /// The receptions of `agent`, made by `new` if it has none yet.
    pub fn entry(&mut self, agent: AgentId, new: impl FnOnce() -> Receptions) -> &mut Receptions {
        let i = match self.0.binary_search_by_key(&agent, |e| e.0) {
            Ok(i) => i,
            Err(i) => {
                // Room for two from the first: most clients meet one or two
                // agents, so a second reception costs no allocation.
                if self.0.capacity() == 0 {
                    self.0.reserve_exact(2);
                }
                self.0.insert(i, (agent, new()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Whether `agent` received it.
    pub fn contains_key(&self, agent: &AgentId) -> bool {
        self.0.binary_search_by_key(agent, |e| e.0).is_ok()
    }

    /// By agent, in agent order.
    pub fn iter(&self) -> impl Iterator<Item = (&AgentId, &Receptions)> {
        self.0.iter().map(|(a, r)| (a, r))
    }
}

impl<'a> IntoIterator for &'a AgentReceptions {
    type Item = (&'a AgentId, &'a Receptions);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (AgentId, Receptions)>,
        fn(&'a (AgentId, Receptions)) -> (&'a AgentId, &'a Receptions),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(a, r)| (a, r))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AgentReceptions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AgentReceptions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<AgentId, Receptions>::deserialize(d)?;
        Ok(AgentReceptions(map.into_iter().collect()))
    }
}
