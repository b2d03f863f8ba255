"""`parkgraph extract` on the development corpus: quality by the referee, and speed.

    .venv/bin/python bench/extract/bench_extract.py                  # everything (make bench-extract)
    .venv/bin/python bench/extract/bench_extract.py --corpus DIR --runs 9 --batch 1000
    .venv/bin/python bench/extract/bench_extract.py --skip-speed     # quality only

1. Quality: one .ttl per article of CORPUS/dev/articles into bench/out/extract-<UTC time>/,
   scored by the referee exactly as it is (`score.py CORPUS/dev OUTDIR --json FILE`, run with
   this interpreter because it needs rdflib); the per-category table (P/R/F1) is printed and
   saved as markdown. Diagnostics: per-rule precision (facts carry `pg:rule`), and the
   referee's per-file lines.
2. Speed, in this one process: the whole pipeline (read → extract → Turtle) against jieba's
   `lcut` alone on the same texts (its dictionary loaded beforehand, not timed); medians of
   --runs interleaved runs; the ratio of characters per second (≥ 1.0 is the goal). It runs
   the extractor as installed: compiled by mypyc after `make`, from source with
   PARKGRAPH_PURE=1 (the report says which).
3. Start-up: `python -c 'import parkgraph.extract…'` (cold processes) and the first call in a
   fresh process (lexicons, lazy imports), against later calls; the per-file cost.
4. A batch of --batch articles (copies of the corpus in a temporary directory) through
   `parkgraph extract DIR --out-dir OUT`: wall time, files per second, and CPU time ÷ wall
   time of the child (resource.getrusage(RUSAGE_CHILDREN)): above 1.5 means both cores
   worked; also with --jobs 1 for the speed-up.

Results: bench/out/extract-<time>/ (the .ttl files, score.json, extract.md, extract.json),
and the latest copies bench/out/extract.md and bench/out/extract.json. Not a timed test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))

from parkgraph import __version__  # noqa: E402
from parkgraph.extract import BUILD, extract_text  # noqa: E402
from parkgraph.extract.batch import Job, run_job  # noqa: E402
from parkgraph.extract.reading import read_document  # noqa: E402
from parkgraph.extract.writing import write_turtle  # noqa: E402

CATEGORIES = ["obs", "obs_strict", "obs_full", "parks", "areas", "orgs", "clusters", "titles", "codes",
              "components", "members"]
# The targets (issue 9, "Done when"); "" where it sets none.
TARGETS = {"obs_strict": 0.85, "parks": 0.90, "codes": 0.90, "components": 0.80, "areas": 0.85,
           "clusters": 0.75, "orgs": 0.75, "titles": 0.70}


def articles(corpus: Path) -> list[Path]:
    found = sorted((corpus / "dev" / "articles").glob("*.txt"))
    if not found:
        raise SystemExit(f"{corpus}/dev/articles: no articles (give --corpus DIR)")
    return found


# --- 1. quality ---------------------------------------------------------------------------


def extract_all(paths: list[Path], out_dir: Path) -> None:
    for path in paths:
        outcome = run_job(Job(str(path), str(out_dir / (path.stem + ".ttl")), force=True))
        if not outcome.ok:
            raise SystemExit(f"Error: {outcome.error}")


def score(corpus: Path, out_dir: Path) -> tuple[dict[str, Any], str]:
    """The referee's verdict: (its JSON, its printed lines)."""
    json_file = out_dir / "score.json"
    done = subprocess.run([sys.executable, str(corpus / "score.py"), str(corpus / "dev"), str(out_dir),
                           "--json", str(json_file)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"score.py failed ({done.returncode}): {done.stderr}")
    return json.loads(json_file.read_text(encoding="utf-8")), done.stdout


def quality_table(total: dict[str, dict[str, float]]) -> str:
    lines = ["| category | P | R | F1 | target F1 | right / predicted | found / gold |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for c in CATEGORIES:
        t = total[c]
        target = TARGETS.get(c)
        mark = "" if target is None else (" ✓" if t["f1"] >= target else " ✗")
        lines.append(f"| {c} | {t['precision']:.2f} | {t['recall']:.2f} | **{t['f1']:.2f}**{mark} | "
                     f"{'' if target is None else f'{target:.2f}'} | {t['tp_pred']} / {t['predicted']} | "
                     f"{t['tp_gold']} / {t['gold']} |")
    return "\n".join(lines)


def load_referee(corpus: Path) -> ModuleType:
    """score.py as a module, for its matching functions (the diagnostics reuse, not redo, them)."""
    spec = importlib.util.spec_from_file_location("parkgraph_referee", corpus / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rule_precision(corpus: Path, out_dir: Path) -> list[tuple[str, str, int, int]]:
    """(rule, kind, predicted, right) per rule: an observation is right when some gold
    observation of its article has its value, unit and status (the referee's `obs` test, not
    one-to-one); an entity when one of its labels matches a gold name of its kind."""
    import rdflib
    from rdflib.namespace import PROV, RDF

    referee = load_referee(corpus)
    pg = referee.PG
    counts: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    kinds = {"parks": lambda n: "Park" in n or "Zone" in n, "areas": lambda n: n == "AdministrativeArea",
             "organizations": lambda n: any(k in n for k in ("Organization", "Organisation", "Company"))}
    for gold_file in sorted((corpus / "dev" / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        ttl = out_dir / (gold_file.stem + ".ttl")
        g = rdflib.Graph()
        if ttl.exists():
            g.parse(ttl, format="turtle")

        def rule_of(node: Any, graph: rdflib.Graph = g) -> str:
            rule = graph.value(node, pg.rule)
            activity = graph.value(node, PROV.wasGeneratedBy)
            if rule is None and activity is not None:
                rule = graph.value(activity, pg.rule)
            return str(rule) if rule is not None else "(no pg:rule)"

        for o in g.subjects(RDF.type, pg.Observation):
            value, unit, status = g.value(o, pg.value), g.value(o, pg.unit), g.value(o, pg.status)
            if value is None:
                continue
            key = (rule_of(o), "observation")
            counts[key] += 1
            unit_c = referee.unit_class(unit) if unit is not None else "other"
            status_c = "target" if status is not None and referee.local(status).lower().startswith("target") \
                else "actual"
            if any(go["unit"] == unit_c and go["status"] == status_c
                   and abs(float(value) - float(go["value"])) <= 0.005 * max(abs(float(go["value"])), 1e-9)
                   for go in gold["observations"]):
                right[key] += 1
        for kind, test in kinds.items():
            for entity in referee.typed(g, test):
                key = (rule_of(entity), kind.rstrip("s"))
                counts[key] += 1
                if any(referee.name_match(label, name) for label in referee.labels(g, entity)
                       for name in gold[kind]):
                    right[key] += 1
    return sorted(((rule, kind, n, right[(rule, kind)]) for (rule, kind), n in counts.items()),
                  key=lambda r: (r[1], -r[2], r[0]))


# --- 2. speed in one process --------------------------------------------------------------


STAGES = ("read", "extract", "write")


def pipeline(paths: list[Path], stages: dict[str, float] | None = None) -> int:
    """Read, extract and write Turtle for every path; the characters read. With `stages`,
    the seconds of each stage are added to it (the diagnostic of where the time goes)."""
    chars = 0
    clock = time.perf_counter
    for path in paths:
        t0 = clock()
        document = read_document(path)
        t1 = clock()
        extraction = extract_text(document)
        t2 = clock()
        write_turtle(extraction, version=__version__)
        t3 = clock()
        chars += len(document.text)
        if stages is not None:
            stages["read"] += t1 - t0
            stages["extract"] += t2 - t1
            stages["write"] += t3 - t2
    return chars


def speed(paths: list[Path], runs: int, repeat: int) -> dict[str, Any]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # the dictionary, loaded before any timing
    texts = [read_document(p).text for p in paths]
    pipeline(paths)  # warm: lexicons loaded, lazy imports done (start-up is measured apart)
    for text in texts:
        jieba.lcut(text)
    work = paths * repeat
    work_texts = texts * repeat
    p_times, j_times = [], []
    stage_runs: list[dict[str, float]] = []
    chars = 0
    for _ in range(runs):  # interleaved, so that load on the machine hits both alike
        stages = dict.fromkeys(STAGES, 0.0)
        started = time.perf_counter()
        chars = pipeline(work, stages)
        p_times.append(time.perf_counter() - started)
        stage_runs.append(stages)
        started = time.perf_counter()
        for text in work_texts:
            jieba.lcut(text)
        j_times.append(time.perf_counter() - started)
    p_med, j_med = statistics.median(p_times), statistics.median(j_times)
    return {"files": len(work), "chars": chars, "runs": runs,
            "pipeline_s": p_med, "jieba_s": j_med,
            "pipeline_chars_per_s": chars / p_med, "jieba_chars_per_s": chars / j_med,
            "ratio": (chars / p_med) / (chars / j_med), "per_file_ms": 1000 * p_med / len(work),
            "stages_s": {k: statistics.median(r[k] for r in stage_runs) for k in STAGES}}


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


FIRST_CALL = """
import json, sys, time
t0 = time.perf_counter()
from parkgraph.extract import extract_text
from parkgraph.extract.reading import read_document
from parkgraph.extract.writing import write_turtle
t1 = time.perf_counter()
calls = []
for _ in range(3):
    s = time.perf_counter()
    write_turtle(extract_text(read_document(sys.argv[1])))
    calls.append(time.perf_counter() - s)
print(json.dumps({"import_s": t1 - t0, "first_s": calls[0], "later_s": min(calls[1:])}))
"""


def startup(paths: list[Path], runs: int) -> dict[str, Any]:
    py = sys.executable
    bare = median_seconds([py, "-c", "pass"], runs)
    imports = median_seconds([py, "-c", "import parkgraph.extract.reading, parkgraph.extract.facts, "
                              "parkgraph.extract.writing"], runs)
    samples = [json.loads(subprocess.run([py, "-c", FIRST_CALL, str(paths[0])], check=True,
                                         capture_output=True, text=True).stdout) for _ in range(runs)]
    with tempfile.TemporaryDirectory() as tmp:
        cli = median_seconds([py, "-m", "parkgraph", "extract", str(paths[0]), "--out",
                              os.path.join(tmp, "x.ttl"), "--force"], runs)
    return {"python_bare_s": bare, "import_process_s": imports, "import_cost_s": imports - bare,
            "first_call_s": statistics.median(s["first_s"] for s in samples),
            "later_call_s": statistics.median(s["later_s"] for s in samples),
            "cli_one_file_s": cli, "file": paths[0].name}


# --- 4. a batch over the cores -------------------------------------------------------------


def batch(paths: list[Path], count: int, jobs: list[int | None]) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="pg-bench-extract-") as tmp:
        source = Path(tmp) / "articles"
        source.mkdir()
        for i in range(count):
            original = paths[i % len(paths)]
            shutil.copyfile(original, source / f"{i:04d}_{original.name}")
        for n in jobs:
            out = Path(tmp) / f"out-{n or 'all'}"
            out.mkdir()
            command = [str(Path(sys.executable).parent / "parkgraph"), "extract", str(source),
                       "--out-dir", str(out)]
            if n is not None:
                command += ["--jobs", str(n)]
            load = os.getloadavg()[0]  # other work on the machine takes cores from this run
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            written = len(list(out.glob("*.ttl")))
            results.append({"jobs": n or os.cpu_count(), "files": count, "written": written, "wall_s": wall,
                            "cpu_s": cpu, "cpu_per_wall": cpu / wall, "files_per_s": count / wall,
                            "load_before": load})
    return results


# --- report -------------------------------------------------------------------------------


def report(args: argparse.Namespace, paths: list[Path], total: dict[str, Any], referee_lines: str,
           rules: list[tuple[str, str, int, int]], spd: dict[str, Any] | None, start: dict[str, Any] | None,
           batches: list[dict[str, Any]] | None) -> str:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    md = [f"# parkgraph extract on the development corpus ({len(paths)} articles)", "",
          f"parkgraph {__version__}, Python {platform.python_version()}, {os.cpu_count()} cores, {stamp}.",
          "",
          "## Quality (the referee, `score.py`)", "", quality_table(total), ""]
    if rules:
        md += ["## Per-rule precision (diagnostic)", "",
               "An observation counts as right when a gold observation of its article has its value, unit "
               "and status; an entity when a label matches a gold name of its kind.", "",
               "| rule | kind | predicted | right | precision |", "|---|---|---:|---:|---:|"]
        md += [f"| {r} | {k} | {n} | {ok} | {ok / n:.2f} |" for r, k, n, ok in rules]
        md.append("")
    md += ["## The referee's lines per article", "", "```", referee_lines.rstrip(), "```", ""]
    if spd is not None:
        md += ["## Speed in one process", "",
               f"{spd['files']} documents ({spd['chars']:,} characters) a run, median of {spd['runs']} runs. "
               f"The extractor ran as {BUILD}.",
               "",
               "| | seconds | characters / s |", "|---|---:|---:|",
               f"| read → extract → Turtle | {spd['pipeline_s']:.4f} | {spd['pipeline_chars_per_s']:,.0f} |",
               f"| jieba.lcut alone | {spd['jieba_s']:.4f} | {spd['jieba_chars_per_s']:,.0f} |",
               *(f"| stage: {k} | {v:.4f} | {spd['chars'] / v:,.0f} |" if v else f"| stage: {k} | 0 | |"
                 for k, v in spd["stages_s"].items()),
               "",
               f"**Ratio {spd['ratio']:.2f}×** (pipeline ÷ jieba; ≥ 1.0 is the goal); "
               f"{spd['per_file_ms']:.2f} ms per document.", ""]
    if start is not None:
        md += ["## Start-up", "",
               "| | seconds |", "|---|---:|",
               f"| `python -c pass` | {start['python_bare_s']:.3f} |",
               f"| `python -c 'import parkgraph.extract…'` | {start['import_process_s']:.3f} "
               f"(+{start['import_cost_s']:.3f}) |",
               f"| first call in a fresh process ({start['file']}) | {start['first_call_s']:.4f} |",
               f"| a later call | {start['later_call_s']:.4f} |",
               f"| `parkgraph extract FILE --out x.ttl`, whole process | {start['cli_one_file_s']:.3f} |", ""]
    if batches:
        md += [f"## A batch of {batches[0]['files']} articles: `parkgraph extract DIR --out-dir OUT`", "",
               "| jobs | wall s | CPU s (user+sys) | CPU ÷ wall | files / s | load average before |",
               "|---:|---:|---:|---:|---:|---:|"]
        md += [f"| {b['jobs']} | {b['wall_s']:.2f} | {b['cpu_s']:.2f} | {b['cpu_per_wall']:.2f} | "
               f"{b['files_per_s']:.0f} | {b['load_before']:.1f} |" for b in batches]
        if len(batches) > 1:
            speedup = batches[-1]["wall_s"] / batches[0]["wall_s"]
            md += ["", f"Speed-up of {batches[0]['jobs']} jobs over 1: {speedup:.2f}×. CPU ÷ wall above 1.5 "
                   "means both cores worked; it can only show on a machine that nothing else is loading "
                   "(see the load average)."]
        md.append("")
    md.append(f"Reproduce: `{' '.join(['.venv/bin/python', 'bench/extract/bench_extract.py', *args.argv])}`")
    return "\n".join(md) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="the corpus (holds score.py and dev/); default ../shared/corpus")
    parser.add_argument("--runs", type=int, default=7, help="timed runs (medians)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus in one timed run")
    parser.add_argument("--batch", type=int, default=1000, help="articles in the batch (0: skip)")
    parser.add_argument("--skip-speed", action="store_true", help="quality only")
    parser.add_argument("--out", type=Path, default=OUT, help="where results go (default bench/out)")
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    corpus = args.corpus.resolve()
    paths = articles(corpus)

    out = args.out.resolve()
    run_dir = out / time.strftime("extract-%Y%m%d-%H%M%S", time.gmtime())
    run_dir.mkdir(parents=True)
    extract_all(paths, run_dir)
    referee, referee_lines = score(corpus, run_dir)
    rules = rule_precision(corpus, run_dir)
    print(quality_table(referee["total"]), flush=True)

    spd = start = None
    batches: list[dict[str, Any]] | None = None
    if not args.skip_speed:
        spd = speed(paths, args.runs, args.repeat)
        print(f"speed: pipeline {spd['pipeline_chars_per_s']:,.0f} chars/s, "
              f"jieba {spd['jieba_chars_per_s']:,.0f} chars/s, ratio {spd['ratio']:.2f} "
              f"(the extractor: {BUILD})", flush=True)
        start = startup(paths, max(3, args.runs // 2))
        if args.batch:
            batches = batch(paths, args.batch, [None, 1])

    text = report(args, paths, referee["total"], referee_lines, rules, spd, start, batches)
    data = {"version": __version__, "build": BUILD, "corpus": str(corpus), "out_dir": str(run_dir),
            "quality": referee["total"],
            "rules": [dict(zip(("rule", "kind", "predicted", "right"), r, strict=True)) for r in rules],
            "speed": spd, "startup": start, "batch": batches}
    for directory in (run_dir, out):
        (directory / "extract.md").write_text(text, encoding="utf-8")
        (directory / "extract.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    print(text)
    print(f"written: {run_dir}/ (the .ttl files, score.json), {out / 'extract.md'}, {out / 'extract.json'}")


if __name__ == "__main__":
    main()
