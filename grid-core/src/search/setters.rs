//! The settings every search builder shares (folds, scoring, refit, threads, error score,
//! train scores, seed, verbosity, memory limit), written once for the builders that hold a
//! [`SearchSettings`](super::settings::SearchSettings) in a field named `settings`.

/// The shared setters, each documented as on [`GridSearchCV`](super::GridSearchCV).
macro_rules! search_setters {
    () => {
        /// Folds (`3`) or a splitter (`KFold::new(5).shuffle(true)`).
        pub fn cv(mut self, cv: impl Into<$crate::search::Cv>) -> Self {
            self.settings.cv = cv.into();
            self
        }

        /// One scorer or several (`[Scoring::R2, Scoring::NegMeanSquaredError]`).
        pub fn scoring(mut self, scoring: impl Into<$crate::search::Scorers>) -> Self {
            self.settings.scorers = scoring.into();
            self
        }

        /// `true` (default), `false`, or the name of the scorer that picks the best candidate.
        pub fn refit(mut self, refit: impl Into<$crate::search::Refit>) -> Self {
            self.settings.refit = refit.into();
            self
        }

        /// Number of fits run at once (default: all cores). Results do not depend on it. With 1,
        /// every fit runs on the calling thread, in grid order; with more, on a pool of that many
        /// threads built for the search.
        pub fn n_jobs(mut self, n_jobs: usize) -> Self {
            self.settings.n_jobs = Some(n_jobs);
            self
        }

        /// What a failed fit scores: NaN (default), a value, or `Raise` to stop at the first
        /// failure (the failing fit of lowest (candidate, split), whatever `n_jobs`).
        pub fn error_score(mut self, error_score: $crate::search::ErrorScore) -> Self {
            self.settings.error_score = error_score;
            self
        }

        /// Also score each fit on its training rows.
        pub fn return_train_score(mut self, yes: bool) -> Self {
            self.settings.return_train_score = yes;
            self
        }

        /// The search seed: every fit's seed is derived from it, its candidate and its split (and
        /// so are the candidates a randomized search draws).
        pub fn seed(mut self, seed: u64) -> Self {
            self.settings.seed = seed;
            self
        }

        /// 0: silent; 1 (default): warnings, and a progress bar when stderr is a terminal.
        pub fn verbose(mut self, level: u8) -> Self {
            self.settings.verbose = level;
            self
        }

        /// The memory, in bytes, the fits may use at once (default: `MemAvailable` of
        /// `/proc/meminfo` when the search starts). Fits the estimator can size (the neural
        /// estimators can) run fewer at once when they would not fit together, with a warning; a
        /// fit that would not fit alone fails with [`Error::OutOfMemory`](crate::Error::OutOfMemory)
        /// and scores `error_score`, as any failed fit. Nothing is allocated to find out.
        pub fn memory_limit(mut self, bytes: u64) -> Self {
            self.settings.memory_limit = Some(bytes);
            self
        }
    };
}

pub(crate) use search_setters;
