//! A chain of offices replays each office's log on whichever core or
//! worker is free, and resumes from snapshots: the state must cross
//! threads, and a snapshot must stand for the prefix it covers exactly.
//!
//! The properties cut a log at a random point, snapshot the state through
//! its serde form (what a worker writes to disk), restore it and replay the
//! rest; the outcome must equal replaying the whole. They run on the
//! shipped logs under every preset and, with feature `gen`, on generated
//! months.

use anchang::{jsonl, replay, Decision, Event, Policy, State, What};
use proptest::prelude::*;

use crate::properties::cases;

/// The engine state is `Send` and `Sync`: a chain hands each office's
/// state to a worker thread, and a board may read it from another.
#[test]
fn state_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<State>();
    assert_send_sync::<Event>();
    assert_send_sync::<Decision>();
}

/// The shipped logs, each replayable under every preset.
fn shipped() -> Vec<(&'static str, Vec<Event>)> {
    [
        ("day", include_str!("../examples/data/day.jsonl")),
        ("clients", include_str!("../examples/data/clients.jsonl")),
        ("deals", include_str!("../examples/data/deals.jsonl")),
    ]
    .into_iter()
    .map(|(name, text)| {
        let log = jsonl::events(text.as_bytes())
            .map(|r| r.map(|(_, e)| e).unwrap_or_else(|e| panic!("{name}: {e}")))
            .collect();
        (name, log)
    })
    .collect()
}

fn presets() -> [Policy; 3] {
    [Policy::p1(), Policy::p2(), Policy::p3()]
}

/// What a worker writes and reads back: the state's JSON form.
fn round_trip(state: &State) -> State {
    let text = serde_json::to_string(state).expect("a state serialises");
    serde_json::from_str(&text).expect("a snapshot restores")
}

/// Replays `log` whole, and replays it cut at `cut` with a snapshot round
/// trip in between; both must reach the same state with the same decisions.
fn assert_cut_equals_whole(policy: &Policy, log: &[Event], cut: usize) -> Result<(), String> {
    let whole = replay(policy, log).map_err(|e| format!("whole: {}", e.error))?;
    let (head, tail) = log.split_at(cut);
    let prefix = replay(policy, head).map_err(|e| format!("prefix: {}", e.error))?;
    let restored = round_trip(&prefix.state);
    if restored != prefix.state {
        return Err(format!("the snapshot at {cut} did not restore exactly"));
    }
    let rest = restored
        .resume(tail)
        .map_err(|e| format!("rest: {}", e.error))?;
    if rest.state != whole.state {
        return Err(format!("cut at {cut}: the resumed state differs"));
    }
    let mut decisions = prefix.decisions;
    decisions.extend(rest.decisions);
    if decisions != whole.decisions {
        return Err(format!("cut at {cut}: the decisions differ"));
    }
    Ok(())
}

/// Every snapshot of every prefix of the shipped logs restores exactly, and
/// a restored state serialises to the same bytes (a digest of the JSON is
/// therefore a digest of the state).
#[test]
fn a_snapshot_restores_the_state_exactly() {
    for (name, log) in shipped() {
        for policy in presets() {
            let mut state = State::new(policy.clone());
            for (i, event) in log.iter().enumerate() {
                state
                    .apply(event)
                    .unwrap_or_else(|e| panic!("{name} {}: {e}", policy.name));
                if i % 7 == 0 || i + 1 == log.len() {
                    let text = serde_json::to_string(&state).unwrap();
                    let back: State = serde_json::from_str(&text).unwrap();
                    assert_eq!(back, state, "{name} {} at {i}", policy.name);
                    assert_eq!(serde_json::to_string(&back).unwrap(), text);
                }
            }
        }
    }
}

/// A redelivered event (a worker crashed after its checkpoint was durable
/// and before the broker heard the ack) is applied to the restored state
/// again: the id check makes it a no-op, reported as ignored.
#[test]
fn redelivered_events_after_a_restore_change_nothing() {
    for (name, log) in shipped() {
        let policy = Policy::p2();
        let cut = log.len() * 2 / 3;
        let checkpoint = replay(&policy, &log[..cut]).unwrap().state;
        let mut restored = round_trip(&checkpoint);
        // The broker redelivers the last few events the checkpoint covers.
        for event in &log[cut.saturating_sub(5)..cut] {
            let decisions = restored.apply(event).unwrap();
            assert!(
                matches!(decisions.as_slice(), [d] if matches!(d.what, What::Ignored { .. })),
                "{name}: redelivered event {} was not ignored",
                event.id.0
            );
        }
        assert_eq!(
            restored, checkpoint,
            "{name}: a redelivery changed the state"
        );
        let whole = replay(&policy, &log).unwrap().state;
        assert_eq!(restored.resume(&log[cut..]).unwrap().state, whole);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Replaying a prefix, snapshotting, restoring and replaying the rest
    /// equals replaying the whole, for any cut point of any shipped log.
    #[test]
    fn replaying_a_prefix_then_a_restored_snapshot_equals_replaying_the_whole(
        which in 0usize..3,
        preset in 0usize..3,
        at in any::<prop::sample::Index>(),
    ) {
        let logs = shipped();
        let (name, log) = &logs[which];
        let policy = presets()[preset].clone();
        let cut = at.index(log.len() + 1);
        prop_assert!(assert_cut_equals_whole(&policy, log, cut).is_ok(),
            "{name} {}: {:?}", policy.name, assert_cut_equals_whole(&policy, log, cut));
    }
}
