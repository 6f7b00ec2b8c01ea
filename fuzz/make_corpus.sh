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
