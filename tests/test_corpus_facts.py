"""The curated corpus articles, fact by fact: each fact a sentence states is in the graph, and
every evidence span of a fact derived from an article is verbatim in that article.

The walks themselves are in tests/corpus_facts/<article>.py; the articles are read from the
shared corpus folder (PARKGRAPH_CORPUS_DIR, default ../shared/corpus/dev/articles), as the
seed is read from ../shared/seeds: the texts stay outside the project.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import unicodedata
from pathlib import Path
from types import ModuleType

import corpus_facts
import pyoxigraph as ox
import pytest
from factwalk import PROLOGUE, Fact

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PARKGRAPH_CORPUS_DIR", ROOT.parent / "shared" / "corpus" / "dev" / "articles"))

MODULES: list[ModuleType] = [
    importlib.import_module(f"corpus_facts.{m.name}")
    for m in sorted(pkgutil.iter_modules(corpus_facts.__path__), key=lambda m: m.name)
]
FACTS: list[Fact] = [fact for module in MODULES for fact in module.FACTS]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The ontology and the curated data, parsed once into an in-memory store."""
    graph = ox.Store()
    for path in [*sorted((ROOT / "ontology").glob("*.ttl")), *sorted((ROOT / "data").glob("*.ttl"))]:
        graph.load(path=path, format=ox.RdfFormat.TURTLE)
    return graph


def article_text(module: ModuleType) -> str:
    path = CORPUS / module.FILE
    if not path.is_file():
        pytest.fail(f"{path}: the corpus article is missing (set PARKGRAPH_CORPUS_DIR)", pytrace=False)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fact", FACTS, ids=[fact.test_id for fact in FACTS])
def test_corpus_fact(store: ox.Store, fact: Fact) -> None:
    query = PROLOGUE + fact.ask_query
    if not bool(store.query(query)):
        pytest.fail(
            f"{fact.article} {fact.sentence_id}: {fact.description}\n"
            f"  sentence: {fact.sentence_excerpt}\n"
            f"  not in the graph; this query answers false:\n{query}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def files() -> ox.Store:
    """The curated data with each file in a named graph of its own.

    A shared concept (a period such as 2021年, an industry) is described by every source that
    speaks of it, so in the merged graph it is derived from several documents and carries each
    one's evidence; only the file that derives it from a document says which evidence is that
    document's.
    """
    graph = ox.Store()
    for path in sorted((ROOT / "data").glob("*.ttl")):
        graph.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(path.resolve().as_uri()))
    return graph


@pytest.mark.parametrize("module", MODULES, ids=[m.ARTICLE for m in MODULES])
def test_every_evidence_is_verbatim_in_its_article(files: ox.Store, module: ModuleType) -> None:
    """Every pg:evidence of a node that a data file derives from the article occurs in its text.

    The extractor joins hard-wrapped lines and NFKC-normalises before it quotes, so the text is
    compared in that form (line breaks removed), never the evidence rewritten to fit.
    """
    text = article_text(module)
    flat = unicodedata.normalize("NFKC", text).replace("\r", "").replace("\n", "")
    rows = list(files.query(
        PROLOGUE + "SELECT ?node ?evidence WHERE { GRAPH ?g { ?node prov:wasDerivedFrom ?doc ; "
        "pg:evidence ?evidence } GRAPH ?g2 { ?doc pg:fileName ?file } "
        "FILTER(STR(?file) = " + f'"{module.FILE}"' + ") }"
    ))
    assert rows, f"{module.ARTICLE}: no node is derived from a source whose pg:fileName is {module.FILE}"
    missing = [(str(r["node"]), r["evidence"].value) for r in rows
               if unicodedata.normalize("NFKC", r["evidence"].value) not in flat]
    assert not missing, f"{module.ARTICLE}: evidence not in the article: {missing[:5]}"


def test_fact_ids_are_unique() -> None:
    ids = [fact.test_id for fact in FACTS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
