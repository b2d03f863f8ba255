"""The HTML page: one self-contained file that works offline, from a `VizModel`.

* vis-network's script and stylesheet are inlined from the copies inside the pyvis wheel;
  nothing is fetched (pyvis's own template links a CDN, and its "local" mode writes lib/
  beside the page, so the page is written here instead; pyvis supplies the options).
* The data goes in as JSON in `<script type="application/json">` with <, >, &, U+2028 and
  U+2029 escaped, so no label can close the script element; the page's script shows data
  with textContent only. A Content-Security-Policy forbids every network access as well.
* The same model gives a byte-identical file: sorted data, a fixed layout seed, no dates.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from parkgraph import __version__
from parkgraph.errors import OutputError, ParkgraphError, check_output_directory
from parkgraph.viz.layout import community_layout
from parkgraph.viz.model import Labels, Number, VizModel

VIS_VERSION = "9.1.2"
# Up to this many nodes the browser lays the graph out (physics, then stops); above it the
# layout is computed here and physics is off, so a big graph opens at once.
PHYSICS_MAX_NODES = 300
DEFAULT_MAX_NODES = 3000
# Above this many nodes, a graph with several parks opens as parks only ("hubs"), each
# expanding on click; below it everything is drawn at once ("all").
HUB_VIEW_MIN_NODES = 100
VIEWS = ("auto", "hubs", "all")
# Never drawn in the hubs view: observations are summarised (and charted) in the panel of
# what they are about, source documents are the choices of the source selector.
SUMMARISED_ROLES = frozenset({"observation", "source"})
LAYOUT_SEED = 7
FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
    "worker-src 'none'; base-uri 'none'; form-action 'none'"
)
DEFAULT_TITLE: Labels = {"zh": "parkgraph 产业园区知识图谱", "en": "parkgraph: Chinese industrial parks"}

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(obj: object) -> str:
    """JSON that is safe inside <script type="application/json">: nothing in it can end
    the element or start a comment, whatever the strings contain."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def asset(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def inline(text: str, element: str, origin: str) -> str:
    """`text` for inlining into <script>/<style>; refuse anything that could break out."""
    if re.search(rf"</{element}|<!--", text, re.IGNORECASE):
        raise ParkgraphError(f"{origin}: cannot inline it (it contains </{element} or <!--)")
    return text


def vis_options(model: VizModel, physics: bool) -> dict[str, Any]:
    """vis-network options: pyvis's Network sets up the solver; the rest is ours."""
    from pyvis.network import Network  # imported here: pyvis pulls in jinja2 and IPython

    net = Network(directed=True)
    net.force_atlas_2based(
        gravity=-110, central_gravity=0.015, spring_length=120, spring_strength=0.05, damping=0.5, overlap=0.5
    )
    net.toggle_physics(physics)
    options: dict[str, Any] = json.loads(net.options.to_json())
    options.pop("configure", None)
    n = len(model.nodes)
    options["physics"]["minVelocity"] = 1.0
    options["physics"]["stabilization"] = {
        "enabled": physics,
        # Fewer iterations for more nodes keeps the wait short; forceAtlas2 settles fast.
        "iterations": 500 if n <= 150 else 200,
        "updateInterval": 25,
        "fit": True,
    }
    options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": physics and n <= 150}
    options["nodes"] = {
        "font": {
            "face": FONT_STACK,
            "size": 15,
            "color": "#1f2933",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
        },
        "borderWidth": 1,
        "scaling": {"label": {"drawThreshold": 6}},
    }
    options["edges"] = {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
        "color": {"color": "#9aa5b1", "highlight": "#3e4c59", "hover": "#52606d", "inherit": False},
        "font": {
            "face": FONT_STACK,
            "size": 11,
            "color": "#616e7c",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
            "align": "middle",
        },
        "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3}
        if physics
        else {"enabled": False},
        "width": 1,
        "selectionWidth": 2,
        "scaling": {"label": {"drawThreshold": 6}},
    }
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 300, "hideEdgesOnDrag": not physics, "hideEdgesOnZoom": not physics}
    )
    return options


def truncation_notice(model: VizModel) -> Labels | None:
    """What --max-nodes left out, and how to see it instead; None if nothing was."""
    if not model.truncated:
        return None
    kept, total = len(model.nodes), model.total_nodes
    return {
        "zh": (
            f"图太大:只绘制了连接最多的 {kept} 个节点(共 {total} 个),省略了 {model.omitted_nodes} 个节点和 "
            f"{model.omitted_edges} 条边。要看某个园区,请用 parkgraph viz --focus 名称 --hops 2;"
            "也可以用 --class 按类筛选,或调高 --max-nodes。"
        ),
        "en": (
            f"Too big to draw whole: showing the {kept} best-connected of {total} nodes; "
            f"{model.omitted_nodes} nodes and {model.omitted_edges} edges were left out. "
            "To see one park, use parkgraph viz --focus NAME --hops 2; or filter with --class, "
            "or raise --max-nodes."
        ),
    }


