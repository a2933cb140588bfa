//! [`Nullable`]: the three states of a nullable property.

use std::ops::{Deref, DerefMut};

/// The three states a nullable OData property can have in a request or response body.
///
/// A PATCH body distinguishes "leave the property as it is" (the key is absent) from
/// "clear it" (the key is present with `null`), OData JSON Format v4.01 §4.5 / OData
/// Protocol §11.4.3. `Option<T>` can only say one of the two, so nullable properties of
/// generated models use this type instead. In a response, `Absent` is what `$select` left
/// out (or what the service did not send), `Null` a property the service says has no value.
///
/// It has the combinators of [`Option`]: `Null` and `Absent` both hold no value, and
/// [`map`](Self::map), [`and_then`](Self::and_then) and [`as_ref`](Self::as_ref) keep
/// which of the two it was, while [`value`](Self::value), [`into_option`](Self::into_option)
/// and the `unwrap_or*` family forget it. So a path through nested nullable properties reads
/// like one through `Option`s, and still says whether it ended in `null` or in a property
/// that was not sent:
///
/// ```
/// use odata_runtime::Nullable;
///
/// #[derive(Default)]
/// struct Identity { display_name: Nullable<String> }
/// #[derive(Default)]
/// struct IdentitySet { user: Nullable<Identity> }
///
/// fn created_by(set: &Nullable<IdentitySet>) -> Nullable<&str> {
///     set.as_ref()
///         .and_then(|set| set.user.as_ref())
///         .and_then(|user| user.display_name.as_deref())
/// }
///
/// let named = IdentitySet {
///     user: Nullable::Value(Identity { display_name: "Ada".to_owned().into() }),
/// };
/// assert_eq!(created_by(&named.into()), Nullable::Value("Ada"));
///
/// let no_user = IdentitySet { user: Nullable::Null };
/// assert_eq!(created_by(&no_user.into()), Nullable::Null);
/// assert_eq!(created_by(&Nullable::Absent), Nullable::Absent); // e.g. not in `$select`
///
/// // Where the difference does not matter:
/// assert_eq!(created_by(&Nullable::Null).unwrap_or("unknown"), "unknown");
/// ```
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

/// Which state it is.
impl<T> Nullable<T> {
    /// Whether the property is absent.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert!(Nullable::<u8>::Absent.is_absent());
    /// assert!(!Nullable::<u8>::Null.is_absent());
    /// assert!(!Nullable::Value(1).is_absent());
    /// ```
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the property is present with `null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert!(!Nullable::<u8>::Absent.is_null());
    /// assert!(Nullable::<u8>::Null.is_null());
    /// assert!(!Nullable::Value(1).is_null());
    /// ```
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Whether the property is present with a value.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert!(!Nullable::<u8>::Absent.is_value());
    /// assert!(!Nullable::<u8>::Null.is_value());
    /// assert!(Nullable::Value(1).is_value());
    /// ```
    pub const fn is_value(&self) -> bool {
        matches!(self, Self::Value(_))
    }

    /// Whether there is a value and it satisfies `f`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert!(Nullable::Value(0).is_value_and(|n| n == 0));
    /// assert!(!Nullable::Value(1).is_value_and(|n| n == 0));
    /// assert!(!Nullable::<i32>::Null.is_value_and(|n| n == 0));
    /// assert!(!Nullable::<i32>::Absent.is_value_and(|n| n == 0));
    /// ```
    pub fn is_value_and(self, f: impl FnOnce(T) -> bool) -> bool {
        match self {
            Self::Value(value) => f(value),
            Self::Absent | Self::Null => false,
        }
    }
}

/// Borrowing, keeping the state or as an `Option`.
impl<T> Nullable<T> {
    /// The value, if there is one; `Absent` and `Null` are both `None`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).value(), Some(&3));
    /// assert_eq!(Nullable::<i32>::Null.value(), None);
    /// assert_eq!(Nullable::<i32>::Absent.value(), None);
    /// ```
    pub const fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let mut count = Nullable::Value(3);
    /// if let Some(count) = count.value_mut() {
    ///     *count += 1;
    /// }
    /// assert_eq!(count, Nullable::Value(4));
    /// ```
    pub const fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// Borrows the value, keeping the state: `&Nullable<T>` to `Nullable<&T>`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let name = Nullable::Value("Ada".to_owned());
    /// assert_eq!(name.as_ref().map(String::len), Nullable::Value(3));
    /// assert_eq!(Nullable::<String>::Null.as_ref(), Nullable::Null);
    /// assert_eq!(Nullable::<String>::Absent.as_ref(), Nullable::Absent);
    /// ```
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// Borrows the value mutably, keeping the state.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let mut name = Nullable::Value("Ada".to_owned());
    /// name.as_mut().map(|name| name.push('!'));
    /// assert_eq!(name, Nullable::Value("Ada!".to_owned()));
    /// assert_eq!(Nullable::<String>::Null.as_mut(), Nullable::Null);
    /// ```
    pub const fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// Borrows the value through [`Deref`], keeping the state: `Nullable<String>` to
    /// `Nullable<&str>`, `Nullable<Vec<T>>` to `Nullable<&[T]>`, `Nullable<Box<T>>` to
    /// `Nullable<&T>`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let name = Nullable::Value("Ada".to_owned());
    /// assert_eq!(name.as_deref(), Nullable::Value("Ada"));
    /// assert_eq!(Nullable::<String>::Null.as_deref(), Nullable::Null);
    /// assert_eq!(Nullable::<String>::Absent.as_deref(), Nullable::Absent);
    /// ```
    pub fn as_deref(&self) -> Nullable<&T::Target>
    where
        T: Deref,
    {
        self.as_ref().map(Deref::deref)
    }

