#!/usr/bin/python3
"""hnswlib and FAISS HNSW on the vectors AnnBench wrote: recall@10 against AnnBench's exact
top-10 and single-thread queries/s for the same search beams. Prints one JSON object per line.

Usage: ann_peers.py <dir> <dim> [build_threads]
ANN_PEERS (default "hnswlib faiss") names the libraries to run, e.g. ANN_PEERS=hnswlib to re-time
one peer on a quieter machine against the same files.
The hnswlib index is saved under <dir>/graphs, keyed by a hash of base.f32 and its parameters, and
re-used by a later run on the same vectors (build_seconds then reports the original build).
"""
import hashlib
import json
import os
import resource
import sys
import time

import faiss
import hnswlib
import numpy as np

d = sys.argv[1]
dim = int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
base = np.fromfile(f"{d}/base.f32", dtype="<f4").reshape(-1, dim)
queries = np.fromfile(f"{d}/queries.f32", dtype="<f4").reshape(-1, dim)
truth = np.fromfile(f"{d}/gt.i32", dtype="<i4").reshape(-1, 10)
n, q = len(base), len(queries)
PEERS = os.environ.get("ANN_PEERS", "hnswlib faiss").split()
EFS = [10, 15, 20, 25, 30, 40, 60, 80, 160]
CHUNK = 50_000  # vectors per add call: progress lines between calls, each call still multi-threaded


def phase(text):
    print(f"[{time.strftime('%H:%M:%S')}] peers: {text}", file=sys.stderr, flush=True)


def add_in_chunks(name, add):
    """Adds the base vectors chunk by chunk, printing progress to standard error. Each call
    inserts its chunk on all build threads, as one call would; only the progress is new."""
    t0 = time.perf_counter()
    for start in range(0, n, CHUNK):
        add(start, min(n, start + CHUNK))
        done = min(n, start + CHUNK)
        rate = done / (time.perf_counter() - t0)
        phase(f"{name} build {done}/{n} vectors ({rate:.0f}/s, {(n - done) / rate:.0f} s left)")


def recall(got):
    return float(np.mean([len(set(g) & set(t)) / 10.0 for g, t in zip(got, truth)]))


ROUNDS = int(os.environ.get("ANN_ROUNDS", "3"))


def timed_single(search_one):
    """Single-thread queries/s (wall, CPU): the median of ROUNDS passes over all queries, each
    after a warm-up on a prefix, as AnnBench does; recall from the last pass."""
    walls, cpus = [], []
    for _ in range(ROUNDS):
        for i in range(min(q, 200)):
            search_one(queries[i : i + 1])
        got = []
        t0 = time.perf_counter()
        c0 = time.thread_time()
        for i in range(q):
            got.append(search_one(queries[i : i + 1])[0])
        cpus.append(time.thread_time() - c0)
        walls.append(time.perf_counter() - t0)
    return q / float(np.median(walls)), q / float(np.median(cpus)), recall(got)


if "hnswlib" in PEERS:
    # hnswlib: inner-product space, M=16 (32 links on level 0), ef_construction=100 (jvector: M=32,
    # beam 100).
    digest = hashlib.blake2b(base.tobytes(), digest_size=8).hexdigest()
    saved = f"{d}/graphs/hnswlib-n{n}-d{dim}-{digest}-M16-efc100"
    h = hnswlib.Index(space="ip", dim=dim)
    if os.path.exists(saved + ".bin") and os.path.exists(saved + ".build"):
        phase(f"hnswlib: re-using {saved}.bin")
        h.load_index(saved + ".bin", max_elements=n)
        build, threads_built = open(saved + ".build").read().split()
        build, threads_built = float(build), int(threads_built)
    else:
        t0 = time.perf_counter()
        h.init_index(max_elements=n, ef_construction=100, M=16, random_seed=20261123)
        h.set_num_threads(threads)
        phase(f"hnswlib build on {threads} threads")
        add_in_chunks("hnswlib", lambda a, b: h.add_items(base[a:b], np.arange(a, b)))
        build, threads_built = time.perf_counter() - t0, threads
        os.makedirs(f"{d}/graphs", exist_ok=True)
        h.save_index(saved + ".bin")
        with open(saved + ".build", "w") as out:
            out.write(f"{build:.2f} {threads}\n")
    h.set_num_threads(1)
    phase("hnswlib search")
    for ef in EFS:
        h.set_ef(max(ef, 10))
        qps, qps_cpu, r = timed_single(lambda x: h.knn_query(x, k=10)[0])
        print(json.dumps({"lib": "hnswlib", "params": "M=16,efConstruction=100", "ef": ef,
                          "build_seconds": round(build, 2), "build_threads": threads_built,
                          "qps": round(qps, 1), "qps_cpu": round(qps_cpu, 1), "recall": round(r, 4)}), flush=True)

    print(json.dumps({"lib": "memory", "side": "hnswlib", "peak_rss_mb":
                      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}), flush=True)
    del h  # the FAISS peak below is then FAISS's own (plus the vectors)

if "faiss" in PEERS:
    # FAISS IndexHNSWFlat with inner product.
    faiss.omp_set_num_threads(threads)
    t0 = time.perf_counter()
    f = faiss.IndexHNSWFlat(dim, 16, faiss.METRIC_INNER_PRODUCT)
    f.hnsw.efConstruction = 100
    phase(f"faiss build on {threads} threads")
    add_in_chunks("faiss", lambda a, b: f.add(base[a:b]))
    build = time.perf_counter() - t0
    faiss.omp_set_num_threads(1)
    phase("faiss search")
    for ef in EFS:
        f.hnsw.efSearch = max(ef, 10)
        qps, qps_cpu, r = timed_single(lambda x: f.search(x, 10)[1])
        print(json.dumps({"lib": "faiss-hnsw", "params": "M=16,efConstruction=100", "ef": ef,
                          "build_seconds": round(build, 2), "build_threads": threads,
                          "qps": round(qps, 1), "qps_cpu": round(qps_cpu, 1), "recall": round(r, 4)}), flush=True)

    # Peak resident set of this process so far (kB on Linux): the larger of the two phases.
    print(json.dumps({"lib": "memory", "side": "faiss", "peak_rss_mb":
                      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}), flush=True)
