#!/usr/bin/env bash
# Two-tower benchmark: Java (DJL) vs a PyTorch reference on ML-100K and on 1M synthetic
# interactions, beside popularity and BPR-MF; RecBole's protocol on ML-100K; cold users.
# Writes bench/results/two-tower-<date>.{json,md}.
#   bench/two-tower/run.sh [epochs (default 10)] [synthetic interactions, Java (default 1000000)]
#                          [synthetic interactions, PyTorch (default 300000)]
# PARTS (default "synthetic loo recbole cold") picks the parts to run. The RecBole part trains the
# two-tower from bench/two-tower/recbole.yaml (the settings chosen on validation); the "seeds" part
# (not in the default) trains BPR-MF and that two-tower on SEEDS (default 3) RecBole splits.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source .mvn/find-jdk.sh
epochs="${1:-10}"
n="${2:-1000000}"
tn="${3:-300000}"
parts="${PARTS:-synthetic loo recbole cold}"
has() { [[ " $parts " == *" $1 "* ]]; }
data="${NUDGE_DATA:-$root/../shared/data/ml-100k}"
date="$(date -u +%Y-%m-%d)"
out="bench/results/two-tower-$date"
# A partial run gets its own file, so it never overwrites a full run of the same day.
[[ "$parts" == "synthetic loo recbole cold" ]] || out="$out-${parts// /-}"
# TAG names a run's file instead (e.g. TAG=recbole-s3 -> two-tower-<date>-recbole-s3).
[[ -z "${TAG:-}" ]] || out="bench/results/two-tower-$date-$TAG"
raw="$(mktemp)"
mkdir -p bench/results
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl nudge-cli -am >&2
cp="nudge-cli/target/nudge.jar:nudge-cli/target/lib/*"
cache="$root/target/djl-cache"
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
  -DDJL_CACHE_DIR="$cache" -DENGINE_CACHE_DIR="$cache" -Xmx4g -cp "$cp")
py=/usr/bin/python3  # Debian's, which has python3-torch; pyenv's python3 comes first on PATH
{
  echo "{\"machine\":{\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\",\"load_before\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"torch\":\"$($py -c 'import torch;print(torch.__version__)')\",\"date\":\"$(date -u +%FT%TZ)\",\"command\":\"${TAG:+TAG=$TAG }${SEEDS:+SEEDS=$SEEDS }PARTS='$parts' bench/two-tower/run.sh $epochs $n $tn\"}}"
  if has seeds; then
    # BPR-MF and the chosen two-tower on SEEDS RecBole splits (default 3): mean and sd per model.
    # The recbole part trains both on the first split. One JVM of one PyTorch thread, run beside
    # the other parts (the machine has 2 cores); its lines join the output at the end.
    first=0; has recbole && first=1
    "${java[@]}" bench/two-tower/TwoTowerBench.java recbole-seeds "$data" "$first" \
      "$((${SEEDS:-3} - first))" bench/two-tower/recbole.yaml > "$raw.seeds" &
    seeds_pid=$!
  fi
  if has synthetic; then
    "${java[@]}" bench/two-tower/TwoTowerBench.java synthetic "$n" 1024
    $py bench/two-tower/torch_twotower.py synthetic "$tn" 1024
  fi
  if has loo; then
    "${java[@]}" bench/two-tower/TwoTowerBench.java ml100k "$data" "$epochs"
    $py bench/two-tower/torch_twotower.py ml100k "$data" "$epochs"
  fi
  if has recbole; then
    "${java[@]}" bench/two-tower/TwoTowerBench.java recbole "$data" 300 bench/two-tower/recbole.yaml
  fi
  if has cold; then
    "${java[@]}" bench/two-tower/TwoTowerBench.java cold "$data" 5
  fi
  if has seeds; then
    wait "$seeds_pid"
    cat "$raw.seeds"
  fi
  echo "{\"load_after\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
} 2> >(grep -v -E '^WARNING|SLF4J' >&2) | grep '^{' | tee "$raw"
$py bench/two-tower/report.py "$raw" "$out"
rm -f "$raw" "$raw.seeds"
echo "wrote $out.json and $out.md" >&2
