//! Flags enumerations: the comma-separated wire form.

use std::convert::Infallible;

use odata_runtime::{Flags, OpenEnum, Wire, WireRef, WireValue};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum RestoreOption {
    FastRestore,
    IncludeNewerItems,
    Unrecognized(String),
}

impl OpenEnum for RestoreOption {
    fn as_str(&self) -> &str {
        match self {
            Self::FastRestore => "fastRestore",
            Self::IncludeNewerItems => "includeNewerItems",
            Self::Unrecognized(s) => s,
        }
    }

    fn from_wire(s: &str) -> Self {
        match s {
            "fastRestore" => Self::FastRestore,
            "includeNewerItems" => Self::IncludeNewerItems,
            _ => Self::Unrecognized(s.to_owned()),
        }
    }
}

fn parse(s: &str) -> Flags<RestoreOption> {
    let parsed: Result<_, Infallible> = s.parse();
    match parsed {
        Ok(flags) => flags,
    }
}

#[test]
fn known_members_round_trip() {
    let flags = parse("fastRestore,includeNewerItems");
    assert_eq!(
        flags.iter().cloned().collect::<Vec<_>>(),
        [RestoreOption::FastRestore, RestoreOption::IncludeNewerItems]
    );
    assert_eq!(flags.to_string(), "fastRestore,includeNewerItems");
    let json = serde_json::to_string(&flags).unwrap();
    assert_eq!(json, r#""fastRestore,includeNewerItems""#);
    let back: Flags<RestoreOption> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, flags);
}

#[test]
fn order_and_unknown_members_survive() {
    let flags = parse("includeNewerItems,futureOption,fastRestore");
    assert!(flags.contains(&RestoreOption::Unrecognized("futureOption".to_owned())));
    assert_eq!(
        flags.to_string(),
        "includeNewerItems,futureOption,fastRestore"
    );
    let via_wire: WireValue<Flags<RestoreOption>> =
        serde_json::from_str(r#""includeNewerItems,futureOption""#).unwrap();
    assert_eq!(
        serde_json::to_string(&WireRef(&via_wire.0)).unwrap(),
        r#""includeNewerItems,futureOption""#
    );
}

#[test]
fn lenient_parsing() {
    assert!(parse("").is_empty());
    assert_eq!(
        parse(" fastRestore , ,includeNewerItems,").to_string(),
        "fastRestore,includeNewerItems"
    );
    assert_eq!(parse("fastRestore,fastRestore").len(), 1);
    assert!(serde_json::from_str::<Flags<RestoreOption>>("3").is_err());
}

#[test]
fn set_operations() {
    let mut flags = Flags::new();
    assert!(flags.insert(RestoreOption::FastRestore));
    assert!(!flags.insert(RestoreOption::FastRestore));
    assert!(flags.insert(RestoreOption::IncludeNewerItems));
    assert_eq!(flags.len(), 2);
    assert!(flags.remove(&RestoreOption::FastRestore));
    assert!(!flags.remove(&RestoreOption::FastRestore));
    assert_eq!(flags.to_string(), "includeNewerItems");
    let collected: Flags<_> = [
        RestoreOption::IncludeNewerItems,
        RestoreOption::IncludeNewerItems,
    ]
    .into_iter()
    .collect();
    assert_eq!(collected, flags);
    assert_eq!(flags.into_iter().count(), 1);
    assert!(Flags::<RestoreOption>::default().is_empty());
}

#[test]
fn flags_are_wire() {
    let flags: Flags<RestoreOption> =
        Wire::read(&mut serde_json::Deserializer::from_str(r#""fastRestore""#)).unwrap();
    assert!(flags.contains(&RestoreOption::FastRestore));
}
