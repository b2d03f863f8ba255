"""`parkgraph extract`: documents → candidate Turtle, a thin command over parkgraph.extract."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from parkgraph.cli.common import app, err, exit_on_error, write_paths, write_stdout

if TYPE_CHECKING:
    from parkgraph.extract.batch import Job, Outcome


@app.command()
def extract(
    files: Annotated[
        list[str],
        typer.Argument(help="Documents (.txt in any Chinese encoding, .html, .pdf) or directories of them.",
                       metavar="FILE", show_default=False),
    ],
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", help="The .ttl to write (one FILE). Default: stdout.",
                     show_default=False),
    ] = None,
    out_dir: Annotated[
        str | None,
        typer.Option("--out-dir", "-d", help="An existing directory that gets one <stem>.ttl per document.",
                     show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace outputs that exist.")] = False,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The document's title (overrides its header).", show_default=False),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="The document's address (overrides its header).", show_default=False),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date, YYYY-MM-DD, YYYY-MM or YYYY (overrides).",
                     show_default=False),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes for many files (default: one per core).",
                     show_default=False),
    ] = None,
    max_size: Annotated[
        float, typer.Option("--max-size", min=0.001, help="Refuse documents larger than this many MB.")
    ] = 20,
) -> None:
    """Propose the facts a document states, as Turtle with the evidence of each.

    Reads plain text (UTF-8, GB18030/GBK, Big5, UTF-16: detected, and the detection
    reported), HTML pages saved from a site (the main text; page title, date and address as
    metadata) and PDFs with a text layer. Leading `# source:`, `# title:` and `# note:` lines
    are the document's metadata. One file writes to --out or stdout; many (or a directory)
    need --out-dir, which gets one `<stem>.ttl` each. Every file gets a one-line summary on
    stderr; a bad file gets an `Error:` line and the others are still extracted (exit 2 at
    the end). Outputs are written atomically and never replaced without --force.

    Examples:

        parkgraph extract article.txt > article.ttl

        parkgraph extract page.html --out page.ttl --url https://example.cn/a.html

        parkgraph extract articles/ --out-dir candidates/

        parkgraph extract a.txt b.pdf --out-dir candidates/ --force --jobs 2
    """
    from parkgraph.extract.batch import collect_inputs, plan_jobs

    with exit_on_error():
        inputs = collect_inputs(files)
        planned, refused = plan_jobs(inputs, out=out, out_dir=out_dir, force=force, title=title, url=url,
                                     published=published, max_bytes=int(max_size * 1024 * 1024))
        outcomes = list(refused)
        for outcome in refused:
            report(outcome)
        outcomes += run_with_progress(planned, jobs)
    failed = [o for o in outcomes if not o.ok]
    if out is None and out_dir is None:
        if outcomes and outcomes[0].turtle is not None:
            write_stdout(outcomes[0].turtle)
    else:
        write_paths(o.target for o in outcomes if o.ok and o.target is not None)
    if failed:
        raise typer.Exit(2)


def run_with_progress(planned: list[Job], jobs: int | None) -> list[Outcome]:
    """Run the jobs, with a progress bar when stderr is a terminal and there are several."""
    from parkgraph.extract.batch import run_jobs

    if len(planned) < 2 or not sys.stderr.isatty():
        return run_jobs(planned, workers=jobs, on_outcome=report)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, highlight=False)
    # No refresh thread (auto_refresh off, redrawn after each file): the worker processes are
    # forked after the bar appears, and forking a process that runs threads can deadlock.
    with Progress("extracting", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("extract", total=len(planned))

        def advance(outcome: Outcome) -> None:
            console.print(summary_line(outcome), markup=False, soft_wrap=True)  # one line, never re-wrapped
            progress.advance(task)
            progress.refresh()

        return run_jobs(planned, workers=jobs, on_outcome=advance)


def report(outcome: Outcome) -> None:
    err(summary_line(outcome))


def summary_line(outcome: Outcome) -> str:
    """`a1.txt: 3 parks, 10 observations, 0 codes, 2 titles (utf-8)`, with its warnings on
    the lines that follow; or the file's `Error: …` line."""
    if outcome.error is not None:
        return f"Error: {outcome.error}"
    s = outcome.summary
    how = {"text/html": f"html, {outcome.encoding}", "application/pdf": "pdf"}.get(outcome.media_type,
                                                                                   outcome.encoding)
    lines = [f"{outcome.source}: {s.get('parks', 0)} parks, {s.get('observations', 0)} observations, "
             f"{s.get('codes', 0)} codes, {s.get('titles', 0)} titles ({how})"]
    lines += [f"warning: {outcome.source}: {w}" for w in outcome.warnings]
    if outcome.facts == 0:
        lines.append(f"warning: {outcome.source}: no facts found")
    return "\n".join(lines)
