//! A worker: a durable pull consumer of the stream, embedding one engine
//! per office it sees.
//!
//! Worker `index` of `workers` owns the offices whose id is `index` modulo
//! `workers`. Its consumer reads `office.>`: Debian's nats-server 2.9 has
//! no multi-subject filters, so a worker skips the offices it does not own
//! (a 2.10 server would filter them with `filter_subjects`).
//!
//! Each batch: apply every owned event to its office's engine, make the
//! touched offices' snapshots and the position durable, and only then ack
//! the batch's last message (ack policy `all` acks the whole batch). A
//! crash between the fsync and the ack costs one redelivery of the batch,
//! which the engine's id check makes a no-op (an event at or below the
//! last id applied is reported ignored and changes nothing).
//!
//! On restart with deliveries still unacked, the consumer is recreated
//! from its ack floor, so the stream is redelivered in order: JetStream
//! would otherwise hand out new messages before the unacked ones come back
//! after the ack wait, and an office would see a later event first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anchang::{jsonl, Decision, State, What};
use async_nats::jetstream::consumer::{pull, AckPolicy, DeliverPolicy};
use async_nats::jetstream::{self, stream};
use futures_util::StreamExt;

use crate::checkpoint::{Checkpoint, OfficeSnapshot};
use crate::offices;

/// How a worker runs.
pub struct WorkerArgs {
    pub url: String,
    pub index: u32,
    pub workers: u32,
    pub dir: PathBuf,
    /// Messages per pull.
    pub batch: usize,
    /// Exit once the consumer has nothing pending and nothing unacked.
    pub exit_when_idle: bool,
    /// Abort (as a kill -9 would) right after this many durable
    /// checkpoints, before acking: the crash between fsync and ack.
    pub crash_after_checkpoints: Option<u64>,
}

/// What a worker did in one run.
#[derive(Debug, Default)]
struct Stats {
    applied: u64,
    /// Messages at or below their office's snapshot sequence.
    redelivered: u64,
    /// Of those, reported ignored by the engine's id check.
    redelivered_ignored: u64,
    rejected: u64,
    checkpoints: u64,
}

pub async fn run(args: WorkerArgs) -> Result<(), String> {
    let name = format!("worker-{}-of-{}", args.index, args.workers);
    let store = Checkpoint::open(&args.dir).map_err(|e| format!("{}: {e}", args.dir.display()))?;
    let (mut offices, position) = store.load().map_err(|e| format!("checkpoint: {e}"))?;
    eprintln!(
        "{name}: restored {} offices, position {}",
        offices.len(),
        position.seq
    );

    let client = async_nats::connect(&args.url)
        .await
        .map_err(|e| format!("connect {}: {e}", args.url))?;
    let js = jetstream::new(client);
    let stream = js
        .get_or_create_stream(stream_config())
        .await
        .map_err(|e| format!("stream: {e}"))?;
    let consumer = consumer(&stream, &name).await?;

    let policy = offices::policy();
    let mut stats = Stats::default();
    let mut decisions: Vec<Decision> = Vec::new();
    let mut position = position;
    // From the first message to the last one acked: idle pulls at the
    // end do not count.
    let mut busy: Option<(Instant, Instant)> = None;
    loop {
        let mut batch = consumer
            .batch()
            .max_messages(args.batch)
            .expires(Duration::from_millis(500))
            .messages()
            .await
            .map_err(|e| format!("pull: {e}"))?;
        let mut last = None;
        let mut touched = BTreeSet::new();
        while let Some(message) = batch.next().await {
            let message = message.map_err(|e| format!("message: {e}"))?;
            busy.get_or_insert_with(|| (Instant::now(), Instant::now()));
            let seq = message
                .info()
                .map_err(|e| format!("info: {e}"))?
                .stream_sequence;
            let office = offices::office_of(message.subject.as_str());
            if let Some(office) = office.filter(|o| o % args.workers == args.index) {
                let snap = offices.entry(office).or_insert_with(|| OfficeSnapshot {
                    office,
                    seq: 0,
                    state: State::new(policy.clone()),
                });
                let redelivered = seq <= snap.seq;
                let text = std::str::from_utf8(&message.payload).unwrap_or("");
                match jsonl::parse_line(text, seq as usize) {
                    Ok(event) => {
                        decisions.clear();
                        match snap.state.apply_into(&event, &mut decisions) {
                            Ok(()) => {
                                let ignored = matches!(
                                    decisions.as_slice(),
                                    [d] if matches!(d.what, What::Ignored { .. })
                                );
                                match (redelivered, ignored) {
                                    (true, true) => stats.redelivered_ignored += 1,
                                    (false, false) => stats.applied += 1,
                                    (true, false) => {
                                        return Err(format!(
                                        "office {office}: redelivered seq {seq} was applied again"
                                    ))
                                    }
                                    // A log that repeats an id: the engine's no-op.
                                    (false, true) => {}
                                }
                            }
                            // Retrying a rejected event fails the same way: it
                            // is recorded and passed, the state unchanged.
                            Err(e) => {
                                stats.rejected += 1;
                                eprintln!("{name}: office {office} seq {seq}: {e}");
                            }
                        }
                    }
                    Err(e) => {
                        stats.rejected += 1;
                        eprintln!("{name}: office {office} seq {seq}: {e}");
                    }
                }
                if redelivered {
                    stats.redelivered += 1;
                }
                snap.seq = snap.seq.max(seq);
                touched.insert(office);
            }
            position.seq = position.seq.max(seq);
            last = Some(message);
        }
        let Some(last) = last else {
            if args.exit_when_idle && idle(&stream, &name).await? {
                break;
            }
            continue;
        };
        store
            .save(touched.iter().map(|o| &offices[o]), position)
            .map_err(|e| format!("checkpoint: {e}"))?;
        stats.checkpoints += 1;
        if args.crash_after_checkpoints == Some(stats.checkpoints) {
            eprintln!(
                "{name}: crashing after checkpoint {} at seq {}, before the ack",
                stats.checkpoints, position.seq
            );
            std::process::abort();
        }
        last.double_ack()
            .await
            .map_err(|e| format!("ack seq {}: {e}", position.seq))?;
        if let Some((_, end)) = busy.as_mut() {
            *end = Instant::now();
        }
    }
    let secs = busy.map_or(0.0, |(start, end)| (end - start).as_secs_f64());
    println!(
        "{name}: offices {}, applied {}, redelivered {} (ignored by the id check {}), rejected {}, checkpoints {}, position {}, {:.0} events/s applied while busy",
        offices.len(),
        stats.applied,
        stats.redelivered,
        stats.redelivered_ignored,
        stats.rejected,
        stats.checkpoints,
        position.seq,
        stats.applied as f64 / secs.max(1e-9)
    );
    report(&offices);
    Ok(())
}

