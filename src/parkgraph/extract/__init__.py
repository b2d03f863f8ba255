"""Text → candidate facts: `extract_document(...)` reads a document and proposes what it states.

Stages, one module each (see DESIGN.md, "Ingestion"): reading (bytes → Document), text
(normalisation with an offset map, sentences), numbers and periods (normalised values),
mentions (parks, areas, organisations, industries, codes, titles), facts (observations and
relations), writing (Turtle with evidence, selectors and provenance).
"""

from __future__ import annotations

from pathlib import Path

from parkgraph.extract.compiled import choose

# Before any other module of the package is imported: compiled, or all from source.
BUILD = choose(Path(__file__).parent)

from parkgraph.extract.model import Document, Extraction  # noqa: E402

__all__ = ["BUILD", "Document", "Extraction", "extract_document", "extract_text"]


def extract_text(document: Document) -> Extraction:
    """Every candidate fact the rules find in an already-read document."""
    from parkgraph.extract.facts import extract_facts

    return extract_facts(document)


def extract_document(path: str, *, title: str | None = None, url: str | None = None,
                     published: str | None = None) -> Extraction:
    """Read the file at `path` (plain text in any common Chinese encoding, HTML, PDF) and
    extract its candidate facts. Raises InputFileError when the file cannot be read."""
    from parkgraph.extract.reading import read_document

    document = read_document(path, title=title, url=url, published=published)
    return extract_text(document)
