"""Run every benchmark in turn and say where each wrote its results (`make bench`).

    .venv/bin/python bench/run_all.py

1. bench/bench_query.py        cold `parkgraph query` vs bare pyoxigraph vs rdflib → bench/out/query.json
2. bench/bench_viz.py          the network page in headless Chromium               → bench/out/viz.json
3. bench/scale/bench_scale.py  100k and 1M triples: load and query at scale   → bench/out/scale-*.json/.md

Needs the built graph (dist/, `parkgraph build`; `make bench` builds it first) and, for the
page benchmark, Debian's `chromium` (`make bench` installs it when run as root). Without
Chromium that benchmark is skipped with a loud note, or fails when CI=true, as the tests do.
Each benchmark runs even if an earlier one failed; the exit status is 1 if any failed.
Not timed tests: the numbers depend on the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# (name, script, arguments, the result files it writes: globs under bench/out/)
BENCHMARKS: list[tuple[str, str, list[str], list[str]]] = [
    ("query start-up", "bench/bench_query.py", [], ["query.json"]),
    ("network page", "bench/bench_viz.py", [], ["viz.json"]),
    ("scale", "bench/scale/bench_scale.py", ["100000", "1000000"], ["scale-*.json", "scale-*.md"]),
]


def written_since(patterns: list[str], since: float) -> list[Path]:
    """The files matching `patterns` in bench/out/ modified after `since`."""
    found = {p for pattern in patterns for p in OUT.glob(pattern) if p.stat().st_mtime >= since}
    return sorted(found)


def main() -> int:
    if not (ROOT / "dist" / "parkgraph.nt").is_file():
        print("dist/parkgraph.nt not found: run `parkgraph build` (or `make bench`) first", file=sys.stderr)
        return 2
    outcomes: list[tuple[str, str, list[Path]]] = []
    for name, script, args, patterns in BENCHMARKS:
        if script.endswith("bench_viz.py") and not shutil.which("chromium"):
            message = "MISSING TOOL 'chromium' (headless browser for the page benchmark)"
            print(f"\n== {name}: {message}; `make bench` as root installs it", file=sys.stderr)
            outcomes.append((name, "FAILED (no chromium)" if IN_CI else "skipped (no chromium)", []))
            continue
        command = [sys.executable, str(ROOT / script), *args]
        shown = " ".join([Path(sys.executable).name, script, *args])
        print(f"\n== {name}: {shown}", file=sys.stderr, flush=True)
        started = time.time()
        code = subprocess.run(command, cwd=ROOT, check=False).returncode
        minutes = (time.time() - started) / 60
        status = f"ok in {minutes:.1f} min" if code == 0 else f"FAILED (exit {code})"
        outcomes.append((name, status, written_since(patterns, started - 1)))

    print("\n== results", file=sys.stderr)
    for name, status, files in outcomes:
        where = ", ".join(str(f.relative_to(ROOT)) for f in files) or "nothing written"
        print(f"{name:<15} {status:<24} {where}")
    return 1 if any(s.startswith("FAILED") for _, s, _ in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
