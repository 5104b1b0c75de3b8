//! Streaming replay: each decision handed to a callback as it is made, none
//! kept, so replaying years of logs holds one event's decisions at a time.

use std::borrow::Borrow;

use crate::{ApplyError, Decision, Event, Policy, ReplayError, State};

impl State {
    /// Applies `events` in order after this state, handing each decision to
    /// `on` as it is made and keeping none; returns how many events were
    /// applied (a replayed id, [`What::Ignored`](crate::What::Ignored),
    /// counts as applied). [`State::resume`] is the same, keeping them all.
    ///
    /// ```
    /// use anchang::{Event, Policy, State, Timestamp};
    /// use anchang::event::{Arrive, SignIn};
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: "Li".parse().unwrap() }),
    ///     Event::new(2, at, Arrive::walk_in("v1".parse().unwrap())),
    /// ];
    /// let mut state = State::new(Policy::p1());
    /// let mut received = 0;
    /// let applied = state
    ///     .resume_with(&log, |d| received += usize::from(d.code() == "queue.received"))
    ///     .unwrap();
    /// assert_eq!((applied, received), (2, 1));
    /// assert_eq!(state.last_event(), Some(2.into()));
    /// ```
    ///
    /// # Errors
    /// The [`ApplyError`] of the first event that cannot be applied (see
    /// [`State::apply`]). The state is then as it was just before that
    /// event, and `on` has seen every decision up to it, none of it.
    pub fn resume_with<I, F>(&mut self, events: I, mut on: F) -> Result<usize, ApplyError>
    where
        I: IntoIterator,
        I::Item: Borrow<Event>,
        F: FnMut(&Decision),
    {
        // One buffer for the whole replay: an event's decisions are handed
        // over and dropped before the next event.
        let mut buffer = Vec::new();
        let mut applied = 0;
        for event in events {
            self.apply_into(event.borrow(), &mut buffer)?;
            // Lent in place, then cleared: a decision is 184 bytes, and
            // moving each out of the buffer was a copy for nothing.
            buffer.iter().for_each(&mut on);
            buffer.clear();
            applied += 1;
        }
        Ok(applied)
    }
}

/// Replays a log from the start under `policy`, handing each decision to
/// `on` as it is made, keeping none (see [`State::resume_with`]);
/// [`replay`](crate::replay) is the same, keeping them all.
///
/// ```
/// use anchang::{replay_with, Event, Lang, Policy, Timestamp};
/// use anchang::event::SignIn;
///
/// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
/// let log = [Event::new(1, at, SignIn { agent: "Li".parse().unwrap() })];
/// let mut lines = Vec::new();
/// let state = replay_with(&Policy::p2(), &log, |d| lines.push(d.explain(Lang::Zh))).unwrap();
/// assert_eq!(lines.len(), 1);
/// assert_eq!(state.board().rotation().len(), 1);
/// ```
///
/// # Errors
/// A [`ReplayError`] at the first event that cannot be applied, holding
/// the state just before it; its `decisions` are empty, since `on` has
/// had them.
pub fn replay_with<I, F>(policy: &Policy, events: I, on: F) -> Result<State, Box<ReplayError>>
where
    I: IntoIterator,
    I::Item: Borrow<Event>,
    F: FnMut(&Decision),
{
    let mut state = State::new(policy.clone());
    match state.resume_with(events, on) {
        Ok(_) => Ok(state),
        Err(error) => Err(Box::new(ReplayError {
            state,
            decisions: Vec::new(),
            error,
        })),
    }
}
