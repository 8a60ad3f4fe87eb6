#!/usr/bin/env python3
"""Join the peers' and gridcv's benchmark figures into one table (stdlib only).

Called by compare.sh; three subcommands:

  compare.py report --runs DIR --gridcv FILE --md OUT.md --json OUT.json
                    [--reuse-peers LAST.json] [--meta META.json] [--mode NAME]
      DIR/results/*.json are the summaries written by the peers' run_measured.py,
      FILE is gridcv's stdout (one JSON object per line; other lines are skipped).
      Prints the markdown table and writes OUT.md and OUT.json.
  compare.py check OUT.json
      Self-test of a run made with fake_gridcv.py: the gridcv figures must be the
      fake's, every peer must have succeeded, and every ratio must be the peer's
      measured wall time divided by the fake's.
  compare.py unit
      Tests of the joining logic on synthetic inputs (no peers needed).
"""

import argparse
import datetime
import glob
import json
import math
import os
import sys

# Run names (run_measured.py NAME) start with one of these prefixes.
IMPLEMENTATIONS = {
    "scikeras": "SciKeras + Keras 3 (TF)",
    "skorch": "skorch + torch",
}
GRIDCV = "gridcv"
SCENARIOS = ("a_regressor_basic", "b_regressor_arch", "c_classifier_iris")
GRIDCV_KEYS = ("scenario", "n_jobs", "grid_fit_wall_s", "n_fits", "best_score", "peak_rss_mib")
# A serial Keras/torch grid search keeps at least one core busy (TF and torch use both
# cores); a smaller share of CPU means that other processes were competing.
BUSY_CPU_PERCENT = 90.0
COLUMNS = ("scenario", "implementation", "n_jobs", "wall s", "fits/s", "best score",
           "test acc", "peak RSS MiB", "peer/gridcv wall")


class InputError(Exception):
    """Malformed gridcv output or peer summary."""


def parse_gridcv(text):
    """Lines of gridcv's stdout that are JSON objects, checked against the contract."""
    out = []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"gridcv output line {no} is not valid JSON ({e}): {line[:120]}")
        missing = [k for k in GRIDCV_KEYS if k not in obj]
        if missing:
            raise InputError(f"gridcv output line {no} lacks {', '.join(missing)}: {line[:120]}")
        if obj["scenario"] not in SCENARIOS:
            raise InputError(f"gridcv output line {no}: unknown scenario {obj['scenario']!r}")
        if obj["scenario"] == "c_classifier_iris" and "test_accuracy" not in obj:
            raise InputError(f"gridcv output line {no}: scenario c lacks test_accuracy")
        if not (isinstance(obj["grid_fit_wall_s"], (int, float)) and obj["grid_fit_wall_s"] > 0):
            raise InputError(f"gridcv output line {no}: grid_fit_wall_s must be a positive number")
        out.append(obj)
    return out


def impl_of(name):
    prefix = name.split("_", 1)[0]
    if prefix not in IMPLEMENTATIONS:
        raise InputError(f"peer run {name!r}: name must start with one of {sorted(IMPLEMENTATIONS)}")
    return IMPLEMENTATIONS[prefix]


def scenario_of(result):
    """Peer scripts name scenario a of skorch 'a_regressor_basic_skorch'."""
    for s in SCENARIOS:
        if str(result.get("scenario", "")).startswith(s):
            return s
    raise InputError(f"peer result has unknown scenario {result.get('scenario')!r}")


TIME_V_FIELDS = {"Percent of CPU this job got": "cpu_percent", "User time (seconds)": "user_s",
                 "System time (seconds)": "system_s"}


def time_v_figures(stderr_text):
    """CPU share and CPU seconds from /usr/bin/time -v's report (shows contention)."""
    out = {}
    for line in stderr_text.splitlines():
        label, _, value = line.strip().partition(": ")
        if label in TIME_V_FIELDS:
            try:
                out[TIME_V_FIELDS[label]] = float(value.rstrip("%"))
            except ValueError:
                pass
    return out


