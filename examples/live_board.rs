//! A live floor board (接待看板) in the browser: who is up, the next two at
//! the door (P1-3), who is busy and who is away, the visitors waiting and
//! today's counts, redrawn as events arrive. One page of plain HTML and a
//! small script that polls `GET /board`; no front-end build step. HTTP on
//! loopback only, on top of the durable store.
//!
//! ```text
//! cargo run --example live_board --features store -- --demo
//! # open the address it prints; in another terminal, feed it events:
//! curl --data-binary @examples/data/day.jsonl http://127.0.0.1:PORT/events
//! ```
//!
//! - `GET /`: the page.
//! - `GET /board`: the board as the crate serialises it ([`BoardView`]),
//!   the log position, the board's clock and the latest decisions in 中文
//!   and English.
//! - `POST /events`: one event or a JSON Lines batch, all or nothing, as
//!   `floor_server` takes them.
//!
//! `--demo` replays `examples/data/day.jsonl` into the board one event
//! every `--every-ms` milliseconds (700 by default), so there is something
//! to watch. `--data DIR` keeps the log there; without it the board starts
//! from an empty store in a fresh temporary directory.
//!
//! [`BoardView`]: anchang::queue::BoardView

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use anchang::store::{Store, StoreError};
use anchang::{jsonl, Event, Lang, Policy};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

const USAGE: &str = "\
usage: live_board [--data DIR] [--port N] [--policy p1|p2|p3] [--demo] [--every-ms N]

Serves a live floor board on http://127.0.0.1:PORT/ (--port 0, the default,
picks a free port; the address is printed on the first line of output).";

const DAY: &str = include_str!("data/day.jsonl");
const PAGE: &str = include_str!("support/live_board.html");

/// How many of the latest decisions the page lists.
const RECENT: usize = 8;

struct Live {
    store: Store,
    /// The latest decisions, newest first, in 中文 and English.
    recent: VecDeque<(String, String)>,
}

type Shared = Arc<Mutex<Live>>;

fn lock(live: &Shared) -> MutexGuard<'_, Live> {
    live.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Args {
    data: Option<PathBuf>,
    port: u16,
    policy: Policy,
    demo: bool,
    every: Duration,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: None,
        port: 0,
        policy: Policy::p2(),
        demo: false,
        every: Duration::from_millis(700),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = Some(value()?.into()),
            "--port" => a.port = value()?.parse().map_err(|_| "--port takes a number")?,
            "--policy" => a.policy = value()?.parse().map_err(|e| format!("--policy: {e}"))?,
            "--demo" => a.demo = true,
            "--every-ms" => {
                let ms = value()?.parse().map_err(|_| "--every-ms takes a number")?;
                a.every = Duration::from_millis(ms);
            }
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    Ok(a)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let dir = args.data.clone().unwrap_or_else(|| {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        std::env::temp_dir().join(format!("anchang-live-{}-{stamp}", std::process::id()))
    });
    let store = match Store::open(&dir, &args.policy) {
        Ok((store, report)) => {
            eprintln!("{}", report.describe(Lang::En));
            store
        }
        Err(e) => {
            eprintln!("{}", e.message(Lang::En));
            return ExitCode::FAILURE;
        }
    };
    let live: Shared = Arc::new(Mutex::new(Live {
        store,
        recent: VecDeque::new(),
    }));
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    if let Ok(addr) = listener.local_addr() {
        println!("listening on http://{addr}");
    }
    if args.demo {
        tokio::spawn(demo(live.clone(), args.every));
    }
    let app = Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .route("/board", get(board))
        .route("/events", axum::routing::post(post_events))
        .with_state(live);
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Appends `events` as one batch and keeps the latest decisions for the page.
fn append(live: &Shared, events: &[Event]) -> Result<serde_json::Value, StoreError> {
    let mut live = lock(live);
    let done = live.store.append(events)?;
    for d in &done.decisions {
        live.recent
            .push_front((d.explain(Lang::Zh), d.explain(Lang::En)));
    }
    live.recent.truncate(RECENT);
    Ok(json!({ "applied": done.applied, "duplicates": done.duplicates }))
}

/// The shipped day, one event at a time. An event the store refuses (run
/// twice on the same `--data`, say) is reported and passed over.
async fn demo(live: Shared, every: Duration) {
    let events: Vec<Event> = jsonl::events(DAY.as_bytes())
        .filter_map(|r| r.ok().map(|(_, e)| e))
        .collect();
    for event in events {
        tokio::time::sleep(every).await;
        let live = live.clone();
        let appended = tokio::task::spawn_blocking(move || append(&live, &[event])).await;
        if let Ok(Err(e)) = appended {
            eprintln!("demo: {}", e.message(Lang::En));
        }
    }
}

async fn board(State(live): State<Shared>) -> Response {
    let live = lock(&live);
    let state = live.store.state();
    let recent: Vec<_> = live
        .recent
        .iter()
        .map(|(zh, en)| json!({ "zh": zh, "en": en }))
        .collect();
    let body = json!({
        "last_event": live.store.position().last_event,
        "at": state.clock(),
        "board": state.board().view(),
        "recent": recent,
    });
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

async fn post_events(State(live): State<Shared>, body: String) -> Response {
    let read: Result<Vec<Event>, _> = jsonl::events(body.as_bytes())
        .map(|r| r.map(|(_, e)| e))
        .collect();
    let events = match read {
        Ok(events) => events,
        Err(e) => return (StatusCode::BAD_REQUEST, Json(json!({ "error": e }))).into_response(),
    };
    // The fsync blocks: off the async workers.
    match tokio::task::spawn_blocking(move || append(&live, &events)).await {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(e)) => {
            let (status, code) = match &e {
                StoreError::Conflict { .. } | StoreError::Stale { .. } => {
                    (StatusCode::CONFLICT, "conflict")
                }
                StoreError::Rejected { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "rejected"),
                _ => (StatusCode::INTERNAL_SERVER_ERROR, "store"),
            };
            let message = json!({ "zh": e.message(Lang::Zh), "en": e.message(Lang::En) });
            (
                status,
                Json(json!({ "error": { "code": code, "message": message } })),
            )
                .into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
