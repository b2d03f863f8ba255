"""`parkgraph queries`, `describe` and `search`, and the typer face of `query`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli.common import (
    DefaultGraphOption,
    EndpointOption,
    NamedGraphOption,
    RootOption,
    app,
    exit_on_error,
    printed,
    remote_engine,
    write_stdout,
)

DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data", help="Read these RDF files instead of dist/ (repeat the option).", show_default=False
    ),
]
StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Read an on-disk store instead of dist/.", show_default=False)
]
LangOption = Annotated[str, typer.Option("--lang", help="Language of the labels shown: zh or en.")]


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def query(ctx: typer.Context) -> None:
    """Run a SPARQL query (text, -f FILE, - for stdin, or --name) and print the answer.

    Run `parkgraph query --help` for every option and examples.
    """
    from parkgraph.cli.query_cmd import main as query_main

    try:
        code = query_main(list(ctx.args))
    except SystemExit as stop:  # argparse: --help, or a usage error
        code = stop.code if isinstance(stop.code, int) else 0
    raise typer.Exit(code)


@app.command()
def queries(
    root: RootOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """List the named queries in queries/: name, title, parameters.

    Run one with `parkgraph query --name NAME [--param NAME=VALUE]`.

    Examples:

        parkgraph queries

        parkgraph queries --json | jq '.[].name'
    """
    from parkgraph.namedqueries import list_queries
    from parkgraph.project import find_project

    with exit_on_error():
        project = find_project(root)
        found = list_queries(project.queries_dir)
    if as_json:
        doc = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [
                    {"name": p.name, "type": p.type, "meaning": p.meaning, "default": p.default}
                    for p in q.params
                ],
                "computes": [f"{c.output} = {c.function}({', '.join(c.args)})" for c in q.computes],
            }
            for q in found
        ]
        write_stdout(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        print(f"no named queries in {project.queries_dir}", file=sys.stderr)
        return
    width = max(len(q.name) for q in found)
    lines = []
    for q in found:
        params = " ".join(
            f"[{p.name}={p.default}]" if p.default is not None else f"{p.name}=…" for p in q.params
        )
        lines.append(f"{q.name.ljust(width)}  {q.title}" + (f"  ({params})" if params else ""))
    write_stdout("".join(line + "\n" for line in lines))


def open_graph(root: Path | None, data: list[Path] | None, store: Path | None) -> object:
    """The store describe/search read: --data files, --store, or dist/ (with a staleness note)."""
    from parkgraph.errors import QueryError
    from parkgraph.graphsource import load_files, open_dist

    if data and store:
        raise QueryError("give either --data or --store, not both")
    if data:
        return load_files(list(data))
    if store:
        from parkgraph.store import open_store

        return open_store(store)
    from parkgraph.cli.query_cmd import ensure_dist
    from parkgraph.project import find_project

    project = find_project(root)
    ensure_dist(project, rebuild=False)
    return open_dist(project)


@app.command()
def describe(
    name: Annotated[
        str, typer.Argument(help="An IRI, prefixed name (pgr:…), label, alt label or code name.")
    ],
    root: RootOption = None,
    data: DataOption = None,
    store: StoreOption = None,
    lang: LangOption = "zh",
    as_json: Annotated[bool, typer.Option("--json", help="Print the description as JSON.")] = False,
    endpoint: EndpointOption = None,
    default_graph_uri: DefaultGraphOption = None,
    named_graph_uri: NamedGraphOption = None,
) -> None:
    """Everything about one entity, grouped by property, with its evidence and sources.

    The name can be an IRI, a prefixed name, or any Chinese or English label, alt label or
    code name; full-width/half-width forms and quote marks don't matter. An unknown name is
    an error that suggests the closest names.

    Examples:

        parkgraph describe 永川高新区

        parkgraph describe 3322 --lang en

        parkgraph describe pgr:park-yongchuan-htz --json

        parkgraph describe 永川高新区 --endpoint http://127.0.0.1:7878/query
    """
    import pyoxigraph as ox

    from parkgraph.explore import describe_entity

    with exit_on_error():
        if lang not in ("zh", "en"):
            from parkgraph.errors import UnknownName

            raise UnknownName(f"--lang {lang!r}: use zh or en")
        remote = remote_engine(endpoint, default_graph_uri, named_graph_uri, data, store)
        if remote is not None:
            from parkgraph.remote import RemoteEngine, fetch_description

            assert isinstance(remote, RemoteEngine)
            graph: object
            graph, node = fetch_description(remote, name)
            name = f"<{node.value}>"  # resolved by the server's names; the graph holds only its neighbours
        else:
            graph = open_graph(root, data, store)
        assert isinstance(graph, ox.Store)
        found = describe_entity(graph, name, lang)
    if as_json:
        write_stdout(json.dumps(found.as_json(), ensure_ascii=False, indent=2) + "\n")
        return
    write_stdout(printed(lambda: print_description(found, lang)))


def print_description(found: object, lang: str) -> None:
    import pyoxigraph as ox

    from parkgraph.explore import Description
    from parkgraph.results import compact

    assert isinstance(found, Description)
    title = found.labels.get(lang) or found.labels.get("zh") or found.labels.get("en") or compact(found.iri)
    other = found.labels.get("en" if lang == "zh" else "zh")
    print(title + (f" — {other}" if other and other != title else ""))
    print(f"{compact(found.iri)}  <{found.iri}>")
    if found.classes:
        print("a " + ", ".join(f"{v.label} ({compact(str(v.term.value))})" for v in found.classes))  # type: ignore[union-attr]

    def show(value: object) -> str:
        from parkgraph.explore import Value

        assert isinstance(value, Value)
        term = value.term
        if isinstance(term, ox.Literal):
            # The text as it is, its language after it: quoting it would double its own quotes.
            return f"{term.value}  @{term.language}" if term.language else term.value
        if isinstance(term, ox.NamedNode):
            short = compact(term.value)
            return f"{value.label}  {short}" if value.label != short else short
        return str(term)

    for group in found.outgoing:
        print(
            f"\n{compact(group.prop)}  ({group.label})"
            if group.label != compact(group.prop)
            else f"\n{compact(group.prop)}"
        )
        for value in group.values:
            print(f"  {show(value)}")
    if found.evidence or found.sources:
        sources = ", ".join(show(v) for v in found.sources)
        print("\nevidence" + (f"  (from {sources})" if sources else ""))
        for span in found.evidence:
            print(f"  {span}")
    if found.numbers:
        print("\nnumbers  (indicator: as stated, comparator, period, actual/target — evidence [source])")
        for n in found.numbers:
            period = f"{n.period} ({n.years})" if n.years and n.years not in n.period else n.period
            facts = ", ".join(x for x in (n.comparator, period, n.status) if x)
            sources = ", ".join(show(v) for v in n.sources)
            print(f"  {n.indicator or '?'}: {n.stated or n.value} ({n.value} {n.unit}), {facts}")
            for span in n.evidence:
                print(f"      “{span}”" + (f"  [{sources}]" if sources else ""))
            for other in n.conflicts:
                print(f"      ≠ disagrees with {compact(other)} (same indicator, period and status)")
    if found.incoming:
        print("\nlinked from")
        for group in found.incoming:
            for value in group.values:
                print(f"  {compact(group.prop)} ← {show(value)}")


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Text to look for in labels, alt labels and code names.")],
    root: RootOption = None,
    data: DataOption = None,
    store: StoreOption = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many entities (0: all).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
    endpoint: EndpointOption = None,
    default_graph_uri: DefaultGraphOption = None,
    named_graph_uri: NamedGraphOption = None,
) -> None:
    """Find entities whose labels contain TEXT, in Chinese or English, with their class.

    Case, full-width/half-width forms and quote marks are ignored. Exact names come first.

    Examples:

        parkgraph search 新材料

        parkgraph search "high-tech" --json
    """
    import pyoxigraph as ox

    from parkgraph.explore import search_labels
    from parkgraph.results import compact, width

    with exit_on_error():
        if limit < 0:
            from parkgraph.errors import QueryError

            raise QueryError(f"--limit {limit}: give a number of entities, or 0 for all")
        remote = remote_engine(endpoint, default_graph_uri, named_graph_uri, data, store)
        if remote is not None:
            from parkgraph.remote import RemoteEngine, fetch_names

            assert isinstance(remote, RemoteEngine)
            graph: object = fetch_names(remote)
        else:
            graph = open_graph(root, data, store)
        assert isinstance(graph, ox.Store)
        hits = search_labels(graph, text, limit=limit or None)
    if as_json:
        write_stdout(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2) + "\n")
        return
    if not hits:
        print(f"no entity has a label containing {text!r}", file=sys.stderr)
        raise typer.Exit(0)
    rows = [(h.label_zh, h.label_en, ", ".join(h.classes), compact(h.iri)) for h in hits]
    heads = ("zh", "en", "class", "id")
    widths = [max(width(x) for x in col) for col in zip(heads, *rows, strict=False)]
    write_stdout(
        "".join(
            "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
            for row in [heads, *rows]
        )
    )
