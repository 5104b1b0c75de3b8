//! Errors of applying an event. Input errors (the log itself is wrong) are
//! kept apart from domain rejections (the event does not fit the state);
//! each capability has its own rejection type.
//!
//! Every error type of the crate has a stable `code()` (`"queue.agent_busy"`)
//! for programs and a `message(Lang)` for people: a Chinese sentence a
//! floor agent or an office clerk reads, saying what is wrong and what to
//! do, and its English. `Display` is the English. Messages name ids and
//! the crate's own words only, never a name, a phone or other free text
//! (P1-20, P3-18).

use crate::{DealError, EventId, IdError, Lang, QueueError, RegistryError, TimeError, Timestamp};

/// The log itself is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// The event's time is earlier than the previous event's.
    #[error("time goes backwards: {at} is before the previous event's {previous}")]
    TimeBackwards {
        /// The event's time.
        at: Timestamp,
        /// The previous event's time.
        previous: Timestamp,
    },
    /// The event's id is the last one applied, but the event differs from
    /// it: an id names one event for good, so this is not a retry. An
    /// identical retry is no error (see [`State::apply`](crate::State::apply)).
    #[error("event {id} was already applied with different content")]
    Conflict {
        /// The id.
        id: EventId,
    },
}

impl LogError {
    /// A stable code: `"log.time_backwards"`, `"log.conflict"`.
    pub fn code(&self) -> &'static str {
        match self {
            LogError::TimeBackwards { .. } => "log.time_backwards",
            LogError::Conflict { .. } => "log.conflict",
        }
    }

    /// What is wrong and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{Lang, LogError, Timestamp};
    /// let t = |s: &str| s.parse::<Timestamp>().unwrap();
    /// let e = LogError::TimeBackwards { at: t("2026-03-16T10:00:00"), previous: t("2026-03-16T11:00:00") };
    /// assert_eq!(e.message(Lang::Zh), "时间倒退：这条事件记在 3月16日 10:00，早于上一条的 3月16日 11:00；日志须按发生的先后记录，请核对时间");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (LogError::TimeBackwards { at, previous }, Lang::Zh) => format!(
                "时间倒退：这条事件记在 {}，早于上一条的 {}；日志须按发生的先后记录，请核对时间",
                zh_time(*at),
                zh_time(*previous)
            ),
            (LogError::TimeBackwards { .. }, Lang::En) => {
                format!("{self}; events are recorded in the order they happened: check the time")
            }
            (LogError::Conflict { id }, Lang::Zh) => format!(
                "事件 {} 已经记录过，这次内容却不同：同一编号不能改写，如需更正请用新编号另记一条",
                id.0
            ),
            (LogError::Conflict { .. }, Lang::En) => {
                format!("{self}: an id cannot be rewritten; record a correction as a new event")
            }
        }
    }
}

/// A time as an office writes it in Chinese: `3月16日 11:00` (seconds only
/// when there are any).
pub(crate) fn zh_time(t: Timestamp) -> String {
    let (_, m, d) = t.date().ymd();
    let (h, mi, s) = t.hms();
    match s {
        0 => format!("{m}月{d}日 {h:02}:{mi:02}"),
        _ => format!("{m}月{d}日 {h:02}:{mi:02}:{s:02}"),
    }
}

/// What was wrong with an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApplyErrorKind {
    /// The log is wrong.
    #[error(transparent)]
    Log(#[from] LogError),
    /// The reception floor rejects it.
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// The client registry rejects it.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The deal book rejects it.
    #[error(transparent)]
    Deal(#[from] DealError),
}

impl ApplyErrorKind {
    /// The stable code of the error inside, e.g. `"registry.unknown_client"`.
    pub fn code(&self) -> &'static str {
        match self {
            ApplyErrorKind::Log(e) => e.code(),
            ApplyErrorKind::Queue(e) => e.code(),
            ApplyErrorKind::Registry(e) => e.code(),
            ApplyErrorKind::Deal(e) => e.code(),
        }
    }

    /// The message of the error inside, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApplyErrorKind::Log(e) => e.message(lang),
            ApplyErrorKind::Queue(e) => e.message(lang),
            ApplyErrorKind::Registry(e) => e.message(lang),
            ApplyErrorKind::Deal(e) => e.message(lang),
        }
    }
}

/// An event could not be applied; the state is exactly as before it.
///
/// Serialisable (feature `serde`) as `{"code", "event", "type", "field",
/// "message": {"zh", "en"}}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {event} ({tag}, field `{field}`): {kind}")]
pub struct ApplyError {
    /// The event's id.
    pub event: EventId,
    /// The event's kind, as JSON Lines writes it.
    pub tag: &'static str,
    /// The event field at fault.
    pub field: &'static str,
    /// What was wrong.
    pub kind: ApplyErrorKind,
}

