#!/usr/bin/python3
"""Turns run-ann.sh's JSON lines into a Markdown report with machine, date and command, and the
jvector/hnswlib queries/s ratio at equal recall (hnswlib's QPS interpolated at jvector's recall),
and optionally the same as one JSON document.

Usage: summarize_ann.py <raw.jsonl> <command> [load at start] [summary.json]"""
import json
import platform
import subprocess
import sys
from datetime import datetime, timezone

lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
memory = [r for r in lines if r["lib"] == "memory"]
rows = [r for r in lines if r["lib"] != "memory"]
cmd = sys.argv[2]
load_start = sys.argv[3] if len(sys.argv) > 3 else "?"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
load = open("/proc/loadavg").read().split()[:3]
exact = next(r for r in rows if r["lib"] == "exact-java")


KEY = "qps_cpu"  # queries per CPU-second of the searching thread: robust to other tenants


def curve(lib):
    return sorted(((r["recall"], r[KEY]) for r in rows if r["lib"] == lib))


def qps_at(lib, recall):
    """QPS of a library at a given recall, linear in recall between measured points."""
    c = curve(lib)
    if not c:
        return None
    if recall <= c[0][0]:
        return max(q for _, q in c)
    for (r0, q0), (r1, q1) in zip(c, c[1:]):
        if r0 <= recall <= r1:
            return q0 if r1 == r0 else q0 + (q1 - q0) * (recall - r0) / (r1 - r0)
    return None  # never reached that recall


print(f"# Funnel ANN benchmark ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
print(f"- machine: {cpu}, nproc {nproc}, load average at the start {load_start}, at the end "
      f"{' '.join(load)} (shared machine)")
print(f"- python {platform.python_version()}; command: `{cmd}`")
print(f"- data: {exact['n']} synthetic low-rank vectors (16-d latent + noise, L2-normalised), "
      f"d = {exact['dim']}, {exact['queries']} queries, inner product, top-10")
print(f"- exact search (Java scan, 1 thread): {exact['qps']} queries/s; ground truth took "
      f"{exact['gt_seconds']} s on all cores\n")
print("Queries/s are single-thread, one query at a time, per CPU-second of the searching thread "
      "(`q/s cpu`) and per wall second (`q/s wall`, inflated by other tenants' load). Ratios use "
      "CPU time.\n")
print("`scored/q` is the vectors a jvector query scored (upper levels and level 0), a "
      "machine-independent measure of its work. `jvector` scores the beam with jvector's SIMD dot "
      "product, `jvector-scalar` with the scalar loop, on the same graph in the same process.\n")
graphs = sorted({p.split("graph=")[1] for r in rows if "graph=" in r.get("params", "")
                 for p in [r["params"]]})
if graphs:
    print(f"jvector graph: {', '.join(graphs)} (`saved`: read from an earlier run's file, build "
          f"time is that run's).\n")
print("| library | ef | recall@10 | q/s cpu | q/s wall | scored/q | build s wall (threads) |")
print("|---|---|---|---|---|---|---|")
borrowed = sorted({r["from"] for r in rows if "from" in r})
for r in rows:
    if r["lib"] != "exact-java":
        scored = f"{r['scored_per_query']:.0f}" if "scored_per_query" in r else ""
        mark = " *" if "from" in r else ""
        print(f"| {r['lib']}{mark} | {r['ef']} | {r['recall']:.4f} | {r['qps_cpu']:.0f} | {r['qps']:.0f} | "
              f"{scored} | {r['build_seconds']} ({r['build_threads']}) |")
if borrowed:
    print(f"\n\\* Not measured in this run: rows from `{', '.join(borrowed)}`, an earlier run on the "
          "same seeded vectors, queries and ground truth (see the notes).")
if memory:
    print("\nPeak resident set (VmHWM / ru_maxrss): " + ", ".join(
        f"{m['side']} {m['peak_rss_mb']} MB" + (f" (heap -Xmx {m['xmx_mb']} MB)" if "xmx_mb" in m else "")
        for m in memory) + ". The Python peaks are cumulative: faiss's includes hnswlib's phase.")
print("\n## jvector against hnswlib at equal recall\n")
print("| jvector dot | ef | recall@10 | jvector q/s | hnswlib q/s at that recall | ratio | faiss q/s at that recall |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["lib"] in ("jvector", "jvector-scalar"):
        h = qps_at("hnswlib", r["recall"])
        f = qps_at("faiss-hnsw", r["recall"])
        ratio = f"{r[KEY] / h:.2f}" if h else "n/a"
        dot = "simd" if r["lib"] == "jvector" else "scalar"
        print(f"| {dot} | {r['ef']} | {r['recall']:.4f} | {r[KEY]:.0f} | "
              f"{h and round(h)} | {ratio} | {f and round(f)} |")
missing = [lib for lib in ("jvector", "hnswlib") if not curve(lib)]
if not curve("faiss-hnsw"):
    print("\nFAISS was not run here (`ANN_PEERS=hnswlib`, or stopped before it).")
if missing:
    print(f"\n**Incomplete run**: no rows for {', '.join(missing)} (stopped before it finished).")
best = [r for r in rows if r["lib"] == "jvector" and r["recall"] >= 0.95]
if "jvector" in missing or "hnswlib" in missing:
    print("\nTarget: not decided (jvector and hnswlib are both needed).")
elif best:
    b = max(best, key=lambda r: r[KEY])
    h = qps_at("hnswlib", b["recall"])
    verdict = "met" if h and b[KEY] >= 0.8 * h else "NOT met"
    print(f"\nTarget (recall@10 >= 0.95 with q/s >= 0.8 x hnswlib at equal recall): **{verdict}** "
          f"(jvector ef={b['ef']}: recall {b['recall']:.4f}, {b[KEY]:.0f} q/s; hnswlib "
          f"{h and round(h)} q/s at that recall).")
else:
    print("\nTarget: jvector did not reach recall 0.95 at any measured ef: **NOT met**.")
if len(sys.argv) > 4:
    with open(sys.argv[4], "w") as out:
        json.dump({"date": f"{datetime.now(timezone.utc):%Y-%m-%dT%H:%M}Z", "command": cmd,
                   "machine": cpu, "nproc": int(nproc), "load_start": load_start,
                   "load_end": " ".join(load), "rows": rows, "memory": memory}, out, indent=1)
