//! JSON Lines: one event per line (feature `serde`).
//!
//! Each line is a flat object with a format version `v` (now 1), an `id`,
//! an `at` time and a `type`, then the fields of that kind:
//! `{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}`.
//! Blank lines and lines starting with `#` are skipped.

use std::io::BufRead;

use crate::{ApplyError, Event, Policy, Replay, State};

/// The format version this crate reads and writes.
pub const VERSION: u32 = 1;

/// A line could not be read as an event.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The line is not a valid event.
    #[error("line {line}, field `{field}`: {message}")]
    Malformed {
        /// 1-based line number.
        line: usize,
        /// The field at fault, or `-` when the line as a whole is.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The line's event could not be applied.
    #[error("line {line}: {error}")]
    Apply {
        /// 1-based line number.
        line: usize,
        /// Why.
        error: ApplyError,
    },
    /// Reading failed.
    #[error("line {line}: {source}")]
    Io {
        /// 1-based line number.
        line: usize,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl ReadError {
    /// The 1-based line number.
    pub fn line(&self) -> usize {
        match self {
            ReadError::Malformed { line, .. }
            | ReadError::Apply { line, .. }
            | ReadError::Io { line, .. } => *line,
        }
    }
}

fn malformed(line: usize, field: &str, message: impl ToString) -> ReadError {
    ReadError::Malformed {
        line,
        field: field.to_owned(),
        message: message.to_string(),
    }
}

/// Names the field serde complained about, when its message says.
fn field_of(message: &str, obj: &serde_json::Map<String, serde_json::Value>) -> String {
    for marker in ["missing field `", "unknown field `", "duplicate field `"] {
        if let Some(rest) = message.split(marker).nth(1) {
            return rest.split('`').next().unwrap_or("-").to_owned();
        }
    }
    if message.contains("unknown variant") && !obj.contains_key("type") {
        return "type".into();
    }
    // An id that is not a valid id: serde's message does not name it.
    const ID_FIELDS: [&str; 12] = [
        "agent",
        "visitor",
        "client",
        "deal",
        "unit",
        "named_agent",
        "owner",
        "to",
        "receiver",
        "other",
        "duplicate",
        "signer",
    ];
    for k in ID_FIELDS {
        if let Some(serde_json::Value::String(s)) = obj.get(k) {
            if crate::AgentId::new(s).is_err() {
                return k.to_owned();
            }
        }
    }
    // A value serde quotes in its message (an unknown variant, say).
    for (k, v) in obj {
        if let Some(text) = v.as_str().filter(|t| !t.is_empty()) {
            if message.contains(&format!("`{text}`")) {
                return k.clone();
            }
        }
    }
    // A value of the wrong type: serde does not say whose. The field whose
    // removal cures the line, or only leaves it missing, is the culprit.
    for k in obj
        .keys()
        .filter(|k| !["v", "id", "at", "type"].contains(&k.as_str()))
    {
        let mut without = obj.clone();
        without.remove(k);
        match serde_json::from_value::<Event>(serde_json::Value::Object(without)) {
            Ok(_) => return k.clone(),
            Err(e) if e.to_string().contains(&format!("missing field `{k}`")) => return k.clone(),
            Err(_) => {}
        }
    }
    "-".into()
}

/// serde's message without the values it echoes: a phone or a name given
/// in the wrong shape must not reach an error (P1-20, P3-18). What is kept
/// is the kind of error and what was expected (the crate's own variants and
/// fields), or a message with no quoted value in it.
fn sanitize(message: &str) -> String {
    // Field names only, or no quoted value at all: kept as they are.
    let keep = message.starts_with("missing field")
        || message.starts_with("duplicate field")
        || !message.contains(['`', '"']);
    let safe = if keep {
        message.to_owned()
    } else {
        let kind = [
            "unknown variant",
            "unknown field",
            "invalid type",
            "invalid value",
            "invalid length",
        ]
        .into_iter()
        .find(|k| message.starts_with(k))
        .unwrap_or("invalid value");
        match message.split_once(", expected") {
            Some((_, expected)) => format!("{kind}, expected{expected}"),
            None => kind.to_owned(),
        }
    };
    mask_long_digits(&safe)
}

/// Masks any run of seven or more digits: it may be a phone number.
fn mask_long_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.len() >= 7 {
            out.push_str(&crate::person::mask_digits(digits.chars()));
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

/// Parses one line (1-based `line` for errors) into an event.
///
/// # Errors
/// [`ReadError::Malformed`] naming the line and field: not JSON, a missing
/// or unknown `v`, an `at` that is not a time, an unknown `type`, a missing
/// field, an id that is empty or has spaces.
pub fn parse_line(text: &str, line: usize) -> Result<Event, ReadError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| malformed(line, "-", format!("not JSON: {e}")))?;
    let serde_json::Value::Object(mut obj) = value else {
        return Err(malformed(line, "-", "a line must be a JSON object"));
    };
    match obj.remove("v") {
        Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
        Some(_) => {
            let message = format!("the format version must be {VERSION}");
            return Err(malformed(line, "v", message));
        }
        None => return Err(malformed(line, "v", "missing format version")),
    }
    if let Some(at) = obj.get("at") {
        let ok = at
            .as_str()
            .is_some_and(|s| s.parse::<crate::Timestamp>().is_ok());
        if !ok {
            return Err(malformed(
                line,
                "at",
                "not a time of the form YYYY-MM-DDTHH:MM:SS",
            ));
        }
    }
    if let Some(id) = obj.get("id") {
        if id.as_u64().is_none() {
            return Err(malformed(line, "id", "not a non-negative integer"));
        }
    }
    serde_json::from_value(serde_json::Value::Object(obj.clone())).map_err(|e| {
        let message = e.to_string();
        malformed(line, &field_of(&message, &obj), sanitize(&message))
    })
}

/// Writes an event as one line (without the newline), `v` first.
pub fn to_line(event: &Event) -> String {
    let body = serde_json::to_string(event).unwrap_or_else(|_| "{}".to_owned());
    format!("{{\"v\":{VERSION},{}", &body[1..])
}

/// Reads events line by line, skipping blank and `#` lines.
pub fn events<R: BufRead>(reader: R) -> impl Iterator<Item = Result<(usize, Event), ReadError>> {
    reader.lines().enumerate().filter_map(|(i, l)| {
        let line = i + 1;
        match l {
            Err(source) => Some(Err(ReadError::Io { line, source })),
            Ok(t) if t.trim().is_empty() || t.trim_start().starts_with('#') => None,
            Ok(t) => Some(parse_line(&t, line).map(|e| (line, e))),
        }
    })
}

/// A replay from JSON Lines stopped at a line. Nothing before it is lost.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct JsonlReplayError {
    /// The state just before the failing line.
    pub state: State,
    /// The decisions up to it.
    pub decisions: Vec<crate::Decision>,
    /// What went wrong, and on which line.
    #[source]
    pub error: ReadError,
}

/// Replays a JSON Lines log under `policy`.
///
/// # Errors
/// A [`JsonlReplayError`] at the first line that cannot be read or applied,
/// naming the line (and field), with the state and decisions before it.
pub fn replay_reader<R: BufRead>(
    policy: &Policy,
    reader: R,
) -> Result<Replay, Box<JsonlReplayError>> {
    let mut state = State::new(policy.clone());
    let mut decisions = Vec::new();
    for item in events(reader) {
        let result = item.and_then(|(line, e)| {
            state
                .apply_into(&e, &mut decisions)
                .map_err(|error| ReadError::Apply { line, error })
        });
        if let Err(error) = result {
            return Err(Box::new(JsonlReplayError {
                state,
                decisions,
                error,
            }));
        }
    }
    Ok(Replay { state, decisions })
}
