//! [`Literal`]: values written into a URL, in the primitive literal forms of the OData
//! ABNF (OData URL Conventions v4.01 §5.1.1 and `odata-abnf-construction-rules`).

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use time::{Date, Duration, OffsetDateTime, Time};

use crate::wire::{Binary, Decimal, format_date_time, format_duration, write_date, write_time};

/// A value written into a URL: a key, or a parameter of a function call.
///
/// Both methods write the text *before* percent-encoding; [`Path`](super::Path) encodes.
pub trait Literal {
    /// The literal as it appears in a key predicate `(…)` or a function parameter:
    /// strings `'quoted'` with `'` doubled, numbers plain (`INF`, `-INF`, `NaN` for
    /// doubles), `true`/`false`, GUIDs bare, date-times in RFC 3339 without quotes,
    /// durations `duration'P1DT2H'`, binaries `binary'…'` (base64url).
    fn write_literal(&self, out: &mut String);

    /// The value as a key *segment* (`/users/{id}`, the key-as-segment convention of
    /// OData URL Conventions v4.01 §4.3.6 that Graph uses): strings raw, without quotes;
    /// everything else as [`write_literal`](Literal::write_literal).
    fn write_segment(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// `'text'` with every `'` doubled (ABNF `string = SQUOTE *( SQUOTE-in-string / pchar-no-SQUOTE ) SQUOTE`).
fn quote(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

/// `prefix'body'`: the typed-literal form of durations, binaries and enum members.
fn typed(out: &mut String, prefix: &str, body: &str) {
    out.push_str(prefix);
    quote(out, body);
}

impl Literal for str {
    fn write_literal(&self, out: &mut String) {
        quote(out, self);
    }

    fn write_segment(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Literal for String {
    fn write_literal(&self, out: &mut String) {
        self.as_str().write_literal(out);
    }

    fn write_segment(&self, out: &mut String) {
        self.as_str().write_segment(out);
    }
}

impl<T: Literal + ?Sized> Literal for &T {
    fn write_literal(&self, out: &mut String) {
        (**self).write_literal(out);
    }

    fn write_segment(&self, out: &mut String) {
        (**self).write_segment(out);
    }
}

impl<T: Literal + ?Sized> Literal for Box<T> {
    fn write_literal(&self, out: &mut String) {
        (**self).write_literal(out);
    }

    fn write_segment(&self, out: &mut String) {
        (**self).write_segment(out);
    }
}

/// A nullable function parameter: `null` when absent (OData ABNF `nullValue`).
impl<T: Literal> Literal for Option<T> {
    fn write_literal(&self, out: &mut String) {
        match self {
            Some(value) => value.write_literal(out),
            None => out.push_str("null"),
        }
    }

    fn write_segment(&self, out: &mut String) {
        match self {
            Some(value) => value.write_segment(out),
            None => out.push_str("null"),
        }
    }
}

impl Literal for bool {
    fn write_literal(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! integer_literal {
    ($($t:ty),*) => {$(
        impl Literal for $t {
            fn write_literal(&self, out: &mut String) {
                // Writing to a String cannot fail.
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

integer_literal!(i8, u8, i16, i32, i64);

macro_rules! float_literal {
    ($($t:ty),*) => {$(
        /// `NaN`, `INF`, `-INF` (ABNF `nanInfinity`), else the shortest text that reads
        /// back as the same value (`1e300`, `0.1`), which the ABNF's `doubleValue` allows.
        impl Literal for $t {
            fn write_literal(&self, out: &mut String) {
                if self.is_nan() {
                    out.push_str("NaN");
                } else if self.is_infinite() {
                    out.push_str(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    // Rust's `Debug` of a float is the shortest round-trip form, always
                    // with a `.` or an exponent.
                    let _ = write!(out, "{self:?}");
                }
            }
        }
    )*};
}

float_literal!(f32, f64);

/// Bare, hyphenated, lowercase (ABNF `guidValue`).
impl Literal for uuid::Uuid {
    fn write_literal(&self, out: &mut String) {
        let mut buffer = uuid::Uuid::encode_buffer();
        out.push_str(self.hyphenated().encode_lower(&mut buffer));
    }
}

/// Bare RFC 3339, as in the JSON wire form (ABNF `dateTimeOffsetValue`); a `+` offset
/// is percent-encoded by the path, so it is not read as a space.
impl Literal for OffsetDateTime {
    fn write_literal(&self, out: &mut String) {
        if let Ok(text) = format_date_time(*self) {
            out.push_str(&text);
        }
    }
}

/// `2024-01-31` (ABNF `dateValue`).
impl Literal for Date {
    fn write_literal(&self, out: &mut String) {
        let _ = write_date(out, *self);
    }
}

/// `12:01:03.45` (ABNF `timeOfDayValue`).
impl Literal for Time {
    fn write_literal(&self, out: &mut String) {
        let _ = write_time(out, *self);
    }
}

/// `duration'P1DT2H'` (ABNF `duration`).
impl Literal for Duration {
    fn write_literal(&self, out: &mut String) {
        if let Ok(text) = format_duration(*self) {
            typed(out, "duration", &text);
        }
    }
}

/// `binary'…'` in base64url (ABNF `binary`: unlike the JSON form, which Graph wants in
/// the standard alphabet, a URL literal uses `-` and `_`, so no `+` or `/` needs escaping).
impl Literal for Binary {
    fn write_literal(&self, out: &mut String) {
        typed(out, "binary", &URL_SAFE.encode(&self.0));
    }
}

/// The decimal text as is (ABNF `decimalValue`).
impl Literal for Decimal {
    fn write_literal(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

/// An enumeration member (or flags value) literal: `Namespace.EnumType'member'`.
///
/// This is the OData 4.0 form (ABNF `enum = qualifiedEnumTypeName SQUOTE enumValue
/// SQUOTE`), which 4.01 services accept too. A flags value lists its members separated
/// by commas in `member`, e.g. `"fastRestore,includeNewerItems"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumLiteral<'a> {
    /// The namespace-qualified enum type name, e.g. `microsoft.graph.restoreSessionStatus`.
    pub qualified_type: &'a str,
    /// The member name(s) as on the wire.
    pub member: &'a str,
}

impl Literal for EnumLiteral<'_> {
    fn write_literal(&self, out: &mut String) {
        typed(out, self.qualified_type, self.member);
    }
}

/// A parameter alias reference, `@name`, in a function call or key: the value itself is
/// sent in the query as `@name=<JSON>` (OData URL Conventions v4.01 §5.1.1.14.1), which
/// [`Request::alias`](super::Request::alias) adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias<'a>(pub &'a str);

impl Literal for Alias<'_> {
    fn write_literal(&self, out: &mut String) {
        out.push('@');
        out.push_str(self.0);
    }
}

/// A value already in literal form, written as is (e.g. `null`, or a literal the
/// generator computed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLiteral<'a>(pub &'a str);

impl Literal for RawLiteral<'_> {
    fn write_literal(&self, out: &mut String) {
        out.push_str(self.0);
    }
}
