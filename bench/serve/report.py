"""Writes the Markdown report of bench/serve/run.sh from its JSON result.

Usage: python3 bench/serve/report.py RESULT.json RESULT.md
"""
import json
import sys

TARGET_RPS, TARGET_P99 = 5000, 10.0


def at_most(q, key):
    """A histogram quantile: the upper bound of the bucket it falls in."""
    if not q or q.get(key) is None:
        return ""
    return f"≤ {q[key]:.2f}"


def row(label, x):
    meets = "yes" if x["rps"] >= TARGET_RPS and x["p99_ms"] <= TARGET_P99 else "no"
    if "think_ms" in x:
        label += f", paced (think {x['think_ms']:g} ms)"
    return (f"| {label} | {x['connections']} | {x['rps']:.0f} | {x['p50_ms']:.2f} | {x['p90_ms']:.2f} | "
            f"{x['p99_ms']:.2f} | {at_most(x.get('server_side'), 'p99_ms_at_most')} | "
            f"{at_most(x.get('log_commit'), 'p99_ms_at_most')} | {x['non2xx']} | "
            f"{x['server_cpu_us_per_request']:.0f} | {x['projected_rps_on_2_free_cores']:.0f} | {meets} |")


def best(points):
    ok = [p for p in points if p["rps"] >= TARGET_RPS and p["p99_ms"] <= TARGET_P99]
    if not ok:
        return "no point meets both"
    b = max(ok, key=lambda p: p["rps"])
    return f"met at -c{b['connections']}: {b['rps']:.0f}/s, p99 {b['p99_ms']:.2f} ms"


def learning_note(r):
    nl = r.get("decide_neural_learning")
    if not nl:
        return ""
    meets = "meets" if nl["rps"] >= TARGET_RPS and nl["p99_ms"] <= TARGET_P99 else "does not meet"
    return (f"; with rewards learned during the point ({nl['learned_steps_during']} steps, "
            f"{nl['rewards_beside']['rps']:.0f} rewards/s at p99 {nl['rewards_beside']['p99_ms']:.2f} ms), "
            f"S-N-GALM-UCB {meets} it: {nl['rps']:.0f}/s, p99 {nl['p99_ms']:.2f} ms")


def main(src, dst):
    r = json.load(open(src))
    m, w = r["machine"], r["wrk"]
    rows = []
    neural = f"POST /v1/decide, 100 candidates, S-N-GALM-UCB (d = {r['neural_dim']})"
    for name, label in [("health_reference", "GET /health/live (HTTP stack only)"),
                        ("decide", "POST /v1/decide, 100 candidates, ε-greedy"),
                        ("decide_paced", "POST /v1/decide, 100 candidates, ε-greedy"),
                        ("reward", "POST /v1/events/{id}/reward"),
                        ("decide_neural", neural),
                        ("decide_neural_paced", neural),
                        ("decide_g1", "POST /v1/decide, 100 candidates, ε-greedy, on G1 (reference)")]:
        rows += [row(label, x) for x in r[name]]
    nl = r.get("decide_neural_learning")
    if nl:
        rows.append(row(neural + f" while {nl['rewards_beside']['rps']:.0f} rewards/s are learned", nl))
    rs = r["reward_setup"]
    best_reward = max(r["reward"], key=lambda p: p["rps"])
    ratios = ", ".join(
        f"-c{d['connections']} {d['rps'] / h['rps']:.3f}"
        for d, h in zip(r["decide"], r["health_reference"]))
    gc = r["gc"]
    with open(dst, "w") as f:
        f.write(f"""# Serve load benchmark, {r['date']}

Machine: {m['nproc']} cores ({m['cpu']}), server and wrk pinned to cores {m['pinned_cores']}; load
average {m['loadavg_before']} before the run, {m['loadavg_after']} after (the machine may be shared).
Command: `{r['command']}` (wrk -t{w['threads']}, connections {w['connections']}; {w['duration']} per
decide/reward point, {w['health_duration']} per health point, after a {w['warmup']} decide warm-up
at -c16 per server). JVM: `{r['jvm_flags']}`. SQLite event log in WAL mode; every decision and
reward is committed before it is answered. Reference server: `{r['g1_jvm_flags']}`.

| Phase | wrk -c | req/s | p50 ms | p90 ms | p99 ms | server-side p99 ms | log commit p99 ms | non-2xx | server CPU µs/req | req/s if the server had 2 free cores | ≥ 5,000/s and p99 ≤ 10 ms |
|---|---|---|---|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + f"""

- Decide target (≥ 5,000/s with p99 ≤ 10 ms), as fast as the server answers (wrk's closed loop,
  at saturation): ε-greedy {best(r['decide'])}; S-N-GALM-UCB {best(r['decide_neural'])}.
- The same target at a paced rate (`PACED` = {r['paced']}, connections:mean think time; the
  latency at that throughput): ε-greedy {best(r['decide_paced'])}; S-N-GALM-UCB
  {best(r['decide_neural_paced'])}{learning_note(r)}. wrk has no fixed-rate mode (wrk2's `-R`); a think time per
  connection is the closest it offers, and a stalled connection sends nothing while it waits, so
  these p99s can understate what a fixed-rate client would see (coordinated omission).
- p50, p90 and p99 are wrk's (from the request's first byte to the answer's last, over the loopback
  on the same 2 cores). "Server-side" is the route's own timer (parsing the body to writing the
  answer, the log commit included); "log commit" is one event-log transaction (a batch of writes)
  beside it; both from the server's Prometheus histograms over the point, so they are bucket upper
  bounds.
- Reward target (≥ 10,000/s): best {best_reward['rps']:.0f}/s at -c{best_reward['connections']}.
  The rewards went to {rs['events_per_thread']} warm-up decisions per wrk thread, followed by
  {rs['decisions_after']} later decisions (the old in-memory window held the last 100,000), all
  inside the 10-minute reward wait; rewards that read the log: {rs['log_reads']}; decisions
  indexed for rewards at the end: {rs['index_entries']}.
- Decide req/s relative to the HTTP stack alone (health) at the same connections: {ratios}.
- GC pauses: {gc['events']['collector']}, first server {gc['events']['pauses']} pauses, longest
  {gc['events']['max_ms']} ms; second server {gc['neural']['pauses']}, longest
  {gc['neural']['max_ms']} ms. Reference server on {gc['g1']['collector']}: {gc['g1']['pauses']} pauses,
  longest {gc['g1']['max_ms']} ms, p99 of pauses {gc['g1']['p99_ms']} ms; its decide points:
  {best(r['decide_g1'])}.
- The "2 free cores" column is 2 s of CPU per second divided by the server's measured CPU per
  request: an upper bound that ignores wrk's own CPU. Learned steps after the first server:
  {r['models']['learnedSteps']}; second server's model {r['neural_models']['modelVersion']}.
""")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
