//! The durable store: what is acknowledged survives a crash exactly once,
//! what is not is cut and reported, retries are answered by digest, and a
//! snapshot that cannot be read is passed over, said so.

mod kill;

use std::path::{Path, PathBuf};

use anchang::event::{Arrive, End, SignIn, SignOut};
use anchang::jsonl;
use anchang::policy::Policy;
use anchang::store::{Restored, SnapshotFault, Store, StoreError};
use anchang::{Event, EventId, EventKind, Lang, State, Timestamp};

/// A fresh directory under the target's temp dir, unique per test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn at(minute: u32) -> Timestamp {
    format!("2026-03-02T09:{minute:02}:00").parse().unwrap()
}

fn sign_in(id: u64, name: &str) -> Event {
    Event::new(
        id,
        at(id as u32),
        SignIn {
            agent: name.parse().unwrap(),
        },
    )
}

fn sign_out(id: u64, name: &str) -> Event {
    Event::new(
        id,
        at(id as u32),
        SignOut {
            agent: name.parse().unwrap(),
        },
    )
}

fn arrive(id: u64, visitor: &str) -> Event {
    Event::new(id, at(id as u32), Arrive::walk_in(visitor.parse().unwrap()))
}

fn end(id: u64, name: &str) -> Event {
    Event::new(
        id,
        at(id as u32),
        End {
            agent: name.parse().unwrap(),
        },
    )
}

/// The state a replay of the log file alone reaches, from `policy`.
pub fn replay_file(path: &Path, policy: &Policy) -> State {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    jsonl::replay_reader(policy, file).unwrap().state
}

/// The ids of the event lines of the log file, in order.
pub fn log_ids(path: &Path) -> Vec<u64> {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    jsonl::events(file).map(|r| r.unwrap().1.id.0).collect()
}

fn len(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

fn floor(dir: &Path) -> Store {
    let (mut store, report) = Store::open(dir, &Policy::p2()).unwrap();
    assert!(report.is_clean(), "{report}");
    store
        .append(&[sign_in(1, "Li"), sign_in(2, "Wang")])
        .unwrap();
    store.append(&[arrive(3, "v1")]).unwrap();
    store
}

#[test]
fn acknowledged_events_survive_a_reopen_and_equal_a_replay_of_the_log() {
    let dir = temp_dir("reopen");
    let before = floor(&dir).state().clone();
    let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
    assert_eq!(report.restored, Restored::Replay);
    assert_eq!(report.replayed, 4, "the policy line and three events");
    assert!(report.is_clean());
    assert_eq!(store.state(), &before);
    assert_eq!(
        store.state(),
        &replay_file(&store.log_path(), &Policy::p2())
    );
    assert_eq!(log_ids(&store.log_path()), [0, 1, 2, 3]);
}

#[test]
fn the_log_opens_with_its_policy_so_it_replays_the_same_alone() {
    let dir = temp_dir("policy-line");
    let store = floor(&dir);
    let text = std::fs::read_to_string(store.log_path()).unwrap();
    let first = jsonl::parse_line(text.lines().next().unwrap(), 1).unwrap();
    assert_eq!(first.id, EventId(0));
    let EventKind::ChangePolicy(c) = first.kind else {
        panic!("the first line is not change_policy");
    };
    assert_eq!(*c.policy, Policy::p2());
    assert_eq!(
        replay_file(&store.log_path(), &Policy::p2()).policy(),
        &Policy::p2()
    );
    assert_eq!(
        replay_file(&store.log_path(), &Policy::p1())
            .board()
            .next_up(2),
        store.state().board().next_up(2),
        "replayed from another preset, the log's own policy line rules"
    );
}

#[test]
fn reopening_under_another_policy_is_refused() {
    let dir = temp_dir("policy-mismatch");
    drop(floor(&dir));
    let err = Store::open(&dir, &Policy::p3()).unwrap_err();
    assert!(matches!(err, StoreError::PolicyMismatch { .. }), "{err}");
}

#[test]
fn an_identical_retry_is_a_duplicate_and_changes_nothing() {
    let dir = temp_dir("retry");
    let mut store = floor(&dir);
    let (state, bytes) = (store.state().clone(), len(&store.log_path()));
    let again = store
        .append(&[sign_in(1, "Li"), sign_in(2, "Wang")])
        .unwrap();
    assert_eq!(again.duplicates, [EventId(1), EventId(2)]);
    assert!(again.applied.is_empty() && again.decisions.is_empty());
    assert_eq!(store.state(), &state);
    assert_eq!(len(&store.log_path()), bytes, "nothing written");
}

#[test]
fn a_retry_with_other_content_is_a_conflict_and_changes_nothing() {
    let dir = temp_dir("conflict");
    let mut store = floor(&dir);
    let (state, bytes) = (store.state().clone(), len(&store.log_path()));
    let err = store
        .append(&[sign_in(4, "Zhao"), sign_in(2, "Zhang")])
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { id: EventId(2) }),
        "{err}"
    );
    // Id 0 is the log's policy line.
    let err = store.append(&[sign_in(0, "Zhao")]).unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { id: EventId(0) }),
        "{err}"
    );
    for lang in [Lang::Zh, Lang::En] {
        assert!(!err.message(lang).contains("Zhao"), "no input echoed");
    }
    assert_eq!(store.state(), &state);
    assert_eq!(len(&store.log_path()), bytes);
    // The same after a reopen: the digests are in the log, not in memory.
    drop(store);
    let (mut store, _) = Store::open(&dir, &Policy::p2()).unwrap();
    let err = store.append(&[sign_in(1, "Zhao")]).unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { id: EventId(1) }),
        "{err}"
    );
    assert!(store.append(&[sign_in(1, "Li")]).unwrap().duplicates == [EventId(1)]);
}

