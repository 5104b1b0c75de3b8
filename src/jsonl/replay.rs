//! Replaying a JSON Lines log with every line accounted for.

use std::io::BufRead;

use super::{Limits, Lines, ReadError};
use crate::{Decision, EventId, Policy, Replay, State};

/// How a JSON Lines replay reads and what it does with a rejected line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// What a line may hold.
    pub limits: Limits,
    /// Go on past a rejected line (its error reported, the state untouched
    /// by it) instead of stopping there. An I/O error always stops.
    pub keep_going: bool,
}

/// What became of one line.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// The event was applied and made `decisions` decisions.
    Applied {
        /// The event.
        event: EventId,
        /// How many decisions it made.
        decisions: usize,
    },
    /// The event's id was already applied and the line is the same event:
    /// a retry, reported as [`What::Ignored`](crate::What::Ignored) and
    /// changing nothing.
    Duplicate {
        /// The event.
        event: EventId,
    },
    /// The line was refused; nothing changed.
    Rejected(ReadError),
    /// A blank or `#` line.
    Skipped,
}

/// One line's number and outcome.
#[derive(Debug)]
pub struct LineOutcome {
    /// 1-based line number.
    pub line: usize,
    /// What became of it.
    pub outcome: Outcome,
}

/// How many lines came to what. `applied + duplicates + rejected + skipped
/// == lines` always.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Summary {
    /// Lines read.
    pub lines: usize,
    /// Events applied.
    pub applied: usize,
    /// Identical retries of events already applied.
    pub duplicates: usize,
    /// Lines refused.
    pub rejected: usize,
    /// Blank and comment lines.
    pub skipped: usize,
}

impl Summary {
    fn count(&mut self, outcome: &Outcome) {
        self.lines += 1;
        match outcome {
            Outcome::Applied { .. } => self.applied += 1,
            Outcome::Duplicate { .. } => self.duplicates += 1,
            Outcome::Rejected(_) => self.rejected += 1,
            Outcome::Skipped => self.skipped += 1,
        }
    }
}

/// A replay of a JSON Lines log, one line at a time: each call to
/// [`Replayer::next_line`] reads one line and says what became of it; the
/// line's decisions are in [`Replayer::decisions`] until the next call.
/// Nothing is kept across lines but the state, so a year of logs streams.
///
/// ```
/// use anchang::jsonl::{Options, Outcome, Replayer};
/// use anchang::{Policy, State};
///
/// let log = r#"{"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}
/// {"v":1,"id":1,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#;
/// let mut replayer = Replayer::new(State::new(Policy::p2()), log.as_bytes(), Options::default());
/// assert!(matches!(replayer.next_line().unwrap().outcome, Outcome::Applied { .. }));
/// assert!(matches!(replayer.next_line().unwrap().outcome, Outcome::Duplicate { .. }));
/// assert!(replayer.next_line().is_none());
/// assert_eq!(replayer.summary().duplicates, 1);
/// ```
#[derive(Debug)]
pub struct Replayer<R> {
    state: State,
    lines: Lines<R>,
    decisions: Vec<Decision>,
    summary: Summary,
}

impl<R: BufRead> Replayer<R> {
    /// A replay of `reader` after `state`.
    pub fn new(state: State, reader: R, options: Options) -> Replayer<R> {
        Replayer {
            state,
            lines: Lines::new(reader, options.limits),
            decisions: Vec::new(),
            summary: Summary::default(),
        }
    }

    /// Reads and applies the next line; `None` at the end of the log.
    pub fn next_line(&mut self) -> Option<LineOutcome> {
        self.decisions.clear();
        let (line, read) = self.lines.next_event()?;
        let outcome = match read {
            Ok(None) => Outcome::Skipped,
            Err(e) => Outcome::Rejected(e),
            Ok(Some(event)) => {
                let retry = self.state.last_event().is_some_and(|l| event.id <= l);
                match self.state.apply_into(&event, &mut self.decisions) {
                    Err(error) => Outcome::Rejected(ReadError::Apply { line, error }),
                    Ok(()) if retry => Outcome::Duplicate { event: event.id },
                    Ok(()) => Outcome::Applied {
                        event: event.id,
                        decisions: self.decisions.len(),
                    },
                }
            }
        };
        self.summary.count(&outcome);
        Some(LineOutcome { line, outcome })
    }

    /// The decisions of the line last read.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The state after the lines read so far.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The lines read so far, by outcome.
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// The state, ending the replay.
    pub fn into_state(self) -> State {
        self.state
    }
}

/// A replay from JSON Lines, every line accounted for.
#[derive(Debug)]
#[non_exhaustive]
pub struct JsonlReplay {
    /// The state after the last line.
    pub state: State,
    /// Every decision, in order.
    pub decisions: Vec<Decision>,
    /// The lines refused, in order (with [`Options::keep_going`]; else empty).
    pub rejected: Vec<ReadError>,
    /// How many lines came to what.
    pub summary: Summary,
}

/// A replay from JSON Lines stopped at a line. Nothing before it is lost.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
#[non_exhaustive]
pub struct JsonlReplayError {
    /// The state just before the failing line.
    pub state: State,
    /// The decisions up to it.
    pub decisions: Vec<Decision>,
    /// What went wrong, and on which line.
    #[source]
    pub error: ReadError,
    /// The lines read up to and including the failing one.
    pub summary: Summary,
}

/// Replays a JSON Lines log under `policy`, every line accounted for.
///
/// # Errors
/// Without [`Options::keep_going`], a [`JsonlReplayError`] at the first
/// line that cannot be read or applied, naming the line (and field), with
/// the state and decisions before it; with it, only at an I/O error.
pub fn replay_with<R: BufRead>(
    policy: &Policy,
    reader: R,
    options: &Options,
) -> Result<JsonlReplay, Box<JsonlReplayError>> {
    let mut replayer = Replayer::new(State::new(policy.clone()), reader, *options);
    let mut decisions = Vec::new();
    let mut rejected = Vec::new();
    while let Some(LineOutcome { outcome, .. }) = replayer.next_line() {
        decisions.extend_from_slice(replayer.decisions());
        if let Outcome::Rejected(error) = outcome {
            if options.keep_going && !matches!(error, ReadError::Io { .. }) {
                rejected.push(error);
                continue;
            }
            let summary = replayer.summary();
            return Err(Box::new(JsonlReplayError {
                state: replayer.into_state(),
                decisions,
                error,
                summary,
            }));
        }
    }
    let summary = replayer.summary();
    Ok(JsonlReplay {
        state: replayer.into_state(),
        decisions,
        rejected,
        summary,
    })
}

/// Replays a JSON Lines log under `policy`, stopping at the first line
/// that cannot be read or applied ([`replay_with`] with default options).
///
/// # Errors
/// A [`JsonlReplayError`] at the first line that cannot be read or applied,
/// naming the line (and field), with the state and decisions before it.
pub fn replay_reader<R: BufRead>(
    policy: &Policy,
    reader: R,
) -> Result<Replay, Box<JsonlReplayError>> {
    let day = replay_with(policy, reader, &Options::default())?;
    Ok(Replay {
        state: day.state,
        decisions: day.decisions,
    })
}
