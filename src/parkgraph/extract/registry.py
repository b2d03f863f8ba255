"""Entities found so far in one document: one per thing, however many times it is named."""

from __future__ import annotations

from parkgraph.extract.model import Entity, Span


class Registry:
    def __init__(self) -> None:
        self.by_key: dict[str, Entity] = {}
        # (start, end) of each entity's evidence: "already there?" without comparing Span
        # dataclasses one by one (an entity named twenty times was 200 comparisons)
        self._seen: dict[str, set[tuple[int, int]]] = {}

    def add(self, key: str, cls: str, label: str, span: Span, *, rule: str, confidence: float = 0.8,
            level: str | None = None, gb_code: str | None = None) -> Entity:
        """The entity `key`, created on first mention; later mentions add evidence and name forms."""
        e = self.by_key.get(key)
        if e is None:
            e = Entity(key=key, cls=cls, label=label, evidence=[span], level=level, gb_code=gb_code,
                       rule=rule, confidence=confidence)
            self.by_key[key] = e
            self._seen[key] = {(span.start, span.end)}
            return e
        seen = self._seen[key]
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            e.evidence.append(span)
        if label != e.label and label not in e.alt_labels:
            e.alt_labels.append(label)
        return e
