#!/usr/bin/env bash
# Times the splitters of dev.nudge.data.split; writes bench/results/splits-<date>.{md,json}.
# Needs compiled classes: ./mvnw -q compile -pl nudge-data -am
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.mvn/find-jdk.sh"
date=$(date -u +%Y-%m-%d)
out="$root/bench/results/splits-$date"
mkdir -p "$root/bench/results"
cmd="bench/splits/run.sh"
tmp=$(mktemp -d)
"$JAVA_HOME/bin/java" -Xmx3g -cp "$root/nudge-core/target/classes:$root/nudge-data/target/classes" \
  "$root/bench/splits/SplitTiming.java" "${NUDGE_DATA_DIR:-$root/../shared/data}" "$tmp/table.md" "$tmp/rows.json"
{
  echo "# Splits: time to assign and copy into parts"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), shared with other jobs"
  echo "- java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- command: \`$cmd\` (JVM -Xmx3g; median of 9 runs, 5 for 10M rows, after 2 warm-ups)"
  echo "- references, same run: \`timeOrder()\` (the global time sort) and \`select(all rows)\` (one copy of the log)"
  echo
  cat "$tmp/table.md"
} > "$out.md"
{
  echo "{\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"nproc\": $(nproc), \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\", \"command\": \"$cmd\", \"results\":"
  cat "$tmp/rows.json"
  echo "}"
} > "$out.json"
rm -rf "$tmp"
echo "wrote $out.md and $out.json"
