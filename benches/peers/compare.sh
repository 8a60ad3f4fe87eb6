#!/usr/bin/env bash
# Run the Python peers (SciKeras/Keras-TF, skorch/torch) and gridcv's bench_seeds
# example on the same scenarios, and print a markdown table of the ratios.
# See benches/peers/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: benches/peers/compare.sh [--no-torch] [--full] [--reuse-peers] [--self-test]

  --no-torch     do not install or run the torch/skorch peer (its venv is 5.6 GB)
  --full         also run scenario (b), the 64-candidate architecture grid (~10 min)
  --reuse-peers  do not run the peers; reuse the peer figures of the last
                 benches/peers/last_run.json and run only gridcv
  --self-test    check compare.py, then run SciKeras (a) serial (and skorch (a)
                 serial unless --no-torch) against fake_gridcv.py, and check the
                 joined figures; writes benches/peers/selftest_run.{md,json}
  -h, --help     this text

environment:
  PEERS_DIR   the peers' scripts (default: $repo/../shared/peers)
  VENV_DIR    where the peers' venvs live (default: $HOME/.cache/gridcv-peers)
  GRIDCV_CMD  command run from the repo root that prints gridcv's JSON lines
              (default: cargo run --release --example bench_seeds -- --json)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

torch=1 full=0 reuse=0 selftest=0
while (($#)); do
  case $1 in
    --no-torch) torch=0 ;;
    --full) full=1 ;;
    --reuse-peers) reuse=1 ;;
    --self-test) selftest=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

# The peers live beside the repository (shared/). In a git worktree placed
# elsewhere, fall back to the folder beside the main checkout.
default_peers_dir() {
  local d=$repo/../shared/peers common
  if [[ ! -d $d ]] && common=$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
    d=$(dirname "$(dirname "$common")")/shared/peers
  fi
  echo "$d"
}
PEERS_DIR=${PEERS_DIR:-$(default_peers_dir)}
VENV_DIR=${VENV_DIR:-$HOME/.cache/gridcv-peers}
if ((selftest)); then
  GRIDCV_CMD=${GRIDCV_CMD:-python3 benches/peers/fake_gridcv.py}
  out=$here/selftest_run
else
  GRIDCV_CMD=${GRIDCV_CMD:-cargo run --release --example bench_seeds -- --json}
  out=$here/last_run
fi

log() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
if ((!reuse)); then
  [[ -f $PEERS_DIR/run_measured.py ]] || die "no peers at PEERS_DIR=$PEERS_DIR"
fi
if ((reuse)) && [[ ! -f $here/last_run.json ]]; then
  die "--reuse-peers: no $here/last_run.json yet"
fi

if ((selftest)); then
  log "compare.py unit tests"
  python3 "$here/compare.py" unit
fi

# --- 1. venvs ---------------------------------------------------------------
keras_ok() { "$VENV_DIR/venv/bin/python" -c 'import keras, scikeras, sklearn' >/dev/null 2>&1; }
torch_ok() { "$VENV_DIR/venv-torch/bin/python" -c 'import torch, skorch, sklearn' >/dev/null 2>&1; }

ensure_venvs() {
  if keras_ok && { ((!torch)) || torch_ok; }; then
    log "venvs ready in $VENV_DIR"
    return
  fi
  mkdir -p "$VENV_DIR"
  if ((torch)); then
    log "installing both peer venvs into $VENV_DIR (~2 min, 7.4 GB)"
    "$PEERS_DIR/setup_venvs.sh" "$VENV_DIR" >"$VENV_DIR/setup.log" 2>&1 ||
      die "setup_venvs.sh failed, see $VENV_DIR/setup.log"
  else
    # setup_venvs.sh always builds both venvs; run it without its torch lines
    # so that the pinned versions stay written in one place.
    log "installing the Keras peer venv into $VENV_DIR (~30 s, 1.8 GB)"
    sed '/venv-torch/d' "$PEERS_DIR/setup_venvs.sh" | bash -s -- "$VENV_DIR" >"$VENV_DIR/setup.log" 2>&1 ||
      die "Keras venv install failed, see $VENV_DIR/setup.log"
  fi
  keras_ok || die "$VENV_DIR/venv cannot import keras/scikeras after the install"
  if ((torch)); then torch_ok || die "$VENV_DIR/venv-torch cannot import torch/skorch after the install"; fi
}
((reuse)) || ensure_venvs

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d "${TMPDIR:-/tmp}/gridcv-peers.XXXXXX")
log "logs in $work"

