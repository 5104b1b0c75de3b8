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
//! Beside them, [`desk`] is the front desk of the property company that
//! takes over the buildings (P5): requests routed at once, workers'
//! passes, goods released only on the owner's word, mail, and a shift
//! handover that can be refused; a fold of its own with its own events.
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
//! ## What to ask it
//!
//! | You want | Ask |
//! |---|---|
//! | apply one event on a live floor | [`State::apply`] ([`State::apply_into`] reuses a buffer) |
//! | replay a whole log | [`replay`] keeps every decision; [`replay_with`] hands each to a callback and keeps none |
//! | restart without replaying months | serialise the [`State`] (feature `serde`), read it back, [`State::resume`] |
//! | read or write JSON Lines | [`jsonl`] |
//! | the board: next up, statuses, duty helper, phone duty, make-ups, waiting | [`State::board`]: a [`Board`]; [`Board::view`] is an owned [`BoardView`](queue::BoardView), and a `Board` serialises as it |
//! | an agent's clients; one client's record; a tablet's view, others masked | [`Registry::clients_of`], [`Registry::client`], [`Registry::agent_view`] |
//! | who owns a client, since when and why | [`Registry::owner_of`], [`Registry::owned_since`], [`Registry::history`] |
//! | a deal's attribution, each payee's statement | [`State::deals`]: a [`DealBook`] |
//! | why a decision was made | [`Decision::explain`] in 中文 or English; `Display` is the English; [`Decision::code`] a stable code (`"queue.received"`); its `rules` the ids of `RULES.md` |
//! | an office's own policy | a preset ([`Policy::p2`], or `"p2".parse()`) with fields changed, or [`Policy::overlay_json`]: a partial policy in JSON laid over a preset |
//!
//! ```
//! use anchang::{replay_with, Event, Lang, Policy, Timestamp};
//! use anchang::event::{Arrive, SignIn};
//! use anchang::registry::Others;
//!
//! // An office's policy: P2 with two hotlines, written as only that cell.
//! let policy = "p2".parse::<Policy>().unwrap().overlay_json(r#"{"hotlines": 2}"#).unwrap();
//! let t = |s: &str| s.parse::<Timestamp>().unwrap();
//! let log = [
//!     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: "Li".parse().unwrap() }),
//!     Event::new(2, t("2026-03-02T09:01:00"), SignIn { agent: "Wang".parse().unwrap() }),
//!     Event::new(3, t("2026-03-02T09:02:00"), SignIn { agent: "Zhang".parse().unwrap() }),
//!     Event::new(4, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
//! ];
//! // Stream the decisions: each is handed over as it is made, none kept.
//! let mut codes = Vec::new();
//! let state = replay_with(&policy, &log, |d| {
//!     codes.push(d.code());
//!     let _sentence = d.explain(Lang::Zh); // what the floor reads
//! })
//! .unwrap();
//! assert_eq!(codes.last(), Some(&"queue.received"));
//! // The board, as a tablet draws it.
//! let board = state.board().view();
//! assert_eq!(board.next_up[0].as_str(), "Wang");
//! assert_eq!(board.phone_duty.len(), 2);
//! // Li's clients (none yet): its own whole, everyone else's masked.
//! let mine = state.registry().agent_view("Li".parse().unwrap(), t("2026-03-02T10:00:00"), Others::Masked);
//! assert!(mine.own.is_empty());
//! ```
//!
//! ## Privacy
//! Client names and phones are personal data (P1-20, P3-18). Decisions and
//! errors name clients by id; `Debug` and `Display` of names and phones
//! mask them (`王**`, `138****5678`); an agent's view
//! ([`Registry::agent_view`]) holds its own clients whole and others' only
//! masked, so what a tablet serialises cannot leak them.
//!
//! ## Features
//! - `serde` (default): serde derives on every public data type, and
//!   [`jsonl`], a JSON Lines reader with serde_json.
//! - `chrono`: conversions between [`Timestamp`]/[`Date`] and chrono's
//!   `NaiveDateTime`/`NaiveDate`.
//! - `store`: [`store`], a durable store: an fsynced JSON Lines log whose
//!   batches are acknowledged whole or not at all, and snapshots.
//!
//! - `gen`: [`gen`], a seeded generator of realistic logs (no dependency).
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
mod parse;
mod person;
mod rule;
mod stream;
mod time;

pub mod attribution;
pub mod audit;
pub mod desk;
pub mod event;
pub mod policy;
pub mod queue;
pub mod registry;

#[cfg(feature = "chrono")]
mod chrono_conv;
#[cfg(feature = "gen")]
pub mod gen;
#[cfg(feature = "serde")]
pub mod jsonl;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "store")]
pub mod store;

pub use attribution::{DealBook, DealError};
pub use decision::{
    ClientDecision, DealDecision, Decision, DecisionLog, DecisionLogIter, Lang, Reception,
    RosterChange, SuspendedAct, Via, WaitReason, What, NAME_CANDIDATES_LISTED,
};
pub use engine::{replay, Replay, ReplayError, State};
pub use error::{ApplyError, ApplyErrorKind, LogError};
pub use event::{Event, EventKind};
pub use id::{AgentId, ClientId, DealId, EventId, IdError, UnitId, VisitorId, MAX_ID_LEN};
pub use money::{BasisPoints, Fen};
pub use parse::ParseNameError;
pub use person::{Gender, PersonName, Phone};
pub use policy::Policy;
pub use queue::{Board, QueueError};
pub use registry::{Claim, ClaimReason, Registry, RegistryError};
pub use rule::{Rule, Rules};
pub use stream::replay_with;
pub use time::{days_in_month, is_leap_year, Date, TimeError, Timestamp};

/// The README's examples, run as doctests so they stay true.
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
