//! numpy's legacy random generator (`numpy.random.RandomState`), draw for draw.
//!
//! scikit-learn turns every integer `random_state` into `np.random.RandomState(seed)`; the
//! seeded datasets and splitters of this crate use [`RandomState`] so that they give the same
//! numbers as scikit-learn for the same seed.
//!
//! ```
//! use grid_core::rng::RandomState;
//! // np.random.RandomState(42).permutation(10)
//! assert_eq!(RandomState::new(42).permutation(10), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
//! ```

/// Words of the Mersenne Twister state.
const N: usize = 624;
/// Offset of the twist.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// numpy's `RandomState`: the MT19937 Mersenne Twister with numpy's legacy ways of turning its
/// 32-bit words into doubles, normal draws and permutations.
///
/// - [`new`](Self::new): `np.random.RandomState(seed)` (MT19937 `init_genrand`);
/// - [`random_sample`](Self::random_sample): a 53-bit double in `[0, 1)` from two words;
/// - [`standard_normal`](Self::standard_normal): the polar Box-Muller method, which makes two
///   values at a time and hands out the second on the next call;
/// - [`uniform`](Self::uniform), [`normal`](Self::normal), [`shuffle`](Self::shuffle),
///   [`permutation`](Self::permutation): as numpy's methods of the same names.
///
/// ```
/// use grid_core::rng::RandomState;
/// let mut rng = RandomState::new(42);
/// // np.random.RandomState(42).standard_normal(2) -> [0.4967141530112327, -0.13826430117118466]
/// assert_eq!(rng.standard_normal(), 0.4967141530112327);
/// assert_eq!(rng.standard_normal(), -0.13826430117118466);
/// ```
#[derive(Clone, Debug)]
pub struct RandomState {
    state: Box<[u32; N]>,
    position: usize,
    /// The second value of the last polar Box-Muller pair, not yet handed out.
    cached_normal: Option<f64>,
}

impl RandomState {
    /// The generator of `np.random.RandomState(seed)`.
    ///
    /// numpy refuses integer seeds above `2^32 - 1`; such a seed here gives the generator of
    /// `np.random.RandomState([seed & 0xffffffff, seed >> 32])` (MT19937 `init_by_array`).
    ///
    /// ```
    /// use grid_core::rng::RandomState;
    /// // np.random.RandomState(5489).randint(0, 2**32, dtype=np.uint32) -> 3499211612
    /// assert_eq!(RandomState::new(5489).next_u32(), 3_499_211_612);
    /// ```
    pub fn new(seed: u64) -> Self {
        match u32::try_from(seed) {
            Ok(seed) => Self::from_u32(seed),
            Err(_) => Self::from_words(&[seed as u32, (seed >> 32) as u32]),
        }
    }

    /// MT19937 `init_genrand`.
    fn from_u32(seed: u32) -> Self {
        let mut state = Box::new([0_u32; N]);
        state[0] = seed;
        for i in 1..N {
            let previous = state[i - 1];
            state[i] = 1_812_433_253_u32.wrapping_mul(previous ^ (previous >> 30)).wrapping_add(i as u32);
        }
        RandomState { state, position: N, cached_normal: None }
    }

