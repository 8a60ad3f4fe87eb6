#!/bin/bash
# Runs the Slurm example for real on this machine: installs Debian's slurm-wlm and munge,
# configures and starts a single-node cluster (munged, slurmctld, slurmd), submits the job
# array (tasks 1-3, so SLURM_ARRAY_TASK_MIN matters) and the merge job after it, waits,
# then checks the merged cv_results against a one-process run of the same search (every
# column but the measured times, byte for byte). Needs root (apt-get, daemons). Run from
# the repository root: examples/cluster/run_local_slurm.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=${GRIDCV_SLURM_WORK:-/tmp/gridcv-slurm}
NODE=$(hostname -s)
CPUS=$(nproc)

echo "== build"
cargo build --release -j 2 --example cluster_search --bin gridcv
BIN=$ROOT/target/release/examples/cluster_search
CLI=$ROOT/target/release/gridcv

echo "== install slurm-wlm and munge"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge
fi
slurmctld -V

echo "== configure a one-node cluster on $NODE ($CPUS CPUs)"
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=gridcv-local
SlurmctldHost=$NODE
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=$NODE CPUs=$CPUS State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
# No cgroup.conf: slurm 22.05 (Debian 12) has no `CgroupPlugin=disabled`, and with
# proctrack/linuxproc and task/none its default cgroup plugin only has to load.
rm -f /etc/slurm/cgroup.conf

echo "== start munged, slurmctld, slurmd"
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0400 /etc/munge/munge.key
pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged || /usr/sbin/munged --force
munge -n | unmunge | grep STATUS
pkill -x slurmctld 2>/dev/null || true
pkill -x slurmd 2>/dev/null || true
sleep 1
/usr/sbin/slurmctld -c
/usr/sbin/slurmd
for _ in $(seq 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mixed'; then break; fi
  scontrol update nodename="$NODE" state=resume 2>/dev/null || true
  sleep 1
done
sinfo

echo "== submit the job array (tasks 1-3) and the merge after it"
rm -rf "$WORK"
mkdir -p "$WORK/journals"
cd "$WORK"
ARRAY=$(sbatch --parsable --array=1-3 \
  --export=ALL,GRIDCV_BIN="$BIN",GRIDCV_JOURNALS="$WORK/journals" "$ROOT/examples/cluster/slurm_array.sbatch")
echo "array job $ARRAY"
sbatch --wait --dependency=afterok:"$ARRAY" \
  --export=ALL,GRIDCV_CLI="$CLI",GRIDCV_JOURNALS="$WORK/journals" "$ROOT/examples/cluster/slurm_merge.sbatch"
echo "== what the array tasks printed"
cat gridcv-shard-*.out
echo "== what the merge job printed"
cat gridcv-merge-*.out
sacct >/dev/null 2>&1 || true
ls -l "$WORK/journals"

echo "== one process, and the check"
"$BIN" single "$WORK/single.csv"
# Columns 1-4 are the measured fit and score times; every other byte must agree.
strip() { python3 -c 'import csv,sys; [print(",".join(r[4:])) for r in csv.reader(open(sys.argv[1]))]' "$1"; }
if diff <(strip "$WORK/journals/cv_results.csv") <(strip "$WORK/single.csv") >/dev/null; then
  echo "OK: the merge of 3 Slurm array tasks equals the one-process run ($(($(wc -l <"$WORK/single.csv") - 1)) candidates, every column but the times)"
else
  echo "MISMATCH between $WORK/journals/cv_results.csv and $WORK/single.csv" >&2
  diff <(strip "$WORK/journals/cv_results.csv") <(strip "$WORK/single.csv") >&2 || true
  exit 1
fi
