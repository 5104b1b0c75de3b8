//! The day as an SVG timeline: one row per agent across the day, coloured
//! by what the board said it was doing (free, with a new client, with an
//! old client, standing in, away by reason, suspended), a mark per visitor
//! received (filled when counted, hollow when not), each turn passed over
//! (跳过), forfeit (轮空) and make-up (补接), and a lane of the visitors
//! waiting.
//!
//! Nothing is inferred here: the events are replayed through the crate's
//! [`State`] and the board is read after each one, so the picture shows
//! what the rules made of the log. A line the rules reject is left out of
//! the replay (an audit reads a day to its end) and counted in the footer.
//!
//! Include it with `#[path = "support/timeline.rs"] mod timeline;`.

use std::collections::BTreeMap;

use anchang::event::AwayReason;
use anchang::policy::{Consequence, PassReason};
use anchang::queue::Status;
use anchang::{AgentId, Date, Event, Policy, State, Timestamp, Via, What};
use svg::node::element::{Circle, Group, Line, Polygon, Rectangle, Text, Title};
use svg::Document;

const LEFT: f64 = 110.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 46.0;
const ROW: f64 = 34.0;
const BAR: f64 = 18.0;
const WIDTH: f64 = 1100.0;

/// What an agent's row shows for a stretch of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shade {
    Free,
    WithNew,
    WithOld,
    StandingIn,
    Away(AwayReason),
    Suspended,
}

impl Shade {
    fn of(status: Status, pass_reason: Option<PassReason>) -> Option<Shade> {
        Some(match status {
            Status::Free => Shade::Free,
            Status::Busy { .. } => match pass_reason {
                Some(PassReason::BusyWithOld) => Shade::WithOld,
                Some(PassReason::StandingIn) => Shade::StandingIn,
                _ => Shade::WithNew,
            },
            Status::Away { reason } => Shade::Away(reason),
            Status::Suspended => Shade::Suspended,
            _ => return None,
        })
    }

    fn colour(self) -> &'static str {
        match self {
            Shade::Free => "#9ad09a",
            Shade::WithNew => "#3b7dd8",
            Shade::WithOld => "#8e44ad",
            Shade::StandingIn => "#c39bd3",
            Shade::Away(AwayReason::Meal) => "#f0ad4e",
            Shade::Away(AwayReason::Washroom) => "#f7dc6f",
            Shade::Away(AwayReason::Errand) => "#e67e22",
            Shade::Away(AwayReason::Expo) => "#a04000",
            Shade::Away(_) => "#b3b6b7",
            Shade::Suspended => "#566573",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Shade::Free => "空闲 free",
            Shade::WithNew => "接待新客 new client",
            Shade::WithOld => "接待老客 old client",
            Shade::StandingIn => "代接 standing in",
            Shade::Away(AwayReason::Meal) => "用餐 meal",
            Shade::Away(AwayReason::Washroom) => "洗手间 washroom",
            Shade::Away(AwayReason::Errand) => "公派 errand",
            Shade::Away(AwayReason::Expo) => "房展 expo",
            Shade::Away(_) => "外出 out",
            Shade::Suspended => "待岗 suspended",
        }
    }

    const LEGEND: [Shade; 10] = [
        Shade::Free,
        Shade::WithNew,
        Shade::WithOld,
        Shade::StandingIn,
        Shade::Away(AwayReason::Meal),
        Shade::Away(AwayReason::Washroom),
        Shade::Away(AwayReason::Out),
        Shade::Away(AwayReason::Errand),
        Shade::Away(AwayReason::Expo),
        Shade::Suspended,
    ];
}

/// A mark on an agent's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Received { counted: bool, makeup: bool },
    PassedOver,
    Forfeit,
    MakeUpOwed,
}

/// A stretch of an agent's day: from, to, and what it was doing.
type Stretch = (Timestamp, Timestamp, Shade);

/// What the replay saw, in drawing order.
#[derive(Default)]
struct Day {
    /// Agents in order of first sign-in, with their stretches.
    rows: Vec<(AgentId, Vec<Stretch>)>,
    open: BTreeMap<AgentId, (Timestamp, Shade)>,
    marks: Vec<(AgentId, Timestamp, Mark, String)>,
    /// (from, to, visitors waiting).
    waiting: Vec<(Timestamp, Timestamp, usize)>,
    /// When the lines the rules rejected happened.
    rejected: Vec<Timestamp>,
    span: Option<(Timestamp, Timestamp)>,
}

