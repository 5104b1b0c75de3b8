//! A durable store (feature `store`): the event log on disk, fsynced before
//! an event is acknowledged, with snapshots to restart from.
//!
//! A [`Store`] is a directory holding:
//! - `events.jsonl`, the log: JSON Lines as [`jsonl`](crate::jsonl) reads
//!   and writes them, opened by a `change_policy` line at id 0 recording
//!   the policy the log started under (so the log alone replays the same),
//!   each acknowledged batch closed by a commit marker line
//!   `#commit n=<lines> fnv=<digest>` (a `#` line, which every JSON Lines
//!   reader of the crate skips);
//! - `snapshot-<lines>.json`, versioned snapshots of the state at a
//!   committed position of the log (its byte and line offset, last event
//!   id and the hash of the log up to there) and the policy in force;
//! - `cut-<offset>.jsonl`, whatever recovery cut from the log's end, kept
//!   rather than deleted.
//!
//! [`Store::append`] acknowledges a batch whole or not at all: it applies
//! every event to a copy of the state, and only if all apply writes the
//! lines and their marker in one write, fsyncs, and then takes the new
//! state. [`Store::open`] restores the newest good snapshot and replays the
//! log's tail; a torn last line, or whole lines no marker closes (a batch
//! cut off by a crash, never acknowledged), is cut and reported in the
//! [`OpenReport`], never silently. A snapshot that cannot be read (another
//! format version, a policy this crate cannot read, damaged, or of another
//! log) is passed over for an older one or a full replay, and reported.
//!
//! The store keeps an 8-byte digest (FNV-1a-64 of the canonical line) per
//! event id in its log, so a retry is answered exactly: the same event
//! again is a no-op duplicate, another event under an id already in the log
//! is a [`StoreError::Conflict`]. On any error the state is untouched.
//!
//! One process writes a store at a time; the store does not lock its
//! directory.
//!
//! ```
//! use anchang::store::Store;
//! use anchang::event::SignIn;
//! use anchang::{Event, Policy};
//!
//! let dir = std::env::temp_dir().join(format!("anchang-doc-{}", std::process::id()));
//! # let _ = std::fs::remove_dir_all(&dir);
//! let at = "2026-03-02T09:00:00".parse().unwrap();
//! let sign_in = Event::new(1, at, SignIn { agent: "Li".parse().unwrap() });
//!
//! let (mut store, report) = Store::open(&dir, &Policy::p2()).unwrap();
//! assert!(report.is_clean());
//! store.append(&[sign_in.clone()]).unwrap();
//! store.snapshot().unwrap();
//! drop(store);
//!
//! // Reopened: the same state; the same event again is a duplicate.
//! let (mut store, _) = Store::open(&dir, &Policy::p2()).unwrap();
//! assert_eq!(store.state().board().next_up(1), vec!["Li".parse().unwrap()]);
//! let again = store.append(&[sign_in]).unwrap();
//! assert_eq!(again.duplicates, vec![anchang::EventId(1)]);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod digest;
mod error;
mod log;
mod snapshot;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use error::{SnapshotFault, StoreError};

use crate::{Decision, Event, EventId, Lang, Policy, State};
use digest::Fnv;

/// A committed position in the log: where the last acknowledged batch ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Bytes of the log up to here.
    pub bytes: u64,
    /// Lines of the log up to here (event lines and commit markers).
    pub lines: usize,
    /// The last event id up to here (`EventId(0)` is the opening policy
    /// line), or `None` for an empty log.
    pub last_event: Option<EventId>,
}

/// What [`Store::open`] restored the state from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Restored {
    /// A new, empty log.
    Empty,
    /// A replay of the whole log.
    Replay,
    /// A snapshot, then the log after it.
    Snapshot {
        /// The snapshot file.
        path: PathBuf,
        /// Where in the log it was taken.
        position: Position,
    },
}

