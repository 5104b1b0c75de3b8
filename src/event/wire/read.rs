//! Reading a flat tagged object (`v`, `id`, `at`, `type`, then the kind's
//! fields) straight from the deserializer: keys are borrowed, the header is
//! read as it comes, and once `type` names the kind the rest of the object
//! is handed to the kind's own derived `Deserialize` as if it were a struct
//! of its own. Only keys that come before `type` are buffered.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{Limits, Problem, VERSION};
use crate::{EventId, Timestamp};

/// A kind enum read from a flat tagged line: `type` names the variant and
/// the variant's payload is a struct whose fields sit beside `type`.
///
/// The crate's [`EventKind`](crate::EventKind) implements it; another log
/// with the same line shape implements it for its own enum and reads lines
/// with [`read_tagged`] or [`TaggedSeed`].
pub trait TaggedKind: Sized {
    /// Every `type` this enum knows.
    const TAGS: &'static [&'static str];

    /// Deserializes the payload of the kind `tag` names from `payload` (it
    /// calls `deserialize_struct`), or `None` for a tag the enum does not know.
    fn deserialize_tagged<'de, D: Deserializer<'de>>(
        tag: &str,
        payload: D,
    ) -> Option<Result<Self, D::Error>>;

    /// Refuses values over `limits` (free text, prices): the field and why.
    ///
    /// # Errors
    /// The field at fault and the [`Problem`]; none by default.
    fn check(&self, limits: &Limits) -> Result<(), (&'static str, Problem)> {
        let _ = limits;
        Ok(())
    }

    /// `name` as the enum's own field name (of any kind, or of the header),
    /// so an error may name it; `None` for any other text, which an error
    /// must not echo (a key may be a client's name).
    fn own_field(name: &str) -> Option<&'static str> {
        if let Some(h) = HEADER.iter().find(|h| **h == name) {
            return Some(h);
        }
        let found = Cell::new(None);
        for tag in Self::TAGS {
            let probe = Probe {
                name,
                found: &found,
            };
            let _ = Self::deserialize_tagged(tag, probe);
            if found.get().is_some() {
                break;
            }
        }
        found.get()
    }
}

/// The header's keys, in the order the crate writes them (`type` last).
pub(crate) const HEADER: [&str; 4] = ["v", "id", "at", "type"];

/// What went wrong while reading, for an error that names the field: the
/// serde error itself can only carry a message.
#[derive(Debug, Default)]
pub struct Report {
    field: Option<&'static str>,
    problem: Option<Problem>,
    id: Option<EventId>,
    fields: &'static [&'static str],
}

impl Report {
    /// A report with nothing in it yet.
    pub fn new() -> Report {
        Report::default()
    }

    /// The event's id, once read.
    pub fn id(&self) -> Option<EventId> {
        self.id
    }

    /// The field at fault and what is wrong with it, given the message of
    /// the error reading returned (used when serde raised it, not this
    /// module: a missing field, a value of the wrong shape). The field is
    /// `None` when the line as a whole is at fault or the key is not one of
    /// the crate's own.
    pub fn resolve(&self, message: &str) -> (Option<&'static str>, Problem) {
        if let Some(p) = &self.problem {
            return (self.field, p.clone());
        }
        let named = |marker: &str| {
            let rest = message.split(marker).nth(1)?;
            let name = rest.split('`').next()?;
            self.fields
                .iter()
                .chain(HEADER.iter())
                .find(|f| **f == name)
                .copied()
        };
        if message.starts_with("missing field `") {
            return (named("missing field `"), Problem::MissingField);
        }
        if message.starts_with("duplicate field `") {
            return (named("duplicate field `"), Problem::DuplicateKey);
        }
        let detail = super::problem::sanitize(message);
        (self.field, Problem::Invalid { detail })
    }

    fn fail<E: de::Error>(&mut self, field: Option<&'static str>, problem: Problem) -> E {
        let e = match field {
            Some(f) => E::custom(format_args!("field `{f}`: {problem}")),
            None => E::custom(&problem),
        };
        self.field = field;
        self.problem = Some(problem);
        e
    }
}

