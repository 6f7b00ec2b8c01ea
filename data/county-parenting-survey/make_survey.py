#!/usr/bin/env python3
"""Make the invented roster survey of the example site from the site itself.

Reads ../county-parenting-site/{nodes,edges}.csv and writes responses.csv:
the answers that the site's people would have given if the site's ties were
what they said. Converting it back,

    stakenet survey data/county-parenting-survey/responses.csv \
        --roster data/county-parenting-site/nodes.csv \
        --codebook data/county-parenting-survey/codebook.toml \
        --assume-mutual -o NET

must give the site's network again (tests/survey_example.rs checks it), so
every answer is chosen to map back exactly:

- trust t of respondent r in alter a (t a multiple of 0.05) is the mean of
  `reliable` (0-10, score k/10) and `open` (five labels, score k/4):
  t = (reliable/10 + open/4) / 2, with open in {0, 2, 4} ("not at all",
  "somewhat", "completely") and reliable = (40 t - 5 open) / 2;
- where one item alone gives t, some answers leave the other item empty
  (trust is then that item's score: the "missing item" rule);
- `contacts` is contacts per month; for a pair both answered, the two
  answers are c - d and c + d (mean c) for some pairs, c and c for others;
- four people did not answer (NON_RESPONDENTS); their ties come from the
  other side only, and --assume-mutual makes them mutual again; no two of
  them are tied, so no tie is lost;
- the funder returned the survey blank (one row, every answer empty): a
  respondent who rated nobody; the funder's tie comes from isp_lead's side;
- each respondent also has rows for two roster members they do not work
  with: contacts 0, no tie.

Deterministic (a fixed seed); run from anywhere with python3 >= 3.8, no
packages. It prints the counts the data report must show.
"""
import csv
import os
import random
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = os.path.join(HERE, "..", "county-parenting-site")
NON_RESPONDENTS = {"evaluator", "state_officer", "prov_staff", "fam_lee"}
BLANK_RESPONDENT = "funder"
OPEN_LABELS = ["not at all", "a little", "somewhat", "a lot", "completely"]

rng = random.Random(14)

with open(os.path.join(SITE, "nodes.csv"), newline="") as f:
    roster = [row["id"] for row in csv.DictReader(f)]
with open(os.path.join(SITE, "edges.csv"), newline="") as f:
    edges = list(csv.DictReader(f))

# (respondent, alter) -> (trust, contacts): what each side would say.
said = {}
for e in edges:
    s, t = e["source"], e["target"]
    trust = Fraction(e["trust"])
    contacts = Fraction(e["communication"])
    said[(s, t)] = (trust, contacts)
    if e["directed"] != "true":
        said[(t, s)] = (trust, contacts)

respondents = [p for p in roster if p not in NON_RESPONDENTS]


def items(trust):
    """(reliable, open) answers whose mean score is `trust`, as text."""
    options = []
    for k in (0, 2, 4):
        reliable = (40 * trust - 5 * k) / 2
        if reliable.denominator == 1 and 0 <= reliable <= 10:
            options.append((str(int(reliable)), OPEN_LABELS[k]))
    # One item alone: the other left empty.
    if (10 * trust).denominator == 1:
        options.append((str(int(10 * trust)), ""))
    if (4 * trust).denominator == 1:
        options.append(("", OPEN_LABELS[int(4 * trust)]))
    assert options, f"no answers give trust {trust}"
    return rng.choice(options)


def number(x):
    return str(int(x)) if x.denominator == 1 else str(float(x))


# Contacts of each answering side: split some pairs both answered.
contacts_of = {}
for (r, a), (_, c) in sorted(said.items()):
    if (a, r) in contacts_of or r not in respondents or r == BLANK_RESPONDENT:
        continue
    other_answers = a in respondents and a != BLANK_RESPONDENT and (a, r) in said
    d = 1 if other_answers and c >= 2 and rng.random() < 0.5 else 0
    contacts_of[(r, a)] = c - d
    if other_answers:
        contacts_of[(a, r)] = c + d

rows = []
filled = 0
for r in respondents:
    if r == BLANK_RESPONDENT:
        rows.append([r, "isp_lead", "", "", ""])
        continue
    known = [a for a in roster if (r, a) in said]
    strangers = [a for a in roster if a != r and (r, a) not in said]
    for a in roster:
        if a in known:
            trust, _ = said[(r, a)]
            reliable, open_ = items(trust)
            filled += reliable == "" or open_ == ""
            rows.append([r, a, reliable, open_, number(contacts_of[(r, a)])])
    for a in rng.sample(strangers, 2):
        rows.append([r, a, "", "", "0"])

with open(os.path.join(HERE, "responses.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["respondent", "alter", "reliable", "open", "contacts"])
    w.writerows(rows)

answering = [p for p in respondents if p != BLANK_RESPONDENT]
pairs = {frozenset(k) for k in said}
both = [p for p in pairs if all(x in answering for x in p)]
agree = [p for p in both if len({said[k][0] for k in [tuple(p), tuple(p)[::-1]]}) == 1
         and contacts_of[tuple(p)] == contacts_of[tuple(p)[::-1]]]
# With --communication mean, a split pair (c - d, c + d) still gives one c
# to both rows, so it agrees whenever the two trusts agree.
agree_mean = [p for p in both if said[tuple(p)][0] == said[tuple(p)[::-1]][0]]
print(f"rows {len(rows)}")
print(f"respondents {len(respondents)} of {len(roster)}")
print(f"ratings with contact {sum(1 for x in rows if x[4] not in ('', '0'))}")
print(f"no contact {sum(1 for x in rows if x[4] == '0')}")
print(f"blank {sum(1 for x in rows if x[2:] == ['', '', ''])}")
print(f"items filled {filled}")
print(f"pairs both {len(both)}, agreeing exactly under mean {len(agree_mean)}, "
      f"with equal contacts {len(agree)}")
print(f"pairs one side {len(pairs) - len(both)}")
