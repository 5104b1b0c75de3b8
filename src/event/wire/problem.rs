//! What is wrong with a line, with a stable code and a sentence in Chinese
//! and English. No variant holds text from the line: a key or a value may
//! be a client's name or phone (P1-20, P3-18).

use std::fmt;

use crate::{Fen, Lang};

/// What is wrong with a line. Every variant names only the crate's own
/// words (field names, limits, what was expected), never the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The line is not UTF-8 text.
    NotUtf8,
    /// The line is not JSON.
    NotJson,
    /// The line is JSON but not an object.
    NotObject,
    /// The line is longer than the reader's limit.
    LineTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The line has no format version `v`.
    MissingVersion,
    /// The format version is not the one this crate reads.
    WrongVersion,
    /// A required field is missing.
    MissingField,
    /// A key appears twice in the line.
    DuplicateKey,
    /// A key the event's kind does not have.
    UnknownField,
    /// A `type` the crate does not know.
    UnknownType,
    /// The `id` is not a non-negative integer.
    BadEventId,
    /// The `at` is not a valid time of the form `YYYY-MM-DDTHH:MM:SS`.
    BadTime,
    /// A value of the wrong shape; `detail` says what was expected, in the
    /// crate's words (input text and long digit runs removed).
    Invalid {
        /// What was expected.
        detail: String,
    },
    /// A free-text field is longer than the limit.
    TextTooLong {
        /// The limit, in UTF-8 bytes.
        limit: usize,
    },
    /// A price above the plausibility bound.
    PriceTooHigh {
        /// The bound.
        limit: Fen,
    },
}

