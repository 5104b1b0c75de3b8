//! The log generator (feature `gen`): one seed one log, every event
//! accepted by each preset, every kind of event the issue lists, and the
//! client base the config asks for.

use std::collections::BTreeSet;

use anchang::event::{AwayReason, Channel, EventKind, Purpose};
use anchang::gen::{generate, GenConfig, Generator, NamePool};
use anchang::{replay, Event, Policy};

fn small(seed: u64) -> GenConfig {
    GenConfig::new(seed)
        .agents(12)
        .days(6)
        .visitors_per_day(80)
        .clients(300)
}

#[test]
fn a_seed_names_one_log() {
    let a = generate(&small(11));
    assert_eq!(a, generate(&small(11)));
    assert_ne!(a, generate(&small(12)), "another seed, another log");
    let streamed: Vec<Event> = Generator::new(small(11)).collect();
    assert_eq!(a, streamed, "the iterator yields the same log");
}

#[test]
fn every_preset_accepts_every_generated_event() {
    for seed in [1, 2, 3] {
        for names in [NamePool::Common, NamePool::Distinct] {
            let log = generate(&small(seed).names(names));
            assert!(log
                .windows(2)
                .all(|w| w[0].id < w[1].id && w[0].at <= w[1].at));
            for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
                if let Err(e) = replay(&p, &log) {
                    panic!("{} rejects seed {seed}: {}", p.name, e.error);
                }
            }
        }
    }
}

#[test]
fn contains_every_listed_kind_of_event() {
    // Long enough that the rarer steps of a deal (a cancellation) come.
    let log = generate(&small(5).days(12));
    let tags: BTreeSet<&str> = log.iter().map(|e| e.kind.tag()).collect();
    for tag in [
        "sign_in",
        "sign_out",
        "step_away",
        "return",
        "arrive",
        "leave",
        "end",
        "register",
        "follow_up",
        "deposit",
        "objection",
        "ruling",
        "contract",
        "cancel",
    ] {
        assert!(tags.contains(tag), "no {tag} in the log");
    }
    let arrivals = || {
        log.iter().filter_map(|e| match &e.kind {
            EventKind::Arrive(a) => Some(a),
            _ => None,
        })
    };
    let aways: BTreeSet<AwayReason> = log
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::StepAway(s) => Some(s.reason),
            _ => None,
        })
        .collect();
    assert!(aways.contains(&AwayReason::Meal) && aways.contains(&AwayReason::Errand));
    assert!(
        arrivals().any(|a| a.named_agent.is_some()),
        "named visitors"
    );
    assert!(
        arrivals().any(|a| a.purpose == Purpose::AskingWay),
        "way-askers"
    );
    assert!(arrivals().any(|a| a.channel == Channel::Call), "callers");
    // Returning clients give their phone written several ways.
    let written: Vec<&str> = arrivals()
        .filter_map(|a| a.phone.as_ref())
        .map(|p| p.expose())
        .collect();
    assert!(written.iter().any(|p| p.starts_with("+86")));
    assert!(written
        .iter()
        .any(|p| p.contains('-') && !p.starts_with('+')));
    assert!(written
        .iter()
        .any(|p| p.chars().all(|c| c.is_ascii_digit())));
    // ... and the registry finds them by it.
    let day = replay(&Policy::p2(), &log).unwrap();
    let identified = day
        .decisions
        .iter()
        .filter(|d| d.explain(anchang::Lang::En).contains("by phone"))
        .count();
    assert!(identified > 0, "returning clients found by phone");
    let registered_on_floor = log
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Register(r) if r.visitor.is_some()))
        .count();
    assert!(registered_on_floor > 50, "newcomers are registered");
}

#[test]
fn the_client_base_is_the_size_asked() {
    for (clients, names) in [(0, NamePool::Common), (250, NamePool::Distinct)] {
        let config = small(9).clients(clients).names(names).days(2);
        let mut g = Generator::new(&config);
        let roster: Vec<Event> = g.by_ref().take(usize::from(config.agents)).collect();
        assert!(roster.iter().all(|e| e.kind.tag() == "sign_in"));
        let base: Vec<Event> = g.by_ref().take(clients as usize).collect();
        assert!(base.iter().all(|e| e.kind.tag() == "register"));
        assert_eq!(g.clients_registered(), clients);
        // Whoever is still signed in signs out before the first day opens
        // (none when the base spans days: a new day already closed the
        // roster's sign-ins).
        let mut closing = Vec::new();
        let first_floor = loop {
            let e = g.next().unwrap();
            if e.kind.tag() != "sign_out" {
                break e;
            }
            closing.push(e);
        };
        assert!(closing.len() <= usize::from(config.agents));
        assert_ne!(first_floor.kind.tag(), "register", "the base is {clients}");
        assert!(first_floor.at.date() == config.start);
        let rest: Vec<Event> = g.by_ref().collect();
        let floor_registrations = rest.iter().filter(|e| e.kind.tag() == "register").count();
        assert_eq!(
            g.clients_registered() as usize,
            clients as usize + floor_registrations
        );
        let log: Vec<Event> = roster
            .into_iter()
            .chain(base)
            .chain(closing)
            .chain([first_floor])
            .chain(rest)
            .collect();
        let day = replay(&Policy::p1(), &log).unwrap();
        let ids: BTreeSet<_> = log
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Register(r) => Some(r.client),
                _ => None,
            })
            .collect();
        assert_eq!(
            ids.len(),
            g.clients_registered() as usize,
            "one registration each"
        );
        assert!(ids.iter().all(|c| day.state.registry().knows(*c)));
    }
}

#[test]
fn distinct_names_are_distinct_and_common_ones_repeat() {
    let names = |pool| {
        let log = generate(&small(4).names(pool).days(1));
        let all: Vec<String> = log
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Register(r) if r.channel == Channel::Visit => {
                    r.name.as_ref().map(|n| n.expose().to_owned())
                }
                _ => None,
            })
            .collect();
        let distinct: BTreeSet<String> = all.iter().cloned().collect();
        (all.len(), distinct.len())
    };
    let (all, distinct) = names(NamePool::Distinct);
    assert_eq!(all, distinct);
    let (all, distinct) = names(NamePool::Common);
    assert!(distinct <= 144 && distinct < all);
}