def caption(model: VizModel, source: str | None, version: str, view: str = "all") -> Labels:
    n, m = len(model.nodes), len(model.edges)
    src_zh = source or "内存中的图"
    src_en = source or "an in-memory graph"
    sel = model.selection
    zh = f"{n} 个节点、{m} 条边" + (f"({sel['zh']})" if sel.get("zh") else "")
    en = f"{n} nodes, {m} edges" + (f" ({sel['en']})" if sel.get("en") else "")
    zh += f" · 取自 {model.triples} 个三元组 · 来源:{src_zh} · parkgraph {version}"
    en += f" · from {model.triples} triples · source: {src_en} · parkgraph {version}"
    zh += " · 点击节点查看详情与原文证据"
    en += " · click a node for its details and evidence"
    if view == "hubs":
        zh += ",点击园区展开或收起(或在园区列表中按回车)"
        en += "; click a park to open or close it (or Enter in the list of parks)"
    return {"zh": zh, "en": en}


def choose_view(model: VizModel, view: str) -> str:
    """"hubs" or "all" for `view` ("auto" decides by the size of the graph and its parks; a
    --focus, --class or --query selection is drawn whole, as asked)."""
    if view not in VIEWS:
        raise ParkgraphError(f"--view {view!r}: use {', '.join(VIEWS)}")
    if view != "auto":
        return view
    parks = sum(1 for node in model.nodes if node.role == "park")
    big = len(model.nodes) > HUB_VIEW_MIN_NODES
    return "hubs" if parks >= 2 and big and not model.selection else "all"