impl Problem {
    /// A stable code, e.g. `"line.duplicate_key"`, for programs to match on.
    ///
    /// ```
    /// assert_eq!(anchang::event::wire::Problem::UnknownType.code(), "line.unknown_type");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotUtf8 => "line.not_utf8",
            Problem::NotJson => "line.not_json",
            Problem::NotObject => "line.not_object",
            Problem::LineTooLong { .. } => "line.too_long",
            Problem::MissingVersion => "line.missing_version",
            Problem::WrongVersion => "line.wrong_version",
            Problem::MissingField => "line.missing_field",
            Problem::DuplicateKey => "line.duplicate_key",
            Problem::UnknownField => "line.unknown_field",
            Problem::UnknownType => "line.unknown_type",
            Problem::BadEventId => "line.bad_event_id",
            Problem::BadTime => "line.bad_time",
            Problem::Invalid { .. } => "line.invalid_value",
            Problem::TextTooLong { .. } => "line.text_too_long",
            Problem::PriceTooHigh { .. } => "line.price_too_high",
        }
    }

    /// What is wrong and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{event::wire::Problem, Lang};
    /// assert!(Problem::DuplicateKey.message(Lang::Zh).contains("出现了两次"));
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let version = super::VERSION;
        match (self, lang) {
            (Problem::NotUtf8, Lang::Zh) => "这一行不是 UTF-8 编码的文本，请以 UTF-8 重新导出日志".into(),
            (Problem::NotUtf8, Lang::En) => "the line is not UTF-8 text; export the log as UTF-8".into(),
            (Problem::NotJson, Lang::Zh) => "这一行不是有效的 JSON，请检查引号、逗号和括号是否成对".into(),
            (Problem::NotJson, Lang::En) => "the line is not valid JSON; check its quotes, commas and brackets".into(),
            (Problem::NotObject, Lang::Zh) => "这一行不是 JSON 对象：每行应是一条以 { 开头、以 } 结尾的事件".into(),
            (Problem::NotObject, Lang::En) => "the line is not a JSON object: each line is one event, `{...}`".into(),
            (Problem::LineTooLong { limit }, Lang::Zh) => format!("这一行超过了 {limit} 字节的上限，请检查是否把多条事件写进了同一行"),
            (Problem::LineTooLong { limit }, Lang::En) => format!("the line is longer than {limit} bytes; check that it holds one event only"),
            (Problem::MissingVersion, Lang::Zh) => format!("缺少格式版本 v，请在行首加上 \"v\":{version}"),
            (Problem::MissingVersion, Lang::En) => format!("the format version `v` is missing; start the line with \"v\":{version}"),
            (Problem::WrongVersion, Lang::Zh) => format!("格式版本不对：本程序只读 v 为 {version} 的日志，请按该版本导出"),
            (Problem::WrongVersion, Lang::En) => format!("wrong format version: this reader reads `v` {version} only; export in that version"),
            (Problem::MissingField, Lang::Zh) => "缺少必填字段，请补上后重新提交".into(),
            (Problem::MissingField, Lang::En) => "a required field is missing; add it and submit again".into(),
            (Problem::DuplicateKey, Lang::Zh) => "同一个字段出现了两次，无法确定以哪个为准，请只保留一个".into(),
            (Problem::DuplicateKey, Lang::En) => "a field appears twice, so it is unclear which one stands; keep one".into(),
            (Problem::UnknownField, Lang::Zh) => "这类事件没有这个字段，请删去，或改用格式说明里的字段名".into(),
            (Problem::UnknownField, Lang::En) => "an unknown field for this kind of event; remove it or use a field the format lists".into(),
            (Problem::UnknownType, Lang::Zh) => "事件类型 type 无法识别，请对照格式说明填写".into(),
            (Problem::UnknownType, Lang::En) => "an unknown event `type`; use one the format lists".into(),
            (Problem::BadEventId, Lang::Zh) => "事件编号 id 应为非负整数".into(),
            (Problem::BadEventId, Lang::En) => "the event `id` must be a non-negative integer".into(),
            (Problem::BadTime, Lang::Zh) => "时间应写成 2026-03-02T09:00:00 这样的格式，且须是真实存在的日期和时刻".into(),
            (Problem::BadTime, Lang::En) => "not a time of the form YYYY-MM-DDTHH:MM:SS on a real date".into(),
            (Problem::Invalid { detail }, Lang::Zh) => format!("取值不合要求（{detail}），请对照格式说明改正"),
            (Problem::Invalid { detail }, Lang::En) => format!("invalid value ({detail}); correct it as the format describes"),
            (Problem::TextTooLong { limit }, Lang::Zh) => format!("文字超过了 {limit} 字节的上限，请精简后再提交"),
            (Problem::TextTooLong { limit }, Lang::En) => format!("the text is longer than {limit} bytes; shorten it"),
            (Problem::PriceTooHigh { limit }, Lang::Zh) => format!(
                "价格超过了合理上限 {} 元，请核对金额，注意单位是分（1 元 = 100 分）",
                limit.0 / 100
            ),
            (Problem::PriceTooHigh { limit }, Lang::En) => format!(
                "the price is above the plausible bound of {} yuan; check the amount (it is in fen, 100 to the yuan)",
                limit.0 / 100
            ),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Problem {}

/// serde's message with the values it echoes removed: a phone or a name
/// given in the wrong shape must not reach an error (P1-20, P3-18). What is
/// kept is the kind of error and what was expected (the crate's own
/// variants and fields), or a message with no quoted value in it.
pub(crate) fn sanitize(message: &str) -> String {
    // serde_json appends where it was; the field already says where.
    let message = message.split(" at line ").next().unwrap_or(message);
    let keep = message.starts_with("missing field")
        || message.starts_with("duplicate field")
        || !message.contains(['`', '"']);
    let safe = if keep {
        message.to_owned()
    } else {
        let kind = [
            "unknown variant",
            "unknown field",
            "invalid type",
            "invalid value",
            "invalid length",
        ]
        .into_iter()
        .find(|k| message.starts_with(k))
        .unwrap_or("invalid value");
        match message.split_once(", expected") {
            Some((_, expected)) => format!("{kind}, expected{expected}"),
            None => kind.to_owned(),
        }
    };
    mask_long_digits(&safe)
}

/// Masks any run of seven or more digits: it may be a phone number.
fn mask_long_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.len() >= 7 {
            out.push_str(&crate::person::mask_digits(digits.chars()));
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        if c != '\0' {
            out.push(c);
        }
    }
    out
}
