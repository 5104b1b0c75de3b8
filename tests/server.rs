//! The reference server (examples/floor_server.rs): the shipped day posted
//! through it survives kill -9 and restarts with nothing lost or doubled,
//! and four clients posting at once apply every event exactly once. The
//! test speaks HTTP/1.1 over a plain TcpStream.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use anchang::policy::Policy;
use anchang::{jsonl, Event, EventKind};
use serde_json::Value;

use super::store::{log_ids, temp_dir};

const DAY: &str = include_str!("../examples/data/day.jsonl");

/// The example, built once per run with this binary's profile and
/// features (a no-op after `cargo test`, which builds the examples).
fn server_binary() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "build",
                "--quiet",
                "--profile",
                "test",
                "--example",
                "floor_server",
            ])
            .args(["--features", "store,chrono"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the floor_server example failed");
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        profile_dir.join("examples").join("floor_server")
    })
}

/// A running server: killed with SIGKILL when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(data: &Path) -> Server {
        let mut child = Command::new(server_binary())
            .arg("--data")
            .arg(data)
            .args(["--port", "0", "--policy", "p2"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut first)
            .unwrap();
        let addr = first
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("the server said {first:?}"))
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "loopback only: {addr}");
        Server { child, addr }
    }

    /// SIGKILL, and wait for it to be gone.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    fn get(&self, path: &str) -> Value {
        let (status, body) = request(&self.addr, "GET", path, "");
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    fn post(&self, lines: &str) -> (u16, Value) {
        let (status, body) = request(&self.addr, "POST", "/events", lines);
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on its own connection: the status and the body.
fn request(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "{method} {} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-ndjson\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        percent_encode(path),
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    (status, body.to_owned())
}

/// Non-ASCII bytes of a path (Chinese agent ids) as %XX.
fn percent_encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b if b.is_ascii_graphic() => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn day_lines() -> Vec<&'static str> {
    DAY.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
}

fn day_events() -> Vec<Event> {
    jsonl::events(DAY.as_bytes())
        .map(|r| r.unwrap().1)
        .collect()
}

/// The state digest the server reports, computed here from a replay of
/// the shipped day alone.
fn replayed_digest() -> String {
    let state = jsonl::replay_reader(&Policy::p2(), DAY.as_bytes())
        .unwrap()
        .state;
    let bytes = serde_json::to_vec(&state).unwrap();
    let fnv = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{fnv:016x}")
}

/// Everything the server shows: board, every agent's clients, every deal.
fn everything(server: &Server) -> Vec<Value> {
    let mut seen = vec![server.get("/status"), server.get("/board")];
    let events = day_events();
    let agents: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SignIn(s) => Some(s.agent.to_string()),
            _ => None,
        })
        .collect();
    for a in &agents {
        seen.push(server.get(&format!("/agents/{a}/clients")));
    }
    for e in &events {
        if let EventKind::Deposit(d) = &e.kind {
            seen.push(server.get(&format!("/deals/{}", d.deal)));
        }
    }
    seen
}

fn ids(value: &Value) -> Vec<u64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

#[test]
fn the_day_posted_through_the_server_survives_kill_9_and_restart() {
    let dir = temp_dir("server-day");
    let lines = day_lines();
    let half = lines.len() / 2;
    let mut applied = Vec::new();

    // The first half in batches of ten, then a kill.
    let server = Server::start(&dir);
    for batch in lines[..half].chunks(10) {
        let (status, body) = server.post(&(batch.join("\n") + "\n"));
        assert_eq!(status, 200, "{body}");
        applied.extend(ids(&body["applied"]));
    }
    server.kill();

    // Restarted, the whole day again: the first half comes back as
    // duplicates, the rest is applied.
    let server = Server::start(&dir);
    let mut duplicates = Vec::new();
    for batch in lines.chunks(10) {
        let (status, body) = server.post(&batch.join("\n"));
        assert_eq!(status, 200, "{body}");
        applied.extend(ids(&body["applied"]));
        duplicates.extend(ids(&body["duplicates"]));
    }
    let day: Vec<u64> = day_events().iter().map(|e| e.id.0).collect();
    assert_eq!(applied, day, "every event applied once, in order");
    assert_eq!(duplicates, day[..duplicates.len()], "the first half, again");
    assert_eq!(duplicates.len(), half);
    let before = everything(&server);
    assert_eq!(before[0]["state_fnv"], replayed_digest().as_str());
    server.kill();

    // Restarted again: the same state, each event in the log once.
    let server = Server::start(&dir);
    assert_eq!(everything(&server), before);
    let logged = log_ids(&dir.join("events.jsonl"));
    assert_eq!(logged[0], 0, "the opening policy line");
    assert_eq!(logged[1..], day);

    // A conflicting retry is refused, the state untouched.
    let first = lines[0].replace("李明", "某人");
    let (status, body) = server.post(&first);
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(everything(&server), before);
}

#[test]
fn four_clients_posting_at_once_apply_every_event_exactly_once() {
    let dir = temp_dir("server-four");
    let server = Server::start(&dir);
    let lines = day_lines();
    let addr = server.addr.clone();
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (addr, lines) = (addr.clone(), lines.clone());
            std::thread::spawn(move || {
                // Each posts the whole day in order, one event at a time:
                // whoever comes first applies it, the others see a duplicate.
                let (mut applied, mut duplicates) = (Vec::new(), 0);
                for line in lines {
                    let (status, body) = request(&addr, "POST", "/events", line);
                    assert_eq!(status, 200, "{body}");
                    let body: Value = serde_json::from_str(&body).unwrap();
                    applied.extend(ids(&body["applied"]));
                    duplicates += ids(&body["duplicates"]).len();
                }
                (applied, duplicates)
            })
        })
        .collect();
    let mut applied = Vec::new();
    let mut duplicates = 0;
    for c in clients {
        let (a, d) = c.join().unwrap();
        applied.extend(a);
        duplicates += d;
    }
    let day: Vec<u64> = day_events().iter().map(|e| e.id.0).collect();
    applied.sort_unstable();
    assert_eq!(applied, day, "each event applied by exactly one client");
    assert_eq!(
        duplicates,
        3 * day.len(),
        "and seen as a duplicate by the others"
    );
    assert_eq!(
        server.get("/status")["state_fnv"],
        replayed_digest().as_str()
    );
    assert_eq!(log_ids(&dir.join("events.jsonl"))[1..], day);
}
