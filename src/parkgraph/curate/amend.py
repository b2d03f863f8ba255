"""What review adds to the extractor's claims: an observation's subject (`about`) and period
changed, and facts the extractor missed added from a span of the text.

References to entities (an observation's about, a relation's ends) are either a card id of
the queue (an entity card, extracted or added) or the IRI of an entity the project's graph
holds with one of REF_CLASSES. Periods are written as a reader writes them (2024年,
2024年上半年, 十四五, 2021—2025年, 2024年1—11月) and read by the extractor's own period
grammar, so a reviewer's period means what the same words mean in an article.

Added facts are journal events (action "add", with the card id they create), so undo, the
kill-safety of the journal and replay treat them like every other decision. At finishing they
become extraction items with rule ADDED_RULE, written by the extractor's writer like the rest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from parkgraph.curate.journal import DecisionError
from parkgraph.extract.model import Entity, Extraction, Observation, Period, Relation, Span
from parkgraph.extract.vocabulary import concept_by_label, concept_for

ADDED_RULE = "review-added"
REF_RULE = "review-ref"  # the stand-in of a graph entity a reviewed fact points to
AMENDED = ("about", "period")  # observation fields this module checks and applies
ADDABLE = ("entity", "observation", "relation")
REF_CLASSES = ("HighTechZone", "EconomicDevelopmentZone", "Park", "IndustrialCluster", "Industry",
               "Organization", "AdministrativeArea")
RELATION_PREDICATES = ("locatedIn", "partOfPark", "hasCluster", "hasIndustry", "holdsTitle", "aspiresTo",
                       "pursues", "owner", "hasPlatform", "runs", "integratesInto", "industry")
_FIELDS = {
    "entity": {"cls", "label"},
    "relation": {"predicate", "subject", "object"},
    "observation": {"about", "value", "unit", "status", "comparator", "period", "indicator", "stated"},
}
_COMMON = {"action", "what", "start", "end", "text", "expect"}
_YEARS = re.compile(r"(\d{4})(?:\s*[-—–~至到]\s*(\d{4}))?")
_LABEL_MAX = 200

_GRAPH_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?cls (SAMPLE(?l) AS ?label) WHERE {
  { ?s a ?cls } UNION { GRAPH ?g { ?s a ?cls } }
  VALUES ?cls { CLASSES }
  OPTIONAL { { ?s skos:prefLabel ?l } UNION { GRAPH ?g2 { ?s skos:prefLabel ?l } } FILTER(LANG(?l) = "zh") }
  FILTER(isIRI(?s))
} GROUP BY ?s ?cls
""".replace("CLASSES", " ".join(f"<https://w3id.org/parkgraph/ontology#{c}>" for c in REF_CLASSES))


@dataclass(frozen=True)
class GraphEntity:
    iri: str
    cls: str
    label: str


def graph_entities(store: ox.Store) -> dict[str, GraphEntity]:
    """Every entity of the graph an observation or relation may point to, by IRI (the most
    specific class: HighTechZone before Park)."""
    out: dict[str, GraphEntity] = {}
    for row in store.query(_GRAPH_QUERY):  # type: ignore[union-attr]
        iri = row["s"].value
        cls = row["cls"].value.rsplit("#", 1)[-1]
        label = row["label"].value if row["label"] is not None else iri.rsplit("/", 1)[-1]
        old = out.get(iri)
        if old is None or REF_CLASSES.index(cls) < REF_CLASSES.index(old.cls):
            out[iri] = GraphEntity(iri, cls, label)
    return out


def parse_period(value: str, ref_year: int | None) -> Period | None:
    """The period a reviewer wrote; None for "none". DecisionError for anything the period
    grammar does not read whole, or that has no year."""
    from parkgraph.extract.periods import find_periods

    value = value.strip()
    if value == "none":
        return None
    m = _YEARS.fullmatch(value)
    if m:
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 1900 <= a <= b <= 2100:
            raise DecisionError(f"period {value!r}: years between 1900 and 2100, "
                                "the first not after the last")
        return Period("", f"{a}年" if a == b else f"{a}—{b}年", a, b)
    found = find_periods(value, ref_year)
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(value)) or found[0].kind == "date":
        raise DecisionError(f"period {value!r}: not a period as an article writes one (2024年, 2024年上半年, "
                            "十四五, 2021—2025年, 2024年1—11月), nor start–end years (2021-2025), nor none")
    p = found[0]
    if p.start_year is None and p.end_year is None:
        raise DecisionError(f"period {value!r} has no year (the source has no publication year to read it "
                            "against): give the year, as in 2024年1—11月")
    return Period("", p.label, p.start_year, p.end_year, p.start_month, p.end_month)