def load_peer_runs(runs_dir):
    runs = []
    for path in sorted(glob.glob(os.path.join(runs_dir, "results", "*.json"))):
        with open(path) as f:
            run = json.load(f)  # json accepts the NaN that run_measured writes
        err = path[:-len(".json")] + ".stderr"
        if os.path.exists(err):
            with open(err, errors="replace") as f:
                run["time_v"] = time_v_figures(f.read())
        runs.append(run)
    return runs


def peak_rss(summary):
    """Largest of time -v's single-process peak and the sampled process-tree peak."""
    vals = [v for v in (summary.get("time_v_max_rss_mib"), summary.get("sampled_tree_rss_peak_mib"))
            if isinstance(v, (int, float))]
    return max(vals) if vals else None


def row(scenario, impl, n_jobs, wall, n_fits, best, acc, rss, source):
    return {
        "scenario": scenario, "implementation": impl, "n_jobs": n_jobs,
        "grid_fit_wall_s": wall, "n_fits": n_fits,
        "fits_per_s": (n_fits / wall) if wall and n_fits else None,
        "best_score": best, "test_accuracy": acc, "peak_rss_mib": rss,
        "ratio_peer_over_gridcv": None, "source": source, "cpu_percent": None,
    }


def build_rows(gridcv, peers):
    """Table rows (gridcv first in each scenario/n_jobs group) and warnings."""
    warnings = []
    rows, by_key = [], {}
    for g in gridcv:
        key = (g["scenario"], int(g["n_jobs"]))
        if key in by_key:
            warnings.append(f"gridcv printed {key[0]} n_jobs={key[1]} twice; the last line is used")
            rows.remove(by_key[key])
        r = row(key[0], GRIDCV, key[1], float(g["grid_fit_wall_s"]), int(g["n_fits"]),
                g["best_score"], g.get("test_accuracy"), g["peak_rss_mib"], "gridcv")
        by_key[key] = r
        rows.append(r)
    for p in peers:
        name, res = p.get("name", "?"), p.get("result")
        impl = impl_of(name)
        if p.get("rc") != 0 or not res:
            warnings.append(f"peer run {name} failed (rc={p.get('rc')}); see its .stderr log")
            continue
        scen = scenario_of(res)
        n_jobs = int(res.get("n_jobs") or 1)  # the scripts print null for serial
        r = row(scen, impl, n_jobs, float(res["grid_fit_wall_s"]), int(res["n_fits"]),
                res.get("best_score"), res.get("test_accuracy"), peak_rss(p),
                p.get("reused_from", "measured"))
        r["cpu_percent"] = (p.get("time_v") or {}).get("cpu_percent")
        # (with n_jobs=2 the work is done in loky workers that time -v may not count)
        if n_jobs == 1 and r["cpu_percent"] is not None and r["cpu_percent"] < BUSY_CPU_PERCENT:
            warnings.append(f"{name} got only {r['cpu_percent']:.0f} % CPU: the machine was busy, "
                            "so its wall time (and the ratio) is inflated")
        g = by_key.get((scen, n_jobs))
        if g is None:
            warnings.append(f"no gridcv figure for {scen} n_jobs={n_jobs}: {name} has no ratio")
        else:
            r["ratio_peer_over_gridcv"] = r["grid_fit_wall_s"] / g["grid_fit_wall_s"]
            if g["n_fits"] != r["n_fits"]:
                warnings.append(f"{scen} n_jobs={n_jobs}: gridcv ran {g['n_fits']} fits, "
                                f"{name} ran {r['n_fits']}; the grids differ")
        rows.append(r)
    order = {s: i for i, s in enumerate(SCENARIOS)}
    rows.sort(key=lambda r: (order[r["scenario"]], r["n_jobs"], r["implementation"] != GRIDCV,
                             r["implementation"]))
    return rows, warnings


def fmt(v, spec):
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return format(v, spec)


