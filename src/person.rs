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

/// Masks a run of digits: a mobile (eleven or more, not starting with the
/// trunk `0`) keeps the first three and last four (`138****5678`); any other
/// number of eight or more keeps the last three; fewer, the last two.
pub(crate) fn mask_digits(digits: impl Iterator<Item = char>) -> String {
    let d: Vec<char> = digits.collect();
    let n = d.len();
    // A mobile keeps the familiar 3 + 4 (138****5678); shorter numbers
    // (landlines) keep less, so at least half their digits are hidden.
    let landline = d.first() == Some(&'0');
    let (head, tail) = match n {
        11.. if !landline => (3, 4),
        8.. => (0, 3),
        _ => (0, 2.min(n)),
    };
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

/// A phone number in canonical form, after normalisation: spaces, dashes,
/// brackets and dots dropped, full-width digits read as digits, a `+86` or
/// `0086` country prefix removed, a long-distance `0` before a mobile
/// removed. Two numbers written differently are the same line when their
/// canonical forms match ([`PhoneNumber::same_line`]).
///
/// `Debug` and `Display` are masked like [`Phone`]'s.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PhoneNumber {
    /// A mainland mobile: 11 digits starting with 1.
    Mobile {
        /// The 11 digits.
        digits: String,
    },
    /// A landline: a local number of 7 or 8 digits, with its area code
    /// (leading 0 included: `010`, `021`, `0571`) when one was given.
    Landline {
        /// The area code, if given.
        area: Option<String>,
        /// The local number.
        local: String,
    },
    /// A number with a country code other than 86, as its digits.
    International {
        /// Country code and number, without the `+`.
        digits: String,
    },
}

/// Why a phone number as given cannot be a phone number. The reason never
/// repeats the number (P1-20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PhoneProblem {
    /// No digits at all.
    #[error("it has no digits")]
    Empty,
    /// A character that is neither a digit nor a separator (space, dash,
    /// bracket, dot), or a `+` not at the start.
    #[error("it holds a character that is not a digit or a separator")]
    BadCharacter,
    /// Starts with 1 as a mobile does, but is not 11 digits long.
    #[error("a mobile number has 11 digits; this one has {digits}")]
    MobileLength {
        /// How many digits it has.
        digits: usize,
    },
    /// A landline's local number must have 7 or 8 digits after its area code.
    #[error("a landline has 7 or 8 digits after its area code; this one has {digits}")]
    LandlineLength {
        /// How many local digits it has.
        digits: usize,
    },
    /// An international number must have 6 to 15 digits.
    #[error("an international number has 6 to 15 digits; this one has {digits}")]
    InternationalLength {
        /// How many digits it has.
        digits: usize,
    },
    /// A local number may not start with 0 or 1.
    #[error("a local number may not start with 0 or 1")]
    BadLocal,
}

impl Phone {
    /// The number in canonical form (see [`PhoneNumber`]).
    ///
    /// # Errors
    /// A [`PhoneProblem`] when the text cannot be a phone number:
    /// [`PhoneProblem::Empty`] for `"--"`, [`PhoneProblem::BadCharacter`] for
    /// `"138x1234"`, [`PhoneProblem::MobileLength`] for `"1381234567"` (ten
    /// digits), [`PhoneProblem::LandlineLength`] for `"010-12345"`,
    /// [`PhoneProblem::BadLocal`] for `"010-0123456"`.
    pub fn normalized(&self) -> Result<PhoneNumber, PhoneProblem> {
        normalize(&self.0)
    }
}

fn digit_of(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        // Full-width digits, as Chinese input methods type them.
        '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')),
        _ => None,
    }
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '('
            | ')'
            | '.'
            | '\u{3000}'
            | '\u{FF0D}'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{2014}'
    )
}

