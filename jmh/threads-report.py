#!/usr/bin/env python3
"""The derived numbers of the thread benchmarks of issue 14 (python3 standard library only).

    java -jar jmh/target/benchmarks.jar 'threads.NewThreadBenchmark' -t 1 -prof gc -rf json -rff new-thread.json
    java -jar jmh/target/benchmarks.jar 'threads.RequestPerThreadBenchmark' -t 1 -prof gc -rf json -rff requests.json
    python3 jmh/threads-report.py new-thread.json requests.json

Prints Markdown tables (docs-ready) for whichever of the two benchmarks the JSON files hold:

NewThreadBenchmark, per thread kind (ns/op; B/op from -prof gc's gc.alloc.rate.norm):
  first-block overhead = threadWithBlock - threadOnly - warmBlock      (error: JMH's errors in quadrature)
  in-thread first block = timedNanos/timedThreads of threadWithBlock - the same of threadOnly
  in-thread overhead    = in-thread first block - warmBlock
  target: overhead <= 250 ns and <= 200 B
RequestPerThreadBenchmark, per impl (us/request):
  move(impl) = VIRTUAL_PER_REQUEST - POOLED; target move(STM4J) / move(BASELINE) <= 1.5
  B/op(VIRTUAL_PER_REQUEST, STM4J) / B/op(VIRTUAL_PER_REQUEST, BASELINE) <= 2

A VIRTUAL result from a JDK before 21 ran on platform threads (the benchmarks' fallback) and is
flagged; B/op from a JDK before 21 misses the allocation of threads that ended within an iteration
(JMH 1.37's -prof gc sums the live threads' counters there) and is flagged too.
"""
import json
import math
import re
import sys

NEW_THREAD = "org.stm4j.jmh.threads.NewThreadBenchmark."
REQUESTS = "org.stm4j.jmh.threads.RequestPerThreadBenchmark.requests"


class Value:
    def __init__(self, score, error):
        self.score = score
        self.error = error if error is not None and not math.isnan(error) else math.nan

    def __sub__(self, other):
        return Value(self.score - other.score, math.hypot(self.error, other.error))

    def text(self, digits=1):
        if self.score is None or math.isnan(self.score):
            return "–"
        if math.isnan(self.error):
            return "%.*f" % (digits, self.score)
        return "%.*f ± %.*f" % (digits, self.score, digits, self.error)


