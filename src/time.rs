//! The office's local civil time, to the second, with no clock and no time zone.
//!
//! A log belongs to one office, so every timestamp is that office's wall-clock
//! time. Days are its local calendar days (P2-2.13 reading). Calendar arithmetic
//! here is Howard Hinnant's `days_from_civil` algorithm; the test suite
//! cross-checks it against chrono over many dates.

use std::fmt;
use std::str::FromStr;

/// Why a date or time was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeError {
    /// The text is not `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
    #[error("`{0}` is not a time of the form YYYY-MM-DDTHH:MM:SS")]
    Format(String),
    /// A field is outside its range (month 13, February 30, hour 24 ...).
    #[error("{field} {value} is out of range")]
    Range {
        /// Which field: year, month, day, hour, minute or second.
        field: &'static str,
        /// The value given.
        value: i64,
    },
}

/// A calendar day of the office, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A moment in the office's local civil time, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

const SECS_PER_DAY: i64 = 86_400;
const MIN_YEAR: i64 = 1900;
const MAX_YEAR: i64 = 9999;

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1-12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn check(field: &'static str, value: i64, lo: i64, hi: i64) -> Result<(), TimeError> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(TimeError::Range { field, value })
    }
}

impl Date {
    /// The date `year-month-day`.
    ///
    /// # Errors
    /// [`TimeError::Range`] when the year is outside 1900-9999, the month
    /// outside 1-12 or the day past the month's end (2026-02-29).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self, TimeError> {
        check("year", i64::from(year), MIN_YEAR, MAX_YEAR)?;
        check("month", i64::from(month), 1, 12)?;
        check(
            "day",
            i64::from(day),
            1,
            i64::from(days_in_month(year, month)),
        )?;
        Ok(Date(days_from_civil(i64::from(year), month, day) as i32))
    }

    /// Year, month (1-12) and day (1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(i64::from(self.0));
        (y as i32, m, d)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The date `days` later (earlier when negative).
    pub fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    /// Whole calendar days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.0 - earlier.0
    }

    /// The same day `months` later, clamped to the month's last day
    /// (one month from Jan 31 is Feb 28, or Feb 29 in a leap year).
    pub fn add_months_clamped(self, months: u32) -> Date {
        let (y, m, d) = self.ymd();
        let total = i64::from(y) * 12 + i64::from(m - 1) + i64::from(months);
        let (ny, nm) = (
            total.div_euclid(12) as i32,
            (total.rem_euclid(12) + 1) as u32,
        );
        let nd = d.min(days_in_month(ny, nm));
        Date(days_from_civil(i64::from(ny), nm, nd) as i32)
    }

    /// Midnight at the start of this date.
    pub fn start(self) -> Timestamp {
        Timestamp(i64::from(self.0) * SECS_PER_DAY)
    }
}

impl Timestamp {
    /// The moment `year-month-day hour:minute:second`.
    ///
    /// # Errors
    /// [`TimeError::Range`] for an impossible date (see [`Date::from_ymd`]) or
    /// an hour past 23, a minute or second past 59.
    pub fn from_civil(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Result<Self, TimeError> {
        let date = Date::from_ymd(year, month, day)?;
        check("hour", i64::from(hour), 0, 23)?;
        check("minute", i64::from(minute), 0, 59)?;
        check("second", i64::from(second), 0, 59)?;
        Ok(Timestamp(
            date.start().0 + i64::from(hour * 3600 + minute * 60 + second),
        ))
    }

    /// The moment [`Timestamp::seconds`] gave.
    pub(crate) fn from_seconds(seconds: i64) -> Timestamp {
        Timestamp(seconds)
    }

    /// Seconds since 1970-01-01T00:00:00 of the office's civil time.
    pub fn seconds(self) -> i64 {
        self.0
    }

    /// The calendar day this moment falls on.
    pub fn date(self) -> Date {
        Date(self.0.div_euclid(SECS_PER_DAY) as i32)
    }

    /// Hour, minute and second of the day.
    pub fn hms(self) -> (u32, u32, u32) {
        let s = self.0.rem_euclid(SECS_PER_DAY) as u32;
        (s / 3600, s / 60 % 60, s % 60)
    }

    /// The moment `secs` seconds later.
    pub fn plus_seconds(self, secs: i64) -> Timestamp {
        Timestamp(self.0 + secs)
    }

    /// Seconds from `earlier` to `self`.
    pub fn seconds_since(self, earlier: Timestamp) -> i64 {
        self.0 - earlier.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, mi, s) = self.hms();
        write!(f, "{}T{h:02}:{mi:02}:{s:02}", self.date())
    }
}

fn num(text: &str, part: &str) -> Result<u32, TimeError> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || part.len() > 4 {
        return Err(TimeError::Format(text.to_owned()));
    }
    part.parse().map_err(|_| TimeError::Format(text.to_owned()))
}

fn parse_date(text: &str, s: &str) -> Result<Date, TimeError> {
    let mut it = s.split('-');
    let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err(TimeError::Format(text.to_owned()));
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(TimeError::Format(text.to_owned()));
    }
    Date::from_ymd(num(text, y)? as i32, num(text, m)?, num(text, d)?)
}

impl FromStr for Date {
    type Err = TimeError;
    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, TimeError> {
        parse_date(s, s)
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;
    /// Parses `YYYY-MM-DDTHH:MM:SS` (a space may stand for the `T`).
    fn from_str(s: &str) -> Result<Self, TimeError> {
        let (d, t) = s
            .split_once(['T', ' '])
            .ok_or_else(|| TimeError::Format(s.to_owned()))?;
        let date = parse_date(s, d)?;
        let mut it = t.split(':');
        let (Some(h), Some(mi), Some(sec), None) = (it.next(), it.next(), it.next(), it.next())
        else {
            return Err(TimeError::Format(s.to_owned()));
        };
        if h.len() != 2 || mi.len() != 2 || sec.len() != 2 {
            return Err(TimeError::Format(s.to_owned()));
        }
        let (y, m, dd) = date.ymd();
        Timestamp::from_civil(y, m, dd, num(s, h)?, num(s, mi)?, num(s, sec)?)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Date, Timestamp};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    macro_rules! as_text {
        ($t:ty) => {
            impl Serialize for $t {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.collect_str(self)
                }
            }
            impl<'de> Deserialize<'de> for $t {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                    text.parse().map_err(D::Error::custom)
                }
            }
        };
    }
    as_text!(Date);
    as_text!(Timestamp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text() {
        let t: Timestamp = "2026-03-01T10:05:09".parse().unwrap();
        assert_eq!(t.to_string(), "2026-03-01T10:05:09");
        assert_eq!("2026-03-01 10:05:09".parse::<Timestamp>().unwrap(), t);
        assert!("2026-02-29T10:00:00".parse::<Timestamp>().is_err());
        assert!("2026-3-01T10:00:00".parse::<Timestamp>().is_err());
        assert!("2026-03-01T24:00:00".parse::<Timestamp>().is_err());
    }

    #[test]
    fn month_clamps_to_its_end() {
        let d = Date::from_ymd(2026, 1, 31).unwrap();
        assert_eq!(d.add_months_clamped(1).to_string(), "2026-02-28");
        let d = Date::from_ymd(2028, 1, 31).unwrap();
        assert_eq!(d.add_months_clamped(1).to_string(), "2028-02-29");
        assert_eq!(d.add_months_clamped(13).to_string(), "2029-02-28");
    }
}
