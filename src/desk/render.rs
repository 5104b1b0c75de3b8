//! Sentences for desk decisions, in Chinese as the front-desk clerk reads
//! them, or in English. Ids only: no resident's name or phone ever
//! reaches a sentence (P5-2).

use super::decision::{DeskDecision, DeskWhat, PassRefusal, ReleaseRefusal, ShiftWork};
use super::event::{ConfirmVia, HandoverItem, MailKind, ReleaseKind};
use crate::decision::render::dated;
use crate::Lang;

/// `125` minutes: `2小时5分钟`, `2 h 5 min`.
pub(crate) fn duration(minutes: u32, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match lang {
        Lang::Zh if h == 0 => format!("{m}分钟"),
        Lang::Zh if m == 0 => format!("{h}小时"),
        Lang::Zh => format!("{h}小时{m}分钟"),
        Lang::En if h == 0 => format!("{m} min"),
        Lang::En if m == 0 => format!("{h} h"),
        Lang::En => format!("{h} h {m} min"),
    }
}

/// `2026年3月2日 10:40`: a clerk's record keeps the year and the minute.
fn minute(t: crate::Timestamp, lang: Lang) -> String {
    let (h, m, _) = t.hms();
    format!("{} {h:02}:{m:02}", dated(t.date(), lang))
}

pub(crate) fn item(i: &HandoverItem, lang: Lang) -> String {
    match (i, lang) {
        (HandoverItem::Request(r), Lang::Zh) => format!("请求 {r}"),
        (HandoverItem::Release(r), Lang::Zh) => format!("放行单 {r}"),
        (HandoverItem::Note(n), Lang::Zh) => format!("事项 {n}"),
        (HandoverItem::Request(r), Lang::En) => format!("request {r}"),
        (HandoverItem::Release(r), Lang::En) => format!("release {r}"),
        (HandoverItem::Note(n), Lang::En) => format!("item {n}"),
    }
}

pub(crate) fn items(list: &[HandoverItem], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    list.iter()
        .map(|i| item(i, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

pub(crate) fn release_kind(k: ReleaseKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ReleaseKind::WorkerGoods, Lang::Zh) => "务工人员带物品出小区",
        (ReleaseKind::MoveOut, Lang::Zh) => "租户退租搬离",
        (ReleaseKind::WorkerGoods, Lang::En) => "goods carried out by workers",
        (ReleaseKind::MoveOut, Lang::En) => "a tenant's move-out",
    }
}

pub(crate) fn mail_kind(k: MailKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (MailKind::Letter, Lang::Zh) => "信件",
        (MailKind::Parcel, Lang::Zh) => "包裹",
        (MailKind::Registered, Lang::Zh) => "挂号件",
        (MailKind::Newspaper, Lang::Zh) => "报纸",
        (MailKind::Letter, Lang::En) => "letter",
        (MailKind::Parcel, Lang::En) => "parcel",
        (MailKind::Registered, Lang::En) => "registered item",
        (MailKind::Newspaper, Lang::En) => "newspaper",
    }
}

fn via(v: ConfirmVia, lang: Lang) -> &'static str {
    match (v, lang) {
        (ConfirmVia::Phone, Lang::Zh) => "电话",
        (ConfirmVia::InPerson, Lang::Zh) => "当面",
        (ConfirmVia::Written, Lang::Zh) => "书面",
        (ConfirmVia::Phone, Lang::En) => "by phone",
        (ConfirmVia::InPerson, Lang::En) => "in person",
        (ConfirmVia::Written, Lang::En) => "in writing",
    }
}

