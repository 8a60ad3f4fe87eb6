#!/usr/bin/env python3
"""Time per training step: gridcv's NeuralRegressor::fit against a plain PyTorch loop.

Same network (features -> width -> width -> 1, ReLU, Adam lr 1e-3, MSE), same data
(make_regression, 20 000 x 50, noise 1, seed 0), same batch size, in one run, side by side:
for every configuration, the PyTorch loop and gridcv (grid-core's `step_speed` example, a
release build) run one after the other, `--repeat` times, and each side keeps its best time
(the machine is shared: the least disturbed run is the closest to the machine's speed).

It also measures the single-core f32 GEMM speed of both sides on a width^3 product (PyTorch's
`torch.mm`, gemm 0.19 inside the gridcv run), and prints, per configuration, the step times,
gridcv / PyTorch, each side's GFLOP/s and gridcv's share of the faster GEMM.

FLOPs per step: 2 x the multiply-adds of the forward product and weight gradient of every
layer and the input gradient of every layer but the first (what both sides compute).

Run from the repository root, with torch in the venv (default /work/venvs/venv-torch):

    /work/venvs/venv-torch/bin/python benches/peers/step_speed.py
    /work/venvs/venv-torch/bin/python benches/peers/step_speed.py --widths 256,512 --batches 256 --threads 1

The table goes to stdout and to benches/peers/step_speed_last.md, the raw figures to
benches/peers/step_speed_last.json.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ints = lambda s: [int(v) for v in s.split(",")]  # noqa: E731
    p.add_argument("--widths", type=ints, default=[64, 256, 512])
    p.add_argument("--batches", type=ints, default=[32, 256])
    p.add_argument("--threads", type=ints, default=[1, 2])
    p.add_argument("--rows", type=int, default=20_000)
    p.add_argument("--features", type=int, default=50)
    p.add_argument("--epochs", type=int, default=3, help="timed fits run this many epochs (at least 2)")
    p.add_argument("--repeat", type=int, default=2, help="alternating runs of each side per configuration")
    p.add_argument("--no-build", action="store_true", help="use the existing release build of step_speed")
    return p.parse_args()


def step_flops(features, width, batch):
    return 2.0 * batch * (3 * width * width + 2 * features * width + 3 * width)


def torch_step(torch, x, y, width, batch, threads, epochs):
    """Seconds per step of a plain PyTorch loop (best epoch after a warm-up epoch)."""
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    n, f = x.shape
    model = torch.nn.Sequential(
        torch.nn.Linear(f, width), torch.nn.ReLU(),
        torch.nn.Linear(width, width), torch.nn.ReLU(),
        torch.nn.Linear(width, 1),
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.MSELoss()
    steps = (n + batch - 1) // batch
    best = float("inf")
    for epoch in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            xb, yb = x[idx], y[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        elapsed = time.perf_counter() - start
        if epoch > 0:
            best = min(best, elapsed / steps)
    return best


def torch_gemm_gflops(torch, n):
    torch.set_num_threads(1)
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    reps = max(1, int(2e9 / (2 * n ** 3)))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b)
        best = min(best, (time.perf_counter() - start) / reps)
    return 2 * n ** 3 / best / 1e9


def gridcv_step(binary, args, width, batch, threads):
    cmd = [str(binary), "--width", str(width), "--batch", str(batch), "--threads", str(threads),
           "--rows", str(args.rows), "--features", str(args.features), "--epochs", str(args.epochs),
           "--rounds", "2"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def main():
    args = parse_args()
    import numpy as np
    import torch
    from sklearn.datasets import make_regression

    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "grid-core", "--example", "step_speed"],
                       cwd=REPO, check=True)
    binary = REPO / "target" / "release" / "examples" / "step_speed"
    xn, yn = make_regression(n_samples=args.rows, n_features=args.features, noise=1.0, random_state=0)
    x = torch.from_numpy(xn.astype(np.float32))
    y = torch.from_numpy(yn.astype(np.float32)).reshape(-1, 1)

    rows = []
    for threads in args.threads:
        for width in args.widths:
            for batch in args.batches:
                t_torch, g = float("inf"), None
                for _ in range(args.repeat):
                    t_torch = min(t_torch, torch_step(torch, x, y, width, batch, threads, args.epochs + 1))
                    r = gridcv_step(binary, args, width, batch, threads)
                    if g is None or r["step_s"] < g["step_s"]:
                        g = r
                    # The GEMM speeds: each side's best over the repeats.
                    g["gemm_gflops_1t"] = max(g["gemm_gflops_1t"], r["gemm_gflops_1t"])
                mm = max(torch_gemm_gflops(torch, max(width, 64)) for _ in range(args.repeat))
                flops = step_flops(args.features, width, batch)
                row = {
                    "threads": threads, "width": width, "batch": batch,
                    "gridcv_step_s": g["step_s"], "torch_step_s": t_torch,
                    "ratio": g["step_s"] / t_torch,
                    "gridcv_gflops": flops / g["step_s"] / 1e9, "torch_gflops": flops / t_torch / 1e9,
                    "gemm019_gflops_1t": g["gemm_gflops_1t"], "torch_mm_gflops_1t": mm,
                    "gemm_n": max(width, 64), "isa": g["isa"],
                }
                row["gridcv_share_of_best_gemm"] = row["gridcv_gflops"] / max(row["gemm019_gflops_1t"], mm)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)

    head = ("| threads | network, batch | gridcv step | PyTorch step | gridcv / PyTorch | gridcv GFLOP/s "
            "| PyTorch GFLOP/s | GEMM 1 core: gemm 0.19 / torch.mm (n^3) | gridcv / faster GEMM |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        ms = lambda s: f"{s * 1e3:.3f} ms"  # noqa: E731
        lines.append(
            f"| {r['threads']} | {args.features}-{r['width']}-{r['width']}-1, {r['batch']} | {ms(r['gridcv_step_s'])} "
            f"| {ms(r['torch_step_s'])} | {r['ratio']:.2f} | {r['gridcv_gflops']:.1f} | {r['torch_gflops']:.1f} "
            f"| {r['gemm019_gflops_1t']:.0f} / {r['torch_mm_gflops_1t']:.0f} (n={r['gemm_n']}) "
            f"| {100 * r['gridcv_share_of_best_gemm']:.0f} % |")
    meta = {
        "torch": torch.__version__, "isa": rows[0]["isa"] if rows else None,
        "loadavg": os.getloadavg(), "rows": args.rows, "features": args.features, "epochs": args.epochs,
        "repeat": args.repeat, "time_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    table = "\n".join(lines)
    note = (f"\n\nPyTorch {meta['torch']}, gridcv products on {meta['isa']}; {args.rows} x {args.features} rows; "
            f"best of {args.repeat} alternating runs per side; load average at the end "
            f"{' / '.join(f'{v:.1f}' for v in meta['loadavg'])}.")
    print(table + note)
    (HERE / "step_speed_last.md").write_text(table + note + "\n")
    (HERE / "step_speed_last.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
