//! [`Nullable`]: the three states of a nullable property.

/// The three states a nullable OData property can have in a request or response body.
///
/// A PATCH body distinguishes "leave the property as it is" (the key is absent) from
/// "clear it" (the key is present with `null`), OData JSON Format v4.01 §4.5 / OData
/// Protocol §11.4.3. `Option<T>` can only say one of the two, so nullable properties of
/// generated models use this type instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// The property is not present: nothing is written, and the server leaves it alone.
    #[default]
    Absent,
    /// The property is present with the value `null`.
    Null,
    /// The property is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is absent.
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the property is present with `null`.
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Whether the property is present with a value.
    pub const fn is_value(&self) -> bool {
        matches!(self, Self::Value(_))
    }

    /// The value, if there is one.
    pub const fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    pub const fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, if there is one; both `Absent` and `Null` become `None`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// Borrows the value, keeping the state.
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// Maps the value, keeping `Absent` and `Null` as they are.
    pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(f(value)),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    /// A plain value is a present, non-null property.
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;

    #[test]
    fn states_are_distinct() {
        let absent: Nullable<i32> = Nullable::default();
        assert!(absent.is_absent() && !absent.is_null() && !absent.is_value());
        let null: Nullable<i32> = Nullable::Null;
        assert!(null.is_null() && !null.is_absent() && null.value().is_none());
        let mut value = Nullable::from(3);
        assert_eq!(value.value(), Some(&3));
        if let Some(v) = value.value_mut() {
            *v = 4;
        }
        assert_eq!(value.as_ref(), Nullable::Value(&4));
        assert_eq!(value.map(|v| v * 2).into_value(), Some(8));
        assert_eq!(null.map(|v| v * 2), Nullable::Null);
        assert_eq!(absent.map(|v| v * 2), Nullable::Absent);
    }
}
