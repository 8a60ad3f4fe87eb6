//! The generator candidates are drawn from: SplitMix64, seeded per candidate.

/// A small deterministic generator (SplitMix64) handed to [`Distribution::sample`](super::Distribution::sample)
/// (super::Distribution::sample). Candidate `i` of a search seeded `s` draws from its own
/// generator, seeded from `(s, i)` alone, so candidates do not depend on each other, on the
/// order they are drawn in or on the number of threads.
///
/// ```
/// use grid_core::space::SpaceRng;
/// let (mut a, mut b) = (SpaceRng::new(7), SpaceRng::new(7));
/// assert_eq!(a.next_u64(), b.next_u64());
/// let u = a.next_f64();
/// assert!((0.0..1.0).contains(&u));
/// assert!(a.below(10) < 10);
/// ```
#[derive(Clone, Debug)]
pub struct SpaceRng {
    state: u64,
}

impl SpaceRng {
    /// The generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SpaceRng { state: seed }
    }

    /// The generator of candidate `index` in a search seeded `seed`.
    ///
    /// ```
    /// use grid_core::space::SpaceRng;
    /// assert_ne!(SpaceRng::for_candidate(0, 1).next_u64(), SpaceRng::for_candidate(0, 2).next_u64());
    /// ```
    pub fn for_candidate(seed: u64, index: usize) -> Self {
        let mix = crate::rng::splitmix64;
        SpaceRng::new(mix(mix(seed) ^ (index as u64).rotate_left(17)))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A double in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1_u64 << 53) as f64)
    }

    /// An integer in `0..n`, unbiased (Lemire's method); 0 when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}