#[test]
fn a_stale_id_not_in_the_log_is_refused_not_ignored() {
    let dir = temp_dir("stale");
    let mut store = floor(&dir);
    store.append(&[sign_in(10, "Zhao")]).unwrap();
    let err = store.append(&[sign_in(7, "Zhang")]).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Stale {
                id: EventId(7),
                last: EventId(10)
            }
        ),
        "{err}"
    );
    let err = store
        .append(&[sign_in(12, "Zhang"), sign_in(11, "Liu")])
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Stale {
                id: EventId(11),
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_batch_with_a_rejected_event_writes_nothing() {
    let dir = temp_dir("batch-rejected");
    let mut store = floor(&dir);
    let (state, bytes) = (store.state().clone(), len(&store.log_path()));
    // Ending a reception of an agent who never signed in is rejected.
    let err = store
        .append(&[end(4, "Li"), sign_in(5, "Zhao"), end(6, "Nobody")])
        .unwrap_err();
    let StoreError::Rejected { index, source } = &err else {
        panic!("{err}");
    };
    assert_eq!((*index, source.event), (2, EventId(6)));
    assert!(err.message(Lang::Zh).contains("整批未写入"));
    assert_eq!(store.state(), &state);
    assert_eq!(len(&store.log_path()), bytes);
    // The same events, corrected, then go through whole.
    let done = store.append(&[end(4, "Li"), sign_in(5, "Zhao")]).unwrap();
    assert_eq!(done.applied, [EventId(4), EventId(5)]);
}

#[test]
fn a_torn_write_anywhere_in_the_last_batch_is_cut_back_to_the_last_commit() {
    let dir = temp_dir("torn");
    let mut store = floor(&dir);
    let committed = store.state().clone();
    let log = store.log_path();
    let mark = len(&log);
    store
        .append(&[end(4, "Li"), sign_out(5, "Li"), sign_in(6, "Zhao")])
        .unwrap();
    drop(store);
    let full = std::fs::read(&log).unwrap();
    for keep in mark + 1..full.len() as u64 {
        std::fs::write(&log, &full[..keep as usize]).unwrap();
        let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
        let cut = report
            .cut
            .as_ref()
            .unwrap_or_else(|| panic!("no cut at {keep}"));
        assert_eq!(cut.at, mark);
        let torn = full[..keep as usize].last() != Some(&b'\n');
        assert_eq!(cut.torn_bytes > 0, torn, "at {keep}");
        assert_eq!(
            std::fs::read(&cut.kept).unwrap(),
            &full[mark as usize..keep as usize]
        );
        assert_eq!(store.state(), &committed, "cut at {keep}");
        assert_eq!(len(&log), mark);
        assert!(report.describe(Lang::Zh).contains("截去未确认的尾部"));
        std::fs::remove_file(&cut.kept).unwrap();
    }
}

#[test]
fn whole_lines_no_marker_acknowledged_are_cut_too() {
    let dir = temp_dir("uncommitted");
    let log = floor(&dir).log_path();
    let mark = len(&log);
    let line = jsonl::to_line(&sign_in(4, "Zhao"));
    std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .and_then(|mut f| std::io::Write::write_all(&mut f, format!("{line}\n{line}\n").as_bytes()))
        .unwrap();
    let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
    let cut = report.cut.unwrap();
    assert_eq!(
        (cut.at, cut.uncommitted_lines, cut.torn_bytes),
        (mark, 2, 0)
    );
    assert_eq!(store.state().last_event(), Some(EventId(3)));
}

#[test]
fn damage_before_the_last_commit_is_an_error_not_a_cut() {
    let dir = temp_dir("damaged");
    let mut store = floor(&dir);
    store.append(&[end(4, "Li")]).unwrap();
    let log = store.log_path();
    drop(store);
    let mut bytes = std::fs::read(&log).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let wang = text.find("Wang").unwrap();
    bytes[wang] = b'X';
    std::fs::write(&log, &bytes).unwrap();
    let err = Store::open(&dir, &Policy::p2()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { line: 4, .. }), "{err}");
    assert_eq!(std::fs::read(&log).unwrap(), bytes, "nothing cut");
}

