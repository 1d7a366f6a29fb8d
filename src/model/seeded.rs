//! The simulations' random numbers: one generator for every seeded model, so a seed gives
//! the same run natively and in the browser. rand's `SmallRng` is a different algorithm
//! on 32-bit targets (Xoshiro128++ on wasm32, Xoshiro256++ on x86-64); this is the 64-bit
//! one, named, everywhere — the native outputs are unchanged.

use rand::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Xoshiro256++ (Blackman and Vigna). A wrapper, as rand's `SmallRng` is, so
/// `seed_from_u64` is rand_core's (PCG32 fills the seed) like SmallRng's, not the
/// generator's own SplitMix64: the streams are SmallRng's on 64-bit, bit for bit.
#[derive(Clone, Debug)]
pub struct SeededRng(Xoshiro256PlusPlus);

impl SeedableRng for SeededRng {
    type Seed = [u8; 32];

    fn from_seed(seed: Self::Seed) -> Self {
        SeededRng(Xoshiro256PlusPlus::from_seed(seed))
    }
}

impl RngCore for SeededRng {
    fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }
    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        self.0.fill_bytes(dest)
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand::Error> {
        self.0.try_fill_bytes(dest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::SmallRng;
    use rand::Rng;

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn the_same_stream_as_the_64_bit_small_rng_the_models_were_calibrated_with() {
        let mut a = SeededRng::seed_from_u64(42);
        let mut b = SmallRng::seed_from_u64(42);
        for _ in 0..1000 {
            assert_eq!(a.gen::<u64>(), b.gen::<u64>());
            assert_eq!(a.gen::<u32>(), b.gen::<u32>());
            assert_eq!(a.gen::<f64>(), b.gen::<f64>());
            assert_eq!(a.gen_range(0..17u32), b.gen_range(0..17u32));
        }
    }
}
