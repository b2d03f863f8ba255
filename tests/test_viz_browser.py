"""The network page in a real headless Chromium (Debian's, driven by Playwright for Python).

Checks what a person would see: every node and edge drawn, no network request at all, no
console error, a click shows the evidence, the language switch relabels the graph, and
hostile labels stay text. With twenty synthetic parks: the hubs view, a park expanding on
click and on Enter, the class and source filters, each compared with what SPARQL says the
view should hold, and a park's chart against its observations. The run also saves
docs/screenshot.png for the README.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import ROOT, require_tool
from viz_graphs import CHROMIUM_ARGS, IMG, SCRIPT, hostile_store, parks_store, synthetic_store

from parkgraph.namespaces import PREFIXES
from parkgraph.viz import render_html
from parkgraph.viz.page import PHYSICS_MAX_NODES

pytestmark = pytest.mark.slow

# The README's picture is refreshed only when asked (PARKGRAPH_UPDATE_SCREENSHOTS=1), so that a
# test run leaves the checkout as it was; otherwise the picture goes to a temporary file.
SCREENSHOT = (ROOT / "docs" if os.environ.get("PARKGRAPH_UPDATE_SCREENSHOTS") else
              Path(tempfile.gettempdir())) / "screenshot.png"
SCREENSHOT_PARKS = SCREENSHOT.with_name("screenshot-parks.png")


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    chromium = require_tool("chromium", "the network page is tested in a real browser")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="pg-chromium-") as profile:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
            device_scale_factor=1,
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class Opened:
    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture()
def open_page(browser_context: Any) -> Iterator[Any]:
    pages: list[Any] = []

    def opener(path: Path) -> Opened:
        page = browser_context.new_page()
        pages.append(page)
        opened = Opened(page, path.resolve().as_uri())
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(opened.url)
        # wait_for_function would eval() a string, which the page's CSP forbids; the page
        # marks <body data-ready> once the network has stabilised or been drawn.
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
        return opened

    yield opener
    for page in pages:
        page.close()


def click_node(opened: Opened, node_id: int) -> None:
    """Click a node where it is drawn: centre the view on it, then click its screen spot."""
    opened.js(
        """id => { const net = window.parkgraph.network;
                   net.moveTo({position: net.getPositions([id])[id], scale: 1.2}); }""",
        node_id,
    )
    box = opened.page.locator("#pg-network canvas").bounding_box()
    spot = opened.js(
        """id => { const net = window.parkgraph.network;
                   return net.canvasToDOM(net.getPositions([id])[id]); }""",
        node_id,
    )
    opened.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def node_id_by_label(opened: Opened, label: str) -> int:
    node_id = opened.js("l => window.parkgraph.data.nodes.findIndex(n => n.zh === l || n.en === l)", label)
    assert node_id >= 0, f"no node labelled {label!r} in the page"
    return int(node_id)


def expected_counts(store: ox.Store) -> tuple[int, int]:
    """Nodes and edges the page should draw, counted independently of the page's code:
    the pgr: resources with triples but indicators (vocabulary) and provenance machinery (Web
    Annotation anchors, extraction activities), and links between them other than rdf:type and
    prov:wasDerivedFrom."""
    hidden = HIDDEN
    pgr = PREFIXES["pgr"]
    nodes = store.query(
        f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{pgr}")) '
        f"FILTER NOT EXISTS {{ ?s a ?h FILTER(?h IN ({hidden})) }} }}",
        prefixes=PREFIXES,
    )
    edges = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . ?o ?q ?x "
        f'FILTER(STRSTARTS(STR(?s), "{pgr}") && STRSTARTS(STR(?o), "{pgr}") '
        f"&& ?p NOT IN ({DETAIL})) "
        f"FILTER NOT EXISTS {{ ?s a ?h FILTER(?h IN ({hidden})) }} "
        f"FILTER NOT EXISTS {{ ?o a ?h2 FILTER(?h2 IN ({hidden})) }} }} }}",
        prefixes=PREFIXES,
    )
    assert isinstance(nodes, ox.QuerySolutions) and isinstance(edges, ox.QuerySolutions)
    return int(next(nodes)["n"].value), int(next(edges)["n"].value)  # type: ignore[union-attr]


def assert_offline_and_clean(opened: Opened) -> None:
    assert opened.requests == [opened.url], f"requests besides the page itself: {opened.requests}"
    assert opened.errors == [], f"console errors: {opened.errors}"


def test_the_shipped_graph_in_a_browser(built: Any, open_page: Any, tmp_path: Path) -> None:
    from parkgraph.graphsource import load_files

    store = load_files([built.dist / "parkgraph.nt"])
    path = render_html(store, tmp_path / "parkgraph.html", source="dist/parkgraph.nt", view="all")
    opened = open_page(path)

    n_nodes, n_edges = expected_counts(store)
    drawn = opened.js(
        """() => { const pg = window.parkgraph, net = pg.network;
                   return {nodes: Object.keys(net.getPositions()).length, edges: pg.edges.length,
                           how: pg.how, physicsOff: !net.physics.options.enabled}; }"""
    )
    assert (drawn["nodes"], drawn["edges"]) == (n_nodes, n_edges)
    # settled, then stopped; or, for a graph too big to settle in the page, laid out in Python
    # and drawn with physics off from the start
    assert drawn["how"] in ("stabilized", "drawn") and drawn["physicsOff"]

    # Click the park: the panel shows its class, both names, numbers and the evidence.
    park = node_id_by_label(opened, "永川高新区")
    click_node(opened, park)
    panel = opened.page.locator("#pg-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    evidence = store.query(
        'SELECT ?e WHERE { ?p rdfs:label "永川高新区"@zh ; pg:evidence ?e }', prefixes=PREFIXES
    )
    assert isinstance(evidence, ox.QuerySolutions)
    sentences = [row["e"].value for row in evidence]  # type: ignore[union-attr]
    assert sentences and all(s in text for s in sentences), text
    assert "高新区" in text and "Yongchuan" in text and "来源" in text

    # An observation shows its number with unit, period and actual/target.
    number = opened.js(
        """() => window.parkgraph.data.nodes.findIndex(n =>
                 (n.num || []).some(x => x.statusKind === "target")
                 && window.parkgraph.data.classes[n.c].en === "observation")"""
    )
    if number >= 0:
        opened.js("id => window.parkgraph.showNode(id)", number)
        assert "目标值" in panel.inner_text()

    # The language switch relabels nodes, edges, legend and panel without reloading.
    click_node(opened, park)
    before = opened.js("id => window.parkgraph.nodes.get(id).label", park)
    edge_before = opened.js("() => window.parkgraph.edges.get(0).label")
    opened.page.get_by_role("button", name="English").click()
    after = opened.js("id => window.parkgraph.nodes.get(id).label", park)
    assert (before, after) == ("永川高新区", "Yongchuan High-tech Zone")
    assert opened.js("() => window.parkgraph.edges.get(0).label") != edge_before
    assert "Legend" in opened.page.locator("#pg-legend").inner_text()
    assert "Evidence" in panel.inner_text()
    opened.page.get_by_role("button", name="中文").click()
    assert opened.js("id => window.parkgraph.nodes.get(id).label", park) == "永川高新区"

    # The search box finds a node by label and focuses it.
    opened.page.fill("#pg-search", "Yongchuan High")
    opened.page.press("#pg-search", "Enter")
    assert opened.js("() => window.parkgraph.network.getSelectedNodes()") == [park]

    assert_offline_and_clean(opened)


def test_hostile_labels_stay_text(open_page: Any, tmp_path: Path) -> None:
    path = render_html(hostile_store(), tmp_path / "hostile.html")
    opened = open_page(path)
    evil = node_id_by_label(opened, IMG)
    click_node(opened, evil)
    panel = opened.page.locator("#pg-panel")
    panel.wait_for(state="visible")
    opened.page.get_by_role("button", name="English").click()
    opened.page.fill("#pg-search", "<img")
    text = panel.inner_text()
    assert IMG in text and SCRIPT in text  # shown literally, in both label rows
    assert opened.js("() => window.__pwned") is None
    assert opened.js("() => document.querySelectorAll('img').length") == 0
    assert opened.js("() => document.querySelectorAll('script').length") == 3
    assert opened.dialogs == []
    assert SCRIPT in opened.page.locator("#pg-results").inner_text()  # found by its zh label
    assert_offline_and_clean(opened)


def test_hostile_numbers_stay_text_in_the_hubs_view_and_the_chart(open_page: Any, tmp_path: Path) -> None:
    path = render_html(hostile_store(numbers=True), tmp_path / "hostile.html", view="hubs")
    opened = open_page(path)
    evil = node_id_by_label(opened, IMG)
    opened.page.focus(f'#pg-parks [data-park="{evil}"]')
    opened.page.keyboard.press("Enter")
    chart = opened.page.locator("#pg-panel .pg-indicator")
    assert chart.locator("h4").inner_text() == SCRIPT  # the hostile pg:indicatorText, as text
    assert (chart.locator(".pg-pt-actual").count(), chart.locator(".pg-pt-target").count()) == (1, 1)
    tips = chart.locator(".pg-pt title").evaluate_all("titles => titles.map(t => t.textContent)")
    assert all(SCRIPT in tip for tip in tips) and any(IMG in tip for tip in tips)
    chart.locator(".pg-pt-actual").click()
    assert IMG + SCRIPT in chart.locator(".pg-chart-note").inner_text()
    opened.page.select_option("#pg-source", label=SCRIPT)  # the hostile source title
    assert opened.js("() => window.__pwned") is None
    assert opened.js("() => document.querySelectorAll('img').length") == 0
    assert opened.js("() => document.querySelectorAll('script').length") == 3
    assert opened.dialogs == []
    assert_offline_and_clean(opened)


def test_a_big_graph_is_drawn_with_a_fixed_layout(open_page: Any, tmp_path: Path) -> None:
    n = PHYSICS_MAX_NODES * 2
    path = render_html(synthetic_store(n), tmp_path / "big.html", view="all")
    opened = open_page(path)
    drawn = opened.js(
        """() => ({how: window.parkgraph.how, nodes: window.parkgraph.nodes.length,
                   seconds: window.parkgraph.readyAt / 1000})"""
    )
    assert drawn["how"] == "drawn" and drawn["nodes"] == n
    assert drawn["seconds"] < 10  # generous; bench/bench_viz.py measures it properly
    assert_offline_and_clean(opened)


# ---- twenty parks: the hubs view, the filters and the charts, against SPARQL ------------

PGR = PREFIXES["pgr"]
# The page's rules, written again in SPARQL (not taken from its code): a node is a pgr:
# resource with triples, not an indicator (vocabulary); a link joins two nodes by any
# property but rdf:type and prov:wasDerivedFrom; observations and source documents are
# never drawn in the hubs view.
OA = "http://www.w3.org/ns/oa#"
# not drawn: vocabulary (indicators) and provenance machinery (Web Annotation anchors,
# extraction activities); provenance links are shown in a fact's details
HIDDEN = ", ".join(["pg:Indicator", "prov:Activity", *(f"<{OA}{c}>" for c in (
    "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector"))])
NODE = (
    f'isIRI(?{{v}}) && STRSTARTS(STR(?{{v}}), "{PGR}") && EXISTS {{{{ ?{{v}} ?any ?thing }}}} '
    f"&& NOT EXISTS {{{{ ?{{v}} a ?hidden FILTER(?hidden IN ({HIDDEN})) }}}}"
)
DETAIL = "rdf:type, prov:wasDerivedFrom, prov:wasAttributedTo, prov:wasGeneratedBy"
LINK = "?{v} NOT IN (" + DETAIL + ")"
SUMMARISED = "VALUES ?kind { pg:Observation pg:SourceDocument }"


def iris(store: ox.Store, query: str) -> set[str]:
    rows = store.query(query, prefixes=PREFIXES)
    assert isinstance(rows, ox.QuerySolutions)
    return {row[0].value for row in rows}  # type: ignore[union-attr]


def hub_view(store: ox.Store, expanded: list[str]) -> set[str]:
    """What the hubs view should draw, before filters: parks and strategies, and within two
    links of each expanded park (not through another park) all but observations and sources."""
    shown = iris(
        store,
        "SELECT DISTINCT ?n WHERE { ?n a/rdfs:subClassOf* ?c VALUES ?c { pg:Park pg:Strategy } "
        f"FILTER({NODE.format(v='n')}) }}",
    )
    parks = iris(store, "SELECT ?p WHERE { ?p a/rdfs:subClassOf* pg:Park }")
    for park in expanded:
        shown.add(park)
        first = next_to(store, {park})
        shown |= first | next_to(store, first - parks)  # the second link not through a park
    return shown


def next_to(store: ox.Store, nodes: set[str]) -> set[str]:
    """The nodes one link from `nodes`, either direction, but observations and sources."""
    if not nodes:
        return set()
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    near = iris(
        store,
        f"SELECT DISTINCT ?n WHERE {{ VALUES ?m {{ {values} }} {{ ?m ?l ?n }} UNION {{ ?n ?l ?m }} "
        f"FILTER({LINK.format(v='l')} && {NODE.format(v='n')}) }}",
    )
    return near - iris(store, f"SELECT ?n WHERE {{ ?n a/rdfs:subClassOf* ?kind {SUMMARISED} }}")


def links_among(store: ox.Store, nodes: set[str]) -> int:
    if not nodes:
        return 0
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    rows = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
        f"VALUES ?s {{ {values} }} VALUES ?o {{ {values} }} ?s ?p ?o FILTER({LINK.format(v='p')}) }} }}",
        prefixes=PREFIXES,
    )
    assert isinstance(rows, ox.QuerySolutions)
    return int(next(rows)["n"].value)  # type: ignore[union-attr]


def derived_from(store: ox.Store, source: str) -> set[str]:
    return iris(store, f"SELECT ?n WHERE {{ ?n prov:wasDerivedFrom <{source}> }}")


def drawn(opened: Opened) -> tuple[set[str], int]:
    """The IRIs in vis-network's node DataSet, and the size of its edge DataSet."""
    found = opened.js(
        """() => { const pg = window.parkgraph;
                   return [pg.nodes.getIds().map(id => pg.data.nodes[id].iri), pg.edges.length]; }"""
    )
    return set(found[0]), int(found[1])


