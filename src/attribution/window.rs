//! The objection window (P2-1.5) and the attribution's status.
//!
//! The engine has no clock, so nothing "fires" when a window closes: the
//! window is closed for any time past its last second, and a deal's status
//! is computed for the time it is asked about ([`super::Deal::status`]).

use crate::Timestamp;

/// Where a deal's attribution stands at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AttributionStatus {
    /// The default attribution, inside the objection window.
    Open,
    /// The default attribution after the window closed with no objection:
    /// it changes now only by a ruling (P2-1.5).
    Locked,
    /// An objection was accepted inside the window: disputed until the
    /// manager rules (P2-2.14).
    Disputed,
    /// Settled by the manager's ruling (P2-2.4, P2-2.14).
    Ruled,
    /// The commission went to the site activity fund (P2-1.6).
    Confiscated,
}

/// The last moment of a window of `secs` seconds opened at `from`.
pub(crate) fn closes(from: Timestamp, secs: u32) -> Timestamp {
    from.plus_seconds(i64::from(secs))
}

/// Whether `at` falls inside the window of `secs` seconds opened at
/// `from`, the boundary included (P2-1.5 reading of 3天内: exactly 72 hours
/// after the deposit is still inside).
pub(crate) fn in_time(from: Timestamp, secs: u32, at: Timestamp) -> bool {
    at.seconds_since(from) <= i64::from(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn w21_boundary_included_one_second_after_excluded() {
        let deposit = t("2026-04-01T10:00:00");
        let h72 = 72 * 3600;
        assert!(in_time(deposit, h72, t("2026-04-04T10:00:00")));
        assert!(!in_time(deposit, h72, t("2026-04-04T10:00:01")));
        assert!(in_time(deposit, h72, deposit));
        assert_eq!(closes(deposit, h72), t("2026-04-04T10:00:00"));
    }
}
