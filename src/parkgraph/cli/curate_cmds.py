"""`parkgraph init`, `add` and `review`: thin commands over parkgraph.curate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli.common import RootOption, app, err, exit_on_error, write_paths, write_stdout


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
    queue under review/SOURCE/. Nothing goes into data/ before review. The same bytes
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
        for label, iri, verdict in added.proposals:
            err(f"  {label} → {iri.rsplit('/', 1)[-1]} ({verdict}; to be confirmed in review)")
        for warning in added.warnings:
            err(f"{path}: warning: {warning}")
        done.append(added.queue_dir)
    write_paths(done)
    if failed:
        raise typer.Exit(2)


def _default_reviewer() -> str:
    import getpass
    import os
    import subprocess

    name = os.environ.get("PARKGRAPH_REVIEWER", "").strip()
    if name:
        return name
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return getpass.getuser()


@app.command()
def review(
    source: Annotated[str | None, typer.Argument(
        help="The source id to review (as `add` printed it; default: the first queue not yet finished).",
        show_default=False)] = None,
    root: RootOption = None,
    no_open: Annotated[bool, typer.Option("--no-open", help="Only print the page's address.")] = False,
    port: Annotated[int, typer.Option("--port", min=0, max=65535,
                                      help="Port on 127.0.0.1 (default: a free one).")] = 0,
    reviewer: Annotated[str | None, typer.Option(
        "--reviewer", help="Who reviews (default: $PARKGRAPH_REVIEWER, git's user.name, the login).",
        show_default=False)] = None,
    decisions: Annotated[Path | None, typer.Option(
        "--decisions", help="Apply the decisions of this JSON file without a browser (format below).",
        metavar="FILE.json", show_default=False)] = None,
    finish: Annotated[bool, typer.Option(
        "--finish", help="Then write data/SOURCE.ttl, as the page's Finish does (no server).")] = False,
) -> None:
    """Review a source's proposed facts in the browser, keyboard first.

    Serves a page on 127.0.0.1 with a random token in its address (always printed; the
    browser opens it unless --no-open). Each card is one claim beside its sentence: a
    accept, r reject (with a reason), e edit a field, l choose the link (or a new entity),
    u undo, j/k next/previous, f finish. Every decision is saved at once in
    review/SOURCE/journal.jsonl: a closed tab or a killed server loses nothing, and
    reviewing again resumes. Finishing writes data/SOURCE.ttl (checked by the project's
    shapes and checks) and review/SOURCE/decisions.json, then stops the server.

    On the page, o edits an observation's about (the queue's entities and the graph's
    candidates) and its period; select words of the text and press + to add a fact the
    extractor missed (an entity, an observation or a relation), anchored to them.

    --decisions FILE.json applies a file of decisions instead (no server), each checked as
    the server checks it; the first bad entry is one error line naming it (exit 2) and
    nothing is saved. This is how decisions are kept in version control and replayed.

    FILE.json is a list of decisions (or {"decisions": [...]}), the page's actions:

        {"action": "accept", "card": "c4", "link": "new", "expect": {"subject": "永川高新区"}}

        {"action": "reject", "card": "c23", "reason": "not-a-fact", "expect": {"evidence": "仅用短短14个月"}}

        {"action": "edit", "card": "c31", "field": "period", "value": "2024年1—7月",
        "expect": {"value": "37"}}

        {"action": "link", "card": "c1", "target": "https://w3id.org/parkgraph/resource/area-x",
        "expect": {"subject": "永川区"}}

        {"action": "add", "what": "entity", "start": 261, "end": 267, "text": "凤凰湖产业园", "cls": "Park"}

        {"action": "add", "what": "relation", "start": 254, "end": 267, "predicate": "locatedIn",
        "subject": "@5", "object": "c1"}

        {"action": "add", "what": "observation", "start": 734, "end": 744, "about": "c28",
        "value": "37", "unit": "Month", "status": "Actual", "comparator": "Exactly",
        "period": "2024年", "indicator": "累计月数"}

        {"action": "undo"}

    An entry naming a card says what it expects the card to be ("expect": any of evidence,
    subject, predicate, value, kind, as the page shows them): card ids follow the extraction,
    and a card that changed is an error. start/end are code-point offsets into the text as
    read ("text", if given, must be the words there); "@N" is the card entry N (from 1)
    added. about: an entity card or the IRI of a park, cluster, industry, organisation or
    area of the graph; period: 2024年, 2024年上半年, 十四五, 2021—2025年, 2021-2025 or none.

    Examples:

        parkgraph review

        parkgraph review a1-yongchuan-htz-nev-20a5c6b4 --no-open --reviewer "Li Ming"

        parkgraph review a1-yongchuan-htz-nev-20a5c6b4 --decisions review-a1.json --finish
    """
    import webbrowser

    from parkgraph.curate.review import ReviewSession, find_queue
    from parkgraph.curate.server import ReviewServer
    from parkgraph.project import find_project

    with exit_on_error():
        project = find_project(root)
        sid = find_queue(project, source)
        session = ReviewSession(project, sid, reviewer or _default_reviewer())
        if session.journal.recovered:
            err(f"recovered: {session.journal.recovered}")
        if decisions is not None or finish:
            from parkgraph.curate.replay import replay

            if decisions is not None:
                done = replay(session, str(decisions), finish=finish)
                err(f"source-{sid}: {done.applied} decisions applied and saved")
                finished = done.finished
            else:
                finished = session.finish()
            if finished is None:
                return
            err(f"wrote {finished.path}: {finished.accepted} accepted ({finished.corrected} corrected, "
                f"{finished.linked} linked), {finished.rejected} rejected")
            write_paths([finished.path])
            return
        server = ReviewServer(session, port)
    state = session.state()
    write_stdout(server.url + "\n")
    err(f"reviewing source-{sid}: {state['remaining']} of {len(state['cards'])} cards left; "
        "decisions are saved as they are made; Ctrl-C stops")
    if not no_open:
        webbrowser.open(server.url)
    server.run()
    if server.finished:
        err(f"wrote {session.output}")