fn normalize(text: &str) -> Result<PhoneNumber, PhoneProblem> {
    let mut plus = false;
    let mut d = String::with_capacity(text.len());
    for c in text.chars() {
        match digit_of(c) {
            Some(x) => d.push(x),
            None if is_separator(c) => {}
            // A plus only before the first digit: "(+86) 139...".
            None if matches!(c, '+' | '\u{FF0B}') && d.is_empty() && !plus => plus = true,
            None => return Err(PhoneProblem::BadCharacter),
        }
    }
    if d.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    let national = if plus {
        match d.strip_prefix("86") {
            Some(rest) => trunk(rest),
            None if (6..=15).contains(&d.len()) => {
                return Ok(PhoneNumber::International { digits: d })
            }
            None => return Err(PhoneProblem::InternationalLength { digits: d.len() }),
        }
    } else if let Some(rest) = d.strip_prefix("0086") {
        trunk(rest)
    } else if d.len() == 13 && d.starts_with("861") {
        // 86 written without its plus before a mobile.
        d[2..].to_owned()
    } else {
        d
    };
    national_number(national)
}

/// After a country code a landline's area code drops its leading 0
/// (+86 10 6512 3456 is 010-6512 3456): put it back.
fn trunk(rest: &str) -> String {
    let mobile = rest.starts_with('1') && rest.len() == 11;
    if mobile || rest.starts_with('0') || rest.is_empty() {
        rest.to_owned()
    } else {
        format!("0{rest}")
    }
}

fn national_number(d: String) -> Result<PhoneNumber, PhoneProblem> {
    if d.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    if d.starts_with('1') {
        return if d.len() == 11 {
            Ok(PhoneNumber::Mobile { digits: d })
        } else {
            Err(PhoneProblem::MobileLength { digits: d.len() })
        };
    }
    if let Some(rest) = d.strip_prefix('0') {
        // A long-distance 0 dialled before a mobile.
        if rest.starts_with('1') && rest.len() == 11 {
            return Ok(PhoneNumber::Mobile {
                digits: rest.to_owned(),
            });
        }
        // Area codes: 010 and 02x have three digits, the others four.
        let area_len = if rest.starts_with('1') || rest.starts_with('2') {
            3
        } else {
            4
        };
        if d.len() <= area_len {
            return Err(PhoneProblem::LandlineLength { digits: 0 });
        }
        let (area, local) = d.split_at(area_len);
        return landline(Some(area.to_owned()), local);
    }
    landline(None, &d)
}

fn landline(area: Option<String>, local: &str) -> Result<PhoneNumber, PhoneProblem> {
    if !(7..=8).contains(&local.len()) {
        return Err(PhoneProblem::LandlineLength {
            digits: local.len(),
        });
    }
    if local.starts_with(['0', '1']) {
        return Err(PhoneProblem::BadLocal);
    }
    Ok(PhoneNumber::Landline {
        area,
        local: local.to_owned(),
    })
}

impl PhoneNumber {
    /// The digits that identify the line: a mobile's 11 digits, a
    /// landline's local number, an international number's digits.
    pub fn key(&self) -> &str {
        match self {
            PhoneNumber::Mobile { digits } | PhoneNumber::International { digits } => digits,
            PhoneNumber::Landline { local, .. } => local,
        }
    }

    /// Whether both are the same line. A landline written without its area
    /// code matches the same local number with one: the office's clients
    /// are mostly local, and a missed match would split one client in two.
    pub fn same_line(&self, other: &PhoneNumber) -> bool {
        match (self, other) {
            (
                PhoneNumber::Landline { area: a, local: l },
                PhoneNumber::Landline { area: b, local: m },
            ) => l == m && (a.is_none() || b.is_none() || a == b),
            _ => self == other,
        }
    }

    /// Whether it is a mobile (a returning client identifies itself by
    /// mobile number, P2-3.1).
    pub fn is_mobile(&self) -> bool {
        matches!(self, PhoneNumber::Mobile { .. })
    }

