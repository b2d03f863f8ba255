"""`parkgraph compare PARK PARK…`: parks side by side, each cell with its source."""

from __future__ import annotations

from typing import Annotated

import typer

from parkgraph.cli.common import (
    DefaultGraphOption,
    EndpointOption,
    NamedGraphOption,
    RootOption,
    app,
    exit_on_error,
    remote_engine,
    write_stdout,
)
from parkgraph.cli.explore_cmds import DataOption, StoreOption


@app.command()
def compare(
    parks: Annotated[
        list[str],
        typer.Argument(
            help="Two or more parks: a pgr: id (park-yongchuan-htz), an IRI or a name.", show_default=False
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-F", help="table, csv, json or md.")] = "table",
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            help="Only numbers whose indicator's name has this word (or this IRI).",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Only numbers of this period: 十四五, a label, or a start or end year.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    data: DataOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    default_graph_uri: DefaultGraphOption = None,
    named_graph_uri: NamedGraphOption = None,
) -> None:
    """Parks side by side: numbers by indicator and period (actual or target), titles held
    and aspired to, clusters and industries, code names; a column per park.

    Each cell ends in a footnote mark [n]; the legend under the table gives each mark's source
    document and its verbatim evidence (csv and json carry them in columns / fields). A park is
    a pgr: id, an IRI or a name (a unique match, or a unique part of one); an unknown or
    ambiguous name is an error that lists the candidates. With --indicator or --period only
    the numbers are compared.

    Examples:

        parkgraph compare 永川高新区 "杭州高新区(滨江)"

        parkgraph compare park-yongchuan-htz park-hangzhou-htz --format md

        parkgraph compare 永川 杭州 --indicator 产值 --period 十五五 --format json

        parkgraph compare 永川 滨江 --endpoint http://127.0.0.1:7878/query
    """
    from parkgraph.compare import FORMATS, compare_parks, render_comparison
    from parkgraph.query import Engine, LocalEngine

    with exit_on_error():
        if fmt not in FORMATS:
            from parkgraph.errors import QueryError

            raise QueryError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
        engine = remote_engine(endpoint, default_graph_uri, named_graph_uri, data, store)
        if engine is None:
            import pyoxigraph as ox

            from parkgraph.cli.explore_cmds import open_graph

            graph = open_graph(root, data, store)
            assert isinstance(graph, ox.Store)
            engine = LocalEngine(graph)
        assert isinstance(engine, Engine)
        comparison = compare_parks(engine, parks, indicator=indicator, period=period)
        text = render_comparison(comparison, fmt)
    write_stdout(text)
