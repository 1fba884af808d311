#!/usr/bin/env bash
# bench/serve/run.sh: load benchmark of the Nudge service with wrk on 127.0.0.1, as a sweep over
# wrk's connection count, so the latency-throughput curve shows.
#   health: GET /health/live, the reference: the HTTP stack alone, at each connection count
#   decide: POST /v1/decide with 100 candidates (ε-greedy, the default policy), fresh event ids
#   reward: POST /v1/events/{id}/reward on decisions of the warm-up, by then more than the old
#     100,000-decision memory window ago but inside the 10-minute reward wait: none may read the log
#   decide-neural: POST /v1/decide with the same 100 candidates under S-N-GALM-UCB (d1 = d2 =
#     NEURAL_DIM, default 64) on a generated embeddings model (100 items, 1,000 users), second server
# Server and wrk share this machine's cores (taskset pins both to CORES, default 0,1).
#   decide-g1: the decide sweep again on a third server under G1 (the JVM default), as the
#     reference for the launcher's concurrent collector
# decide-paced: decide at a paced rate (PACED) on both servers: latency at ~5-6k/s, not saturation.
# decide-learning: the first paced point on the S-N-GALM-UCB server while rewards are learned.
# About 6 minutes with the defaults. Writes bench/results/serve-<date>.md and .json.
# Needs: apt-get install -y wrk
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cores="${CORES:-0,1}"
port="${PORT:-18080}"
dur="${DURATION:-10s}"          # per decide/reward point
health_dur="${HEALTH_DURATION:-5s}"
warmup="${WARMUP:-15s}"         # per server, before its first phase: C2 needs it on 2 cores
sweep="${SWEEP:-2 4 8 16}"      # wrk connections
reward_sweep="${REWARD_SWEEP:-4 16}"
# Paced decide points, CONNECTIONS:THINK_MS: each connection waits a random think time (mean
# THINK_MS) after each answer, so the offered rate is about CONNECTIONS / (THINK_MS + latency):
# the latency at a given throughput (the target's question) rather than at saturation.
paced="${PACED:-34:5 40:5}"
threads="${THREADS:-2}"
java_opts="${NUDGE_JAVA_OPTS:--Xmx2g}" # the launcher adds its serve collector unless one is named
date="$(date -u +%Y-%m-%d)"
out="${OUT:-bench/results/serve-$date}" # OUT: another prefix, e.g. for a trial run
work="target/bench-serve"
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { echo "run.sh: wrk missing (apt-get install -y wrk)" >&2; exit 1; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# The command as given: the settings that differ from the defaults, then the script.
command="$(for v in CORES PORT DURATION HEALTH_DURATION WARMUP SWEEP REWARD_SWEEP PACED THREADS NEURAL_DIM NUDGE_JAVA_OPTS OUT; do
  [[ -n ${!v:-} ]] && printf "%s='%s' " "$v" "${!v}"; done)bench/serve/run.sh"

dim="${NEURAL_DIM:-64}"
./nudge --version >/dev/null # builds once if needed
server=""
declare -A flags
trap 'if [[ -n $server ]]; then kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; fi' EXIT
start_server() { # name, then serve options
  local name=$1; shift
  NUDGE_JAVA_OPTS="$java_opts ${extra_opts:-} -Xlog:gc*:file=$work/$name-gc.log" taskset -c "$cores" \
    ./nudge serve --port "$port" --db "$work/$name.db" "$@" >"$work/$name-server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/$name-server.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "listening on" "$work/$name-server.log" || { cat "$work/$name-server.log"; exit 1; }
  # The JVM's flags as run (./nudge adds its serve defaults), without the GC log option.
  flags[$name]="$(tr '\0' '\n' <"/proc/$server/cmdline" | grep -E '^-X[^l]|^-XX' | tr '\n' ' ' | sed 's/ $//')"
}
stop_server() {
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
}
url="http://127.0.0.1:$port"

