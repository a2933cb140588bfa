//! Files are independent once names are decided, so they are emitted and formatted on
//! worker threads. Token trees cannot cross threads (proc-macro2's fallback `TokenStream`
//! is reference-counted), so each worker builds its files' tokens itself and hands back
//! only the formatted text.

use std::num::NonZero;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f).collect()`, spread over the available CPUs. Results come back in
/// the order of `items`, so the output never depends on scheduling (or on the CPU count,
/// which is only a hint for how many workers to start).
pub fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    // Files differ in size by orders of magnitude (a request module of one function, one of
    // a hundred), so workers take the next item as they finish rather than a fixed share.
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers)
            .map(|_| scope.spawn(|| indexed(&next, items, &f)))
            .collect();
        // This thread works too, then collects the helpers' results.
        let mine = indexed(&next, items, &f);
        let theirs = helpers.into_iter().flat_map(|helper| {
            // A panic in a worker is a generator bug: pass it on as if it happened here.
            helper
                .join()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
        });
        for (i, r) in mine.into_iter().chain(theirs) {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(r);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Takes items by index until none are left; each result is tagged with its index.
fn indexed<T, R>(next: &AtomicUsize, items: &[T], f: &impl Fn(&T) -> R) -> Vec<(usize, R)> {
    let mut done = Vec::new();
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else {
            return done;
        };
        done.push((i, f(item)));
    }
}
