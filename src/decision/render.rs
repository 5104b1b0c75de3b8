//! Sentences for decisions, in Chinese or English. Ids only: no client
//! names or phones ever reach an explanation (P1-20).
//!
//! Wording rules (issue 7; `tests/wording.rs` holds one test per rule):
//! each skip in its own document's words (P1-1 跳过,不予补回; P2-3.10 and
//! P2-3.11 轮空 with 只排一次优先补接; P3-1 跳过 then 排到本轮未接人员末位 or
//! 返回后排自末位补接一次, never 轮空; a forfeit, P2-3.7 and P3-13, 轮空 with no
//! make-up promised); 离岗 is stepping away, leaving the site is 离职 /
//! 调离案场; a call is 接听; no dash stands in for someone missing: the
//! sentence says who did what; dates as people write them (3月16日 11:00).

use std::fmt::Write;

use super::{Decision, Lang, Reception, RosterChange, Via, WaitReason, What};
use crate::event::{AwayReason, Channel, Purpose};
use crate::policy::{Consequence, PassReason, Placement};
use crate::{Date, Timestamp};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people write it: 3月16日, 16 March.
pub(crate) fn day(d: Date, lang: Lang) -> String {
    let (_, m, dd) = d.ymd();
    match lang {
        Lang::Zh => format!("{m}月{dd}日"),
        Lang::En => format!("{dd} {}", MONTHS[(m as usize).clamp(1, 12) - 1]),
    }
}

/// A date with its year, as people write it: 2026年3月16日, 16 March 2026
/// (a pass's last day, a record's day: read long after).
pub(crate) fn dated(d: Date, lang: Lang) -> String {
    let y = d.ymd().0;
    match lang {
        Lang::Zh => format!("{y}年{}", day(d, lang)),
        Lang::En => format!("{} {y}", day(d, lang)),
    }
}

/// A moment as people write it: 3月16日 11:00, 16 March 11:00.
pub(crate) fn moment(t: Timestamp, lang: Lang) -> String {
    let (h, mi, _) = t.hms();
    format!("{} {h:02}:{mi:02}", day(t.date(), lang))
}

fn away(r: AwayReason, lang: Lang) -> &'static str {
    match (r, lang) {
        (AwayReason::Meal, Lang::Zh) => "用餐",
        (AwayReason::Washroom, Lang::Zh) => "上洗手间",
        (AwayReason::Out, Lang::Zh) => "外出",
        (AwayReason::Errand, Lang::Zh) => "公派办事",
        (AwayReason::Expo, Lang::Zh) => "在房交会值班",
        (AwayReason::Meal, Lang::En) => "at a meal",
        (AwayReason::Washroom, Lang::En) => "in the washroom",
        (AwayReason::Out, Lang::En) => "out",
        (AwayReason::Errand, Lang::En) => "on a manager's errand",
        (AwayReason::Expo, Lang::En) => "at the expo",
    }
}

pub(crate) fn pass_reason(r: PassReason, lang: Lang) -> &'static str {
    match (r, lang) {
        (PassReason::BusyWithNew, Lang::Zh) => "正在接待新客户",
        (PassReason::BusyWithOld, Lang::Zh) => "正在接待老客户",
        (PassReason::StandingIn, Lang::Zh) => "正在代同事接待",
        (PassReason::Declined, Lang::Zh) => "拒接",
        (PassReason::BusyWithNew, Lang::En) => "busy with a new client",
        (PassReason::BusyWithOld, Lang::En) => "busy with an old client",
        (PassReason::StandingIn, Lang::En) => "standing in for a colleague",
        (PassReason::Declined, Lang::En) => "declined",
        (PassReason::Away(a), _) => away(a, lang),
    }
}

/// Where a make-up is taken, as the reception that takes it says.
fn placement(p: Placement, lang: Lang) -> &'static str {
    match (p, lang) {
        (Placement::Head, Lang::Zh) => "优先补接",
        (Placement::Last, Lang::Zh) => "本轮末位补接",
        (Placement::Head, Lang::En) => "a make-up at the head",
        (Placement::Last, Lang::En) => "a make-up last in the round",
    }
}

