//! Names people type for the crate's choices: a policy preset (`p2`), a
//! language (`zh`), a rule id (`P2-3.10`). Each parses with [`FromStr`].

use std::fmt;
use std::str::FromStr;

use crate::{Lang, Policy, Rule};

/// A name that is not one the crate knows: which kind of name, and the
/// names it accepts. The text itself is not echoed (errors echo no input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} (expected {expected}) / 未知的{what_zh}(应为 {expected})")]
pub struct ParseNameError {
    /// What was being parsed, e.g. `"policy preset"`.
    pub what: &'static str,
    /// The same, in Chinese.
    pub what_zh: &'static str,
    /// The names accepted, e.g. `"p1, p2 or p3"`.
    pub expected: &'static str,
}

impl FromStr for Policy {
    type Err = ParseNameError;

    /// The preset of a document: `"p1"`, `"p2"` or `"p3"` (any case).
    ///
    /// ```
    /// use anchang::Policy;
    /// assert_eq!("p3".parse::<Policy>().unwrap(), Policy::p3());
    /// assert_eq!("P2".parse::<Policy>().unwrap(), Policy::p2());
    /// assert!("p4".parse::<Policy>().is_err());
    /// ```
    ///
    /// # Errors
    /// A [`ParseNameError`] for anything else, e.g. `"p4"` or `"P2-3.10"`.
    fn from_str(s: &str) -> Result<Policy, ParseNameError> {
        let n = match s.trim().to_ascii_lowercase().as_str() {
            "p1" => 1,
            "p2" => 2,
            "p3" => 3,
            _ => 0,
        };
        Policy::preset(n).ok_or(ParseNameError {
            what: "policy preset",
            what_zh: "策略预设",
            expected: "p1, p2 or p3",
        })
    }
}

impl FromStr for Lang {
    type Err = ParseNameError;

    /// `"zh"` or `"en"` (any case; a region such as `zh-CN` or `en_US` is
    /// accepted and ignored).
    ///
    /// ```
    /// use anchang::Lang;
    /// assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
    /// assert_eq!("en-US".parse::<Lang>().unwrap(), Lang::En);
    /// assert!("fr".parse::<Lang>().is_err());
    /// ```
    ///
    /// # Errors
    /// A [`ParseNameError`] for any other language, e.g. `"fr"`.
    fn from_str(s: &str) -> Result<Lang, ParseNameError> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_']).next().unwrap_or_default();
        match base {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(ParseNameError {
                what: "language",
                what_zh: "语言",
                expected: "zh or en",
            }),
        }
    }
}

impl Lang {
    /// The language's code, `"zh"` or `"en"`: what [`FromStr`] reads back.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Rule {
    type Err = ParseNameError;

    /// A rule by its catalogue id, as `RULES.md` writes it (`"P2-3.10"`;
    /// a lower-case `p` is accepted).
    ///
    /// ```
    /// use anchang::Rule;
    /// assert_eq!("P2-3.10".parse::<Rule>().unwrap(), Rule::P2_3_10);
    /// assert_eq!(Rule::P2_3_10.to_string().parse::<Rule>().unwrap(), Rule::P2_3_10);
    /// assert!("P9-9".parse::<Rule>().is_err());
    /// ```
    ///
    /// # Errors
    /// A [`ParseNameError`] for an id the catalogue does not have.
    fn from_str(s: &str) -> Result<Rule, ParseNameError> {
        let s = s.trim();
        let upper = s.strip_prefix('p').map(|rest| format!("P{rest}"));
        Rule::from_id(upper.as_deref().unwrap_or(s)).ok_or(ParseNameError {
            what: "rule id",
            what_zh: "规则编号",
            expected: "an id of RULES.md, e.g. P2-3.10",
        })
    }
}