# --- 2. gridcv --------------------------------------------------------------
log "gridcv: $GRIDCV_CMD"
if ! (cd "$repo" && bash -c "$GRIDCV_CMD") >"$work/gridcv.stdout" 2>"$work/gridcv.stderr"; then
  tail -n 30 "$work/gridcv.stderr" >&2
  die "gridcv command failed (full log: $work/gridcv.stderr)"
fi
log "gridcv: $(grep -c '^{' "$work/gridcv.stdout" || true) JSON lines"

# --- 3. peers ---------------------------------------------------------------
# name (prefix = implementation, see compare.py), venv, script, args...
runs=()
add() { runs+=("$*"); }
if ((selftest)); then
  add scikeras_a_serial venv seed_regressor_basic.py
  ((torch)) && add skorch_a_serial venv-torch skorch_regressor_basic.py
elif ((!reuse)); then
  add scikeras_a_serial venv seed_regressor_basic.py
  add scikeras_a_njobs2 venv seed_regressor_basic.py --n-jobs 2
  ((torch)) && add skorch_a_serial venv-torch skorch_regressor_basic.py
  ((torch)) && add skorch_a_njobs2 venv-torch skorch_regressor_basic.py --n-jobs 2
  add scikeras_c_serial venv seed_classifier_iris.py --epochs 100 --batch-size 8
  ((full)) && add scikeras_b_serial venv seed_regressor_arch.py
fi

failed=0
for spec in "${runs[@]}"; do
  read -r -a w <<<"$spec"
  name=${w[0]} venv=${w[1]} script=${w[2]}
  log "peer $name: $venv/bin/python $script ${w[*]:3}"
  # run_measured.py writes results/NAME.{json,stdout,stderr} under its cwd
  if ! (cd "$work" && python3 "$PEERS_DIR/run_measured.py" "$name" -- \
    "$VENV_DIR/$venv/bin/python" "$PEERS_DIR/$script" "${w[@]:3}" >"$work/$name.summary"); then
    log "peer $name: run_measured.py failed"
    failed=1
    continue
  fi
  python3 - "$work/results/$name.json" <<'EOF' >&2 || failed=1
import json, sys
s = json.load(open(sys.argv[1]))
r = s.get("result") or {}
print(f"    rc={s['rc']} grid.fit {r.get('grid_fit_wall_s')} s, {r.get('n_fits')} fits, "
      f"best {r.get('best_score')}, tree peak {s.get('sampled_tree_rss_peak_mib')} MiB")
sys.exit(0 if s["rc"] == 0 and r else 1)
EOF
done

# --- 4. table ---------------------------------------------------------------
venv_versions() {
  local py=$1/bin/python
  [[ -x $py ]] || return 0
  "$py" - <<'EOF' 2>/dev/null || true
import importlib.metadata as m
found = []
for n in ["tensorflow-cpu", "keras", "scikeras", "torch", "skorch", "scikit-learn", "numpy"]:
    try:
        found.append(f"{n}=={m.version(n)}")
    except m.PackageNotFoundError:
        pass
print(", ".join(found))
EOF
}
versions="venv: $(venv_versions "$VENV_DIR/venv"); venv-torch: $(venv_versions "$VENV_DIR/venv-torch")"
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
loadavg="1/5/15-min load at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/meta.json" "$machine" "$loadavg" "$GRIDCV_CMD" "$PEERS_DIR" "$versions" <<'EOF'
import json, sys
keys = ["machine", "loadavg", "gridcv_cmd", "peers_dir", "venv_versions"]
json.dump(dict(zip(keys, sys.argv[2:])), open(sys.argv[1], "w"))
EOF

report=(python3 "$here/compare.py" report --gridcv "$work/gridcv.stdout" --meta "$work/meta.json"
  --md "$out.md" --json "$out.json")
((selftest)) && report+=(--mode self-test)
if ((reuse)); then
  cp "$here/last_run.json" "$work/previous_run.json"
  report+=(--reuse-peers "$work/previous_run.json" --mode reuse-peers)
else
  report+=(--runs "$work")
fi
"${report[@]}"
log "wrote $out.md and $out.json"

if ((selftest)); then
  python3 "$here/compare.py" check "$out.json"
fi
((failed == 0)) || die "some peer runs failed; logs in $work"
