//! The core's civil calendar, cross-checked against chrono, and the
//! `chrono` feature's conversions.

use anchang::{Date, Timestamp};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use proptest::prelude::*;

fn naive(days: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(i64::from(days))
}

/// Every day from 1900 to 2200 has the same y-m-d, weekday count and
/// month length as chrono gives.
#[test]
fn civil_dates_match_chrono_day_by_day() {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap();
    let mut n = first;
    while n <= last {
        let d = Date::from_ymd(n.year(), n.month(), n.day()).unwrap();
        assert_eq!(naive(d.days_since_epoch()), n);
        assert_eq!(d.ymd(), (n.year(), n.month(), n.day()));
        let next_month = n
            .with_day(1)
            .unwrap()
            .checked_add_months(chrono::Months::new(1))
            .unwrap();
        let len = (next_month - n.with_day(1).unwrap()).num_days() as u32;
        assert_eq!(anchang::days_in_month(n.year(), n.month()), len, "{n}");
        n = n.succ_opt().unwrap();
    }
}

proptest! {
    /// Adding days and months agrees with chrono (months clamp to the end).
    #[test]
    fn date_arithmetic_matches_chrono(days in -25_000i32..80_000, add in -4000i32..4000, months in 0u32..40) {
        let d = Date::from_ymd(1970, 1, 1).unwrap().add_days(days);
        let n = naive(days);
        prop_assert_eq!(naive(d.add_days(add).days_since_epoch()), n + chrono::Duration::days(i64::from(add)));
        prop_assert_eq!(d.add_days(add).days_since(d), add);
        let m = n.checked_add_months(chrono::Months::new(months)).unwrap();
        prop_assert_eq!(naive(d.add_months_clamped(months).days_since_epoch()), m);
    }

    /// Text and chrono conversions of a timestamp agree.
    #[test]
    fn timestamps_convert_both_ways(secs in -2_000_000_000i64..6_000_000_000) {
        let n = chrono::DateTime::from_timestamp(secs, 0).unwrap().naive_utc();
        let t = Timestamp::try_from(n).unwrap();
        prop_assert_eq!(t.seconds(), secs);
        prop_assert_eq!(NaiveDateTime::from(t), n);
        prop_assert_eq!(t.to_string(), n.format("%Y-%m-%dT%H:%M:%S").to_string());
        prop_assert_eq!(t.to_string().parse::<Timestamp>().unwrap(), t);
        prop_assert_eq!(t.hms(), (n.hour(), n.minute(), n.second()));
        prop_assert_eq!(Date::try_from(n.date()).unwrap(), t.date());
    }
}
