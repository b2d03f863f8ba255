"""Scale benchmark: parkgraph's store and query path vs bare pyoxigraph vs rdflib.

For each size (triples) given on the command line (default 100k and 1M):

* generate a synthetic park graph (bench/scale/generate.py), cached in bench/out/;
* load throughput (triples/s) into an on-disk store: `parkgraph.store.load_store` (bulk
  load, then `optimize`) vs bare pyoxigraph doing the same (`Store(path).bulk_load(...)`,
  `optimize()`) and vs bare `bulk_load` alone, each into a store of its own, the order
  rotated, median of --load-runs runs;
* query latency in a warm process: each system opens its graph **once** (timed separately
  as the one-time open/parse cost), runs each question once as a warm-up (which gives the
  row count) and then --runs times; the latency is the median. The systems are
    parkgraph        `open_store(DIR)` on parkgraph's store, then per query what
                     `parkgraph.query.run_query` does after opening: `check` the text
                     (update/SERVICE refusal) and `LocalEngine.run` (default graph as the
                     union when there are named graphs, rows materialised);
    pyoxigraph       bare: `Store.read_only(DIR)` on the same store, then
                     `[tuple(row) for row in store.query(text)]`: parkgraph's overhead;
    pyoxigraph-bulk  the same on the store a bare `bulk_load` alone left (not optimised);
    rdflib           parse the N-Triples into a `Graph` once, then `list(graph.query(text))`
                     (only for sizes up to --rdflib-max);
  every system turns each row into Python terms; a question that runs longer than
  --query-timeout seconds once is stopped (SIGALRM: rdflib evaluates in Python) and reported
  as unfinished, and the rounds after it skip it for that system;
  the three pyoxigraph systems run in one child process, taking turns run by run (who goes
  first rotates), so that their runs meet the same machine: on this shared machine,
  separate processes differed by up to 1.4× on the same work. rdflib runs in a child of
  its own. --query-rounds such children, runs pooled;
* all systems must return the same number of rows for every question;
* peak memory (ru_maxrss) of each load in its own child process, and of the query children
  (the pyoxigraph systems together, rdflib alone).

A command pays the one-time cost on every call: `parkgraph query --store DIR` opens the
store, an rdflib script parses the file. The second table ("per command") is open + query.

Writes bench/out/scale-<date>.json and .md and prints a markdown table.

    .venv/bin/python bench/scale/bench_scale.py 100000 1000000
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out"
PROLOGUE = """PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX pgr: <https://w3id.org/parkgraph/resource/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# The analyst's questions from DESIGN.md, on the synthetic graph.
QUERIES = {
    "nev-parks-output": """SELECT ?park ?label ?value WHERE {
  ?park pg:hasCluster ?c ; rdfs:label ?label . FILTER(lang(?label) = "zh")
  ?c pg:industry pgr:industry-nev .
  ?obs pg:about ?park ; pg:indicator pgr:indicator-industrial-output ;
       pg:period pgr:period-14th-fyp ; pg:value ?value .
} ORDER BY DESC(?value)""",
    "targets-15th": """SELECT ?about ?indicator ?value WHERE {
  ?obs a pg:Observation ; pg:status pg:Target ; pg:period pgr:period-15th-fyp ;
       pg:about ?about ; pg:indicator ?indicator ; pg:value ?value .
  FILTER(?value >= 1000000000000)
} ORDER BY DESC(?value) LIMIT 100""",
    "parks-per-industry": """SELECT ?industry (COUNT(DISTINCT ?park) AS ?parks) WHERE {
  ?park pg:hasCluster/pg:industry ?industry
} GROUP BY ?industry ORDER BY DESC(?parks)""",
    "strategy-by-code": """SELECT ?park ?strategy WHERE {
  ?strategy skos:notation "3322" . ?park pg:pursues ?strategy
}""",
    "facts-per-source": """SELECT ?src (COUNT(?s) AS ?facts) WHERE {
  ?s prov:wasDerivedFrom ?src ; pg:evidence ?e
} GROUP BY ?src ORDER BY DESC(?facts) ?src LIMIT 10""",
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


# ------------------------------------------------------------------------------ children


def store_of(store: Path, system: str) -> Path:
    """The store `system` queries: parkgraph's (bulk-loaded, then optimised) for parkgraph and
    bare pyoxigraph alike; "pyoxigraph-bulk" queries what a bare `bulk_load` alone left."""
    return Path(f"{store}-{system}" if system == "pyoxigraph-bulk" else f"{store}-parkgraph")


def child_load(system: str, nt: Path, store: Path) -> dict[str, float]:
    store = Path(f"{store}-{system}")
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    if system == "parkgraph":
        from parkgraph.store import load_store

        load_store(store, [nt])
    else:
        import pyoxigraph as ox

        db = ox.Store(str(store))
        db.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        db.flush()
        if system == "pyoxigraph":  # the same work as load_store; "pyoxigraph-bulk" stops here
            db.optimize()
        del db
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


class TookTooLong(Exception):
    pass


def on_alarm(signum: int, frame: object) -> None:
    raise TookTooLong


MODULES = {
    "parkgraph": ("parkgraph.query", "parkgraph.store"),
    "pyoxigraph": ("pyoxigraph",),
    "pyoxigraph-bulk": ("pyoxigraph",),
    "rdflib": ("rdflib", "rdflib.plugins.sparql"),
}


def opener(system: str, nt: Path, store: Path) -> Callable[[str], int]:
    """Open `system`'s graph; return a function that runs a question and counts its rows."""
    if system == "parkgraph":
        from parkgraph.query import LocalEngine, check
        from parkgraph.store import open_store

        engine = LocalEngine(open_store(store_of(store, system)))
        return lambda text: len(engine.run(check(text), {}).rows)
    if system.startswith("pyoxigraph"):
        import pyoxigraph as ox

        db = ox.Store.read_only(str(store_of(store, system)))
        return lambda text: len([tuple(row) for row in db.query(PROLOGUE + text)])  # type: ignore[union-attr]
    import rdflib

    graph = rdflib.Graph()
    graph.parse(str(nt), format="nt")
    return lambda text: len(list(graph.query(PROLOGUE + text)))


def child_query(
    systems: list[str], nt: Path, store: Path, runs: int, timeout: float, skip: set[str]
) -> dict[str, object]:
    """Open each system's graph once (timed), then time each question in this warm process,
    the systems taking turns run by run (the first to go rotates), so that they share the
    machine's state at each moment and their ratio is not the noise between processes."""
    asks: dict[str, Callable[[str], int]] = {}
    out: dict[str, dict[str, object]] = {}
    for system in systems:  # imports are not part of opening a graph (bench_query.py times them)
        for module in MODULES[system]:
            importlib.import_module(module)
    for system in systems:
        started = time.perf_counter()
        asks[system] = opener(system, nt, store)
        out[system] = {"open_seconds": time.perf_counter() - started, "rows": {}, "unfinished": []}
    times: dict[str, dict[str, list[float]]] = {system: {name: [] for name in QUERIES} for system in systems}

    def timed(system: str, text: str) -> tuple[int, float]:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            started = time.perf_counter()
            count = asks[system](text)
            return count, time.perf_counter() - started
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    signal.signal(signal.SIGALRM, on_alarm)
    for name, text in QUERIES.items():
        going = [system for system in systems if f"{system}:{name}" not in skip]
        for system in systems:
            if system not in going:
                out[system]["unfinished"].append(name)  # type: ignore[attr-defined]
        for run in range(-1, runs):  # run -1: the warm-up, which gives the row count
            shift = run % len(systems)
            for system in systems[shift:] + systems[:shift]:
                if system not in going:
                    continue
                try:
                    count, seconds = timed(system, text)
                except TookTooLong:
                    going.remove(system)
                    out[system]["unfinished"].append(name)  # type: ignore[attr-defined]
                    times[system][name] = []
                    continue
                if run < 0:
                    out[system]["rows"][name] = count  # type: ignore[index]
                else:
                    times[system][name].append(seconds)
    for system in systems:
        out[system]["times"] = times[system]
    return {"systems": out, "peak_mb": peak_mb()}


def run_child(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ------------------------------------------------------------------------------ driver


def dataset(size: int) -> tuple[Path, int]:
    OUT.mkdir(parents=True, exist_ok=True)
    nt = OUT / f"synthetic-{size}.nt"
    if not nt.exists():
        sys.path.insert(0, str(HERE))
        from generate import write

        tmp = nt.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            write(size, fh)
        tmp.replace(nt)
    with nt.open("rb") as fh:
        count = sum(1 for _ in fh)
    return nt, count


def bench_size(
    size: int, load_runs: int, runs: int, rdflib_max: int, query_rounds: int, timeout: float
) -> dict[str, object]:
    nt, triples = dataset(size)
    print(f"\n== {triples} triples ({nt.stat().st_size / 1e6:.0f} MB N-Triples)", file=sys.stderr)
    store = OUT / f"store-{size}"
    loaders = ["parkgraph", "pyoxigraph", "pyoxigraph-bulk"]
    loads: dict[str, list[dict[str, float]]] = {system: [] for system in loaders}
    for i in range(load_runs):
        for system in loaders[i % 3 :] + loaders[: i % 3]:  # who goes first rotates
            r = run_child("load", system, str(nt), str(store))
            loads[system].append(r)  # type: ignore[arg-type]
            print(f"load {system}: {r['seconds']:.2f} s, {r['peak_mb']:.0f} MB", file=sys.stderr)
    # parkgraph, bare pyoxigraph on the same store and bare on the bulk_load-only store share
    # a process (their turns interleaved); rdflib has its own.
    groups = [["parkgraph", "pyoxigraph", "pyoxigraph-bulk"]] + ([["rdflib"]] if size <= rdflib_max else [])
    queries: dict[str, dict[str, object]] = {}
    for round_ in range(query_rounds):
        for group in groups:
            group = group[round_ % len(group) :] + group[: round_ % len(group)]  # who opens first rotates
            skip = ",".join(
                f"{system}:{name}"
                for system in group
                for name in queries.get(system, {}).get("unfinished", [])  # type: ignore[attr-defined]
            )
            r = run_child("query", ",".join(group), str(nt), str(store), str(runs), str(timeout), skip)
            for system, got in r["systems"].items():  # type: ignore[attr-defined]
                merged = queries.setdefault(
                    system,
                    {
                        "times": {n: [] for n in QUERIES},
                        "rows": got["rows"],
                        "unfinished": [],
                        "open_seconds": [],
                    },
                )
                for name, ts in got["times"].items():
                    merged["times"][name].extend(ts)  # type: ignore[index]
                merged["open_seconds"].append(got["open_seconds"])  # type: ignore[attr-defined]
                merged["unfinished"] = sorted(set(merged["unfinished"]) | set(got["unfinished"]))  # type: ignore[call-overload]
                merged["peak_mb"] = max(float(merged.get("peak_mb", 0.0)), float(r["peak_mb"]))  # type: ignore[arg-type]
                medians = {
                    k: f"{statistics.median(v) * 1000:.1f} ms" if v else "unfinished"
                    for k, v in got["times"].items()
                }
                print(
                    f"query {system} (opened once in {got['open_seconds'] * 1000:,.1f} ms): "
                    + ", ".join(f"{k} {v}" for k, v in medians.items()),
                    file=sys.stderr,
                )
    counts = {system: r["rows"] for system, r in queries.items()}
    for name in QUERIES:
        answered = {c[name] for c in counts.values() if name in c}  # type: ignore[operator,index]
        if len(answered) > 1:
            raise RuntimeError(f"the systems disagree on the number of rows of {name}: {counts}")
    for system in loads:
        shutil.rmtree(f"{store}-{system}", ignore_errors=True)
    return {"size": size, "triples": triples, "load": loads, "query": queries}


def summarise(result: dict[str, object]) -> dict[str, object]:
    triples = int(result["triples"])  # type: ignore[call-overload]
    load = result["load"]
    assert isinstance(load, dict)
    out: dict[str, object] = {"triples": triples}
    for system, runs in load.items():
        secs = statistics.median(r["seconds"] for r in runs)
        out[f"load_{system}_tps"] = triples / secs
        out[f"load_{system}_peak_mb"] = max(r["peak_mb"] for r in runs)
    out["load_ratio"] = out["load_parkgraph_tps"] / out["load_pyoxigraph_tps"]  # type: ignore[operator]
    if "load_pyoxigraph-bulk_tps" in out:
        out["load_ratio_bulk"] = out["load_parkgraph_tps"] / out["load_pyoxigraph-bulk_tps"]  # type: ignore[operator]
    query = result["query"]
    assert isinstance(query, dict)
    for system, r in query.items():
        out[f"query_{system}_ms"] = {
            k: statistics.median(v) * 1000 for k, v in r["times"].items() if k not in r["unfinished"]
        }
        out[f"query_{system}_rows"] = r["rows"]
        out[f"query_{system}_peak_mb"] = r["peak_mb"]
        out[f"open_{system}_ms"] = statistics.median(r["open_seconds"]) * 1000
    return out


SYSTEMS = ("parkgraph", "pyoxigraph", "pyoxigraph-bulk", "rdflib")


def ms(value: float | None, digits: int) -> str:
    return "unfinished" if value is None else f"{value:,.{digits}f}"


def ratio(a: float | None, b: float | None, digits: int) -> str:
    return "–" if a is None or b is None else f"{a / b:,.{digits}f}×"


QUERY_HEADER = [
    "| triples | query | rows | parkgraph | bare pyoxigraph | parkgraph / bare "
    "| bare, bulk_load-only store | rdflib | rdflib / parkgraph |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
]


def query_rows(s: dict[str, object], per_command: bool) -> list[str]:
    """One row per question: its row count, parkgraph, bare pyoxigraph on the same store,
    their ratio, bare on the bulk_load-only store, rdflib and its lead ("–" where a
    system was not run at this size, "unfinished" past the time limit). `per_command` adds
    the one-time open (or parse) to each query."""
    lines: list[str] = []
    rows = s["query_parkgraph_rows"]
    assert isinstance(rows, dict)
    digits = 1 if per_command else 2
    for name in QUERIES:
        got: dict[str, float | None] = {}
        for system in SYSTEMS:
            medians = s.get(f"query_{system}_ms", {})
            value = medians.get(name) if isinstance(medians, dict) else None
            opened = float(s.get(f"open_{system}_ms", 0.0)) if per_command else 0.0  # type: ignore[arg-type]
            got[system] = None if value is None else value + opened
        pg, bare, bulk, rd = (got[system] for system in SYSTEMS)
        bulk_cell = ms(bulk, digits) if "query_pyoxigraph-bulk_ms" in s else "–"
        rd_cells = f"{ms(rd, 1)} | {ratio(rd, pg, 1)}" if "query_rdflib_ms" in s else "– | –"
        cells = f"{ms(pg, digits)} | {ms(bare, digits)} | {ratio(pg, bare, 2)} | {bulk_cell} | {rd_cells}"
        lines.append(f"| {s['triples']:,} | {name} | {rows.get(name, '–')} | {cells} |")
    return lines


def table(summaries: list[dict[str, object]]) -> str:
    lines = [
        "Load (triples/s, median): bare pyoxigraph does the same work as parkgraph (bulk_load,"
        " then optimize); bare bulk_load alone leaves a store that is slower to query",
        "",
        "| triples | parkgraph | bare pyoxigraph | ratio | bulk_load alone | ratio | peak MB pg / bare |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        bulk = s.get("load_pyoxigraph-bulk_tps")
        bulk_cells = f"{bulk:,.0f} | {s['load_ratio_bulk']:.2f}×" if bulk is not None else "– | –"
        lines.append(
            f"| {s['triples']:,} | {s['load_parkgraph_tps']:,.0f} | {s['load_pyoxigraph_tps']:,.0f} | "
            f"{s['load_ratio']:.2f}× | {bulk_cells} | {s['load_parkgraph_peak_mb']:.0f} / "
            f"{s['load_pyoxigraph_peak_mb']:.0f} |"
        )
    warm = "Query latency in a warm process, graph opened once (median ms)"
    per_command = "Per command: the one-time open (stores) or parse (rdflib) plus the warm query (median ms)"
    for title, add_open in ((warm, False), (per_command, True)):
        lines += ["", title, "", *QUERY_HEADER]
        for s in summaries:
            lines += query_rows(s, add_open)
    lines += [
        "",
        "One-time open (stores) or parse (rdflib), and peak memory of the query processes",
        "",
        "| triples | open: parkgraph ms | bare ms | parse: rdflib ms | peak MB: pyoxigraphs | rdflib |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        rd_open, rd_mb = s.get("open_rdflib_ms"), s.get("query_rdflib_peak_mb")
        lines.append(
            f"| {s['triples']:,} | {s['open_parkgraph_ms']:,.1f} | {s['open_pyoxigraph_ms']:,.1f} | "
            + (f"{rd_open:,.0f} | " if rd_open is not None else "– | ")
            + f"{s['query_parkgraph_peak_mb']:.0f} | "
            + (f"{rd_mb:.0f} |" if rd_mb is not None else "– |")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, system, nt, store, *rest = argv[1:]
        if kind == "load":
            print(json.dumps(child_load(system, Path(nt), Path(store))))
        else:
            runs, timeout, skip = int(rest[0]), float(rest[1]), set(filter(None, rest[2].split(",")))
            print(json.dumps(child_query(system.split(","), Path(nt), Path(store), runs, timeout, skip)))
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    parser.add_argument("--load-runs", type=int, default=3, help="load runs per system (median)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median), after a warm-up")
    parser.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size rdflib is run at")
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=120.0,
        help="seconds per question (warm-up and runs) to stop at",
    )
    parser.add_argument(
        "--query-rounds", type=int, default=3, help="query child processes per system (order rotated)"
    )
    parser.add_argument("--table", type=Path, help="only print the tables of an earlier run's .json")
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))["summary"]))
        return 0
    results = [
        bench_size(n, args.load_runs, args.runs, args.rdflib_max, args.query_rounds, args.query_timeout)
        for n in args.sizes
    ]
    summaries = [summarise(r) for r in results]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"scale-{stamp}.json").write_text(
        json.dumps({"results": results, "summary": summaries}, indent=2), encoding="utf-8"
    )
    markdown = table(summaries)
    (OUT / f"scale-{stamp}.md").write_text(markdown + "\n", encoding="utf-8")
    print(markdown)
    print(f"written to {OUT / f'scale-{stamp}.json'} and .md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
