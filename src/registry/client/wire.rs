//! A client's record as snapshots write it: one object with the hot
//! record's and the file's fields together, the holder with its agents by
//! id, as before the two were kept apart (a snapshot reads either way).

use std::collections::BTreeSet;

use serde::ser::SerializeStruct;

use super::{
    AgentReceptions, AwaitingCall, ClientFile, ClientRecord, Details, Flags, Held, Holder, Links,
    OwnerChange,
};
use crate::decision::Missing;
use crate::event::Introducer;
use crate::person::{Line, PhoneNumber};
use crate::{AgentId, ClientId, EventId, Timestamp};

/// A record read from a snapshot, before its holder's agents become slots.
#[derive(serde::Deserialize)]
pub(crate) struct RecordIn {
    number: u32,
    registrar: AgentId,
    first_registered: Timestamp,
    registered: Timestamp,
    last_contact: Timestamp,
    events: Vec<EventId>,
    details: Details,
    numbers: Vec<PhoneNumber>,
    missing: Vec<Missing>,
    holder: Option<Holder>,
    introduced_by: Option<Introducer>,
    named_agent: Option<AgentId>,
    pre_registered: bool,
    at_expo: bool,
    crosses: Option<ClientId>,
    same_as: Option<ClientId>,
    duplicates: BTreeSet<ClientId>,
    household: Option<u32>,
    spouses: BTreeSet<ClientId>,
    household_from: BTreeSet<AgentId>,
    receptions: AgentReceptions,
    excluded: BTreeSet<AgentId>,
    consents: BTreeSet<AgentId>,
    deposit_paid: bool,
    signer: Option<AgentId>,
    call_confirmed: bool,
    #[serde(default)]
    awaiting_call: Option<Box<AwaitingCall>>,
    reregistration_approved: bool,
    trail: Vec<OwnerChange>,
}

impl RecordIn {
    /// The record, its holder's agents as slots of `roster`.
    ///
    /// # Errors
    /// A record with no registration event (none is ever written).
    pub fn into_record(self, roster: &mut Vec<AgentId>) -> Result<ClientRecord, &'static str> {
        let mut events = self.events.into_iter();
        let first_event = events.next().ok_or("has no registration event")?;
        let mut rec = ClientRecord {
            number: self.number,
            tag: super::Tag::Nobody,
            flags: Flags::default(),
            slot: 0,
            proposed: None,
            registered: self.registered,
            last_contact: self.last_contact,
            file: Box::new(ClientFile {
                registrar: self.registrar,
                first_registered: self.first_registered,
                first_event,
                later_events: events.collect(),
                details: self.details,
                numbers: self.numbers.iter().map(Line::of).collect(),
                missing: Vec::new(),
                introduced_by: self.introduced_by,
                named_agent: self.named_agent,
                pre_registered: self.pre_registered,
                at_expo: self.at_expo,
                crosses: None,
                same_as: None,
                links: None,
                receptions: self.receptions,
                deposit_paid: false,
                signer: None,
                call_confirmed: self.call_confirmed,
                awaiting_call: self.awaiting_call,
                reregistration_approved: self.reregistration_approved,
                trail: self.trail,
            }),
        };
        let links = Links {
            duplicates: self.duplicates,
            household: self.household,
            spouses: self.spouses,
            household_from: self.household_from,
            excluded: self.excluded,
            consents: self.consents,
        };
        // Only a client with a link keeps a box for them.
        if links != Links::default() {
            rec.file.links = Some(Box::new(links));
        }
        // Through the setters, so the hot record's flags agree.
        rec.set_held(Held::of(self.holder, roster));
        rec.mirror_details();
        rec.set_missing(self.missing);
        rec.set_crosses(self.crosses);
        rec.set_same_as(self.same_as);
        rec.set_deposit_paid(self.deposit_paid);
        rec.set_signer(self.signer);
        Ok(rec)
    }

    /// The clients it refers to (crossed, same as, duplicates, spouses).
    pub fn refers_to(&self) -> impl Iterator<Item = &ClientId> + Clone {
        self.crosses
            .iter()
            .chain(&self.same_as)
            .chain(&self.duplicates)
            .chain(&self.spouses)
    }

    /// Its household, if linked.
    pub fn household(&self) -> Option<u32> {
        self.household
    }

    /// Its registration number.
    pub fn number(&self) -> u32 {
        self.number
    }
}

/// A record as a snapshot writes it: the fields of [`RecordIn`], in its
/// order, the holder read through the roster.
pub(crate) struct RecordOut<'a> {
    pub rec: &'a ClientRecord,
    pub roster: &'a [AgentId],
}

impl serde::Serialize for RecordOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, f) = (self.rec, &*self.rec.file);
        let mut o = s.serialize_struct("ClientRecord", 29)?;
        o.serialize_field("number", &r.number)?;
        o.serialize_field("registrar", &f.registrar)?;
        o.serialize_field("first_registered", &f.first_registered)?;
        o.serialize_field("registered", &r.registered)?;
        o.serialize_field("last_contact", &r.last_contact)?;
        o.serialize_field("events", &Events(f))?;
        o.serialize_field("details", &f.details)?;
        o.serialize_field("numbers", &Numbers(&f.numbers))?;
        o.serialize_field("missing", &f.missing)?;
        o.serialize_field("holder", &r.holder(self.roster))?;
        o.serialize_field("introduced_by", &f.introduced_by)?;
        o.serialize_field("named_agent", &f.named_agent)?;
        o.serialize_field("pre_registered", &f.pre_registered)?;
        o.serialize_field("at_expo", &f.at_expo)?;
        o.serialize_field("crosses", &f.crosses)?;
        o.serialize_field("same_as", &f.same_as)?;
        o.serialize_field("duplicates", &f.links().duplicates)?;
        o.serialize_field("household", &f.links().household)?;
        o.serialize_field("spouses", &f.links().spouses)?;
        o.serialize_field("household_from", &f.links().household_from)?;
        o.serialize_field("receptions", &f.receptions)?;
        o.serialize_field("excluded", &f.links().excluded)?;
        o.serialize_field("consents", &f.links().consents)?;
        o.serialize_field("deposit_paid", &f.deposit_paid)?;
        o.serialize_field("signer", &f.signer)?;
        o.serialize_field("call_confirmed", &f.call_confirmed)?;
        o.serialize_field("awaiting_call", &f.awaiting_call)?;
        o.serialize_field("reregistration_approved", &f.reregistration_approved)?;
        o.serialize_field("trail", &f.trail)?;
        o.end()
    }
}

/// A file's registration events, as the one list a snapshot holds.
struct Events<'a>(&'a ClientFile);

impl serde::Serialize for Events<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        s.collect_seq(std::iter::once(&f.first_event).chain(&f.later_events))
    }
}

/// A file's numbers, written as the normalised numbers they are.
struct Numbers<'a>(&'a [Line]);

impl serde::Serialize for Numbers<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Line::number))
    }
}
