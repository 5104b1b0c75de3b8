//! The log file: event lines as [`jsonl::to_line`] writes them, each
//! acknowledged batch closed by a commit marker line
//! `#commit n=<lines> fnv=<digest of those lines>`. A marker is a `#` line,
//! so every JSON Lines reader of the crate skips it and the log stays a
//! plain event log. Recovery keeps what the last marker closes and cuts
//! the rest: a torn last line and any whole lines no marker acknowledged.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::digest::{self, Fnv};
use super::{Position, StoreError};
use crate::event::EventKind;
use crate::{jsonl, Event, EventId, Policy, State};

/// The log's file name inside the store's directory.
pub(crate) const LOG_FILE: &str = "events.jsonl";

const MARKER: &[u8] = b"#commit ";

pub(crate) fn io(op: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io { op, path, source }
}

/// The digest the store keeps for an event: FNV-1a-64 of its canonical line.
pub(crate) fn event_digest(event: &Event) -> u64 {
    digest::fnv(jsonl::to_line(event).as_bytes())
}

/// The line that closes a batch of `count` lines whose bytes hash to `fnv`.
fn marker(count: usize, fnv: u64) -> String {
    format!("#commit n={count} fnv={}\n", digest::hex(fnv))
}

fn parse_marker(rest: &[u8]) -> Option<(usize, u64)> {
    let text = std::str::from_utf8(rest).ok()?;
    let (n, f) = text.split_once(' ')?;
    let count = n.strip_prefix("n=")?.parse().ok()?;
    let fnv = digest::parse_hex(f.strip_prefix("fnv=")?)?;
    Some((count, fnv))
}

/// What a scan of the log from a committed position found.
#[derive(Debug)]
pub(crate) struct Scan {
    /// Where the last commit marker ends.
    pub committed: Position,
    /// The hash of the log's bytes up to `committed`.
    pub prefix: Fnv,
    /// Events applied from the log.
    pub replayed: usize,
    /// Bytes of a last line with no newline.
    pub torn_bytes: u64,
    /// Whole lines after the last commit marker.
    pub uncommitted_lines: usize,
    /// The file's length when scanned.
    pub file_len: u64,
}

/// Reads the log from `start` (a committed position, whose prefix hashes
/// to `prefix`), applying every committed event to `state` and noting its
/// digest. Stops at the end of the file; what follows the last marker is
/// left for the caller to cut.
pub(crate) fn scan(
    path: &Path,
    start: Position,
    prefix: Fnv,
    state: &mut State,
    digests: &mut BTreeMap<EventId, u64>,
) -> Result<Scan, StoreError> {
    let mut found = Scan {
        committed: start,
        prefix,
        replayed: 0,
        torn_bytes: 0,
        uncommitted_lines: 0,
        file_len: 0,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(io("open log", path)(e)),
    };
    found.file_len = file.metadata().map_err(io("stat log", path))?.len();
    let mut reader = BufReader::new(file);
    reader
        .seek(SeekFrom::Start(start.bytes))
        .map_err(io("seek log", path))?;

    let (mut pos, mut line) = (start.bytes, start.lines);
    let mut hash = prefix;
    let mut batch = Fnv::new();
    let mut pending: Vec<(usize, Event)> = Vec::new();
    let mut unreadable: Option<jsonl::ReadError> = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(io("read log", path))?;
        if n == 0 {
            break;
        }
        if buf.last() != Some(&b'\n') {
            found.torn_bytes = n as u64;
            break;
        }
        line += 1;
        pos += n as u64;
        hash.write(&buf);
        let text = &buf[..n - 1];
        let Some(rest) = text.strip_prefix(MARKER) else {
            batch.write(&buf);
            found.uncommitted_lines += 1;
            match jsonl::parse_line(&String::from_utf8_lossy(text), line) {
                Ok(e) => pending.push((line, e)),
                Err(e) => {
                    unreadable.get_or_insert(e);
                }
            }
            continue;
        };
        let (count, fnv) = parse_marker(rest).ok_or(StoreError::Corrupt {
            line,
            reason: "malformed commit marker",
        })?;
        if count != found.uncommitted_lines || fnv != batch.finish() {
            return Err(StoreError::Corrupt {
                line,
                reason: "commit marker does not match the lines it closes",
            });
        }
        if let Some(source) = unreadable.take() {
            return Err(StoreError::Unreadable {
                line: source.line(),
                source: Box::new(source),
            });
        }
        for (at_line, event) in pending.drain(..) {
            if digests.is_empty() && !is_opening(&event) {
                return Err(StoreError::NotAStoreLog);
            }
            state.apply(&event).map_err(|source| StoreError::Replay {
                line: at_line,
                source: Box::new(source),
            })?;
            digests.insert(event.id, event_digest(&event));
            found.committed.last_event = Some(event.id);
            found.replayed += 1;
        }
        found.committed.bytes = pos;
        found.committed.lines = line;
        found.prefix = hash;
        batch = Fnv::new();
        found.uncommitted_lines = 0;
    }
    Ok(found)
}

