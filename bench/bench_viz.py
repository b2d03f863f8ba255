"""How fast the network page opens: synthetic graphs of 250, 500, 2,000 and 5,000 nodes.

For each size and view: make the graph (tests/viz_graphs.py, the generator the tests use),
render the page (timed: `render` = model + layout + HTML), then open it several times in
headless Chromium (Debian's, via Playwright) and take the median time from navigation start
until the page is ready: the network has stabilised and physics stopped (small graphs), or
it has been drawn with its precomputed layout (big graphs). The page is usable at that
moment. Views: `all` (every node drawn at once) and `hubs` (the parks only, what `auto`
gives these graphs); for `hubs` also the median time of "expand all", from the call until
the network has been drawn again with every park open.

    .venv/bin/python bench/bench_viz.py            # 250 500 2000 5000, 5 runs each
    .venv/bin/python bench/bench_viz.py 2000 --runs 9

Writes bench/out/viz.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from viz_graphs import CHROMIUM_ARGS, synthetic_store  # noqa: E402  (the tests' generator)

from parkgraph.viz import build_model, page_html, write_page  # noqa: E402
from parkgraph.viz.page import PHYSICS_MAX_NODES  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[250, 500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--views", nargs="+", default=["all", "hubs"], choices=["all", "hubs"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "viz.json")
    args = parser.parse_args(argv)

    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"),
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        for n in args.sizes:
            store = synthetic_store(n)
            for view in args.views:
                results.append(measure(context, store, n, view, args.runs, Path(tmp)))
        context.close()

    report = {
        "machine": {"python": platform.python_version(), "cpus": _cpus(), "platform": platform.platform()},
        "chromium": chromium,
        "physics_max_nodes": PHYSICS_MAX_NODES,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print(
        f"{'nodes':>6} {'edges':>6} {'view':<5} {'drawn':>6} {'layout':<22} {'render':>8} {'html':>8} "
        f"{'open (median)':>14} {'expand all':>11}"
    )
    for r in results:
        layout = "physics, then stop" if r["mode"] == "stabilized" else "precomputed (networkx)"
        expand = f"{r['expand_all_s_median']:.2f}s" if "expand_all_s_median" in r else "–"
        print(
            f"{r['nodes']:>6} {r['edges']:>6} {r['view']:<5} {r['drawn_nodes']:>6} {layout:<22} "
            f"{r['render_s']:>7.2f}s {r['html_mb']:>6.2f}MB {r['open_s_median']:>13.2f}s {expand:>11}"
        )
    print(f"written to {args.out}")
    return 0


EXPAND_ALL = """async () => {
    const pg = window.parkgraph, started = performance.now();
    const drawn = new Promise(done => pg.network.once("afterDrawing", done));
    pg.expandAll(true);
    await drawn;
    return [performance.now() - started, pg.nodes.length];
}"""


def measure(context: Any, store: Any, n: int, view: str, runs: int, tmp: Path) -> dict[str, Any]:
    started = time.perf_counter()
    model = build_model(store, max_nodes=max(n, 3000))
    path = write_page(page_html(model, view=view), tmp / f"viz-{n}-{view}.html")
    render_s = time.perf_counter() - started
    times, expands, how, drawn, opened = [], [], "", 0, 0
    for _ in range(runs):
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
        ready_ms, how, drawn = page.evaluate(
            "() => [window.parkgraph.readyAt, window.parkgraph.how, window.parkgraph.nodes.length]"
        )
        times.append(ready_ms / 1000)
        if view == "hubs":
            expand_ms, opened = page.evaluate(EXPAND_ALL)
            expands.append(expand_ms / 1000)
        page.close()
    result: dict[str, Any] = {
        "nodes": len(model.nodes),
        "edges": len(model.edges),
        "triples": model.triples,
        "view": view,
        "drawn_nodes": drawn,
        "mode": how,
        "render_s": round(render_s, 3),
        "html_mb": round(path.stat().st_size / 1e6, 2),
        "open_s_median": round(statistics.median(times), 3),
        "open_s_runs": [round(t, 3) for t in times],
    }
    if expands:
        result["expand_all_s_median"] = round(statistics.median(expands), 3)
        result["expand_all_s_runs"] = [round(t, 3) for t in expands]
        result["drawn_nodes_expanded"] = opened
    return result


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    sys.exit(main())
