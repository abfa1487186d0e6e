#!/usr/bin/env python3
"""Renders the peer comparison that jmh/run-comparison.sh measured (python3 standard library only).

    python3 jmh/render-comparison.py OUT_DIR

reads OUT_DIR/<workload>-t<threads>.json (JMH results), the foreign-load line of each
OUT_DIR/<workload>-t<threads>.txt and OUT_DIR/environment.txt, and writes
  OUT_DIR/comparison.md   the summary (stm4j against the global lock and the best peer STM, per
                          workload and thread count) and the full table, docs-ready;
  OUT_DIR/comparison.svg  one panel per workload: throughput per implementation and thread count,
                          log scale, median with JMH's error bar.

Scores: the median of the measured iterations, in operations per second; the error is JMH's 99.9%
confidence half-interval of the mean. Spread (issue 14): per cell, the slowest and the fastest
measured iteration, and the largest fastest/slowest ratio within one fork (from the JSON rawData);
a ratio above SPREAD_LIMIT (1.5) is flagged, so an unstable cell cannot hide behind its median.
stm4j is shown twice: STM4J (the harness's blocks, built once, preboxed values) and STM4J_USER
(written as users write it: a lambda per call, fresh boxes). Aborts per commit: the aborts counter over the commits counter
(both rates from the Outcomes aux counters). For the scan, the score is the scanner's (one long
read-only transaction per operation), and the writers' throughput is listed beside it.
"""
import json
import math
import os
import re
import statistics
import sys

IMPLS = ["STM4J", "STM4J_USER", "UNSYNCHRONIZED", "GLOBAL_LOCK", "OBJECT_LOCKS", "SCALA_STM", "MULTIVERSE", "CLOJURE"]
PEERS = ["SCALA_STM", "MULTIVERSE", "CLOJURE"]
LABELS = {
    "STM4J": "stm4j",
    "STM4J_USER": "stm4j (user-shaped)",
    "UNSYNCHRONIZED": "unsynchronized",
    "GLOBAL_LOCK": "global lock",
    "OBJECT_LOCKS": "object locks",
    "SCALA_STM": "ScalaSTM",
    "MULTIVERSE": "Multiverse",
    "CLOJURE": "Clojure refs",
}
COLORS = {
    "STM4J": "#d62728",
    "STM4J_USER": "#e377c2",
    "UNSYNCHRONIZED": "#7f7f7f",
    "GLOBAL_LOCK": "#1f77b4",
    "OBJECT_LOCKS": "#17becf",
    "SCALA_STM": "#2ca02c",
    "MULTIVERSE": "#ff7f0e",
    "CLOJURE": "#9467bd",
}
WORKLOADS = [
    ("var-read", "read-only transaction, one variable"),
    ("var-increment", "increment transaction, one variable"),
    ("list-transfer", "list transfer (pop one, append other)"),
    ("dict-increment", "dict increment, random key of 4096"),
    ("read-mostly", "read-mostly dict (90% get, 10% put)"),
    ("bank", "bank transfer, 1024 accounts"),
    ("cross-update", "cross update of two 64-entry dicts"),
    ("scan", "scan of 1024 balances, 1 scanner + writers"),
]
THREADS = [1, 2, 4]
# A cell whose fastest iteration is more than this times its slowest (within one fork) is flagged.
SPREAD_LIMIT = 1.5


class Cell:
    """One implementation's result for one workload and thread count."""

    def __init__(self, median, error, aborts_per_commit, writers=None, failure=None, spread=None):
        self.failure = failure  # the exception that ended a failed trial, or None
        # (slowest iteration ops/s, fastest iteration ops/s, largest fastest/slowest within a fork), or None
        self.spread = spread
        self.median = median  # ops/s
        self.error = error  # ops/s, NaN when JMH gave none
        self.aborts_per_commit = aborts_per_commit
        self.writers = writers  # ops/s of the scan's writers, or None


def per_second(value, unit):
    factor = {"ops/s": 1.0, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9}.get(unit)
    if factor is None:
        raise SystemExit("unexpected score unit " + unit)
    return value * factor


def median_of(metric):
    raw = [score for fork in metric.get("rawData", []) for score in fork]
    return statistics.median(raw) if raw else metric["score"]


