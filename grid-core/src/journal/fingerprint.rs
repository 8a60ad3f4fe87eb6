//! Fingerprints: stable 64-bit FNV-1a hashes (the same on every machine and Rust version) of
//! what a journal's cells depend on: the grid, the search settings and the data.

use serde::{Deserialize, Serialize};

/// FNV-1a, 64 bits: simple, stable across processes, machines and compiler versions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// A length-prefixed string, so that `("ab", "c")` and `("a", "bc")` differ.
    pub(crate) fn str(&mut self, s: &str) -> &mut Self {
        self.u64(s.len() as u64).bytes(s.as_bytes())
    }

    pub(crate) fn u64(&mut self, x: u64) -> &mut Self {
        self.bytes(&x.to_le_bytes())
    }

    /// The hash as 16 hexadecimal digits.
    pub(crate) fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The three fingerprints of a search, as hexadecimal strings.
///
/// ```
/// let f = grid_core::journal::Fingerprints { grid: "a".into(), settings: "b".into(), data: "c".into() };
/// assert_eq!(f.differences(&f), Vec::<&str>::new());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprints {
    /// The grid's definition: every candidate's parameters, in order.
    pub grid: String,
    /// The settings cells depend on: the splits (cv, groups), scoring, seed, error score,
    /// train scores.
    pub settings: String,
    /// The data: the shapes and values of x and y (and of validation data).
    pub data: String,
}

impl Fingerprints {
    /// The names of the fingerprints that differ between `self` and `other`.
    pub fn differences(&self, other: &Fingerprints) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.grid != other.grid {
            out.push("grid");
        }
        if self.settings != other.settings {
            out.push("settings");
        }
        if self.data != other.data {
            out.push("data");
        }
        out
    }
}

/// The settings behind the settings fingerprint, in the clear, so that a mismatch can say
/// which one differs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsDetail {
    /// Hash of every split's train and test rows (what `cv` and the groups produced).
    pub splits: String,
    /// The scorers' names.
    pub scoring: Vec<String>,
    /// The search seed.
    pub seed: u64,
    /// `error_score`: `"nan"`, `"raise"` or the value.
    pub error_score: String,
    /// Whether train scores are computed.
    pub return_train_score: bool,
}

impl SettingsDetail {
    /// The settings fingerprint.
    pub(crate) fn fingerprint(&self) -> String {
        let mut h = Fnv::default();
        h.str(&self.splits);
        for s in &self.scoring {
            h.str(s);
        }
        h.u64(self.seed).str(&self.error_score).u64(u64::from(self.return_train_score));
        h.hex()
    }

    /// The settings that differ from `other`, as `name (journal: a, search: b)`.
    pub(crate) fn describe_differences(&self, search: &SettingsDetail) -> String {
        let mut out = Vec::new();
        if self.splits != search.splits {
            out.push(
                "cv splits (the folds' rows differ: cv, groups or the number of rows changed)".to_string(),
            );
        }
        if self.scoring != search.scoring {
            out.push(format!("scoring (journal: {:?}, search: {:?})", self.scoring, search.scoring));
        }
        if self.seed != search.seed {
            out.push(format!("seed (journal: {}, search: {})", self.seed, search.seed));
        }
        if self.error_score != search.error_score {
            out.push(format!("error_score (journal: {}, search: {})", self.error_score, search.error_score));
        }
        if self.return_train_score != search.return_train_score {
            out.push(format!(
                "return_train_score (journal: {}, search: {})",
                self.return_train_score, search.return_train_score
            ));
        }
        out.join(", ")
    }
}
