"""The review queue of one source: what `add` proposed, as JSON under review/<source>/.

review/<source>/
    source.json      the registration: SHA-256, file name, title, address, date, the copy
                     under sources/, the source it replaces (prov:wasRevisionOf)
    source.ttl       the same as a pg:SourceDocument (with prov:wasRevisionOf)
    candidates.ttl   the extractor's candidate Turtle (evidence, selectors, PROV)
    queue.json       the extraction itself (so review never re-runs a changed extractor), and
                     one card per claim with the link candidates and their features

The extraction is stored whole (`extraction_to_json` / `extraction_from_json` round-trip
every field), so that finishing a review can write the accepted facts with the extractor's own
writer, in the same form as `parkgraph extract`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

from parkgraph.curate.linking import MentionLinks
from parkgraph.errors import InputFileError, OutputError
from parkgraph.extract.model import (
    Code,
    Component,
    Document,
    Entity,
    Extraction,
    Observation,
    Period,
    Relation,
    Span,
)
from parkgraph.namespaces import PGR

QUEUE_VERSION = 1


def _span(d: dict[str, int] | None) -> Span | None:
    return None if d is None else Span(int(d["start"]), int(d["end"]))


def _plain(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    return _plain(asdict(extraction))  # type: ignore[no-any-return]


def _only(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def extraction_from_json(d: dict[str, Any]) -> Extraction:
    doc = Document(**_only(Document, d["document"]))
    entities = [Entity(**{**_only(Entity, e), "evidence": [Span(s["start"], s["end"])
                                                             for s in e["evidence"]]})
                for e in d["entities"]]
    relations = [Relation(**{**_only(Relation, r), "evidence": _span(r["evidence"])}) for r in d["relations"]]
    observations = [Observation(**{**_only(Observation, o), "evidence": _span(o["evidence"]),
                                   "value": Decimal(o["value"])}) for o in d["observations"]]
    periods = [Period(**{**_only(Period, p), "evidence": _span(p.get("evidence"))}) for p in d["periods"]]
    codes = [Code(**{**_only(Code, c), "evidence": _span(c["evidence"]),
                     "components": [Component(**{**_only(Component, m), "evidence": _span(m.get("evidence"))})
                                    for m in c["components"]]}) for c in d["codes"]]
    return Extraction(document=doc, entities=entities, relations=relations, observations=observations,
                      periods=periods, codes=codes)


def _quote(text: str, span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": text[span.start:span.end]}


def _disagreeing(o: Any, p: Any, candidates: set[str], known: list[dict[str, str]]) -> list[dict[str, str]]:
    """Known observations about one of `candidates` with the same indicator (label or concept), period
    years and status as `o`, and another value: shown on the card, never merged."""
    years = (str(p.start_year) if p and p.start_year else "", str(p.end_year) if p and p.end_year else "")
    out = []
    for k in known:
        if k.get("about") not in candidates:
            continue
        # the same concept of the vocabulary is the same indicator, whatever each text's words
        same = k.get("indicator") == o.indicator or (o.concept and k.get("i") == PGR + o.concept)
        if not same or k.get("status") != o.status:
            continue
        if (k.get("start", "")[:4], k.get("end", "")[:4]) != years:
            continue
        try:
            if Decimal(k["value"]) == o.value:
                continue
        except (ArithmeticError, ValueError):
            pass
        out.append({key: k.get(key, "") for key in ("iri", "value", "stated", "evidence", "source")})
    return out


def make_cards(extraction: Extraction, links: list[MentionLinks],
               known_observations: list[dict[str, str]] | None = None) -> list[dict[str, Any]]:
    """One card per claim, in text order: entities (with their link candidates), relations,
    observations (with the values other sources give for the same thing, where they differ)
    and codes. A card's `ref` says which item of the extraction it is."""
    text = extraction.document.text
    labels = {e.key: e.label for e in extraction.entities}
    labels.update({c.key: c.label or c.notation for c in extraction.codes})
    periods = {p.key: p for p in extraction.periods}
    by_key = {m.key: m for m in links}
    cards: list[dict[str, Any]] = []
    for i, e in enumerate(extraction.entities):
        m = by_key.get(e.key)
        cards.append({
            "kind": "entity", "ref": ["entities", i], "subject": e.label, "predicate": "a", "value": e.cls,
            "fields": {"label": e.label, "class": e.cls, "alt_labels": e.alt_labels, "level": e.level,
                       "gb_code": e.gb_code},
            "evidence": _quote(text, e.evidence[0] if e.evidence else None), "rule": e.rule,
            "confidence": e.confidence,
            "links": m.as_dict()["candidates"] if m else [], "link_note": m.note if m else "",
        })
    for i, r in enumerate(extraction.relations):
        cards.append({
            "kind": "relation", "ref": ["relations", i], "subject": labels.get(r.subject, r.subject),
            "predicate": r.predicate, "value": labels.get(r.object, r.object), "fields": {},
            "evidence": _quote(text, r.evidence), "rule": r.rule, "confidence": r.confidence,
        })
    for i, o in enumerate(extraction.observations):
        p = periods.get(o.period or "")
        about = by_key.get(o.about)
        candidates = {c.iri for c in about.candidates} if about else set()
        cards.append({
            "disagrees": _disagreeing(o, p, candidates, known_observations or []),
            "kind": "observation", "ref": ["observations", i], "subject": labels.get(o.about, o.about),
            "predicate": o.indicator, "value": str(o.value),
            "fields": {"indicator": o.indicator, "concept": o.concept, "stated": o.stated,
                       "value": str(o.value), "unit": o.unit,
                       "comparator": o.comparator, "status": o.status,
                       "period": p.label if p else None,
                       "years": [p.start_year, p.end_year] if p else None},
            "evidence": _quote(text, o.evidence), "rule": o.rule, "confidence": o.confidence,
        })
    for i, c in enumerate(extraction.codes):
        cards.append({
            "kind": "code", "ref": ["codes", i], "subject": c.label, "predicate": "notation",
            "value": c.notation,
            "fields": {"components": [f"{m.declared_count} {m.role}" for m in c.components]},
            "evidence": _quote(text, c.evidence), "rule": c.rule, "confidence": c.confidence,
        })
    cards.sort(key=lambda c: (c["evidence"] or {"start": 1 << 30})["start"])
    for n, card in enumerate(cards, 1):
        card["id"] = f"c{n}"
    return cards


def write_json_atomically(path: str, obj: object) -> None:
    """`obj` as UTF-8 JSON at `path`, all or nothing."""
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(obj, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, path)
    except OSError as error:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None


def read_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as error:
        raise InputFileError(f"{path}: cannot read ({error.strerror or error})") from None
    except ValueError as error:
        raise InputFileError(f"{path}: not valid JSON ({error})") from None
