//! A reference floor-board service on the durable store: one office, HTTP
//! on loopback only, safe to kill -9 and restart.
//!
//! ```text
//! cargo run --example floor_server --features store -- --data /tmp/floor --port 8080
//! curl --data-binary @examples/data/day.jsonl http://127.0.0.1:8080/events
//! curl http://127.0.0.1:8080/board
//! curl http://127.0.0.1:8080/agents/李明/clients
//! curl http://127.0.0.1:8080/deals/d1
//! ```
//!
//! - `POST /events`: one event or a JSON Lines batch, applied all or
//!   nothing, fsynced before the answer. 200 with the ids applied, the
//!   duplicates (an identical retry is a no-op) and the decisions in 中文
//!   and English; 400 for a line that cannot be read, 409 for a conflicting
//!   retry or a stale id, 422 for an event the rules reject.
//! - `GET /board`: next up, statuses, duty helper, phone duty, make-ups,
//!   waiting visitors.
//! - `GET /agents/{id}/clients`: the agent's own view: its clients whole,
//!   everyone else's masked (P1-20, P3-18).
//! - `GET /deals/{id}`: a deal and where its attribution stands.
//! - `GET /status`: the log position and a digest of the whole state, so a
//!   restart can be checked without exposing client data.

use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use anchang::registry::Others;
use anchang::store::{Store, StoreError};
use anchang::{jsonl, AgentId, DealId, Event, Lang, Policy};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

const USAGE: &str = "\
usage: floor_server --data DIR [--port N] [--policy p1|p2|p3]

Serves one office's floor board over HTTP on 127.0.0.1, on top of the
durable store in DIR (created if missing). --port 0 (the default) picks a
free port; the address is printed on the first line of output.";

type Shared = Arc<Mutex<Store>>;

fn lock(store: &Shared) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

fn parse_args() -> Result<(String, u16, Policy), String> {
    let (mut data, mut port, mut policy) = (None, 0, Policy::p2());
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => data = Some(value()?),
            "--port" => port = value()?.parse().map_err(|_| "--port takes a number")?,
            "--policy" => policy = value()?.parse().map_err(|e| format!("--policy: {e}"))?,
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    Ok((data.ok_or("--data is required")?, port, policy))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (data, port, policy) = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (store, report) = match Store::open(&data, &policy) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("{}", e.message(Lang::En));
            return ExitCode::FAILURE;
        }
    };
    // What recovery cut or passed over is said, never silent.
    eprintln!("{}", report.describe(Lang::En));
    let app = Router::new()
        .route("/events", post(post_events))
        .route("/board", get(board))
        .route("/agents/{id}/clients", get(agent_clients))
        .route("/deals/{id}", get(deal))
        .route("/status", get(status))
        .with_state(Arc::new(Mutex::new(store)));
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(addr) = listener.local_addr() {
        println!("listening on http://{addr}");
    }
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A refusal: a stable code and the message in 中文 and English.
fn refuse(status: StatusCode, code: &str, zh: String, en: String) -> Response {
    let body = json!({ "error": { "code": code, "message": { "zh": zh, "en": en } } });
    (status, Json(body)).into_response()
}

async fn post_events(State(store): State<Shared>, body: String) -> Response {
    let read: Result<Vec<Event>, _> = jsonl::events(body.as_bytes())
        .map(|r| r.map(|(_, e)| e))
        .collect();
    let events = match read {
        Ok(events) => events,
        // The reader's error serialises itself: code, line, field, 中文 and English.
        Err(e) => return (StatusCode::BAD_REQUEST, Json(json!({ "error": e }))).into_response(),
    };
    // The fsync blocks: off the async workers.
    let appended = tokio::task::spawn_blocking(move || lock(&store).append(&events)).await;
    let done = match appended {
        Ok(Ok(done)) => done,
        Ok(Err(StoreError::Rejected { index, source })) => {
            let body = json!({ "error": { "code": "rejected", "index": index, "cause": source } });
            return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
        }
        Ok(Err(e)) => {
            let (status, code) = match &e {
                StoreError::Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
                StoreError::Stale { .. } => (StatusCode::CONFLICT, "stale"),
                _ => (StatusCode::INTERNAL_SERVER_ERROR, "store"),
            };
            return refuse(status, code, e.message(Lang::Zh), e.message(Lang::En));
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let decisions: Vec<Value> = done
        .decisions
        .iter()
        .map(|d| json!({ "decision": d, "zh": d.explain(Lang::Zh), "en": d.explain(Lang::En) }))
        .collect();
    let body =
        json!({ "applied": done.applied, "duplicates": done.duplicates, "decisions": decisions });
    Json(body).into_response()
}

async fn board(State(store): State<Shared>) -> Response {
    Json(lock(&store).state().board().view()).into_response()
}

async fn agent_clients(State(store): State<Shared>, Path(id): Path<String>) -> Response {
    let Ok(agent) = id.parse::<AgentId>() else {
        let (zh, en) = ("代理人编号无效".into(), "not an agent id".into());
        return refuse(StatusCode::BAD_REQUEST, "agent", zh, en);
    };
    let store = lock(&store);
    let state = store.state();
    match state.clock() {
        // The agent's own clients whole, everyone else's masked (P1-20, P3-18).
        Some(at) => Json(state.registry().agent_view(agent, at, Others::Masked)).into_response(),
        None => Json(json!({ "agent": agent, "own": [], "others": [] })).into_response(),
    }
}

async fn deal(State(store): State<Shared>, Path(id): Path<String>) -> Response {
    let Ok(deal) = id.parse::<DealId>() else {
        let (zh, en) = ("成交编号无效".into(), "not a deal id".into());
        return refuse(StatusCode::BAD_REQUEST, "deal", zh, en);
    };
    let store = lock(&store);
    let deals = store.state().deals();
    match (deals.deal(deal), store.state().clock()) {
        (Some(d), Some(at)) => {
            Json(json!({ "deal": d, "status": deals.status(deal, at) })).into_response()
        }
        _ => refuse(
            StatusCode::NOT_FOUND,
            "unknown_deal",
            "没有这笔成交".into(),
            "no such deal".into(),
        ),
    }
}

async fn status(State(store): State<Shared>) -> Response {
    let store = lock(&store);
    // A digest of the whole state (FNV-1a of its JSON), so a restart can be
    // compared with a replay without sending any client data.
    let state = serde_json::to_vec(store.state()).unwrap_or_default();
    let digest = state.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let p = store.position();
    Json(json!({
        "last_event": p.last_event,
        "log_bytes": p.bytes,
        "log_lines": p.lines,
        "state_fnv": format!("{digest:016x}"),
    }))
    .into_response()
}