def markdown(rows, warnings, header_lines):
    out = list(header_lines) + [""]
    out.append("| " + " | ".join(COLUMNS) + " |")
    out.append("|" + "---|" * len(COLUMNS))
    for r in rows:
        ratio = fmt(r["ratio_peer_over_gridcv"], ".2f")
        if r["implementation"] == GRIDCV:
            ratio = "1 (reference)"
        elif r["source"] != "measured":
            ratio += " (reused)" if ratio else "(reused)"
        cells = [r["scenario"], r["implementation"], str(r["n_jobs"]),
                 fmt(r["grid_fit_wall_s"], ".2f"), fmt(r["fits_per_s"], ".2f"),
                 fmt(r["best_score"], ".6g"), fmt(r["test_accuracy"], ".3f"),
                 fmt(r["peak_rss_mib"], ".1f"), ratio]
        out.append("| " + " | ".join(cells) + " |")
    out += ["",
            "- wall s: `grid.fit` / grid search only (no interpreter start, imports or compile); "
            "fits = candidates x 3 folds + 1 refit.",
            "- peer/gridcv wall > 1 means gridcv is faster. Peer wall times vary by about 30 % "
            "between runs on this VM (shared/peers/REPORT.md).",
            "- peak RSS: gridcv's own figure; peers: the larger of `/usr/bin/time -v` and the "
            "process tree sampled every 0.25 s (includes joblib workers for n_jobs=2)."]
    if warnings:
        out += ["", "Warnings:"] + [f"- {w}" for w in warnings]
    return "\n".join(out) + "\n"


def cmd_report(a):
    with open(a.gridcv) as f:
        gridcv = parse_gridcv(f.read())
    peers = load_peer_runs(a.runs) if a.runs else []
    if a.reuse_peers:
        with open(a.reuse_peers) as f:
            prev = json.load(f)
        stamp = prev.get("generated_utc", "?")
        peers += [dict(p, reused_from=p.get("reused_from") or f"run of {stamp}")
                  for p in prev.get("peers", [])]
    meta = {}
    if a.meta:
        with open(a.meta) as f:
            meta = json.load(f)
    rows, warnings = build_rows(gridcv, peers)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = [f"# gridcv vs Python peers ({now}, mode: {a.mode})", ""]
    for k in ("machine", "loadavg", "gridcv_cmd", "peers_dir", "venv_versions"):
        if k in meta:
            header.append(f"- {k}: {meta[k]}")
    md = markdown(rows, warnings, header)
    record = {"generated_utc": now, "mode": a.mode, "meta": meta, "gridcv": gridcv,
              "peers": peers, "rows": rows, "warnings": warnings}
    with open(a.md, "w") as f:
        f.write(md)
    with open(a.json, "w") as f:
        json.dump(record, f, indent=1)
    sys.stdout.write(md)
    return 0


