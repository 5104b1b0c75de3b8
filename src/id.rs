//! Validated identifiers. Each is a short inline string (`Copy`, no heap), so a
//! fold step never allocates to name an agent or a visitor.

use std::fmt;

/// The longest identifier, in UTF-8 bytes.
pub const MAX_ID_LEN: usize = 24;

/// Why an identifier was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The identifier is empty.
    #[error("an id may not be empty")]
    Empty,
    /// The identifier is longer than [`MAX_ID_LEN`] bytes.
    #[error("an id is at most {MAX_ID_LEN} bytes; this one has {0}")]
    TooLong(usize),
    /// The identifier holds white space or a control character.
    #[error("an id may not contain white space or control characters")]
    BadChar,
}

#[derive(Clone, Copy, Eq)]
pub(crate) struct Inline {
    // Zero-padded, and ids hold no NUL: see `words`.
    bytes: [u8; MAX_ID_LEN],
    len: u8,
}

impl Inline {
    /// The bytes from `at` as a big-endian word: ids are zero-padded and
    /// hold no NUL, so the words compare as the text's bytes do. One load
    /// and a byte swap (eight byte loads assembled were what the roster's
    /// lookups spent their time on).
    fn word(&self, at: usize) -> u64 {
        const _: () = assert!(MAX_ID_LEN == 24, "three words of eight bytes");
        let mut word = [0; 8];
        word.copy_from_slice(&self.bytes[at..at + 8]);
        u64::from_be_bytes(word)
    }
}

impl PartialEq for Inline {
    fn eq(&self, other: &Self) -> bool {
        // Equality needs no order: the bytes as they lie, no byte swaps.
        self.len == other.len && self.bytes == other.bytes
    }
}

impl Ord for Inline {
    /// The text's byte order, then length.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Word by word, stopping at the first that differs: ids are
        // compared on every map lookup, and most differ in their first
        // eight bytes (a client's id of eight fits in one word).
        for at in [0, 8, 16] {
            match self.word(at).cmp(&other.word(at)) {
                std::cmp::Ordering::Equal => {}
                unequal => return unequal,
            }
        }
        self.len.cmp(&other.len)
    }
}

impl PartialOrd for Inline {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::hash::Hash for Inline {
    /// The same fields as equality compares.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
        self.len.hash(state);
    }
}

impl Inline {
    /// No id: an empty, zeroed place, which no valid id equals. A decision
    /// log's shapes hold it where their ids were (`decision::log`).
    pub(crate) const BLANK: Inline = Inline {
        bytes: [0; MAX_ID_LEN],
        len: 0,
    };

    /// The id's length and its bytes, zero-padded to [`MAX_ID_LEN`].
    pub(crate) fn padded(self) -> (u8, [u8; MAX_ID_LEN]) {
        (self.len, self.bytes)
    }

    /// An id from the first bytes [`Inline::padded`] gave: valid when they were, so not
    /// checked again; at most [`MAX_ID_LEN`] of them are kept.
    pub(crate) fn from_raw(raw: &[u8]) -> Inline {
        let len = raw.len().min(MAX_ID_LEN);
        let mut bytes = [0; MAX_ID_LEN];
        bytes[..len].copy_from_slice(&raw[..len]);
        Inline {
            bytes,
            len: len as u8,
        }
    }
}

impl Inline {
    pub(crate) fn new(s: &str) -> Result<Self, IdError> {
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if s.len() > MAX_ID_LEN {
            return Err(IdError::TooLong(s.len()));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(IdError::BadChar);
        }
        let mut bytes = [0; MAX_ID_LEN];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Ok(Inline {
            bytes,
            len: s.len() as u8,
        })
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ever built from a &str, cut at its own length.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

macro_rules! short_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Ordered by its text (the same text ordered bytewise), 1 to
        /// [`MAX_ID_LEN`](crate::MAX_ID_LEN) bytes, no white space.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name($crate::id::Inline);

        impl $name {
            /// Validates `text` as an identifier.
            ///
            /// # Errors
            /// [`IdError::Empty`](crate::IdError::Empty) for `""`, [`IdError::TooLong`](crate::IdError::TooLong) past
            /// [`MAX_ID_LEN`](crate::MAX_ID_LEN) bytes, [`IdError::BadChar`](crate::IdError::BadChar) for `"Li Ming"`.
            pub fn new(text: &str) -> Result<Self, $crate::IdError> {
                $crate::id::Inline::new(text).map($name)
            }

            /// The identifier's text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::IdError;
            fn from_str(s: &str) -> Result<Self, $crate::IdError> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::IdError;
            fn try_from(s: &str) -> Result<Self, $crate::IdError> {
                Self::new(s)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// The desk's ids are made by the same macro (`crate::desk::id`).
pub(crate) use short_id;

short_id!(
    /// An agent (售楼员 / 置业顾问), as the office's roster names it.
    AgentId
);
short_id!(
    /// One visitor or caller, a party arriving together being one (P2-3.7).
    VisitorId
);
short_id!(
    /// A client of the registry, as the log names it.
    ClientId
);
short_id!(
    /// A deal (one deposit and what follows from it).
    DealId
);
short_id!(
    /// A unit for sale (房号), for inventory control (P4-5).
    UnitId
);

/// The ids a decision names, reached in place: a decision log keeps a
/// decision's shape with its ids blanked and the ids apart
/// (`decision::log`).
pub(crate) trait InlineId {
    /// The id's inline text.
    fn inline_mut(&mut self) -> &mut Inline;
}

macro_rules! inline_id {
    ($($name:ident),*) => {$(
        impl InlineId for $name {
            fn inline_mut(&mut self) -> &mut Inline {
                &mut self.0
            }
        }
    )*};
}
inline_id!(AgentId, VisitorId, ClientId);

/// The id of an event. Ids strictly increase within a log, so an id at or
/// below the last one applied is a replay of an event already applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct EventId(pub u64);

impl EventId {
    /// The id's number.
    ///
    /// ```
    /// use anchang::EventId;
    /// assert_eq!(EventId::from(7).get(), 7);
    /// assert_eq!(u64::from(EventId(7)), 7);
    /// ```
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl From<u64> for EventId {
    fn from(n: u64) -> Self {
        EventId(n)
    }
}

impl From<EventId> for u64 {
    fn from(id: EventId) -> Self {
        id.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates() {
        assert_eq!(AgentId::new("李明").unwrap().as_str(), "李明");
        assert_eq!(AgentId::new(""), Err(IdError::Empty));
        assert_eq!(AgentId::new("Li Ming"), Err(IdError::BadChar));
        assert_eq!(AgentId::new(&"x".repeat(25)), Err(IdError::TooLong(25)));
        assert!(AgentId::new("a").unwrap() < AgentId::new("ab").unwrap());
        assert!(AgentId::new("ab").unwrap() < AgentId::new("b").unwrap());
        // Word order is byte order, across word boundaries and lengths.
        let mut ids: Vec<&str> = vec![
            "李明",
            "a",
            "zz",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh1",
            "B",
            "王芳",
            "x1234567890123456789012",
        ];
        let mut sorted = ids.clone();
        sorted.sort();
        ids.sort_by_key(|s| AgentId::new(s).unwrap());
        assert_eq!(ids, sorted);
    }
}
