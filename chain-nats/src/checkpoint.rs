//! A worker's durable checkpoint: one snapshot file per office, each with
//! the stream sequence it covers, and the worker's position (the last
//! sequence of the last batch made durable). Every file is written to a
//! temporary name, fsynced, renamed over the old one, and the directory
//! fsynced: a crash leaves either the old file or the new, never half.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anchang::State;
use serde::{Deserialize, Serialize};

/// One office's snapshot: its engine state after every event of the
/// stream up to `seq`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OfficeSnapshot {
    /// The office.
    pub office: u32,
    /// The last stream sequence applied to `state` (0: none).
    pub seq: u64,
    /// The engine state.
    pub state: State,
}

/// The worker's position: every message of the stream up to `seq` that
/// belongs to it is in its office snapshots.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Position {
    /// The last stream sequence of the last durable batch.
    pub seq: u64,
}

/// A worker's checkpoint directory.
pub struct Checkpoint {
    dir: PathBuf,
}

impl Checkpoint {
    /// The checkpoint in `dir`, created if missing.
    pub fn open(dir: &Path) -> io::Result<Checkpoint> {
        fs::create_dir_all(dir)?;
        Ok(Checkpoint {
            dir: dir.to_owned(),
        })
    }

    /// Every office snapshot, by office, and the position.
    pub fn load(&self) -> io::Result<(BTreeMap<u32, OfficeSnapshot>, Position)> {
        let mut offices = BTreeMap::new();
        let mut position = Position::default();
        for entry in fs::read_dir(&self.dir)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == "position.json" {
                position = read_json(&path)?;
            } else if name.starts_with("office-") && name.ends_with(".json") {
                let snap: OfficeSnapshot = read_json(&path)?;
                offices.insert(snap.office, snap);
            }
        }
        Ok((offices, position))
    }

    /// Makes `snapshots` and then `position` durable. The position is
    /// written last, so it never runs ahead of the snapshots; a snapshot
    /// ahead of the position costs only a redelivery the engine ignores.
    pub fn save<'a>(
        &self,
        snapshots: impl IntoIterator<Item = &'a OfficeSnapshot>,
        position: Position,
    ) -> io::Result<()> {
        for snap in snapshots {
            let name = format!("office-{}.json", snap.office);
            self.write_atomic(&name, &serde_json::to_vec(snap)?)?;
        }
        self.write_atomic("position.json", &serde_json::to_vec(&position)?)?;
        // The renames themselves are durable once the directory is.
        File::open(&self.dir)?.sync_all()
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let tmp = self.dir.join(format!("{name}.tmp"));
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, self.dir.join(name))
    }
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> io::Result<T> {
    let bytes = fs::read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })
}