def park_button(opened: Opened, iri: str) -> str:
    node_id = opened.js("iri => window.parkgraph.data.nodes.findIndex(n => n.iri === iri)", iri)
    assert node_id >= 0
    return f'#pg-parks [data-park="{node_id}"]'


@pytest.fixture(scope="module")
def parks() -> ox.Store:
    return parks_store()


def test_twenty_parks_open_as_hubs_that_expand(parks: ox.Store, open_page: Any, tmp_path: Path) -> None:
    opened = open_page(render_html(parks, tmp_path / "parks.html"))
    assert opened.js("() => window.parkgraph.data.view") == "hubs"  # chosen for this graph
    park_iris = sorted(iris(parks, "SELECT ?p WHERE { ?p a/rdfs:subClassOf* pg:Park }"))
    assert len(park_iris) == 20

    initial = hub_view(parks, [])
    assert drawn(opened) == (initial, links_among(parks, initial))
    total = opened.js("() => window.parkgraph.data.nodes.length")
    assert len(initial) < total / 5  # the point of it: a few hubs, not the hairball

    # A click on a park expands it; the view is exactly its SPARQL neighbourhood.
    first = park_iris[0]
    node_id = opened.js("iri => window.parkgraph.data.nodes.findIndex(n => n.iri === iri)", first)
    click_node(opened, node_id)
    one = hub_view(parks, [first])
    assert len(one) > len(initial) + 5
    assert drawn(opened) == (one, links_among(parks, one))
    assert opened.page.locator("#pg-panel").is_visible()

    # The keyboard: Tab-able park buttons, Enter expands another, Enter again collapses it.
    second = park_iris[7]
    button = park_button(opened, second)
    opened.page.focus(button)
    opened.page.keyboard.press("Enter")
    two = hub_view(parks, [first, second])
    assert drawn(opened) == (two, links_among(parks, two))
    assert opened.page.get_attribute(button, "aria-expanded") == "true"
    assert opened.js("() => document.activeElement.getAttribute('data-park')") is not None  # focus kept
    opened.page.keyboard.press("Enter")
    assert drawn(opened) == (one, links_among(parks, one))
    assert opened.page.get_attribute(button, "aria-expanded") == "false"

    # A second click on the first park collapses it again.
    click_node(opened, node_id)
    assert drawn(opened) == (initial, links_among(parks, initial))

    # Expand all, then collapse all, from the header's button.
    opened.page.click("#pg-expand-all")
    everything = hub_view(parks, park_iris)
    assert drawn(opened) == (everything, links_among(parks, everything))
    assert not any(  # observations stay summarised, even with every park open
        n in everything for n in iris(parks, "SELECT ?o WHERE { ?o a pg:Observation }")
    )
    opened.page.click("#pg-expand-all")
    assert drawn(opened) == (initial, links_among(parks, initial))
    assert_offline_and_clean(opened)


