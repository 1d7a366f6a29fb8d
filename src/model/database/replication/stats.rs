//! The random draws (log-normal quantile tables, Poisson) and the log-linear histogram the
//! percentiles come from.

use crate::model::seeded::SeededRng;
use rand::Rng;

/// Log-linear histogram over f64 bit patterns: 128 sub-buckets per power of two.
#[derive(Clone, Debug)]
pub struct Histogram {
    counts: Vec<f64>,
    total: f64,
    max: f64,
}

const HIST_SHIFT: u32 = 45;
// Values from 2^-16 ms up to 2^40 ms are resolved; others clamp to the ends.
const HIST_LO: u64 = (1023 - 16) << 7;
const HIST_HI: u64 = (1023 + 40) << 7;

impl Default for Histogram {
    fn default() -> Self {
        Histogram { counts: vec![0.0; (HIST_HI - HIST_LO) as usize + 1], total: 0.0, max: 0.0 }
    }
}

impl Histogram {
    #[inline]
    pub fn add(&mut self, v: f64, weight: f64) {
        let v = v.max(0.0);
        let b = (v.to_bits() >> HIST_SHIFT).clamp(HIST_LO, HIST_HI);
        self.counts[(b - HIST_LO) as usize] += weight;
        self.total += weight;
        if v > self.max {
            self.max = v;
        }
    }

    /// The value below which `q` (0–1) of the weight lies (bucket midpoint).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let target = q * self.total;
        let mut acc = 0.0;
        for (i, c) in self.counts.iter().enumerate() {
            acc += c;
            if acc >= target && *c > 0.0 {
                let lo = f64::from_bits((i as u64 + HIST_LO) << HIST_SHIFT);
                let hi = f64::from_bits((i as u64 + HIST_LO + 1) << HIST_SHIFT);
                return ((lo + hi) / 2.0).min(self.max);
            }
        }
        self.max
    }

    pub fn max(&self) -> f64 {
        self.max
    }
}

/// Log-normal quantiles (median·e^(σ·z)) at 4096 evenly spaced probabilities: a draw is
/// one random index.
pub(super) struct QuantileTable(Vec<f64>);

impl QuantileTable {
    pub(super) fn lognormal(median: f64, sigma: f64) -> QuantileTable {
        const N: usize = 4096;
        QuantileTable(
            (0..N)
                .map(|i| {
                    let p = (i as f64 + 0.5) / N as f64;
                    median * (sigma * inverse_normal(p)).exp()
                })
                .collect(),
        )
    }

    /// The table of ln(values): a log-normal(1, σ) table becomes a normal(0, σ) one.
    pub(super) fn ln(self) -> QuantileTable {
        QuantileTable(self.0.into_iter().map(f64::ln).collect())
    }

    #[inline]
    pub(super) fn draw(&self, rng: &mut SeededRng) -> f64 {
        self.0[(rng.gen::<u32>() as usize) & 4095]
    }
}

/// Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
#[allow(clippy::excessive_precision)]
pub(super) fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383577518672690e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] =
        [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// Poisson draw: Knuth's product method for small means, normal approximation above 30.
#[inline]
pub(super) fn poisson(rng: &mut SeededRng, mean: f64, normal: &QuantileTable) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    if mean > 30.0 {
        return (mean + mean.sqrt() * normal.draw(rng)).round().max(0.0);
    }
    let limit = (-mean).exp();
    let mut k = 0.0;
    let mut p: f64 = rng.gen();
    while p > limit {
        k += 1.0;
        p *= rng.gen::<f64>();
    }
    k
}
