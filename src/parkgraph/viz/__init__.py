"""The interactive network page: one self-contained, offline HTML file (vis-network via pyvis).

    from parkgraph.viz import render_html
    render_html(graph, "parks.html")                              # the whole graph
    render_html(graph, "yongchuan.html", focus="永川高新区", hops=2)  # one park's neighbourhood

`graph` is a pyoxigraph `Store`, an rdflib `Graph`/`Dataset`, or any iterable of triples
(pyoxigraph `Triple`/`Quad`, or rdflib `(s, p, o)` tuples). `model.py` decides what is drawn,
`layout.py` lays out big graphs beforehand, `page.py` writes the HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from parkgraph import __version__
from parkgraph.viz.model import VizModel, as_store, build_model
from parkgraph.viz.page import (
    DEFAULT_MAX_NODES,
    HUB_VIEW_MIN_NODES,
    PHYSICS_MAX_NODES,
    page_html,
    truncation_notice,
    write_page,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "HUB_VIEW_MIN_NODES",
    "PHYSICS_MAX_NODES",
    "VizModel",
    "as_store",
    "build_model",
    "page_html",
    "render_html",
    "truncation_notice",
    "write_page",
]


def render_html(
    graph: object,
    path: str | Path,
    *,
    lang: str = "zh",
    title: str | None = None,
    focus: str | None = None,
    hops: int = 2,
    query: str | None = None,
    classes: Iterable[str] = (),
    max_nodes: int | None = DEFAULT_MAX_NODES,
    source: str | None = None,
    version: str = __version__,
    view: str = "auto",
) -> Path:
    """Draw `graph` into the HTML file `path` and return the path.

    `lang` ("zh" or "en") is the label language the page opens with (it has a switch);
    `focus`/`hops` draw one resource's neighbourhood (the name is resolved as `describe`
    does), `query` (SPARQL CONSTRUCT text) draws its result, `classes` keeps only those
    classes, `max_nodes` caps the drawing (the page says what was left out); `source`
    is shown in the caption as where the graph came from; `view` is "hubs" (the parks,
    each expanding on click), "all" (every node) or "auto" (hubs for a big graph of parks).

    Raises UnknownName (focus or class), QueryError (query), OutputError (path).
    """
    model = build_model(graph, focus=focus, hops=hops, query=query, classes=classes, max_nodes=max_nodes)
    text = page_html(model, lang=lang, title=title, source=source, version=version, view=view)
    return write_page(text, Path(path))
