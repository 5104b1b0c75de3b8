//! The publisher: generates the chain's month and publishes every office's
//! events to `office.<id>`, interleaved in time order as the offices would
//! send them. Each message carries a message id (office and event id), so
//! a publisher that retries does not store an event twice.

use std::time::Instant;

use anchang::{jsonl, Event};
use async_nats::jetstream::{self, message::PublishMessage};

use crate::offices;
use crate::worker::stream_config;

/// Publishes at most this many messages before waiting for their acks.
const IN_FLIGHT: usize = 512;

pub async fn run(url: &str, offices_count: u32, seed: u64) -> Result<(), String> {
    let client = async_nats::connect(url)
        .await
        .map_err(|e| format!("connect {url}: {e}"))?;
    let js = jetstream::new(client);
    js.get_or_create_stream(stream_config())
        .await
        .map_err(|e| format!("stream: {e}"))?;

    let logs: Vec<Vec<Event>> = (0..offices_count)
        .map(|o| offices::month(seed, o))
        .collect();
    let mut all: Vec<(u32, &Event)> = logs
        .iter()
        .enumerate()
        .flat_map(|(o, log)| log.iter().map(move |e| (o as u32, e)))
        .collect();
    // In time order across offices; an office's own order is kept (the
    // sort is stable and each log is already in order).
    all.sort_by_key(|(_, e)| e.at);

    let started = Instant::now();
    let mut pending = Vec::with_capacity(IN_FLIGHT);
    for (office, event) in &all {
        let publish = PublishMessage::build()
            .payload(jsonl::to_line(event).into())
            .message_id(format!("{office}-{}", event.id.0));
        let ack = js
            .send_publish(offices::subject(*office), publish)
            .await
            .map_err(|e| format!("publish: {e}"))?;
        pending.push(ack);
        if pending.len() == IN_FLIGHT {
            for ack in pending.drain(..) {
                ack.await.map_err(|e| format!("publish ack: {e}"))?;
            }
        }
    }
    for ack in pending {
        ack.await.map_err(|e| format!("publish ack: {e}"))?;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "published {} events of {offices_count} offices in {secs:.2}s ({:.0}/s)",
        all.len(),
        all.len() as f64 / secs.max(1e-9)
    );
    Ok(())
}