def payload(
    model: VizModel,
    *,
    lang: str,
    title: Labels,
    source: str | None,
    version: str,
    physics: bool,
    view: str = "all",
) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data."""
    index = {node.key: i for i, node in enumerate(model.nodes)}
    class_index = {c.iri: i for i, c in enumerate(model.classes)}
    prop_iris = list(model.properties)
    prop_index = {p: i for i, p in enumerate(prop_iris)}
    source_index = {key: i for i, key in enumerate(model.source_docs)}
    edges = [[index[e.source], index[e.target], prop_index[e.prop]] for e in model.edges]
    if physics:
        positions: dict[int, tuple[float, float]] = {}
    elif view == "hubs":
        # Laid out as if fully expanded, so a park opens into its own disc and nothing moves.
        drawn = [i for i, node in enumerate(model.nodes) if node.role not in SUMMARISED_ROLES]
        inside = set(drawn)
        positions = community_layout(drawn, [(a, b) for a, b, _ in edges if a in inside and b in inside])
    else:
        positions = community_layout(list(range(len(model.nodes))), [(a, b) for a, b, _ in edges])
    nodes = []
    for i, node in enumerate(model.nodes):
        item: dict[str, Any] = {
            "id": i,
            "iri": node.iri,
            "c": class_index[node.cls],
            "zh": node.labels.get("zh", ""),
            "en": node.labels.get("en", ""),
        }
        if node.alt_labels:
            item["alt"] = node.alt_labels
        if node.literals:
            item["lit"] = [[prop_index[p], value, language] for p, value, language in node.literals]
        if node.refs:
            item["ref"] = [[prop_index[p], t.get("zh", ""), t.get("en", "")] for p, t in node.refs]
        if node.evidence:
            item["ev"] = node.evidence
        if node.sources:
            item["src"] = node.sources
            item["s"] = sorted({source_index[k] for k in node.source_keys})
        if node.role:
            item["r"] = node.role
        if node.numbers:
            item["num"] = [number_item(x, source_index) for x in node.numbers]
        if i in positions:
            item["x"], item["y"] = positions[i]
        nodes.append(item)
    safe: dict[str, Any] = bidi_safe(
        {
            "lang": lang,
            "title": title,
            "caption": caption(model, source, version, view),
            "notice": truncation_notice(model),
            "physics": physics,
            "classes": [
                {
                    "iri": c.iri,
                    "zh": c.labels.get("zh", ""),
                    "en": c.labels.get("en", ""),
                    "color": c.style.color,
                    "shape": c.style.shape,
                    "size": c.style.size,
                    "count": c.count,
                }
                for c in model.classes
            ],
            "props": [{"iri": p, **model.properties[p]} for p in prop_iris],
            "sources": list(model.source_docs.values()),
            "view": view,
            "nodes": nodes,
            "edges": edges,
            "options": vis_options(model, physics),
        }
    )
    return safe


def number_item(x: Number, source_index: dict[str, int]) -> dict[str, Any]:
    """One number for the panel: as shown, plus what grouping and charting need."""
    item: dict[str, Any] = {
        "stated": x.stated_as,
        "value": x.value,
        "unit": x.unit,
        "indicator": x.indicator,
        "comparator": x.comparator,
        "status": x.status,
        "statusKind": x.status_kind,
        "period": x.period,
        "ik": x.indicator_key,
        "uk": x.unit_key,
        "pk": x.period_key,
        "ev": x.evidence,
        "s": [source_index[k] for k in x.sources],
    }
    try:
        amount = float(x.amount)
    except ValueError:
        amount = math.nan
    if math.isfinite(amount):
        item["v"] = amount
    if x.start_year is not None and x.end_year is not None:
        item["y0"], item["y1"] = x.start_year, x.end_year
    return item


# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): an override
# in a label reorders what the page shows ("gnp.exe" reads as "exe.png").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NOT_TEXT = frozenset({"iri", "options", "color", "shape", "lang", "view", "r"})


def bidi_safe(value: Any, key: str = "") -> Any:
    """`value` with every text that holds a bidi control shown safely: the controls as
    visible ⟨U+202E⟩ marks and the text isolated (FSI … PDI) from what surrounds it. Texts
    without one are left exactly as they are."""
    if key in NOT_TEXT:
        return value
    if isinstance(value, str):
        if not BIDI_CONTROLS.intersection(value):
            return value
        shown = "".join(f"⟨U+{ord(c):04X}⟩" if c in BIDI_CONTROLS else c for c in value)
        return f"\u2068{shown}\u2069"
    if isinstance(value, dict):
        return {k: bidi_safe(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [bidi_safe(v, key) for v in value]
    return value


def page_html(
    model: VizModel,
    *,
    lang: str = "zh",
    title: str | Labels | None = None,
    source: str | None = None,
    version: str = __version__,
    view: str = "auto",
) -> str:
    """The whole page as one string. `view` is "hubs" (parks only, each expanding on click),
    "all" (every node at once) or "auto" (hubs for a big graph with several parks)."""
    if lang not in ("zh", "en"):
        raise ParkgraphError(f"--lang {lang!r}: use zh or en")
    titles = (
        DEFAULT_TITLE if title is None else ({"zh": title, "en": title} if isinstance(title, str) else title)
    )
    shown_view = choose_view(model, view)
    physics = shown_view == "all" and len(model.nodes) <= PHYSICS_MAX_NODES
    data = payload(
        model, lang=lang, title=titles, source=source, version=version, physics=physics, view=shown_view
    )
    vis_dir = f"lib/vis-{VIS_VERSION}"
    vis_js = inline(asset("pyvis", f"{vis_dir}/vis-network.min.js"), "script", "vis-network.min.js")
    vis_css = inline(asset("pyvis", f"{vis_dir}/vis-network.css"), "style", "vis-network.css")
    page_js = inline(asset("parkgraph.viz", "assets/page.js"), "script", "page.js")
    page_css = inline(asset("parkgraph.viz", "assets/page.css"), "style", "page.css")
    shown_title = titles.get(lang) or titles.get("zh") or titles.get("en") or ""
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="parkgraph {html.escape(version)}; vis-network {VIS_VERSION} (via pyvis)">
<title>{html.escape(shown_title)}</title>
<style>
{vis_css}
</style>
<style>
{page_css}
</style>
</head>
<body>
<header id="pg-header">
<div class="pg-titles"><h1 id="pg-title">{html.escape(shown_title)}</h1><p id="pg-caption"></p></div>
<div class="pg-tools">
<div class="pg-search"><input id="pg-search" type="search" autocomplete="off" spellcheck="false" \
aria-label="search / 搜索"><ul id="pg-results" hidden></ul></div>
<select id="pg-source" aria-label="source / 来源"></select>\
<button type="button" id="pg-expand-all" hidden></button>\
<div id="pg-lang" role="group" aria-label="language / 语言">\
<button type="button" data-lang="zh" lang="zh-CN">中文</button>\
<button type="button" data-lang="en" lang="en">English</button></div>
</div>
</header>
<div id="pg-notice" hidden></div>
<main>
<div id="pg-network"></div>
<div id="pg-loading"></div>
<div id="pg-side">
<nav id="pg-parks" aria-label="parks / 园区" hidden></nav>
<section id="pg-legend" aria-label="legend / 图例"></section>
</div>
<aside id="pg-panel" hidden></aside>
</main>
<script type="application/json" id="pg-data">{script_json(data)}</script>
<script>
{vis_js}
</script>
<script>
{page_js}
</script>
</body>
</html>
"""


def write_page(text: str, path: Path) -> Path:
    """Write `text` (UTF-8) to `path` atomically: a temporary file beside it, then rename."""
    path = Path(path)
    check_output_directory(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path}: cannot write the page ({err.strerror or err})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write the page ({err.strerror or err})") from None
    return path