/// Reads one flat tagged object from `map`: the header (`v` must be
/// [`VERSION`]), then the kind `type` names with its fields, refusing
/// duplicate and unknown keys and values over `limits`. `report` says
/// which field was at fault when it fails.
///
/// # Errors
/// The map's error, carrying an English message; [`Report::resolve`] gives
/// the field and the typed [`Problem`].
pub fn read_tagged<'de, K: TaggedKind, A: MapAccess<'de>>(
    mut map: A,
    limits: &Limits,
    report: &mut Report,
) -> Result<(EventId, Timestamp, K), A::Error> {
    let mut header = Header::default();
    // Keys before `type`: their kind is not known yet.
    let mut early: Vec<(Key<'de>, serde_json::Value)> = Vec::new();
    while let Some(key) = map.next_key::<Key<'de>>()? {
        match key.as_str() {
            "type" => {
                report.field = Some("type");
                let tag = map.next_value::<Key<'de>>()?;
                let rest = Rest {
                    map: &mut map,
                    header: &mut header,
                    early: early.into_iter(),
                    pending: None,
                    report: &mut *report,
                    own_field: K::own_field,
                };
                let kind = match K::deserialize_tagged(tag.as_str(), rest) {
                    Some(kind) => kind?,
                    None => return Err(report.fail(Some("type"), Problem::UnknownType)),
                };
                let (id, at) = header.finish(report)?;
                if let Err((field, problem)) = kind.check(limits) {
                    return Err(report.fail(Some(field), problem));
                }
                return Ok((id, at, kind));
            }
            k if HEADER.contains(&k) => header.read(k, &mut map, report)?,
            _ => {
                let value = map.next_value::<serde_json::Value>()?;
                early.push((key, value));
            }
        }
    }
    header.finish(report)?;
    Err(report.fail(Some("type"), Problem::MissingField))
}

/// A seed reading one flat tagged object: `(id, at, kind)`.
pub struct TaggedSeed<'a, K> {
    limits: &'a Limits,
    report: &'a mut Report,
    kind: PhantomData<K>,
}

impl<'a, K> TaggedSeed<'a, K> {
    /// A seed applying `limits` and filling `report`.
    pub fn new(limits: &'a Limits, report: &'a mut Report) -> Self {
        TaggedSeed {
            limits,
            report,
            kind: PhantomData,
        }
    }
}

impl<'de, K: TaggedKind> DeserializeSeed<'de> for TaggedSeed<'_, K> {
    type Value = (EventId, Timestamp, K);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, K: TaggedKind> Visitor<'de> for TaggedSeed<'_, K> {
    type Value = (EventId, Timestamp, K);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one event: an object with v, id, at, type and the kind's fields")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        read_tagged(map, self.limits, self.report)
    }
}

#[derive(Default)]
struct Header {
    v: bool,
    id: Option<EventId>,
    at: Option<Timestamp>,
}

impl Header {
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
        report: &mut Report,
    ) -> Result<(), A::Error> {
        match key {
            "v" => {
                report.field = Some("v");
                if self.v {
                    return Err(report.fail(Some("v"), Problem::DuplicateKey));
                }
                if map.next_value::<Number>()?.0 != Some(u64::from(VERSION)) {
                    return Err(report.fail(Some("v"), Problem::WrongVersion));
                }
                self.v = true;
            }
            "id" => {
                report.field = Some("id");
                if self.id.is_some() {
                    return Err(report.fail(Some("id"), Problem::DuplicateKey));
                }
                let Some(id) = map.next_value::<Number>()?.0 else {
                    return Err(report.fail(Some("id"), Problem::BadEventId));
                };
                self.id = Some(EventId(id));
                report.id = self.id;
            }
            _ => {
                report.field = Some("at");
                if self.at.is_some() {
                    return Err(report.fail(Some("at"), Problem::DuplicateKey));
                }
                let text = map.next_value::<Text<'de>>()?;
                match text.0.as_deref().map(str::parse::<Timestamp>) {
                    Some(Ok(at)) => self.at = Some(at),
                    _ => return Err(report.fail(Some("at"), Problem::BadTime)),
                }
            }
        }
        Ok(())
    }

    fn finish<E: de::Error>(&self, report: &mut Report) -> Result<(EventId, Timestamp), E> {
        if !self.v {
            return Err(report.fail(Some("v"), Problem::MissingVersion));
        }
        let Some(id) = self.id else {
            return Err(report.fail(Some("id"), Problem::MissingField));
        };
        let Some(at) = self.at else {
            return Err(report.fail(Some("at"), Problem::MissingField));
        };
        Ok((id, at))
    }
}