def number(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def jdk_major(run):
    m = re.match(r"(?:1\.)?(\d+)", str(run.get("jdkVersion", "")))
    return int(m.group(1)) if m else 0


def primary(run):
    m = run["primaryMetric"]
    return Value(number(m["score"]), number(m.get("scoreError")))


def secondary(run, name):
    m = run.get("secondaryMetrics", {}).get(name)
    return Value(number(m["score"]), number(m.get("scoreError"))) if m else None


def load(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            text = f.read().strip()
        runs += json.loads(text) if text else []
    return runs


def flags(run, kind_is_virtual):
    notes = []
    if kind_is_virtual and jdk_major(run) < 21:
        notes.append("JDK %s: ran on platform threads" % jdk_major(run))
    if "gc.alloc.rate.norm" in run.get("secondaryMetrics", {}) and jdk_major(run) < 21:
        notes.append("B/op undercounts on JDK < 21")
    return notes


def new_thread_report(runs):
    rows = {}
    for run in runs:
        if not run["benchmark"].startswith(NEW_THREAD):
            continue
        method = run["benchmark"][len(NEW_THREAD):]
        rows.setdefault(run["params"]["kind"], {})[method] = run
    if not rows:
        return []
    lines = [
        "### First block of a new thread (NewThreadBenchmark)",
        "",
        "ns/op and B/op; overhead = threadWithBlock − threadOnly − warmBlock (target ≤ 250 ns, ≤ 200 B);"
        " in-thread: the first block timed inside the new thread (nanoTime pair subtracted) − warmBlock.",
        "",
        "| kind | threadOnly | threadWithBlock | warmBlock | overhead ns | in-thread first block ns"
        " | in-thread overhead ns | threadOnly B | threadWithBlock B | warmBlock B | overhead B | notes |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind in sorted(rows):
        r = rows[kind]
        if not all(m in r for m in ("threadOnly", "threadWithBlock", "warmBlock")):
            lines.append("| %s | incomplete: %s |" % (kind, ", ".join(sorted(r))))
            continue
        only, block, warm = (primary(r[m]) for m in ("threadOnly", "threadWithBlock", "warmBlock"))
        overhead = block - only - warm

        def in_thread(run):
            nanos, count = secondary(run, "timedNanos"), secondary(run, "timedThreads")
            if nanos is None or count is None or not count.score:
                return None
            return nanos.score / count.score

        t_block, t_only = in_thread(r["threadWithBlock"]), in_thread(r["threadOnly"])
        first = t_block - t_only if t_block is not None and t_only is not None else None
        alloc = [secondary(r[m], "gc.alloc.rate.norm") for m in ("threadOnly", "threadWithBlock", "warmBlock")]
        alloc_overhead = alloc[1] - alloc[0] - alloc[2] if all(alloc) else None
        notes = sorted(set(n for m in r.values() for n in flags(m, kind == "VIRTUAL")))
        lines.append("| %s | %s | %s | %s | **%s** | %s | **%s** | %s | %s | %s | **%s** | %s |" % (
            kind, only.text(), block.text(), warm.text(), overhead.text(),
            "%.1f" % first if first is not None else "–",
            "%.1f" % (first - warm.score) if first is not None else "–",
            *(a.text(0) if a else "–" for a in alloc),
            alloc_overhead.text(0) if alloc_overhead else "–",
            "; ".join(notes)))
    return lines + [""]


def requests_report(runs):
    cells = {}
    for run in runs:
        if run["benchmark"] != REQUESTS:
            continue
        p = run["params"]
        cells[(p["impl"], p["mode"])] = run
    if not cells:
        return []
    lines = [
        "### A request per virtual thread (RequestPerThreadBenchmark)",
        "",
        "µs per request and B per request; move = VIRTUAL_PER_REQUEST − POOLED. Targets: move(stm4j) ÷"
        " move(baseline) ≤ 1.5; B/request on virtual threads, stm4j ÷ baseline ≤ 2.",
        "",
        "| impl | pooled µs | virtual µs | move µs | move ÷ baseline's | pooled B | virtual B"
        " | virtual B ÷ baseline's | virtual req/s | notes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    base_v, base_p = cells.get(("BASELINE", "VIRTUAL_PER_REQUEST")), cells.get(("BASELINE", "POOLED"))
    base_move = primary(base_v) - primary(base_p) if base_v and base_p else None
    base_alloc = secondary(base_v, "gc.alloc.rate.norm") if base_v else None
    for impl in ("STM4J", "BASELINE", "SCALA_STM"):
        v, p = cells.get((impl, "VIRTUAL_PER_REQUEST")), cells.get((impl, "POOLED"))
        if not v or not p:
            continue
        move = primary(v) - primary(p)
        av, ap = secondary(v, "gc.alloc.rate.norm"), secondary(p, "gc.alloc.rate.norm")
        notes = sorted(set(flags(v, True) + flags(p, False)))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            impl, primary(p).text(2), primary(v).text(2), move.text(2),
            "**%.2f×**" % (move.score / base_move.score) if base_move and base_move.score else "–",
            ap.text(0) if ap else "–", av.text(0) if av else "–",
            "**%.2f×**" % (av.score / base_alloc.score) if av and base_alloc and base_alloc.score else "–",
            "%.0f k" % (1e3 / primary(v).score) if primary(v).score else "–",
            "; ".join(notes)))
    return lines + [""]


def main():
    if len(sys.argv) < 2:
        raise SystemExit("usage: threads-report.py RESULT.json...")
    runs = load(sys.argv[1:])
    lines = new_thread_report(runs) + requests_report(runs)
    if not lines:
        raise SystemExit("no NewThreadBenchmark or RequestPerThreadBenchmark results in " + " ".join(sys.argv[1:]))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
