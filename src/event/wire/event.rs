//! `Serialize` and `Deserialize` for [`Event`]: the documented line.

use serde::de::{Deserialize, DeserializeSeed, Deserializer};
use serde::ser::{Serialize, Serializer};

use super::read::{Report, TaggedSeed};
use super::{Limits, Problem, VERSION};
use crate::event::{Event, EventKind};
use crate::{EventId, Timestamp};

/// The line as written: `v` first, then the header, then the kind (its
/// derived form is internally tagged by `type` and flattened here; writing
/// a flattened map buffers nothing).
#[derive(serde::Serialize)]
struct Line<'a> {
    v: u32,
    id: EventId,
    at: Timestamp,
    #[serde(flatten)]
    kind: &'a EventKind,
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Line {
            v: VERSION,
            id: self.id,
            at: self.at,
            kind: &self.kind,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Event {
    /// Reads the documented line under [`Limits::DEFAULT`].
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Event, D::Error> {
        let mut report = Report::new();
        EventSeed::new(&Limits::DEFAULT, &mut report).deserialize(d)
    }
}

/// Reads one [`Event`] under given limits, filling a [`Report`].
pub(crate) struct EventSeed<'a>(TaggedSeed<'a, EventKind>);

impl<'a> EventSeed<'a> {
    pub(crate) fn new(limits: &'a Limits, report: &'a mut Report) -> Self {
        EventSeed(TaggedSeed::new(limits, report))
    }
}

impl<'de> DeserializeSeed<'de> for EventSeed<'_> {
    type Value = Event;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Event, D::Error> {
        let (id, at, kind) = self.0.deserialize(d)?;
        Ok(Event { id, at, kind })
    }
}

/// The limits on an event's free text and prices: the field and why.
pub(crate) fn check(kind: &EventKind, limits: &Limits) -> Result<(), (&'static str, Problem)> {
    let text = |field: &'static str, s: &str| {
        if s.len() > limits.max_text_bytes {
            Err((
                field,
                Problem::TextTooLong {
                    limit: limits.max_text_bytes,
                },
            ))
        } else {
            Ok(())
        }
    };
    match kind {
        EventKind::Arrive(a) => {
            if let Some(n) = &a.name {
                text("name", n.expose())?;
            }
            if let Some(p) = &a.phone {
                text("phone", p.expose())?;
            }
        }
        EventKind::Register(r) => {
            if let Some(n) = &r.name {
                text("name", n.expose())?;
            }
            if let Some(n) = &r.needs {
                text("needs", n)?;
            }
            for p in &r.phones {
                text("phones", p.expose())?;
            }
        }
        EventKind::Objection(o) => text("claim", &o.claim)?,
        EventKind::ChangePolicy(p) => text("policy", &p.policy.name)?,
        EventKind::Deposit(d) if d.price > limits.max_price => {
            let limit = limits.max_price;
            return Err(("price", Problem::PriceTooHigh { limit }));
        }
        _ => {}
    }
    Ok(())
}
