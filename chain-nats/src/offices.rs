//! The chain's offices: each one's month of events, its subject on the
//! stream, and a digest of an engine state.

use anchang::gen::{GenConfig, Generator};
use anchang::{Event, Policy, State};

/// The stream every office's events go to.
pub const STREAM: &str = "OFFICES";

/// The preset every office replays under.
pub fn policy() -> Policy {
    Policy::p2()
}

/// The subject of office `office`'s events.
pub fn subject(office: u32) -> String {
    format!("office.{office}")
}

/// The office a subject names, if it is an office subject.
pub fn office_of(subject: &str) -> Option<u32> {
    subject.strip_prefix("office.")?.parse().ok()
}

/// Office `office`'s month, generated from the chain's `seed`: the same
/// as the core's `examples/chain.rs` (12 agents, 30 days of 60 visitors,
/// 200 clients carried over).
pub fn month(seed: u64, office: u32) -> Vec<Event> {
    Generator::new(GenConfig::office_month(seed, office)).collect()
}

/// A digest of a state: FNV-1a over its JSON form. The state's maps are
/// ordered, so equal states serialise to equal bytes (tests/chain.rs in
/// the core checks a restored state serialises as it was).
pub fn digest(state: &State) -> u64 {
    let bytes = serde_json::to_vec(state).expect("a state serialises");
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The state a plain local replay of office `office`'s month reaches.
pub fn local_replay(seed: u64, office: u32) -> Result<State, String> {
    anchang::replay(&policy(), month(seed, office))
        .map(|r| r.state)
        .map_err(|e| format!("office {office}: {}", e.error))
}