/// What recovery cut from the end of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The byte offset the log was cut at: the end of its last commit.
    pub at: u64,
    /// Bytes of a torn last line (no newline).
    pub torn_bytes: u64,
    /// Whole lines after the last commit marker: a batch never acknowledged.
    pub uncommitted_lines: usize,
    /// Where the bytes cut were kept.
    pub kept: PathBuf,
}

/// What [`Store::open`] found and did. Nothing is cut or passed over
/// without being listed here.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenReport {
    /// Where the state came from.
    pub restored: Restored,
    /// Newer snapshots passed over, and why.
    pub passed_over: Vec<(PathBuf, SnapshotFault)>,
    /// Events replayed from the log (after the snapshot, if any).
    pub replayed: usize,
    /// The unacknowledged tail cut from the log, if there was one.
    pub cut: Option<Cut>,
}

impl OpenReport {
    /// True when nothing was cut and no snapshot passed over.
    pub fn is_clean(&self) -> bool {
        self.cut.is_none() && self.passed_over.is_empty()
    }

    /// The report in `lang`, one sentence per finding.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut out = match (&self.restored, zh) {
            (Restored::Empty, true) => "新建空日志".to_owned(),
            (Restored::Empty, false) => "new empty log".to_owned(),
            (Restored::Replay, true) => format!("从头重放日志 {} 个事件", self.replayed),
            (Restored::Replay, false) => format!("replayed {} events of the log", self.replayed),
            (Restored::Snapshot { position, .. }, true) => format!(
                "从第 {} 行的快照恢复，再重放 {} 个事件",
                position.lines, self.replayed
            ),
            (Restored::Snapshot { position, .. }, false) => format!(
                "restored the snapshot at line {}, then replayed {} events",
                position.lines, self.replayed
            ),
        };
        for (path, fault) in &self.passed_over {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            match zh {
                true => out += &format!("；跳过快照 {name}：{}", fault.message(lang)),
                false => out += &format!("; passed over snapshot {name}: {fault}"),
            }
        }
        if let Some(c) = &self.cut {
            let kept = c.kept.file_name().unwrap_or_default().to_string_lossy();
            match zh {
                true => out += &format!(
                    "；在字节 {} 处截去未确认的尾部（{} 个完整行，{} 字节残行），保存在 {kept}",
                    c.at, c.uncommitted_lines, c.torn_bytes
                ),
                false => out += &format!(
                    "; cut the unacknowledged tail at byte {} ({} whole lines, a torn line of {} bytes), kept in {kept}",
                    c.at, c.uncommitted_lines, c.torn_bytes
                ),
            }
        }
        out
    }
}

impl fmt::Display for OpenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// What [`Store::append`] did with a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Appended {
    /// The events written and applied, in order.
    pub applied: Vec<EventId>,
    /// The events already in the log, identical: nothing done for them.
    pub duplicates: Vec<EventId>,
    /// The decisions the applied events triggered.
    pub decisions: Vec<Decision>,
}

/// The durable store: a log directory, its state, and a digest per event.
/// See the [module docs](self).
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    writer: log::Writer,
    state: State,
    digests: BTreeMap<EventId, u64>,
    position: Position,
    prefix: Fnv,
    poisoned: bool,
}

/// How many snapshots [`Store::snapshot`] keeps: the newest, and one to
/// fall back on.
const KEEP_SNAPSHOTS: usize = 2;