    /// Borrows the value mutably through [`DerefMut`], keeping the state.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let mut name = Nullable::Value("ada".to_owned());
    /// name.as_deref_mut().map(str::make_ascii_uppercase);
    /// assert_eq!(name.as_deref(), Nullable::Value("ADA"));
    /// ```
    pub fn as_deref_mut(&mut self) -> Nullable<&mut T::Target>
    where
        T: DerefMut,
    {
        self.as_mut().map(DerefMut::deref_mut)
    }

    /// An iterator over the value: one item for `Value`, none for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).iter().sum::<i32>(), 3);
    /// assert_eq!(Nullable::<i32>::Null.iter().count(), 0);
    /// ```
    pub fn iter(&self) -> std::option::IntoIter<&T> {
        self.value().into_iter()
    }

    /// An iterator over the value, mutably.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let mut tags = Nullable::Value(vec!["a"]);
    /// for tags in tags.iter_mut() {
    ///     tags.push("b");
    /// }
    /// assert_eq!(tags.as_deref(), Nullable::Value(&["a", "b"][..]));
    /// ```
    pub fn iter_mut(&mut self) -> std::option::IntoIter<&mut T> {
        self.value_mut().into_iter()
    }
}

/// Taking the value out.
impl<T> Nullable<T> {
    /// The value, if there is one; `Absent` and `Null` are both `None`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).into_option(), Some(3));
    /// assert_eq!(Nullable::<i32>::Null.into_option(), None);
    /// assert_eq!(Nullable::<i32>::Absent.into_option(), None);
    /// ```
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, or `default` for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).unwrap_or(0), 3);
    /// assert_eq!(Nullable::Null.unwrap_or(0), 0);
    /// assert_eq!(Nullable::Absent.unwrap_or(0), 0);
    /// ```
    pub fn unwrap_or(self, default: T) -> T {
        self.into_option().unwrap_or(default)
    }

    /// The value, or what `f` computes for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).unwrap_or_else(|| 0), 3);
    /// assert_eq!(Nullable::Null.unwrap_or_else(|| 0), 0);
    /// assert_eq!(Nullable::Absent.unwrap_or_else(|| 0), 0);
    /// ```
    pub fn unwrap_or_else(self, f: impl FnOnce() -> T) -> T {
        self.into_option().unwrap_or_else(f)
    }

    /// The value, or `T::default()` for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value("Ada".to_owned()).unwrap_or_default(), "Ada");
    /// assert_eq!(Nullable::<String>::Null.unwrap_or_default(), "");
    /// assert_eq!(Nullable::<String>::Absent.unwrap_or_default(), "");
    /// ```
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        self.into_option().unwrap_or_default()
    }

    /// `Ok` with the value, or `Err(err)` for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).ok_or("no id"), Ok(3));
    /// assert_eq!(Nullable::<i32>::Null.ok_or("no id"), Err("no id"));
    /// assert_eq!(Nullable::<i32>::Absent.ok_or("no id"), Err("no id"));
    /// ```
    pub fn ok_or<E>(self, err: E) -> Result<T, E> {
        self.into_option().ok_or(err)
    }

    /// `Ok` with the value, or `Err` with what `f` computes for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let absent: Nullable<i32> = Nullable::Absent;
    /// assert_eq!(absent.ok_or_else(|| "not selected"), Err("not selected"));
    /// ```
    pub fn ok_or_else<E>(self, f: impl FnOnce() -> E) -> Result<T, E> {
        self.into_option().ok_or_else(f)
    }

    /// Takes the state out, leaving `Absent` (which writes nothing) in its place.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let mut name = Nullable::Value("Ada".to_owned());
    /// assert_eq!(name.take(), Nullable::Value("Ada".to_owned()));
    /// assert_eq!(name, Nullable::Absent);
    ///
    /// let mut cleared = Nullable::<String>::Null;
    /// assert_eq!(cleared.take(), Nullable::Null);
    /// assert_eq!(cleared, Nullable::Absent);
    /// ```
    pub fn take(&mut self) -> Self {
        std::mem::replace(self, Self::Absent)
    }

    /// Puts `value` in, returning the previous state.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let mut name = Nullable::Null;
    /// assert_eq!(name.replace("Ada"), Nullable::Null);
    /// assert_eq!(name, Nullable::Value("Ada"));
    /// ```
    pub fn replace(&mut self, value: T) -> Self {
        std::mem::replace(self, Self::Value(value))
    }
}