#[test]
fn a_log_not_written_by_the_store_is_refused() {
    let dir = temp_dir("foreign");
    std::fs::create_dir_all(&dir).unwrap();
    let line = jsonl::to_line(&sign_in(1, "Li"));
    let fnv = fnv1a(format!("{line}\n").as_bytes());
    let log = format!("{line}\n#commit n=1 fnv={fnv:016x}\n");
    std::fs::write(dir.join("events.jsonl"), &log).unwrap();
    let err = Store::open(&dir, &Policy::p2()).unwrap_err();
    assert!(matches!(err, StoreError::NotAStoreLog), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("events.jsonl")).unwrap(),
        log,
        "nothing cut"
    );
}

/// FNV-1a-64, as the store's commit markers use it.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn restore_is_the_newest_snapshot_and_the_log_after_it() {
    let dir = temp_dir("snapshot");
    let mut store = floor(&dir);
    store.snapshot().unwrap();
    store.append(&[end(4, "Li"), sign_in(5, "Zhao")]).unwrap();
    let newest = store.snapshot().unwrap();
    store.append(&[arrive(6, "v2")]).unwrap();
    let state = store.state().clone();
    drop(store);
    let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
    let Restored::Snapshot { path, position } = &report.restored else {
        panic!("{report}");
    };
    assert_eq!((path, position.last_event), (&newest, Some(EventId(5))));
    assert_eq!(report.replayed, 1);
    assert_eq!(store.state(), &state);
    assert_eq!(
        store.state(),
        &replay_file(&store.log_path(), &Policy::p2())
    );
    // Digests come back from the snapshot: a conflict on an id before it.
    let (mut store, _) = (store, ());
    let err = store.append(&[sign_in(2, "Zhang")]).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
}

