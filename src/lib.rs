//! # anchang: the rules engine of a property sales office (案场)
//!
//! From an append-only log of what happened on a sales floor, anchang
//! answers three questions, each decision citing the rule of
//! `RULES.md` that made it:
//!
//! - **Who receives the next visitor**: a reception rotation seeded by
//!   sign-in order, with skips, forfeits (轮空), make-up turns (补接),
//!   named agents, returning clients, uncounted visitors, a duty helper
//!   (义务接待) and phone duty ([`queue`]).
//! - **Whose client is this**: registrations, validity, ownership and lapse
//!   ([`registry`]).
//! - **Who is paid for a deal**: attribution and exact commission splits
//!   ([`attribution`]).
//!
//! Everything is a pure function of the log and a [`Policy`]: no clock, no
//! I/O, no randomness, no hash-order iteration. The documents disagree on
//! many points; a [`Policy`] holds each such choice, and the crate ships one
//! preset per document ([`Policy::p1`], [`Policy::p2`], [`Policy::p3`]).
//!
//! ```
//! use anchang::{replay, Event, Lang, Policy, Timestamp};
//! use anchang::event::{Arrive, SignIn};
//!
//! let t = |s: &str| s.parse::<Timestamp>().unwrap();
//! let agent = |s: &str| s.parse().unwrap();
//! let log = vec![
//!     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: agent("Li") }),
//!     Event::new(2, t("2026-03-02T09:01:00"), SignIn { agent: agent("Wang") }),
//!     Event::new(3, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
//! ];
//! let day = replay(&Policy::p1(), &log).unwrap();
//! let last = day.decisions.last().unwrap();
//! assert_eq!(last.explain(Lang::En), "[P1-1, P1-5] Li receives v1 (in turn, counted); duty helper Wang assists");
//! assert_eq!(day.state.board().next_up(2), vec![agent("Wang")]);
//! ```
//!
//! ## Features
//! - `serde` (default): serde derives on every public data type, and
//!   [`jsonl`], a JSON Lines reader with serde_json.
//! - `chrono`: conversions between [`Timestamp`]/[`Date`] and chrono's
//!   `NaiveDateTime`/`NaiveDate`.
//! - `store`: [`store`], a durable store: an fsynced JSON Lines log whose
//!   batches are acknowledged whole or not at all, and snapshots.
//!
//! With no features the engine depends on thiserror alone.

#![deny(missing_docs)]
#![doc(test(attr(deny(warnings))))]
#![forbid(unsafe_code)]

mod decision;
mod engine;
mod error;
mod id;
mod money;
mod person;
mod rule;
mod time;

pub mod attribution;
pub mod event;
pub mod policy;
pub mod queue;
pub mod registry;

#[cfg(feature = "chrono")]
mod chrono_conv;
#[cfg(feature = "serde")]
pub mod jsonl;
#[cfg(feature = "store")]
pub mod store;

pub use attribution::{DealBook, DealError};
pub use decision::{
    ClientDecision, DealDecision, Decision, Lang, Reception, RosterChange, SuspendedAct, Via,
    WaitReason, What,
};
pub use engine::{replay, Replay, ReplayError, State};
pub use error::{ApplyError, ApplyErrorKind, LogError};
pub use event::{Event, EventKind};
pub use id::{AgentId, ClientId, DealId, EventId, IdError, UnitId, VisitorId, MAX_ID_LEN};
pub use money::{BasisPoints, Fen};
pub use person::{Gender, PersonName, Phone};
pub use policy::Policy;
pub use queue::{Board, QueueError};
pub use registry::{Claim, ClaimReason, Registry, RegistryError};
pub use rule::{Rule, Rules};
pub use time::{days_in_month, is_leap_year, Date, TimeError, Timestamp};

/// The README's examples, run as doctests so they stay true.
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
