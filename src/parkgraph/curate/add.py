"""`parkgraph add FILE`: register a document, extract its candidate facts, link them to the
entities the project's graph already holds, and write a review queue (review/<source>/).

Nothing is written to data/: that is review's job. A document is known by the SHA-256 of its
bytes; the same bytes twice are refused, naming the source they already are. A document with
the address (or, without one, the file name) of a registered source but other bytes is a new
version of it: its registration says which source it replaces (prov:wasRevisionOf).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph as ox

from parkgraph.curate.init import REVIEW_DIR, SOURCES_DIR
from parkgraph.curate.known import known_in_store, known_observations, project_store
from parkgraph.curate.linking import link_candidates
from parkgraph.curate.queue import (
    QUEUE_VERSION,
    extraction_to_json,
    make_cards,
    read_json,
    write_json_atomically,
)
from parkgraph.errors import InputFileError, OutputError
from parkgraph.project import Project

PGR = "https://w3id.org/parkgraph/resource/"


class SourceAlreadyAdded(InputFileError):
    """The same bytes are already a source of the project."""


@dataclass(frozen=True)
class Registered:
    """A source the project knows: from a review queue, or from the curated data."""

    slug: str  # the source's local name without "source-"
    sha256: str
    file_name: str
    url: str | None
    added_at: str
    where: str  # review/<slug>/source.json or data/…


@dataclass(frozen=True)
class Added:
    slug: str
    iri: str
    queue_dir: str
    copy: str
    revision_of: str | None
    cards: int
    linked: int  # entities with at least one candidate
    summary: dict[str, int]
    warnings: tuple[str, ...]
    proposals: tuple[tuple[str, str, str], ...] = ()  # (mention, best candidate IRI, verdict)


def registered_sources(project: Project, store: ox.Store | None = None) -> list[Registered]:
    """Every source of the project: queued ones (review/*/source.json) and those in the graph
    (`store`: the project's graph, read here when not given)."""
    out: list[Registered] = []
    review = project.path(REVIEW_DIR)
    if os.path.isdir(review):
        for name in sorted(os.listdir(review)):
            path = os.path.join(review, name, "source.json")
            if os.path.isfile(path):
                s = read_json(path)
                out.append(Registered(s["slug"], s["sha256"], s["file_name"], s.get("url"), s["added_at"],
                                      os.path.relpath(path, project.path())))
    store = store if store is not None else project_store(project)
    query = """
    PREFIX pg: <https://w3id.org/parkgraph/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT DISTINCT ?s ?sha ?file ?url WHERE {
      { ?s pg:sha256 ?sha } UNION { GRAPH ?g { ?s pg:sha256 ?sha } }
      OPTIONAL { { ?s pg:fileName ?file } UNION { GRAPH ?g2 { ?s pg:fileName ?file } } }
      OPTIONAL { { ?s dcterms:source ?url } UNION { GRAPH ?g3 { ?s dcterms:source ?url } } }
    }"""
    queued = {r.slug for r in out}
    for row in store.query(query):  # type: ignore[union-attr]
        iri = row["s"].value
        slug = iri.removeprefix(PGR).removeprefix("source-")
        if slug in queued:
            continue
        file_name = row["file"].value if row["file"] is not None else ""
        url = row["url"].value if row["url"] is not None else None
        out.append(Registered(slug, row["sha"].value.lower(), file_name, url, "", "data/"))
    return out


def add_document(project: Project, path: str, *, title: str | None = None, url: str | None = None,
                 published: str | None = None, now: datetime | None = None) -> Added:
    """Register `path` in `project` and write its review queue (see the module docstring).

    Raises InputFileError when the file cannot be read, SourceAlreadyAdded when its bytes are
    already a source, OutputError when the project cannot be written."""
    from parkgraph import __version__
    from parkgraph.extract import extract_text
    from parkgraph.extract.ids import source_slug
    from parkgraph.extract.reading import read_document
    from parkgraph.extract.writing import write_turtle

    document = read_document(path, title=title, url=url, published=published)
    store = project_store(project)
    known_sources = registered_sources(project, store)
    same = sorted({(r.slug, r.file_name, r.where) for r in known_sources if r.sha256 == document.sha256})
    if same:  # one file may hold several documents (the seed file: an article and an advert)
        names = " and ".join(f"source-{slug}" for slug, _, _ in same)
        _, file_name, where = same[0]
        raise SourceAlreadyAdded(
            f"{path}: already added as {names} (from {file_name or 'unknown file'}, {where}); "
            "the same bytes are one source"
        )
    previous = [r for r in known_sources
                if (document.url and r.url == document.url)
                or (not document.url and r.file_name == document.file_name)]
    previous.sort(key=lambda r: r.added_at)
    revision_of = previous[-1].slug if previous else None

    slug = source_slug(document.file_name, document.sha256)
    queue_dir = project.path(REVIEW_DIR, slug)
    if os.path.exists(queue_dir):
        raise OutputError(f"{queue_dir}: exists; remove it to add {path} again")
    extraction = extract_text(document)
    links = link_candidates(extraction, known_in_store(store))
    cards = make_cards(extraction, links, known_observations(store))
    turtle = write_turtle(extraction, version=__version__)

    ext = os.path.splitext(document.file_name)[1].lower() or ".txt"
    copy_rel = os.path.join(SOURCES_DIR, slug + ext)
    added_at = (now or datetime.now(UTC)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    registration = {
        "slug": slug, "iri": f"{PGR}source-{slug}", "sha256": document.sha256,
        "file_name": document.file_name, "title": document.title, "url": document.url,
        "published": document.published, "media_type": document.media_type, "encoding": document.encoding,
        "copy": copy_rel, "added_at": added_at, "parkgraph": __version__,
        "revision_of": f"{PGR}source-{revision_of}" if revision_of else None,
    }
    try:
        os.makedirs(project.path(SOURCES_DIR), exist_ok=True)
        os.makedirs(project.path(REVIEW_DIR), exist_ok=True)
        staging = project.path(REVIEW_DIR, f".{slug}.tmp")
        if os.path.exists(staging):
            shutil.rmtree(staging)
        os.mkdir(staging)
        shutil.copyfile(path, project.path(copy_rel))
        with open(os.path.join(staging, "candidates.ttl"), "w", encoding="utf-8") as fh:
            fh.write(turtle)
        with open(os.path.join(staging, "source.ttl"), "w", encoding="utf-8") as fh:
            fh.write(source_turtle(registration))
        write_json_atomically(os.path.join(staging, "queue.json"), {
            "version": QUEUE_VERSION, "source": registration["iri"], "slug": slug,
            "extraction": extraction_to_json(extraction), "cards": cards,
        })
        write_json_atomically(os.path.join(staging, "source.json"), registration)
        os.replace(staging, queue_dir)  # the queue appears whole, or not at all
    except OSError as error:
        raise OutputError(f"{queue_dir}: cannot write the review queue ({error.strerror or error})") from None
    return Added(slug=slug, iri=str(registration["iri"]), queue_dir=queue_dir, copy=project.path(copy_rel),
                 revision_of=registration["revision_of"], cards=len(cards),
                 linked=sum(1 for m in links if m.candidates), summary=extraction.summary(),
                 warnings=tuple(document.warnings),
                 proposals=tuple((m.label, m.candidates[0].iri, m.candidates[0].verdict)
                                 for m in links if m.candidates))


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def source_turtle(reg: Mapping[str, object]) -> str:
    """The registration as a pg:SourceDocument (with prov:wasRevisionOf when it replaces one)."""
    lines = [
        "@prefix pg: <https://w3id.org/parkgraph/ontology#> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        f"<{reg['iri']}> a pg:SourceDocument ;",
        f"    pg:sha256 {_lit(str(reg['sha256']))} ;",
        f"    pg:fileName {_lit(str(reg['file_name']))} ;",
    ]
    if reg.get("title"):
        lines.append(f"    dcterms:title {_lit(str(reg['title']))}@zh ;")
    if reg.get("url"):
        lines.append(f"    dcterms:source {_lit(str(reg['url']))} ;")
    if reg.get("revision_of"):
        lines.append(f"    prov:wasRevisionOf <{reg['revision_of']}> ;")
    lines.append(f"    dcterms:dateSubmitted {_lit(str(reg['added_at']))}^^xsd:dateTime .")
    return "\n".join(lines) + "\n"