impl Day {
    fn row(&mut self, agent: AgentId) -> usize {
        match self.rows.iter().position(|(a, _)| *a == agent) {
            Some(i) => i,
            None => {
                self.rows.push((agent, Vec::new()));
                self.rows.len() - 1
            }
        }
    }

    /// The board after an event at `at`: close what changed, open what began.
    fn read_board(&mut self, state: &State, at: Timestamp) {
        let board = state.board();
        let busy: BTreeMap<AgentId, PassReason> = board
            .receptions()
            .map(|(agent, b)| (agent, b.pass_reason()))
            .collect();
        for view in board.agents_iter() {
            let shade = Shade::of(view.status, busy.get(&view.agent).copied());
            let row = self.row(view.agent);
            let open = self.open.get(&view.agent).copied();
            if open.map(|(_, s)| s) == shade {
                continue;
            }
            if let Some((from, s)) = open {
                self.rows[row].1.push((from, at, s));
                self.open.remove(&view.agent);
            }
            if let Some(s) = shade {
                self.open.insert(view.agent, (at, s));
            }
        }
        let n = board.waiting_iter().len();
        match self.waiting.last_mut() {
            Some(last) if last.2 == n => last.1 = at,
            _ => self.waiting.push((at, at, n)),
        }
    }

    fn close(&mut self, end: Timestamp) {
        for (agent, (from, shade)) in std::mem::take(&mut self.open) {
            let row = self.row(agent);
            self.rows[row].1.push((from, end, shade));
        }
        if let Some(last) = self.waiting.last_mut() {
            last.1 = end;
        }
    }

    /// Keeps what falls between `from` and `to`, stretches cut to fit, and
    /// the rows of agents with something in it.
    fn clip(&mut self, from: Timestamp, to: Timestamp) {
        for (_, stretches) in &mut self.rows {
            stretches.retain(|(a, b, _)| *b > from && *a < to);
            for s in stretches.iter_mut() {
                s.0 = s.0.max(from);
                s.1 = s.1.min(to);
            }
        }
        self.marks.retain(|m| m.1 >= from && m.1 <= to);
        let marked: Vec<AgentId> = self.marks.iter().map(|m| m.0).collect();
        self.rows
            .retain(|(agent, s)| !s.is_empty() || marked.contains(agent));
        self.waiting.retain(|w| w.1 > from && w.0 < to);
        for w in &mut self.waiting {
            w.0 = w.0.max(from);
            w.1 = w.1.min(to);
        }
        self.rejected.retain(|t| *t >= from && *t <= to);
        self.span = Some((from, to));
    }

    fn mark(&mut self, what: &What, at: Timestamp) {
        let (agent, mark, note) = match what {
            What::Received(r) => {
                let makeup = matches!(r.via, Via::MakeUp { .. });
                let counted = r.counted;
                let note = format!("{} ← {}", r.agent, r.visitor);
                (r.agent, Mark::Received { counted, makeup }, note)
            }
            What::Greeted {
                agent: Some(agent),
                visitor,
                ..
            } => {
                let mark = Mark::Received {
                    counted: false,
                    makeup: false,
                };
                (*agent, mark, format!("{agent} greets {visitor}"))
            }
            What::PassedOver {
                agent,
                visitor,
                consequence,
                owed,
                ..
            } => {
                let note = format!("{agent} passed over for {visitor}");
                let mark = match consequence {
                    Consequence::Forfeit => Mark::Forfeit,
                    _ if *owed => Mark::MakeUpOwed,
                    _ => Mark::PassedOver,
                };
                (*agent, mark, note)
            }
            What::MakeUpGranted { agent, .. } => {
                (*agent, Mark::MakeUpOwed, format!("{agent}: 补接 owed"))
            }
            _ => return,
        };
        self.row(agent);
        self.marks.push((agent, at, mark, note));
    }
}

fn replay(events: &[Event], policy: &Policy) -> Day {
    let mut state = State::new(policy.clone());
    let mut day = Day::default();
    for event in events {
        match state.apply(event) {
            Ok(decisions) => {
                for d in &decisions {
                    day.mark(&d.what, d.at);
                }
            }
            Err(_) => {
                day.rejected.push(event.at);
                continue;
            }
        }
        day.read_board(&state, event.at);
        day.span = Some(match day.span {
            None => (event.at, event.at),
            Some((first, _)) => (first, event.at),
        });
    }
    if let Some((_, last)) = day.span {
        day.close(last);
    }
    day
}

