"""`parkgraph export`, `push`, `load` and `serve`: taking the graph to other tools and stores."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    write_stdout,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Read this on-disk store (made by `parkgraph load`) instead of the project's dist/.",
        show_default=False,
    ),
]


def graph_source(root: Path | None, store_dir: Path | None) -> ox.Store | list[ox.Quad]:
    """The graph a command reads: the store in --store DIR, else the quads of the project's
    dist/parkgraph.trig (one named graph per source), parsed as written so that literals
    keep their lexical form. Warns when dist/ is older than its inputs."""
    if store_dir is not None:
        from parkgraph.store import open_store

        return open_store(store_dir)
    from parkgraph.errors import InputFileError
    from parkgraph.graphsource import stale_inputs
    from parkgraph.project import find_project
    from parkgraph.rdfio import read_files

    project = find_project(root)
    stale = stale_inputs(project)
    if stale and stale != ["dist/ (not built yet)"]:
        err(f"warning: dist/ is older than {', '.join(stale[:3])}; run `parkgraph build` to refresh it")
    trig = project.dist / "parkgraph.trig"
    if not trig.is_file():
        from parkgraph.errors import not_a_file

        raise InputFileError(not_a_file(trig, "run `parkgraph build` first"))
    return read_files([trig])


def read_query(query: str | None) -> str | None:
    """--query is SPARQL text, or the path of a .rq file."""
    if query is None:
        return None
    candidate = Path(query)
    if len(query) < 4096 and "\n" not in query and candidate.suffix == ".rq":
        from parkgraph.errors import InputFileError

        try:
            return candidate.read_text(encoding="utf-8")
        except OSError as error:
            raise InputFileError(f"{candidate}: cannot read the query ({error.strerror or error})") from None
    return query


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="ttl, nt, nq, trig, jsonld, rdfxml, graphml, gexf or csv.",
            show_default=False,
        ),
    ],
    out: Annotated[
        str | None,  # a str, not a Path: Path("") would be the current directory
        typer.Option(
            "--out",
            "-o",
            help="Output file (csv: a directory, which gets nodes.csv and edges.csv). Default: stdout.",
            show_default=False,
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            "-q",
            help="Export only what this CONSTRUCT/DESCRIBE query makes (SPARQL text or a .rq file).",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    root: RootOption = None,
    endpoint: EndpointOption = None,
    default_graph_uri: DefaultGraphOption = None,
    named_graph_uri: NamedGraphOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Write the graph in another format, for other RDF stores, Protégé, Gephi or Excel.

    nq and trig keep one named graph per source document; graphml and gexf hold the network
    of instances (nodes carry label_zh, label_en and class, so Gephi can colour by class);
    csv writes nodes.csv and edges.csv (UTF-8 with a BOM, for Excel) into the --out directory.
    Files are written atomically: an error leaves nothing half-written.

    Examples:

        parkgraph export --format ttl > parkgraph.ttl

        parkgraph export -f gexf -o parkgraph.gexf

        parkgraph export -f csv -o csv/

        parkgraph export -f nt -q 'CONSTRUCT WHERE { ?p a pg:HighTechZone ; rdfs:label ?l }'

        parkgraph export -f gexf -o pg.gexf --endpoint http://127.0.0.1:7878/query
    """
    from parkgraph.errors import OutputError
    from parkgraph.export import MULTI_FILE, check_format, export_graph, render_export

    with exit_on_error():
        key = check_format(fmt)
        if key in MULTI_FILE and out is None:
            raise OutputError(f"--format {key} writes two files (nodes.csv, edges.csv); give --out DIR")
        if out == "":
            raise OutputError("-o '': give the file to write the export to (an empty path names none)")
        remote = remote_engine(endpoint, default_graph_uri, named_graph_uri, store)
        if remote is not None:
            from parkgraph.remote import RemoteEngine, fetch_store

            assert isinstance(remote, RemoteEngine)
            source: ox.Store | list[ox.Quad] = fetch_store(remote)  # the whole graph: formats need it
            err(f"read {len(source)} triples from {endpoint}")
        else:
            source = graph_source(root, store)
        text = read_query(query)
        with time_limit(timeout, "the export"):  # the files are written after it, all at once
            files = render_export(source, key, text)
        if out is not None:  # the files written, one path a line
            written = export_graph(source, key, Path(out), rendered=files)
        else:  # the file itself on stdout
            ((_, answer),) = files.items()
    if out is not None:
        write_paths(written)
    else:
        write_stdout(answer)


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph), "
            "http://localhost:3030/ds/data (Fuseki).",
            show_default=False,
        ),
    ],
    graph: Annotated[
        str | None,
        typer.Option(
            "--graph",
            help="Put everything into this named graph (default: the default graph).",
            show_default=False,
        ),
    ] = None,
    named_graphs: Annotated[
        bool,
        typer.Option(
            "--named-graphs", help="Push each source's named graph as it is in dist/parkgraph.trig."
        ),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace the graph on the server (PUT) instead of adding (POST)."),
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="HTTP basic-auth user (or $PARKGRAPH_USER); the password is read from "
            "$PARKGRAPH_PASSWORD, never from the command line.",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each request.")] = 300.0,
    store: StoreOption = None,
    root: RootOption = None,
) -> None:
    """Upload the graph to a SPARQL 1.1 Graph Store Protocol endpoint, one request per graph.

    Each request is a transaction on the server, so a failed push leaves that graph as it
    was. With --replace the graph is replaced (HTTP PUT); without, the triples are added
    (POST).

    Examples:

        parkgraph push --endpoint http://localhost:7878/store --replace

        PARKGRAPH_PASSWORD=… parkgraph push --endpoint https://db.example/ds/data --user admin
        --graph https://w3id.org/parkgraph/graph/all --replace
    """
    from parkgraph.errors import EndpointError
    from parkgraph.push import credentials, graphs_of, push_graphs

    with exit_on_error():
        if graph is not None and named_graphs:
            raise EndpointError("--graph and --named-graphs exclude each other; give one")
        auth = credentials(user)
        source = graph_source(root, store)
        graphs = graphs_of(source, graph, named=named_graphs)
        started = time.perf_counter()
        results = push_graphs(graphs, endpoint, replace=replace, auth=auth, timeout=timeout)
    total = sum(r.triples for r in results)
    for r in results:
        err(
            f"{r.method} {'default graph' if r.graph is None else f'<{r.graph}>'}: {r.triples} triples "
            f"(HTTP {r.status})"
        )
    seconds = time.perf_counter() - started
    err(f"pushed {total} triples in {len(results)} graph(s) to {endpoint} in {seconds:.2f} s")


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(help="RDF files (.ttl, .nt, .nq, .trig, .jsonld, .rdf …).", show_default=False),
    ],
    store: Annotated[
        str,  # not Path: typer would read `--store ''` as Path(".")
        typer.Option(
            "--store", help="Store directory (created if new; added to if it exists).", show_default=False
        ),
    ],
) -> None:
    """Bulk-load RDF files into an on-disk store, so a large graph is parsed once.

    `query --store DIR`, `describe`, `viz --focus` and `export --store DIR` then read the
    store; `parkgraph serve --store DIR` serves it over SPARQL. All or nothing: if any file
    fails to load, the store is left as it was. The store is compacted after the load,
    which makes queries on a large store several times faster.

    Examples:

        parkgraph load --store pg.db dist/parkgraph.trig

        parkgraph load --store big.db part-*.nt
    """
    from parkgraph.store import load_store

    started = time.perf_counter()
    with exit_on_error():
        count = load_with_progress(store, files) if sys.stderr.isatty() else load_store(store, files)
    seconds = time.perf_counter() - started
    err(f"{store}: {count} quads after loading {len(files)} file(s) in {seconds:.2f} s")


def load_with_progress(store: str, files: list[Path]) -> int:
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from parkgraph.store import load_store

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("loading", total=None)

        def update(done: int, total: int, path: Path) -> None:
            bar.update(task, completed=done, total=total, description=f"loading {path.name}")

        return load_store(store, files, update)


@app.command()
def serve(
    store: Annotated[
        Path, typer.Option("--store", help="Store directory made by `parkgraph load`.", show_default=False)
    ],
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")] = (
        "127.0.0.1"
    ),
) -> None:
    """Serve a store read-only over the SPARQL 1.1 protocol with the `oxigraph` server.

    Needs the server: pip install 'parkgraph[server]'. Queries go to
    http://HOST:PORT/query; the server runs until interrupted (Ctrl-C).

    Examples:

        parkgraph serve --store pg.db

        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 5' http://127.0.0.1:7878/query
    """
    from parkgraph.store import serve as serve_store
    from parkgraph.store import serve_command

    with exit_on_error():
        serve_command(store, port, host)  # checks the store and the binary before anything else
        err(f"serving {store} read-only at http://{host}:{port}/query (Ctrl-C to stop)")
        serve_store(store, port, host)
