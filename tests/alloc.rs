//! No allocation per event in the steady state of an in-memory replay:
//! once the floor is warm, the events of a day on the floor (arrivals,
//! ends, breaks, returns, departures unserved, follow-ups) allocate at
//! most once in fifty events (amortised growth, see the assertion);
//! only what the state keeps (a new client, a new deal) or a decision that
//! carries a list may allocate every time.
//!
//! A binary of its own, not a module of `tests/main.rs`: it installs a
//! counting global allocator, and a global allocator is one per binary;
//! counting in the shared suite would count every other test's threads.
//! It counts; it does not time.

#![cfg(feature = "gen")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;

use anchang::gen::{GenConfig, Generator};
use anchang::{Decision, Event, Policy, State};

struct Counting;

thread_local! {
    /// Allocations made by this thread while counting is on.
    static COUNT: Cell<Option<u64>> = const { Cell::new(None) };
}

// SAFETY: defers every call to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get().map(|n| n + 1)));
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get().map(|n| n + 1)));
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> u64 {
    COUNT.with(|c| c.set(Some(0)));
    f();
    COUNT.with(|c| c.replace(None)).unwrap_or(0)
}

/// The floor's events, which must not allocate once warm.
const FLOOR: [&str; 7] = [
    "arrive",
    "end",
    "step_away",
    "return",
    "leave",
    "follow_up",
    "sign_in",
];

#[test]
fn the_floor_allocates_nothing_per_event_once_warm() {
    let config = GenConfig::new(3)
        .agents(20)
        .days(6)
        .visitors_per_day(300)
        .clients(2_000);
    let log: Vec<Event> = Generator::new(config).collect();
    // Warm: the first days size every buffer the floor reuses.
    let warm = log.len() / 2;
    for policy in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut state = State::new(policy.clone());
        let mut buf: Vec<Decision> = Vec::with_capacity(1024);
        for e in &log[..warm] {
            buf.clear();
            state.apply_into(e, &mut buf).unwrap();
        }
        let mut by_kind: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        let mut date = log[warm - 1].at.date();
        for e in &log[warm..] {
            buf.clear();
            // A day's first event keeps the floor to restore should it
            // fail (a copy a day, not an allocation per event).
            if e.at.date() != date {
                date = e.at.date();
                state.apply_into(e, &mut buf).unwrap();
                continue;
            }
            let n = allocations(|| state.apply_into(e, &mut buf).unwrap());
            let entry = by_kind.entry(e.kind.tag()).or_default();
            entry.0 += 1;
            entry.1 += n;
        }
        eprintln!("{}: (events, allocations) by kind {by_kind:?}", policy.name);
        for kind in FLOOR {
            let (events, allocs) = by_kind.get(kind).copied().unwrap_or_default();
            assert!(events > 0 || kind == "sign_in", "no {kind} counted");
            // Not one per event (1 in 50 at most; 3 to 8 in 1,255
            // arrivals here): what remains is amortised growth (a
            // waiting line or make-up ledger longer than ever before, a
            // client met by a third agent, the floor kept once a day to
            // restore if the day's first event fails, which is not counted). Before issue 9 an
            // arrival allocated 0.7 times on average.
            assert!(
                allocs * 50 <= events,
                "{}: {events} {kind} events allocated {allocs} times (more than 1 in 50)",
                policy.name
            );
        }
    }
}
