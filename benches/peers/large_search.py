#!/usr/bin/env python3
"""A search on a large table, gridcv against skorch: time and peak memory.

Data: make_regression(n_samples=200_000, n_features=50, noise=1, random_state=0), float32,
written once to .npy files (C order) that both sides read. Search: 4 candidates (hidden width
64 or 128 in a features -> units -> units -> 1 ReLU network, batch size 128 or 256), 2 epochs
of Adam (lr 1e-3), 5-fold KFold, MSE, refit on all rows. gridcv runs `examples/large_search.rs`
(release build); skorch runs NeuralNetRegressor in scikit-learn's GridSearchCV in this file's
`--skorch` mode. Each side runs under /usr/bin/time -v; its maximum resident set size is the
peak memory reported (for n_jobs > 1, skorch's joblib workers are separate processes: their
peak is sampled from /proc and added, see `tree_peak`).

    /work/venvs/venv-torch/bin/python benches/peers/large_search.py [--n-jobs 1,2] [--rows 200000]

Writes benches/peers/large_search_last.{md,json}.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def rss_of_tree(pid):
    """Resident KiB of `pid` and all its descendants, read from /proc."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measured(cmd):
    """Runs `cmd` under /usr/bin/time -v; returns (its JSON line, time's max RSS MiB, sampled tree peak MiB)."""
    proc = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], rss_of_tree(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{cmd} failed:\n{err[-3000:]}")
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    max_rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    return json.loads(line), max_rss / 1024, peak[0] / 1024


def skorch_main(x_path, y_path, n_jobs):
    t0 = time.perf_counter()
    import numpy as np
    import torch
    from torch import nn
    from skorch import NeuralNetRegressor
    from sklearn.model_selection import GridSearchCV, KFold

    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = np.load(x_path)
    y = np.load(y_path).reshape(-1, 1)

    class Net(nn.Module):
        def __init__(self, units=64):
            super().__init__()
            self.seq = nn.Sequential(nn.Linear(x.shape[1], units), nn.ReLU(), nn.Linear(units, units), nn.ReLU(),
                                     nn.Linear(units, 1))
            for m in self.seq:
                if isinstance(m, nn.Linear):
                    nn.init.xavier_uniform_(m.weight)
                    nn.init.zeros_(m.bias)

        def forward(self, v):
            return self.seq(v)

    net = NeuralNetRegressor(Net, criterion=nn.MSELoss, optimizer=torch.optim.Adam, lr=1e-3, max_epochs=2,
                             train_split=None, verbose=0, iterator_train__shuffle=True)
    grid = GridSearchCV(net, {"module__units": [64, 128], "batch_size": [128, 256]}, cv=KFold(5),
                        scoring="r2", n_jobs=n_jobs)
    start = time.perf_counter()
    grid.fit(x, y)
    wall = time.perf_counter() - start
    print(json.dumps({"side": "skorch", "n_jobs": n_jobs, "n_fits": 21, "grid_fit_wall_s": round(wall, 3),
                      "best_score": float(grid.best_score_), "best_params": str(grid.best_params_),
                      "import_s": round(start - t0, 3)}))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--features", type=int, default=50)
    p.add_argument("--n-jobs", default="1,2")
    p.add_argument("--data-dir", default=None, help="where the .npy files go (default: a temporary folder)")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--skorch", nargs=3, metavar=("X", "Y", "N_JOBS"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.skorch:
        return skorch_main(args.skorch[0], args.skorch[1], int(args.skorch[2]))

    import numpy as np
    from sklearn.datasets import make_regression

    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="gridcv-large-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    x_path, y_path = data_dir / f"x_{args.rows}x{args.features}.npy", data_dir / f"y_{args.rows}.npy"
    if not x_path.exists():
        x, y = make_regression(n_samples=args.rows, n_features=args.features, noise=1.0, random_state=0)
        np.save(x_path, np.ascontiguousarray(x, dtype=np.float32))
        np.save(y_path, y.astype(np.float32))
    x_mib = args.rows * args.features * 4 / 2**20
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "--example", "large_search"], cwd=REPO, check=True)
    binary = REPO / "target" / "release" / "examples" / "large_search"

    rows = []
    for n_jobs in [int(v) for v in args.n_jobs.split(",")]:
        for side in ["gridcv", "skorch"]:
            if side == "gridcv":
                cmd = [str(binary), str(x_path), str(y_path), str(n_jobs)]
            else:
                cmd = [sys.executable, __file__, "--skorch", str(x_path), str(y_path), str(n_jobs)]
            result, max_rss, tree = measured(cmd)
            peak = max(max_rss, tree)
            row = dict(result, side=side, n_jobs=n_jobs, time_v_max_rss_mib=round(max_rss, 1),
                       sampled_tree_peak_mib=round(tree, 1), peak_mib=round(peak, 1), x_mib=round(x_mib, 1),
                       peak_over_x=round(peak / x_mib, 2))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)

    lines = ["| implementation | n_jobs | grid fit wall s | best R² | peak memory MiB | peak / size of x |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['side']} | {r['n_jobs']} | {r['grid_fit_wall_s']:.1f} | {r['best_score']:.4f} "
                     f"| {r['peak_mib']:.0f} | {r['peak_over_x']:.2f} |")
    note = (f"\n\n{args.rows} x {args.features} f32 rows (x = {x_mib:.1f} MiB), 4 candidates x 5 folds + refit, "
            f"2 epochs each; peak memory: the larger of /usr/bin/time -v's maximum RSS and the sampled RSS of "
            f"the process tree; load average at the end {' / '.join(f'{v:.1f}' for v in os.getloadavg())}.")
    table = "\n".join(lines) + note
    print(table)
    (HERE / "large_search_last.md").write_text(table + "\n")
    (HERE / "large_search_last.json").write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