/// The store's first line: the policy the log starts under, at id 0.
pub(crate) fn opening_event(policy: &Policy, at: crate::Timestamp) -> Event {
    let kind = crate::event::ChangePolicy {
        policy: Box::new(policy.clone()),
    };
    Event::new(0, at, kind)
}

fn is_opening(event: &Event) -> bool {
    event.id == EventId(0) && matches!(event.kind, EventKind::ChangePolicy(_))
}

/// The policy the log's first line records, if the log has a first line.
pub(crate) fn opening_policy(path: &Path) -> Result<Option<Policy>, StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("open log", path)(e)),
    };
    let mut first = String::new();
    BufReader::new(file)
        .read_line(&mut first)
        .map_err(io("read log", path))?;
    if first.is_empty() {
        return Ok(None);
    }
    match jsonl::parse_line(first.trim_end(), 1) {
        Ok(Event {
            id: EventId(0),
            kind: EventKind::ChangePolicy(c),
            ..
        }) => Ok(Some(*c.policy)),
        _ => Err(StoreError::NotAStoreLog),
    }
}

/// Keeps the bytes from `at` on in a `cut-<at>.jsonl` file beside the log,
/// then truncates the log to `at`. Returns the file kept.
pub(crate) fn cut(dir: &Path, at: u64) -> Result<PathBuf, StoreError> {
    let path = dir.join(LOG_FILE);
    let mut log = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .map_err(io("open log", &path))?;
    let mut tail = Vec::new();
    log.seek(SeekFrom::Start(at))
        .and_then(|_| log.read_to_end(&mut tail))
        .map_err(io("read log tail", &path))?;
    let kept = (0..)
        .map(|k| match k {
            0 => dir.join(format!("cut-{at}.jsonl")),
            k => dir.join(format!("cut-{at}-{k}.jsonl")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join("cut.jsonl"));
    let mut out = File::create(&kept).map_err(io("keep cut tail", &kept))?;
    out.write_all(&tail)
        .and_then(|()| out.sync_all())
        .map_err(io("keep cut tail", &kept))?;
    log.set_len(at).map_err(io("truncate log", &path))?;
    log.sync_all().map_err(io("fsync log", &path))?;
    sync_dir(dir)?;
    Ok(kept)
}

/// Makes a file's creation or renaming in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io("fsync directory", dir))
}

/// The log opened for appending.
#[derive(Debug)]
pub(crate) struct Writer {
    file: File,
    path: PathBuf,
}

impl Writer {
    pub(crate) fn open(dir: &Path) -> Result<Writer, StoreError> {
        let path = dir.join(LOG_FILE);
        let existed = path.exists();
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io("open log", &path))?;
        if !existed {
            sync_dir(dir)?;
        }
        Ok(Writer { file, path })
    }

    /// Writes `lines` and their commit marker in one write, then fsyncs.
    /// Returns the bytes written. On failure the log is truncated back to
    /// `len`; `Err(None)` if even that failed.
    pub(crate) fn commit(
        &mut self,
        lines: &[String],
        len: u64,
    ) -> Result<Vec<u8>, Option<StoreError>> {
        let mut bytes = Vec::new();
        for l in lines {
            bytes.extend_from_slice(l.as_bytes());
            bytes.push(b'\n');
        }
        let fnv = digest::fnv(&bytes);
        bytes.extend_from_slice(marker(lines.len(), fnv).as_bytes());
        let written = self
            .file
            .write_all(&bytes)
            .map_err(io("append", &self.path))
            .and_then(|()| self.file.sync_data().map_err(io("fsync log", &self.path)));
        match written {
            Ok(()) => Ok(bytes),
            Err(e) => match self.file.set_len(len).and_then(|()| self.file.sync_data()) {
                Ok(()) => Err(Some(e)),
                Err(_) => Err(None),
            },
        }
    }
}
