"""Looking around the graph by name: everything about one entity, and a label search.

describe_entity(store, "永川高新区") -> Description   (grouped by property, with evidence)
search_labels(store, "新材料") -> [Hit, …]            (labels in either language)
"""

from __future__ import annotations

import pyoxigraph as ox

from parkgraph.names import normalize, resolve
from parkgraph.namespaces import PG, PREFIXES
from parkgraph.results import compact
from parkgraph.store import has_merged_default_graph

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
SKOS_PREF = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
EVIDENCE = ox.NamedNode(PG + "evidence")
DERIVED = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
NAME_PROPS = [RDFS_LABEL, SKOS_PREF, ox.NamedNode(PREFIXES["skos"] + "altLabel")]
NAME_PROPS_ALL = [*NAME_PROPS, ox.NamedNode(PREFIXES["skos"] + "notation")]


class Value:
    """An object (or, for incoming links, a subject) with the words that make it readable."""

    __slots__ = ("label", "term")

    def __init__(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, label: str) -> None:
        self.term, self.label = term, label

    def as_json(self) -> dict[str, object]:
        if isinstance(self.term, ox.Literal):
            out: dict[str, object] = {"value": self.term.value}
            if self.term.language:
                out["lang"] = self.term.language
            elif self.term.datatype.value != PREFIXES["xsd"] + "string":
                out["datatype"] = compact(self.term.datatype.value)
            return out
        return {"id": compact(str(getattr(self.term, "value", self.term))), "label": self.label}


class Group:
    __slots__ = ("label", "prop", "seen", "values")

    def __init__(self, prop: str, label: str) -> None:
        self.prop, self.label = prop, label
        self.values: list[Value] = []
        self.seen: set[object] = set()  # the terms in `values`: a lookup, not a scan of the list

    def add(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, label: str) -> None:
        """Add `term` once (a property with 100 k values stays linear)."""
        if term not in self.seen:
            self.seen.add(term)
            self.values.append(Value(term, label))


class Number:
    """One observation about an entity, readable: what, how much as stated, when, and where said."""

    __slots__ = ("comparator", "conflicts", "evidence", "indicator", "iri", "period", "sources", "stated",
                 "status", "unit", "value", "years")

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.indicator = self.stated = self.value = self.unit = self.comparator = ""
        self.period = self.years = self.status = ""
        self.evidence: list[str] = []
        self.sources: list[Value] = []
        self.conflicts: list[str] = []  # other observations: same indicator, period, status; other value

    def as_json(self) -> dict[str, object]:
        return {"id": compact(self.iri), "indicator": self.indicator, "stated": self.stated,
                "value": self.value, "unit": self.unit, "comparator": self.comparator,
                "period": self.period, "years": self.years, "status": self.status, "evidence": self.evidence,
                "sources": [v.as_json() for v in self.sources],
                "disagrees_with": [compact(c) for c in self.conflicts]}


class Description:
    """Everything the graph says about one entity."""

    __slots__ = ("classes", "evidence", "incoming", "iri", "labels", "numbers", "outgoing", "sources")

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.labels: dict[str, str] = {}
        self.classes: list[Value] = []
        self.outgoing: list[Group] = []
        self.incoming: list[Group] = []
        self.evidence: list[str] = []
        self.sources: list[Value] = []
        self.numbers: list[Number] = []

    def as_json(self) -> dict[str, object]:
        def groups(gs: list[Group]) -> dict[str, object]:
            return {compact(g.prop): [v.as_json() for v in g.values] for g in gs}

        return {
            "id": compact(self.iri),
            "iri": self.iri,
            "labels": self.labels,
            "classes": [v.as_json() for v in self.classes],
            "properties": groups(self.outgoing),
            "evidence": self.evidence,
            "sources": [v.as_json() for v in self.sources],
            "numbers": [n.as_json() for n in self.numbers],
            "linked_from": groups(self.incoming),
        }


