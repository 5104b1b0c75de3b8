//! Conversions to and from chrono (feature `chrono`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::{Date, TimeError, Timestamp};

impl TryFrom<NaiveDate> for Date {
    type Error = TimeError;
    fn try_from(d: NaiveDate) -> Result<Date, TimeError> {
        Date::from_ymd(d.year(), d.month(), d.day())
    }
}

impl From<Date> for NaiveDate {
    fn from(d: Date) -> NaiveDate {
        let (y, m, day) = d.ymd();
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid Date is a valid NaiveDate")
    }
}

impl TryFrom<NaiveDateTime> for Timestamp {
    type Error = TimeError;
    fn try_from(t: NaiveDateTime) -> Result<Timestamp, TimeError> {
        Timestamp::from_civil(
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
        )
    }
}

impl From<Timestamp> for NaiveDateTime {
    fn from(t: Timestamp) -> NaiveDateTime {
        let (h, m, s) = t.hms();
        NaiveDate::from(t.date())
            .and_hms_opt(h, m, s)
            .expect("a valid Timestamp is a valid NaiveDateTime")
    }
}