impl ApplyError {
    pub(crate) fn new(event: EventId, tag: &'static str, kind: impl Into<ApplyErrorKind>) -> Self {
        let kind = kind.into();
        let field = match &kind {
            ApplyErrorKind::Log(LogError::Conflict { .. }) => "id",
            ApplyErrorKind::Log(_) => "at",
            ApplyErrorKind::Queue(e) => e.field(),
            ApplyErrorKind::Registry(e) => e.field(),
            ApplyErrorKind::Deal(e) => e.field(),
        };
        ApplyError {
            event,
            tag,
            field,
            kind,
        }
    }

    /// The stable code of what was wrong, e.g. `"queue.agent_busy"`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Which event, and what is wrong with it and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{event::End, replay, Event, Lang, Policy};
    ///
    /// let t = "2026-03-16T11:00:00".parse().unwrap();
    /// let log = [Event::new(6, t, End { agent: "Zhao".parse().unwrap() })];
    /// let err = replay(&Policy::p2(), &log).unwrap_err().error;
    /// assert_eq!(err.code(), "queue.unknown_agent");
    /// assert_eq!(err.message(Lang::Zh), "事件 6：Zhao 还没有签到，请先签到再办理");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("事件 {}：{}", self.event.0, self.kind.message(lang)),
            Lang::En => format!(
                "event {} ({}, field `{}`): {}",
                self.event,
                self.tag,
                self.field,
                self.kind.message(lang)
            ),
        }
    }
}

impl TimeError {
    /// A stable code: `"time.format"`, `"time.range"`.
    pub fn code(&self) -> &'static str {
        match self {
            TimeError::Format(_) => "time.format",
            TimeError::Range { .. } => "time.range",
        }
    }

    /// What is wrong and what to do, in `lang`. Unlike `Display`, it does
    /// not repeat the text given.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TimeError::Format(_), Lang::Zh) => {
                "时间格式不对，应写成 2026-03-02T09:00:00 这样的格式".into()
            }
            (TimeError::Format(_), Lang::En) => "not a time of the form YYYY-MM-DDTHH:MM:SS".into(),
            (TimeError::Range { field, value }, Lang::Zh) => {
                let what = match *field {
                    "year" => "年份",
                    "month" => "月份",
                    "day" => "日期",
                    "hour" => "小时",
                    "minute" => "分钟",
                    _ => "秒数",
                };
                format!("{what} {value} 超出了有效范围，请核对日期和时刻是否真实存在")
            }
            (TimeError::Range { .. }, Lang::En) => {
                format!("{self}; check that the date and time exist")
            }
        }
    }
}

impl IdError {
    /// A stable code: `"id.empty"`, `"id.too_long"`, `"id.bad_char"`.
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Empty => "id.empty",
            IdError::TooLong(_) => "id.too_long",
            IdError::BadChar => "id.bad_char",
        }
    }

    /// What is wrong and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{AgentId, Lang};
    /// let e = AgentId::new("Li Ming").unwrap_err();
    /// assert_eq!(e.message(Lang::Zh), "编号里不能有空格或控制字符，请去掉空格（如 Li Ming 写作 LiMing）");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (IdError::Empty, Lang::Zh) => "编号不能为空，请填写".into(),
            (IdError::Empty, Lang::En) => "an id may not be empty; fill it in".into(),
            (IdError::TooLong(n), Lang::Zh) => format!(
                "编号最长 {} 字节（约 8 个汉字），这个有 {n} 字节，请改短",
                crate::MAX_ID_LEN
            ),
            (IdError::TooLong(_), Lang::En) => format!("{self}; shorten it"),
            (IdError::BadChar, Lang::Zh) => {
                "编号里不能有空格或控制字符，请去掉空格（如 Li Ming 写作 LiMing）".into()
            }
            (IdError::BadChar, Lang::En) => format!("{self}; remove the spaces"),
        }
    }
}

/// A message in both languages, as errors serialise it.
#[cfg(feature = "serde")]
#[derive(serde::Serialize)]
pub(crate) struct Messages {
    zh: String,
    en: String,
}

#[cfg(feature = "serde")]
impl Messages {
    pub(crate) fn of(message: impl Fn(Lang) -> String) -> Messages {
        Messages {
            zh: message(Lang::Zh),
            en: message(Lang::En),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ApplyError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ApplyError", 5)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("event", &self.event)?;
        st.serialize_field("type", self.tag)?;
        st.serialize_field("field", self.field)?;
        st.serialize_field("message", &Messages::of(|l| self.message(l)))?;
        st.end()
    }
}
