#!/usr/bin/env bash
# bench/serve/run.sh: load benchmark of the Nudge service with wrk on 127.0.0.1.
#   decide: POST /v1/decide with 100 candidates (ε-greedy, the default policy), fresh event ids
#   reward: POST /v1/events/{id}/reward on events created by the decide run
#   decide-neural: POST /v1/decide with the same 100 candidates under S-N-GALM-UCB (d1 = d2 =
#     NEURAL_DIM, default 64) on a generated embeddings model (100 items, 1,000 users), second server
# Server and wrk share this machine's cores (taskset pins both to CORES, default 0,1).
# Writes bench/results/serve-<date>.md and .json. Needs: apt-get install -y wrk
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cores="${CORES:-0,1}"
port="${PORT:-18080}"
dur="${DURATION:-20s}"
warmup="${WARMUP:-20s}" # per server, before its first phase: C2 needs it on 2 cores
conns="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
date="$(date -u +%Y-%m-%d)"
out="${OUT:-bench/results/serve-$date}" # OUT: another prefix, e.g. for a trial run
work="target/bench-serve"
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { echo "run.sh: wrk missing (apt-get install -y wrk)" >&2; exit 1; }

dim="${NEURAL_DIM:-64}"
./nudge --version >/dev/null # builds once if needed
server=""
trap 'if [[ -n $server ]]; then kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; fi' EXIT
start_server() { # name, then serve options
  local name=$1; shift
  NUDGE_JAVA_OPTS="${NUDGE_JAVA_OPTS:--Xmx2g}" taskset -c "$cores" ./nudge serve --port "$port" \
    --db "$work/$name.db" "$@" >"$work/$name-server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/$name-server.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "listening on" "$work/$name-server.log" || { cat "$work/$name-server.log"; exit 1; }
}
stop_server() {
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
}
start_server events
url="http://127.0.0.1:$port"

# ./nudge execs java, so the server's pid is the JVM's.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
bench() { # name script args...
  local name=$1 script=$2 path=$3; shift 3
  local before; before=$(cpu_ticks)
  taskset -c "$cores" wrk -t"$threads" -c"$conns" -d"$dur" --timeout 5s -s "bench/serve/$script" "$url$path" -- "$@" \
    | tee "$work/$name.txt" | grep '^RESULT' | sed 's/^RESULT //' >"$work/$name.json"
  local after; after=$(cpu_ticks)
  # Server CPU per request: the cost that decides throughput on dedicated cores.
  python3 - "$work/$name.json" "$before" "$after" "$(getconf CLK_TCK)" <<'PY'
import json, sys
path, before, after, tck = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
r = json.load(open(path))
cpu_s = (after - before) / tck
r["server_cpu_s"] = round(cpu_s, 2)
r["server_cpu_us_per_request"] = round(cpu_s / r["requests"] * 1e6, 1)
r["projected_rps_on_2_free_cores"] = round(2 / (cpu_s / r["requests"]), 0)
json.dump(r, open(path, "w"))
PY
  grep '^NON2XX' "$work/$name.txt" >&2 || true
  echo "$name: $(cat "$work/$name.json")" >&2
}
# Warm-up: JIT, the 100 new candidates' registration, SQLite pages.
taskset -c "$cores" wrk -t"$threads" -c"$conns" -d"$warmup" -s bench/serve/decide.lua "$url" -- warm >/dev/null
bench health health.lua /health/live
bench decide decide.lua "" main
bench reward reward.lua "" main 1000
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
taskset -c "$cores" wrk -t"$threads" -c"$conns" -d"$warmup" -s bench/serve/decide.lua "$url" -- warm >/dev/null
bench decide_neural decide.lua "" main
neural=$(curl -s "$url/v1/models")
stop_server

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
cat >"$out.json" <<JSON
{"date":"$date","machine":{"nproc":$(nproc),"cpu":"$cpu","pinned_cores":"$cores","loadavg_before":"$(cut -d' ' -f1-3 /proc/loadavg)"},
 "wrk":{"threads":$threads,"connections":$conns,"duration":"$dur","warmup":"$warmup"},"java_opts":"${NUDGE_JAVA_OPTS:--Xmx2g}",
 "command":"CORES=$cores DURATION=$dur WARMUP=$warmup CONNECTIONS=$conns THREADS=$threads bench/serve/run.sh",
 "health_reference":$(cat "$work/health.json"),"decide":$(cat "$work/decide.json"),"reward":$(cat "$work/reward.json"),
 "decide_neural":$(cat "$work/decide_neural.json"),"models":$learned,"neural_models":$neural,"neural_dim":$dim}
JSON
echo "run.sh: wrote $out.json" >&2
python3 - "$out.json" "$out.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r["machine"]
w = r["wrk"]
rows = []
for name, label in [("health_reference", "GET /health/live (reference: HTTP stack only)"),
                    ("decide", "POST /v1/decide, 100 candidates, ε-greedy"),
                    ("reward", "POST /v1/events/{id}/reward"),
                    ("decide_neural", f"POST /v1/decide, 100 candidates, S-N-GALM-UCB (d = {r['neural_dim']})")]:
    x = r[name]
    rows.append(f"| {label} | {x['rps']:.0f} | {x['p50_ms']:.2f} | {x['p99_ms']:.2f} | {x['non2xx']} | "
                f"{x['server_cpu_us_per_request']:.0f} | {x['projected_rps_on_2_free_cores']:.0f} |")
h = r["health_reference"]["rps"]
with open(sys.argv[2], "w") as f:
    f.write(f"""# Serve load benchmark, {r['date']}

Machine: {m['nproc']} cores ({m['cpu']}), server and wrk pinned to cores {m['pinned_cores']},
load average before the run {m['loadavg_before']} (the machine is shared).
Command: `{r['command']}` (wrk -t{w['threads']} -c{w['connections']}, {w['duration']} per phase after a {w['warmup']} decide warm-up per server; SQLite
event log in WAL mode; every decision and reward committed before it is answered).

| Phase | req/s | p50 ms | p99 ms | non-2xx | server CPU µs/req | req/s if the server had 2 free cores |
|---|---|---|---|---|---|---|
""" + "\n".join(rows) + f"""

Ratios to the reference in the same run: decide {r['decide']['rps']/h:.3f}, reward {r['reward']['rps']/h:.3f},
decide under S-N-GALM-UCB {r['decide_neural']['rps']/h:.3f} (model {r['neural_models']['modelVersion']}, a second server).
The last column is 2 s of CPU per second divided by the server's measured CPU per request: an
upper bound that ignores wrk's own CPU. Targets (issue 7): ≥ 5,000 decisions/s with p99 ≤ 10 ms,
≥ 10,000 rewards/s, on 2 cores. Learned steps after the run: {r['models']['learnedSteps']}.
""")
PY
echo "run.sh: wrote $out.md" >&2