    /// The masked form, e.g. `138****5678`.
    pub fn masked(&self) -> String {
        match self {
            PhoneNumber::Landline {
                area: Some(area),
                local,
            } => format!("{area}-{}", mask_digits(local.chars())),
            other => mask_digits(other.key().chars()),
        }
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({})", self.masked())
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl PersonName {
    /// Whether the name is a full name, not a surname alone (P2-2.1: only a
    /// caller may give a surname). A name in Chinese characters needs at
    /// least two (a single character is a surname); a name in Latin letters
    /// needs at least two words. Compound surnames alone (欧阳) pass: the
    /// text cannot tell them from a full name.
    pub fn is_full(&self) -> bool {
        let words = self.0.split_whitespace().count();
        let han = self.0.chars().filter(|c| is_han(*c)).count();
        if han > 0 {
            self.0.chars().filter(|c| !c.is_whitespace()).count() >= 2
        } else {
            words >= 2
        }
    }

    /// Whether nothing was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
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
        // A landline keeps less: at least half its digits are hidden.
        assert_eq!(Phone::new("2888-1234").to_string(), "*****234");
        let n = PersonName::new("王小明");
        assert_eq!(n.to_string(), "王**");
        assert_eq!(format!("{n:?}"), "PersonName(王**)");
        assert_eq!(PersonName::new("陈").to_string(), "陈*");
    }

    fn norm(s: &str) -> Result<PhoneNumber, PhoneProblem> {
        Phone::new(s).normalized()
    }

    fn mobile(s: &str) -> PhoneNumber {
        PhoneNumber::Mobile { digits: s.into() }
    }

    /// One mobile, 13900003333, as people write it.
    pub(super) const MOBILE_WRITTEN: [&str; 10] = [
        "13900003333",
        "139 0000 3333",
        "139-0000-3333",
        "+86 139-0000-3333",
        "+8613900003333",
        "0086 139 0000 3333",
        "8613900003333",
        "013900003333",
        "(+86) 139.0000.3333",
        "１３９００００３３３３",
    ];

    #[test]
    fn normalises_mobiles_written_many_ways() {
        for s in MOBILE_WRITTEN {
            assert_eq!(norm(s), Ok(mobile("13900003333")), "{s}");
        }
    }

    #[test]
    fn normalises_landlines_with_and_without_area_code() {
        let with = norm("010-6512 3456").unwrap();
        let without = norm("65123456").unwrap();
        let other_city = norm("021-65123456").unwrap();
        assert!(with.same_line(&without));
        assert!(!with.same_line(&other_city));
        assert_eq!(
            norm("0571-8888888").unwrap(),
            PhoneNumber::Landline {
                area: Some("0571".into()),
                local: "8888888".into()
            }
        );
        assert_eq!(norm("+86 10 6512 3456").unwrap(), with);
        assert_eq!(norm("0086 571 8888888"), norm("0571-8888888"));
    }

    #[test]
    fn says_why_a_number_is_not_one() {
        assert_eq!(norm(""), Err(PhoneProblem::Empty));
        assert_eq!(norm("- -"), Err(PhoneProblem::Empty));
        assert_eq!(norm("138x1234"), Err(PhoneProblem::BadCharacter));
        assert_eq!(
            norm("1381234567"),
            Err(PhoneProblem::MobileLength { digits: 10 })
        );
        assert_eq!(
            norm("010-12345"),
            Err(PhoneProblem::LandlineLength { digits: 5 })
        );
        assert_eq!(norm("010-0123456"), Err(PhoneProblem::BadLocal));
        assert_eq!(norm("139+0000"), Err(PhoneProblem::BadCharacter));
        assert!(norm("+44 20 7946 0958").unwrap().key().starts_with("44"));
        let msg = PhoneProblem::MobileLength { digits: 10 }.to_string();
        assert!(!msg.contains("138"));
    }

    #[test]
    fn masks_normalised_numbers() {
        assert_eq!(mobile("13812345678").to_string(), "138****5678");
        assert_eq!(
            format!("{:?}", norm("010-65123456").unwrap()),
            "PhoneNumber(010-*****456)"
        );
    }

    #[test]
    fn tells_full_names_from_surnames() {
        assert!(PersonName::new("陈明").is_full());
        assert!(!PersonName::new("陈").is_full());
        assert!(PersonName::new("Ming Chen").is_full());
        assert!(!PersonName::new("Chen").is_full());
    }
}

/// A normalised phone number as two integers, for the registry's index and
/// its comparisons: what [`PhoneNumber`] says, without its strings. Built
/// from the text without allocating ([`Phone::line`]), so a returning
/// client's number is looked up at no heap cost.
///
/// `Debug` is masked like [`PhoneNumber`]'s: a client's file keeps its
/// numbers as lines.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// 0 mobile, 1 landline, 2 international.
    kind: u8,
    /// The digits of [`PhoneNumber::key`], with their count (leading zeros kept apart).
    key: u64,
    key_len: u8,
    /// A landline's area code as its digit count times 10^4 plus its
    /// value (`0571` is 40571); 0 when none was given.
    area: u32,
}

