//! Why a line was not applied, naming the line and the field.

use crate::event::wire::Problem;
use crate::{ApplyError, EventId, Lang};

/// A line could not be read as an event, or its event not applied.
///
/// [`ReadError::code`] is stable for programs; [`ReadError::message`] says
/// what is wrong and what to do in Chinese or English; `Display` is the
/// English. None of them echo the line's text: only ids, the crate's own
/// field names and limits (P1-20, P3-18). Serialisable as
/// `{"code", "line", "event", "field", "message": {"zh", "en"}}`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The line is not a valid event.
    #[error("line {line}, field `{field}`: {problem}")]
    Malformed {
        /// 1-based line number.
        line: usize,
        /// The event's id, when the line got as far as saying it.
        event: Option<EventId>,
        /// The field at fault, or `-` when the line as a whole is, or the
        /// key is not one of the crate's own field names.
        field: &'static str,
        /// What is wrong.
        problem: Problem,
    },
    /// The line's event could not be applied.
    #[error("line {line}: {error}")]
    Apply {
        /// 1-based line number.
        line: usize,
        /// Why.
        error: ApplyError,
    },
    /// Reading failed.
    #[error("line {line}: {source}")]
    Io {
        /// 1-based line number.
        line: usize,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl ReadError {
    pub(crate) fn malformed(
        line: usize,
        event: Option<EventId>,
        field: Option<&'static str>,
        problem: Problem,
    ) -> ReadError {
        ReadError::Malformed {
            line,
            event,
            field: field.unwrap_or("-"),
            problem,
        }
    }

    /// The 1-based line number.
    pub fn line(&self) -> usize {
        match self {
            ReadError::Malformed { line, .. }
            | ReadError::Apply { line, .. }
            | ReadError::Io { line, .. } => *line,
        }
    }

    /// The field at fault, `-` when the line as a whole is.
    pub fn field(&self) -> &'static str {
        match self {
            ReadError::Malformed { field, .. } => field,
            ReadError::Apply { error, .. } => error.field,
            ReadError::Io { .. } => "-",
        }
    }

    /// The event's id, when known.
    pub fn event(&self) -> Option<EventId> {
        match self {
            ReadError::Malformed { event, .. } => *event,
            ReadError::Apply { error, .. } => Some(error.event),
            ReadError::Io { .. } => None,
        }
    }

    /// A stable code: the problem's (`"line.duplicate_key"`), the rejection's
    /// (`"queue.agent_busy"`), or `"line.io"`.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Malformed { problem, .. } => problem.code(),
            ReadError::Apply { error, .. } => error.code(),
            ReadError::Io { .. } => "line.io",
        }
    }

    /// What is wrong, where, and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{jsonl, Lang};
    /// let err = jsonl::parse_line(r#"{"v":1,"id":3,"at":"2026-03-02T09:00:00","type":"sign_in"}"#, 3).unwrap_err();
    /// assert_eq!(err.message(Lang::Zh), "第 3 行（事件 3），字段 agent：缺少必填字段，请补上后重新提交");
    /// assert_eq!(err.message(Lang::En), "line 3 (event 3), field `agent`: a required field is missing; add it and submit again");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let line = self.line();
        let (event, field) = (self.event(), self.field());
        let what = match self {
            ReadError::Malformed { problem, .. } => problem.message(lang),
            ReadError::Apply { error, .. } => error.kind.message(lang),
            ReadError::Io { .. } => String::new(),
        };
        match (self, lang) {
            (ReadError::Malformed { .. } | ReadError::Apply { .. }, Lang::Zh) => {
                let event = event
                    .map(|e| format!("（事件 {}）", e.0))
                    .unwrap_or_default();
                let place = match field {
                    "-" => String::new(),
                    f => format!("，字段 {f}"),
                };
                format!("第 {line} 行{event}{place}：{what}")
            }
            (ReadError::Malformed { .. } | ReadError::Apply { .. }, Lang::En) => {
                let event = event
                    .map(|e| format!(" (event {})", e.0))
                    .unwrap_or_default();
                let place = match field {
                    "-" => String::new(),
                    f => format!(", field `{f}`"),
                };
                format!("line {line}{event}{place}: {what}")
            }
            (ReadError::Io { .. }, Lang::Zh) => {
                format!("第 {line} 行读取失败（文件或网络出错），请检查后重新读取")
            }
            (ReadError::Io { source, .. }, Lang::En) => {
                format!(
                    "line {line}: reading failed ({}); check the file and read it again",
                    source.kind()
                )
            }
        }
    }
}

impl serde::Serialize for ReadError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ReadError", 5)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("line", &self.line())?;
        st.serialize_field("event", &self.event())?;
        st.serialize_field("field", self.field())?;
        st.serialize_field("message", &crate::error::Messages::of(|l| self.message(l)))?;
        st.end()
    }
}