/// Transforming the value, keeping `Absent` and `Null` apart.
impl<T> Nullable<T> {
    /// Maps the value, keeping `Absent` and `Null` as they are.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(3).map(|n| n * 2), Nullable::Value(6));
    /// assert_eq!(Nullable::<i32>::Null.map(|n| n * 2), Nullable::Null);
    /// assert_eq!(Nullable::<i32>::Absent.map(|n| n * 2), Nullable::Absent);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(f(value)),
        }
    }

    /// `f` of the value, or `default` for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value("Ada").map_or(0, str::len), 3);
    /// assert_eq!(Nullable::<&str>::Null.map_or(0, str::len), 0);
    /// assert_eq!(Nullable::<&str>::Absent.map_or(0, str::len), 0);
    /// ```
    pub fn map_or<U>(self, default: U, f: impl FnOnce(T) -> U) -> U {
        self.into_option().map_or(default, f)
    }

    /// `f` of the value, or what `default` computes for `Absent` and `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value("Ada").map_or_else(|| 0, str::len), 3);
    /// assert_eq!(Nullable::<&str>::Null.map_or_else(|| 0, str::len), 0);
    /// ```
    pub fn map_or_else<U>(self, default: impl FnOnce() -> U, f: impl FnOnce(T) -> U) -> U {
        self.into_option().map_or_else(default, f)
    }

    /// `f` of the value, which may itself be absent or null; `Absent` and `Null` stay as
    /// they are. Chained, it walks nested nullable properties, and the result says where the
    /// walk stopped: `Null` if a property on the way was `null`, `Absent` if one was not sent.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// struct Identity { display_name: Nullable<String> }
    ///
    /// fn name(user: &Nullable<Identity>) -> Nullable<&str> {
    ///     user.as_ref().and_then(|user| user.display_name.as_deref())
    /// }
    /// let user = |name: Nullable<String>| Nullable::Value(Identity { display_name: name });
    /// assert_eq!(name(&user("Ada".to_owned().into())), Nullable::Value("Ada"));
    /// assert_eq!(name(&user(Nullable::Null)), Nullable::Null);
    /// assert_eq!(name(&user(Nullable::Absent)), Nullable::Absent);
    /// assert_eq!(name(&Nullable::Null), Nullable::Null);
    /// assert_eq!(name(&Nullable::Absent), Nullable::Absent);
    /// ```
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Nullable<U>) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => f(value),
        }
    }

    /// The value if it satisfies `predicate`, otherwise `Absent`; `Null` stays `Null`.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let non_empty = |s: &&str| !s.is_empty();
    /// assert_eq!(Nullable::Value("Ada").filter(non_empty), Nullable::Value("Ada"));
    /// assert_eq!(Nullable::Value("").filter(non_empty), Nullable::Absent);
    /// assert_eq!(Nullable::<&str>::Null.filter(non_empty), Nullable::Null);
    /// assert_eq!(Nullable::<&str>::Absent.filter(non_empty), Nullable::Absent);
    /// ```
    pub fn filter(self, predicate: impl FnOnce(&T) -> bool) -> Self {
        match self {
            Self::Value(value) if !predicate(&value) => Self::Absent,
            other => other,
        }
    }

    /// `self` if it holds a value, otherwise `other` (as [`Option::or`]: `Null` holds no
    /// value, so `Null.or(other)` is `other`).
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(1).or(Nullable::Value(2)), Nullable::Value(1));
    /// assert_eq!(Nullable::Null.or(Nullable::Value(2)), Nullable::Value(2));
    /// assert_eq!(Nullable::Absent.or(Nullable::Value(2)), Nullable::Value(2));
    /// assert_eq!(Nullable::<i32>::Absent.or(Nullable::Null), Nullable::Null);
    /// ```
    pub fn or(self, other: Self) -> Self {
        match self {
            Self::Value(_) => self,
            Self::Absent | Self::Null => other,
        }
    }

    /// `self` if it holds a value, otherwise what `f` computes.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::Value(1).or_else(|| Nullable::Value(2)), Nullable::Value(1));
    /// assert_eq!(Nullable::Null.or_else(|| Nullable::Value(2)), Nullable::Value(2));
    /// ```
    pub fn or_else(self, f: impl FnOnce() -> Self) -> Self {
        match self {
            Self::Value(_) => self,
            Self::Absent | Self::Null => f(),
        }
    }
}