/// Two snapshots, the newest spoiled by `spoil`: open falls back to the
/// older one and reports why.
fn fall_back(name: &str, spoil: impl Fn(&str) -> String) -> (SnapshotFault, Restored) {
    let dir = temp_dir(name);
    let mut store = floor(&dir);
    let older = store.snapshot().unwrap();
    store.append(&[end(4, "Li")]).unwrap();
    let newest = store.snapshot().unwrap();
    store.append(&[sign_in(5, "Zhao")]).unwrap();
    let state = store.state().clone();
    drop(store);
    let text = std::fs::read_to_string(&newest).unwrap();
    std::fs::write(&newest, spoil(&text)).unwrap();
    let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
    assert_eq!(store.state(), &state, "{name}");
    assert_eq!(report.passed_over.len(), 1, "{report}");
    assert_eq!(report.passed_over[0].0, newest);
    assert!(!report.is_clean());
    if let Restored::Snapshot { path, .. } = &report.restored {
        assert_eq!(path, &older);
    }
    (report.passed_over[0].1.clone(), report.restored)
}

#[test]
fn a_snapshot_of_another_version_is_passed_over_for_an_older_one() {
    let (fault, restored) = fall_back("snap-version", |t| {
        t.replace(r#""version":1"#, r#""version":2"#)
    });
    assert_eq!(fault, SnapshotFault::Version { found: Some(2) });
    assert!(matches!(restored, Restored::Snapshot { .. }));
}

#[test]
fn a_snapshot_whose_policy_cannot_be_read_is_passed_over() {
    let (fault, _) = fall_back("snap-policy", |t| {
        {
            t.replacen(r#""policy":{"name":"#, r#""policy":{"name":7,"was":"#, 1)
        }
    });
    assert_eq!(fault, SnapshotFault::Policy);
}

#[test]
fn a_damaged_snapshot_is_passed_over() {
    let (fault, _) = fall_back("snap-damaged", |t| t[..t.len() / 2].to_owned());
    assert_eq!(fault, SnapshotFault::Unreadable);
}

#[test]
fn a_snapshot_of_another_log_is_passed_over() {
    let (fault, _) = fall_back("snap-other-log", |t| {
        let start = t.find(r#""log_fnv":""#).unwrap() + 11;
        let other = if &t[start..start + 16] == "0123456789abcdef" {
            "fedcba9876543210"
        } else {
            "0123456789abcdef"
        };
        format!("{}{other}{}", &t[..start], &t[start + 16..])
    });
    assert_eq!(fault, SnapshotFault::NotOfThisLog);
}

#[test]
fn with_every_snapshot_spoiled_open_replays_the_whole_log() {
    let dir = temp_dir("snap-none");
    let mut store = floor(&dir);
    let snap = store.snapshot().unwrap();
    let state = store.state().clone();
    drop(store);
    std::fs::write(&snap, "{}").unwrap();
    let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
    assert_eq!(report.restored, Restored::Replay);
    assert_eq!(report.passed_over.len(), 1);
    assert!(report.describe(Lang::En).contains("passed over snapshot"));
    assert_eq!(store.state(), &state);
}

#[test]
fn the_shipped_day_through_the_store_equals_its_replay() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let events: Vec<Event> = jsonl::events(text.as_bytes())
        .map(|r| r.unwrap().1)
        .collect();
    let dir = temp_dir("day");
    let (mut store, _) = Store::open(&dir, &Policy::p2()).unwrap();
    for (k, batch) in events.chunks(7).enumerate() {
        store.append(batch).unwrap();
        if k % 10 == 9 {
            store.snapshot().unwrap();
        }
    }
    let expected = jsonl::replay_reader(&Policy::p2(), text.as_bytes())
        .unwrap()
        .state;
    assert_eq!(store.state(), &expected);
    drop(store);
    let (store, report) = Store::open(&dir, &Policy::p2()).unwrap();
    assert!(matches!(report.restored, Restored::Snapshot { .. }));
    assert_eq!(store.state(), &expected);
}