pub(crate) fn pass_refusal(pass: &super::PassId, r: &PassRefusal, lang: Lang) -> String {
    match (r, lang) {
        (PassRefusal::Unknown, Lang::Zh) => format!("临时出入证 {pass} 查无办理记录"),
        (PassRefusal::Expired { valid_to }, Lang::Zh) => {
            format!(
                "临时出入证 {pass} 有效期至{},已过期",
                dated(*valid_to, lang)
            )
        }
        (PassRefusal::Revoked, Lang::Zh) => format!("临时出入证 {pass} 已注销"),
        (PassRefusal::OtherUnit { unit }, Lang::Zh) => {
            format!("临时出入证 {pass} 仅限 {unit} 装修使用")
        }
        (PassRefusal::Unknown, Lang::En) => format!("pass {pass} was never issued"),
        (PassRefusal::Expired { valid_to }, Lang::En) => {
            format!(
                "pass {pass} was valid to {} and has expired",
                dated(*valid_to, lang)
            )
        }
        (PassRefusal::Revoked, Lang::En) => format!("pass {pass} was withdrawn"),
        (PassRefusal::OtherUnit { unit }, Lang::En) => {
            format!("pass {pass} is good for unit {unit} only")
        }
    }
}

fn work(w: &ShiftWork, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "本班受理请求 {} 件、结单 {} 件,办理出入证 {} 张,放行 {} 件,登记邮件 {} 件、发出 {} 件",
            w.requests, w.closed, w.passes, w.releases, w.mail_in, w.mail_out
        ),
        Lang::En => format!(
            "this shift took {} requests and closed {}, issued {} passes, released {}, logged {} items of mail and handed out {}",
            w.requests, w.closed, w.passes, w.releases, w.mail_in, w.mail_out
        ),
    }
}

impl DeskDecision {
    /// The decision as a sentence, its rule ids first.
    ///
    /// ```
    /// use anchang::desk::{DeskEvent, DeskPolicy, DeskState, Request, RequestKind};
    /// use anchang::Lang;
    ///
    /// let mut desk = DeskState::new(DeskPolicy::standard());
    /// let at = "2026-03-02T09:00:00".parse().unwrap();
    /// let r = Request::new("R1".parse().unwrap(), "3-1502".parse().unwrap(), RequestKind::Repair);
    /// let d = desk.apply(&DeskEvent::new(1, at, r)).unwrap();
    /// assert_eq!(d[0].explain(Lang::Zh), "[P5-0] 受理 3-1502 报修(R1),应立即转达工程部(限10分钟内)");
    /// assert_eq!(d[0].explain(Lang::En), "[P5-0] a repair request for 3-1502 recorded (R1): pass it on to engineering at once (within 10 min)");
    /// ```
    pub fn explain(&self, lang: Lang) -> String {
        let body = self.sentence(lang);
        if self.rules.as_slice().is_empty() {
            body
        } else {
            format!("[{}] {body}", self.rules)
        }
    }

