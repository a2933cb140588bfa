//! [`Path`]: the resource path of a request, and the percent-encoding of URLs.

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

use super::literal::Literal;

/// What is escaped in literals written into the path: what RFC 3986 does not allow in
/// a path segment (space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, `[`, `]`,
/// controls, non-ASCII), what would end or split the segment (`/`, `?`, `#`), `%`
/// itself, and `+`, which some servers read as a space (a `+02:00` offset). The OData
/// punctuation `'(),:=@*$` stays readable.
const PATH_LITERAL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'+')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// What is escaped in query option names and values: everything but the unreserved
/// characters (RFC 3986 §2.3) and the OData punctuation `'(),:/@*$`, which are legal in
/// a query and keep `$filter=name eq 'x'` readable as `$filter=name%20eq%20'x'`. So a
/// space is `%20` (never `+`), and `+`, `&`, `=`, `#` and `%` are escaped.
pub(crate) const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b':')
    .remove(b'/')
    .remove(b'@')
    .remove(b'*')
    .remove(b'$');

/// What is escaped in a link the service sent (`@odata.nextLink`): it is already
/// encoded, so `%` and the delimiters stay; only what cannot appear in a URI at all is
/// escaped, so that a service that sends a space or non-ASCII text still works.
pub(crate) const LINK: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A path relative to the service root, built from static segments and encoded
/// parameters, e.g. `/solutions/backupRestore/restoreSessions/{id}/microsoft.graph.activate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    /// Starts from a literal path such as `/solutions/backupRestore/exchangeRestoreSessions`,
    /// which must already be valid (it starts with `/` and needs no encoding).
    pub fn new(static_path: &str) -> Self {
        Self(static_path.to_owned())
    }

    /// Appends literal segments (e.g. `/mailboxRestoreArtifacts` or
    /// `/microsoft.graph.activate`), without encoding.
    pub fn push(mut self, static_path: &str) -> Self {
        self.0.push_str(static_path);
        self
    }

    /// Appends a key as its own segment, `/{value}` (OData URL Conventions v4.01 §4.3.6,
    /// the convention Graph uses): strings raw, without quotes; other types in their
    /// literal form; percent-encoded as a path segment.
    pub fn key_segment(mut self, value: &(impl Literal + ?Sized)) -> Self {
        let mut raw = String::new();
        value.write_segment(&mut raw);
        self.0.push('/');
        if raw == "." || raw == ".." {
            // A segment of dots would be removed by URL normalization (RFC 3986 §5.2.4)
            // and address the parent instead.
            self.0.push_str(&"%2E".repeat(raw.len()));
        } else {
            self.push_encoded(&raw);
        }
        self
    }

    /// Appends a key predicate to the last segment, `('O''Neil')` or `(42)` (OData URL
    /// Conventions v4.01 §4.3.1, the default convention).
    pub fn key(mut self, value: &(impl Literal + ?Sized)) -> Self {
        let mut literal = String::new();
        value.write_literal(&mut literal);
        self.0.push('(');
        self.push_encoded(&literal);
        self.0.push(')');
        self
    }

    /// Appends a composite key predicate, `(a=1,b='x')`, with the parts in the given order.
    pub fn composite_key(mut self, parts: &[(&str, &dyn Literal)]) -> Self {
        self.push_arguments(parts);
        self
    }

    /// Appends a bound or unbound function call with inline parameters,
    /// `/microsoft.graph.itemAt(index=3)` (OData URL Conventions v4.01 §4.5.1): `name` is
    /// the static segment including any namespace; values are written as literals and
    /// encoded. With no parameters the parentheses are still written, `/name()`, since a
    /// function call always has them (actions never go through here).
    pub fn call(mut self, name: &str, parameters: &[(&str, &dyn Literal)]) -> Self {
        self.0.push('/');
        self.0.push_str(name);
        self.push_arguments(parameters);
        self
    }

    /// The path as built.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `(name=literal,…)`.
    fn push_arguments(&mut self, arguments: &[(&str, &dyn Literal)]) {
        self.0.push('(');
        let mut literal = String::new();
        for (index, (name, value)) in arguments.iter().enumerate() {
            if index > 0 {
                self.0.push(',');
            }
            self.0.push_str(name);
            self.0.push('=');
            literal.clear();
            value.write_literal(&mut literal);
            self.push_encoded(&literal);
        }
        self.0.push(')');
    }

    fn push_encoded(&mut self, raw: &str) {
        self.0.extend(utf8_percent_encode(raw, PATH_LITERAL));
    }
}

impl AsRef<str> for Path {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
