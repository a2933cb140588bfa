//! What a program using a generated crate needs in scope: `use odata_runtime::prelude::*;`
//! (a generated crate re-exports this module as its own `prelude`).
//!
//! It brings the types most calls name ([`Client`], [`StaticToken`], [`Nullable`], the
//! query options) and, with the `client` feature, the methods of `futures`' `StreamExt` and
//! `TryStreamExt` (`next`, `try_next`, `map_ok`, `try_collect`, ...) for the streams of
//! [`Client::pages`] and [`Client::items`], so a program depends on no `futures` crate of
//! its own. The two traits come in anonymously (`as _`), as in `futures::prelude`: their
//! methods are in scope, and their names stay free.
//!
//! ```no_run
//! # async fn run() -> Result<(), odata_runtime::Error> {
//! use odata_runtime::prelude::*;
//! # use odata_runtime::{Collection, Path, Request, http::Method, serde_json::Value};
//! # let request: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"));
//!
//! let client = Client::new(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_default()))?;
//! let mut users = client.items(request);
//! while let Some(user) = users.try_next().await? {
//!     println!("{}", user["id"]);
//! }
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "client")]
#[doc(no_inline)]
pub use crate::client::{Client, StaticToken};
#[doc(no_inline)]
pub use crate::{CountOptions, Flags, GetOptions, ListOptions, Nullable, Options};
#[cfg(feature = "client")]
#[doc(no_inline)]
pub use futures_util::{StreamExt as _, TryStreamExt as _};