/// Digits as a number, with how many there were (at most 19).
fn digits_value(d: &[u8]) -> (u64, u8) {
    let v = d.iter().fold(0u64, |v, b| {
        v.wrapping_mul(10).wrapping_add(u64::from(b - b'0'))
    });
    (v, d.len() as u8)
}

impl Line {
    /// The line `n` is.
    pub(crate) fn of(n: &PhoneNumber) -> Line {
        match n {
            PhoneNumber::Mobile { digits } => Line::new(0, digits.as_bytes(), None),
            PhoneNumber::Landline { area, local } => {
                Line::new(1, local.as_bytes(), area.as_deref().map(str::as_bytes))
            }
            PhoneNumber::International { digits } => Line::new(2, digits.as_bytes(), None),
        }
    }

    fn new(kind: u8, key: &[u8], area: Option<&[u8]>) -> Line {
        let (key, key_len) = digits_value(key);
        let area = area.map_or(0, |a| {
            let (v, n) = digits_value(a);
            u32::from(n) * 10_000 + v as u32
        });
        Line {
            kind,
            key,
            key_len,
            area,
        }
    }

    /// The number it is, as [`Phone::normalized`] gave it: the digits
    /// and the area code come back with their leading zeros from their
    /// counts.
    pub(crate) fn number(&self) -> PhoneNumber {
        let digits = |v: u64, n: usize| format!("{v:0n$}");
        let key = digits(self.key, usize::from(self.key_len));
        match self.kind {
            0 => PhoneNumber::Mobile { digits: key },
            1 => PhoneNumber::Landline {
                area: (self.area != 0)
                    .then(|| digits(u64::from(self.area % 10_000), (self.area / 10_000) as usize)),
                local: key,
            },
            _ => PhoneNumber::International { digits: key },
        }
    }

    /// The index key: the digits of [`PhoneNumber::key`] as a number.
    pub(crate) fn key(&self) -> u64 {
        self.key
    }

    /// As [`PhoneNumber::same_line`].
    pub(crate) fn same_line(&self, other: &Line) -> bool {
        let same_key =
            self.kind == other.kind && self.key == other.key && self.key_len == other.key_len;
        if self.kind == 1 {
            same_key && (self.area == 0 || other.area == 0 || self.area == other.area)
        } else {
            same_key && self.area == other.area
        }
    }
}

impl fmt::Debug for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line({})", self.number().masked())
    }
}

impl Phone {
    /// [`Phone::normalized`] as a [`Line`], without allocating for any
    /// number of up to 24 digits (longer ones are never valid but are
    /// judged by `normalized` all the same).
    pub(crate) fn line(&self) -> Result<Line, PhoneProblem> {
        let mut buf = [0u8; 24];
        let mut n = 0;
        let mut plus = false;
        for c in self.0.chars() {
            match digit_of(c) {
                Some(x) if n < buf.len() => {
                    buf[n] = x as u8;
                    n += 1;
                }
                Some(_) => return self.normalized().map(|p| Line::of(&p)),
                None if is_separator(c) => {}
                None if matches!(c, '+' | '\u{FF0B}') && n == 0 && !plus => plus = true,
                None => return Err(PhoneProblem::BadCharacter),
            }
        }
        let d = &buf[..n];
        if d.is_empty() {
            return Err(PhoneProblem::Empty);
        }
        // The national number, as `normalize` makes it; a trunk 0 put back
        // is kept apart (`zero`) rather than written into a new buffer.
        let (zero, national): (bool, &[u8]) = if plus {
            match d.strip_prefix(b"86") {
                Some(rest) => (trunk_zero(rest), rest),
                None if (6..=15).contains(&d.len()) => return Ok(Line::new(2, d, None)),
                None => return Err(PhoneProblem::InternationalLength { digits: d.len() }),
            }
        } else if let Some(rest) = d.strip_prefix(b"0086") {
            (trunk_zero(rest), rest)
        } else if d.len() == 13 && d.starts_with(b"861") {
            (false, &d[2..])
        } else {
            (false, d)
        };
        national_line(zero, national)
    }
}