# ./nudge execs java, so the server's pid is the JVM's.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
metric() { curl -s "$url/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
bench() { # name conns script path args...
  local name=$1 c=$2 script=$3 path=$4; shift 4
  local d="$dur"; [[ $script == health.lua ]] && d="$health_dur"
  curl -s "$url/metrics" >"$work/$name.metrics-before"
  local before; before=$(cpu_ticks)
  taskset -c "$cores" wrk -t"$threads" -c"$c" -d"$d" --timeout 5s -s "bench/serve/$script" "$url$path" -- "$@" \
    | tee "$work/$name.txt" | grep '^RESULT' | sed 's/^RESULT //' >"$work/$name.json"
  local after; after=$(cpu_ticks)
  curl -s "$url/metrics" >"$work/$name.metrics-after"
  # Server CPU per request: the cost that decides throughput on dedicated cores. Server-side
  # latency (the route's own timer) and event-log commit time, from the histograms' change over
  # the point: what the server spent, apart from the kernel, the HTTP stack and wrk.
  python3 - "$work/$name.json" "$before" "$after" "$(getconf CLK_TCK)" "$c" "${script%.lua}" \
    "$work/$name.metrics-before" "$work/$name.metrics-after" <<'PY'
import json, re, sys
path, before, after, tck, c, route, mb, ma = sys.argv[1:9]
before, after, tck, c = int(before), int(after), int(tck), int(c)
r = json.load(open(path))
cpu_s = (after - before) / tck
r["connections"] = c
r["server_cpu_s"] = round(cpu_s, 2)
r["server_cpu_us_per_request"] = round(cpu_s / r["requests"] * 1e6, 1)
r["projected_rps_on_2_free_cores"] = round(2 / (cpu_s / r["requests"]), 0)

def buckets(file, metric, label):
    out = {}
    for line in open(file):
        if line.startswith(metric + "{") and label in line:
            le = re.search(r'le="([^"]+)"', line).group(1)
            out[float("inf") if le == "+Inf" else float(le)] = float(line.rsplit(" ", 1)[1])
    return out

def quantiles(metric, label):
    b, a = buckets(mb, metric, label), buckets(ma, metric, label)
    les = sorted(a)
    n = a.get(float("inf"), 0) - b.get(float("inf"), 0)
    if n <= 0:
        return None
    q = {}
    for name, p in (("p50", 0.5), ("p99", 0.99), ("p999", 0.999)):
        le = next(le for le in les if a[le] - b.get(le, 0) >= p * n)
        q[name + "_ms_at_most"] = None if le == float("inf") else round(le * 1000, 3)
    q["count"] = int(n)
    return q

if route in ("decide", "reward"):
    r["server_side"] = quantiles("nudge_http_requests_seconds_bucket", 'route="%s"' % route)
    r["log_commit"] = quantiles("nudge_log_commits_seconds_bucket", "le=")
json.dump(r, open(path, "w"))
PY
  grep '^NON2XX' "$work/$name.txt" >&2 || true
  echo "$name: $(cat "$work/$name.json")" >&2
}
sweep_json() { # prefix: the sweep's points as a JSON list
  local first=1; printf '['
  for c in $sweep; do [[ $first == 1 ]] || printf ','; first=0; cat "$work/$1-c$c.json"; done
  printf ']'
}
paced_bench() { # prefix: the paced decide points
  for pt in $paced; do
    local c=${pt%%:*} think=${pt#*:}
    bench "$1-paced-c$c-t$think" "$c" decide.lua "" "$1p$c" "$think"
    python3 - "$work/$1-paced-c$c-t$think.json" "$think" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r["think_ms"] = float(sys.argv[2]); json.dump(r, open(sys.argv[1], "w"))
PY
  done
}
paced_json() { # prefix: the paced points as a JSON list
  local first=1; printf '['
  for pt in $paced; do [[ $first == 1 ]] || printf ','; first=0
    cat "$work/$1-paced-c${pt%%:*}-t${pt#*:}.json"; done
  printf ']'
}

start_server events
# Warm-up: JIT, the 100 new candidates' registration, SQLite pages; its decisions are rewarded later.
taskset -c "$cores" wrk -t"$threads" -c16 -d"$warmup" -s bench/serve/decide.lua "$url" -- warm \
  | grep '^RESULT' | sed 's/^RESULT //' >"$work/warm.json"
warm_per_thread=$(python3 -c "import json; print(json.load(open('$work/warm.json'))['requests'] // $threads)")
# wrk's threads do not share the requests evenly: reward ids from the first 60% of the average.
reward_n=$(( warm_per_thread * 6 / 10 < 20000 ? warm_per_thread * 6 / 10 : 20000 ))
for c in $sweep; do bench "health-c$c" "$c" health.lua /health/live; done
for c in $sweep; do bench "decide-c$c" "$c" decide.lua "" "main$c"; done
paced_bench decide
# Decisions made after the rewarded warm-up ones (more than 100,000: the old memory window).
decisions_after_warm=$(python3 -c "import json; print(int(float('$(metric nudge_decisions_total)')) - json.load(open('$work/warm.json'))['requests'])")
# The reward route's own warm-up (JIT), on the same decisions.
taskset -c "$cores" wrk -t"$threads" -c16 -d5s -s bench/serve/reward.lua "$url" -- warm "$reward_n" >/dev/null
for c in $reward_sweep; do bench "reward-c$c" "$c" reward.lua "" warm "$reward_n"; done
reward_log_reads=$(metric nudge_rewards_log_reads_total)
reward_index=$(metric nudge_reward_index_entries)
learned=$(curl -s "$url/v1/models")
stop_server

# S-N-GALM-UCB on a generated two-tower-like model: 100 items n1..n100 and users u0..u999, unit
# vectors from a fixed seed (the bench needs vectors, not good ones).
python3 - "$work/model.tsv" "$dim" <<'PY'
import math, random, sys
path, d = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261123)
def unit():
    v = [rng.gauss(0, 1) for _ in range(d)]
    n = math.sqrt(sum(x * x for x in v))
    return ",".join(f"{x / n:.6f}" for x in v)
with open(path, "w") as f:
    for i in range(1, 101):
        f.write(f"item\tn{i}\t{unit()}\n")
    for u in range(1000):
        f.write(f"user\tu{u}\t{unit()}\n")
PY
start_server neural --model "$work/model.tsv" --policy "s-n-galm-ucb(d1=$dim)"
taskset -c "$cores" wrk -t"$threads" -c16 -d"$warmup" -s bench/serve/decide.lua "$url" -- warm \
  | grep '^RESULT' | sed 's/^RESULT //' >"$work/neural-warm.json"
for c in $sweep; do bench "neural-c$c" "$c" decide.lua "" "main$c"; done
paced_bench neural
# The first paced point again while rewards arrive (earliest aggregation, the default: each first
# reward is learned at once), so the learner publishes new copies of the policy during the point
# and the per-copy memory of item terms is rebuilt after each: the production case, where the
# points above learn nothing.
learned_before=$(curl -s "$url/v1/models" | python3 -c "import json,sys; print(json.load(sys.stdin)['learnedSteps'])")
neural_warm=$(python3 -c "import json; print(json.load(open('$work/neural-warm.json'))['requests'] // $threads)")
first_paced=${paced%% *}
taskset -c "$cores" wrk -t1 -c"${LEARN_CONNECTIONS:-4}" -d"$dur" --timeout 5s -s bench/serve/reward.lua "$url" \
  -- warm $(( neural_warm * 6 / 10 )) "${LEARN_THINK:-4}" | grep '^RESULT' | sed 's/^RESULT //' >"$work/learning-rewards.json" &
rewards_pid=$!
bench "neural-learning" "${first_paced%%:*}" decide.lua "" "learn" "${first_paced#*:}"
wait $rewards_pid
learned_after=$(curl -s "$url/v1/models" | python3 -c "import json,sys; print(json.load(sys.stdin)['learnedSteps'])")
python3 - "$work/neural-learning.json" "${first_paced#*:}" "$work/learning-rewards.json" "$learned_before" "$learned_after" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["think_ms"] = float(sys.argv[2])
r["rewards_beside"] = json.load(open(sys.argv[3]))
r["learned_steps_during"] = int(sys.argv[5]) - int(sys.argv[4])
json.dump(r, open(sys.argv[1], "w"))
PY
neural=$(curl -s "$url/v1/models")
stop_server

# The same decide sweep on G1, the JVM's default collector, as the reference for the launcher's
# choice of a concurrent one.
extra_opts="-XX:+UseG1GC" start_server g1
taskset -c "$cores" wrk -t"$threads" -c16 -d"$warmup" -s bench/serve/decide.lua "$url" -- warm >/dev/null
for c in $sweep; do bench "g1-c$c" "$c" decide.lua "" "main$c"; done
stop_server

# GC pauses of both servers (from the unified GC log): count and the longest.
gc_json() {
  python3 - "$1" <<'PY'
import json, re, sys
pauses = [float(m.group(1)) for line in open(sys.argv[1])
          for m in [re.search(r"\] GC\(\d+\) Pause .* ([0-9.]+)ms$", line)] if m]
gc = next((l.split("Using ")[1].strip() for l in open(sys.argv[1]) if "] Using " in l), "?")
pauses.sort()
print(json.dumps({"collector": gc, "pauses": len(pauses),
                  "max_ms": round(pauses[-1], 2) if pauses else 0,
                  "p99_ms": round(pauses[int(0.99 * (len(pauses) - 1))], 2) if pauses else 0}))
PY
}
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
cat >"$out.json" <<JSON
{"date":"$date","machine":{"nproc":$(nproc),"cpu":"$cpu","pinned_cores":"$cores","loadavg_before":"$load_before","loadavg_after":"$(cut -d' ' -f1-3 /proc/loadavg)"},
 "wrk":{"threads":$threads,"connections":[${sweep// /,}],"reward_connections":[${reward_sweep// /,}],"duration":"$dur","health_duration":"$health_dur","warmup":"$warmup"},
 "java_opts":"$java_opts","jvm_flags":"${flags[events]}","g1_jvm_flags":"${flags[g1]}",
 "command":"$command",
 "health_reference":$(sweep_json health),"decide":$(sweep_json decide),
 "reward":[$(first=1; for c in $reward_sweep; do [[ $first == 1 ]] || printf ','; first=0; cat "$work/reward-c$c.json"; done)],
 "reward_setup":{"events_per_thread":$reward_n,"decisions_after":$decisions_after_warm,"log_reads":${reward_log_reads%.*},"index_entries":${reward_index%.*}},
 "paced":"$paced","decide_paced":$(paced_json decide),
 "decide_neural":$(sweep_json neural),"decide_neural_paced":$(paced_json neural),
 "decide_neural_learning":$(cat "$work/neural-learning.json"),"decide_g1":$(sweep_json g1),
 "gc":{"events":$(gc_json "$work/events-gc.log"),"neural":$(gc_json "$work/neural-gc.log"),"g1":$(gc_json "$work/g1-gc.log")},
 "models":$learned,"neural_models":$neural,"neural_dim":$dim}
JSON
echo "run.sh: wrote $out.json" >&2
python3 bench/serve/report.py "$out.json" "$out.md"
echo "run.sh: wrote $out.md" >&2
