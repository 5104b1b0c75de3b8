//! The desk's JSON Lines (feature `serde`): the engine's format, one flat
//! object a line with `v`, `id`, `at` and `type` (a `desk_` tag), then the
//! kind's fields. Blank lines and lines starting with `#` are skipped.
//!
//! ```
//! use anchang::desk::jsonl::{parse_line, to_line};
//!
//! let line = r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"desk_request","request":"R1","unit":"3-1502","kind":"repair"}"#;
//! let e = parse_line(line, 1).unwrap();
//! assert_eq!(e.kind.tag(), "desk_request");
//! assert_eq!(to_line(&e), line);
//! ```

use std::io::BufRead;

use super::{DeskDecision, DeskError, DeskEvent, DeskEventKind, DeskPolicy, DeskReplay, DeskState};

/// The format version this crate reads and writes (the engine's).
pub const VERSION: u32 = crate::jsonl::VERSION;

/// A desk line could not be read or applied.
#[derive(Debug)]
#[non_exhaustive]
pub enum DeskReadError {
    /// The line is not a valid desk event.
    Malformed {
        /// 1-based line number.
        line: usize,
        /// The field at fault, or `-` when the line as a whole is.
        field: String,
        /// What is wrong (never a value from the line).
        message: String,
    },
    /// The line's event could not be applied.
    Apply {
        /// 1-based line number.
        line: usize,
        /// Why.
        error: DeskError,
    },
    /// Reading failed.
    Io {
        /// 1-based line number.
        line: usize,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl DeskReadError {
    /// The 1-based line number.
    pub fn line(&self) -> usize {
        match self {
            DeskReadError::Malformed { line, .. }
            | DeskReadError::Apply { line, .. }
            | DeskReadError::Io { line, .. } => *line,
        }
    }
}

impl std::fmt::Display for DeskReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeskReadError::Malformed {
                line,
                field,
                message,
            } => write!(
                f,
                "line {line}, field `{field}`: {message} / 第 {line} 行,字段 {field}:格式有误"
            ),
            DeskReadError::Apply { line, error } => write!(f, "line {line}: {error}"),
            DeskReadError::Io { line, source } => write!(f, "line {line}: {source}"),
        }
    }
}

impl std::error::Error for DeskReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DeskReadError::Apply { error, .. } => Some(error),
            DeskReadError::Io { source, .. } => Some(source),
            DeskReadError::Malformed { .. } => None,
        }
    }
}

fn malformed(line: usize, field: &str, message: &str) -> DeskReadError {
    DeskReadError::Malformed {
        line,
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

/// The field serde's message names, if it names one of ours, and the kind
/// of error: serde quotes values it did not expect, which may be a
/// resident's name or phone, so only the kind is kept.
fn describe(message: &str, obj: &serde_json::Map<String, serde_json::Value>) -> (String, String) {
    let named = ["missing field `", "duplicate field `"]
        .iter()
        .find_map(|m| message.split(m).nth(1))
        .and_then(|rest| rest.split('`').next())
        .filter(|f| f.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    let kind = [
        "missing field",
        "duplicate field",
        "unknown variant",
        "unknown field",
        "invalid type",
        "invalid value",
        "invalid length",
    ]
    .into_iter()
    .find(|k| message.starts_with(k))
    .unwrap_or("invalid value");
    if let Some(f) = named {
        return (f.to_owned(), kind.to_owned());
    }
    if kind == "unknown variant" {
        let tag_ok = obj
            .get("type")
            .and_then(|t| t.as_str())
            .is_some_and(|t| DeskEventKind::TAGS.contains(&t));
        if !tag_ok {
            return ("type".into(), "not a desk event type".into());
        }
    }
    // The field whose removal leaves the line only missing it, or whole.
    for k in obj
        .keys()
        .filter(|k| !["v", "id", "at", "type"].contains(&k.as_str()))
    {
        let mut without = obj.clone();
        without.remove(k);
        match serde_json::from_value::<DeskEvent>(serde_json::Value::Object(without)) {
            Ok(_) => return (safe_key(k), kind.to_owned()),
            Err(e) if e.to_string().contains(&format!("missing field `{k}`")) => {
                return (safe_key(k), kind.to_owned())
            }
            Err(_) => {}
        }
    }
    ("-".into(), kind.to_owned())
}

/// A key of the line, named in an error only if it is one of ours in
/// shape (lower-case words); any other key might be free text.
fn safe_key(k: &str) -> String {
    if !k.is_empty() && k.len() <= 24 && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        k.to_owned()
    } else {
        "-".to_owned()
    }
}

/// Parses one line (1-based `line` for errors) into a desk event.
///
/// # Errors
/// [`DeskReadError::Malformed`] naming the line and field: not JSON, a
/// missing or wrong `v`, an `at` that is not a time, a `type` that is not a
/// desk kind, a missing or unknown field, an id that is empty or has
/// spaces. The message never repeats a value from the line.
pub fn parse_line(text: &str, line: usize) -> Result<DeskEvent, DeskReadError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| malformed(line, "-", "not JSON"))?;
    let serde_json::Value::Object(mut obj) = value else {
        return Err(malformed(line, "-", "a line must be a JSON object"));
    };
    match obj.remove("v") {
        Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
        Some(_) => return Err(malformed(line, "v", "the format version must be 1")),
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
        let (field, message) = describe(&e.to_string(), &obj);
        malformed(line, &field, &message)
    })
}

/// Writes a desk event as one line (without the newline), `v` first.
pub fn to_line(event: &DeskEvent) -> String {
    let body = serde_json::to_string(event).unwrap_or_else(|_| "{}".to_owned());
    format!("{{\"v\":{VERSION},{}", &body[1..])
}

/// Reads desk events line by line, skipping blank and `#` lines.
pub fn events<R: BufRead>(
    reader: R,
) -> impl Iterator<Item = Result<(usize, DeskEvent), DeskReadError>> {
    reader.lines().enumerate().filter_map(|(i, l)| {
        let line = i + 1;
        match l {
            Err(source) => Some(Err(DeskReadError::Io { line, source })),
            Ok(t) if t.trim().is_empty() || t.trim_start().starts_with('#') => None,
            Ok(t) => Some(parse_line(t.trim_start_matches('\u{feff}'), line).map(|e| (line, e))),
        }
    })
}

/// A desk replay from JSON Lines stopped at a line; nothing before it is lost.
#[derive(Debug)]
pub struct DeskJsonlError {
    /// The state just before the failing line.
    pub state: DeskState,
    /// The decisions up to it.
    pub decisions: Vec<DeskDecision>,
    /// What went wrong, and on which line.
    pub error: DeskReadError,
}

impl std::fmt::Display for DeskJsonlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for DeskJsonlError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Replays a desk JSON Lines log under `policy`.
///
/// # Errors
/// A [`DeskJsonlError`] at the first line that cannot be read or applied,
/// naming the line (and field), with the state and decisions before it.
pub fn replay_reader<R: BufRead>(
    policy: &DeskPolicy,
    reader: R,
) -> Result<DeskReplay, Box<DeskJsonlError>> {
    let mut state = DeskState::new(policy.clone());
    let mut decisions = Vec::new();
    for item in events(reader) {
        let result = item.and_then(|(line, e)| {
            state
                .apply_into(&e, &mut decisions)
                .map_err(|error| DeskReadError::Apply { line, error })
        });
        if let Err(error) = result {
            return Err(Box::new(DeskJsonlError {
                state,
                decisions,
                error,
            }));
        }
    }
    Ok(DeskReplay { state, decisions })
}