/// The stream: every office's events, on disk.
pub fn stream_config() -> stream::Config {
    stream::Config {
        name: offices::STREAM.to_owned(),
        subjects: vec!["office.*".to_owned()],
        storage: stream::StorageType::File,
        duplicate_window: Duration::from_secs(120),
        ..Default::default()
    }
}

fn consumer_config(name: &str, start: DeliverPolicy) -> pull::Config {
    pull::Config {
        durable_name: Some(name.to_owned()),
        filter_subject: "office.>".to_owned(),
        ack_policy: AckPolicy::All,
        ack_wait: Duration::from_secs(30),
        deliver_policy: start,
        ..Default::default()
    }
}

/// The worker's durable consumer: resumed as it is when it has no
/// delivery unacked; else recreated from its ack floor, so what was
/// delivered and not acked comes again, in stream order.
async fn consumer(
    stream: &stream::Stream,
    name: &str,
) -> Result<jetstream::consumer::Consumer<pull::Config>, String> {
    if let Ok(info) = stream.consumer_info(name).await {
        if info.num_ack_pending > 0 {
            let floor = info.ack_floor.stream_sequence;
            eprintln!(
                "{name}: {} deliveries unacked; redelivering from seq {}",
                info.num_ack_pending,
                floor + 1
            );
            stream
                .delete_consumer(name)
                .await
                .map_err(|e| format!("delete consumer: {e}"))?;
            let start = DeliverPolicy::ByStartSequence {
                start_sequence: floor + 1,
            };
            return stream
                .create_consumer(consumer_config(name, start))
                .await
                .map_err(|e| format!("consumer: {e}"));
        }
    }
    stream
        .get_or_create_consumer(name, consumer_config(name, DeliverPolicy::All))
        .await
        .map_err(|e| format!("consumer: {e}"))
}

/// Whether the consumer has nothing left: nothing pending, nothing unacked.
async fn idle(stream: &stream::Stream, name: &str) -> Result<bool, String> {
    let info = stream
        .consumer_info(name)
        .await
        .map_err(|e| format!("consumer info: {e}"))?;
    Ok(info.num_pending == 0 && info.num_ack_pending == 0)
}

/// One line per office: its snapshot's sequence and digest.
fn report(offices: &BTreeMap<u32, OfficeSnapshot>) {
    for (office, snap) in offices {
        println!(
            "office {office}: seq {}, last event {}, digest {:016x}",
            snap.seq,
            snap.state.last_event().map_or(0, |e| e.0),
            offices::digest(&snap.state)
        );
    }
}
