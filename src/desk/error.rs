//! Why the desk rejects an event. An error names the event, its kind and
//! the field at fault, in Chinese and English; it names things by id only
//! and echoes no other input (no name, phone or note). The state is
//! exactly as before the event.

use std::fmt;

use super::event::HandoverItem;
use super::render::item;
use super::{DepartmentId, HandoverId, MailId, PassId, ReleaseId, RequestId, ResidentId, StaffId};
use crate::decision::render::dated;
use crate::{Date, EventId, Lang, Timestamp, UnitId};

/// What was wrong with a desk event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeskErrorKind {
    /// The event's time is earlier than the previous event's.
    TimeBackwards {
        /// The previous event's time.
        previous: Timestamp,
    },
    /// The id is below the last one applied: ids strictly increase.
    IdNotIncreasing {
        /// The last id applied.
        last: EventId,
    },
    /// The last id again, with different content.
    ConflictingRetry,
    /// No such resident.
    UnknownResident(ResidentId),
    /// The resident is already registered.
    ResidentExists(ResidentId),
    /// No such request.
    UnknownRequest(RequestId),
    /// A request with that id exists.
    RequestExists(RequestId),
    /// The request was already forwarded.
    AlreadyForwarded(RequestId),
    /// The request was never forwarded, so no department can report it done.
    NotForwarded(RequestId),
    /// The request is closed.
    RequestClosed(RequestId),
    /// The request's department has not reported it done.
    NotDone(RequestId),
    /// The request's department already reported it done.
    AlreadyDone(RequestId),
    /// The policy lists no such department.
    UnknownDepartment(DepartmentId),
    /// The policy routes requests of this kind nowhere (it does not
    /// validate).
    Unrouted(crate::desk::RequestKind),
    /// A pass with that id exists.
    PassExists(PassId),
    /// No such pass.
    UnknownPass(PassId),
    /// A pass whose date is already past at issue.
    PassAlreadyExpired(Date),
    /// A pass longer than the policy allows.
    PassTooLong {
        /// The days asked for.
        days: i32,
        /// The most the policy allows.
        max: u32,
    },
    /// A release with that id exists.
    ReleaseExists(ReleaseId),
    /// No such release.
    UnknownRelease(ReleaseId),
    /// The release was already granted.
    AlreadyReleased(ReleaseId),
    /// A mail entry with that id exists.
    MailExists(MailId),
    /// No such mail entry.
    UnknownMail(MailId),
    /// The mail was already collected.
    AlreadyCollected(MailId),
    /// A handover record with that id exists.
    HandoverExists(HandoverId),
    /// No such handover record.
    UnknownHandover(HandoverId),
    /// Another handover is still under way.
    HandoverUnderWay(HandoverId),
    /// The outgoing and incoming are the same person.
    SameClerk(StaffId),
    /// The handover is complete: its items can no longer change.
    HandoverComplete(HandoverId),
    /// The record has no such item.
    UnknownItem(HandoverItem),
    /// The item was listed twice.
    DuplicateItem(HandoverItem),
    /// The item has a question or refusal open: it must be answered or
    /// settled first.
    ItemUnsettled(HandoverItem),
    /// The item has no open question to answer.
    NoQuestion(HandoverItem),
    /// The item is already clear: there is nothing unexplained to refuse over.
    ItemClear(HandoverItem),
    /// The item was not refused, so there is nothing for the supervisor to settle.
    NotRefused(HandoverItem),
    /// Only the outgoing clerk signs its record.
    NotOutgoing(StaffId),
    /// The record is already signed.
    AlreadySigned(HandoverId),
    /// No handover record was written that day.
    NoRecords(Date),
    /// The day's records were reviewed already.
    AlreadyReviewed(Date),
    /// A reference to a unit the event's other ids contradict.
    WrongUnit(UnitId),
}

