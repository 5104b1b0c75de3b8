//! Errors of applying an event. Input errors (the log itself is wrong) are
//! kept apart from domain rejections (the event does not fit the state);
//! each capability has its own rejection type.

use crate::{DealError, EventId, QueueError, RegistryError, Timestamp};

/// The log itself is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// The event's time is earlier than the previous event's.
    #[error("time goes backwards: {at} is before the previous event's {previous}")]
    TimeBackwards {
        /// The event's time.
        at: Timestamp,
        /// The previous event's time.
        previous: Timestamp,
    },
}

/// What was wrong with an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApplyErrorKind {
    /// The log is wrong.
    #[error(transparent)]
    Log(#[from] LogError),
    /// The reception floor rejects it.
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// The client registry rejects it.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The deal book rejects it.
    #[error(transparent)]
    Deal(#[from] DealError),
}

/// An event could not be applied; the state is exactly as before it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {event} ({tag}, field `{field}`): {kind}")]
pub struct ApplyError {
    /// The event's id.
    pub event: EventId,
    /// The event's kind, as JSON Lines writes it.
    pub tag: &'static str,
    /// The event field at fault.
    pub field: &'static str,
    /// What was wrong.
    pub kind: ApplyErrorKind,
}

impl ApplyError {
    pub(crate) fn new(event: EventId, tag: &'static str, kind: impl Into<ApplyErrorKind>) -> Self {
        let kind = kind.into();
        let field = match &kind {
            ApplyErrorKind::Log(_) => "at",
            ApplyErrorKind::Queue(e) => e.field(),
            ApplyErrorKind::Registry(e) => e.field(),
            ApplyErrorKind::Deal(e) => e.field(),
        };
        ApplyError {
            event,
            tag,
            field,
            kind,
        }
    }
}