def quads(store: ox.Store, s: object, p: object, o: object) -> list[ox.Quad]:
    """The statements matching (s, p, o) in the graph a query without GRAPH sees: the merged
    default graph `parkgraph load` writes, else each triple once over all graphs (a fact two
    sources state is in both their graphs, and must be listed once)."""
    if has_merged_default_graph(store):
        return list(store.quads_for_pattern(s, p, o, ox.DefaultGraph()))  # type: ignore[arg-type]
    seen: dict[tuple[object, object, object], ox.Quad] = {}
    for q in store.quads_for_pattern(s, p, o, None):  # type: ignore[arg-type]
        seen.setdefault((q.subject, q.predicate, q.object), q)
    return list(seen.values())


def label_of(store: ox.Store, term: object, lang: str) -> str:
    """The label of `term` in `lang` (else the other language, else its prefixed name)."""
    if isinstance(term, ox.Literal):
        return term.value
    if not isinstance(term, ox.NamedNode):
        return str(term)
    found: dict[str, str] = {}
    for prop in (RDFS_LABEL, SKOS_PREF):
        for quad in quads(store, term, prop, None):
            obj = quad.object
            if isinstance(obj, ox.Literal):
                found.setdefault((obj.language or "")[:2], obj.value)
    for key in (lang, "en" if lang == "zh" else "zh", ""):
        if key in found:
            return found[key]
    return compact(term.value)


def sort_key(term: object) -> tuple[int, str]:
    if isinstance(term, ox.Literal):
        return (0, f"{term.language or ''}\x00{term.value}")
    return (1, str(term))


def describe_entity(store: ox.Store, name: str, lang: str = "zh") -> Description:
    """Everything about the entity `name` (IRI, prefixed name, label, alt label or code)."""
    node = resolve(store, name)
    out = Description(node.value)
    outgoing: dict[str, Group] = {}
    evidence: set[str] = set()
    for quad in sorted(quads(store, node, None, None), key=lambda q: sort_key(q.object)):
        pred, obj = quad.predicate, quad.object
        if pred == EVIDENCE and isinstance(obj, ox.Literal):
            if obj.value not in evidence:
                evidence.add(obj.value)
                out.evidence.append(obj.value)
            continue
        if pred == DERIVED:
            out.sources.append(Value(obj, label_of(store, obj, lang)))
            continue
        if pred == RDF_TYPE:
            out.classes.append(Value(obj, label_of(store, obj, lang)))
            continue
        if pred == RDFS_LABEL and isinstance(obj, ox.Literal):
            out.labels.setdefault((obj.language or "")[:2] or "-", obj.value)
        group = outgoing.get(pred.value)
        if group is None:
            group = outgoing[pred.value] = Group(pred.value, label_of(store, pred, lang))
        if obj not in group.seen:
            group.add(obj, label_of(store, obj, lang))
    out.outgoing = sorted(outgoing.values(), key=lambda g: property_rank(g.prop))
    incoming: dict[str, Group] = {}
    for quad in quads(store, None, None, node):
        pred, subj = quad.predicate, quad.subject
        group = incoming.get(pred.value)
        if group is None:
            group = incoming[pred.value] = Group(pred.value, label_of(store, pred, lang))
        if subj not in group.seen:
            group.add(subj, label_of(store, subj, lang))
    for group in incoming.values():
        group.values.sort(key=lambda v: (v.label, str(v.term)))
    out.incoming = sorted(incoming.values(), key=lambda g: property_rank(g.prop))
    out.numbers = numbers_about(store, node, lang)
    return out


def _first(store: ox.Store, node: ox.NamedNode | ox.BlankNode, prop: str) -> object | None:
    for quad in quads(store, node, ox.NamedNode(PG + prop), None):
        return quad.object
    return None


