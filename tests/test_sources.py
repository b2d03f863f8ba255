"""Every fact's evidence is a verbatim span of its source document.

The project does not redistribute the article: the test reads it from the directory named by
PARKGRAPH_SOURCES_DIR (`.ci/run` and the Makefile point it at ../shared/seeds/).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import IN_CI

from parkgraph.namespaces import PREFIXES
from parkgraph.project import Project


def sources_dir() -> Path:
    value = os.environ.get("PARKGRAPH_SOURCES_DIR", "")
    path = Path(value) if value else None
    if path is None or not path.is_dir():
        message = f"SOURCE TEXTS NOT FOUND: set PARKGRAPH_SOURCES_DIR to the seeds directory (got {value!r})"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


# The curated corpus articles are read where tests/test_corpus_facts.py reads them.
CORPUS = Path(os.environ.get("PARKGRAPH_CORPUS_DIR",
                             Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles"))


OA = "<http://www.w3.org/ns/oa#"


def source_file(folder: Path, name: str) -> Path:
    """The source text named `name`: a seed (in `folder`) or a curated corpus article."""
    path = folder / name
    return path if path.is_file() or not (CORPUS / name).is_file() else CORPUS / name


def flat(text: str) -> str:
    """The text with line breaks removed: evidence may span a line break of the source file."""
    return text.replace("\r", "").replace("\n", "")


@pytest.fixture(scope="module")
def store(project: Project) -> ox.Store:
    store = ox.Store()
    for path in [project.ontology, *project.data_files()]:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def select(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    rows = store.query(query, prefixes=PREFIXES)
    assert isinstance(rows, ox.QuerySolutions)
    return list(rows)


def test_every_source_document_names_its_file_and_hash(store: ox.Store) -> None:
    rows = select(
        store,
        "SELECT ?doc ?file ?sha WHERE { ?doc a pg:SourceDocument ; dcterms:title|rdfs:label ?t "
        "OPTIONAL { ?doc pg:fileName ?file } OPTIONAL { ?doc pg:sha256 ?sha } }",
    )
    assert rows
    for row in rows:
        assert row["file"] is not None and row["sha"] is not None, row["doc"]


def test_source_files_match_their_recorded_hashes(store: ox.Store) -> None:
    folder = sources_dir()
    rows = select(
        store,
        "SELECT DISTINCT ?file ?sha WHERE { ?d a pg:SourceDocument ; pg:fileName ?file ; pg:sha256 ?sha }",
    )
    for row in rows:
        path = source_file(folder, row["file"].value)  # type: ignore[union-attr]
        assert path.is_file(), f"{path} is missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha"].value  # type: ignore[union-attr]


def test_every_evidence_occurs_verbatim_in_its_source(store: ox.Store) -> None:
    folder = sources_dir()
    rows = select(
        store,
        "SELECT ?node ?evidence ?file WHERE { ?node pg:evidence ?evidence ; prov:wasDerivedFrom ?doc . "
        "?doc pg:fileName ?file }",
    )
    assert len(rows) > 100
    texts: dict[str, str] = {}
    missing = []
    for row in rows:
        name = row["file"].value  # type: ignore[union-attr]
        text = texts.setdefault(name, flat(source_file(folder, name).read_text(encoding="utf-8")))
        evidence = row["evidence"].value  # type: ignore[union-attr]
        if flat(evidence) not in text:
            missing.append(f"{row['node']}: {evidence!r}")
    assert not missing, "evidence not found verbatim in the source:\n" + "\n".join(missing)


def test_every_fact_bearing_node_has_source_and_evidence(store: ox.Store) -> None:
    """Every resource described in data/ says where it came from (sources themselves aside)."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?node WHERE {{
          ?node ?p ?o .
          FILTER(STRSTARTS(STR(?node), "{PREFIXES["pgr"]}"))
          FILTER NOT EXISTS {{ ?node a pg:SourceDocument }}
          # provenance itself: the Web Annotation anchors, the extraction activity, the agents
          FILTER NOT EXISTS {{ ?node a ?machinery . VALUES ?machinery {{ {OA}Annotation> {OA}SpecificResource>
              {OA}TextQuoteSelector> {OA}TextPositionSelector> prov:Activity prov:SoftwareAgent }} }}
          FILTER NOT EXISTS {{ ?fact prov:wasAttributedTo ?node }}
          FILTER (NOT EXISTS {{ ?node prov:wasDerivedFrom ?src }} || NOT EXISTS {{ ?node pg:evidence ?e }})
        }}""",
    )
    assert not rows, [str(r["node"]) for r in rows]


def test_evidence_spans_are_short_clauses(store: ox.Store) -> None:
    rows = select(store, "SELECT ?node ?e WHERE { ?node pg:evidence ?e }")
    too_long = [(str(r["node"]), r["e"].value) for r in rows if len(r["e"].value) > 100]  # type: ignore[union-attr]
    assert not too_long