impl Store {
    /// Opens the store in `dir` (created if missing), restoring its state
    /// from the newest good snapshot and the log after it. A new log starts
    /// under `policy`; an existing one must have started under it.
    ///
    /// # Errors
    /// - [`StoreError::Io`]: the directory or a file cannot be read or
    ///   written (no permission, a disk error).
    /// - [`StoreError::NotAStoreLog`]: `events.jsonl` does not begin with
    ///   the store's `change_policy` line at id 0 (a log copied in by hand).
    /// - [`StoreError::PolicyMismatch`]: the log started under another policy.
    /// - [`StoreError::Corrupt`], [`StoreError::Unreadable`],
    ///   [`StoreError::Replay`]: an acknowledged line is damaged, cannot be
    ///   read, or no longer applies. Only what no marker acknowledged is
    ///   ever cut; damage before that is an error, not a cut.
    pub fn open(dir: impl AsRef<Path>, policy: &Policy) -> Result<(Store, OpenReport), StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(log::io("create directory", &dir))?;
        let log_path = dir.join(log::LOG_FILE);
        let mut passed_over = Vec::new();
        let mut loaded = None;
        for (_, path) in snapshot::list(&dir)? {
            match snapshot::read(&path, &log_path) {
                Ok(l) => {
                    loaded = Some((path, l));
                    break;
                }
                Err(fault) => passed_over.push((path, fault)),
            }
        }
        let (mut state, mut digests, start, prefix, restored) = match loaded {
            Some((path, l)) => {
                let restored = Restored::Snapshot {
                    path,
                    position: l.position,
                };
                (l.state, l.digests, l.position, l.prefix, restored)
            }
            None => {
                let state = State::new(policy.clone());
                (
                    state,
                    BTreeMap::new(),
                    Position::default(),
                    Fnv::new(),
                    Restored::Replay,
                )
            }
        };
        let scan = log::scan(&log_path, start, prefix, &mut state, &mut digests)?;
        let cut = if scan.file_len > scan.committed.bytes {
            let kept = log::cut(&dir, scan.committed.bytes)?;
            Some(Cut {
                at: scan.committed.bytes,
                torn_bytes: scan.torn_bytes,
                uncommitted_lines: scan.uncommitted_lines,
                kept,
            })
        } else {
            None
        };
        let restored = match restored {
            Restored::Replay if scan.committed.lines == 0 => Restored::Empty,
            r => r,
        };
        if scan.committed.lines > 0 {
            let opening = log::opening_policy(&log_path)?.ok_or(StoreError::NotAStoreLog)?;
            if &opening != policy {
                return Err(StoreError::PolicyMismatch {
                    log: opening.name,
                    given: policy.name.clone(),
                });
            }
        }
        let store = Store {
            writer: log::Writer::open(&dir)?,
            dir,
            state,
            digests,
            position: scan.committed,
            prefix: scan.prefix,
            poisoned: false,
        };
        let report = OpenReport {
            restored,
            passed_over,
            replayed: scan.replayed,
            cut,
        };
        Ok((store, report))
    }

    /// Appends a batch: applies every event not already in the log, writes
    /// them with a commit marker and fsyncs before returning. The batch is
    /// acknowledged whole or not at all. An event identical to one in the
    /// log (or earlier in the batch) is listed as a duplicate and skipped.
    ///
    /// # Errors
    /// Nothing is written and the state is untouched:
    /// - [`StoreError::Conflict`]: an id already in the log (or earlier in
    ///   the batch) with different content; id 0 is the log's policy line.
    /// - [`StoreError::Stale`]: an id not after the last one applied.
    /// - [`StoreError::Rejected`]: an event does not apply (see
    ///   [`State::apply`]): a time going backwards, an unknown agent, ...
    /// - [`StoreError::Io`]: the write or fsync failed (the log is put back
    ///   as it was); [`StoreError::Poisoned`] if even that failed before.
    pub fn append(&mut self, events: &[Event]) -> Result<Appended, StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let mut done = Appended::default();
        let mut fresh: Vec<(usize, &Event, u64)> = Vec::new();
        let mut in_batch = BTreeMap::new();
        for (index, e) in events.iter().enumerate() {
            let d = log::event_digest(e);
            match self.digests.get(&e.id).or(in_batch.get(&e.id)) {
                Some(known) if *known == d => done.duplicates.push(e.id),
                Some(_) => return Err(StoreError::Conflict { id: e.id }),
                None => {
                    in_batch.insert(e.id, d);
                    fresh.push((index, e, d));
                }
            }
        }
        let Some(first) = fresh.first().map(|f| f.1) else {
            return Ok(done);
        };
        let opening =
            (self.position.lines == 0).then(|| log::opening_event(self.state.policy(), first.at));
        let mut last = opening.as_ref().map(|o| o.id).or(self.state.last_event());
        for (_, e, _) in &fresh {
            if let Some(l) = last.filter(|l| e.id <= *l) {
                return Err(StoreError::Stale { id: e.id, last: l });
            }
            last = Some(e.id);
        }

        // A copy for a batch (all or nothing); one event applies atomically
        // in place, and a failed write then reloads from disk.
        let single = fresh.len() == 1 && opening.is_none();
        let mut copy = (!single).then(|| self.state.clone());
        let target = copy.as_mut().unwrap_or(&mut self.state);
        let mut lines = Vec::with_capacity(fresh.len() + 1);
        if let Some(o) = &opening {
            target.apply(o).map_err(|source| StoreError::Rejected {
                index: 0,
                source: Box::new(source),
            })?;
            lines.push(crate::jsonl::to_line(o));
        }
        for (index, e, _) in &fresh {
            target
                .apply_into(e, &mut done.decisions)
                .map_err(|source| StoreError::Rejected {
                    index: *index,
                    source: Box::new(source),
                })?;
            lines.push(crate::jsonl::to_line(e));
        }
        let bytes = match self.writer.commit(&lines, self.position.bytes) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.poisoned = e.is_none();
                if single && !self.poisoned {
                    self.reload()?;
                }
                return Err(e.unwrap_or(StoreError::Poisoned));
            }
        };
        if let Some(state) = copy {
            self.state = state;
        }
        self.position.bytes += bytes.len() as u64;
        self.position.lines += lines.len() + 1;
        self.position.last_event = last;
        self.prefix.write(&bytes);
        if let Some(o) = &opening {
            self.digests.insert(o.id, log::event_digest(o));
        }
        for (_, e, d) in fresh {
            self.digests.insert(e.id, d);
            done.applied.push(e.id);
        }
        Ok(done)
    }

    /// Rebuilds the state from disk after a failed write.
    fn reload(&mut self) -> Result<(), StoreError> {
        let policy = log::opening_policy(&self.dir.join(log::LOG_FILE))?
            .unwrap_or_else(|| self.state.policy().clone());
        match Store::open(&self.dir, &policy) {
            Ok((store, _)) => {
                *self = store;
                Ok(())
            }
            Err(e) => {
                self.poisoned = true;
                Err(e)
            }
        }
    }

    /// Writes a snapshot of the state at the current position, keeping the
    /// newest two. Returns its path.
    ///
    /// # Errors
    /// [`StoreError::Io`] when it cannot be written; the log and the older
    /// snapshots are then as they were.
    pub fn snapshot(&mut self) -> Result<PathBuf, StoreError> {
        snapshot::write(
            &self.dir,
            self.position,
            self.prefix,
            &self.state,
            &self.digests,
            KEEP_SNAPSHOTS,
        )
    }

    /// The state after every acknowledged event.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Where the last acknowledged batch ends in the log.
    pub fn position(&self) -> Position {
        self.position
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The log file, readable by [`jsonl::replay_reader`](crate::jsonl::replay_reader).
    pub fn log_path(&self) -> PathBuf {
        self.dir.join(log::LOG_FILE)
    }

    /// The digest kept for event `id`, if it is in the log.
    pub fn digest(&self, id: EventId) -> Option<u64> {
        self.digests.get(&id).copied()
    }

    /// The digest the store keeps for `event`: FNV-1a-64 of its canonical
    /// line ([`jsonl::to_line`](crate::jsonl::to_line)).
    pub fn digest_of(event: &Event) -> u64 {
        log::event_digest(event)
    }
}
