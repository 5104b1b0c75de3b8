//! The check after a run: every office's snapshot, wherever its worker
//! left it, equals a plain local replay of its log.

use std::path::Path;

use crate::checkpoint::Checkpoint;
use crate::offices;

pub fn run(base: &Path, workers: u32, offices_count: u32, seed: u64) -> Result<(), String> {
    let mut snapshots = std::collections::BTreeMap::new();
    for w in 0..workers {
        let dir = base.join(format!("worker-{w}"));
        let (offices, _) = Checkpoint::open(&dir)
            .and_then(|c| c.load())
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        snapshots.extend(offices);
    }
    let mut bad = 0;
    for office in 0..offices_count {
        let local = offices::local_replay(seed, office)?;
        let want = offices::digest(&local);
        match snapshots.get(&office) {
            Some(snap) if snap.state == local => {
                println!("office {office}: digest {want:016x} equals the local replay");
            }
            Some(snap) => {
                bad += 1;
                println!(
                    "office {office}: digest {:016x}, the local replay's {want:016x}",
                    offices::digest(&snap.state)
                );
            }
            None => {
                bad += 1;
                println!("office {office}: no snapshot");
            }
        }
    }
    if bad > 0 {
        return Err(format!(
            "{bad} of {offices_count} offices differ from their local replay"
        ));
    }
    println!("all {offices_count} offices equal their local replay");
    Ok(())
}
