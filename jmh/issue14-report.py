#!/usr/bin/env python3
"""Tables for run-issue14-costs.sh's output: python3 jmh/issue14-report.py OUT-DIR

Per benchmark row: JMH's score ± error (99.9 %), the median of the measured iterations over all
forks, their min and max, the largest fastest/slowest ratio within one fork, and B/op
(gc.alloc.rate.norm); then the ratios the issue asks for (composed / separate, stm / lock), with
the ratio of medians and the range from the extreme iterations (min/max and max/min)."""
import json
import os
import statistics
import sys

out = sys.argv[1]


def load(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return None
    try:
        with open(path) as f:
            return json.load(f)
    except ValueError:
        return None  # still running


def fmt(v):
    if v is None:
        return "—"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def row(r):
    pm = r["primaryMetric"]
    forks = pm["rawData"]
    flat = [v for fork in forks for v in fork]
    spread = max(max(f) / min(f) for f in forks if min(f) > 0)
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    return {
        "name": r["benchmark"].rsplit(".", 1)[1]
                + "".join(f" {k}={v}" for k, v in sorted(r.get("params", {}).items()) if k != "threads"),
        "threads": int(r.get("params", {}).get("threads", r["threads"])),
        "score": pm["score"], "error": pm["scoreError"], "unit": pm["scoreUnit"],
        "median": statistics.median(flat), "min": min(flat), "max": max(flat),
        "spread": spread, "alloc": alloc, "secondary": r.get("secondaryMetrics", {}),
    }


def other(e):
    return "withoutSlot" if e == "withSlot" else "withSlot"


def table(rows, extra=()):
    print("| benchmark | threads | score ± error | median | min – max (iterations) | spread in a fork | B/op |"
          + "".join(f" {e} |" for e in extra))
    print("|---|---|---|---|---|---|---|" + "---|" * len(extra))
    for r in rows:
        cells = [f"`{r['name']}`", str(r["threads"]), f"{fmt(r['score'])} ± {fmt(r['error'])} {r['unit']}",
                 fmt(r["median"]), f"{fmt(r['min'])} – {fmt(r['max'])}", f"{r['spread']:.2f}×", fmt(r["alloc"])]
        for e in extra:
            sec = r["secondary"]
            cpu, blocks = sec.get(e + "CpuNanos"), sec.get(e + "Blocks")
            ok = cpu and blocks and blocks["score"] > 0
            cells.append(f"{cpu['score'] / blocks['score']:.1f} ns ({blocks['score'] / (blocks['score'] + (sec.get(other(e) + 'Blocks') or {}).get('score', 0)):.0%} of blocks)" if ok else "—")
        print("| " + " | ".join(cells) + " |")
    print()


def ratios(rows, pairs, target):
    by = {r["name"]: r for r in rows}
    print(f"| ratio | of medians | range (extreme iterations) | of JMH scores | target | verdict |")
    print("|---|---|---|---|---|---|")
    for num, den in pairs:
        if num not in by or den not in by:
            continue
        a, b = by[num], by[den]
        med = a["median"] / b["median"]
        lo, hi = a["min"] / b["max"], a["max"] / b["min"]
        sc = a["score"] / b["score"]
        verdict = "met" if med <= target else f"missed by {med / target:.2f}×"
        print(f"| `{num}` ÷ `{den}` | **{med:.2f}×** | {lo:.2f}× – {hi:.2f}× | {sc:.2f}× | ≤ {target}× | {verdict} |")
    print()


def header(name):
    path = os.path.join(out, name + ".txt")
    if os.path.exists(path):
        seen = set()
        with open(path) as f:
            for line in f:
                if line in seen:
                    continue
                seen.add(line)
                if line.startswith("# wall") or line.startswith("# uptime") or line.startswith("# VM version"):
                    print("    " + line.rstrip())
                if "version slots:" in line:
                    print("    " + line.strip()[line.strip().find("#"):])


for jdk in ("jdk17", "jdk25"):
    d = load("composition-" + jdk)
    if d:
        print(f"## composition ({jdk})\n")
        header("composition-" + jdk)
        rows = [row(r) for r in d]
        table(rows)
        ratios(rows, [("listComposed", "listSeparate"), ("dictComposed", "dictSeparate")], 2.2)

d = load("single-ops")
if d:
    print("## single operations\n")
    header("single-ops")
    rows = [row(r) for r in d]
    table(rows)
    names = sorted({r["name"].rsplit("_", 1)[0] for r in rows})
    ratios(rows, [(n + "_stm", n + "_lock") for n in names], 1.15)

for name in ["slots-t2", "slots-t32", "slots-t64", "slots-t128", "slots-gv4-t2", "slots-gv4-t128"]:
    d = load(name)
    if d:
        print(f"## {name}\n")
        header(name)
        print("(score: wall ns per block over all workers; withSlot / withoutSlot: CPU ns per block of the workers with / without a version slot)\n")
        table([row(r) for r in d], extra=("withSlot", "withoutSlot"))
