"""`parkgraph build`, `validate` and `stats`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli.common import RootOption, app, err, exit_on_error, write_paths, write_stdout


@app.command()
def build(
    root: RootOption = None,
    out: Annotated[
        str | None,  # not Path: typer would read `--out ''` as Path(".")
        typer.Option("--out", "-o", help="Output directory (default: dist/ of the project)."),
    ] = None,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Skip the SHACL shapes and checks (faster; not for release).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", help="Stop (exit status 2) if the shapes and checks run longer than SECONDS."
        ),
    ] = 600.0,
) -> None:
    """Merge ontology/ and data/, check them, and write dist/.

    Writes dist/parkgraph.ttl (ontology + data), .nt, .jsonld (+ context.jsonld), .trig
    (one named graph per source document) and void.ttl (a VoID/DCAT description). A failed
    build leaves dist/ exactly as it was.

    Examples:

        parkgraph build

        parkgraph build --out /tmp/pg-dist
    """
    from parkgraph.build import build as build_graph
    from parkgraph.errors import NotConforming, OutputError
    from parkgraph.project import find_project

    with exit_on_error():
        if out == "":
            raise OutputError("--out '': give the output directory (an empty path names none)")
        project = find_project(root)
        try:
            result = build_graph(
                project,
                None if out is None else Path(out),
                check=not no_check,
                check_timeout=timeout,
                progress=None if quiet else err,
            )
        except NotConforming as error:
            report = error.report
            if report is not None and hasattr(report, "text"):
                err(report.text())
            raise
        if not quiet:
            graphs = ", ".join(f"{name.rsplit('/', 1)[-1]} {n}" for name, n in result.graphs.items())
            err(f"built {result.triples} triples ({graphs}) in {result.seconds:.2f} s")
    write_paths(result.outputs)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="RDF files to check (default: the project's ontology and data).", show_default=False
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Check a graph against the SHACL shapes and the SPARQL checks; print a report.

    Exit status: 0 conforms, 1 does not conform, 2 could not run (a missing or
    unparseable file is reported with its path, line and column).

    Examples:

        parkgraph validate

        parkgraph validate data/yongchuan-htz-article.ttl

        parkgraph validate dist/parkgraph.nt
    """
    from parkgraph.build import load_project_quads, unique_triples
    from parkgraph.project import find_project
    from parkgraph.validate import validate_files, validate_triples

    with exit_on_error():
        project = find_project(root)
        if files:
            report = validate_files(list(files), project)
        else:
            report = validate_triples(unique_triples(load_project_quads(project)), project)
    write_stdout(report.text() + "\n")
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def stats(
    root: RootOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
) -> None:
    """Counts by class and by property, and each park with its headline numbers.

    Reads dist/parkgraph.nt (run `parkgraph build` first).

    Examples:

        parkgraph stats

        parkgraph stats --json | jq .parks
    """
    import dataclasses
    import json

    from parkgraph.errors import InputFileError
    from parkgraph.graphsource import load_files
    from parkgraph.project import find_project
    from parkgraph.stats import graph_stats

    with exit_on_error():
        project = find_project(root)
        nt = project.dist / "parkgraph.nt"
        if not nt.is_file():
            from parkgraph.errors import not_a_file

            raise InputFileError(not_a_file(nt, "run `parkgraph build` first"))
        store = load_files([nt])  # a broken file is `Error: FILE:LINE:COLUMN: …`
        result = graph_stats(store)
    if as_json:
        write_stdout(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2) + "\n")
        return
    write_stdout(print_stats(result))


def print_stats(result: object) -> str:
    """The statistics as rich tables, rendered to text (styled when stdout is a terminal)."""
    import io
    import sys

    from rich.console import Console
    from rich.table import Table

    from parkgraph.stats import Stats

    assert isinstance(result, Stats)
    buffer = io.StringIO()
    console = Console(file=buffer, width=Console().width, force_terminal=sys.stdout.isatty() or None)
    console.print(f"[bold]{result.triples}[/bold] triples")
    for title, rows in (("class", result.classes), ("property", result.properties)):
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, n in rows:
            table.add_row(name, str(n))
        console.print(table)
    for park in result.parks:
        if not park.numbers:
            console.print(f"{park.label} ({park.park}): no numbers stated")
            continue
        table = Table(title=f"{park.label} ({park.park})", title_justify="left")
        for col in ("indicator", "stated", "status", "period"):
            table.add_column(col)
        for row in park.numbers:
            table.add_row(*row)
        console.print(table)
    return buffer.getvalue()
