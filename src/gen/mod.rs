//! A seeded generator of realistic logs (feature `gen`): a sales office's
//! days, as long and as busy as asked, for benchmarks, property tests and
//! anyone who wants to simulate a month.
//!
//! A log opens with the roster signing in once (the office has seen every
//! agent it will name) and the client base carried over from before
//! (`clients` registrations, dated over the month before the first day),
//! then runs `days` days. Each day agents sign in (a few late, a few not
//! at all), `visitors_per_day` visitors come (walk-ins and callers,
//! visitors naming an agent, way-askers and other uncounted visitors,
//! developer's clients, returning clients found by a phone number written
//! one of several ways: `13900001111`, `139-0000-1111`, `+86 139-0000-1111`
//! ...), agents step away for meals and errands and come back, receptions
//! end, new clients are registered by the agent who received them,
//! owners follow up their clients, and deals are made: deposits,
//! objections, rulings, contracts, cancellations. At the end of the day
//! receptions end, the waiting leave and everyone signs out.
//!
//! Every event is one the engine accepts under each of the presets
//! [`Policy::p1`](crate::Policy::p1), [`p2`](crate::Policy::p2) and [`p3`](crate::Policy::p3): the generator
//! replays what it writes under all three and writes only what all three
//! accept (an end only for an agent busy under all, a break only for one
//! free under all ...). A seed names one log: the same config gives the
//! same events, on any machine. No dependency: its own xorshift.
//!
//! ```
//! use anchang::gen::{generate, GenConfig, NamePool};
//! use anchang::{replay, Policy};
//!
//! let config = GenConfig::new(7).agents(8).days(2).visitors_per_day(30).clients(50);
//! let log = generate(&config);
//! assert!(log.len() > 100);
//! for policy in [Policy::p1(), Policy::p2(), Policy::p3()] {
//!     replay(&policy, &log).expect("every preset accepts a generated log");
//! }
//! assert_eq!(generate(&config), log, "a seed names one log");
//! # let _ = NamePool::Distinct;
//! ```
//!
//! For logs too big to hold, [`Generator`] yields the same events one at a
//! time; it holds the three replayed states, so its memory grows with the
//! client base, never with the log's length.

mod floor;
mod people;
mod rng;

use std::borrow::Borrow;

use crate::{Date, Event};

/// Where the names of generated clients come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum NamePool {
    /// 144 common full names (12 surnames by 12 given names): as in a real
    /// office, many clients share a name.
    #[default]
    Common,
    /// Every client a name of its own.
    Distinct,
}

/// What to generate. Start from [`GenConfig::new`] (or `Default`) and set
/// what matters: `GenConfig::new(1).days(334).visitors_per_day(1100)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenConfig {
    /// The seed: one seed, one log.
    pub seed: u64,
    /// Agents on the roster (each day a few are absent or late).
    pub agents: u16,
    /// Days of floor activity.
    pub days: u16,
    /// Visitors and callers arriving each day.
    pub visitors_per_day: u16,
    /// Clients registered before the first day (the office's carried-over
    /// register); the days register more as new visitors come.
    pub clients: u32,
    /// Where client names come from.
    pub names: NamePool,
    /// The first day of floor activity.
    pub start: Date,
}

impl Default for GenConfig {
    /// Seed 0: a month (30 days) of an office of 30 agents with 120
    /// visitors a day and 1,000 clients carried over, common names, from
    /// 2026-03-02.
    fn default() -> GenConfig {
        GenConfig {
            seed: 0,
            agents: 30,
            days: 30,
            visitors_per_day: 120,
            clients: 1_000,
            names: NamePool::Common,
            start: Date::from_ymd(2026, 3, 2).expect("a valid date"),
        }
    }
}

impl GenConfig {
    /// The default config with seed `seed`.
    pub fn new(seed: u64) -> GenConfig {
        GenConfig {
            seed,
            ..GenConfig::default()
        }
    }

    /// Office `office` of a chain seeded `seed`: a month of 12 agents, 30
    /// days of 60 visitors and 200 clients carried over (about 5,800
    /// events), as `examples/chain.rs` and the JetStream member replay it.
    /// Offices of one chain differ; the same pair gives the same month.
    ///
    /// ```
    /// use anchang::gen::{generate, GenConfig};
    /// let a = GenConfig::office_month(2026, 1).days(2);
    /// assert_eq!(generate(&a), generate(&a));
    /// assert_ne!(generate(&a), generate(&GenConfig::office_month(2026, 2).days(2)));
    /// ```
    pub fn office_month(seed: u64, office: u32) -> GenConfig {
        GenConfig::new(seed.wrapping_mul(1_000_003) ^ u64::from(office))
            .agents(12)
            .days(30)
            .visitors_per_day(60)
            .clients(200)
    }

    /// With `n` agents (at least one is kept).
    pub fn agents(mut self, n: u16) -> GenConfig {
        self.agents = n;
        self
    }

    /// With `n` days.
    pub fn days(mut self, n: u16) -> GenConfig {
        self.days = n;
        self
    }

    /// With `n` visitors a day.
    pub fn visitors_per_day(mut self, n: u16) -> GenConfig {
        self.visitors_per_day = n;
        self
    }

    /// With `n` clients carried over.
    pub fn clients(mut self, n: u32) -> GenConfig {
        self.clients = n;
        self
    }

    /// With names from `pool`.
    pub fn names(mut self, pool: NamePool) -> GenConfig {
        self.names = pool;
        self
    }

    /// Starting on `date`.
    pub fn start(mut self, date: Date) -> GenConfig {
        self.start = date;
        self
    }
}

/// The whole log for `config`, in memory. Equal to collecting a
/// [`Generator`].
///
/// ```
/// use anchang::gen::{generate, GenConfig};
/// let log = generate(&GenConfig::new(1).days(1).clients(10));
/// assert!(log.windows(2).all(|w| w[0].id < w[1].id && w[0].at <= w[1].at));
/// ```
pub fn generate(config: &GenConfig) -> Vec<Event> {
    Generator::new(config).collect()
}

/// The log for a config, one event at a time, for logs too big to hold.
///
/// ```
/// use anchang::gen::{GenConfig, Generator};
/// let config = GenConfig::new(3).agents(4).days(1).clients(5);
/// let mut g = Generator::new(&config);
/// let first: Vec<&str> = g.by_ref().take(9).map(|e| e.kind.tag()).collect();
/// // The roster signs in, then the carried-over base is registered.
/// assert_eq!(first, ["sign_in"; 4].into_iter().chain(["register"; 5]).collect::<Vec<_>>());
/// assert_eq!(g.count() + 9, anchang::gen::generate(&config).len());
/// ```
#[derive(Debug)]
pub struct Generator {
    floor: floor::Floor,
}

impl Generator {
    /// A generator of the log `config` describes (taken by value or by
    /// reference).
    pub fn new(config: impl Borrow<GenConfig>) -> Generator {
        Generator {
            floor: floor::Floor::new(config.borrow().clone()),
        }
    }

    /// Clients registered so far: the carried-over base and those the
    /// days registered.
    pub fn clients_registered(&self) -> u32 {
        self.floor.clients_registered()
    }
}

impl Iterator for Generator {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        self.floor.next_event()
    }
}
