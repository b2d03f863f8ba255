"""`parkgraph viz`: the interactive network page."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli.common import (
    DefaultGraphOption,
    EndpointOption,
    NamedGraphOption,
    RootOption,
    TimeoutOption,
    app,
    err,
    exit_on_error,
    remote_engine,
    time_limit,
    write_paths,
)

DEFAULT_OUT = Path("dist/parkgraph.html")


class Lang(StrEnum):
    zh = "zh"
    en = "en"


@app.command()
def viz(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The HTML file to write.", show_default=True)
    ] = DEFAULT_OUT,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the web browser.")] = False,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus", help="Draw the neighbourhood of one resource (a label, code name, pgr:name or IRI)."
        ),
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="How many links out from --focus.")] = 2,
    query: Annotated[
        Path | None, typer.Option("--query", help="Draw the result of this SPARQL CONSTRUCT query (.rq).")
    ] = None,
    classes: Annotated[
        list[str] | None,
        typer.Option("--class", help="Only nodes of this class (e.g. 高新区, pg:Park); repeatable."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Label language the page opens with.")] = Lang.zh,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="Draw at most this many nodes (best-connected first).")
    ] = 3000,
    title: Annotated[str | None, typer.Option("--title", help="Page title.")] = None,
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", help="Draw these RDF files instead of the built graph; repeatable."),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Draw from this on-disk store (made by `parkgraph load`), opened read-only.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    endpoint: EndpointOption = None,
    default_graph_uri: DefaultGraphOption = None,
    named_graph_uri: NamedGraphOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Write an interactive network page: one HTML file that works offline.

    Nodes are coloured and shaped by class; click one for its labels, numbers and the
    sentence it came from; search by name; switch between 中文 and English. By default the
    whole built graph (dist/) is drawn, or the --data files, or the --store made by
    `parkgraph load`; the written path is printed on stdout.

    Examples:

        parkgraph viz --open

        parkgraph viz --focus 永川高新区 --hops 2 --out yongchuan.html

        parkgraph viz --store pg.db --focus 永川高新区 --hops 1

        parkgraph viz --class 产业集群 --lang en

        parkgraph viz --query queries/clusters.rq

        parkgraph viz --endpoint http://127.0.0.1:7878/query --focus 永川高新区
    """
    with exit_on_error():
        remote = remote_engine(endpoint, default_graph_uri, named_graph_uri, data, store)
        page = make_page(
            out,
            focus,
            hops,
            query,
            classes or [],
            lang.value,
            max_nodes,
            title,
            data or [],
            root,
            store,
            remote=remote,
            timeout=timeout,
        )
    write_paths([page])
    if open_page:
        import webbrowser

        webbrowser.open(page.resolve().as_uri())


def make_page(
    out: Path,
    focus: str | None,
    hops: int,
    query: Path | None,
    classes: list[str],
    lang: str,
    max_nodes: int,
    title: str | None,
    data: list[Path],
    root: Path | None,
    store_dir: Path | None = None,
    *,
    remote: object = None,
    timeout: float | None = None,
) -> Path:
    import contextlib
    import json

    from parkgraph.errors import InputFileError, ProjectNotFound, check_output_directory
    from parkgraph.graphsource import DIST_FILE, MANIFEST, load_files, open_dist
    from parkgraph.project import find_project
    from parkgraph.viz import build_model, page_html, truncation_notice, write_page
    from parkgraph.viz.model import read_query_file

    if data and store_dir is not None:
        raise InputFileError("--data and --store exclude each other; give one")
    if out != DEFAULT_OUT:
        check_output_directory(out)  # before the work, not after it
    query_text = read_query_file(query) if query is not None else None
    if remote is not None:
        from parkgraph.remote import RemoteEngine, fetch_store

        assert isinstance(remote, RemoteEngine)
        store = fetch_store(remote)  # the whole graph: the layout and the legend need it
        source = remote.url
    elif store_dir is not None:
        from parkgraph.store import open_store

        store = open_store(store_dir)  # read-only; the ontology is in it if it was loaded
        source = str(store_dir)
    elif data:
        try:
            ontology = find_project(root).ontology_files()  # labels of classes, properties, indicators
        except ProjectNotFound:
            ontology = []
        store = load_files([*ontology, *data])
        source = ", ".join(p.name for p in data)
    else:
        project = find_project(root)
        store = open_dist(project)
        source = f"{project.dist.name}/{DIST_FILE}"
        try:
            manifest = json.loads((project.dist / MANIFEST).read_text(encoding="utf-8"))
            source += f" (build {manifest['outputs'][DIST_FILE][:12]})"
        except (OSError, ValueError, KeyError, TypeError):
            pass
    err(f"drawing from {source} ({len(store)} triples)")
    with time_limit(timeout, "drawing the page (its --query included)"):  # nothing written yet
        model = build_model(
            store,
            focus=focus,
            hops=hops,
            query=query_text,
            classes=classes,
            max_nodes=max_nodes,
            query_origin=str(query),
        )
    notice = truncation_notice(model)
    if notice:
        err(f"warning: {notice['en']}")
    html = page_html(model, lang=lang, title=title, source=source)
    if out == DEFAULT_OUT and not out.parent.exists():  # dist/ is ours to make; --out DIR/… must exist
        with contextlib.suppress(OSError):  # if it cannot be made, write_page says why
            out.parent.mkdir()
    path = write_page(html, out)
    err(f"drew {len(model.nodes)} nodes and {len(model.edges)} edges")
    return path