def numbers_about(store: ox.Store, node: ox.NamedNode, lang: str = "zh") -> list[Number]:
    """Every pg:Observation whose pg:about is `node`, readable, with the disagreements between
    them marked (same indicator, period and status, another value, from another source)."""
    observation = ox.NamedNode(PG + "Observation")
    subjects = {q.subject for q in quads(store, None, ox.NamedNode(PG + "about"), node)}
    out: list[tuple[tuple[str, str, str, str], Number]] = []
    keys: dict[str, tuple[str, str, str]] = {}
    for obs in sorted(subjects, key=str):
        if not isinstance(obs, ox.NamedNode | ox.BlankNode):
            continue
        if not any(True for _ in quads(store, obs, RDF_TYPE, observation)):
            continue
        n = Number(str(getattr(obs, "value", obs)))
        for attr in ("indicator", "unit", "comparator", "status", "period"):
            term = _first(store, obs, attr)
            if term is not None:
                setattr(n, attr, label_of(store, term, lang))
        period = _first(store, obs, "period")
        if isinstance(period, ox.NamedNode | ox.BlankNode):
            start, end = _first(store, period, "startYear"), _first(store, period, "endYear")
            years = [t.value for t in (start, end) if isinstance(t, ox.Literal)]
            n.years = "–".join(dict.fromkeys(years))
        for attr in ("statedAs", "value"):
            term = _first(store, obs, attr)
            if isinstance(term, ox.Literal):
                setattr(n, "stated" if attr == "statedAs" else "value", term.value)
        for quad in quads(store, obs, EVIDENCE, None):
            if isinstance(quad.object, ox.Literal) and quad.object.value not in n.evidence:
                n.evidence.append(quad.object.value)
        for quad in quads(store, obs, DERIVED, None):
            if all(v.term != quad.object for v in n.sources):
                n.sources.append(Value(quad.object, label_of(store, quad.object, lang)))
        keys[n.iri] = (n.indicator, n.years or n.period, n.status)
        out.append(((n.years or "~", n.indicator, n.status, n.iri), n))
    numbers = [n for _, n in sorted(out, key=lambda item: item[0])]
    for n in numbers:
        mine = {str(v.term) for v in n.sources}
        n.conflicts = [m.iri for m in numbers if m is not n and keys[m.iri] == keys[n.iri]
                       and _decimal(m.value) != _decimal(n.value)
                       and mine != {str(v.term) for v in m.sources}]
    return numbers


def _decimal(text: str) -> object:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def property_rank(prop: str) -> tuple[int, str]:
    """Labels first, then the model's own properties, then everything else, by name."""
    first = [p.value for p in NAME_PROPS_ALL]
    if prop in first:
        return (0, str(first.index(prop)))
    return (1 if prop.startswith(PG) else 2, compact(prop))


class Hit:
    """One entity whose name contains the search text."""

    __slots__ = ("classes", "iri", "label_en", "label_zh", "matched")

    def __init__(self, iri: str, matched: str) -> None:
        self.iri, self.matched = iri, matched
        self.label_zh = self.label_en = ""
        self.classes: list[str] = []

    def as_json(self) -> dict[str, object]:
        return {
            "id": compact(self.iri),
            "iri": self.iri,
            "matched": self.matched,
            "zh": self.label_zh,
            "en": self.label_en,
            "classes": self.classes,
        }


def search_labels(store: ox.Store, text: str, *, limit: int | None = None) -> list[Hit]:
    """Entities with a label, alt label or code name containing `text` (either language;
    case, full-/half-width and quote marks ignored), best matches first."""
    key = normalize(text)
    if not key:
        from parkgraph.errors import QueryError

        raise QueryError("search: give some text to look for")
    hits: dict[str, Hit] = {}
    for prop in NAME_PROPS_ALL:
        for quad in quads(store, None, prop, None):
            subj, obj = quad.subject, quad.object
            if not isinstance(subj, ox.NamedNode) or not isinstance(obj, ox.Literal):
                continue
            name = normalize(obj.value)
            if key not in name:
                continue
            hit = hits.get(subj.value)
            if hit is None or rank(key, normalize(hit.matched)) > rank(key, name):
                best = Hit(subj.value, obj.value)
                hits[subj.value] = best
    for hit in hits.values():
        node = ox.NamedNode(hit.iri)
        hit.label_zh = label_of(store, node, "zh")
        hit.label_en = label_of(store, node, "en")
        hit.classes = sorted(
            compact(q.object.value)
            for q in quads(store, node, RDF_TYPE, None)
            if isinstance(q.object, ox.NamedNode)
        )
    ordered = sorted(hits.values(), key=lambda h: (rank(key, normalize(h.matched)), h.iri))
    return ordered[:limit] if limit else ordered


def rank(key: str, name: str) -> tuple[int, int]:
    """Exact names first, then names that start with the text, then shorter names."""
    return (0 if name == key else 1 if name.startswith(key) else 2, len(name))
