//! Personal data of clients: names and phone numbers. Both are masked in
//! `Debug` and `Display` (P1-20, P3-18); only serialisation of the log keeps
//! them whole.

use std::fmt;

/// A person's name as given, possibly a surname only (P2-2.1).
///
/// `Debug` and `Display` show the first character and mask the rest: `王**`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct PersonName(String);

impl PersonName {
    /// A name from its text, trimmed.
    pub fn new(text: &str) -> PersonName {
        PersonName(text.trim().to_owned())
    }

    /// The name in full. Keep it out of logs and messages.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form, e.g. `王**`, `L***`.
    pub fn masked(&self) -> String {
        let mut chars = self.0.chars();
        match chars.next() {
            None => String::new(),
            Some(first) => {
                let rest = chars.count().max(1);
                let mut s = String::with_capacity(1 + rest);
                s.push(first);
                s.extend(std::iter::repeat_n('*', rest));
                s
            }
        }
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({})", self.masked())
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A phone number as given (spaces, dashes, +86 and all).
///
/// `Debug` and `Display` keep the first three and last four digits:
/// `138****5678`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Phone(String);

impl Phone {
    /// A phone number from its text as given.
    pub fn new(text: &str) -> Phone {
        Phone(text.trim().to_owned())
    }

    /// The number as given. Keep it out of logs and messages.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form of the digits, e.g. `138****5678`.
    pub fn masked(&self) -> String {
        mask_digits(self.0.chars().filter(char::is_ascii_digit))
    }
}

/// Masks a run of digits: the first three and last four stay, the rest are `*`.
/// Seven digits or fewer keep only the last two.
pub(crate) fn mask_digits(digits: impl Iterator<Item = char>) -> String {
    let d: Vec<char> = digits.collect();
    let n = d.len();
    let (head, tail) = if n > 7 { (3, 4) } else { (0, 2.min(n)) };
    d.iter()
        .enumerate()
        .map(|(i, c)| if i < head || i >= n - tail { *c } else { '*' })
        .collect()
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A client's gender, as registered (P2-2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Gender {
    /// 男.
    Male,
    /// 女.
    Female,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_in_debug_and_display() {
        let p = Phone::new("+86 138-1234-5678");
        assert_eq!(p.to_string(), "861******5678");
        let p = Phone::new("138 1234 5678");
        assert_eq!(format!("{p:?}"), "Phone(138****5678)");
        let n = PersonName::new("王小明");
        assert_eq!(n.to_string(), "王**");
        assert_eq!(format!("{n:?}"), "PersonName(王**)");
        assert_eq!(PersonName::new("陈").to_string(), "陈*");
    }
}