/// Whether `trunk` puts a 0 back before `rest`.
fn trunk_zero(rest: &[u8]) -> bool {
    let mobile = rest.first() == Some(&b'1') && rest.len() == 11;
    !(mobile || rest.first() == Some(&b'0') || rest.is_empty())
}

/// `national_number` over `0` (when `zero`) followed by `rest`.
fn national_line(zero: bool, rest: &[u8]) -> Result<Line, PhoneProblem> {
    let len = rest.len() + usize::from(zero);
    let first = if zero {
        Some(b'0')
    } else {
        rest.first().copied()
    };
    match first {
        None => Err(PhoneProblem::Empty),
        Some(b'1') if len == 11 => Ok(Line::new(0, rest, None)),
        Some(b'1') => Err(PhoneProblem::MobileLength { digits: len }),
        Some(b'0') => {
            // After the leading 0.
            let after = if zero { rest } else { &rest[1..] };
            if after.first() == Some(&b'1') && after.len() == 11 {
                return Ok(Line::new(0, after, None));
            }
            let area_len = if matches!(after.first(), Some(b'1' | b'2')) {
                3
            } else {
                4
            };
            if len <= area_len {
                return Err(PhoneProblem::LandlineLength { digits: 0 });
            }
            // The area code is the 0 and the next area_len - 1 digits.
            let (area_rest, local) = after.split_at(area_len - 1);
            let mut area = [b'0'; 4];
            area[1..area_len].copy_from_slice(area_rest);
            landline_line(Some(&area[..area_len]), local)
        }
        Some(_) => landline_line(None, rest),
    }
}

fn landline_line(area: Option<&[u8]>, local: &[u8]) -> Result<Line, PhoneProblem> {
    if !(7..=8).contains(&local.len()) {
        return Err(PhoneProblem::LandlineLength {
            digits: local.len(),
        });
    }
    if matches!(local.first(), Some(b'0' | b'1')) {
        return Err(PhoneProblem::BadLocal);
    }
    Ok(Line::new(1, local, area))
}

#[cfg(test)]
mod line_tests {
    use super::*;

    /// The allocation-free reading agrees with `normalized` everywhere.
    #[test]
    fn line_agrees_with_normalized() {
        let mut texts: Vec<String> = super::tests::MOBILE_WRITTEN
            .iter()
            .chain(&[
                "010-6512 3456",
                "65123456",
                "021-65123456",
                "0571-8888888",
                "+86 10 6512 3456",
                "0086 571 8888888",
                "",
                "- -",
                "138x1234",
                "1381234567",
                "010-12345",
                "010-0123456",
                "139+0000",
                "+44 20 7946 0958",
                "+86",
                "0086",
                "+",
                "0",
                "00",
                "010",
                "0571",
                "+0123456",
                "+86 0571 8888888",
                "+861",
                "86139",
                "+86571888888",
                "8888888",
                "0888888",
                "1888888",
                "123456789012345678901234567890",
                "+1234567890123456",
            ])
            .map(|s| s.to_string())
            .collect();
        // Every short string over a small alphabet of digits and signs.
        let alphabet = ['0', '1', '2', '5', '8', '6', '+', '-'];
        let mut frontier = vec![String::new()];
        for _ in 0..6 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            texts.extend(next.iter().cloned());
            frontier = next;
        }
        for prefix in ["", "+86", "0086", "86", "0", "+"] {
            for body in [
                "13912345678",
                "1012345678",
                "2112345678",
                "57112345678",
                "5711234567",
                "12345678",
                "2345678",
            ] {
                texts.push(format!("{prefix}{body}"));
            }
        }
        for t in &texts {
            let p = Phone::new(t);
            let want = p.normalized().map(|n| Line::of(&n));
            assert_eq!(p.line(), want, "{t:?}");
            // A client's file keeps lines, and a snapshot writes them back
            // as the numbers they were read from.
            if let Ok(n) = p.normalized() {
                assert_eq!(Line::of(&n).number(), n, "{t:?}");
            }
        }
        // And the line comparison agrees with `same_line`.
        let numbers: Vec<PhoneNumber> = texts
            .iter()
            .filter_map(|t| Phone::new(t).normalized().ok())
            .take(400)
            .collect();
        for a in &numbers {
            for b in &numbers {
                assert_eq!(
                    Line::of(a).same_line(&Line::of(b)),
                    a.same_line(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
