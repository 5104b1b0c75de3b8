//! Auditing a recorded day: what did happen against what the policy
//! prescribes.
//!
//! A log may record who actually received each visitor (a
//! [`Receive`](crate::event::Receive) event). The audit replays the log
//! with the engine: the recorded reception drives the floor (what did
//! happen), and what the policy prescribed is computed beside it, just
//! before. Every difference that breaks a rule is a [`Finding`] with its
//! rule ids, time, agents and a sentence in Chinese and English; clients
//! appear by visitor and registration id only, never by name or phone
//! (P1-20, P3-18). An audit never rejects the day: an event the engine
//! refuses is itself a finding ([`FindingKind::Refused`]) and the audit
//! reads on to the end. Beside the findings come the [`Fairness`] report
//! and the visit [`Funnel`] (P4-1 to P4-6); [`compare`] replays the same
//! day under another policy.
//!
//! ```
//! use anchang::{audit, Event, Policy, Timestamp};
//! use anchang::event::{Arrive, Receive, SignIn};
//!
//! let t = |s: &str| s.parse::<Timestamp>().unwrap();
//! let log = [
//!     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: "Li".parse().unwrap() }),
//!     Event::new(2, t("2026-03-02T09:01:00"), SignIn { agent: "Wang".parse().unwrap() }),
//!     Event::new(3, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
//!     // Li was up; Wang took the visitor.
//!     Event::new(4, t("2026-03-02T10:00:10"), Receive { visitor: "v1".parse().unwrap(), agent: "Wang".parse().unwrap() }),
//! ];
//! let report = audit::audit(&Policy::p2(), &log);
//! assert_eq!(report.findings[0].code(), "audit.out_of_turn");
//! assert!(report.findings[0].message(anchang::Lang::Zh).contains("P1-6"));
//! assert_eq!(report.fairness.agents[&"Wang".parse().unwrap()].forfeits, 1);
//! ```

mod compare;
mod fairness;
mod finding;
mod fold;
mod funnel;
mod table;

pub use compare::{compare, Comparison, Difference};
pub use fairness::{AgentFairness, Fairness};
pub use finding::{Finding, FindingKind};
pub use funnel::{Funnel, FunnelLine};

use std::borrow::Borrow;

use crate::{Event, Policy};

/// The days before a client's protection lapses within which its agent's
/// follow-ups count as overdue (P2-2.13): three, a reading (the seed says
/// only that a client with no follow-up for over 20 days is new again).
pub const OVERDUE_WARNING_DAYS: u32 = 3;

/// What an audit found and reports.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Audit {
    /// Every finding, in the order of the log.
    pub findings: Vec<Finding>,
    /// The fairness report for the period.
    pub fairness: Fairness,
    /// The visit funnel.
    pub funnel: Funnel,
    /// Events read, and how many the engine refused.
    pub events: usize,
    /// Events refused (each also a [`FindingKind::Refused`] finding).
    pub refused: usize,
}

impl Audit {
    /// The findings about who received whom ([`FindingKind::is_reception`]).
    pub fn reception_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.kind.is_reception())
    }

    /// The findings and the fairness report as a terminal shows them, in `lang`.
    pub fn render(&self, lang: crate::Lang) -> String {
        table::render(self, lang)
    }
}

/// Audits `events` under `policy`, reading every event to the end. For a
/// period of a longer log see [`audit_from`].
///
/// See the [module](self) for an example.
pub fn audit<I>(policy: &Policy, events: I) -> Audit
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    let mut a = fold::Auditor::new(policy);
    for e in events {
        a.feed(e.borrow(), None);
    }
    a.finish()
}

/// Audits the events that follow `state`: a period of a longer log (a
/// day, a week), the state the log reached before it taken as the floor
/// it starts from. Findings and the fairness report cover the period
/// only; what came before still decides owners and turns.
///
/// ```
/// use anchang::{audit, replay, Event, Policy, Timestamp};
/// use anchang::event::{Arrive, SignIn};
///
/// let t = |s: &str| s.parse::<Timestamp>().unwrap();
/// let log = [
///     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: "Li".parse().unwrap() }),
///     Event::new(2, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
///     Event::new(3, t("2026-03-02T11:00:00"), Arrive::walk_in("v2".parse().unwrap())),
/// ];
/// let before = replay(&Policy::p2(), &log[..2]).unwrap().state;
/// let period = audit::audit_from(before, &log[2..]);
/// let li = &period.fairness.agents[&"Li".parse().unwrap()];
/// assert_eq!((li.counted, li.floor_seconds), (0, 3600)); // v2 waits: Li is with v1
/// ```
pub fn audit_from<I>(state: crate::State, events: I) -> Audit
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
{
    let mut a = fold::Auditor::from_state(state);
    for e in events {
        a.feed(e.borrow(), None);
    }
    a.finish()
}

/// Audits a JSON Lines log (feature `serde`) under `policy`, reading it to
/// the end as [`jsonl::replay_with`](crate::jsonl::replay_with) with
/// `keep_going` does: a line that is not an event, or that the engine
/// refuses, is a [`FindingKind::Refused`] finding naming its line, and the
/// audit goes on. The [`Summary`](crate::jsonl::Summary) accounts for
/// every line.
///
/// ```
/// use anchang::{audit, Policy};
/// let log = "{\"v\":1,\"id\":1,\"at\":\"2026-03-02T09:00:00\",\"type\":\"end\",\"agent\":\"Li\"}\nnot json\n";
/// let (report, summary) = audit::audit_jsonl(&Policy::p2(), log.as_bytes()).unwrap();
/// assert_eq!((summary.lines, summary.rejected), (2, 2));
/// assert_eq!(report.findings.len(), 2);
/// ```
///
/// # Errors
/// An I/O error reading the log (a rejected line is no error).
#[cfg(feature = "serde")]
pub fn audit_jsonl<R: std::io::BufRead>(
    policy: &Policy,
    reader: R,
) -> Result<(Audit, crate::jsonl::Summary), crate::jsonl::ReadError> {
    use crate::jsonl::{Lines, ReadError, Summary};
    let mut lines = Lines::new(reader, crate::jsonl::Limits::DEFAULT);
    let mut a = fold::Auditor::new(policy);
    let mut summary = Summary::default();
    while let Some((line, read)) = lines.next_event() {
        summary.lines += 1;
        match read {
            Ok(None) => summary.skipped += 1,
            Ok(Some(e)) => match a.feed(&e, Some(line)) {
                fold::Fed::Applied => summary.applied += 1,
                fold::Fed::Duplicate => summary.duplicates += 1,
                fold::Fed::Refused => summary.rejected += 1,
            },
            Err(e @ ReadError::Io { .. }) => return Err(e),
            Err(e) => {
                summary.rejected += 1;
                a.refuse(e.code(), Some(line), e.event());
            }
        }
    }
    Ok((a.finish(), summary))
}
