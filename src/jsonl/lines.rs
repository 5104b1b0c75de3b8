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
        // A line wholly in the reader's buffer (most lines, from a slice or
        // a `BufReader`) is read where it lies, not copied (issue 9);
        // a line across the buffer's end, the last line without its `\n`
        // and any line over the limit take the copying path below.
        // An I/O error is reported here, once, as the copying path would
        // (a second read could succeed and hide it).
        match self.reader.fill_buf() {
            Ok(available) => {
                let end = find_newline(available);
                if let Some(end) = end.filter(|e| *e <= self.limits.max_line_bytes) {
                    self.line += 1;
                    let result = read_line(&available[..end], self.line, &self.limits);
                    self.reader.consume(end + 1);
                    return Some((self.line, result));
                }
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(source) => {
                self.failed = true;
                self.line += 1;
                let line = self.line;
                return Some((line, Err(ReadError::Io { line, source })));
            }
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
        Some((line, read_line(&self.buf, line, &self.limits)))
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
            let (chunk, used, done) = match find_newline(available) {
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

/// What line number `line`, its bytes without the `\n`, holds: an event,
/// `None` for a blank or `#` line, or why it is not an event.
fn read_line(mut bytes: &[u8], line: usize, limits: &Limits) -> Result<Option<Event>, ReadError> {
    if let Some(b'\r') = bytes.last() {
        bytes = &bytes[..bytes.len() - 1];
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(ReadError::malformed(line, None, None, Problem::NotUtf8));
    };
    let trimmed = text.trim();
    let trimmed = match line {
        1 => trimmed.trim_start_matches('\u{feff}').trim_start(),
        _ => trimmed,
    };
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    parse_line_with(text, line, limits).map(Some)
}

/// The first `\n` in `bytes`, eight bytes a step: a byte at a time, the
/// search was a twentieth of the reader's instructions (issue 9).
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A byte of `x` is zero where the chunk holds a `\n`; this test
        // finds whether any is, never missing one.
        let x = u64::from_le_bytes(word) ^ NEWLINES;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|b| *b == b'\n').map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::{find_newline, Limits, Lines};
    use std::io::{BufRead, Read};

    /// Fails its first fill, then reads its text.
    struct FailsOnce(bool, &'static [u8]);

    impl Read for FailsOnce {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            self.1.read(out)
        }
    }

    impl BufRead for FailsOnce {
        fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
            if !self.0 {
                self.0 = true;
                return Err(std::io::Error::other("once"));
            }
            Ok(self.1)
        }
        fn consume(&mut self, n: usize) {
            self.1 = &self.1[n..];
        }
    }

    #[test]
    fn an_io_error_is_reported_once_even_when_a_second_read_would_succeed() {
        let text = b"{\"v\":1,\"id\":1,\"at\":\"2026-03-02T09:00:00\",\"type\":\"sign_in\",\"agent\":\"Li\"}\n";
        let mut lines = Lines::new(FailsOnce(false, text), Limits::DEFAULT);
        assert!(matches!(
            lines.next_event(),
            Some((1, Err(crate::jsonl::ReadError::Io { line: 1, .. })))
        ));
        assert!(lines.next_event().is_none());
    }

    #[test]
    fn finds_the_first_newline_at_any_place() {
        for len in 0..40 {
            for nl in 0..=len {
                let mut bytes = vec![b'x'; len];
                if nl < len {
                    bytes[nl] = b'\n';
                    if nl + 3 < len {
                        bytes[nl + 3] = b'\n';
                    }
                }
                let want = bytes.iter().position(|b| *b == b'\n');
                assert_eq!(find_newline(&bytes), want, "{len} bytes, newline at {nl}");
            }
        }
        // Bytes next to 0x0a in value are not newlines.
        assert_eq!(find_newline(&[0x0b, 0x09, 0x8a, 0x0a]), Some(3));
        assert_eq!(find_newline(&[0x0b; 16]), None);
    }
}
