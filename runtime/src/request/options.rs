//! Options of a request: system query options (OData URL Conventions v4.01 §5) and extra
//! headers, one type per kind of operation so only the options that apply can be set.

/// Something that adds query options and headers to a request.
pub trait RequestOptions {
    /// Appends query options (decoded name and value, e.g. `("$top", "5")`) and headers.
    /// Header names and values are checked when the request is built
    /// ([`Request::to_http`](super::Request::to_http)), so a bad one is an error there,
    /// not a panic here.
    fn apply(self, query: &mut Vec<(String, String)>, headers: &mut Vec<(String, String)>);
}

/// The query options every kind shares, emitted in one fixed order so that the same
/// options always give the same URL: `$select`, `$expand`, `$filter`, `$search`,
/// `$orderby`, `$top`, `$skip`, `$count`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Query {
    select: Vec<String>,
    expand: Vec<String>,
    filter: Option<String>,
    search: Option<String>,
    orderby: Vec<String>,
    top: Option<u32>,
    skip: Option<u32>,
    count: Option<bool>,
}

impl Query {
    fn apply(self, query: &mut Vec<(String, String)>) {
        let mut push = |name: &str, value: String| query.push((name.to_owned(), value));
        if !self.select.is_empty() {
            push("$select", self.select.join(","));
        }
        if !self.expand.is_empty() {
            push("$expand", self.expand.join(","));
        }
        if let Some(filter) = self.filter {
            push("$filter", filter);
        }
        if let Some(search) = self.search {
            push("$search", search);
        }
        if !self.orderby.is_empty() {
            push("$orderby", self.orderby.join(","));
        }
        if let Some(top) = self.top {
            push("$top", top.to_string());
        }
        if let Some(skip) = self.skip {
            push("$skip", skip.to_string());
        }
        if let Some(count) = self.count {
            push("$count", count.to_string());
        }
    }
}

/// `$search` text in double quotes unless it already is: Graph requires the quotes
/// (a bare phrase with a space or a `:` is rejected), and OData's search syntax reads a
/// quoted phrase as one term.
fn quote_search(text: &str) -> String {
    let quoted = text.len() >= 2 && text.starts_with('"') && text.ends_with('"');
    if quoted {
        text.to_owned()
    } else {
        format!("\"{text}\"")
    }
}

/// `ConsistencyLevel: eventual`: Graph's directory objects need it for `$count`,
/// `$search` and some `$filter`s (advanced queries).
const CONSISTENCY_LEVEL: (&str, &str) = ("ConsistencyLevel", "eventual");

fn owned(list: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
    list.into_iter().map(|s| s.as_ref().to_owned()).collect()
}

macro_rules! options_common {
    () => {
        /// Adds a header to the request (e.g. `Prefer: odata.maxpagesize=50`; `Prefer`
        /// values are merged with the request's own). Invalid names or values are
        /// reported when the request is built.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.headers.push((name.into(), value.into()));
            self
        }
    };
    (select) => {
        /// `$select`: the properties to return, e.g. `["id", "displayName"]`.
        pub fn select(mut self, properties: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
            self.query.select = owned(properties);
            self
        }

        /// `$expand`: the navigation properties to include, e.g. `["members($select=id)"]`.
        pub fn expand(mut self, properties: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
            self.query.expand = owned(properties);
            self
        }
    };
    (filter) => {
        /// `$filter`: an OData expression, e.g. `status eq 'active'`.
        pub fn filter(mut self, expression: impl Into<String>) -> Self {
            self.query.filter = Some(expression.into());
            self
        }

        /// `$search`: quoted unless already in double quotes, as Graph requires.
        pub fn search(mut self, text: &str) -> Self {
            self.query.search = Some(quote_search(text));
            self
        }

        /// Adds `ConsistencyLevel: eventual`, which Graph needs for `$count` and
        /// `$search` on directory objects.
        pub fn consistency_level_eventual(self) -> Self {
            self.header(CONSISTENCY_LEVEL.0, CONSISTENCY_LEVEL.1)
        }
    };
}

/// Options of a collection read: `$select`, `$expand`, `$filter`, `$search`,
/// `$orderby`, `$top`, `$skip`, `$count`, and headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOptions {
    query: Query,
    headers: Vec<(String, String)>,
}

impl ListOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    options_common!();
    options_common!(select);
    options_common!(filter);

    /// `$orderby`: e.g. `["createdDateTime desc", "id"]`.
    pub fn orderby(mut self, expressions: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.query.orderby = owned(expressions);
        self
    }

    /// `$top`: at most this many items in all (the server may still page them).
    pub fn top(mut self, n: u32) -> Self {
        self.query.top = Some(n);
        self
    }

    /// `$skip`: skip this many items.
    pub fn skip(mut self, n: u32) -> Self {
        self.query.skip = Some(n);
        self
    }

    /// `$count=true`: ask for the total count ([`Page::count`](super::Page::count)).
    pub fn count(mut self, count: bool) -> Self {
        self.query.count = Some(count);
        self
    }
}

impl RequestOptions for ListOptions {
    fn apply(self, query: &mut Vec<(String, String)>, headers: &mut Vec<(String, String)>) {
        self.query.apply(query);
        headers.extend(self.headers);
    }
}

/// Options of a single read: `$select`, `$expand`, and headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetOptions {
    query: Query,
    headers: Vec<(String, String)>,
}

impl GetOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    options_common!();
    options_common!(select);
}

impl RequestOptions for GetOptions {
    fn apply(self, query: &mut Vec<(String, String)>, headers: &mut Vec<(String, String)>) {
        self.query.apply(query);
        headers.extend(self.headers);
    }
}

/// Options of a count (`/$count`): `$filter`, `$search`, and headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountOptions {
    query: Query,
    headers: Vec<(String, String)>,
}

impl CountOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    options_common!();
    options_common!(filter);
}

impl RequestOptions for CountOptions {
    fn apply(self, query: &mut Vec<(String, String)>, headers: &mut Vec<(String, String)>) {
        self.query.apply(query);
        headers.extend(self.headers);
    }
}

/// Options of an operation without query options (create, update, delete, actions):
/// headers only, e.g. `If-Match` or `Prefer: return=representation`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    headers: Vec<(String, String)>,
}

impl Options {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    options_common!();
}

impl RequestOptions for Options {
    fn apply(self, _: &mut Vec<(String, String)>, headers: &mut Vec<(String, String)>) {
        headers.extend(self.headers);
    }
}