def test_filters_by_source_and_by_class(parks: ox.Store, open_page: Any, tmp_path: Path) -> None:
    opened = open_page(render_html(parks, tmp_path / "parks.html"))
    opened.page.click("#pg-expand-all")
    park_iris = sorted(iris(parks, "SELECT ?p WHERE { ?p a/rdfs:subClassOf* pg:Park }"))
    everything = hub_view(parks, park_iris)

    sources = store_titles(parks)
    assert len(sources) == 5
    # The selector lists each source by its title; choosing one keeps what was derived from it.
    options = opened.js("() => Array.from(document.querySelectorAll('#pg-source option')).map(o => o.text)")
    assert sorted(options[1:]) == sorted(sources.values())
    for source, title in sorted(sources.items())[:3]:
        opened.page.select_option("#pg-source", label=title)
        want = everything & derived_from(parks, source)
        assert want and want != everything
        assert drawn(opened) == (want, links_among(parks, want))
    opened.page.select_option("#pg-source", value="-1")
    assert drawn(opened) == (everything, links_among(parks, everything))

    # Unticking a class takes its nodes (and their links) away; ticking brings them back.
    cluster = PREFIXES["pg"] + "IndustrialCluster"
    box = f'#pg-legend input[data-class="{cluster}"]'
    opened.page.uncheck(box)
    assert opened.js("() => document.activeElement.getAttribute('data-class')") == cluster  # focus kept
    clusters = iris(parks, "SELECT ?c WHERE { ?c a pg:IndustrialCluster }")
    want = everything - clusters
    assert drawn(opened) == (want, links_among(parks, want))
    # … and combines with the source filter.
    source, title = sorted(sources.items())[1]
    opened.page.select_option("#pg-source", label=title)
    both = want & derived_from(parks, source)
    assert drawn(opened) == (both, links_among(parks, both))
    opened.page.select_option("#pg-source", value="-1")
    opened.page.check(box)
    assert drawn(opened) == (everything, links_among(parks, everything))
    assert_offline_and_clean(opened)


