"""Candidate Turtle for an Extraction (placeholder until the writer lands)."""

from __future__ import annotations

from parkgraph.extract.model import Extraction


def write_turtle(extraction: Extraction, *, version: str = "0.1.0") -> str:
    """Deterministic Turtle for everything in `extraction`."""
    return "@prefix pg: <https://w3id.org/parkgraph/ontology#> .\n"
