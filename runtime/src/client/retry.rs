//! [`RetryPolicy`]: which failures are tried again, and after how long.

use std::time::Duration;

use http::{Method, StatusCode};

/// When and how often the [`Client`](super::Client) tries a request again.
///
/// - `429 Too Many Requests` and `503 Service Unavailable` are retried for any method:
///   the service throttled or refused the request without processing it, and bodies are
///   buffered, so they can be sent again.
/// - `504 Gateway Timeout` is retried only for idempotent methods (GET, HEAD, PUT,
///   DELETE, OPTIONS): the request may have been processed behind the gateway, and
///   creating a second entity or running an action twice is worse than an error.
/// - Transport errors (connect, timeout) are retried for idempotent methods only, for
///   the same reason.
///
/// The wait honours `Retry-After` (seconds or an HTTP-date) as Graph's throttling
/// guidance asks; otherwise it doubles from the initial backoff up to the maximum. A
/// `Retry-After` longer than the maximum backoff is not waited for: the error is
/// returned at once, since the caller is better placed to decide on a long wait. After
/// the last attempt the last error is returned as it was (a [`Error::Service`](crate::Error::Service)
/// with its status and body), never a generic "retries exhausted".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl RetryPolicy {
    /// The most retries a policy allows, so a request can never be retried forever by
    /// accident.
    pub const MAX_RETRIES_LIMIT: u32 = 10;

    /// The longest backoff a policy allows (5 minutes).
    pub const MAX_BACKOFF_LIMIT: Duration = Duration::from_secs(300);

    /// The default: 3 retries, 500 ms initial backoff, 30 s maximum.
    pub fn new() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }

    /// No retries: every request is sent once.
    pub fn none() -> Self {
        Self::new().max_retries(0)
    }

    /// How many times a request may be retried after its first attempt (at most
    /// [`MAX_RETRIES_LIMIT`](Self::MAX_RETRIES_LIMIT)).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n.min(Self::MAX_RETRIES_LIMIT);
        self
    }

    /// The wait before the first retry when the service gives no `Retry-After`.
    pub fn initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// The longest wait, computed or asked for by `Retry-After` (at most
    /// [`MAX_BACKOFF_LIMIT`](Self::MAX_BACKOFF_LIMIT)).
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d.min(Self::MAX_BACKOFF_LIMIT);
        self
    }

    /// The retries allowed.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// Whether a response with `status` to a `method` request may be retried.
    pub fn retries_status(&self, method: &Method, status: StatusCode) -> bool {
        match status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => true,
            StatusCode::GATEWAY_TIMEOUT => is_idempotent(method),
            _ => false,
        }
    }

    /// The wait before retry number `retry` (0 for the first): what the service asked
    /// for, if anything, else the doubled backoff. `None` when the service asked for
    /// longer than the maximum backoff, which is not waited for.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(asked) if asked > self.max_backoff => None,
            Some(asked) => Some(asked),
            None => {
                let factor = 2_u32.checked_pow(retry).unwrap_or(u32::MAX);
                Some(
                    self.initial_backoff
                        .saturating_mul(factor)
                        .min(self.max_backoff),
                )
            }
        }
    }
}

/// The idempotent methods of RFC 9110 §9.2.2 (less TRACE, which nobody sends here).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let policy = RetryPolicy::new()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(500));
        let waits: Vec<_> = (0..5).map(|n| policy.delay(n, None).unwrap()).collect();
        assert_eq!(
            waits,
            [100, 200, 400, 500, 500]
                .map(Duration::from_millis)
                .to_vec()
        );
        assert_eq!(
            policy.delay(40, None),
            Some(Duration::from_millis(500)),
            "no overflow"
        );
    }

    #[test]
    fn retry_after_wins_unless_too_long() {
        let policy = RetryPolicy::new().max_backoff(Duration::from_secs(10));
        let asked = Some(Duration::from_secs(3));
        assert_eq!(policy.delay(0, asked), Some(Duration::from_secs(3)));
        assert_eq!(policy.delay(0, Some(Duration::from_secs(11))), None);
    }

    #[test]
    fn limits_are_clamped() {
        let policy = RetryPolicy::new()
            .max_retries(u32::MAX)
            .max_backoff(Duration::MAX);
        assert_eq!(policy.retries(), RetryPolicy::MAX_RETRIES_LIMIT);
        assert_eq!(policy.max_backoff, RetryPolicy::MAX_BACKOFF_LIMIT);
        assert_eq!(RetryPolicy::none().retries(), 0);
    }

    #[test]
    fn which_statuses_are_retried() {
        let policy = RetryPolicy::new();
        for method in [Method::GET, Method::POST, Method::PATCH] {
            assert!(policy.retries_status(&method, StatusCode::TOO_MANY_REQUESTS));
            assert!(policy.retries_status(&method, StatusCode::SERVICE_UNAVAILABLE));
            assert!(!policy.retries_status(&method, StatusCode::INTERNAL_SERVER_ERROR));
        }
        assert!(policy.retries_status(&Method::GET, StatusCode::GATEWAY_TIMEOUT));
        assert!(policy.retries_status(&Method::DELETE, StatusCode::GATEWAY_TIMEOUT));
        assert!(!policy.retries_status(&Method::POST, StatusCode::GATEWAY_TIMEOUT));
        assert!(!policy.retries_status(&Method::PATCH, StatusCode::GATEWAY_TIMEOUT));
    }
}