impl DeskErrorKind {
    /// The event field the error is about.
    pub fn field(&self) -> &'static str {
        use DeskErrorKind as K;
        match self {
            K::TimeBackwards { .. } => "at",
            K::IdNotIncreasing { .. } | K::ConflictingRetry => "id",
            K::UnknownResident(_) => "by",
            K::ResidentExists(_) => "resident",
            K::UnknownRequest(_)
            | K::RequestExists(_)
            | K::AlreadyForwarded(_)
            | K::NotForwarded(_)
            | K::RequestClosed(_)
            | K::NotDone(_)
            | K::AlreadyDone(_) => "request",
            K::UnknownDepartment(_) => "department",
            K::Unrouted(_) => "kind",
            K::PassExists(_) | K::UnknownPass(_) => "pass",
            K::PassAlreadyExpired(_) | K::PassTooLong { .. } => "valid_to",
            K::ReleaseExists(_) | K::UnknownRelease(_) | K::AlreadyReleased(_) => "release",
            K::MailExists(_) | K::UnknownMail(_) | K::AlreadyCollected(_) => "mail",
            K::HandoverExists(_)
            | K::UnknownHandover(_)
            | K::HandoverUnderWay(_)
            | K::HandoverComplete(_)
            | K::AlreadySigned(_) => "handover",
            K::SameClerk(_) => "incoming",
            K::UnknownItem(_)
            | K::ItemUnsettled(_)
            | K::NoQuestion(_)
            | K::ItemClear(_)
            | K::NotRefused(_) => "item",
            K::DuplicateItem(_) => "notes",
            K::NotOutgoing(_) => "by",
            K::NoRecords(_) | K::AlreadyReviewed(_) => "date",
            K::WrongUnit(_) => "unit",
        }
    }

    /// What was wrong, in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        use DeskErrorKind as K;
        let zh = lang == Lang::Zh;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            K::TimeBackwards { previous } => pick(
                format!("时间早于上一事件({})", crate::error::zh_time(*previous)),
                format!("time goes backwards: before the previous event's {previous}"),
            ),
            K::IdNotIncreasing { last } => pick(
                format!("事件编号须递增,已处理到 {last}"),
                format!("event ids must increase; {last} was already applied"),
            ),
            K::ConflictingRetry => pick(
                "与上一事件编号相同而内容不同".into(),
                "the last id again with different content".into(),
            ),
            K::UnknownResident(r) => pick(
                format!("住户 {r} 未登记"),
                format!("resident {r} is not registered"),
            ),
            K::ResidentExists(r) => pick(
                format!("住户 {r} 已登记"),
                format!("resident {r} is already registered"),
            ),
            K::UnknownRequest(r) => pick(
                format!("无请求 {r} 的记录"),
                format!("no request {r} was recorded"),
            ),
            K::RequestExists(r) => pick(
                format!("请求 {r} 已记录"),
                format!("request {r} was already recorded"),
            ),
            K::AlreadyForwarded(r) => pick(
                format!("请求 {r} 已转达过"),
                format!("request {r} was already passed on"),
            ),
            K::NotForwarded(r) => pick(
                format!("请求 {r} 尚未转达任何部门"),
                format!("request {r} was never passed on to a department"),
            ),
            K::RequestClosed(r) => {
                pick(format!("请求 {r} 已结单"), format!("request {r} is closed"))
            }
            K::NotDone(r) => pick(
                format!("请求 {r} 尚未由部门报告处理完毕"),
                format!("request {r} has not been reported done"),
            ),
            K::AlreadyDone(r) => pick(
                format!("请求 {r} 已报告处理完毕"),
                format!("request {r} was already reported done"),
            ),
            K::UnknownDepartment(d) => pick(
                format!("未配置部门 {d}"),
                format!("the policy lists no department {d}"),
            ),
            K::Unrouted(k) => pick(
                format!("未配置{}的转达部门", k.name(Lang::Zh)),
                format!("the policy routes {} nowhere", k.name(Lang::En)),
            ),
            K::PassExists(p) => pick(
                format!("临时出入证 {p} 已办理"),
                format!("pass {p} was already issued"),
            ),
            K::UnknownPass(p) => pick(
                format!("临时出入证 {p} 查无办理记录"),
                format!("pass {p} was never issued"),
            ),
            K::PassAlreadyExpired(d) => pick(
                format!("有效期至{},早于办理日期", dated(*d, Lang::Zh)),
                format!("valid to {}, which is already past", dated(*d, Lang::En)),
            ),
            K::PassTooLong { days, max } => pick(
                format!("有效期 {days} 天,超过规定的 {max} 天"),
                format!("valid for {days} days, more than the {max} allowed"),
            ),
            K::ReleaseExists(r) => pick(
                format!("放行单 {r} 已登记"),
                format!("release {r} was already brought"),
            ),
            K::UnknownRelease(r) => pick(
                format!("无放行单 {r} 的记录"),
                format!("no release {r} was brought to the desk"),
            ),
            K::AlreadyReleased(r) => pick(
                format!("放行单 {r} 已放行"),
                format!("release {r} was already released"),
            ),
            K::MailExists(m) => pick(
                format!("邮件 {m} 已登记"),
                format!("mail {m} was already logged"),
            ),
            K::UnknownMail(m) => pick(
                format!("无邮件 {m} 的登记"),
                format!("no mail {m} was logged"),
            ),
            K::AlreadyCollected(m) => pick(
                format!("邮件 {m} 已被领取"),
                format!("mail {m} was already collected"),
            ),
            K::HandoverExists(h) => pick(
                format!("交接班记录 {h} 已存在"),
                format!("handover record {h} exists"),
            ),
            K::UnknownHandover(h) => pick(
                format!("无交接班记录 {h}"),
                format!("no handover record {h}"),
            ),
            K::HandoverUnderWay(h) => pick(
                format!("交接班 {h} 尚未结束"),
                format!("handover {h} is still under way"),
            ),
            K::SameClerk(s) => pick(
                format!("交班人与接班人同为 {s}"),
                format!("{s} cannot hand over to itself"),
            ),
            K::HandoverComplete(h) => pick(
                format!("交接班 {h} 已结束"),
                format!("handover {h} is complete"),
            ),
            K::UnknownItem(i) => pick(
                format!("交接记录中无{}", item(i, lang)),
                format!("the record has no {}", item(i, lang)),
            ),
            K::DuplicateItem(i) => pick(
                format!("{}重复列出", item(i, lang)),
                format!("{} is listed twice", item(i, lang)),
            ),
            K::ItemUnsettled(i) => pick(
                format!("{}尚有疑问或拒绝未处理", item(i, lang)),
                format!("{} has a question or refusal still open", item(i, lang)),
            ),
            K::NoQuestion(i) => pick(
                format!("{}没有待答复的疑问", item(i, lang)),
                format!("{} has no open question", item(i, lang)),
            ),
            K::ItemClear(i) => pick(
                format!("{}已核实清楚,不能据此拒绝接班", item(i, lang)),
                format!("{} is already clear: nothing to refuse over", item(i, lang)),
            ),
            K::NotRefused(i) => pick(
                format!("{}未被拒绝接班,无需上级处理", item(i, lang)),
                format!(
                    "{} was not refused: nothing for the supervisor to settle",
                    item(i, lang)
                ),
            ),
            K::NotOutgoing(s) => pick(
                format!("{s} 不是交班人,不能签名"),
                format!("{s} is not the outgoing clerk and cannot sign"),
            ),
            K::AlreadySigned(h) => pick(
                format!("交接班记录 {h} 已签名"),
                format!("handover record {h} is already signed"),
            ),
            K::NoRecords(d) => pick(
                format!("{}没有交接班记录", dated(*d, Lang::Zh)),
                format!("no handover record was written on {}", dated(*d, Lang::En)),
            ),
            K::AlreadyReviewed(d) => pick(
                format!("{}的记录已审阅", dated(*d, Lang::Zh)),
                format!(
                    "the records of {} were already reviewed",
                    dated(*d, Lang::En)
                ),
            ),
            K::WrongUnit(u) => pick(
                format!("房号 {u} 与记录不符"),
                format!("unit {u} does not match the record"),
            ),
        }
    }
}

/// A desk event could not be applied; the state is exactly as before it.
///
/// `Display` gives the English and then the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskError {
    /// The event's id.
    pub event: EventId,
    /// The event's kind, as JSON Lines writes it.
    pub tag: &'static str,
    /// The event field at fault.
    pub field: &'static str,
    /// What was wrong.
    pub kind: DeskErrorKind,
}

impl DeskError {
    /// The whole message in `lang`, naming the event and field.
    pub fn explain(&self, lang: Lang) -> String {
        let (event, tag, field) = (self.event, self.tag, self.field);
        match lang {
            Lang::Zh => format!(
                "事件 {event}({tag},字段 {field}):{}",
                self.kind.explain(lang)
            ),
            Lang::En => format!(
                "event {event} ({tag}, field `{field}`): {}",
                self.kind.explain(lang)
            ),
        }
    }
}

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.explain(Lang::En), self.explain(Lang::Zh))
    }
}

impl std::error::Error for DeskError {}
