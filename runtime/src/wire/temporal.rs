//! Wire forms of Edm.DateTimeOffset, Edm.Date and Edm.TimeOfDay.

use std::fmt::{self, Write as _};

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, Time, UtcOffset};

use super::{Wire, invalid};

const DATE_TIME_OFFSET: &str = "Edm.DateTimeOffset";
const DATE_TIME_EXPECTED: &str = "an RFC 3339 date-time such as 2023-03-30T12:01:03.45Z";
const DATE: &str = "Edm.Date";
const DATE_EXPECTED: &str = "a date such as 2023-03-30";
const TIME_OF_DAY: &str = "Edm.TimeOfDay";
const TIME_EXPECTED: &str = "a time of day such as 12:01:03.45";

/// Writes `.fffffff` for the sub-second part, truncated to 7 digits (100 ns, the tick of
/// .NET's `DateTimeOffset`, which is the most precision Graph accepts), with trailing
/// zeros trimmed; nothing at all when the truncated fraction is zero.
pub(crate) fn write_fraction(out: &mut String, nanoseconds: u32) -> fmt::Result {
    let mut ticks = nanoseconds / 100;
    if ticks == 0 {
        return Ok(());
    }
    let mut width = 7;
    while ticks.is_multiple_of(10) {
        ticks /= 10;
        width -= 1;
    }
    write!(out, ".{ticks:0width$}")
}

pub(crate) fn write_time(out: &mut String, time: Time) -> fmt::Result {
    let (hour, minute, second, nanosecond) = time.as_hms_nano();
    write!(out, "{hour:02}:{minute:02}:{second:02}")?;
    write_fraction(out, nanosecond)
}

pub(crate) fn write_date(out: &mut String, date: Date) -> fmt::Result {
    let (year, month, day) = date.to_calendar_date();
    // Years before 1 CE get a sign, as in XML Schema's dateTime that CSDL builds on.
    if year < 0 {
        out.push('-');
    }
    write!(
        out,
        "{:04}-{:02}-{day:02}",
        year.unsigned_abs(),
        u8::from(month)
    )
}

fn parse_date_time(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

fn parse_time(text: &str) -> Option<Time> {
    let format =
        format_description!("[hour]:[minute][optional [:[second][optional [.[subsecond]]]]]");
    Time::parse(text, format).ok()
}

/// Formats an Edm.DateTimeOffset: `YYYY-MM-DDThh:mm:ss[.fffffff]Z` in UTC, or with a
/// `±hh:mm` offset otherwise.
pub(crate) fn format_date_time(value: OffsetDateTime) -> Result<String, fmt::Error> {
    // RFC 3339 offsets have no seconds; rather than drop them (and move the instant),
    // such a value is written in UTC.
    let value = if value.offset().seconds_past_minute() == 0 {
        value
    } else {
        value.to_offset(UtcOffset::UTC)
    };
    let mut out = String::with_capacity(33);
    write_date(&mut out, value.date())?;
    out.push('T');
    write_time(&mut out, value.time())?;
    let offset = value.offset();
    if offset.is_utc() {
        out.push('Z');
    } else {
        let sign = if offset.is_negative() { '-' } else { '+' };
        let (hours, minutes, _) = offset.as_hms();
        write!(
            out,
            "{sign}{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        )?;
    }
    Ok(out)
}

/// Edm.DateTimeOffset (OData JSON Format v4.01 §7.1, CSDL's `dateTimeOffsetValue`):
/// read as RFC 3339 (upper- or lowercase `T`/`Z`, any number of fractional digits).
impl Wire for OffsetDateTime {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TemporalVisitor(
            DATE_TIME_OFFSET,
            DATE_TIME_EXPECTED,
            parse_date_time,
        ))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = format_date_time(*self).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

/// Edm.Date: `YYYY-MM-DD`.
impl Wire for Date {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TemporalVisitor(DATE, DATE_EXPECTED, parse_date))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(11);
        write_date(&mut out, *self).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&out)
    }
}

/// Edm.TimeOfDay: read as `hh:mm[:ss[.f…]]` (seconds are optional in CSDL's
/// `timeOfDayValue`), written as `hh:mm:ss[.fffffff]`.
impl Wire for Time {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TemporalVisitor(TIME_OF_DAY, TIME_EXPECTED, parse_time))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(16);
        write_time(&mut out, *self).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&out)
    }
}

/// Reads a string and parses it with the function, naming the Edm type on failure.
struct TemporalVisitor<T>(&'static str, &'static str, fn(&str) -> Option<T>);

impl<T> Visitor<'_> for TemporalVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} as a string", self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.2)(v).ok_or_else(|| invalid(self.0, &v, self.1))
    }
}