def cmd_check(a):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from fake_gridcv import FAKE_LINES
    with open(a.file) as f:
        rec = json.load(f)
    fake = {(l["scenario"], l["n_jobs"]): l for l in FAKE_LINES}
    problems = []
    gv_rows = [r for r in rec["rows"] if r["implementation"] == GRIDCV]
    if {(r["scenario"], r["n_jobs"]) for r in gv_rows} != set(fake):
        problems.append("the gridcv rows are not exactly the fake's scenarios")
    for r in gv_rows:
        want = fake.get((r["scenario"], r["n_jobs"]), {})
        if r["grid_fit_wall_s"] != want.get("grid_fit_wall_s"):
            problems.append(f"gridcv {r['scenario']} wall {r['grid_fit_wall_s']} != fake's")
    peer_rows = [r for r in rec["rows"] if r["implementation"] != GRIDCV]
    if len(peer_rows) != len(rec["peers"]):
        problems.append(f"{len(rec['peers'])} peer runs but {len(peer_rows)} peer rows")
    for p in rec["peers"]:
        res = p.get("result") or {}
        if p.get("rc") != 0 or "grid_fit_wall_s" not in res:
            problems.append(f"peer {p.get('name')} failed (rc={p.get('rc')})")
            continue
        scen, nj = scenario_of(res), int(res.get("n_jobs") or 1)
        mine = [r for r in peer_rows if (r["scenario"], r["n_jobs"], r["implementation"])
                == (scen, nj, impl_of(p["name"]))]
        want = res["grid_fit_wall_s"] / fake[(scen, nj)]["grid_fit_wall_s"]
        if len(mine) != 1 or not math.isclose(mine[0]["ratio_peer_over_gridcv"], want, rel_tol=1e-9):
            problems.append(f"peer {p['name']}: ratio should be {want:.4f}")
        if res["n_fits"] != fake[(scen, nj)]["n_fits"]:
            problems.append(f"peer {p['name']}: {res['n_fits']} fits, expected "
                            f"{fake[(scen, nj)]['n_fits']}")
    if not any(r["scenario"] == "a_regressor_basic" and r["n_jobs"] == 1
               and r["implementation"] == IMPLEMENTATIONS["scikeras"] for r in peer_rows):
        problems.append("no SciKeras scenario (a) serial row")
    for msg in problems:
        print(f"self-test: {msg}", file=sys.stderr)
    checked = len(gv_rows) + len(rec["peers"]) + 1
    print(f"self-test: {checked - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


# ---------------------------------------------------------------- unit tests

def _peer(name, scenario, n_jobs, wall, n_fits=37, rc=0, **extra):
    res = {"scenario": scenario, "n_jobs": n_jobs, "grid_fit_wall_s": wall, "n_fits": n_fits,
           "best_score": float("nan") if scenario.startswith("x") else -17449.8}
    res.update(extra)
    return {"name": name, "rc": rc, "time_v_max_rss_mib": 740.0,
            "sampled_tree_rss_peak_mib": 1944.5 if n_jobs else 739.0,
            "result": res if rc == 0 else None}


def _gv(scenario, n_jobs, wall, n_fits=37, **extra):
    d = {"scenario": scenario, "n_jobs": n_jobs, "grid_fit_wall_s": wall, "n_fits": n_fits,
         "best_score": -17000.0, "peak_rss_mib": 20.0}
    d.update(extra)
    return json.dumps(d)


def _raises(fn, text):
    try:
        fn()
    except InputError as e:
        assert text in str(e), f"error {e!r} does not mention {text!r}"
        return
    raise AssertionError(f"no InputError mentioning {text!r}")


def unit_tests():
    def skips_non_json_and_checks_keys():
        text = "   Compiling gridcv\nnote: hello\n" + _gv("a_regressor_basic", 1, 2.0) + "\n"
        assert len(parse_gridcv(text)) == 1
        _raises(lambda: parse_gridcv('{"scenario": "a_regressor_basic"}'), "lacks n_jobs")
        _raises(lambda: parse_gridcv(_gv("z_other", 1, 1.0)), "unknown scenario")
        _raises(lambda: parse_gridcv(_gv("c_classifier_iris", 1, 1.0, 19)), "test_accuracy")
        _raises(lambda: parse_gridcv(_gv("a_regressor_basic", 1, 0)), "positive")
        _raises(lambda: parse_gridcv("{not json"), "not valid JSON")

    def ratio_is_peer_over_gridcv_per_scenario_and_n_jobs():
        gv = parse_gridcv(_gv("a_regressor_basic", 1, 2.0) + "\n" + _gv("a_regressor_basic", 2, 4.0))
        peers = [_peer("scikeras_a_serial", "a_regressor_basic", None, 90.0),
                 _peer("scikeras_a_njobs2", "a_regressor_basic", 2, 80.0),
                 _peer("skorch_a_serial", "a_regressor_basic_skorch", None, 9.0)]
        rows, warnings = build_rows(gv, peers)
        got = [(r["implementation"], r["n_jobs"], r["ratio_peer_over_gridcv"]) for r in rows]
        assert got == [(GRIDCV, 1, None), (IMPLEMENTATIONS["scikeras"], 1, 45.0),
                       (IMPLEMENTATIONS["skorch"], 1, 4.5),
                       (GRIDCV, 2, None), (IMPLEMENTATIONS["scikeras"], 2, 20.0)], got
        assert warnings == [], warnings
        assert rows[1]["fits_per_s"] == 37 / 90.0
        assert rows[4]["peak_rss_mib"] == 1944.5, "tree peak wins for n_jobs=2"

    def missing_gridcv_and_fit_count_mismatch_warn():
        gv = parse_gridcv(_gv("a_regressor_basic", 1, 2.0, n_fits=36))
        peers = [_peer("scikeras_a_serial", "a_regressor_basic", None, 90.0),
                 _peer("scikeras_c_serial", "c_classifier_iris", None, 70.0, 19, test_accuracy=1.0),
                 _peer("skorch_a_serial", "a_regressor_basic_skorch", None, 9.0, rc=1)]
        rows, warnings = build_rows(gv, peers)
        assert len(rows) == 3, rows
        assert rows[2]["ratio_peer_over_gridcv"] is None and rows[2]["test_accuracy"] == 1.0
        assert any("36 fits" in w for w in warnings), warnings
        assert any("no gridcv figure for c_classifier_iris" in w for w in warnings), warnings
        assert any("skorch_a_serial failed" in w for w in warnings), warnings

    def duplicate_gridcv_line_keeps_last():
        gv = parse_gridcv(_gv("a_regressor_basic", 1, 2.0) + "\n" + _gv("a_regressor_basic", 1, 3.0))
        rows, warnings = build_rows(gv, [_peer("scikeras_a", "a_regressor_basic", None, 6.0)])
        assert [r["grid_fit_wall_s"] for r in rows] == [3.0, 6.0] and rows[1]["ratio_peer_over_gridcv"] == 2.0
        assert any("twice" in w for w in warnings)

    def markdown_has_one_line_per_row_and_nan():
        gv = parse_gridcv(_gv("a_regressor_basic", 1, 2.0))
        rows, warnings = build_rows(gv, [_peer("scikeras_a", "a_regressor_basic", None, 3.0)])
        rows[1]["best_score"] = float("nan")
        md = markdown(rows, ["w1"], ["# t"])
        table = [l for l in md.splitlines() if l.startswith("| a_regressor_basic")]
        assert len(table) == 2 and "| 1.50 |" in table[1] and "| NaN |" in table[1], table
        assert "- w1" in md

    def time_v_cpu_share_is_read_and_low_share_warns():
        text = ("\tCommand being timed: x\n\tUser time (seconds): 136.71\n"
                "\tSystem time (seconds): 6.38\n\tPercent of CPU this job got: 38%\n")
        tv = time_v_figures(text)
        assert tv == {"user_s": 136.71, "system_s": 6.38, "cpu_percent": 38.0}, tv
        busy = dict(_peer("scikeras_a", "a_regressor_basic", None, 3.0), time_v=tv)
        rows, warnings = build_rows([], [busy])
        assert rows[0]["cpu_percent"] == 38.0 and any("38 % CPU" in w for w in warnings), warnings
        quiet = dict(busy, time_v={"cpu_percent": 180.0})
        assert not any("CPU" in w for w in build_rows([], [quiet])[1])

    def unknown_peer_name_is_an_error():
        _raises(lambda: build_rows([], [_peer("keras_a", "a_regressor_basic", None, 1.0)]),
                "must start with")

    tests = [skips_non_json_and_checks_keys, ratio_is_peer_over_gridcv_per_scenario_and_n_jobs,
             missing_gridcv_and_fit_count_mismatch_warn, duplicate_gridcv_line_keeps_last,
             markdown_has_one_line_per_row_and_nan, time_v_cpu_share_is_read_and_low_share_warns,
             unknown_peer_name_is_an_error]
    failed = 0
    for t in tests:
        try:
            t()
        except AssertionError as e:
            failed += 1
            print(f"FAIL {t.__name__}: {e}", file=sys.stderr)
    print(f"compare.py unit: {len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("report")
    r.add_argument("--runs", help="dir whose results/*.json are run_measured.py summaries")
    r.add_argument("--gridcv", required=True, help="file holding gridcv's stdout")
    r.add_argument("--md", required=True)
    r.add_argument("--json", required=True)
    r.add_argument("--reuse-peers", help="take peer runs from this earlier OUT.json too")
    r.add_argument("--meta", help="JSON object of facts to record (machine, versions, ...)")
    r.add_argument("--mode", default="normal")
    c = sub.add_parser("check")
    c.add_argument("file")
    sub.add_parser("unit")
    a = ap.parse_args(argv)
    try:
        return {"report": cmd_report, "check": cmd_check, "unit": lambda _: unit_tests()}[a.cmd](a)
    except (InputError, OSError, json.JSONDecodeError) as e:
        print(f"compare.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