    /// MT19937 `init_by_array`.
    fn from_words(key: &[u32]) -> Self {
        let mut rng = Self::from_u32(19_650_218);
        let s = &mut rng.state;
        let (mut i, mut j) = (1, 0);
        for _ in 0..N.max(key.len()) {
            let previous = s[i - 1];
            s[i] = (s[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = s[i - 1];
            s[i] = (s[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x8000_0000;
        rng
    }

    /// Regenerates the 624 words of state.
    fn twist(&mut self) {
        let s = &mut self.state;
        for k in 0..N {
            let y = (s[k] & UPPER_MASK) | (s[(k + 1) % N] & LOWER_MASK);
            let magic = if y & 1 == 1 { MATRIX_A } else { 0 };
            s[k] = s[(k + M) % N] ^ (y >> 1) ^ magic;
        }
        self.position = 0;
    }

    /// The next 32-bit word of the Mersenne Twister (tempered).
    ///
    /// ```
    /// let mut rng = grid_core::rng::RandomState::new(42);
    /// // np.random.RandomState(42).randint(0, 2**32, size=2, dtype=np.uint32)
    /// assert_eq!([rng.next_u32(), rng.next_u32()], [1_608_637_542, 3_421_126_067]);
    /// ```
    pub fn next_u32(&mut self) -> u32 {
        if self.position >= N {
            self.twist();
        }
        let mut y = self.state[self.position];
        self.position += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// numpy's legacy 64-bit word: two 32-bit words, the first one high.
    fn next_u64(&mut self) -> u64 {
        let high = u64::from(self.next_u32());
        (high << 32) | u64::from(self.next_u32())
    }

    /// A double in `[0, 1)` with 53 random bits: `((a >> 5) * 2^26 + (b >> 6)) / 2^53`, as
    /// numpy's `random_sample`.
    ///
    /// ```
    /// // np.random.RandomState(42).random_sample() -> 0.3745401188473625
    /// assert_eq!(grid_core::rng::RandomState::new(42).random_sample(), 0.3745401188473625);
    /// ```
    pub fn random_sample(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A standard normal draw by numpy's legacy polar Box-Muller method: each pair of accepted
    /// uniform draws makes two values, the second kept for the next call.
    ///
    /// ```
    /// // np.random.RandomState(42).standard_normal() -> 0.4967141530112327
    /// assert_eq!(grid_core::rng::RandomState::new(42).standard_normal(), 0.4967141530112327);
    /// ```
    pub fn standard_normal(&mut self) -> f64 {
        if let Some(value) = self.cached_normal.take() {
            return value;
        }
        loop {
            let x1 = 2.0 * self.random_sample() - 1.0;
            let x2 = 2.0 * self.random_sample() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.cached_normal = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// A uniform draw in `[low, high)`: `low + (high - low) * random_sample()`, as numpy's
    /// `uniform(low, high)`.
    ///
    /// ```
    /// // np.random.RandomState(0).uniform(-2.0, 3.0) -> 0.7440675196366238
    /// assert_eq!(grid_core::rng::RandomState::new(0).uniform(-2.0, 3.0), 0.7440675196366238);
    /// ```
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.random_sample()
    }

    /// A normal draw: `loc + scale * standard_normal()`, as numpy's `normal(loc, scale)`.
    ///
    /// ```
    /// // np.random.RandomState(1).normal(5.0, 2.0) -> 8.248690727326483
    /// assert_eq!(grid_core::rng::RandomState::new(1).normal(5.0, 2.0), 8.248690727326483);
    /// ```
    pub fn normal(&mut self, loc: f64, scale: f64) -> f64 {
        loc + scale * self.standard_normal()
    }

    /// A uniform integer in `0..=max`, by numpy's legacy `random_interval`: draws masked to the
    /// bits of `max` until one is at most `max` (32-bit draws when `max` fits in 32 bits).
    fn random_interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = u64::MAX >> max.leading_zeros();
        loop {
            let value = if max <= u64::from(u32::MAX) {
                u64::from(self.next_u32()) & mask
            } else {
                self.next_u64() & mask
            };
            if value <= max {
                return value;
            }
        }
    }

    /// Shuffles `items` in place as numpy's `shuffle` of a 1-d array: Fisher-Yates from the
    /// end, position `i` swapped with a uniform position in `0..=i`.
    ///
    /// ```
    /// let mut items: Vec<usize> = (0..10).collect();
    /// grid_core::rng::RandomState::new(42).shuffle(&mut items);
    /// // a = np.arange(10); np.random.RandomState(42).shuffle(a)
    /// assert_eq!(items, [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
    /// ```
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.random_interval(i as u64) as usize;
            items.swap(i, j);
        }
    }

    /// A random permutation of `0..n`, as numpy's `permutation(n)` (a shuffled `arange(n)`).
    ///
    /// ```
    /// // np.random.RandomState(0).permutation(5)
    /// let order = grid_core::rng::RandomState::new(0).permutation(5);
    /// assert_eq!(order, [2, 0, 1, 3, 4]);
    /// ```
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        self.shuffle(&mut order);
        order
    }
}

/// SplitMix64's finalizer: a bijective, well-mixing hash of a `u64` (used to derive
/// independent seeds from a base seed and an index).
pub(crate) fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::splitmix64;

    /// The first outputs of SplitMix64 seeded with 0 (Vigna's reference `next()`: the state
    /// advances by the golden gamma, then is finalized): 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        assert_eq!(splitmix64(0), 0xe220_a839_7b1d_cdaf);
        assert_eq!(splitmix64(0x9E37_79B9_7F4A_7C15), 0x6e78_9e6a_a1b9_65f4);
    }
}
