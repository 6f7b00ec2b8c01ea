#!/usr/bin/env bash
# Seed corpora (the kumu seeds need `cargo build --release` at the root
# first). The load and pipeline targets: every network under data/ (the example,
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

# The survey target: roster, responses and (optionally) codebook in one input
# (see fuzz_targets/survey.rs).
mkdir -p corpus/survey
{ cat ../data/county-parenting-site/nodes.csv; printf '\n--responses.csv--\n'
  cat ../data/county-parenting-survey/responses.csv; printf '\n--codebook.toml--\n'
  cat ../data/county-parenting-survey/codebook.toml; } > corpus/survey/seed-county-parenting-survey
{ cat ../data/county-parenting-site/nodes.csv; printf '\n--responses.csv--\n'
  printf 'respondent,alter,trust_a,trust_b,frequency,note\nisp_lead,director,4,3,every week,x\ndirector,isp_lead,2,,every day,y\nsup_a,cw_ana,1,1,never,\n'
} > corpus/survey/seed-default-codebook
{ cat ../data/county-parenting-site/nodes.csv; printf '\n--responses.csv--\n'
  printf 'respondent,alter,item,answer\nisp_lead,director,trust,4\nisp_lead,director,frequency,every month\ndirector,isp_lead,trust,3\n'
} > corpus/survey/seed-long

# The foreign target: one byte choosing the reader (0 GraphML, 1 Kumu JSON),
# then the file (see fuzz_targets/foreign.rs). The GraphML files of
# networkx, igraph and stakenet's own export, and Kumu blueprints of the
# example site and two published networks.
mkdir -p corpus/foreign
for f in ../tests/fixtures/exports/*.graphml; do
  { printf '\000'; cat "$f"; } > "corpus/foreign/seed-$(basename "$f")"
done
for dir in ../data/county-parenting-site ../data/real/tiny ../data/real/florentine; do
  name="$(basename "$dir")"
  out="$(mktemp)"
  ../target/release/stakenet export kumu "$dir" -o "$out.json"
  { printf '\001'; cat "$out.json"; } > "corpus/foreign/seed-$name-kumu.json"
  rm -f "$out" "$out.json"
done