def spread_of(metric, unit):
    """(slowest, fastest, worst per-fork ratio) of a metric's measured iterations, or None."""
    forks = [[score for score in fork if score is not None] for fork in metric.get("rawData", [])]
    forks = [fork for fork in forks if fork]
    if not forks:
        return None
    everything = [score for fork in forks for score in fork]
    ratios = [max(fork) / min(fork) if min(fork) > 0 else math.inf for fork in forks]
    return per_second(min(everything), unit), per_second(max(everything), unit), max(ratios)


def load(out):
    """{(workload, threads): {impl: Cell}}, {(workload, threads): foreign load in cores}."""
    results, foreign = {}, {}
    for name in sorted(os.listdir(out)):
        m = re.fullmatch(r"(.+)-t(\d+)\.json", name)
        if not m:
            continue
        key = (m.group(1), int(m.group(2)))
        with open(os.path.join(out, name)) as f:
            text = f.read().strip()
        runs = json.loads(text) if text else []
        cells = results.setdefault(key, {})
        for run in runs:
            impl = run["params"]["impl"]
            primary = run["primaryMetric"]
            secondary = run.get("secondaryMetrics", {})
            unit = primary["scoreUnit"]
            metric = secondary["scan"] if key[0] == "scan" and "scan" in secondary else primary
            error = metric.get("scoreError")
            error = float(error) if error not in (None, "NaN") else math.nan
            commits = secondary.get("commits", {}).get("score", 0.0)
            aborts = secondary.get("aborts", {}).get("score", 0.0)
            writers = None
            if key[0] == "scan" and "scanWriter" in secondary:
                writers = per_second(median_of(secondary["scanWriter"]), unit)
            cells[impl] = Cell(per_second(median_of(metric), unit), per_second(error, unit),
                               aborts / commits if commits > 0 else math.nan, writers,
                               spread=spread_of(metric, unit))
        txt = os.path.join(out, name[:-5] + ".txt")
        if os.path.exists(txt):
            with open(txt) as f:
                log = f.read()
            loads = re.findall(r"foreign load ([0-9.]+) cores", log)
            if loads:
                foreign[key] = float(loads[-1])
            for impl, error in failures_in(log):
                cells.setdefault(impl, Cell(math.nan, math.nan, math.nan, failure=error))
    return results, foreign


def failures_in(log):
    """(impl, exception class) for each trial of a JMH console log that ended in an exception."""
    found = []
    for chunk in log.split("# Parameters: ")[1:]:
        impl = re.search(r"impl = (\w+)", chunk)
        error = re.search(r"^([\w.$]+(?:Exception|Error))\b", chunk, re.MULTILINE)
        if impl and error:
            found.append((impl.group(1), error.group(1).rsplit(".", 1)[-1]))
    return found