/// Whether the agent is away rather than receiving: a make-up then
/// follows its return, not the end of a reception.
fn is_away(r: PassReason) -> bool {
    matches!(r, PassReason::Away(_))
}

/// What a skip earns, in the words of the document whose cell decided it.
fn consequence(c: Consequence, reason: PassReason, owed: bool, lang: Lang) -> &'static str {
    let away = is_away(reason);
    let own_time = matches!(
        reason,
        PassReason::Away(AwayReason::Meal | AwayReason::Washroom | AwayReason::Out)
    );
    match (c, lang) {
        // P1-1: 原轮到的售楼员不予补回.
        (Consequence::Lost, Lang::Zh) => "跳过,不予补回",
        (Consequence::Lost, Lang::En) => "skipped; the turn is not given back",
        // P3-13: 自动轮空一次; P2-3.7: 视作轮空处理不再补接.
        (Consequence::Forfeit, Lang::Zh) if own_time => "自动轮空一次,不再补接",
        (Consequence::Forfeit, Lang::Zh) => "轮空,不再补接",
        (Consequence::Forfeit, Lang::En) => "forfeits the turn (轮空), no make-up",
        // P2-3.10, P2-3.11: 轮空 ... 只排一次优先补接 (即处于当时第一接待岗位).
        (Consequence::MakeUp(Placement::Head), Lang::Zh) => match (owed, away) {
            (true, false) => "轮空,接待完后只排一次优先补接(排首位)",
            (true, true) => "轮空,回岗后只排一次优先补接(排首位)",
            (false, _) => "轮空,本次已排优先补接,只补一次",
        },
        // P3-1: 跳过,接待完成后自动排到未接销售人员末位轮序; 公派办事不在现场,
        // 返回可以排自末位补接一次. Never 轮空.
        (Consequence::MakeUp(Placement::Last), Lang::Zh) => match (owed, away) {
            (true, false) => "跳过,接待完后排到本轮未接人员末位",
            (true, true) => "跳过,返回后排自末位补接一次",
            (false, _) => "跳过,本次已排末位补接,只补一次",
        },
        (Consequence::MakeUp(Placement::Head), Lang::En) if owed => {
            "owed one make-up at the head, once however many turns it misses"
        }
        (Consequence::MakeUp(Placement::Last), Lang::En) if owed => {
            "skipped; it takes its turn last among this round's agents not yet received"
        }
        (Consequence::MakeUp(_), Lang::En) => "a make-up is already owed for this spell, once only",
    }
}

fn purpose(p: Purpose, lang: Lang) -> &'static str {
    match (p, lang) {
        (Purpose::Client, Lang::Zh) => "客户",
        (Purpose::AskingWay, Lang::Zh) => "问路者",
        (Purpose::Staff, Lang::Zh) => "内部员工",
        (Purpose::RelatedBusiness, Lang::Zh) => "关联业务单位",
        (Purpose::Peer, Lang::Zh) => "同行",
        (Purpose::Client, Lang::En) => "a client",
        (Purpose::AskingWay, Lang::En) => "asking the way",
        (Purpose::Staff, Lang::En) => "staff",
        (Purpose::RelatedBusiness, Lang::En) => "related business",
        (Purpose::Peer, Lang::En) => "a peer",
    }
}