/// The first day of the log as an SVG document (UTF-8 text), the events
/// read under `policy`.
pub fn render_svg(events: &[Event], policy: &Policy) -> String {
    match events.first() {
        Some(e) => render_day(events, policy, e.at.date()),
        None => empty(),
    }
}

fn empty() -> String {
    Document::new()
        .set("viewBox", (0, 0, WIDTH, 60.0))
        .add(Text::new("(no events)").set("x", 20).set("y", 30))
        .to_string()
}

/// The day `date` of the log as an SVG document. The whole log is replayed
/// (a week's log draws its Wednesday with Monday's registrations known);
/// only that day is drawn, from its first event to its last.
pub fn render_day(events: &[Event], policy: &Policy, date: Date) -> String {
    let mut day = replay(events, policy);
    let on_day: Vec<Timestamp> = events
        .iter()
        .map(|e| e.at)
        .filter(|t| t.date() == date)
        .collect();
    let (Some(&first), Some(&last)) = (on_day.first(), on_day.last()) else {
        return empty();
    };
    day.clip(first, last);
    // Whole hours either side of the day.
    let start = first.plus_seconds(-i64::from(first.hms().1 * 60 + first.hms().2));
    let hours = (last.seconds_since(start) + 3599) / 3600;
    let end = start.plus_seconds(hours.max(1) * 3600);
    let x = |t: Timestamp| {
        let span = end.seconds_since(start) as f64;
        LEFT + (WIDTH - LEFT - RIGHT) * t.seconds_since(start) as f64 / span
    };
    let lanes = day.rows.len() as f64 + 1.0;
    let legend_y = TOP + ROW * lanes + 16.0;
    let height = legend_y + 64.0;
    let mut doc = Document::new()
        .set("viewBox", (0, 0, WIDTH, height))
        .set("width", WIDTH)
        .set("height", height)
        .set("font-family", "sans-serif")
        .set("font-size", 12)
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "white"),
        )
        .add(
            Text::new(format!(
                "{} · {} · {}",
                first.date(),
                policy.name,
                "接待时间线 reception timeline"
            ))
            .set("x", 10)
            .set("y", 18)
            .set("font-size", 14)
            .set("font-weight", "bold"),
        );
    doc = doc.add(axis(start, hours, &x, TOP + ROW * lanes));
    for (i, (agent, stretches)) in day.rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mut row = Group::new()
            .set("class", "agent-row")
            .set("data-agent", agent.as_str());
        row = row.add(
            Text::new(agent.as_str())
                .set("x", 10)
                .set("y", y + ROW / 2.0 + 4.0),
        );
        for (from, to, shade) in stretches {
            let w = (x(*to) - x(*from)).max(1.0);
            row = row.add(
                Rectangle::new()
                    .set("x", x(*from))
                    .set("y", y + (ROW - BAR) / 2.0)
                    .set("width", w)
                    .set("height", BAR)
                    .set("fill", shade.colour())
                    .add(Title::new(format!(
                        "{agent} {} {}–{}",
                        shade.label(),
                        hm(*from),
                        hm(*to)
                    ))),
            );
        }
        for (_, at, mark, note) in day.marks.iter().filter(|m| m.0 == *agent) {
            row = row.add(draw_mark(
                *mark,
                x(*at),
                y + ROW / 2.0,
                &format!("{} {note}", hm(*at)),
            ));
        }
        doc = doc.add(row);
    }
    doc = doc.add(waiting_lane(&day, &x, TOP + ROW * day.rows.len() as f64));
    doc = doc.add(legend(legend_y, day.rejected.len()));
    doc.to_string()
}

fn hm(t: Timestamp) -> String {
    let (h, m, _) = t.hms();
    format!("{h:02}:{m:02}")
}

fn axis(start: Timestamp, hours: i64, x: &impl Fn(Timestamp) -> f64, bottom: f64) -> Group {
    let mut g = Group::new().set("class", "axis");
    for h in 0..=hours {
        let t = start.plus_seconds(h * 3600);
        g = g
            .add(
                Line::new()
                    .set("x1", x(t))
                    .set("x2", x(t))
                    .set("y1", TOP - 6.0)
                    .set("y2", bottom)
                    .set("stroke", "#ddd"),
            )
            .add(
                Text::new(hm(t))
                    .set("x", x(t))
                    .set("y", TOP - 10.0)
                    .set("text-anchor", "middle")
                    .set("fill", "#555"),
            );
    }
    g
}

