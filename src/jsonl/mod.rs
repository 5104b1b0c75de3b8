//! JSON Lines: one event per line (feature `serde`).
//!
//! Each line is a flat object with a format version `v` (now 1), an `id`,
//! an `at` time and a `type`, then the fields of that kind:
//! `{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}`.
//! It is [`Event`]'s own serde form (see [`crate::event::wire`]), and
//! `schema/event.schema.json` describes it as a JSON Schema.
//!
//! Blank lines and lines starting with `#` are skipped; a UTF-8 byte-order
//! mark on the first line, CRLF line ends and a missing last newline are
//! accepted, as exporters write them. A line over [`Limits::max_line_bytes`]
//! is refused before it is parsed.
//!
//! Every line is accounted for: a [`Replayer`] gives one [`Outcome`] per
//! line (applied, duplicate, rejected, skipped) and a [`Summary`] that adds
//! up to the lines read; with [`Options::keep_going`] a rejected line is
//! reported and the replay goes on, the state untouched by it.
//!
//! ```
//! use anchang::{jsonl, Policy};
//!
//! // As an exporter writes it: a byte-order mark, CRLF, no last newline.
//! let log = [
//!     "\u{feff}{\"v\":1,\"id\":1,\"at\":\"2026-03-02T09:00:00\",\"type\":\"sign_in\",\"agent\":\"Li\"}",
//!     r#"{"v":1,"id":2,"at":"2026-03-02T09:05:00","type":"end","agent":"Li"}"#,
//!     "// not an event",
//!     "",
//!     r#"{"v":1,"id":3,"at":"2026-03-02T09:10:00","type":"sign_in","agent":"Wang"}"#,
//! ]
//! .join("\r\n");
//! let options = jsonl::Options { keep_going: true, ..Default::default() };
//! let day = jsonl::replay_with(&Policy::p2(), log.as_bytes(), &options).unwrap();
//! // Li was not receiving anyone and line 3 is no JSON: both are
//! // rejected, the rest applied or skipped.
//! let s = day.summary;
//! assert_eq!((s.lines, s.applied, s.rejected, s.skipped), (5, 2, 2, 1));
//! assert_eq!((day.rejected[0].line(), day.rejected[0].field()), (2, "agent"));
//! assert_eq!(day.rejected[1].code(), "line.not_json");
//! ```

mod error;
mod lines;
mod replay;

pub use crate::event::wire::{Limits, Problem, VERSION};
pub use error::ReadError;
pub use lines::Lines;
pub use replay::{
    replay_reader, replay_with, JsonlReplay, JsonlReplayError, LineOutcome, Options, Outcome,
    Replayer, Summary,
};

use serde::de::DeserializeSeed;

use crate::event::wire::{EventSeed, Report};
use crate::Event;

/// Parses one line (1-based `line` for errors) into an event, under
/// [`Limits::DEFAULT`]. A byte-order mark is skipped on line 1.
///
/// ```
/// use anchang::jsonl;
///
/// let event = jsonl::parse_line(r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#, 1).unwrap();
/// assert_eq!(event.id.0, 7);
/// let err = jsonl::parse_line(r#"{"v":2,"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#, 4).unwrap_err();
/// assert_eq!((err.line(), err.field(), err.code()), (4, "v", "line.wrong_version"));
/// ```
///
/// # Errors
/// [`ReadError::Malformed`] naming the line and field: not JSON, a missing
/// or other `v`, an `at` that is not a time, an unknown `type`, a missing,
/// duplicate or unknown field, an id that is empty or has spaces, a text
/// or a price over its limit, a line over the size limit.
pub fn parse_line(text: &str, line: usize) -> Result<Event, ReadError> {
    parse_line_with(text, line, &Limits::DEFAULT)
}

/// [`parse_line`] under `limits`.
///
/// # Errors
/// As [`parse_line`].
pub fn parse_line_with(text: &str, line: usize, limits: &Limits) -> Result<Event, ReadError> {
    let text = match line {
        1 => text.strip_prefix('\u{feff}').unwrap_or(text),
        _ => text,
    };
    if text.len() > limits.max_line_bytes {
        let limit = limits.max_line_bytes;
        return Err(ReadError::malformed(
            line,
            None,
            None,
            Problem::LineTooLong { limit },
        ));
    }
    let mut report = Report::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let read = EventSeed::new(limits, &mut report)
        .deserialize(&mut de)
        .and_then(|e| de.end().map(|()| e));
    read.map_err(|e| {
        let event = report.id();
        let (field, problem) = match e.classify() {
            serde_json::error::Category::Data => {
                let (field, problem) = report.resolve(&e.to_string());
                match (field, &problem) {
                    // serde's complaint before any key: not an object.
                    (None, Problem::Invalid { .. }) => (None, Problem::NotObject),
                    _ => (field, problem),
                }
            }
            _ => (None, Problem::NotJson),
        };
        ReadError::malformed(line, event, field, problem)
    })
}

/// Writes an event as one line (without the newline), `v` first: the same
/// text as `serde_json::to_string(event)`.
///
/// ```
/// use anchang::event::{AwayReason, StepAway};
/// use anchang::{jsonl, Event};
///
/// let at = "2026-03-02T12:00:00".parse().unwrap();
/// let away = StepAway { agent: "Li".parse().unwrap(), reason: AwayReason::Meal };
/// let event = Event::new(7, at, away);
/// let line = jsonl::to_line(&event);
/// assert_eq!(line, r#"{"v":1,"id":7,"at":"2026-03-02T12:00:00","type":"step_away","agent":"Li","reason":"meal"}"#);
/// assert_eq!(jsonl::parse_line(&line, 1).unwrap(), event);
/// ```
pub fn to_line(event: &Event) -> String {
    // Writing to a String fails only for a map key that is not a string,
    // and the line has none.
    serde_json::to_string(event).unwrap_or_else(|_| "{}".to_owned())
}

/// Reads events line by line, skipping blank and `#` lines, under
/// [`Limits::DEFAULT`]. For every line's outcome use [`Lines`] or a
/// [`Replayer`].
///
/// ```
/// use anchang::jsonl;
///
/// let log = "# Monday\n\
///     {\"v\":1,\"id\":1,\"at\":\"2026-03-02T09:00:00\",\"type\":\"sign_in\",\"agent\":\"Li\"}\n\
///     {\"v\":1,\"id\":2,\"at\":\"2026-03-02T09:01:00\",\"type\":\"arrive\",\"visitor\":\"v1\"}\n\
///     {\"v\":1,\"id\":3,\"at\":\"2026-03-02T09:02:00\",\"type\":\"sign_on\",\"agent\":\"Li\"}\n";
/// let read: Vec<_> = jsonl::events(log.as_bytes()).collect();
/// // Line numbers count the comment: the events are on lines 2 and 3.
/// assert_eq!(read[0].as_ref().unwrap().0, 2);
/// assert_eq!(read[1].as_ref().unwrap().1.kind.tag(), "arrive");
/// // An unknown kind is an error naming line 4 and the field.
/// let err = read[2].as_ref().unwrap_err();
/// assert_eq!((err.line(), err.field(), err.code()), (4, "type", "line.unknown_type"));
/// ```
pub fn events<R: std::io::BufRead>(
    reader: R,
) -> impl Iterator<Item = Result<(usize, Event), ReadError>> {
    let mut lines = Lines::new(reader, Limits::DEFAULT);
    std::iter::from_fn(move || loop {
        match lines.next_event()? {
            (_, Ok(None)) => continue,
            (line, Ok(Some(e))) => return Some(Ok((line, e))),
            (_, Err(e)) => return Some(Err(e)),
        }
    })
}
