"""Candidate facts from a document's text (placeholder until the rules land)."""

from __future__ import annotations

from parkgraph.extract.model import Document, Extraction


def extract_facts(document: Document) -> Extraction:
    return Extraction(document=document)
