//! The desk's identifiers: the same validated inline text as the engine's
//! ids (1 to 24 bytes, no white space, `Copy`), one type per thing named so
//! a pass can never be handed where a request is meant.

use std::fmt;
use std::str::FromStr;

use crate::{AgentId, IdError};

macro_rules! desk_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// 1 to [`MAX_ID_LEN`](crate::MAX_ID_LEN) bytes, no white space;
        /// ordered by its text.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(AgentId);

        impl $name {
            /// Validates `text` as an identifier.
            ///
            /// # Errors
            /// [`IdError::Empty`] for `""`, [`IdError::TooLong`] past 24
            /// bytes, [`IdError::BadChar`] for `"R 1"`.
            pub fn new(text: &str) -> Result<Self, IdError> {
                AgentId::new(text).map($name)
            }

            /// The identifier's text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
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

desk_id!(
    /// A request taken at the desk: a complaint, a repair, a call for help
    /// (the 客服前台值班记录表's entry number).
    RequestId
);
desk_id!(
    /// A department the desk forwards requests to (工程部, 安保部 ...), as
    /// the office's [`DeskPolicy`](super::DeskPolicy) configures it.
    DepartmentId
);
desk_id!(
    /// What a request is about, for routing (`plumbing`, `noise`, `lift`).
    TopicId
);
desk_id!(
    /// A renovation worker's temporary pass (装修工人临时出入证).
    PassId
);
desk_id!(
    /// A release of goods or a move-out (物品放行单).
    ReleaseId
);
desk_id!(
    /// An item of mail or a newspaper logged in (邮件收发记录表's entry).
    MailId
);
desk_id!(
    /// One shift handover and its record (交接班记录).
    HandoverId
);
desk_id!(
    /// An open item the outgoing shift writes into its handover record, or
    /// a question the incoming raises (a lent key, a camera out of order).
    NoteId
);
desk_id!(
    /// A member of the desk's staff: a clerk, the supervisor, the manager.
    StaffId
);
desk_id!(
    /// A resident the desk knows: an owner, a tenant, a household member.
    ResidentId
);
