#!/usr/bin/python3
"""PyTorch reference for the Nudge two-tower benchmark (Debian python3-torch, python3-numpy).

The same towers and loss as TwoTowerBench.java's "shared towers" config: user = id(32) + the last
20 positive items pooled by attention with a learned query, item = id(32); each tower an MLP with
one hidden layer of 64 (ReLU) to 32; in-batch softmax with log-Q correction from the same
streaming frequency estimator (rate 0.05); Adam; one intra-op thread. Prints JSON lines.

  torch_twotower.py synthetic <interactions> <batch>
  torch_twotower.py ml100k <data-dir> <epochs>
"""
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn

SEED = 20261123
torch.set_num_threads(1)
torch.manual_seed(SEED)


class Tower(nn.Module):
    def __init__(self, rows, hist_rows=None, dim=32, hidden=64, out=32, hist_len=20):
        super().__init__()
        self.id = nn.Embedding(rows, dim)
        nn.init.normal_(self.id.weight, std=0.1)
        width = dim
        self.hist = None
        if hist_rows is not None:
            # Row hist_rows is padding (kept at zero, masked out of the attention).
            self.hist = nn.Embedding(hist_rows + 1, dim, padding_idx=hist_rows)
            nn.init.normal_(self.hist.weight, std=0.1)
            with torch.no_grad():
                self.hist.weight[hist_rows].zero_()
            self.query = nn.Parameter(torch.zeros(dim))
            width += dim
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.ReLU(), nn.Linear(hidden, out))

    def forward(self, ids, hist=None, mask=None):
        parts = [self.id(ids)]
        if self.hist is not None:
            h = self.hist(hist)  # B, L, d
            logits = (h @ self.query) / math.sqrt(h.shape[-1])
            logits = logits.masked_fill(~mask, -1e9)
            a = torch.softmax(logits, dim=1).unsqueeze(-1)
            parts.append((h * a).sum(1))
        return self.mlp(torch.cat(parts, dim=1))


class Frequency:
    def __init__(self, items, alpha, initial_gap):
        self.last = np.full(items, -1, dtype=np.int64)
        self.gap = np.full(items, max(1.0, initial_gap))
        self.alpha = alpha

    def observe(self, batch_items, step):
        for i in batch_items:
            if self.last[i] >= 0 and self.last[i] != step:
                self.gap[i] = (1 - self.alpha) * self.gap[i] + self.alpha * (step - self.last[i])
            self.last[i] = step

    def log_q(self, batch_items):
        return np.log(np.minimum(1.0, 1.0 / self.gap[batch_items]))


def histories(users, pair_u, pair_i, pair_t, items, length=20):
    order = np.lexsort((np.arange(len(pair_u)), pair_t))
    hist = [[] for _ in range(users)]
    for r in order:
        hist[pair_u[r]].append(pair_i[r])
    H = np.full((users, length), items, dtype=np.int64)
    for u in range(users):
        h = hist[u][-length:]
        H[u, :len(h)] = h
    return torch.from_numpy(H)


def train(users, items, pu, pi, pt, batch, epochs, lr):
    H = histories(users, pu, pi, pt, items)
    M = H != items
    ut, it = Tower(users, items), Tower(items)
    opt = torch.optim.Adam(list(ut.parameters()) + list(it.parameters()), lr=lr)
    n = len(pu)
    steps = n // batch
    freq = Frequency(items, 0.05, steps)
    rng = np.random.default_rng(SEED)
    step = 0
    seconds = 0.0
    for epoch in range(epochs):
        order = rng.permutation(n)
        start = time.perf_counter()
        for s in range(steps):
            idx = order[s * batch:(s + 1) * batch]
            bu, bi = pu[idx], pi[idx]
            freq.observe(bi, step)
            u_t = torch.from_numpy(bu)
            i_t = torch.from_numpy(bi)
            U = ut(u_t, H[u_t], M[u_t])
            V = it(i_t)
            logits = U @ V.T - torch.from_numpy(freq.log_q(bi)).float().unsqueeze(0)
            dup = (i_t.unsqueeze(0) == i_t.unsqueeze(1)) & ~torch.eye(len(bi), dtype=torch.bool)
            logits = logits.masked_fill(dup, -1e9)
            loss = -torch.log_softmax(logits, dim=1).diagonal().mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        seconds += time.perf_counter() - start
    return ut, it, H, M, steps * batch * epochs / seconds, seconds


def synthetic(n, batch):
    rng = np.random.default_rng(SEED)
    users, items = 100_000, 20_000
    pu = rng.integers(0, users, n)
    pi = rng.integers(0, items, n)
    pt = np.arange(n)
    _, _, _, _, exs, secs = train(users, items, pu, pi, pt, batch, 1, 0.001)
    print(json.dumps({"name": "pytorch synthetic epoch", "interactions": n, "batch": batch,
                      "epoch_seconds": secs, "examples_per_second": exs}), flush=True)


def ml100k(path, epochs):
    raw = np.loadtxt(f"{path}/u.data", dtype=np.int64)
    uid = {u: k for k, u in enumerate(sorted(set(raw[:, 0])))}
    iid = {i: k for k, i in enumerate(sorted(set(raw[:, 1])))}
    users, items = len(uid), len(iid)
    u = np.array([uid[x] for x in raw[:, 0]])
    i = np.array([iid[x] for x in raw[:, 1]])
    rating, t = raw[:, 2], raw[:, 3]
    # Per-user temporal leave-one-out on positives: last positive test, the one before validation.
    order = np.lexsort((np.arange(len(u)), t))
    all_rows = [[] for _ in range(users)]
    for r in order:
        all_rows[u[r]].append(r)
    train_rows, test, seen = [], {}, [set() for _ in range(users)]
    for uu in range(users):
        rows = all_rows[uu]
        pos = [k for k, r in enumerate(rows) if rating[r] >= 4]
        cut = len(rows)
        if len(pos) >= 3:
            test[uu] = i[rows[pos[-1]]]
            cut = pos[-1]
            # Every row before the test positive is seen (train and validation), as in Java.
            seen[uu] = {i[r] for r in rows[:cut]}
            train_rows += [rows[k] for k in pos[:-2]]
        else:
            train_rows += [rows[k] for k in pos]
    tr = np.array(train_rows)
    ut, it, H, M, exs, secs = train(users, items, u[tr], i[tr], t[tr], 256, epochs, 0.002)
    with torch.no_grad():
        V = it(torch.arange(items))
        U = ut(torch.arange(users), H, M)
        S = (U @ V.T).numpy()
    ndcg = hr = 0.0
    for uu, target in test.items():
        s = S[uu]
        cand = np.ones(items, dtype=bool)
        cand[list(seen[uu])] = False
        cand[target] = False
        rank = int(np.sum(s[cand] >= s[target]))
        if rank < 10:
            hr += 1
            ndcg += 1 / math.log2(rank + 2)
    print(json.dumps({"split": "loo", "model": "pytorch two-tower (shared towers)", "protocol": "full",
                      "lists": len(test), "train_examples_per_second": exs, "train_seconds": secs,
                      "epochs": epochs,
                      "metrics": {"ndcg@10": ndcg / len(test), "hr@10": hr / len(test)}}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "synthetic":
        synthetic(int(sys.argv[2]), int(sys.argv[3]))
    else:
        ml100k(sys.argv[2], int(sys.argv[3]))
