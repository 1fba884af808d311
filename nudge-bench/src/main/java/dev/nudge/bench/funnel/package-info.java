/**
 * Funnel benchmarks: ANN recall and single-thread throughput of the jvector index against exact
 * search (and, through bench/funnel/ann_peers.py, against hnswlib and FAISS on the same vectors),
 * and the MovieLens 100K quality and latency numbers of candidate generation, ranking and the whole
 * pipeline. Run through bench/funnel/*.sh, which record the machine and the command.
 */
package dev.nudge.bench.funnel;