def store_titles(store: ox.Store) -> dict[str, str]:
    """Each source's Chinese (or untagged) title, the one the page's selector shows in 中文."""
    rows = store.query(
        "SELECT ?s (MIN(?t) AS ?title) WHERE { ?s a pg:SourceDocument ; dcterms:title ?t "
        'FILTER(LANGMATCHES(LANG(?t), "zh") || LANG(?t) = "") } GROUP BY ?s',
        prefixes=PREFIXES,
    )
    assert isinstance(rows, ox.QuerySolutions)
    return {row["s"].value: row["title"].value for row in rows}  # type: ignore[union-attr]


def test_a_parks_panel_charts_its_numbers(parks: ox.Store, open_page: Any, tmp_path: Path) -> None:
    opened = open_page(render_html(parks, tmp_path / "parks.html"))
    # Every park with a series: the chart of each indicator over two periods or more has one
    # point per observation, as many actual and target points as SPARQL counts.
    series = parks.query(
        """SELECT ?park ?ind ?label (COUNT(DISTINCT ?period) AS ?periods)
                  (SUM(IF(?status = pg:Actual, 1, 0)) AS ?actual)
                  (SUM(IF(?status = pg:Target, 1, 0)) AS ?target)
           WHERE { ?o a pg:Observation ; pg:about ?park ; pg:indicator ?ind ; pg:period ?period ;
                      pg:status ?status .
                   ?park a/rdfs:subClassOf* pg:Park .
                   ?ind skos:prefLabel ?label FILTER(LANG(?label) = "zh") }
           GROUP BY ?park ?ind ?label HAVING (COUNT(DISTINCT ?period) >= 2) ORDER BY ?park ?ind""",
        prefixes=PREFIXES,
    )
    assert isinstance(series, ox.QuerySolutions)
    rows = [
        (r["park"].value, r["ind"].value, r["label"].value, int(r["actual"].value), int(r["target"].value))  # type: ignore[union-attr]
        for r in series
    ]
    assert len({r[0] for r in rows}) >= 15 and any(r[4] >= 2 for r in rows)
    checked = 0
    for park, indicator, label, actual, target in rows[:12]:
        opened.page.focus(park_button(opened, park))
        opened.page.keyboard.press("Enter")  # opens the park, and its panel
        chart = opened.page.locator(f'#pg-panel .pg-indicator[data-indicator="<{indicator}>"]')
        assert chart.locator("h4").inner_text() == label  # the indicator's skos:prefLabel
        points = (chart.locator(".pg-pt-actual").count(), chart.locator(".pg-pt-target").count())
        assert points == (actual, target), (park, indicator)
        assert chart.locator(".pg-pt").count() == actual + target
        opened.page.keyboard.press("Enter")  # and closes it again
        checked += 1
    assert checked == min(12, len(rows))

    # Each point's tooltip holds its evidence and the source's title; Enter on a point shows them.
    park = rows[0][0]
    opened.page.focus(park_button(opened, park))
    opened.page.keyboard.press("Enter")
    evidence = parks.query(
        f"""SELECT ?e ?t WHERE {{ ?o pg:about <{park}> ; pg:indicator <{rows[0][1]}> ; pg:evidence ?e ;
                                     prov:wasDerivedFrom/dcterms:title ?t }}""",
        prefixes=PREFIXES,
    )
    assert isinstance(evidence, ox.QuerySolutions)
    pairs = [(r["e"].value, r["t"].value) for r in evidence]  # type: ignore[union-attr]
    chart = opened.page.locator(f'#pg-panel .pg-indicator[data-indicator="<{rows[0][1]}>"]')
    tips = chart.locator(".pg-pt title").evaluate_all("titles => titles.map(t => t.textContent)")
    assert len(tips) == len(pairs)
    for text, title in pairs:
        assert any(text in tip and title in tip for tip in tips), (text, title)
    chart.locator(".pg-pt-target").first.focus()
    opened.page.keyboard.press("Enter")
    note = chart.locator(".pg-chart-note")
    assert note.is_visible() and "目标值" in note.inner_text()
    assert any(text in note.inner_text() for text, _t in pairs)
    assert_offline_and_clean(opened)
    opened.js("() => window.parkgraph.network.fit()")
    opened.js("() => { const p = document.getElementById('pg-panel'); "
              "p.scrollTop = p.querySelector('.pg-indicator').offsetTop - 40; }")
    opened.page.wait_for_timeout(300)
    SCREENSHOT_PARKS.parent.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOT_PARKS))


