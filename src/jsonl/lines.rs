//! Splitting a reader into lines: no line longer than the limit is ever
//! held in memory, a first-line byte-order mark and CRLF ends are accepted.

use std::io::{BufRead, ErrorKind};

use super::{parse_line_with, Limits, Problem, ReadError};
use crate::Event;

/// The lines of a JSON Lines log, read one at a time into one reused
/// buffer. Each call to [`Lines::next_event`] accounts for one line.
///
/// ```
/// use anchang::jsonl::{Limits, Lines};
///
/// let text = "# header\n{\"v\":1,\"id\":1,\"at\":\"2026-03-02T09:00:00\",\"type\":\"sign_in\",\"agent\":\"Li\"}";
/// let mut lines = Lines::new(text.as_bytes(), Limits::DEFAULT);
/// assert!(matches!(lines.next_event(), Some((1, Ok(None)))));
/// assert!(matches!(lines.next_event(), Some((2, Ok(Some(_))))));
/// assert!(lines.next_event().is_none());
/// ```
#[derive(Debug)]
pub struct Lines<R> {
    reader: R,
    buf: Vec<u8>,
    line: usize,
    limits: Limits,
    failed: bool,
}

impl<R: BufRead> Lines<R> {
    /// The lines of `reader`, each held to `limits`.
    pub fn new(reader: R, limits: Limits) -> Lines<R> {
        Lines {
            reader,
            buf: Vec::new(),
            line: 0,
            limits,
            failed: false,
        }
    }

    /// The number of lines read so far.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The next line's number and what it holds: an event, `None` for a
    /// blank or `#` line, or why it is not an event. `None` at the end,
    /// and after an I/O error (which is reported once).
    pub fn next_event(&mut self) -> Option<(usize, Result<Option<Event>, ReadError>)> {
        if self.failed {
            return None;
        }
        let too_long = match self.fill() {
            Ok(None) => return None,
            Ok(Some(too_long)) => too_long,
            Err(source) => {
                self.failed = true;
                self.line += 1;
                return Some((
                    self.line,
                    Err(ReadError::Io {
                        line: self.line,
                        source,
                    }),
                ));
            }
        };
        self.line += 1;
        let line = self.line;
        if too_long {
            let limit = self.limits.max_line_bytes;
            let problem = Problem::LineTooLong { limit };
            return Some((line, Err(ReadError::malformed(line, None, None, problem))));
        }
        let mut bytes = &self.buf[..];
        if let Some(b'\r') = bytes.last() {
            bytes = &bytes[..bytes.len() - 1];
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Some((
                line,
                Err(ReadError::malformed(line, None, None, Problem::NotUtf8)),
            ));
        };
        let trimmed = text.trim();
        let trimmed = match line {
            1 => trimmed.trim_start_matches('\u{feff}').trim_start(),
            _ => trimmed,
        };
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Some((line, Ok(None)));
        }
        Some((line, parse_line_with(text, line, &self.limits).map(Some)))
    }

    /// Reads the next line into `buf`, without its `\n`: `None` at the end,
    /// `Some(true)` when it was longer than the limit (then not kept).
    fn fill(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        // One byte more than the limit for a CR before the LF.
        let cap = self.limits.max_line_bytes.saturating_add(1);
        let mut any = false;
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(any.then_some(too_long || self.over()));
            }
            any = true;
            let (chunk, used, done) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            if !too_long {
                if self.buf.len() + chunk.len() > cap {
                    too_long = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(chunk);
                }
            }
            self.reader.consume(used);
            if done {
                return Ok(Some(too_long || self.over()));
            }
        }
    }

    /// Whether the line kept is over the limit, a final CR not counted.
    fn over(&self) -> bool {
        let cr = usize::from(self.buf.last() == Some(&b'\r'));
        self.buf.len() - cr > self.limits.max_line_bytes
    }
}
