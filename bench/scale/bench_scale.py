"""Scale benchmark: parkgraph's store and query path vs bare pyoxigraph vs rdflib.

For each size (triples) given on the command line (default 100k and 1M):

* generate a synthetic park graph (bench/scale/generate.py), cached in bench/out/;
* load throughput (triples/s) into an on-disk store: `parkgraph.store.load_store` vs bare
  `pyoxigraph.Store(path).bulk_load(...)`, alternating, median of --load-runs runs;
* query latency, median of --runs runs after one warm-up, for the same questions:
  `parkgraph.query.run_query(Source.store(DIR), q)` (opens the store read-only, checks the
  query, materialises the rows) vs a bare script (`Store.read_only(DIR)` + `list(query)`),
  and rdflib (parse the N-Triples into a Graph, `Graph.query`) up to --rdflib-max triples;
* peak memory (ru_maxrss) of each measurement, each in its own child process.

Writes bench/out/scale-<date>.json and prints a markdown table.

    .venv/bin/python bench/scale/bench_scale.py 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
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


def child_load(system: str, nt: Path, store: Path) -> dict[str, float]:
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
        del db
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def child_query(system: str, nt: Path, store: Path, runs: int) -> dict[str, object]:
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    rows: dict[str, int] = {}
    setup = 0.0
    if system == "parkgraph":
        from parkgraph.query import Source, run_query

        source = Source.store(store)

        def ask(text: str) -> int:
            return len(run_query(source, text).rows)
    elif system == "pyoxigraph":
        import pyoxigraph as ox

        def ask(text: str) -> int:
            db = ox.Store.read_only(str(store))
            return len(list(db.query(PROLOGUE + text)))  # type: ignore[arg-type]
    else:
        import rdflib

        started = time.perf_counter()
        graph = rdflib.Graph()
        graph.parse(str(nt), format="nt")
        setup = time.perf_counter() - started

        def ask(text: str) -> int:
            return len(list(graph.query(PROLOGUE + text)))

    for name, text in QUERIES.items():
        rows[name] = ask(text)  # warm-up (and the row count, to check the systems agree)
        for _ in range(runs):
            started = time.perf_counter()
            ask(text)
            times[name].append(time.perf_counter() - started)
    return {"times": times, "rows": rows, "setup_seconds": setup, "peak_mb": peak_mb()}


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


def bench_size(size: int, load_runs: int, runs: int, rdflib_max: int) -> dict[str, object]:
    nt, triples = dataset(size)
    print(f"\n== {triples} triples ({nt.stat().st_size / 1e6:.0f} MB N-Triples)", file=sys.stderr)
    store = OUT / f"store-{size}"
    loads: dict[str, list[dict[str, float]]] = {"parkgraph": [], "pyoxigraph": []}
    for i in range(load_runs):
        order = ("parkgraph", "pyoxigraph") if i % 2 == 0 else ("pyoxigraph", "parkgraph")
        for system in order:
            r = run_child("load", system, str(nt), str(store))
            loads[system].append(r)  # type: ignore[arg-type]
            print(f"load {system}: {r['seconds']:.2f} s, {r['peak_mb']:.0f} MB", file=sys.stderr)
    # The store both query paths read (the last load left it in place).
    systems = ["parkgraph", "pyoxigraph"] + (["rdflib"] if triples <= rdflib_max else [])
    queries: dict[str, dict[str, object]] = {}
    for system in systems:
        r = run_child("query", system, str(nt), str(store), str(runs))
        queries[system] = r
        medians = {k: statistics.median(v) for k, v in r["times"].items()}  # type: ignore[union-attr]
        print(
            f"query {system}: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in medians.items()),
            file=sys.stderr,
        )
    shutil.rmtree(store, ignore_errors=True)
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
    query = result["query"]
    assert isinstance(query, dict)
    for system, r in query.items():
        out[f"query_{system}_ms"] = {k: statistics.median(v) * 1000 for k, v in r["times"].items()}
        out[f"query_{system}_rows"] = r["rows"]
        out[f"query_{system}_peak_mb"] = r["peak_mb"]
        if system == "rdflib":
            out["rdflib_parse_s"] = r["setup_seconds"]
    return out


def table(summaries: list[dict[str, object]]) -> str:
    lines = [
        "| triples | load parkgraph (triples/s) | load bare pyoxigraph | ratio | peak MB (pg / bare) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        lines.append(
            f"| {s['triples']:,} | {s['load_parkgraph_tps']:,.0f} | {s['load_pyoxigraph_tps']:,.0f} | "
            f"{s['load_ratio']:.2f}× | {s['load_parkgraph_peak_mb']:.0f} / "
            f"{s['load_pyoxigraph_peak_mb']:.0f} |"
        )
    lines += [
        "",
        "| triples | query | parkgraph ms | bare pyoxigraph ms | ratio | rdflib ms | rdflib / parkgraph |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        pg, bare = s["query_parkgraph_ms"], s["query_pyoxigraph_ms"]
        rd = s.get("query_rdflib_ms")
        assert isinstance(pg, dict) and isinstance(bare, dict)
        for name in QUERIES:
            rdv = f"{rd[name]:,.1f}" if isinstance(rd, dict) else "–"
            lead = f"{rd[name] / pg[name]:,.1f}×" if isinstance(rd, dict) else "–"
            lines.append(
                f"| {s['triples']:,} | {name} | {pg[name]:,.1f} | {bare[name]:,.1f} | "
                f"{pg[name] / bare[name]:.2f}× | {rdv} | {lead} |"
            )
    lines += [
        "",
        "| triples | query peak MB parkgraph | bare pyoxigraph | rdflib | rdflib parse s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        rd_mb = s.get("query_rdflib_peak_mb")
        rd_parse = s.get("rdflib_parse_s")
        lines.append(
            f"| {s['triples']:,} | {s['query_parkgraph_peak_mb']:.0f} | "
            f"{s['query_pyoxigraph_peak_mb']:.0f} | "
            + (f"{rd_mb:.0f} | {rd_parse:.1f} |" if rd_mb is not None else "– | – |")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, system, nt, store, *rest = argv[1:]
        if kind == "load":
            print(json.dumps(child_load(system, Path(nt), Path(store))))
        else:
            print(json.dumps(child_query(system, Path(nt), Path(store), int(rest[0]))))
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    parser.add_argument("--load-runs", type=int, default=3, help="load runs per system (median)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median), after a warm-up")
    parser.add_argument("--rdflib-max", type=int, default=200_000, help="largest size rdflib is run at")
    args = parser.parse_args(argv)
    results = [bench_size(n, args.load_runs, args.runs, args.rdflib_max) for n in args.sizes]
    summaries = [summarise(r) for r in results]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"scale-{stamp}.json").write_text(
        json.dumps({"results": results, "summary": summaries}, indent=2), encoding="utf-8"
    )
    markdown = table(summaries)
    (OUT / f"scale-{stamp}.md").write_text(markdown + "\n", encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
