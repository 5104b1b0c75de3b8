//! The clients an index entry lists (one phone number's, one name's), in
//! the order they were indexed.

use crate::ClientId;

/// One client inline, more in a list: most numbers and most names in an
/// office belong to one client, and a list of one cost an allocation of
/// room for four (100 bytes) per number and per name. Serialised as the
/// list it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ids {
    One(ClientId),
    Many(Vec<ClientId>),
}

impl Ids {
    /// In the order indexed.
    pub fn as_slice(&self) -> &[ClientId] {
        match self {
            Ids::One(c) => std::slice::from_ref(c),
            Ids::Many(v) => v,
        }
    }

    /// Appends `client`: a second one moves the first to a list.
    pub fn push(&mut self, client: ClientId) {
        match self {
            Ids::One(first) => *self = Ids::Many(vec![*first, client]),
            Ids::Many(v) => v.push(client),
        }
    }

    /// Removes `client`; whether any are left.
    #[must_use]
    pub fn remove(&mut self, client: ClientId) -> bool {
        match self {
            Ids::One(c) => *c != client,
            Ids::Many(v) => {
                v.retain(|c| *c != client);
                !v.is_empty()
            }
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ids {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Ids {
    /// A list of one reads as one; an empty list is refused (an index
    /// keeps no empty entry).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut v = Vec::<ClientId>::deserialize(d)?;
        match v.len() {
            0 => Err(serde::de::Error::invalid_length(0, &"at least one client")),
            1 => Ok(Ids::One(v.remove(0))),
            _ => Ok(Ids::Many(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ids;
    use crate::ClientId;

    fn id(s: &str) -> ClientId {
        s.parse().unwrap()
    }

    #[test]
    fn ids_keep_their_order_from_one_to_many_and_back() {
        let mut ids = Ids::One(id("C1"));
        ids.push(id("C2"));
        ids.push(id("C3"));
        assert_eq!(ids.as_slice(), [id("C1"), id("C2"), id("C3")]);
        assert!(ids.remove(id("C2")));
        assert_eq!(ids.as_slice(), [id("C1"), id("C3")]);
        assert!(ids.remove(id("C1")));
        assert!(!ids.remove(id("C3")));
        assert!(!Ids::One(id("C1")).remove(id("C1")));
        assert!(Ids::One(id("C1")).remove(id("C9")));
    }
}
