#!/usr/bin/env python3
"""Stand-in for `cargo run --release --example bench_seeds -- --json`.

Prints the same kind of lines as the real example (one JSON object per line,
keys `scenario`, `n_jobs`, `grid_fit_wall_s`, `n_fits`, `best_score`,
`peak_rss_mib`, and `test_accuracy` for scenario c) with fixed, made-up
figures, plus one line that is not JSON, which compare.py must skip.
Used by `compare.sh --self-test`; select it by hand with
GRIDCV_CMD="python3 benches/peers/fake_gridcv.py".
"""

import json

# Fixed figures: the self-test checks that compare.py divides the peers'
# measured wall times by exactly these.
FAKE_LINES = [
    {"scenario": "a_regressor_basic", "n_jobs": 1, "grid_fit_wall_s": 2.0,
     "n_fits": 37, "best_score": -17400.5, "peak_rss_mib": 21.5},
    {"scenario": "a_regressor_basic", "n_jobs": 2, "grid_fit_wall_s": 1.25,
     "n_fits": 37, "best_score": -17400.5, "peak_rss_mib": 24.0},
    {"scenario": "b_regressor_arch", "n_jobs": 1, "grid_fit_wall_s": 40.0,
     "n_fits": 193, "best_score": -530.25, "peak_rss_mib": 30.0},
    {"scenario": "c_classifier_iris", "n_jobs": 1, "grid_fit_wall_s": 1.5,
     "n_fits": 19, "best_score": 0.975, "peak_rss_mib": 20.0,
     "test_accuracy": 1.0},
]


def main():
    print("fake gridcv: figures below are made up (compare.sh --self-test)")
    for line in FAKE_LINES:
        print(json.dumps(dict(line, fake=True)), flush=True)


if __name__ == "__main__":
    main()