def si(value):
    if value is None or math.isnan(value):
        return "–"
    for factor, suffix in ((1e9, " G"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= factor:
            return "%.3g%s" % (value / factor, suffix)
    return "%.3g" % value


def ratio(a, b):
    if a is None or b is None or b == 0 or math.isnan(a) or math.isnan(b):
        return "–"
    return "%.2f×" % (a / b) if a / b < 10 else "%.1f×" % (a / b)


def apc(value):
    if value is None or math.isnan(value):
        return "–"
    if value == 0:
        return "0"
    return "%.2g" % value


def spread_ratio(cell):
    """The worst per-fork fastest/slowest ratio of a cell, flagged above SPREAD_LIMIT."""
    if cell is None or cell.failure or cell.spread is None:
        return "–"
    r = cell.spread[2]
    if math.isinf(r) or math.isnan(r):
        return "∞ ⚠"
    return "%.2f×%s" % (r, " ⚠" if r > SPREAD_LIMIT else "")


def render_markdown(out, results, foreign):
    lines = []
    env_path = os.path.join(out, "environment.txt")
    if os.path.exists(env_path):
        with open(env_path) as f:
            env = [line.rstrip() for line in f if line.strip()]
        lines += ["Environment (`environment.txt`):", "", "```"] + env + ["```", ""]
    lines += [
        "### Summary: stm4j against the global lock and the best peer STM",
        "",
        "Median throughput in operations per second. *÷ lock* and *÷ best peer* are stm4j's throughput"
        " divided by the global lock's and by the fastest of ScalaSTM, Multiverse and Clojure in the same"
        " run; *aborts/commit* is stm4j's. *user*: stm4j written as users write it (STM4J_USER: a"
        " capturing lambda per call, fresh boxed values); the other stm4j columns are the harness's"
        " variant (STM4J: blocks built once, preboxed values). *Spread*: the largest fastest ÷ slowest"
        " measured iteration within one fork, stm4j / user (⚠ above %.1f×; all implementations in"
        " \"Per-iteration spread\" below). *Foreign load*: CPU used by other processes during the"
        " invocation, in cores of 2." % SPREAD_LIMIT,
        "",
        "| workload | threads | stm4j | stm4j user | global lock | best peer | stm4j ÷ lock | user ÷ lock"
        " | stm4j ÷ best peer | user ÷ best peer | stm4j aborts/commit | spread stm4j / user | foreign load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for workload, title in WORKLOADS:
        for t in THREADS:
            cells = results.get((workload, t))
            if not cells:
                continue
            stm = cells.get("STM4J")
            user = cells.get("STM4J_USER")
            lock = cells.get("GLOBAL_LOCK")
            peers = [(cells[p].median, p) for p in PEERS if p in cells and not cells[p].failure]
            best = max(peers) if peers else None
            lines.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |" % (
                title, t,
                si(stm.median) if stm else "–",
                si(user.median) if user else "–",
                si(lock.median) if lock else "–",
                "%s (%s)" % (si(best[0]), LABELS[best[1]]) if best else "–",
                ratio(stm.median, lock.median) if stm and lock else "–",
                ratio(user.median, lock.median) if user and lock else "–",
                ratio(stm.median, best[0]) if stm and best else "–",
                ratio(user.median, best[0]) if user and best else "–",
                apc(stm.aborts_per_commit) if stm else "–",
                spread_ratio(stm), spread_ratio(user),
                "%.2f" % foreign[(workload, t)] if (workload, t) in foreign else "–",
            ))
    lines += [
        "",
        "### Full results",
        "",
        "Each cell: median ops/s ± JMH error (aborts per commit). For the scan, the scanner's"
        " scans/s, then the writers' transfers/s after \"w:\". \"failed\": the trial ended in that"
        " exception (the JMH log of the invocation has the stack trace).",
        "",
    ]
    header = "| workload | impl | " + " | ".join("%d thread%s" % (t, "" if t == 1 else "s") for t in THREADS) + " |"
    lines += [header, "|---|---|" + "---|" * len(THREADS)]
    for workload, title in WORKLOADS:
        if not any((workload, t) in results for t in THREADS):
            continue
        for impl in IMPLS:
            row = []
            for t in THREADS:
                cell = results.get((workload, t), {}).get(impl)
                if cell is None:
                    row.append("–")
                    continue
                if cell.failure:
                    row.append("failed: %s" % cell.failure)
                    continue
                text = "%s ± %s (%s)" % (si(cell.median), si(cell.error), apc(cell.aborts_per_commit))
                if cell.writers is not None:
                    text += " w: %s" % si(cell.writers)
                row.append(text)
            lines.append("| %s | %s | %s |" % (title, LABELS[impl], " | ".join(row)))
    lines += [
        "",
        "### Per-iteration spread",
        "",
        "Each cell: the slowest – the fastest measured iteration in ops/s (over all forks), then the"
        " largest fastest ÷ slowest ratio within one fork; ⚠ marks a ratio above %.1f× (issue 14's"
        " stability target). For the scan, the scanner's iterations." % SPREAD_LIMIT,
        "",
        header, "|---|---|" + "---|" * len(THREADS),
    ]
    for workload, title in WORKLOADS:
        if not any((workload, t) in results for t in THREADS):
            continue
        for impl in IMPLS:
            row = []
            for t in THREADS:
                cell = results.get((workload, t), {}).get(impl)
                if cell is None or cell.failure or cell.spread is None:
                    row.append("failed" if cell is not None and cell.failure else "–")
                    continue
                row.append("%s – %s (%s)" % (si(cell.spread[0]), si(cell.spread[1]), spread_ratio(cell)))
            if any(text != "–" for text in row):
                lines.append("| %s | %s | %s |" % (title, LABELS[impl], " | ".join(row)))
    with open(os.path.join(out, "comparison.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def render_svg(out, results):
    columns, panel_w, panel_h = 4, 300, 230
    margin_left, margin_top, legend_h = 48, 34, 48
    rows = math.ceil(len(WORKLOADS) / columns)
    width = columns * panel_w + 20
    height = legend_h + rows * (panel_h + margin_top) + 30
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
        'font-family="sans-serif" font-size="11">' % (width, height, width, height),
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    x = 10
    for impl in IMPLS:
        parts.append('<rect x="%d" y="12" width="12" height="12" fill="%s"/>' % (x, COLORS[impl]))
        parts.append('<text x="%d" y="22">%s</text>' % (x + 16, LABELS[impl]))
        x += 30 + 7 * len(LABELS[impl])
    parts.append('<text x="10" y="38" fill="#555">ops/s, log scale; median ± JMH error (black),'
                 ' slowest–fastest measured iteration (grey)</text>')
    for index, (workload, title) in enumerate(WORKLOADS):
        px = 10 + (index % columns) * panel_w
        py = legend_h + (index // columns) * (panel_h + margin_top) + margin_top
        values = [c.median for t in THREADS for c in results.get((workload, t), {}).values()
                  if not c.failure and c.median > 0]
        parts.append('<text x="%d" y="%d" font-weight="bold">%s</text>' % (px, py - 14, title))
        if not values:
            parts.append('<text x="%d" y="%d">no data</text>' % (px + 60, py + 60))
            continue
        low = 10 ** math.floor(math.log10(min(values)))
        high = 10 ** math.ceil(math.log10(max(values)))
        if high <= low:
            high = low * 10
        plot_w, plot_h = panel_w - margin_left - 12, panel_h - 40
        ox, oy = px + margin_left, py

        def y_of(v):
            v = min(max(v, low), high)
            return oy + plot_h - (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low)) * plot_h

        decade = low
        while decade <= high * 1.0001:
            yy = y_of(decade)
            parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (ox, yy, ox + plot_w, yy))
            parts.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (ox - 4, yy + 4, si(decade)))
            decade *= 10
        group_w = plot_w / len(THREADS)
        bar_w = (group_w - 10) / len(IMPLS)
        for gi, t in enumerate(THREADS):
            gx = ox + gi * group_w + 5
            parts.append('<text x="%.1f" y="%d" text-anchor="middle">%d thr</text>'
                         % (gx + (group_w - 10) / 2, oy + plot_h + 14, t))
            cells = results.get((workload, t), {})
            for bi, impl in enumerate(IMPLS):
                cell = cells.get(impl)
                if cell is None or cell.failure or cell.median <= 0:
                    continue
                bx = gx + bi * bar_w
                top = y_of(cell.median)
                span = ""
                if cell.spread is not None:
                    span = "; iterations %s – %s" % (si(cell.spread[0]), si(cell.spread[1]))
                parts.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s">'
                             '<title>%s, %d thr: %s ops/s%s</title></rect>'
                             % (bx, top, max(bar_w - 1, 1), oy + plot_h - top, COLORS[impl],
                                LABELS[impl], t, si(cell.median), span))
                if cell.spread is not None and cell.spread[0] > 0:
                    # the slowest..fastest iteration: a grey tick range at the bar's right edge
                    sx = bx + max(bar_w - 1, 1) - 1
                    parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>'
                                 % (sx, y_of(cell.spread[1]), sx, y_of(cell.spread[0])))
                if not math.isnan(cell.error) and cell.error > 0:
                    cx = bx + (bar_w - 1) / 2
                    y1, y2 = y_of(cell.median + cell.error), y_of(max(cell.median - cell.error, low))
                    parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>' % (cx, y1, cx, y2))
        parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (ox, oy, ox, oy + plot_h))
        parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
                     % (ox, oy + plot_h, ox + plot_w, oy + plot_h))
    parts.append("</svg>")
    with open(os.path.join(out, "comparison.svg"), "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: render-comparison.py OUT_DIR")
    out = sys.argv[1]
    results, foreign = load(out)
    if not results:
        raise SystemExit("no <workload>-t<threads>.json results in " + out)
    render_markdown(out, results, foreign)
    render_svg(out, results)
    print("wrote %s and %s" % (os.path.join(out, "comparison.md"), os.path.join(out, "comparison.svg")))


if __name__ == "__main__":
    main()
