#!/usr/bin/env bash
# S-N-GALM-UCB per-trial curves on ML-100K (Table 4 protocol), with and without the intercept.
# Usage: bench/paper/galm-trials.sh [data dir]   (default ../shared/data/ml-100k)
# Writes bench/results/paper-galm-trials-<date>.md: click rate per slot in round windows, per trial.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data="${1:-../shared/data/ml-100k}"
./nudge --version > /dev/null # builds the jar when sources changed
source .mvn/find-jdk.sh
out="bench/results/paper-galm-trials-$(date -u +%F).md"
table="$(mktemp)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 19 "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "nudge-cli/target/lib/*" \
  bench/paper/GalmTrials.java "$data" "$table" 2> >(grep -v 'incubator' >&2)
{
  echo "# S-N-GALM-UCB per trial on MovieLens 100K (Table 4 protocol)"
  echo
  echo "- date: $(date -u '+%F %H:%M UTC'); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "- load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`bench/paper/galm-trials.sh\` (100 users, m = 5, b = 13, 5 trials, T = 2000, seed as in"
  echo "  \`bench/paper/table4-ml100k.yaml\`); cells: clicks per slot in each window of rounds"
  echo
  cat "$table"
} > "$out"
rm -f "$table"
echo "wrote $out"
