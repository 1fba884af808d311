#!/usr/bin/python3
"""Turns the JSON lines of run.sh into bench/results/two-tower-<date>.json and .md."""
import json
import sys

lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
json.dump(lines, open(out + ".json", "w"), indent=1)
meta = lines[0]["machine"]
after = next((l["load_after"] for l in lines if "load_after" in l), "?")
syn = {l["name"]: l for l in lines if "name" in l}
rows = [l for l in lines if "split" in l]
md = ["# Two-tower benchmark", "",
      f"- date: {meta['date']}; machine: {meta['nproc']} cores, {meta['cpu']}; "
      f"load average before {meta['load_before']}, after {after} (shared machine)",
      f"- command: `{meta['command']}`; PyTorch {meta['torch']} (Debian), DJL 0.35.1 / PyTorch 2.7.1;"
      " both with one intra-op thread", ""]
j, p = syn.get("java-djl synthetic epoch"), syn.get("pytorch synthetic epoch")
if j and p:
    md += ["## One epoch over synthetic interactions (100k users, 20k items, batch 1024)", "",
           "| implementation | interactions | epoch s | examples/s |", "|---|---:|---:|---:|",
           f"| Java (DJL, row-sparse Adam) | {j['interactions']} | {j['epoch_seconds']:.1f} | {j['examples_per_second']:.0f} |",
           f"| PyTorch (dense Adam) | {p['interactions']} | {p['epoch_seconds']:.1f} | {p['examples_per_second']:.0f} |",
           "", f"Throughput ratio Java / PyTorch: **{j['examples_per_second'] / p['examples_per_second']:.2f}**", ""]
for split, title in [("loo", "ML-100K, per-user temporal leave-one-out on positives (rating >= 4)"),
                     ("recbole-rs", "ML-100K, RecBole protocol: each user's ratings shuffled and cut 80/10/10, "
                      "all ratings positive, full ranking"),
                     ("cold", "ML-100K cold users: every 10th user held out of training, encoded from raw "
                      "features and the first half of their positives, ranked on the second half")]:
    if not any(r["split"] == split for r in rows):
        continue
    md += [f"## {title}", "",
           "| model | protocol | lists | NDCG@10 | HR@10 | MRR | AUC | coverage@10 | train ex/s |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if r["split"] != split:
            continue
        m = r["metrics"]
        f = lambda k: "" if m.get(k) is None else f"{m[k]:.4f}"
        exs = r.get("train_examples_per_second")
        md.append(f"| {r['model']} | {r['protocol']} | {r['lists']} | {f('ndcg@10')} | {f('hr@10')} | "
                  f"{f('mrr')} | {f('auc')} | {f('coverage@10')} | {'' if exs is None else f'{exs:.0f}'} |")
    if split == "recbole-rs":
        md.append("| RecBole BPR (published) | full | | 0.2770 | 0.7610 | | | | |")
    md.append("")
seeds = [r for r in rows if r["split"] == "recbole-seeds"]
if seeds:
    import statistics
    md += ["## ML-100K, RecBole protocol over several split seeds (early stopping on validation NDCG@10)", "",
           "| model | split seed | val NDCG@10 | val HR@10 | test NDCG@10 | test HR@10 |",
           "|---|---:|---:|---:|---:|---:|"]
    for r in seeds:
        md.append(f"| {r['model']} | {r['split_seed']} | {r['val_ndcg@10']:.4f} | {r['val_hr@10']:.4f} | "
                  f"{r['test_ndcg@10']:.4f} | {r['test_hr@10']:.4f} |")
    md += ["", "Mean ± sample standard deviation over the split seeds:", "",
           "| model | splits | val NDCG@10 | test NDCG@10 | test HR@10 |", "|---|---:|---:|---:|---:|"]
    def ms(v):
        return f"{statistics.mean(v):.4f} ± {statistics.stdev(v):.4f}" if len(v) > 1 else f"{v[0]:.4f}"
    for model in dict.fromkeys(r["model"] for r in seeds):
        rs = [r for r in seeds if r["model"] == model]
        md.append(f"| {model} | {len(rs)} | {ms([r['val_ndcg@10'] for r in rs])} | "
                  f"{ms([r['test_ndcg@10'] for r in rs])} | {ms([r['test_hr@10'] for r in rs])} |")
    md.append("| RecBole BPR (published) | | | 0.2770 | 0.7610 |")
    md.append("")
open(out + ".md", "w").write("\n".join(md) + "\n")
