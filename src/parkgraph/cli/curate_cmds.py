"""`parkgraph init` and `add`: thin commands over parkgraph.curate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli.common import RootOption, app, err, exit_on_error, write_paths


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="A new (or empty) directory for the project.",
                                              metavar="DIR", show_default=False)],
) -> None:
    """Create a new project: the ontology, shapes, checks and named queries, an empty data/,
    a git-ignored sources/ for the texts, and a short README.

    Every command works in the new project as in the parkgraph repository. Prints the files
    it wrote.

    Examples:

        parkgraph init my-parks

        cd my-parks && parkgraph add ~/articles/yongchuan.txt
    """
    from parkgraph.curate.init import init_project

    with exit_on_error():
        written = init_project(directory)
    err(f"created a parkgraph project in {directory} ({len(written)} files); next: parkgraph add FILE")
    write_paths(written)


@app.command()
def add(
    files: Annotated[list[str], typer.Argument(help="Documents (.txt in any Chinese encoding, .html, .pdf).",
                                               metavar="FILE…", show_default=False)],
    root: RootOption = None,
    title: Annotated[str | None, typer.Option("--title", help="The document's title (overrides its header).",
                                              show_default=False)] = None,
    url: Annotated[str | None, typer.Option("--url", help="The document's address (overrides its header).",
                                            show_default=False)] = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date, YYYY-MM-DD, YYYY-MM or YYYY (overrides).",
        show_default=False)] = None,
) -> None:
    """Register documents, extract their candidate facts, link them to the graph, queue them.

    For each FILE: records its SHA-256, title, address and date, keeps a copy under
    sources/, runs the extractor, proposes links to the parks, areas and organisations the
    project's graph already holds (each with the features that made it), and writes a review
    queue under review/<source>/. Nothing goes into data/ before review. The same bytes
    twice are refused; an edited document (same address, or same file name) is a new version
    that says which source it replaces. Prints each queue's directory.

    Examples:

        parkgraph add ~/articles/yongchuan-2024.txt

        parkgraph add page.html --url https://example.gov.cn/news/1.html --published 2024-05-01
    """
    from parkgraph.curate.add import add_document
    from parkgraph.errors import ParkgraphError
    from parkgraph.project import find_project

    with exit_on_error():
        project = find_project(root)
    failed = 0
    done: list[str] = []
    for path in files:
        try:
            added = add_document(project, path, title=title, url=url, published=published)
        except ParkgraphError as error:
            err(f"Error: {error.message}")
            failed += 1
            continue
        s = added.summary
        replaces = f"; replaces {added.revision_of.rsplit('/', 1)[-1]}" if added.revision_of else ""
        err(f"{path}: source-{added.slug}: {s['parks']} parks, {s['observations']} observations, "
            f"{s['codes']} codes, {s['titles']} titles; {added.cards} cards to review, "
            f"{added.linked} entities with link candidates{replaces}")
        for warning in added.warnings:
            err(f"{path}: warning: {warning}")
        done.append(added.queue_dir)
    write_paths(done)
    if failed:
        raise typer.Exit(2)
