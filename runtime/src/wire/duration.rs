//! Wire form of Edm.Duration.

use std::fmt::{self, Write as _};

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use time::Duration;

use super::temporal::write_fraction;
use super::{Wire, invalid};

const EDM: &str = "Edm.Duration";
const EXPECTED: &str = "an ISO 8601 duration such as P1DT2H30M or PT0.5S";

const SECONDS_PER_MINUTE: u64 = 60;
const SECONDS_PER_HOUR: u64 = 3_600;
const SECONDS_PER_DAY: u64 = 86_400;

/// Parses `[-]P[nD][T[nH][nM][n[.f]S]]`, CSDL's `durationValue` (an XML Schema
/// dayTimeDuration: no years or months, whose length in seconds is not fixed).
/// Fractions beyond nanoseconds are truncated.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) => (days, Some(time)),
        None => (rest, None),
    };
    let mut seconds: u64 = 0;
    let mut nanoseconds: u32 = 0;
    let mut any = false;
    if !days.is_empty() {
        let count = days.strip_suffix('D')?;
        seconds = digits(count)?.checked_mul(SECONDS_PER_DAY)?;
        any = true;
    }
    if let Some(mut time) = time {
        // `T` must be followed by at least one component.
        if time.is_empty() {
            return None;
        }
        for (unit, scale) in [('H', SECONDS_PER_HOUR), ('M', SECONDS_PER_MINUTE)] {
            if let Some((count, after)) = time.split_once(unit) {
                seconds = seconds.checked_add(digits(count)?.checked_mul(scale)?)?;
                time = after;
            }
        }
        if !time.is_empty() {
            let count = time.strip_suffix('S')?;
            let (whole, fraction) = match count.split_once('.') {
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (count, None),
            };
            seconds = seconds.checked_add(digits(whole)?)?;
            if let Some(fraction) = fraction {
                nanoseconds = fraction_nanoseconds(fraction)?;
            }
        }
        any = true;
    }
    if !any {
        return None;
    }
    let seconds = i64::try_from(seconds).ok()?;
    let nanoseconds = i64::from(nanoseconds);
    let magnitude = Duration::seconds(seconds).checked_add(Duration::nanoseconds(nanoseconds))?;
    if negative {
        magnitude.checked_neg()
    } else {
        Some(magnitude)
    }
}

/// A non-empty run of ASCII digits.
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The nanoseconds of the digits after a decimal point, truncated past 9 digits.
fn fraction_nanoseconds(fraction: &str) -> Option<u32> {
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: u32 = 0;
    let mut scale: u32 = 100_000_000;
    for digit in fraction.bytes().take(9) {
        value += u32::from(digit - b'0') * scale;
        scale /= 10;
    }
    Some(value)
}

/// Formats in canonical form: `-` for negative values, days, then hours, minutes and
/// seconds that are not zero; the fraction truncated to 7 digits like the other
/// temporal types; `PT0S` for zero.
pub(crate) fn format_duration(value: Duration) -> Result<String, fmt::Error> {
    let seconds = value.whole_seconds().unsigned_abs();
    let nanoseconds = value.subsec_nanoseconds().unsigned_abs();
    let mut out = String::with_capacity(24);
    // Checked on the written magnitude so a value truncated to zero is not `-PT0S`.
    if value.is_negative() && (seconds > 0 || nanoseconds >= 100) {
        out.push('-');
    }
    out.push('P');
    let days = seconds / SECONDS_PER_DAY;
    let hours = seconds % SECONDS_PER_DAY / SECONDS_PER_HOUR;
    let minutes = seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
    let rest = seconds % SECONDS_PER_MINUTE;
    if days > 0 {
        write!(out, "{days}D")?;
    }
    let has_seconds = rest > 0 || nanoseconds >= 100;
    if hours > 0 || minutes > 0 || has_seconds || days == 0 {
        out.push('T');
        if hours > 0 {
            write!(out, "{hours}H")?;
        }
        if minutes > 0 {
            write!(out, "{minutes}M")?;
        }
        if has_seconds || (days == 0 && hours == 0 && minutes == 0) {
            write!(out, "{rest}")?;
            write_fraction(&mut out, nanoseconds)?;
            out.push('S');
        }
    }
    Ok(out)
}

impl Wire for Duration {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DurationVisitor)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = format_duration(*self).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

struct DurationVisitor;

impl Visitor<'_> for DurationVisitor {
    type Value = Duration;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{EDM} as a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
        parse_duration(v).ok_or_else(|| invalid(EDM, &v, EXPECTED))
    }
}
