#!/usr/bin/env bash
# ANN benchmark: jvector (Java) vs exact, hnswlib and FAISS HNSW on the same vectors, same run.
# Usage: bench/funnel/run-ann.sh [n=1000000] [dim=64] [queries=1000]
# Progress (phases, build bars) goes to standard error; JSON lines to bench/results/*.jsonl.
# Environment:
#   ANN_XMX        Java heap (default 6g; 1M x 64 needs about 2 GB, see the report's memory row)
#   ANN_PEERS      peers to run (default "hnswlib faiss"; "hnswlib" skips FAISS)
#   ANN_JAVA_OPTS  extra -D options for AnnBench (ann.M, ann.alpha, ann.efs, ann.dot, ...)
#   ANN_SUFFIX     appended to the result file name (funnel-ann-n<n>-<date>-<suffix>.md)
# Ground truth and both graphs (jvector's, hnswlib's) are saved under target/bench-ann/<data>/ and
# re-used by the next run on the same data and build parameters: a re-run only searches.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n=${1:-1000000}; dim=${2:-64}; q=${3:-1000}
source "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B package -pl nudge-bench -am -DskipTests -Dspotless.check.skip=true)
work="$root/target/bench-ann/n$n-d$dim-q$q"; mkdir -p "$work" "$root/bench/results"
# Run from a copy so that a rebuild during the run cannot swap classes under it.
run="$work/jars"; rm -rf "$run"; mkdir -p "$run"
cp -r "$root/nudge-bench/target/nudge-bench.jar" "$root/nudge-bench/target/lib" "$run/"
date=$(date -u +%Y-%m-%d)
name="funnel-ann-n$n-$date${ANN_SUFFIX:+-$ANN_SUFFIX}"
raw="$root/bench/results/$name.jsonl"
cmd="bench/funnel/run-ann.sh $n $dim $q"
[[ -n ${ANN_PEERS:-} ]] && cmd="ANN_PEERS='$ANN_PEERS' $cmd"
[[ -n ${ANN_JAVA_OPTS:-} ]] && cmd="ANN_JAVA_OPTS='$ANN_JAVA_OPTS' $cmd"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086 # ANN_JAVA_OPTS is a list of options
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Xmx"${ANN_XMX:-6g}" ${ANN_JAVA_OPTS:-} -cp "$run/nudge-bench.jar:$run/lib/*" \
  dev.nudge.bench.funnel.AnnBench "$n" "$dim" "$q" "$work" | tee "$raw"
/usr/bin/python3 "$root/bench/funnel/ann_peers.py" "$work" "$dim" "$(nproc)" | tee -a "$raw"
/usr/bin/python3 "$root/bench/funnel/summarize_ann.py" "$raw" "$cmd" "$load_start" \
  "$root/bench/results/$name.json" > "$root/bench/results/$name.md"
cat "$root/bench/results/$name.md"
