//! Sentences for decisions, in Chinese or English. Ids only: no client
//! names or phones ever reach an explanation (P1-20).

use std::fmt::Write;

use super::{Decision, Lang, Reception, RosterChange, Via, WaitReason, What};
use crate::event::{AwayReason, Purpose};
use crate::policy::{Consequence, PassReason, Placement};

fn away(r: AwayReason, lang: Lang) -> &'static str {
    match (r, lang) {
        (AwayReason::Meal, Lang::Zh) => "用餐",
        (AwayReason::Washroom, Lang::Zh) => "上洗手间",
        (AwayReason::Out, Lang::Zh) => "外出",
        (AwayReason::Errand, Lang::Zh) => "公派办事",
        (AwayReason::Expo, Lang::Zh) => "房交会值班",
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
        (PassReason::StandingIn, Lang::Zh) => "正在代接待",
        (PassReason::Declined, Lang::Zh) => "拒接",
        (PassReason::BusyWithNew, Lang::En) => "busy with a new client",
        (PassReason::BusyWithOld, Lang::En) => "busy with an old client",
        (PassReason::StandingIn, Lang::En) => "standing in for a colleague",
        (PassReason::Declined, Lang::En) => "declined",
        (PassReason::Away(a), _) => away(a, lang),
    }
}

fn placement(p: Placement, lang: Lang) -> &'static str {
    match (p, lang) {
        (Placement::Head, Lang::Zh) => "优先补接(排首位)",
        (Placement::Last, Lang::Zh) => "排自末位补接",
        (Placement::Head, Lang::En) => "a make-up at the head",
        (Placement::Last, Lang::En) => "a make-up last in the round",
    }
}

fn consequence(c: Consequence, owed: bool, lang: Lang) -> String {
    match (c, lang) {
        // 轮空 is any turn passed over (RULES.md glossary; P2-3.10 轮空二次);
        // what follows says whether it is made up.
        (Consequence::Lost, Lang::Zh) => "轮空,不予补回".into(),
        (Consequence::Forfeit, Lang::Zh) => "轮空一次,不再补接".into(),
        (Consequence::Lost, Lang::En) => "the turn is lost".into(),
        (Consequence::Forfeit, Lang::En) => "forfeits the turn (轮空), no make-up".into(),
        (Consequence::MakeUp(p), Lang::Zh) if owed => {
            format!("轮空,记{}一次", placement(p, lang))
        }
        (Consequence::MakeUp(p), Lang::En) if owed => format!("owed {}", placement(p, lang)),
        (Consequence::MakeUp(_), Lang::Zh) => "轮空,本次空闲前已记补接,只补一次".into(),
        (Consequence::MakeUp(_), Lang::En) => "a make-up is already owed for this spell".into(),
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
        (Via::Rotation, Lang::Zh) => "按轮序".to_owned(),
        (Via::Rotation, Lang::En) => "in turn".to_owned(),
        (Via::MakeUp { placement: p }, _) => placement(p, lang).to_owned(),
        (Via::Named, Lang::Zh) => "客户指名".to_owned(),
        (Via::Named, Lang::En) => "named by the visitor".to_owned(),
        (Via::Owner, Lang::Zh) => "原接待人接待老客户".to_owned(),
        (Via::Owner, Lang::En) => "its own agent".to_owned(),
        (Via::StandIn { owner }, Lang::Zh) => format!("代{owner}接待"),
        (Via::StandIn { owner }, Lang::En) => format!("standing in for {owner}"),
        (Via::Manager, Lang::Zh) => "经理指派".to_owned(),
        (Via::Manager, Lang::En) => "assigned by the manager".to_owned(),
        (Via::PhoneDuty, Lang::Zh) => "来电值班".to_owned(),
        (Via::PhoneDuty, Lang::En) => "on phone duty".to_owned(),
    };
    let counted = match (r.counted, lang) {
        (true, Lang::Zh) => "计一轮接待",
        (false, Lang::Zh) => "不计接待指标",
        (true, Lang::En) => "counted",
        (false, Lang::En) => "not counted",
    };
    let _ = match lang {
        Lang::Zh => write!(out, "{} 接待 {}({how},{counted})", r.agent, r.visitor),
        Lang::En => write!(out, "{} receives {} ({how}, {counted})", r.agent, r.visitor),
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
        (RosterChange::ShiftOff, Lang::Zh) => "不当班(仅经理指派可接新客户)".into(),
        (RosterChange::ShiftOff, Lang::En) => "goes off shift".into(),
        (RosterChange::Suspended, Lang::Zh) => "待岗".into(),
        (RosterChange::Suspended, Lang::En) => "is suspended".into(),
        (RosterChange::Reinstated, Lang::Zh) => "恢复上岗".into(),
        (RosterChange::Reinstated, Lang::En) => "is reinstated".into(),
        (RosterChange::Away { reason }, Lang::Zh) => format!("离岗:{}", away(reason, lang)),
        (RosterChange::Away { reason }, Lang::En) => format!("steps away, {}", away(reason, lang)),
        (RosterChange::Back, Lang::Zh) => "回岗".into(),
        (RosterChange::Back, Lang::En) => "is back".into(),
    }
}

