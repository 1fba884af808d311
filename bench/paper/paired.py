#!/usr/bin/env python3
"""Paired per-trial differences between policies of run folders (runs.csv), as quoted in
bench/results/paper-reproduction-2026-11-23.md.

Runs with the same seed and number of users share users, encoders' seeds and reward noise trial by
trial, so the difference of two rows is best read per trial: mean ± sample std over the trials
both rows have, and how many trials the first row won.

  bench/paper/paired.py RUN_A POLICY_A [RUN_B] POLICY_B
      POLICY_A of RUN_A minus POLICY_B of RUN_B (RUN_B defaults to RUN_A)
  bench/paper/paired.py RUN
      every policy of RUN minus its n-greedy row, and its random lift
"""
import csv
import statistics
import sys
from pathlib import Path


def load(run):
    rows = {}
    with open(Path(run) / "runs.csv", newline="") as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["policy"], {})[int(r["trial"])] = float(r["cumulative_ctr"])
    return rows


def paired(a, b):
    trials = sorted(set(a) & set(b))
    if not trials:
        raise SystemExit("no trial in common")
    d = [a[t] - b[t] for t in trials]
    std = statistics.stdev(d) if len(d) > 1 else 0.0
    wins = sum(1 for x in d if x > 0)
    return f"{statistics.mean(d):+.1f} ± {std:.1f}, {wins}/{len(d)}"


def main(args):
    if len(args) == 1:
        rows = load(args[0])
        base = rows.get("n-greedy")
        for policy, trials in rows.items():
            mean = statistics.mean(trials.values())
            std = statistics.stdev(trials.values()) if len(trials) > 1 else 0.0
            line = f"{policy}: {mean:.1f} ± {std:.1f}"
            if base is not None and policy != "n-greedy":
                line += f"; vs n-greedy {paired(trials, base)}"
            print(line)
        return
    if len(args) == 3:
        run_a, policy_a, policy_b = args
        run_b = run_a
    elif len(args) == 4:
        run_a, policy_a, run_b, policy_b = args
    else:
        raise SystemExit(__doc__)
    print(paired(load(run_a)[policy_a], load(run_b)[policy_b]))


if __name__ == "__main__":
    main(sys.argv[1:])
