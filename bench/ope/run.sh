#!/usr/bin/env bash
# Off-policy evaluation on the Open Bandit Dataset sample: estimate the Bernoulli-TS policy's value
# from the uniform-random logs and compare it with what TS earned in its own logs.
# Writes bench/results/ope-<date>.md. Usage: bench/ope/run.sh [data-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-$root/../shared/data}/obd-sample"
out="$root/bench/results/ope-$(date -u +%F).md"
{
  echo "# Off-policy evaluation on the Open Bandit Dataset sample"
  echo
  echo "- date: $(date -u +%FT%TZ)"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "- command: bench/ope/run.sh (per campaign: \`nudge ope --log random/<c> --target-log bts/<c> --format obd --reward-model arm-mean --bootstrap 1000\`)"
  echo
  echo "The target is the Bernoulli Thompson policy, given by its action shares per position in its"
  echo "own log; the estimate uses only the uniform-random log (10,000 rows, 46 clicks per campaign)."
  echo "Relative errors are against TS's on-policy click rate in its log (10,000 rows)."
  for c in men women; do
    echo
    echo "## $c"
    echo
    echo '```'
    "$root/nudge" ope --log "$data/random/$c" --target-log "$data/bts/$c" --format obd \
      --reward-model arm-mean --bootstrap 1000 | sed -n '/^overall/,$p'
    echo '```'
  done
} > "$out"
echo "wrote $out"