impl Decision {
    /// The decision as one sentence, its rules in brackets first:
    /// `[P2-3.10] Wang 接待 v3(优先补接(排首位),计一轮接待)`.
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
                let (why, what) = (pass_reason(*reason, lang), consequence(*c, *owed, lang));
                if zh {
                    write!(out, "轮到 {agent} 接待 {visitor},因{why}跳过:{what}")
                } else {
                    write!(out, "{agent} passed over for {visitor}, {why}: {what}")
                }
            }
            What::MakeUpGranted {
                agent,
                placement: p,
            } => {
                if zh {
                    write!(out, "{agent} 回岗,记{}一次", placement(*p, lang))
                } else {
                    write!(out, "{agent} is back and owed {}", placement(*p, lang))
                }
            }
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
            } => {
                let who = agent.map(|a| a.to_string()).unwrap_or_else(|| "-".into());
                if zh {
                    write!(
                        out,
                        "{who} 问候 {visitor}({}),不计为一轮接待",
                        purpose(*p, lang)
                    )
                } else {
                    write!(
                        out,
                        "{who} greets {visitor} ({}), not counted",
                        purpose(*p, lang)
                    )
                }
            }
            What::Waits { visitor, reason } => match (reason, zh) {
                (WaitReason::NobodyFree, true) => write!(out, "{visitor} 等候:暂无空闲售楼员"),
                (WaitReason::NobodyFree, false) => write!(out, "{visitor} waits: nobody is free"),
                (WaitReason::NamedBusy { agent }, true) => {
                    write!(out, "{visitor} 等候指名的 {agent}")
                }
                (WaitReason::NamedBusy { agent }, false) => {
                    write!(out, "{visitor} waits for {agent}, whom it named")
                }
                (WaitReason::AwaitingManager { proposed }, _) => {
                    let p = proposed
                        .map(|a| a.to_string())
                        .unwrap_or_else(|| "-".into());
                    if zh {
                        write!(out, "{visitor} 入座等候经理确认代接待(建议 {p})")
                    } else {
                        write!(out, "{visitor} is seated for the manager to approve a stand-in (proposed: {p})")
                    }
                }
            },
            What::LeftUnserved { visitor } => {
                if zh {
                    write!(out, "{visitor} 未获接待离开")
                } else {
                    write!(out, "{visitor} left unserved")
                }
            }
            What::Ended { agent, visitor } => {
                if zh {
                    write!(out, "{agent} 接待 {visitor} 完毕")
                } else {
                    write!(out, "{agent} finishes with {visitor}")
                }
            }
            What::Declined { agent, visitor } => {
                if zh {
                    write!(out, "{agent} 拒接 {visitor},视作轮空不再补接")
                } else {
                    write!(out, "{agent} declines {visitor}: forfeits the turn (轮空)")
                }
            }
            What::TakenOver { visitor, from, to } => {
                if zh {
                    write!(out, "{to} 忙完接回 {visitor}({from} 代接待结束)")
                } else {
                    write!(out, "{to} takes {visitor} over from {from}")
                }
            }
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
                    write!(out, "新的一天 {date}:按当日签到重新排序")
                } else {
                    write!(
                        out,
                        "a new day {date}: the rotation restarts from its sign-ins"
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