def test_the_shipped_graph_opens_as_its_parks(built: Any, open_page: Any, tmp_path: Path) -> None:
    """The real data in the view `auto` gives it (hubs: two parks and 100 nodes or more),
    against the same SPARQL: opened, with every park open, with one source chosen, and a
    park's chart."""
    from parkgraph.graphsource import load_files

    store = load_files([built.dist / "parkgraph.nt"])
    opened = open_page(render_html(store, tmp_path / "parkgraph.html"))
    # 24 parks: `auto` gives hubs (the `all` view is test_the_shipped_graph_in_a_browser's)
    assert opened.js("() => window.parkgraph.data.view") == "hubs"
    parks = sorted(iris(store, "SELECT ?p WHERE { ?p a/rdfs:subClassOf* pg:Park }"))
    initial = hub_view(store, [])
    assert drawn(opened) == (initial, links_among(store, initial))
    opened.page.click("#pg-expand-all")
    everything = hub_view(store, parks)
    assert drawn(opened) == (everything, links_among(store, everything))
    source, title = sorted(store_titles(store).items())[0]
    opened.page.select_option("#pg-source", label=title)
    want = everything & derived_from(store, source)
    assert want and drawn(opened) == (want, links_among(store, want))

    # 永川高新区's chart of 规模以上工业总产值, from the seed: "“十四五”期间,…规模以上工业总产值突破
    # 940亿元" (an actual) and "踏上“十五五”新征程,…规模以上工业总产值突破1500亿元" (a target).
    opened.page.select_option("#pg-source", label="全部来源")
    opened.page.click("#pg-expand-all")  # every park was open: collapse all
    assert drawn(opened) == (initial, links_among(store, initial))
    opened.page.focus(park_button(opened, PGR + "park-yongchuan-htz"))
    opened.page.keyboard.press("Enter")
    output = PGR + "indicator-gross-industrial-output-above-designated-size"
    chart = opened.page.locator(f'#pg-panel .pg-indicator[data-indicator="<{output}>"]')
    assert chart.locator("h4").inner_text() == "规模以上工业总产值"
    tips = chart.locator(".pg-pt title").evaluate_all("titles => titles.map(t => t.textContent)")
    assert (chart.locator(".pg-pt-actual").count(), chart.locator(".pg-pt-target").count()) == (1, 1)
    assert sorted("940亿元" in tip for tip in tips) == [False, True] and any("1500亿元" in t for t in tips)
    assert_offline_and_clean(opened)
    opened.js("() => window.parkgraph.network.fit()")
    chart.evaluate("c => { const p = document.getElementById('pg-panel'); p.scrollTop = c.offsetTop - 40; }")
    opened.page.wait_for_timeout(300)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOT))
