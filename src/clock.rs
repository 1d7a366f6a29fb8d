//! The one place cloudlab reads a clock. std's `Instant`/`SystemTime` (and chrono's
//! `Utc::now`, `thread::sleep`) panic on wasm32-unknown-unknown, where the browser kernel
//! runs; `web-time` is std natively and the browser's clock there.

pub use web_time::Instant;

/// Now, on the monotonic clock: std's natively, the browser's `performance.now()` in wasm.
/// Natively `web_time::Instant` *is* std's, so clippy's `disallowed-methods` (clippy.toml)
/// flags every `Instant::now()`; this is the one call it allows.
#[allow(clippy::disallowed_methods)]
pub fn instant() -> Instant {
    Instant::now()
}

/// Milliseconds since the Unix epoch.
#[allow(clippy::disallowed_methods)] // web_time's clock: std's natively, the browser's in wasm
pub fn now_millis() -> u128 {
    web_time::SystemTime::now().duration_since(web_time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0)
}

/// Now, in UTC, to the second.
pub fn now_utc() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp((now_millis() / 1000) as i64, 0).unwrap_or_default()
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today() -> String {
    now_utc().format("%Y-%m-%d").to_string()
}

/// Waits `d`: sleeping natively; in the browser's worker, where a thread cannot sleep, by
/// watching the clock.
pub fn pause(d: std::time::Duration) {
    #[cfg(not(target_family = "wasm"))]
    std::thread::sleep(d);
    #[cfg(target_family = "wasm")]
    {
        let end = instant() + d;
        while instant() < end {}
    }
}
