"""`parkgraph init` and `add`: thin commands over parkgraph.curate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli.common import app, err, exit_on_error, write_paths


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
