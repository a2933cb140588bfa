//! [`Flags`]: a set of members of a flags enumeration.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::enums::OpenEnum;

/// A set of members of an enumeration declared with `IsFlags="true"` (CSDL §10.2.2).
///
/// OData JSON Format v4.01 §7.1 writes such a value as one string of member names
/// separated by commas, e.g. `"fastRestore,includeNewerItems"`. The set keeps the order
/// it was given and keeps members it does not know (through [`OpenEnum::from_wire`]), so
/// a value read from the server is written back exactly as received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<T> {
    members: Vec<T>,
}

// Not derived: a derive would demand `T: Default`, which enums need not have.
impl<T> Default for Flags<T> {
    fn default() -> Self {
        Self {
            members: Vec::new(),
        }
    }
}

impl<T> Flags<T> {
    /// The empty set (wire form `""`).
    pub const fn new() -> Self {
        Self {
            members: Vec::new(),
        }
    }

    /// Adds `member` at the end unless it is already present; returns whether it was added.
    pub fn insert(&mut self, member: T) -> bool
    where
        T: PartialEq,
    {
        if self.members.contains(&member) {
            false
        } else {
            self.members.push(member);
            true
        }
    }

    /// Removes `member`; returns whether it was present.
    pub fn remove(&mut self, member: &T) -> bool
    where
        T: PartialEq,
    {
        let before = self.members.len();
        self.members.retain(|m| m != member);
        self.members.len() != before
    }

    /// Whether `member` is in the set.
    pub fn contains(&self, member: &T) -> bool
    where
        T: PartialEq,
    {
        self.members.contains(member)
    }

    /// The members in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.members.iter()
    }

    /// The number of members.
    pub const fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<T: PartialEq> FromIterator<T> for Flags<T> {
    /// Collects members in order, dropping repeats.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut flags = Self::new();
        for member in iter {
            flags.insert(member);
        }
        flags
    }
}

impl<T> IntoIterator for Flags<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Flags<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

impl<T: OpenEnum> fmt::Display for Flags<T> {
    /// The wire form: member names joined by `,` with no spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<T: OpenEnum> FromStr for Flags<T> {
    type Err = Infallible;

    /// Parses the wire form. Spaces around names are tolerated and empty items skipped
    /// (some services write `"a, b"`); the empty string is the empty set. Repeated names
    /// are kept once. Never fails, because unknown names become catch-all members.
    fn from_str(s: &str) -> Result<Self, Infallible> {
        let mut members: Vec<T> = Vec::new();
        for name in s.split(',').map(str::trim).filter(|name| !name.is_empty()) {
            // Compared by name, not PartialEq, so parsing needs nothing beyond OpenEnum.
            if !members.iter().any(|m| m.as_str() == name) {
                members.push(T::from_wire(name));
            }
        }
        Ok(Self { members })
    }
}

impl<T: OpenEnum> Serialize for Flags<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, T: OpenEnum> Deserialize<'de> for Flags<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagsVisitor(std::marker::PhantomData))
    }
}

struct FlagsVisitor<T>(std::marker::PhantomData<T>);

impl<T: OpenEnum> Visitor<'_> for FlagsVisitor<T> {
    type Value = Flags<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string of comma-separated flag names")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Flags<T>, E> {
        let Ok(flags) = v.parse();
        Ok(flags)
    }
}
