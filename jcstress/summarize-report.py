#!/usr/bin/env python3
"""Summarizes a jcstress HTML report directory as a markdown table: per test, the observed
outcomes with their sample counts summed over all configurations, and the verdict.

    python3 jcstress/summarize-report.py jcstress/target/jcstress-short/report
"""
import html
import pathlib
import re
import sys


def cells(row):
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


def summarize(path):
    text = path.read_text()
    results = text.split("<h3>Results</h3>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", results, re.S)
    outcomes = [c for c in cells(rows[1]) if c]
    expects = [c for c in cells(rows[2]) if c]
    totals = [0] * len(outcomes)
    verdicts = set()
    for row in rows[4:]:
        cs = cells(row)
        if len(cs) < 4 + len(outcomes):
            continue
        verdicts.add(cs[3])
        for i, c in enumerate(cs[4:4 + len(outcomes)]):
            totals[i] += int(c.replace(",", "") or 0)
    return outcomes, expects, totals, verdicts


def main(report_dir):
    print("| test | verdict | samples | observed outcomes (samples) |")
    print("|---|---|---|---|")
    for page in sorted(pathlib.Path(report_dir).glob("org.stm4j.*.html")):
        outcomes, expects, totals, verdicts = summarize(page)
        seen = ", ".join(
            f"`{o}`{' **FORBIDDEN**' if e == 'Forbidden' else ''}: {t:,}"
            for o, e, t in zip(outcomes, expects, totals) if t)
        name = page.stem.replace("org.stm4j.jcstress.", "")
        print(f"| {name} | {'/'.join(sorted(verdicts))} | {sum(totals):,} | {seen} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "jcstress/target/jcstress-short/report")
