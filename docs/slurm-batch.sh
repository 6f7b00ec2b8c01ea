#!/bin/bash
# Analyse every network under ROOT on a Slurm cluster: one array task per
# shard, then one job that merges the shards' files into what a single
# `stakenet batch` run would write (the same bytes).
#
#   ROOT=/data/sites OUT=results sbatch --array=1-16 docs/slurm-batch.sh
#   sbatch --dependency=afterok:<array job id> docs/slurm-batch.sh merge
#
# A task that is preempted or requeued restarts with --resume and keeps the
# networks its earlier attempt finished (they are in OUT/*.partial).
#SBATCH --job-name=stakenet-batch
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --output=stakenet-batch-%A_%a.log
set -euo pipefail

ROOT=${ROOT:?set ROOT to the folder (or manifest CSV) of networks}
OUT=${OUT:-results}
mkdir -p "$OUT"

if [[ "${1:-}" == "merge" ]]; then
    # Globs sort, but order does not matter: merge sorts rows by network.
    stakenet merge "$OUT"/shard-*.summary.csv -o "$OUT/summary.csv"
    stakenet merge "$OUT"/shard-*.actors.csv -o "$OUT/actors.csv"
    stakenet merge "$OUT"/shard-*.summary.errors.csv -o "$OUT/summary.errors.csv"
    exit 0
fi

# Every task must see the same N (the array's size) and the same ROOT path:
# networks are named and sharded by their path.
K=${SLURM_ARRAY_TASK_ID:?submit as an array job, e.g. --array=1-16}
N=${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1))}

stakenet batch "$ROOT" --shard "$K/$N" --jobs "${SLURM_CPUS_PER_TASK:-1}" \
    -o "$OUT/shard-$K.summary.csv" --actors "$OUT/shard-$K.actors.csv" \
    --resume --quiet
