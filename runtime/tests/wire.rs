//! Wire forms of primitive values: each case reads JSON and writes it back.

use odata_runtime::{Binary, Decimal, Wire, WireRef, WireValue};
use time::macros::{date, datetime, time};
use time::{Date, Duration, OffsetDateTime, Time};

fn read<T: Wire>(json: &str) -> Result<T, String> {
    serde_json::from_str::<WireValue<T>>(json)
        .map(|v| v.0)
        .map_err(|e| e.to_string())
}

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn write<T: Wire>(value: &T) -> String {
    serde_json::to_string(&WireRef(value)).unwrap()
}

#[test]
fn int64_from_number_or_string() {
    assert_eq!(
        read::<i64>("9007199254740993").unwrap(),
        9_007_199_254_740_993
    );
    assert_eq!(
        read::<i64>("\"9007199254740993\"").unwrap(),
        9_007_199_254_740_993
    );
    assert_eq!(read::<i64>("\"-42\"").unwrap(), -42);
    assert_eq!(write(&9_007_199_254_740_993_i64), "9007199254740993");
    let err = read::<i64>("\"12x\"").unwrap_err();
    assert!(err.contains("invalid Edm.Int64 \"12x\""), "{err}");
    assert!(read::<i64>("1.5").is_err());
}

#[test]
fn narrow_integers_check_range() {
    assert_eq!(read::<u8>("255").unwrap(), 255);
    let err = read::<u8>("256").unwrap_err();
    assert!(err.contains("invalid Edm.Byte 256"), "{err}");
    assert!(read::<u8>("-1").is_err());
    assert_eq!(read::<i8>("\"-128\"").unwrap(), -128);
    assert!(read::<i16>("40000").is_err());
    assert_eq!(read::<i32>("-7").unwrap(), -7);
    assert!(read::<i32>("true").is_err());
}

#[test]
fn doubles_with_special_values() {
    assert!(read::<f64>("\"NaN\"").unwrap().is_nan());
    assert_eq!(read::<f64>("\"INF\"").unwrap(), f64::INFINITY);
    assert_eq!(read::<f64>("\"-INF\"").unwrap(), f64::NEG_INFINITY);
    assert_eq!(read::<f64>("1.25").unwrap(), 1.25);
    assert_eq!(read::<f64>("3").unwrap(), 3.0);
    assert_eq!(read::<f64>("\"2.5\"").unwrap(), 2.5);
    assert!(read::<f64>("\"inf\"").is_err());
    assert!(read::<f64>("\"Infinity\"").is_err());
    assert!(read::<f64>("\"nan\"").is_err());
    assert_eq!(write(&f64::NAN), "\"NaN\"");
    assert_eq!(write(&f64::INFINITY), "\"INF\"");
    assert_eq!(write(&f64::NEG_INFINITY), "\"-INF\"");
    assert_eq!(write(&1.5_f64), "1.5");
    assert_eq!(write(&f32::NEG_INFINITY), "\"-INF\"");
    assert_eq!(read::<f32>("\"INF\"").unwrap(), f32::INFINITY);
    assert_eq!(write(&0.5_f32), "0.5");
}

