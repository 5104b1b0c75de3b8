//! kill -9: a child process appends batches to a store and prints the ids
//! of each batch once the store has acknowledged it; the parent kills it
//! with SIGKILL at random points, many times, and after each reopen checks
//! that every acknowledged event is in the log exactly once and the state
//! equals a replay of the log. The child is this test binary itself, run
//! again with the store's directory in an environment variable.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use anchang::event::{SignIn, SignOut};
use anchang::policy::Policy;
use anchang::store::Store;
use anchang::{Event, Timestamp};

use super::{log_ids, replay_file, temp_dir};

const DIR_VAR: &str = "ANCHANG_STORE_KILL_DIR";
const ROUNDS: u64 = 30;
/// Where a child stops if it is never killed: it bounds the test.
const LAST_ID: u64 = 3000;

/// Event `id` of the child's endless day: four agents signing in and out
/// in turn, a second apart, so every id applies whatever batch it is in.
fn event(id: u64) -> Event {
    let agent = ["Li", "Wang", "Zhang", "Zhao"][((id - 1) % 4) as usize];
    let agent = agent.parse().unwrap();
    let base: Timestamp = "2026-03-02T08:00:00".parse().unwrap();
    let at = base.plus_seconds(id as i64);
    match ((id - 1) / 4) % 2 {
        0 => Event::new(id, at, SignIn { agent }),
        _ => Event::new(id, at, SignOut { agent }),
    }
}

#[test]
#[ignore = "the child of kill_9_at_random_points_loses_no_acknowledged_event, started by it"]
fn writer_child() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let (mut store, _) = Store::open(&dir, &Policy::p2()).unwrap();
    // Retrying the last acknowledged event is a no-op.
    if let Some(last) = store.state().last_event().filter(|l| l.0 > 0) {
        assert_eq!(store.append(&[event(last.0)]).unwrap().duplicates, [last]);
    }
    // libtest has begun a line ("test ... "): acks start on a line of their own.
    let mut out = std::io::stdout();
    writeln!(out).unwrap();
    let mut next = store.state().last_event().map_or(1, |l| l.0 + 1);
    while next <= LAST_ID {
        let size = 1 + next % 5;
        let batch: Vec<Event> = (next..next + size).map(event).collect();
        let done = store.append(&batch).unwrap();
        let ids: Vec<String> = done.applied.iter().map(|i| i.0.to_string()).collect();
        // The trailing `.` tells a whole line from one cut by the kill.
        writeln!(out, "ack {} .", ids.join(" ")).unwrap();
        out.flush().unwrap();
        if next / 20 != (next + size) / 20 {
            store.snapshot().unwrap();
        }
        next += size;
    }
}

/// A small xorshift generator: where each kill falls.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn kill_9_at_random_points_loses_no_acknowledged_event() {
    let dir = temp_dir("kill-9");
    let exe = std::env::current_exe().unwrap();
    let mut acked = BTreeSet::new();
    let mut random = 0x9e37_79b9_7f4a_7c15;
    let mut cut = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "store::kill::writer_child",
                "--ignored",
                "--nocapture",
            ])
            .args(["--test-threads", "1"])
            .env(DIR_VAR, &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut ids = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let whole = line.strip_prefix("ack ").and_then(|l| l.strip_suffix(" ."));
                if let Some(rest) = whole {
                    ids.extend(rest.split(' ').map(|i| i.parse::<u64>().unwrap()));
                }
            }
            ids
        });
        // Where the kill falls, not how long anything takes: nothing is timed.
        std::thread::sleep(Duration::from_millis(5 + next_random(&mut random) % 80));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            status.success() || status.signal() == Some(9),
            "round {round}: the child failed: {status}"
        );
        acked.extend(reader.join().unwrap());

        let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
        cut += usize::from(report.cut.is_some());
        let ids = log_ids(&store.log_path());
        let expected: Vec<u64> = (0..ids.len() as u64).collect();
        assert_eq!(ids, expected, "round {round}: each id once, in order");
        let missing: Vec<_> = acked.iter().filter(|i| **i >= ids.len() as u64).collect();
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged, then lost: {missing:?}"
        );
        assert_eq!(
            store.state(),
            &replay_file(&store.log_path(), &Policy::p2()),
            "round {round}: the state is a replay of the log"
        );
    }
    eprintln!(
        "{ROUNDS} kills: {} events acknowledged, {cut} tails cut",
        acked.len()
    );
    assert!(!acked.is_empty(), "no child ever acknowledged an event");
}
