//! [`Client::pages`] and [`Client::items`]: a collection as a stream, following
//! `@odata.nextLink`.
//!
//! The streams are boxed, so they are `Unpin` (`while let Some(x) = stream.try_next().await?`
//! needs no `pin_mut!`), and hold their own handle on the client, so they are `'static` and
//! can be returned, stored or spawned.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::{TryStreamExt as _, stream};
use http::{HeaderMap, StatusCode};

use super::Client;
use crate::error::Error;
use crate::request::{Collection, Page, Request};
use crate::wire::Wire;

/// What the page stream does after a page.
enum Next<T> {
    Fetch(Box<Request<Collection<T>>>),
    Repeated(String),
    Done,
}

type Boxed<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>;

/// The pages of a collection: a [`Stream`] of [`Page`]s from [`Client::pages`].
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T>(Boxed<Page<T>>);

/// The items of a collection across its pages: a [`Stream`] from [`Client::items`].
#[must_use = "streams do nothing unless polled"]
pub struct Items<T>(Boxed<T>);

impl Client {
    /// The pages of a collection, following `@odata.nextLink` (absolute, or relative to
    /// the service root) until a page has none. An error ends the stream.
    ///
    /// A page whose next link is the link it was fetched from would make the stream
    /// endless; that page is still yielded, then an [`Error::Decode`] ends the stream.
    ///
    /// ```no_run
    /// # async fn run(client: odata_runtime::Client) -> Result<(), odata_runtime::Error> {
    /// use odata_runtime::prelude::*;
    /// # use odata_runtime::{Collection, Path, Request, http::Method, serde_json::Value};
    /// # let request: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"));
    ///
    /// let mut pages = client.pages(request);
    /// while let Some(page) = pages.try_next().await? {
    ///     println!("{} users, more: {}", page.value.len(), page.next_link.is_some());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn pages<T: Wire + Send + 'static>(&self, request: Request<Collection<T>>) -> Pages<T> {
        let start = (self.clone(), Next::Fetch(Box::new(request)));
        Pages(Box::pin(stream::try_unfold(
            start,
            |(client, next)| async move {
                let request = match next {
                    Next::Fetch(request) => request,
                    Next::Repeated(link) => return Err(repeated(&link)),
                    Next::Done => return Ok(None),
                };
                let page = client.send(&request).await?;
                let next = match request.next_page(&page) {
                    None => Next::Done,
                    Some(next) => match next.link() {
                        Some(link) if request.link() == Some(link) => {
                            Next::Repeated(link.to_owned())
                        }
                        _ => Next::Fetch(Box::new(next)),
                    },
                };
                Ok(Some((page, (client, next))))
            },
        )))
    }

    /// The items of a collection across all its pages (see [`Client::pages`]).
    ///
    /// ```no_run
    /// # async fn run(client: odata_runtime::Client) -> Result<(), odata_runtime::Error> {
    /// use odata_runtime::prelude::*;
    /// # use odata_runtime::{Collection, Path, Request, http::Method, serde_json::Value};
    /// # let request: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"));
    ///
    /// let mut users = client.items(request);
    /// while let Some(user) = users.try_next().await? {
    ///     println!("{}", user["displayName"]);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn items<T: Wire + Send + 'static>(&self, request: Request<Collection<T>>) -> Items<T> {
        Items(Box::pin(
            self.pages(request)
                .map_ok(|page| stream::iter(page.value.into_iter().map(Ok)))
                .try_flatten(),
        ))
    }
}

/// The error that ends a stream whose service linked a page to itself.
fn repeated(link: &str) -> Error {
    let message = format!("the service sent the same @odata.nextLink again: {link}");
    Error::decode(StatusCode::OK, &HeaderMap::new(), &[], message)
}

impl<T> Stream for Pages<T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