fn reception(r: &Reception, lang: Lang, out: &mut String) {
    let how = match (r.via, lang) {
        // The up board is a line of free agents, not a turn order.
        (Via::Rotation, Lang::Zh) if r.up_board => "空闲排队第一位".to_owned(),
        (Via::Rotation, Lang::En) if r.up_board => "first in the up-board line".to_owned(),
        (Via::Rotation, Lang::Zh) => "按轮序".to_owned(),
        (Via::Rotation, Lang::En) => "in turn".to_owned(),
        // On the up board a make-up placed last is taken from the back of the line.
        (
            Via::MakeUp {
                placement: Placement::Last,
            },
            Lang::Zh,
        ) if r.up_board => "排自队尾补接一次".to_owned(),
        (
            Via::MakeUp {
                placement: Placement::Last,
            },
            Lang::En,
        ) if r.up_board => "a make-up, taken from the back of the line".to_owned(),
        (Via::MakeUp { placement: p }, _) => placement(p, lang).to_owned(),
        (Via::Named, Lang::Zh) => "客户指名".to_owned(),
        (Via::Named, Lang::En) => "named by the visitor".to_owned(),
        (Via::Owner, Lang::Zh) => "原接待人接待老客户".to_owned(),
        (Via::Owner, Lang::En) => "its own agent".to_owned(),
        (Via::StandIn { owner }, Lang::Zh) => format!("代 {owner} 接待"),
        (Via::StandIn { owner }, Lang::En) => format!("standing in for {owner}"),
        (Via::Manager, Lang::Zh) => "经理指派".to_owned(),
        (Via::Manager, Lang::En) => "assigned by the manager".to_owned(),
        (Via::PhoneDuty, Lang::Zh) => "来电值班".to_owned(),
        (Via::PhoneDuty, Lang::En) => "on phone duty".to_owned(),
    };
    let how = match (r.via, r.channel, lang) {
        // A registered caller put through to its own agent (P2-3.4).
        (Via::Owner, Channel::Call, Lang::Zh) => "原接待人接听".to_owned(),
        (Via::Owner, Channel::Call, Lang::En) => "its own agent".to_owned(),
        _ => how,
    };
    let counted = match (r.counted, lang) {
        (true, Lang::Zh) => "计一轮接待",
        (false, Lang::Zh) => "不计接待指标",
        (true, Lang::En) => "counted",
        (false, Lang::En) => "not counted",
    };
    // P1-16: whom the visitor named, when that agent could not serve it.
    if let Some(n) = r.named.filter(|n| *n != r.agent && r.via != Via::Named) {
        let _ = match lang {
            Lang::Zh => write!(out, "{} 指名 {n},{n} 不能接待;", r.visitor),
            Lang::En => write!(out, "{} named {n}, who cannot serve it; ", r.visitor),
        };
    }
    let call = r.channel == Channel::Call;
    let _ = match (lang, call) {
        (Lang::Zh, false) => write!(out, "{} 接待 {}({how},{counted})", r.agent, r.visitor),
        (Lang::Zh, true) => write!(out, "{} 接听 {} 来电({how},{counted})", r.agent, r.visitor),
        (Lang::En, false) => write!(out, "{} receives {} ({how}, {counted})", r.agent, r.visitor),
        (Lang::En, true) => write!(
            out,
            "{} answers the call of {} ({how}, {counted})",
            r.agent, r.visitor
        ),
    };
    if let Some(c) = r.client {
        let _ = write!(out, " [{c}]");
    }
    if let Some(h) = r.helper {
        let _ = match lang {
            Lang::Zh => write!(out, ";义务接待 {h} 协助"),
            Lang::En => write!(out, "; duty helper {h} assists"),
        };
    }
}

fn roster(change: RosterChange, lang: Lang) -> String {
    match (change, lang) {
        (RosterChange::SignedIn { position }, Lang::Zh) => format!("签到,排第 {position} 位"),
        (RosterChange::SignedIn { position }, Lang::En) => {
            format!("signs in, position {position}")
        }
        (RosterChange::SignedOut, Lang::Zh) => "签退".into(),
        (RosterChange::SignedOut, Lang::En) => "signs out".into(),
        (RosterChange::ShiftOn, Lang::Zh) => "当班".into(),
        (RosterChange::ShiftOn, Lang::En) => "goes on shift".into(),
        (RosterChange::ShiftOff, Lang::Zh) => "不当班(经理指派方可接待新客户)".into(),
        (RosterChange::ShiftOff, Lang::En) => "goes off shift".into(),
        (RosterChange::Suspended, Lang::Zh) => "待岗".into(),
        (RosterChange::Suspended, Lang::En) => "is suspended".into(),
        (RosterChange::Reinstated, Lang::Zh) => "恢复上岗".into(),
        (RosterChange::Reinstated, Lang::En) => "is reinstated".into(),
        // 离岗: stepping away from the floor, not leaving the site (离职).
        (RosterChange::Away { reason }, Lang::Zh) => format!("离岗({})", away(reason, lang)),
        (RosterChange::Away { reason }, Lang::En) => format!("steps away, {}", away(reason, lang)),
        (RosterChange::Back, Lang::Zh) => "回岗".into(),
        (RosterChange::Back, Lang::En) => "is back".into(),
    }
}

