//! The wire format (feature `serde`): one event is one flat JSON object,
//! `{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}`.
//!
//! [`Event`](crate::Event)'s own `Serialize` and `Deserialize` *are* this
//! format, so `serde_json::from_str::<Event>`, a web framework's JSON
//! extractor and [`jsonl`](crate::jsonl) read the same bytes, and
//! `serde_json::to_string(&event)` writes the documented line, `v` first.
//!
//! Reading refuses what a system of record must refuse: a duplicate key
//! (a second `type`, `"v":2,"v":1`), an unknown field (named only when it is
//! one of the crate's own field names: a key may be a client's name), a
//! format version other than [`VERSION`], free text over
//! [`Limits::max_text_bytes`] and a price over [`Limits::max_price`].
//! Nothing is buffered when `type` comes before the kind's fields, as the
//! crate writes it; a line whose kind's fields come first is still read.
//!
//! The machinery is generic over the kind enum ([`TaggedKind`]), so another
//! log with its own vocabulary and the same line shape (`v`, `id`, `at`,
//! `type`, then the kind's fields) reuses it with [`read_tagged`].
//!
//! ```
//! use anchang::Event;
//!
//! let line = r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}"#;
//! let event: Event = serde_json::from_str(line).unwrap();
//! assert_eq!(serde_json::to_string(&event).unwrap(), line);
//! // A second `type` is refused, not read as the last one.
//! let twice = r#"{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","type":"sign_out","agent":"Li"}"#;
//! assert!(serde_json::from_str::<Event>(twice).is_err());
//! ```

mod event;
mod problem;
mod read;

pub use problem::Problem;
pub use read::{read_tagged, Report, TaggedKind, TaggedSeed};

pub(crate) use event::{check, EventSeed};

use crate::Fen;

/// The format version this crate reads and writes, the `v` of every line.
pub const VERSION: u32 = 1;

/// What a line may hold at most. [`Limits::DEFAULT`] is what
/// `Deserialize for Event` applies; [`jsonl`](crate::jsonl) readers take
/// their own.
///
/// ```
/// use anchang::event::wire::Limits;
/// let strict = Limits { max_text_bytes: 200, ..Limits::DEFAULT };
/// assert_eq!(strict.max_line_bytes, 64 * 1024);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest line, in bytes, its line break not counted (the reader
    /// checks it before parsing).
    pub max_line_bytes: usize,
    /// The longest free-text field (a name, a phone as written, needs, a
    /// claim, a policy's name), in UTF-8 bytes.
    pub max_text_bytes: usize,
    /// The highest plausible price, in fen. The default, 10^11 fen, is one
    /// billion yuan (十亿元): no unit of a sales office costs more, and a
    /// price above it is a typing or an export error.
    pub max_price: Fen,
}

impl Limits {
    /// 64 KiB lines, 1 KiB texts, prices up to 10^11 fen.
    pub const DEFAULT: Limits = Limits {
        max_line_bytes: 64 * 1024,
        max_text_bytes: 1024,
        max_price: Fen(100_000_000_000),
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