impl<T: Clone> Nullable<&T> {
    /// Clones the borrowed value, keeping the state.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let name = Nullable::Value("Ada".to_owned());
    /// assert_eq!(name.as_ref().cloned(), name);
    /// ```
    pub fn cloned(self) -> Nullable<T> {
        self.map(T::clone)
    }
}

impl<T: Copy> Nullable<&T> {
    /// Copies the borrowed value, keeping the state.
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// let count = Nullable::Value(3);
    /// assert_eq!(count.as_ref().copied(), count);
    /// ```
    pub fn copied(self) -> Nullable<T> {
        self.map(|value| *value)
    }
}

impl<T> From<T> for Nullable<T> {
    /// A plain value is a present, non-null property, so a field takes `value.into()`.
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some` is a value and `None` is `null`, as serde writes an `Option`: a property set
    /// from an `Option` is sent either way. To send nothing, leave it [`Nullable::Absent`].
    ///
    /// ```
    /// # use odata_runtime::Nullable;
    /// assert_eq!(Nullable::from(Some(3)), Nullable::Value(3));
    /// assert_eq!(Nullable::<i32>::from(None), Nullable::Null);
    /// ```
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    /// The value, if there is one (see [`Nullable::into_option`]).
    fn from(value: Nullable<T>) -> Self {
        value.into_option()
    }
}

impl<'a, T> From<&'a Nullable<T>> for Nullable<&'a T> {
    /// Borrows the value, keeping the state (see [`Nullable::as_ref`]).
    fn from(value: &'a Nullable<T>) -> Self {
        value.as_ref()
    }
}

impl<T> IntoIterator for Nullable<T> {
    type Item = T;
    type IntoIter = std::option::IntoIter<T>;

    /// One item for `Value`, none for `Absent` and `Null`.
    fn into_iter(self) -> Self::IntoIter {
        self.into_option().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Nullable<T> {
    type Item = &'a T;
    type IntoIter = std::option::IntoIter<&'a T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Nullable<T> {
    type Item = &'a mut T;
    type IntoIter = std::option::IntoIter<&'a mut T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;

    /// Every state through every combinator that keeps states apart: `Absent` and `Null`
    /// never turn into each other, and only `Value` reaches the closure.
    #[test]
    fn combinators_keep_absent_and_null_apart() {
        let states = [Nullable::Absent, Nullable::Null, Nullable::Value(2)];
        for state in states {
            let doubled = match state {
                Nullable::Value(v) => Nullable::Value(v * 2),
                other => other,
            };
            assert_eq!(state.map(|v| v * 2), doubled);
            assert_eq!(state.and_then(|v| Nullable::Value(v * 2)), doubled);
            assert_eq!(state.as_ref().copied(), state);
            assert_eq!(state.as_ref().cloned(), state);
            assert_eq!(state.filter(|_| true), state);
            let mut taken = state;
            assert_eq!(taken.take(), state);
            assert!(taken.is_absent());
        }
        assert_eq!(
            Nullable::Value(2).and_then(|_| Nullable::<i32>::Null),
            Nullable::Null
        );
        assert_eq!(
            Nullable::Value(2).and_then(|_| Nullable::<i32>::Absent),
            Nullable::Absent
        );
    }

    #[test]
    fn iteration_yields_only_a_value() {
        let mut value = Nullable::Value(3);
        for v in &mut value {
            *v += 1;
        }
        assert_eq!((&value).into_iter().collect::<Vec<_>>(), [&4]);
        assert_eq!(value.into_iter().collect::<Vec<_>>(), [4]);
        assert_eq!(Nullable::<i32>::Null.into_iter().count(), 0);
        assert_eq!(Nullable::<i32>::Absent.into_iter().count(), 0);
    }

    #[test]
    fn conversions_to_and_from_option() {
        assert_eq!(Option::from(Nullable::Value(1)), Some(1));
        assert_eq!(Option::<i32>::from(Nullable::Null), None);
        assert_eq!(Option::<i32>::from(Nullable::Absent), None);
        assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
        assert_eq!(Nullable::<i32>::from(None), Nullable::Null);
        let borrowed: Nullable<&i32> = (&Nullable::Value(1)).into();
        assert_eq!(borrowed, Nullable::Value(&1));
    }
}