impl Decision {
    /// The decision as one sentence, its rules in brackets first:
    /// `[P2-3.10] Wang 接待 v3(优先补接,计一轮接待)`.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(64);
        if !self.rules.as_slice().is_empty() {
            let _ = write!(out, "[{}] ", self.rules);
        }
        let zh = lang == Lang::Zh;
        let _ = match &self.what {
            What::Received(r) => {
                reception(r, lang, &mut out);
                Ok(())
            }
            What::PassedOver {
                agent,
                visitor,
                reason,
                consequence: c,
                owed,
            } => {
                let why = pass_reason(*reason, lang);
                let what = consequence(*c, *reason, *owed, lang);
                if zh {
                    write!(out, "轮到 {agent} 接待 {visitor},因{why}{what}")
                } else {
                    write!(out, "{agent} passed over for {visitor}, {why}: {what}")
                }
            }
            What::MakeUpGranted {
                agent,
                placement: p,
            } => match (p, zh) {
                (Placement::Head, true) => write!(out, "{agent} 回岗后优先补接一次(排首位)"),
                (Placement::Last, true) => write!(out, "{agent} 返回后排自末位补接一次"),
                (_, false) => write!(out, "{agent} is back and owed {}", placement(*p, lang)),
            },
            What::MakeUpLapsed {
                agent,
                placement: p,
            } => {
                if zh {
                    write!(out, "{agent} 未用的{}作废", placement(*p, lang))
                } else {
                    write!(out, "{agent}'s unused {} lapses", placement(*p, lang))
                }
            }
            What::MakeUpWaits {
                agent,
                visitor,
                reason,
                placement: p,
            } => {
                let why = away(*reason, lang);
                if zh {
                    write!(
                        out,
                        "{agent} 因{why}不在岗,{visitor} 不占用其补接;所欠{}一次保留,回岗后再补",
                        placement(*p, lang)
                    )
                } else {
                    write!(
                        out,
                        "{agent}, owed {}, is {why}: {visitor} goes on, and the make-up waits for its return",
                        placement(*p, lang)
                    )
                }
            }
            What::MakeUpUsed {
                agent,
                visitor,
                placement: p,
            } => {
                if zh {
                    write!(
                        out,
                        "{agent} 接待 {visitor},已用去所欠的{}一次,不再另行补接",
                        placement(*p, lang)
                    )
                } else {
                    write!(
                        out,
                        "{agent}'s reception of {visitor} uses up the {} it was owed",
                        placement(*p, lang)
                    )
                }
            }
            What::Greeted {
                visitor,
                agent,
                purpose: p,
            } => match (agent, zh) {
                (Some(a), true) => write!(
                    out,
                    "{a} 问候 {visitor}({}),不计为一轮接待",
                    purpose(*p, lang)
                ),
                (None, true) => write!(
                    out,
                    "{visitor}({})到访,暂无空闲人员问候,不计为一轮接待",
                    purpose(*p, lang)
                ),
                (Some(a), false) => write!(
                    out,
                    "{a} greets {visitor} ({}), not counted",
                    purpose(*p, lang)
                ),
                (None, false) => write!(
                    out,
                    "{visitor} ({}) comes in while nobody is free to greet it; not counted",
                    purpose(*p, lang)
                ),
            },
            What::Waits { visitor, reason } => match (reason, zh) {
                (WaitReason::NobodyFree, true) => {
                    write!(out, "{visitor} 等候:暂无空闲售楼员可接待")
                }
                (WaitReason::NobodyFree, false) => write!(out, "{visitor} waits: nobody is free"),
                (WaitReason::NamedBusy { agent }, true) => {
                    write!(out, "{visitor} 指名 {agent},{agent} 正在接待,等候其接待完毕")
                }
                (WaitReason::NamedBusy { agent }, false) => {
                    write!(out, "{visitor} waits for {agent}, whom it named, to be free")
                }
                (WaitReason::AwaitingManager { proposed: Some(p) }, true) => {
                    write!(out, "{visitor} 入座等候,待经理确认由 {p} 代为接待")
                }
                (WaitReason::AwaitingManager { proposed: None }, true) => write!(
                    out,
                    "{visitor} 入座等候,待经理指定代接待人(暂无空闲人员可建议)"
                ),
                (WaitReason::AwaitingManager { proposed: Some(p) }, false) => write!(
                    out,
                    "{visitor} is seated for the manager to approve {p} standing in"
                ),
                (WaitReason::AwaitingManager { proposed: None }, false) => write!(
                    out,
                    "{visitor} is seated for the manager to name a stand-in (nobody is free to propose)"
                ),
            },
            What::LeftUnserved { visitor } => {
                if zh {
                    write!(out, "{visitor} 未获接待离开")
                } else {
                    write!(out, "{visitor} left unserved")
                }
            }
            What::Ended {
                agent,
                visitor,
                at_day_end,
            } => match (at_day_end, zh) {
                (false, true) => write!(out, "{agent} 接待 {visitor} 完毕"),
                (false, false) => write!(out, "{agent} finishes with {visitor}"),
                (true, true) => write!(
                    out,
                    "{}营业结束,{agent} 对 {visitor} 的接待随之结束",
                    day(self.at.date(), lang)
                ),
                (true, false) => write!(
                    out,
                    "{agent}'s reception of {visitor} closed at the end of {}",
                    day(self.at.date(), lang)
                ),
            },
            What::Declined { agent, visitor } => {
                if zh {
                    write!(out, "{agent} 拒接 {visitor},视作轮空处理,不再补接,由下一位接待")
                } else {
                    write!(out, "{agent} declines {visitor}: forfeits the turn (轮空), no make-up; the next agent takes it")
                }
            }
            What::TakenOver { visitor, from, to } => {
                if zh {
                    write!(out, "{to} 忙完接回 {visitor}({from} 代接待结束)")
                } else {
                    write!(out, "{to} takes {visitor} over from {from}")
                }
            }
            What::Recorded {
                visitor,
                agent,
                prescribed,
                forfeited,
            } => match (prescribed, zh) {
                (Some(p), true) if *forfeited => write!(
                    out,
                    "{agent} 未按轮序接待了本应由 {p} 接待的 {visitor}:属不按规则接待,{agent} 视作轮空一次,不再补接;此次不计入 {p} 的接待"
                ),
                (Some(p), false) if *forfeited => write!(
                    out,
                    "{agent} received {visitor}, whom the rotation gave {p}, out of turn: against the rules, {agent} forfeits a turn with no make-up; the reception is not counted to {p}"
                ),
                (Some(p), true) => write!(
                    out,
                    "{agent} 接待了本应由 {p} 接待的 {visitor}:属不按规则接待;此次不计入 {p} 的接待"
                ),
                (Some(p), false) => write!(
                    out,
                    "{agent} received {visitor}, whom {p} was to receive: against the rules; the reception is not counted to {p}"
                ),
                (None, true) => write!(out, "等候中的 {visitor} 实际由 {agent} 接待"),
                (None, false) => {
                    write!(out, "{agent} actually received {visitor}, who was waiting")
                }
            },
            What::Paused { agent, paused } => match (paused, zh) {
                (true, true) => write!(
                    out,
                    "{agent} 有客户跟进逾期、即将失去保护,暂停参与轮序,跟进后恢复"
                ),
                (true, false) => write!(
                    out,
                    "{agent} is paused from the rotation: clients overdue for follow-up are about to lapse"
                ),
                (false, true) => write!(out, "{agent} 已跟进逾期客户,恢复参与轮序"),
                (false, false) => write!(out, "{agent} is back on the rotation: its follow-ups are done"),
            },
            What::Reordered { order, corrects } => {
                let list: Vec<&str> = order.iter().map(|a| a.as_str()).collect();
                let _ = if zh {
                    write!(out, "经理调整轮序:{}", list.join(" → "))
                } else {
                    write!(out, "the manager sets the order: {}", list.join(" → "))
                };
                match corrects {
                    Some(e) if zh => write!(out, "(更正 {e})"),
                    Some(e) => write!(out, " (corrects {e})"),
                    None => Ok(()),
                }
            }
            What::Roster { agent, change } => write!(out, "{agent} {}", roster(*change, lang)),
            What::NewDay { date } => {
                if zh {
                    write!(out, "{},新的一天:按当日签到重新排序", day(*date, lang))
                } else {
                    write!(
                        out,
                        "{}, a new day: the rotation restarts from its sign-ins",
                        day(*date, lang)
                    )
                }
            }
            What::PolicyChanged { name } => {
                if zh {
                    write!(out, "自此适用规则 {name}")
                } else {
                    write!(out, "policy {name} applies from here")
                }
            }
            What::RotationCarried {
                model,
                yet,
                taken,
                makeups,
            } => {
                let list = |v: &[crate::AgentId], sep: &str| {
                    v.iter()
                        .map(|a| a.to_string())
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                let (yet, taken) = match lang {
                    Lang::Zh => (list(yet, "、"), list(taken, "、")),
                    Lang::En => (list(yet, ", "), list(taken, ", ")),
                };
                let model = match (model, zh) {
                    (crate::policy::RotationModel::Cycle, true) => "固定轮序",
                    (crate::policy::RotationModel::Rounds, true) => "按轮接待",
                    (crate::policy::RotationModel::UpBoard, true) => "空闲排队",
                    (crate::policy::RotationModel::Cycle, false) => "a fixed cycle",
                    (crate::policy::RotationModel::Rounds, false) => "rounds",
                    (_, false) => "the up board",
                };
                if zh {
                    let yet = if yet.is_empty() { "无".into() } else { yet };
                    let taken = if taken.is_empty() {
                        "无".into()
                    } else {
                        taken
                    };
                    write!(
                        out,
                        "改为{model},当日轮次照旧:本轮尚未轮到的 {yet} 先接,已轮过的 {taken} 排其后;所欠补接 {makeups} 次照旧保留"
                    )
                } else {
                    write!(
                        out,
                        "now {model}, carrying the day: not yet had their turn, first: {yet}; had it: {taken}; {makeups} make-up(s) owed kept"
                    )
                }
            }
            What::ActedWhileSuspended { agent, act } => {
                let act = match (act, zh) {
                    (super::SuspendedAct::Registered, true) => "登记客户",
                    (super::SuspendedAct::Deposit, true) => "收取定金",
                    (super::SuspendedAct::Registered, false) => "registered a client",
                    (super::SuspendedAct::Deposit, false) => "took a deposit",
                };
                if zh {
                    write!(out, "{agent} 待岗期间{act},记录照收,请经理核查")
                } else {
                    write!(
                        out,
                        "{agent} {act} while suspended: recorded, for the manager to review"
                    )
                }
            }
            What::Ignored { last } => {
                if zh {
                    write!(out, "重复事件(已应用至 {last}),忽略")
                } else {
                    write!(out, "a replayed event (applied up to {last}): ignored")
                }
            }
            What::Client(c) => {
                out.push_str(&c.describe(lang));
                Ok(())
            }
            What::Deal(d) => {
                out.push_str(&d.describe(lang));
                Ok(())
            }
        };
        out
    }
}
