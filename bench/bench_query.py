"""Cold `parkgraph query` against a bare pyoxigraph script and against rdflib.

Each run is a fresh process (cold: interpreter start, imports, loading the graph, the query,
printing the rows), on the shipped graph dist/parkgraph.nt, with the same query text. The
three commands are interleaved so that load on the machine hits them alike; the medians and
ratios are printed and written to bench/out/query.json.

    .venv/bin/python bench/bench_query.py            # 15 runs each
    .venv/bin/python bench/bench_query.py --runs 31 --query-file my.rq

Not a timed test: the numbers depend on the machine. The target (docs/DESIGN.md) is
parkgraph ≤ 1.5 × bare pyoxigraph.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from parkgraph.namespaces import sparql_prologue  # noqa: E402

# Every observation with its park, indicator, status, period and surface form: a join over
# six patterns with language filters and an ORDER BY, the kind of question analysts ask.
QUERY = """SELECT ?park ?parkLabel ?indicatorLabel ?status ?statedAs ?endYear WHERE {
  ?obs a pg:Observation ; pg:about ?park ; pg:indicator ?indicator ;
       pg:status ?status ; pg:statedAs ?statedAs ; pg:period ?period .
  ?period pg:endYear ?endYear .
  ?park rdfs:label ?parkLabel . FILTER(lang(?parkLabel) = "zh")
  ?indicator rdfs:label ?indicatorLabel . FILTER(lang(?indicatorLabel) = "zh")
}
ORDER BY ?park ?endYear ?indicatorLabel ?statedAs
"""


def run(cmd: list[str]) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--query-file", type=Path, help="a query (with or without PREFIX lines)")
    parser.add_argument("--nt", type=Path, default=ROOT / "dist" / "parkgraph.nt")
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()
    if not args.nt.is_file():
        raise SystemExit(f"{args.nt}: not found; run `parkgraph build` first")

    # An installed package has its byte-code compiled; with PYTHONDONTWRITEBYTECODE set (as in
    # CI) an editable install would recompile every module at every run, which is not start-up.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "parkgraph"), quiet=1)
    body = args.query_file.read_text(encoding="utf-8") if args.query_file else QUERY
    text = sparql_prologue() + body  # the same full text for all three
    with tempfile.TemporaryDirectory() as tmp:
        qfile = Path(tmp) / "query.rq"
        qfile.write_text(text, encoding="utf-8")
        commands = {
            # The default path: dist/ of the project, with its up-to-date check.
            "parkgraph query": [str(BIN / "parkgraph"), "query", "-f", str(qfile), "--format", "csv"]
            + ([] if args.nt.resolve() == (ROOT / "dist" / "parkgraph.nt") else ["--data", str(args.nt)]),
            "bare pyoxigraph": [
                sys.executable,
                str(ROOT / "bench" / "bare_pyoxigraph.py"),
                str(args.nt),
                str(qfile),
            ],
            "rdflib": [sys.executable, str(ROOT / "bench" / "bare_rdflib.py"), str(args.nt), str(qfile)],
        }
        if args.skip_rdflib:
            del commands["rdflib"]
        rows: dict[str, int] = {}
        for name, cmd in commands.items():  # warm the OS file cache, and check the answers agree
            rows[name] = len(run(cmd)[1].splitlines()) - 1
        if len(set(rows.values())) != 1:
            raise SystemExit(f"the three commands disagree on the number of rows: {rows}")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(run(cmd)[0])

    medians = {name: statistics.median(ts) for name, ts in times.items()}
    base = medians["bare pyoxigraph"]
    report = {
        "query": body,
        "graph": str(args.nt.relative_to(ROOT) if args.nt.is_relative_to(ROOT) else args.nt),
        "triples": sum(1 for line in args.nt.open(encoding="utf-8") if line.strip()),
        "rows": rows["bare pyoxigraph"],
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "median_seconds": medians,
        "ratio_to_bare_pyoxigraph": {name: m / base for name, m in medians.items()},
        "all_seconds": times,
    }
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "query.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{report['triples']} triples, {report['rows']} rows, {args.runs} cold runs each (interleaved)")
    for name, median in medians.items():
        print(f"  {name:<16} median {median * 1000:7.1f} ms   {median / base:5.2f} × bare pyoxigraph")
    print(f"written to {(out / 'query.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
