#!/usr/bin/env bash
# MovieLens 100K funnel benchmark: Swing build time, Recall@100 per source and merged,
# merger weights tuned on validation, ANN over two-tower item embeddings, MMoE vs single-task vs
# logistic AUC, pipeline latency per user.
# Usage: bench/funnel/run-quality.sh [mmoeEpochs=3] [twoTowerEpochs=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs=${1:-3}; ttEpochs=${2:-5}
source "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B package -pl nudge-bench -am -DskipTests -Dspotless.check.skip=true)
# Run from a copy so that a rebuild during the run cannot swap classes under it.
run="$root/target/bench-quality"; rm -rf "$run"; mkdir -p "$run" "$root/bench/results"
cp -r "$root/nudge-bench/target/nudge-bench.jar" "$root/nudge-bench/target/lib" "$run/"
date=$(date -u +%Y-%m-%d)
out="$root/bench/results/funnel-ml100k-$date.md"
{
  echo "# Funnel on MovieLens 100K ($(date -u '+%Y-%m-%d %H:%M') UTC)"
  echo
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), nproc $(nproc), shared with other builds"
  echo "- command: \`bench/funnel/run-quality.sh $epochs $ttEpochs\`"
  echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -Dai.djl.offline=true -DDJL_CACHE_DIR="$root/target/djl-cache" -DENGINE_CACHE_DIR="$root/target/djl-cache" \
    -Xmx6g -cp "$run/nudge-bench.jar:$run/lib/*" dev.nudge.bench.funnel.FunnelQualityBench \
    "$root/../shared/data/ml-100k" "$epochs" "$ttEpochs" 2>/dev/null
  echo
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out"
cat "$out"
