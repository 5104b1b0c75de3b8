//! Snapshot files: `snapshot-<log lines>.json` beside the log, one JSON
//! object with a format name and version, the log position it was taken at
//! (bytes, lines, last event id) and the hash of the log up to there, the
//! policy in force, the digest of every event id in the log, and the state.
//! Written to a temporary file, fsynced and renamed, so a crash leaves the
//! old snapshot or the new one, never half of one.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::digest::{self, Fnv};
use super::log::{io, sync_dir};
use super::{Position, SnapshotFault, StoreError};
use crate::{EventId, Policy, State};

/// The snapshot format version this crate reads and writes.
pub(crate) const VERSION: u64 = 1;
const FORMAT: &str = "anchang-store-snapshot";
const PREFIX: &str = "snapshot-";
const SUFFIX: &str = ".json";

#[derive(serde::Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    log_bytes: u64,
    log_lines: usize,
    last_event: Option<EventId>,
    log_fnv: String,
    policy: &'a Policy,
    digests: Vec<(EventId, String)>,
    state: &'a State,
}

/// A snapshot read back and checked against the log.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub position: Position,
    pub prefix: Fnv,
    pub state: State,
    pub digests: BTreeMap<EventId, u64>,
}

/// The snapshots in `dir`, newest (most log lines) first.
pub(crate) fn list(dir: &Path) -> Result<Vec<(usize, PathBuf)>, StoreError> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io("list snapshots", dir))? {
        let entry = entry.map_err(io("list snapshots", dir))?;
        let name = entry.file_name();
        let lines = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|n| n.strip_suffix(SUFFIX))
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(lines) = lines {
            found.push((lines, entry.path()));
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(found)
}

/// Writes a snapshot of `state` at `position` and keeps the newest `keep`.
pub(crate) fn write(
    dir: &Path,
    position: Position,
    prefix: Fnv,
    state: &State,
    digests: &BTreeMap<EventId, u64>,
    keep: usize,
) -> Result<PathBuf, StoreError> {
    let out = Out {
        format: FORMAT,
        version: VERSION,
        log_bytes: position.bytes,
        log_lines: position.lines,
        last_event: position.last_event,
        log_fnv: digest::hex(prefix.finish()),
        policy: state.policy(),
        digests: digests.iter().map(|(i, d)| (*i, digest::hex(*d))).collect(),
        state,
    };
    let path = dir.join(format!("{PREFIX}{:012}{SUFFIX}", position.lines));
    let tmp = path.with_extension("json.tmp");
    let file = File::create(&tmp).map_err(io("write snapshot", &tmp))?;
    let mut w = BufWriter::new(file);
    serde_json::to_writer(&mut w, &out)
        .map_err(std::io::Error::other)
        .and_then(|()| w.flush())
        .map_err(io("write snapshot", &tmp))?;
    let file = w
        .into_inner()
        .map_err(|e| io("write snapshot", &tmp)(e.into_error()))?;
    file.sync_all().map_err(io("fsync snapshot", &tmp))?;
    drop(file);
    std::fs::rename(&tmp, &path).map_err(io("rename snapshot", &path))?;
    sync_dir(dir)?;
    for (_, old) in list(dir)?.into_iter().skip(keep.max(1)) {
        // An old snapshot left behind costs disk, not correctness.
        let _ = std::fs::remove_file(old);
    }
    Ok(path)
}

/// Reads the snapshot at `path` and checks it against the log at `log`.
pub(crate) fn read(path: &Path, log: &Path) -> Result<Loaded, SnapshotFault> {
    let file = File::open(path).map_err(|_| SnapshotFault::Io)?;
    let mut value: serde_json::Value =
        serde_json::from_reader(BufReader::new(file)).map_err(|_| SnapshotFault::Unreadable)?;
    let obj = value.as_object_mut().ok_or(SnapshotFault::Unreadable)?;
    if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(SnapshotFault::Unreadable);
    }
    let version = obj.get("version").and_then(|v| v.as_u64());
    if version != Some(VERSION) {
        return Err(SnapshotFault::Version { found: version });
    }
    let mut take = |k: &str| obj.remove(k).ok_or(SnapshotFault::Unreadable);
    let policy: Policy =
        serde_json::from_value(take("policy")?).map_err(|_| SnapshotFault::Policy)?;
    let state: State =
        serde_json::from_value(take("state")?).map_err(|_| SnapshotFault::Unreadable)?;
    let position = Position {
        bytes: field(take("log_bytes")?)?,
        lines: field(take("log_lines")?)?,
        last_event: field(take("last_event")?)?,
    };
    let log_fnv: String = field(take("log_fnv")?)?;
    let listed: Vec<(EventId, String)> = field(take("digests")?)?;
    let mut digests = BTreeMap::new();
    for (id, d) in listed {
        digests.insert(id, digest::parse_hex(&d).ok_or(SnapshotFault::Unreadable)?);
    }
    if state.policy() != &policy || state.last_event() != position.last_event {
        return Err(SnapshotFault::Unreadable);
    }
    let prefix = prefix_hash(log, position.bytes).ok_or(SnapshotFault::NotOfThisLog)?;
    if Some(prefix.finish()) != digest::parse_hex(&log_fnv) {
        return Err(SnapshotFault::NotOfThisLog);
    }
    Ok(Loaded {
        position,
        prefix,
        state,
        digests,
    })
}

fn field<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, SnapshotFault> {
    serde_json::from_value(v).map_err(|_| SnapshotFault::Unreadable)
}

/// The hash of the log's first `bytes` bytes; `None` if it is shorter.
fn prefix_hash(log: &Path, bytes: u64) -> Option<Fnv> {
    let mut reader = BufReader::new(File::open(log).ok()?).take(bytes);
    let mut hash = Fnv::new();
    let mut buf = vec![0; 64 * 1024];
    let mut seen = 0u64;
    loop {
        let n = reader.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        hash.write(&buf[..n]);
        seen += n as u64;
    }
    (seen == bytes).then_some(hash)
}