fn draw_mark(mark: Mark, cx: f64, cy: f64, note: &str) -> Group {
    let title = Title::new(note);
    let g = Group::new().set("class", "mark");
    match mark {
        Mark::Received { counted, makeup } => {
            let fill = if counted { "#1b2631" } else { "white" };
            let mut g = g.add(
                Circle::new()
                    .set("cx", cx)
                    .set("cy", cy)
                    .set("r", 5)
                    .set("fill", fill)
                    .set("stroke", "#1b2631")
                    .set("stroke-width", 1.5)
                    .add(title),
            );
            if makeup {
                g = g.add(
                    Circle::new()
                        .set("cx", cx)
                        .set("cy", cy)
                        .set("r", 8.5)
                        .set("fill", "none")
                        .set("stroke", "#27ae60")
                        .set("stroke-width", 2),
                );
            }
            g
        }
        Mark::Forfeit => {
            let d = 5.0;
            let cross = |x1: f64, y1: f64, x2: f64, y2: f64| {
                Line::new()
                    .set("x1", x1)
                    .set("y1", y1)
                    .set("x2", x2)
                    .set("y2", y2)
                    .set("stroke", "#c0392b")
                    .set("stroke-width", 2.5)
            };
            g.add(cross(cx - d, cy - d, cx + d, cy + d))
                .add(cross(cx - d, cy + d, cx + d, cy - d))
                .add(title)
        }
        Mark::PassedOver | Mark::MakeUpOwed => {
            let fill = if mark == Mark::MakeUpOwed {
                "#27ae60"
            } else {
                "#7f8c8d"
            };
            let top = cy - BAR / 2.0 - 1.0;
            let points = format!(
                "{},{} {},{} {},{}",
                cx - 5.0,
                top - 8.0,
                cx + 5.0,
                top - 8.0,
                cx,
                top
            );
            g.add(
                Polygon::new()
                    .set("points", points)
                    .set("fill", fill)
                    .add(title),
            )
        }
    }
}

fn waiting_lane(day: &Day, x: &impl Fn(Timestamp) -> f64, y: f64) -> Group {
    let mut g = Group::new().set("class", "waiting").add(
        Text::new("等候 waiting")
            .set("x", 10)
            .set("y", y + ROW / 2.0 + 4.0),
    );
    for (from, to, n) in day.waiting.iter().filter(|w| w.2 > 0) {
        let h = (6.0 * *n as f64).min(ROW - 4.0);
        g = g.add(
            Rectangle::new()
                .set("x", x(*from))
                .set("y", y + ROW - 2.0 - h)
                .set("width", (x(*to) - x(*from)).max(2.0))
                .set("height", h)
                .set("fill", "#e74c3c")
                .set("fill-opacity", 0.6)
                .add(Title::new(format!(
                    "{}–{}: {n} waiting",
                    hm(*from),
                    hm(*to)
                ))),
        );
    }
    g
}

fn legend(y: f64, rejected: usize) -> Group {
    let mut g = Group::new().set("class", "legend");
    let (mut lx, mut ly) = (10.0, y);
    for shade in Shade::LEGEND {
        if lx > WIDTH - 150.0 {
            lx = 10.0;
            ly += 18.0;
        }
        g = g
            .add(
                Rectangle::new()
                    .set("x", lx)
                    .set("y", ly - 10.0)
                    .set("width", 14)
                    .set("height", 12)
                    .set("fill", shade.colour()),
            )
            .add(Text::new(shade.label()).set("x", lx + 18.0).set("y", ly));
        lx += 30.0 + 8.0 * shade.label().chars().count() as f64;
    }
    let marks = "● 计数接待 counted   ○ 不计数 uncounted   ◎ 补接 make-up taken   ▼ 跳过 passed over (grey) · ▼ 欠补接 make-up owed (green)   ✕ 轮空 forfeit";
    let mut footer = marks.to_owned();
    if rejected > 0 {
        footer.push_str(&format!(
            "   ({rejected} lines rejected by the rules, left out)"
        ));
    }
    g.add(
        Text::new(footer)
            .set("x", 10)
            .set("y", ly + 22.0)
            .set("fill", "#333"),
    )
}