#[test]
fn date_time_offset_round_trips() {
    let cases = [
        (
            "2023-03-30T12:01:03.1234567Z",
            "2023-03-30T12:01:03.1234567Z",
        ),
        (
            "2023-03-30T12:01:03.123456789Z",
            "2023-03-30T12:01:03.1234567Z",
        ),
        ("2023-03-30T12:01:03.4500000Z", "2023-03-30T12:01:03.45Z"),
        ("2023-03-30T12:01:03.0000000Z", "2023-03-30T12:01:03Z"),
        ("2023-03-30T12:01:03Z", "2023-03-30T12:01:03Z"),
        ("2023-03-30t12:01:03z", "2023-03-30T12:01:03Z"),
        ("2023-03-30T12:01:03.5+05:30", "2023-03-30T12:01:03.5+05:30"),
        ("2023-03-30T12:01:03-08:00", "2023-03-30T12:01:03-08:00"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
    ];
    for (input, output) in cases {
        let value: OffsetDateTime = read(&format!("\"{input}\"")).unwrap();
        assert_eq!(write(&value), format!("\"{output}\""), "{input}");
    }
    let value: OffsetDateTime = read("\"2023-03-30T12:01:03.1234567+02:00\"").unwrap();
    assert_eq!(value, datetime!(2023-03-30 12:01:03.1234567 +02:00));
    assert_eq!(value.offset().whole_hours(), 2);
}

#[test]
fn date_time_offset_with_seconds_in_offset_is_written_in_utc() {
    let value = datetime!(2023-03-30 12:00:00 +00:00:30);
    assert_eq!(write(&value), "\"2023-03-30T11:59:30Z\"");
}

#[test]
fn invalid_date_time_offset_names_type_and_value() {
    for bad in [
        "2023-03-30T12-01-03.45Z",
        "2023-03-30",
        "2023-03-30T12:01:03",
        "x",
    ] {
        let err = read::<OffsetDateTime>(&format!("\"{bad}\"")).unwrap_err();
        assert!(
            err.contains(&format!("invalid Edm.DateTimeOffset \"{bad}\"")),
            "{err}"
        );
        assert!(err.contains("expected an RFC 3339 date-time"), "{err}");
    }
    assert!(read::<OffsetDateTime>("12").is_err());
}

#[test]
fn date_table() {
    for (input, expected) in [
        ("2023-03-30", date!(2023 - 03 - 30)),
        ("0001-01-01", date!(0001 - 01 - 01)),
        ("2024-02-29", date!(2024 - 02 - 29)),
    ] {
        let value: Date = read(&format!("\"{input}\"")).unwrap();
        assert_eq!(value, expected);
        assert_eq!(write(&value), format!("\"{input}\""));
    }
    for bad in [
        "2023-02-29",
        "2023-3-30",
        "2023-03-30T00:00:00Z",
        "20230330",
        "",
    ] {
        let err = read::<Date>(&format!("\"{bad}\"")).unwrap_err();
        assert!(
            err.contains(&format!("invalid Edm.Date \"{bad}\"")),
            "{err}"
        );
    }
}

#[test]
fn time_of_day_table() {
    for (input, expected, output) in [
        ("12:01:03", time!(12:01:03), "12:01:03"),
        ("12:01", time!(12:01), "12:01:00"),
        ("00:00:00.5", time!(00:00:00.5), "00:00:00.5"),
        (
            "23:59:59.1234567",
            time!(23:59:59.1234567),
            "23:59:59.1234567",
        ),
        (
            "23:59:59.123456789",
            time!(23:59:59.123456789),
            "23:59:59.1234567",
        ),
        ("08:00:00.0000000", time!(08:00), "08:00:00"),
    ] {
        let value: Time = read(&format!("\"{input}\"")).unwrap();
        assert_eq!(value, expected, "{input}");
        assert_eq!(write(&value), format!("\"{output}\""), "{input}");
    }
    for bad in ["24:00:00", "12", "12:01:03.", "12:01:03Z", "1:01:03"] {
        let err = read::<Time>(&format!("\"{bad}\"")).unwrap_err();
        assert!(
            err.contains(&format!("invalid Edm.TimeOfDay \"{bad}\"")),
            "{err}"
        );
    }
}

#[test]
fn duration_table() {
    let cases = [
        (
            "P1DT2H30M",
            Duration::hours(26) + Duration::minutes(30),
            "P1DT2H30M",
        ),
        ("PT0.5S", Duration::milliseconds(500), "PT0.5S"),
        ("-PT1M", -Duration::minutes(1), "-PT1M"),
        ("PT0S", Duration::ZERO, "PT0S"),
        ("P0D", Duration::ZERO, "PT0S"),
        ("P2D", Duration::days(2), "P2D"),
        ("PT36H", Duration::hours(36), "P1DT12H"),
        ("PT90M", Duration::minutes(90), "PT1H30M"),
        (
            "PT1H0M5S",
            Duration::hours(1) + Duration::seconds(5),
            "PT1H5S",
        ),
        (
            "P1DT1.25S",
            Duration::days(1) + Duration::milliseconds(1250),
            "P1DT1.25S",
        ),
        (
            "PT0.123456789S",
            Duration::nanoseconds(123_456_789),
            "PT0.1234567S",
        ),
        (
            "-P1DT0.1S",
            -(Duration::days(1) + Duration::milliseconds(100)),
            "-P1DT0.1S",
        ),
    ];
    for (input, expected, output) in cases {
        let value: Duration = read(&format!("\"{input}\"")).unwrap();
        assert_eq!(value, expected, "{input}");
        assert_eq!(write(&value), format!("\"{output}\""), "{input}");
    }
    for bad in [
        "", "P", "PT", "P1DT", "1D", "P1Y", "P1M", "PT1.5M", "PT1M2H", "P-1D", "PT1S2", "PT.5S",
        "PT5.S", "+P1D", "P1DT2", "PT1H1H",
    ] {
        let err = read::<Duration>(&format!("\"{bad}\"")).unwrap_err();
        assert!(
            err.contains(&format!("invalid Edm.Duration \"{bad}\"")),
            "{err}"
        );
    }
    assert!(read::<Duration>("\"P99999999999999999999D\"").is_err());
    assert_eq!(write(&Duration::nanoseconds(-50)), "\"PT0S\"");
}

#[test]
fn guid_is_written_hyphenated_lowercase() {
    let value: uuid::Uuid = read("\"0AF3B5C4-1D2E-4F60-8A9B-0C1D2E3F4A5B\"").unwrap();
    assert_eq!(write(&value), "\"0af3b5c4-1d2e-4f60-8a9b-0c1d2e3f4a5b\"");
    let err = read::<uuid::Uuid>("\"not-a-guid\"").unwrap_err();
    assert!(err.contains("invalid Edm.Guid \"not-a-guid\""), "{err}");
}

#[test]
fn binary_accepts_both_alphabets() {
    let bytes = vec![0xfb, 0xff, 0xbf, 0x01];
    for text in ["+/+/AQ==", "+/+/AQ", "-_-_AQ==", "-_-_AQ"] {
        let value: Binary = read(&format!("\"{text}\"")).unwrap();
        assert_eq!(value.0, bytes, "{text}");
    }
    assert_eq!(write(&Binary(bytes)), "\"+/+/AQ==\"");
    assert_eq!(write(&Binary(Vec::new())), "\"\"");
    let err = read::<Binary>("\"+/-_\"").unwrap_err();
    assert!(err.contains("invalid Edm.Binary"), "{err}");
    let long = "!".repeat(10_000);
    let err = read::<Binary>(&format!("\"{long}\"")).unwrap_err();
    assert!(err.len() < 300, "{err}");
}

#[test]
fn decimal_keeps_digits() {
    for text in [
        "0",
        "-12.50",
        "+1",
        "1.5e3",
        "1E-7",
        "123456789012345678901234567890.123",
    ] {
        let value: Decimal = text.parse().unwrap();
        assert_eq!(value.as_str(), text);
        assert_eq!(value.to_string(), text);
    }
    for bad in [
        "", "-", "1.", ".5", "1e", "1e+", "NaN", "INF", "1,5", " 1", "0x10", "1.5.2",
    ] {
        assert!(bad.parse::<Decimal>().is_err(), "{bad}");
    }
    let big: Decimal = read("\"123456789012345678901234567890.123\"").unwrap();
    assert_eq!(big.as_str(), "123456789012345678901234567890.123");
    assert_eq!(write(&big), "\"123456789012345678901234567890.123\"");
    let from_number: Decimal = read("12.5").unwrap();
    assert_eq!(write(&from_number), "12.5");
    let integer: Decimal = read("18446744073709551615").unwrap();
    assert_eq!(write(&integer), "18446744073709551615");
    let scaled: Decimal = read("\"1.50\"").unwrap();
    assert_eq!(write(&scaled), "\"1.50\"");
    let err = read::<Decimal>("\"1,5\"").unwrap_err();
    assert!(err.contains("invalid Edm.Decimal \"1,5\""), "{err}");
}

#[test]
fn options_and_collections() {
    assert_eq!(read::<Option<i32>>("null").unwrap(), None);
    assert_eq!(read::<Option<i32>>("\"5\"").unwrap(), Some(5));
    let doubles: Vec<f64> = read("[1, \"INF\", 2.5]").unwrap();
    assert_eq!(doubles, [1.0, f64::INFINITY, 2.5]);
    assert_eq!(write(&doubles), "[1.0,\"INF\",2.5]");
    let maybe: Vec<Option<Date>> = read("[\"2023-03-30\", null]").unwrap();
    assert_eq!(maybe, [Some(date!(2023 - 03 - 30)), None]);
    assert_eq!(write(&maybe), "[\"2023-03-30\",null]");
    let raw: serde_json::Value = read("{\"type\":\"Point\",\"coordinates\":[1,2]}").unwrap();
    let written: serde_json::Value = serde_json::from_str(&write(&raw)).unwrap();
    assert_eq!(
        written,
        serde_json::json!({"type": "Point", "coordinates": [1, 2]})
    );
    assert!(read::<Vec<i32>>("{}").is_err());
}
