//! [`Decimal`]: Edm.Decimal kept exact.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

use super::{Wire, invalid};

const EDM: &str = "Edm.Decimal";
const EXPECTED: &str = "a decimal number such as -12.50 or 1.5e3";

/// An Edm.Decimal value, kept as its decimal text so that no digit is lost.
///
/// Servers send decimals as JSON numbers, or as strings when the client asked for
/// `IEEE754Compatible=true` (OData JSON Format v4.01 §3.2). A string keeps every digit;
/// a JSON number is handed over by `serde_json` as an `i64`, `u64` or `f64`, so a
/// non-integer number with more precision than an `f64` loses it before it gets here.
/// Ask for strings when that matters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The decimal text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The error of parsing a [`Decimal`] from text that is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecimalError(());

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {EXPECTED}")
    }
}

impl std::error::Error for ParseDecimalError {}

/// Whether `text` is `[-+]?digits[.digits][e[-+]digits]` (CSDL's `decimalValue`; `E`
/// is allowed too, ABNF literals being case-insensitive).
fn is_decimal(text: &str) -> bool {
    fn digits(text: &str) -> Option<&str> {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        if end == 0 { None } else { text.get(end..) }
    }
    let rest = text.strip_prefix(['-', '+']).unwrap_or(text);
    let Some(mut rest) = digits(rest) else {
        return false;
    };
    if let Some(fraction) = rest.strip_prefix('.') {
        match digits(fraction) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        match digits(exponent) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    fn from_str(s: &str) -> Result<Self, ParseDecimalError> {
        if is_decimal(s) {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseDecimalError(()))
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Self(value.to_string())
    }
}

impl From<u64> for Decimal {
    fn from(value: u64) -> Self {
        Self(value.to_string())
    }
}

/// Read from a JSON number or a string; written as a JSON number when that loses
/// nothing (an integer that fits `i64`/`u64`, or text that is exactly how
/// `serde_json` writes the nearest `f64`, so `1.5` but not `1.50` or
/// `0.10000000000000000001`), otherwise as a string.
impl Wire for Decimal {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.as_str();
        if let Ok(value) = text.parse::<i64>()
            && value.to_string() == text
        {
            return serializer.serialize_i64(value);
        }
        if let Ok(value) = text.parse::<u64>()
            && value.to_string() == text
        {
            return serializer.serialize_u64(value);
        }
        if let Ok(value) = text.parse::<f64>()
            && let Some(number) = serde_json::Number::from_f64(value)
            && number.to_string() == text
        {
            return serializer.serialize_f64(value);
        }
        serializer.serialize_str(text)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{EDM} as a JSON number or a string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // serde_json's own shortest round-trip rendering (ryu), e.g. `1e300`, `0.1`.
        serde_json::Number::from_f64(v)
            .map(|number| Decimal(number.to_string()))
            .ok_or_else(|| invalid(EDM, &v, EXPECTED))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        v.parse().map_err(|_| invalid(EDM, &v, EXPECTED))
    }
}