/// The rest of the object after `type`, as a struct for the kind's payload:
/// first the keys that came before `type`, then the live map.
struct Rest<'a, 'de, A> {
    map: &'a mut A,
    header: &'a mut Header,
    early: std::vec::IntoIter<(Key<'de>, serde_json::Value)>,
    pending: Option<serde_json::Value>,
    report: &'a mut Report,
    own_field: fn(&str) -> Option<&'static str>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Rest<'_, 'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.report.fields = fields;
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> Rest<'_, 'de, A> {
    /// `key` as one of the payload's fields, or an unknown-field error.
    fn field(&mut self, key: &str) -> Result<&'static str, A::Error> {
        match self.report.fields.iter().find(|f| **f == key) {
            Some(f) => {
                self.report.field = Some(f);
                Ok(f)
            }
            None => {
                let own = (self.own_field)(key);
                Err(self.report.fail(own, Problem::UnknownField))
            }
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        if let Some((key, value)) = self.early.next() {
            let field = self.field(key.as_str())?;
            self.pending = Some(value);
            return seed
                .deserialize(BorrowedStrDeserializer::new(field))
                .map(Some);
        }
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "type" => return Err(self.report.fail(Some("type"), Problem::DuplicateKey)),
                k if HEADER.contains(&k) => self.header.read(k, self.map, self.report)?,
                k => {
                    let field = self.field(k)?;
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(field))
                        .map(Some);
                }
            }
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(de::Error::custom),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// A key or a tag: borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// Any value, kept only when it is a string (the header's `at`).
struct Text<'de>(Option<Cow<'de, str>>);

/// Any value, kept only when it is a non-negative integer (`v`, `id`).
struct Number(Option<u64>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Lenient::<Text<'de>>(PhantomData))
    }
}

impl<'de> de::Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Lenient::<Number>(PhantomData))
    }
}

/// A visitor taking any value, keeping what its target wants and draining
/// the rest, so a wrong shape is the header's typed problem, not serde's.
struct Lenient<T>(PhantomData<T>);

trait Keep<'de>: Sized {
    fn nothing() -> Self;
    fn from_u64(_: u64) -> Self {
        Self::nothing()
    }
    fn from_str(_: Cow<'de, str>) -> Self {
        Self::nothing()
    }
}

impl Keep<'_> for Number {
    fn nothing() -> Self {
        Number(None)
    }
    fn from_u64(v: u64) -> Self {
        Number(Some(v))
    }
}

impl<'de> Keep<'de> for Text<'de> {
    fn nothing() -> Self {
        Text(None)
    }
    fn from_str(v: Cow<'de, str>) -> Self {
        Text(Some(v))
    }
}

impl<'de, T: Keep<'de>> Visitor<'de> for Lenient<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<T, E> {
        Ok(T::nothing())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(u64::try_from(v).map_or_else(|_| T::nothing(), T::from_u64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from_u64(v))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Ok(T::nothing())
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<T, E> {
        Ok(T::from_str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_str(Cow::Owned(v.to_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::nothing())
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::nothing())
    }
    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<T, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(T::nothing())
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<T, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(T::nothing())
    }
}

/// A deserializer that only notes whether a kind's payload has the field
/// `name` (see [`TaggedKind::own_field`]).
struct Probe<'a> {
    name: &'a str,
    found: &'a Cell<Option<&'static str>>,
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        if let Some(f) = fields.iter().find(|f| **f == self.name) {
            self.found.set(Some(f));
        }
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}
