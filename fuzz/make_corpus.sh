#!/usr/bin/env bash
# Seed corpus for both fuzz targets: every network under data/ (the example,
# data/real/*, data/invalid/*) as one input, nodes.csv + separator + edges.csv
# (see fuzz_targets/split.rs). Re-run after adding a network to data/.
set -euo pipefail
cd "$(dirname "$0")"
for target in load pipeline; do
  mkdir -p "corpus/$target"
  for dir in ../data/county-parenting-site ../data/real/* ../data/invalid/*; do
    [ -f "$dir/nodes.csv" ] || continue
    name="seed-$(basename "$(dirname "$dir")")-$(basename "$dir")"
    { cat "$dir/nodes.csv"; printf '\n--edges.csv--\n'; [ -f "$dir/edges.csv" ] && cat "$dir/edges.csv"; } \
      > "corpus/$target/$name"
  done
done