    fn sentence(&self, lang: Lang) -> String {
        use DeskWhat as W;
        let zh = lang == Lang::Zh;
        match &self.what {
            W::ResidentKnown { resident, unit, .. } => match lang {
                Lang::Zh => format!("登记住户 {resident}({unit})"),
                Lang::En => format!("resident {resident} of {unit} registered"),
            },
            W::ResidentGone { resident } => match lang {
                Lang::Zh => format!("住户 {resident} 已注销登记"),
                Lang::En => format!("resident {resident} taken off the register"),
            },
            W::RequestRouted {
                request,
                unit,
                kind,
                department,
                within,
            } => match lang {
                Lang::Zh => format!(
                    "受理 {unit} {}({request}),应立即转达{}(限{within}分钟内)",
                    kind.name(lang),
                    department.zh
                ),
                Lang::En => format!(
                    "{} for {unit} recorded ({request}): pass it on to {} at once (within {within} min)",
                    kind.name(lang),
                    department.en
                ),
            },
            W::RequestForwarded {
                request,
                department,
                minutes,
                late,
                rerouted,
            } => {
                let took = duration(*minutes, lang);
                let name = department.name(lang);
                let mut s = match (lang, late) {
                    (Lang::Zh, false) => format!("{request} 已转达{name},用时{took}"),
                    (Lang::Zh, true) => {
                        format!("{request} 转达{name}不及时:用时{took},超过规定时限")
                    }
                    (Lang::En, false) => format!("{request} passed on to {name} after {took}"),
                    (Lang::En, true) => {
                        format!("{request} passed on to {name} late: after {took}, past the limit")
                    }
                };
                if *rerouted {
                    s.push_str(if zh {
                        "(未按配置的部门转达)"
                    } else {
                        " (not the department the routing names)"
                    });
                }
                s
            }
            W::RequestDone {
                request,
                department,
                closed,
                minutes,
            } => {
                let took = duration(*minutes, lang);
                let name = department.name(lang);
                match (lang, closed) {
                    (Lang::Zh, true) => {
                        format!("{name}报告 {request} 已处理完毕,结单(历时{took})")
                    }
                    (Lang::Zh, false) => {
                        format!("{name}报告 {request} 已处理完毕,待回访业主确认后结单")
                    }
                    (Lang::En, true) => {
                        format!("{name} reports {request} done: closed after {took}")
                    }
                    (Lang::En, false) => format!(
                        "{name} reports {request} done: it closes when the resident confirms"
                    ),
                }
            }
            W::RequestClosed { request, minutes } => match lang {
                Lang::Zh => format!("{request} 经回访确认,结单(历时{})", duration(*minutes, lang)),
                Lang::En => format!(
                    "{request} confirmed by the resident: closed after {}",
                    duration(*minutes, lang)
                ),
            },
            W::PassIssued {
                pass,
                unit,
                valid_to,
            } => match lang {
                Lang::Zh => {
                    format!("为 {unit} 装修工人办理临时出入证 {pass},有效期至{}", dated(*valid_to, lang))
                }
                Lang::En => format!(
                    "temporary pass {pass} issued for a worker at {unit}, valid to {}",
                    dated(*valid_to, lang)
                ),
            },
            W::PassRevoked { pass } => match lang {
                Lang::Zh => format!("临时出入证 {pass} 已注销"),
                Lang::En => format!("pass {pass} withdrawn"),
            },
            W::PassAdmitted {
                pass,
                unit,
                valid_to,
            } => match lang {
                Lang::Zh => format!(
                    "临时出入证 {pass} 有效({unit},有效期至{}),准予进入",
                    dated(*valid_to, lang)
                ),
                Lang::En => format!(
                    "pass {pass} is good ({unit}, valid to {}): admitted",
                    dated(*valid_to, lang)
                ),
            },
            W::PassRefused { pass, refusal } => {
                let why = pass_refusal(pass, refusal, lang);
                match lang {
                    Lang::Zh => format!("{why},不予进入"),
                    Lang::En => format!("{why}: refused"),
                }
            }
            W::ReleaseAwaiting {
                release,
                unit,
                kind,
            } => match lang {
                Lang::Zh => format!(
                    "{unit} {}({release}):须先向业主验证,经业主同意后方可放行",
                    release_kind(*kind, lang)
                ),
                Lang::En => format!(
                    "{} from {unit} ({release}): the owner must be asked first; released only with its consent",
                    release_kind(*kind, lang)
                ),
            },
            W::OwnerAnswered {
                release,
                unit,
                by,
                via: v,
                agrees,
            } => match (lang, agrees) {
                (Lang::Zh, true) => {
                    format!("{unit} 业主 {by} {}确认同意放行 {release},已记录", via(*v, lang))
                }
                (Lang::Zh, false) => {
                    format!("{unit} 业主 {by} {}答复不同意放行 {release},已记录", via(*v, lang))
                }
                (Lang::En, true) => format!(
                    "owner {by} of {unit} agreed {} to release {release}; recorded",
                    via(*v, lang)
                ),
                (Lang::En, false) => format!(
                    "owner {by} of {unit} refused {} to release {release}; recorded",
                    via(*v, lang)
                ),
            },
            W::NotOwner { release, unit, by } => match lang {
                Lang::Zh => format!("{by} 不是 {unit} 的业主,其答复不作数,{release} 仍待业主验证"),
                Lang::En => format!(
                    "{by} is not an owner of {unit}: its word does not count; {release} still waits for the owner"
                ),
            },
            W::ReleaseGranted {
                release,
                unit,
                kind,
                confirmed_by,
                confirmed_at,
            } => match lang {
                Lang::Zh => format!(
                    "业主 {confirmed_by} 已于 {} 确认同意,{release} 放行({unit} {})",
                    minute(*confirmed_at, lang),
                    release_kind(*kind, lang)
                ),
                Lang::En => format!(
                    "owner {confirmed_by} agreed at {}: {release} released ({}, {unit})",
                    minute(*confirmed_at, lang),
                    release_kind(*kind, lang)
                ),
            },
            W::ReleaseRefused {
                release,
                unit,
                refusal,
            } => match (refusal, lang) {
                (ReleaseRefusal::NoConfirmation, Lang::Zh) => {
                    format!("{release} 未经 {unit} 业主确认同意,不予放行")
                }
                (ReleaseRefusal::NoConfirmation, Lang::En) => format!(
                    "{release} has no confirmation from the owner of {unit}: not released"
                ),
                (ReleaseRefusal::OwnerDeclined { by }, Lang::Zh) => {
                    format!("{unit} 业主 {by} 不同意,{release} 不予放行")
                }
                (ReleaseRefusal::OwnerDeclined { by }, Lang::En) => {
                    format!("owner {by} of {unit} refused: {release} not released")
                }
                (ReleaseRefusal::Pass { pass, refusal }, Lang::Zh) => format!(
                    "携物人员的{},{release} 不予放行",
                    pass_refusal(pass, refusal, lang)
                ),
                (ReleaseRefusal::Pass { pass, refusal }, Lang::En) => format!(
                    "the carrier's {}: {release} not released",
                    pass_refusal(pass, refusal, lang)
                ),
            },
            W::MailLogged { mail, unit, kind } => match lang {
                Lang::Zh => format!("登记 {unit} 的{}({mail}),待领取", mail_kind(*kind, lang)),
                Lang::En => format!(
                    "{} for {unit} logged ({mail}), to be collected",
                    mail_kind(*kind, lang)
                ),
            },
            W::MailCollected {
                mail,
                unit,
                by,
                minutes,
            } => match lang {
                Lang::Zh => format!(
                    "{unit} 的邮件 {mail} 已由 {by} 签收领取(存放{})",
                    duration(*minutes, lang)
                ),
                Lang::En => format!(
                    "mail {mail} for {unit} collected by {by} after {}",
                    duration(*minutes, lang)
                ),
            },
            W::MailRefused { mail, unit, by } => match lang {
                Lang::Zh => format!("{by} 不是 {unit} 的住户,{mail} 不能交其代领"),
                Lang::En => format!("{by} is not a resident of {unit}: {mail} not handed over"),
            },
            W::HandoverRecorded {
                handover,
                outgoing,
                incoming,
                work: w,
                items: list,
            } => {
                let open = match (lang, list.is_empty()) {
                    (Lang::Zh, true) => "无待交接事项".to_owned(),
                    (Lang::Zh, false) => {
                        format!("待共同核实事项 {} 项:{}", list.len(), items(list, lang))
                    }
                    (Lang::En, true) => "no open items".to_owned(),
                    (Lang::En, false) => {
                        format!("{} open items to check together: {}", list.len(), items(list, lang))
                    }
                };
                match lang {
                    Lang::Zh => format!(
                        "交接班记录 {handover}:交班人 {outgoing},接班人 {incoming};{};{open}",
                        work(w, lang)
                    ),
                    Lang::En => format!(
                        "handover record {handover}: {outgoing} hands over to {incoming}; {}; {open}",
                        work(w, lang)
                    ),
                }
            }
            W::HandoverRead { handover, incoming } => match lang {
                Lang::Zh => format!("接班人 {incoming} 已阅读交接班记录 {handover}"),
                Lang::En => format!("{incoming} has read handover record {handover}"),
            },
            W::ItemChecked { handover, item: i } => match lang {
                Lang::Zh => format!("{handover}:{} 经双方共同核实无误", item(i, lang)),
                Lang::En => format!("{handover}: {} checked together and clear", item(i, lang)),
            },
            W::ItemQuestioned {
                handover,
                item: i,
                added,
            } => match (lang, added) {
                (Lang::Zh, false) => format!(
                    "{handover}:接班人对{} 提出疑问,须交班人明确答复",
                    item(i, lang)
                ),
                (Lang::Zh, true) => format!(
                    "{handover}:接班人检查中发现问题({}),已列入交接事项,须交班人明确答复",
                    item(i, lang)
                ),
                (Lang::En, false) => format!(
                    "{handover}: the incoming asks about {}; the outgoing must answer clearly",
                    item(i, lang)
                ),
                (Lang::En, true) => format!(
                    "{handover}: the incoming found a problem ({}), added to the items; the outgoing must answer clearly",
                    item(i, lang)
                ),
            },
            W::ItemAnswered { handover, item: i } => match lang {
                Lang::Zh => format!(
                    "{handover}:交班人已对{} 作出明确答复,双方共同核实无误",
                    item(i, lang)
                ),
                Lang::En => format!(
                    "{handover}: the outgoing answered about {} clearly; verified together",
                    item(i, lang)
                ),
            },
            W::HandoverRefused {
                handover,
                item: i,
                incoming,
            } => match lang {
                Lang::Zh => format!(
                    "{handover}:{} 交班人未能给予明确答复,接班人 {incoming} 拒绝接班,已记录并报上级领导处理",
                    item(i, lang)
                ),
                Lang::En => format!(
                    "{handover}: no clear answer about {}; {incoming} refuses to take over; recorded and reported to the supervisor",
                    item(i, lang)
                ),
            },
            W::ItemResolved {
                handover,
                item: i,
                by,
            } => match lang {
                Lang::Zh => format!("{handover}:上级领导 {by} 已处理{}", item(i, lang)),
                Lang::En => format!("{handover}: supervisor {by} settled {}", item(i, lang)),
            },
            W::HandoverCompleted { handover, incoming } => match lang {
                Lang::Zh => format!(
                    "交接班 {handover} 结束:交接事项均已核实,接班人 {incoming} 无任何疑问,正式接班"
                ),
                Lang::En => format!(
                    "handover {handover} complete: every item is clear and {incoming}, with no open question, takes over"
                ),
            },
            W::HandoverBlocked {
                handover,
                unread,
                open,
            } => {
                let mut parts = Vec::new();
                if *unread {
                    parts.push(if zh {
                        "接班人尚未阅读工作日记".to_owned()
                    } else {
                        "the incoming has not read the record".to_owned()
                    });
                }
                if !open.is_empty() {
                    parts.push(if zh {
                        format!("尚有 {} 项未核实清楚:{}", open.len(), items(open, lang))
                    } else {
                        format!("{} items are not yet clear: {}", open.len(), items(open, lang))
                    });
                }
                match lang {
                    Lang::Zh => format!("交接班 {handover} 尚不能结束:{}", parts.join(";")),
                    Lang::En => {
                        format!("handover {handover} cannot complete yet: {}", parts.join("; "))
                    }
                }
            }
            W::HandoverSigned { handover, by } => match lang {
                Lang::Zh => format!("交班人 {by} 已在交接班记录 {handover} 上签名认可"),
                Lang::En => format!("{by} signed handover record {handover}"),
            },
            W::RecordsReviewed {
                date,
                by,
                records,
                unsigned,
            } => {
                let mut s = match lang {
                    Lang::Zh => format!(
                        "{by} 已审阅{}的交接班记录 {records} 份并签名",
                        dated(*date, lang)
                    ),
                    Lang::En => format!(
                        "{by} reviewed and signed {records} handover records of {}",
                        dated(*date, lang)
                    ),
                };
                if *unsigned > 0 {
                    s.push_str(&match lang {
                        Lang::Zh => format!(",其中 {unsigned} 份交班人未签名"),
                        Lang::En => format!("; {unsigned} of them not signed by the outgoing"),
                    });
                }
                s
            }
        }
    }
}