def _clean_label(what: str, value: Any) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise DecisionError(f"{what}: give a label")
    if len(text) > _LABEL_MAX:
        raise DecisionError(f"{what}: {len(text)} characters; at most {_LABEL_MAX}")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise DecisionError(f"{what}: control or format characters are not allowed in {text!r}")
    return text


class Amendments:
    """The checks and the finishing of about/period edits and added facts for one session.

    `cards()` are the queue's cards (entity cards by id), `graph()` the graph's entities;
    both are asked for when needed, so a session that never amends never reads the graph."""

    def __init__(self, text: str, published: str | None, cards: Any, graph: Any) -> None:
        self.text = text
        self.ref_year = int(published[:4]) if published and published[:4].isdigit() else None
        self._cards, self._graph = cards, graph

    # ------------------------------------------------------------------------- references

    def check_ref(self, what: str, value: Any) -> str:
        """A card id of an entity card, or the IRI of a graph entity; DecisionError otherwise."""
        ref = str(value if value is not None else "").strip()
        if not ref:
            raise DecisionError(f"{what}: give an entity card id (c3) or the IRI of an entity of the graph")
        card = self._cards().get(ref)
        if card is not None:
            if card["kind"] == "code":
                return ref  # a code name: what a park pursues, whose owner a city or body is
            if card["kind"] != "entity":
                raise DecisionError(f"{what}: card {ref} is not an entity card (it is a {card['kind']} card)")
            return ref
        if ref.startswith(("http://", "https://")):
            if ref not in self._graph():
                raise DecisionError(f"{what}: {ref} is not a park, cluster, industry, organisation or area "
                                    "of the project's graph")
            return ref
        raise DecisionError(f"{what}: no entity card {ref!r} in this queue, and not an IRI")

    def ref_label(self, ref: str, labels: dict[str, str]) -> str:
        if ref in labels:
            return labels[ref]
        g = self._graph().get(ref)
        return g.label if g else ref

    def vocabulary(self) -> dict[str, list[str]]:
        """What an added fact may say: for the page's lists."""
        from parkgraph.curate.review import COMPARATORS, STATUSES
        from parkgraph.extract.writing import CLASSES, UNITS

        return {"what": list(ADDABLE), "classes": list(CLASSES), "units": sorted(UNITS),
                "predicates": list(RELATION_PREDICATES), "statuses": list(STATUSES),
                "comparators": list(COMPARATORS)}

    def period_fields(self, value: str) -> dict[str, Any]:
        p = parse_period(value, self.ref_year)
        return {"period": p.label if p else None, "years": [p.start_year, p.end_year] if p else None}

    # ------------------------------------------------------------------------- checks

    def check_edit(self, fld: str, value: str) -> str:
        if fld == "about":
            return self.check_ref("about", value)
        parse_period(value, self.ref_year)
        return value.strip()

    def check_add(self, payload: dict[str, Any], card_id: str) -> dict[str, Any]:
        """The journal event of an add (its card id, span and checked fields)."""
        from parkgraph.curate.review import COMPARATORS, STATUSES
        from parkgraph.extract.writing import (
            CLASS_ALIASES,
            CLASSES,
            EVIDENCE_MAX,
            UNIT_ALIASES,
            UNITS,
            anchor,
        )

        what = payload.get("what")
        if what not in ADDABLE:
            raise DecisionError(f"add what {what!r}: one of {', '.join(ADDABLE)}")
        unknown = sorted(set(payload) - _COMMON - _FIELDS[what] - {"card"})
        if unknown:
            raise DecisionError(f"add {what}: unknown field {unknown[0]!r} (fields: "
                                f"{', '.join(sorted(_FIELDS[what]))}, start, end, text)")
        start, end = payload.get("start"), payload.get("end")
        if type(start) is not int or type(end) is not int:
            raise DecisionError("add: start and end are code-point offsets into the text (whole numbers)")
        if not 0 <= start < end <= len(self.text):
            raise DecisionError(f"add: span {start}–{end} is not within the text "
                                f"(0–{len(self.text)}, start < end)")
        quoted = payload.get("text")
        if quoted is not None and quoted != self.text[start:end]:
            raise DecisionError(f"add: the text at {start}–{end} is {self.text[start:end]!r}, not {quoted!r}")
        words = self.text[start:end]
        span = anchor(self.text, Span(start, end)) if words.strip() else None
        if span is None:
            raise DecisionError(f"add: span {start}–{end} holds only white space")
        if span.end - span.start >= EVIDENCE_MAX and end - start > EVIDENCE_MAX:
            raise DecisionError(f"add: span {start}–{end} is {end - start} characters; select at most "
                                f"{EVIDENCE_MAX} (the words that state the fact)")
        event: dict[str, Any] = {"action": "add", "card": card_id, "what": what,
                                 "start": span.start, "end": span.end}
        words = self.text[span.start:span.end]
        if what == "entity":
            cls = str(payload.get("cls"))
            if CLASS_ALIASES.get(cls, cls) not in CLASSES:
                raise DecisionError(f"add entity: unknown class {cls!r}; one of {', '.join(CLASSES)}")
            event["cls"] = CLASS_ALIASES.get(cls, cls)
            event["label"] = _clean_label("add entity label", payload.get("label") or words)
        elif what == "relation":
            pred = str(payload.get("predicate"))
            if pred not in RELATION_PREDICATES:
                raise DecisionError(f"add relation: predicate {pred!r}; "
                                    f"one of {', '.join(RELATION_PREDICATES)}")
            event["predicate"] = pred
            event["subject"] = self.check_ref("add relation subject", payload.get("subject"))
            event["object"] = self.check_ref("add relation object", payload.get("object"))
            if event["subject"] == event["object"]:
                raise DecisionError("add relation: subject and object are the same entity")
        else:
            event["about"] = self.check_ref("add observation about", payload.get("about"))
            value = str(payload.get("value", "")).strip()
            try:
                number = Decimal(value)
            except InvalidOperation:
                number = Decimal("NaN")
            if not number.is_finite():
                raise DecisionError(f"add observation: value {value!r}: "
                                    "give a number such as 94000000000 or 18.6")
            unit = str(payload.get("unit"))
            if UNIT_ALIASES.get(unit, unit) not in UNITS:
                raise DecisionError(f"add observation: unknown unit {unit!r}; "
                                    f"one of {', '.join(sorted(UNITS))}")
            status = str(payload.get("status", "Actual"))
            comparator = str(payload.get("comparator", "Exactly"))
            if status not in STATUSES:
                raise DecisionError(f"add observation: status {status!r}; one of {', '.join(STATUSES)}")
            if comparator not in COMPARATORS:
                raise DecisionError(f"add observation: comparator {comparator!r}; "
                                    f"one of {', '.join(COMPARATORS)}")
            period = str(payload.get("period") or "none").strip()
            parse_period(period, self.ref_year)
            event.update(value=value, unit=UNIT_ALIASES.get(unit, unit), status=status, comparator=comparator,
                         period=period,
                         indicator=_clean_label("add observation indicator", payload.get("indicator")),
                         stated=_clean_label("add observation stated", payload.get("stated") or words))
        return event

    # ------------------------------------------------------------------------- cards

    def cards(self, base: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The cards of the add events `events`, after the queue's cards `base`."""
        labels = {c["id"]: c["fields"]["label"] for c in base if c["kind"] == "entity"}
        out = []
        for e in events:
            card = self.card(e, labels)
            if card["kind"] == "entity":
                labels[card["id"]] = card["fields"]["label"]
            out.append(card)
        return out

    def card(self, event: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
        """The card an add event makes (shown and decided like an extracted one)."""
        what, start, end = event["what"], event["start"], event["end"]
        quote = {"start": start, "end": end, "text": self.text[start:end]}
        base = {"kind": what, "id": event["card"], "added": True, "evidence": quote, "rule": ADDED_RULE,
                "confidence": 1.0, "by": event.get("by")}
        if what == "entity":
            return {**base, "subject": event["label"], "predicate": "a", "value": event["cls"],
                    "fields": {"label": event["label"], "class": event["cls"], "alt_labels": [],
                               "level": None, "gb_code": None},
                    "links": [], "link_note": "added in review"}
        if what == "relation":
            return {**base, "subject": self.ref_label(event["subject"], labels),
                    "predicate": event["predicate"],
                    "value": self.ref_label(event["object"], labels), "fields": {},
                    "refs": {"subject": event["subject"], "object": event["object"]}}
        p = parse_period(event["period"], self.ref_year)
        return {**base, "subject": self.ref_label(event["about"], labels), "predicate": event["indicator"],
                "value": event["value"], "disagrees": [],
                "fields": {"indicator": event["indicator"], "stated": event["stated"],
                           "value": event["value"], "unit": event["unit"], "comparator": event["comparator"],
                           "status": event["status"], "period": p.label if p else None,
                           "years": [p.start_year, p.end_year] if p else None, "about": event["about"]}}

    # ------------------------------------------------------------------------- finishing

    def extend(self, x: Extraction, base_cards: list[dict[str, Any]], added: list[dict[str, Any]],
               decisions: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Entity]]:
        """Put the added facts and the about/period edits into `x` (in place); the cards with
        the refs of the added ones, and the stand-ins of graph entities, to be written after
        the decisions are applied (they have no card of their own)."""
        keys: dict[str, str] = {}
        for c in base_cards:
            if c["kind"] == "entity":
                keys[c["id"]] = x.entities[c["ref"][1]].key
            elif c["kind"] == "code":
                keys[c["id"]] = x.codes[c["ref"][1]].key
        standins: dict[str, Entity] = {}

        def key(ref: str, span: Span) -> str:
            if ref in keys:
                return keys[ref]
            g = self._graph()[ref]
            e = standins.get(ref)
            if e is None:
                e = standins[ref] = Entity(key=f"graph:{ref}", cls=g.cls, label=g.label, evidence=[],
                                           rule=f"{REF_RULE} {ref}", confidence=1.0)
            if span not in e.evidence:
                e.evidence.append(span)
            return e.key

        def period(value: str) -> str | None:
            p = parse_period(value, self.ref_year)
            if p is None:
                return None
            p.key = f"review-period:{len(x.periods)}"
            x.periods.append(p)
            return p.key

        cards = list(base_cards)
        for ev, card in zip(added, self.cards(base_cards, added), strict=True):
            span = Span(ev["start"], ev["end"])
            if ev["what"] == "entity":
                keys[ev["card"]] = f"added:{ev['card']}"
                card["ref"] = ["entities", len(x.entities)]
                x.entities.append(Entity(key=keys[ev["card"]], cls=ev["cls"], label=ev["label"],
                                         evidence=[span], rule=ADDED_RULE, confidence=1.0))
            elif ev["what"] == "relation":
                card["ref"] = ["relations", len(x.relations)]
                x.relations.append(Relation(key(ev["subject"], span), ev["predicate"],
                                            key(ev["object"], span), span, rule=ADDED_RULE, confidence=1.0))
            else:
                card["ref"] = ["observations", len(x.observations)]
                x.observations.append(Observation(
                    about=key(ev["about"], span), indicator=ev["indicator"], stated=ev["stated"],
                    value=Decimal(ev["value"]), unit=ev["unit"], comparator=ev["comparator"],
                    status=ev["status"], evidence=span, period=period(ev["period"]), rule=ADDED_RULE,
                    confidence=1.0,
                    # the vocabulary's concept, as extraction would propose it for these words
                    concept=concept_by_label(ev["indicator"]) or concept_for(ev["indicator"])))
            cards.append(card)
        for c in cards:
            if c["kind"] != "observation":
                continue
            edits = decisions[c["id"]].edits
            o = x.observations[c["ref"][1]]
            if "about" in edits:
                o.about = key(edits["about"], o.evidence)
            if "period" in edits:
                o.period = period(edits["period"])
        return cards, list(standins.values())
