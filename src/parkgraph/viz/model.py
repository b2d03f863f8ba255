"""From RDF to what the network page draws: nodes, edges and each node's details.

What becomes a node and what becomes an edge (the page's counts follow these rules):

* A **node** is an *instance* the graph *describes*: an IRI outside the vocabulary
  namespaces (pg:, rdf:, rdfs:, owl:, skos:, prov:, schema: … — everything in
  `PREFIXES` except pgr:), or a blank node, that is the subject of at least one triple and
  is not itself a class, property, ontology or shape, nor an indicator (the concepts of
  ontology/indicators.ttl are the vocabulary's, though minted as pgr: names). The
  ontology's own triples are therefore never drawn.
* An **edge** is a triple between two nodes, except `rdf:type` (shown as the node's colour
  and shape) and `prov:wasDerivedFrom` (shown as the source of the evidence in the side
  panel; as edges it would tie every fact to one article and swamp the picture).
* **Literals** go into the node's details, and so do links to vocabulary individuals such
  as pg:Target, pg:CNY or an indicator (shown by their label).

The drawn part (`base`) and the part that labels and details are looked up in (`context`)
may differ: a CONSTRUCT result is drawn, but its nodes are described from the whole graph.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from parkgraph.errors import InputFileError, QueryError, UnknownName
from parkgraph.namespaces import PG, PREFIXES

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]
SKOS = PREFIXES["skos"]
SH = PREFIXES["sh"]

RDF_TYPE = ox.NamedNode(RDF + "type")
SUBCLASS_OF = ox.NamedNode(RDFS + "subClassOf")
LABEL_PROPS = (ox.NamedNode(SKOS + "prefLabel"), ox.NamedNode(RDFS + "label"))
ALT_LABEL = ox.NamedNode(SKOS + "altLabel")
NOTATION = ox.NamedNode(SKOS + "notation")
EVIDENCE = ox.NamedNode(PG + "evidence")
DERIVED_FROM = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
DC_TITLE = ox.NamedNode(PREFIXES["dcterms"] + "title")
ABOUT = ox.NamedNode(PG + "about")
OBSERVATION = PG + "Observation"
# What a node is to the page: parks are the hubs that expand, strategies stay drawn beside
# them, observations are summarised in their subject's panel, sources fill the selector.
ROLES = (
    (PG + "Park", "park"),
    (PG + "Observation", "observation"),
    (PG + "SourceDocument", "source"),
    (PG + "Strategy", "strategy"),
)

# Links shown in the details rather than drawn (see the module docstring).
DETAIL_LINKS = frozenset({RDF_TYPE, DERIVED_FROM, ox.NamedNode(PREFIXES["prov"] + "wasAttributedTo"),
                          ox.NamedNode(PREFIXES["prov"] + "wasGeneratedBy")})
# Literal properties the panel shows in sections of their own.
OWN_SECTION = frozenset({*LABEL_PROPS, ALT_LABEL, EVIDENCE})

VOCAB_NAMESPACES = (
    *(iri for prefix, iri in PREFIXES.items() if prefix != "pgr"),
    "http://xmlns.com/foaf/0.1/",
)
META_TYPES = frozenset(
    ox.NamedNode(iri)
    for iri in (
        OWL + "Class",
        RDFS + "Class",
        RDF + "Property",
        OWL + "ObjectProperty",
        OWL + "DatatypeProperty",
        OWL + "AnnotationProperty",
        OWL + "Ontology",
        OWL + "Restriction",
        OWL + "AllDisjointClasses",
        OWL + "AllDifferent",
        RDF + "List",
        SH + "NodeShape",
        SH + "PropertyShape",
    )
)
RDF_FIRST = ox.NamedNode(RDF + "first")
# Classes whose members are vocabulary, shown by their label: the indicator scheme has some
# seventy concepts, nearly all unused by any one graph, that would float about as nodes.
VOCAB_CLASSES = frozenset({ox.NamedNode(PG + "Indicator")})
# Provenance machinery, shown in a fact's details rather than drawn: the Web Annotation anchors
# (an annotation, its target and two selectors for every evidence span) and the extraction
# activities; a curated article has four times as many of them as facts.
OA = "http://www.w3.org/ns/oa#"
PROVENANCE_CLASSES = frozenset(ox.NamedNode(iri) for iri in (
    OA + "Annotation", OA + "SpecificResource", OA + "TextQuoteSelector", OA + "TextPositionSelector",
    "http://www.w3.org/ns/prov#Activity",
))

Resource = ox.NamedNode | ox.BlankNode
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Labels = dict[str, str]  # {"zh": …, "en": …}; either may be missing


@dataclass(frozen=True)
class ClassStyle:
    color: str
    shape: str
    size: int


# Colour and shape per class of the ontology contract; other classes get OTHER_COLORS in turn.
CLASS_STYLES: dict[str, ClassStyle] = {
    PG + "HighTechZone": ClassStyle("#d62728", "star", 26),
    PG + "Park": ClassStyle("#e45756", "star", 24),
    PG + "AdministrativeArea": ClassStyle("#8c564b", "square", 16),
    PG + "IndustrialCluster": ClassStyle("#1f77b4", "dot", 15),
    PG + "Industry": ClassStyle("#17becf", "diamond", 13),
    PG + "Strategy": ClassStyle("#9467bd", "hexagon", 17),
    PG + "StrategyComponent": ClassStyle("#b39ddb", "hexagon", 12),
    PG + "Goal": ClassStyle("#2ca02c", "triangle", 14),
    PG + "FocusArea": ClassStyle("#8bc34a", "triangle", 12),
    PG + "Observation": ClassStyle("#ff7f0e", "diamond", 11),
    PG + "Period": ClassStyle("#7f7f7f", "triangleDown", 12),
    PG + "Platform": ClassStyle("#3f51b5", "square", 13),
    PG + "Initiative": ClassStyle("#607d3b", "triangleDown", 13),
    PG + "Title": ClassStyle("#e6a700", "star", 14),
    PG + "Organization": ClassStyle("#795548", "dot", 13),
    PG + "MediaAccount": ClassStyle("#c2185b", "dot", 12),
    PG + "SourceDocument": ClassStyle("#455a64", "square", 14),
}
OTHER_COLORS = ("#00897b", "#5d4037", "#6d4c41", "#ad1457", "#283593", "#558b2f", "#4e342e", "#0277bd")
NO_CLASS = ""  # nodes without a type


@dataclass
class Number:
    """One stated number (a pg:Observation), ready to show."""

    observation: str
    indicator: Labels
    stated_as: str
    value: str  # normalised, with thousands separators
    unit: Labels
    comparator: Labels
    status: Labels
    status_kind: str  # "actual", "target" or the status's local name
    period: Labels
    about: Labels
    # For grouping and charting: the indicator concept (its IRI, or its pg:indicatorText
    # when there is none), the unit's IRI, the exact decimal, the period's years.
    indicator_key: str = ""
    unit_key: str = ""
    amount: str = ""  # the pg:value's lexical form, e.g. "94000000000"
    period_key: str = ""
    start_year: int | None = None
    end_year: int | None = None
    evidence: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # keys of the source documents


@dataclass
class Node:
    key: str  # "<iri>" or "_:b0": the sort key, unique
    iri: str
    cls: str
    labels: Labels
    alt_labels: list[str] = field(default_factory=list)
    literals: list[tuple[str, str, str]] = field(default_factory=list)  # (property IRI, value, lang)
    refs: list[tuple[str, Labels]] = field(default_factory=list)  # (property IRI, vocabulary term)
    evidence: list[str] = field(default_factory=list)
    sources: list[Labels] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    degree: int = 0
    role: str = ""  # "park", "strategy", "observation", "source" or "" (see ROLES)
    source_keys: list[str] = field(default_factory=list)  # what it was derived from


@dataclass(frozen=True)
class Edge:
    source: str  # Node.key
    prop: str  # property IRI
    target: str  # Node.key


@dataclass
class ClassInfo:
    iri: str
    labels: Labels
    style: ClassStyle
    count: int = 0


@dataclass
class VizModel:
    """What the page draws. Nodes and edges are sorted, so the page is deterministic."""

    nodes: list[Node]
    edges: list[Edge]
    classes: list[ClassInfo]
    properties: dict[str, Labels]
    total_nodes: int  # before --max-nodes
    total_edges: int
    triples: int  # triples in the graph drawn from
    omitted_nodes: int = 0
    omitted_edges: int = 0
    selection: Labels = field(default_factory=dict)  # what was selected, in words
    source_docs: dict[str, Labels] = field(default_factory=dict)  # key -> title, sorted by key

    @property
    def truncated(self) -> bool:
        return self.omitted_nodes > 0


# --------------------------------------------------------------------------------------
# Input: whatever graph the caller has, as a pyoxigraph Store
# --------------------------------------------------------------------------------------


def as_store(graph: object) -> ox.Store:
    """A pyoxigraph Store for `graph`: a Store (used as is), an rdflib Graph or Dataset,
    or an iterable of pyoxigraph Triples/Quads or rdflib (s, p, o) tuples."""
    if isinstance(graph, ox.Store):
        return graph
    store = ox.Store()
    module = type(graph).__module__
    if module.startswith("rdflib"):
        # N-Quads keeps named graphs of a Dataset; a plain Graph serialises its triples.
        contexts = hasattr(graph, "contexts")
        data = graph.serialize(format="nquads" if contexts else "nt", encoding="utf-8")  # type: ignore[attr-defined]
        store.load(data, format=ox.RdfFormat.N_QUADS if contexts else ox.RdfFormat.N_TRIPLES)
        return store
    if not isinstance(graph, Iterable):
        raise InputFileError(
            f"cannot draw a {type(graph).__name__}: give a pyoxigraph Store, an rdflib Graph "
            "or an iterable of triples"
        )
    store.extend(_as_quads(graph))
    return store


def _as_quads(items: Iterable[Any]) -> Iterator[ox.Quad]:
    for item in items:
        if isinstance(item, ox.Quad):
            yield item
        elif isinstance(item, ox.Triple):
            yield ox.Quad(item.subject, item.predicate, item.object)
        else:
            s, p, o = item[:3]
            yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o))  # type: ignore[arg-type]


def _ox_term(term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term (URIRef, BNode, Literal) as a pyoxigraph term."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    kind = type(term).__name__
    if kind == "URIRef":
        return ox.NamedNode(str(term))
    if kind == "BNode":
        return ox.BlankNode(str(term))
    if kind == "Literal":
        lang = getattr(term, "language", None)
        dtype = getattr(term, "datatype", None)
        if lang:
            return ox.Literal(str(term), language=lang)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(dtype)) if dtype else None)
    raise InputFileError(f"cannot draw a triple with a {kind} in it ({term!r})")


# --------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------


def term_key(term: Resource) -> str:
    return str(term)


def local_name(iri: str) -> str:
    tail = re.split(r"[#/:]", iri.rstrip("/#"))[-1]
    return tail or iri


def lang_key(tag: str | None) -> str | None:
    """The language a tag stands for: zh, zh-CN, zh-Hans → "zh"; en-GB → "en"; else None."""
    if not tag:
        return None
    base = tag.lower().split("-")[0]
    return base if base in ("zh", "en") else None


class Reader:
    """Looks things up in the context graph, with caches (the same class is asked often)."""

    def __init__(self, context: ox.Store) -> None:
        self.context = context
        self._labels: dict[str, Labels] = {}
        self._types: dict[str, list[ox.NamedNode]] = {}
        self._supers: dict[str, frozenset[str]] = {}

    def objects(self, subject: Resource, predicate: ox.NamedNode) -> list[Term]:
        return [q.object for q in self.context.quads_for_pattern(subject, predicate, None, None)]

    def describes(self, term: Resource) -> bool:
        return any(True for _ in self.context.quads_for_pattern(term, None, None, None))

    def types(self, term: Resource) -> list[ox.NamedNode]:
        key = term_key(term)
        if key not in self._types:
            found = {o for o in self.objects(term, RDF_TYPE) if isinstance(o, ox.NamedNode)}
            self._types[key] = sorted(found, key=str)
        return self._types[key]

    def is_instance(self, term: object) -> bool:
        """A node the page may draw (see the module docstring); described or not."""
        if isinstance(term, ox.NamedNode):
            if term.value.startswith(VOCAB_NAMESPACES):
                return False
        elif not isinstance(term, ox.BlankNode) or self.objects(term, RDF_FIRST):
            return False  # not a resource, or a cell of an RDF list (e.g. of owl:oneOf)
        return not any(t in META_TYPES or t in VOCAB_CLASSES or t in PROVENANCE_CLASSES
                       for t in self.types(term))

    def superclasses(self, cls: str) -> frozenset[str]:
        """`cls` and every class above it (rdfs:subClassOf, transitively)."""
        if cls not in self._supers:
            seen = {cls}
            todo = [cls]
            while todo:
                for o in self.objects(ox.NamedNode(todo.pop()), SUBCLASS_OF):
                    if isinstance(o, ox.NamedNode) and o.value not in seen:
                        seen.add(o.value)
                        todo.append(o.value)
            self._supers[cls] = frozenset(seen)
        return self._supers[cls]

    def main_class(self, term: Resource) -> str:
        """The most specific type, preferring the ontology's own classes ("" if untyped)."""
        types = [t.value for t in self.types(term) if t not in META_TYPES]
        if not types:
            return NO_CLASS
        specific = [t for t in types if not any(t != u and t in self.superclasses(u) for u in types)]
        ours = [t for t in specific if t.startswith(PG)]
        return (ours or specific)[0]

    def labels(self, term: ox.NamedNode | ox.BlankNode) -> Labels:
        """The zh and en label (skos:prefLabel before rdfs:label); the local name if none."""
        key = term_key(term)
        if key in self._labels:
            return self._labels[key]
        found: Labels = {}
        untagged: list[str] = []
        for prop in LABEL_PROPS:
            for o in sorted(self.objects(term, prop), key=str):
                if not isinstance(o, ox.Literal):
                    continue
                lang = lang_key(o.language)
                if lang and lang not in found:
                    found[lang] = o.value
                elif o.language is None:
                    untagged.append(o.value)
        if not found:
            fallback = untagged[0] if untagged else self._fallback_name(term)
            found = {"zh": fallback, "en": fallback}
        self._labels[key] = found
        return found

    def _fallback_name(self, term: ox.NamedNode | ox.BlankNode) -> str:
        notations = [o.value for o in self.objects(term, NOTATION) if isinstance(o, ox.Literal)]
        if notations:
            return sorted(notations)[0]
        return local_name(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"


# --------------------------------------------------------------------------------------
# Choosing what to draw
# --------------------------------------------------------------------------------------


def drawable_nodes(base: ox.Store, reader: Reader) -> set[Resource]:
    """Every instance that `base` has triples about, or links to and the context describes."""
    out: set[Resource] = set()
    objects: set[Term] = set()
    for quad in base.quads_for_pattern(None, None, None, None):
        subject = quad.subject
        if (
            subject not in out
            and isinstance(subject, ox.NamedNode | ox.BlankNode)
            and reader.is_instance(subject)
        ):
            out.add(subject)
        if isinstance(quad.object, ox.NamedNode | ox.BlankNode) and quad.predicate not in DETAIL_LINKS:
            objects.add(quad.object)
    for term in objects - out:
        if (
            isinstance(term, ox.NamedNode | ox.BlankNode)
            and reader.is_instance(term)
            and reader.describes(term)
        ):
            out.add(term)
    return out


def links_of(base: ox.Store, node: Resource, nodes: set[Resource] | None = None) -> Iterator[ox.Quad]:
    """Triples from or to `node` that are drawn as edges (to any node, or within `nodes`)."""
    for quad in base.quads_for_pattern(node, None, None, None):
        obj = quad.object
        linked = quad.predicate not in DETAIL_LINKS and isinstance(obj, ox.NamedNode | ox.BlankNode)
        if linked and (nodes is None or obj in nodes):
            yield quad
    for quad in base.quads_for_pattern(None, None, node, None):
        if quad.predicate not in DETAIL_LINKS and (nodes is None or quad.subject in nodes):
            yield quad


def neighbourhood(base: ox.Store, reader: Reader, center: Resource, hops: int) -> set[Resource]:
    """`center` and every node within `hops` links of it, following links both ways."""
    found: set[Resource] = {center}
    frontier: deque[tuple[Resource, int]] = deque([(center, 0)])
    while frontier:
        node, dist = frontier.popleft()
        if dist >= hops:
            continue
        for quad in links_of(base, node):
            for other in (quad.subject, quad.object):
                if other in found or not isinstance(other, ox.NamedNode | ox.BlankNode):
                    continue
                if reader.is_instance(other) and reader.describes(other):
                    found.add(other)
                    frontier.append((other, dist + 1))
    return found


def edges_among(base: ox.Store, nodes: set[Resource]) -> set[tuple[Resource, str, Resource]]:
    out: set[tuple[Resource, str, Resource]] = set()
    for node in nodes:
        for quad in base.quads_for_pattern(node, None, None, None):
            if quad.predicate not in DETAIL_LINKS and quad.object in nodes:
                out.add((node, quad.predicate.value, quad.object))  # type: ignore[arg-type]
    return out


def resolve_node(context: ox.Store, reader: Reader, name: str) -> Resource:
    from parkgraph.names import resolve  # the same resolution as `describe`

    node = resolve(context, name)
    if not reader.is_instance(node):
        raise UnknownName(
            f"{name!r} names {node.value}, a term of the vocabulary, not a resource of the graph; "
            "give a park, cluster, strategy … (use --class to draw all members of a class)"
        )
    return node


def resolve_class(context: ox.Store, reader: Reader, name: str) -> str:
    """The class `name` stands for: its IRI, prefixed name or a zh/en label, among the classes
    of the graph (declared, or the types of its resources and their superclasses). Otherwise
    UnknownName that suggests those classes, not resources as `describe` would."""
    import difflib

    from parkgraph.names import expand, normalize, shown
    from parkgraph.results import compact

    members: dict[str, set[Resource]] = {}
    for declared in (OWL + "Class", RDFS + "Class"):
        for quad in context.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(declared), None):
            if isinstance(quad.subject, ox.NamedNode):
                members.setdefault(quad.subject.value, set())
    for quad in context.quads_for_pattern(None, RDF_TYPE, None, None):
        if isinstance(quad.object, ox.NamedNode) and reader.is_instance(quad.subject):
            for cls in reader.superclasses(quad.object.value):
                members.setdefault(cls, set()).add(quad.subject)  # type: ignore[arg-type]
    iri = expand(name)
    if iri is not None and iri in members:
        return iri
    index: dict[str, set[str]] = {}  # normalised name -> classes
    written: dict[str, str] = {}  # normalised name -> as the graph writes it
    for cls in members:
        for text in (compact(cls), *reader.labels(ox.NamedNode(cls)).values()):
            index.setdefault(normalize(text), set()).add(cls)
            written.setdefault(normalize(text), text)
    key = normalize(name)
    found = sorted(index.get(key, ())) if iri is None else []
    if len(found) == 1:
        return found[0]
    if found:
        raise UnknownName(f"{shown(name)} is ambiguous: it names the classes {', '.join(found)}")
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.4)
    close += [k for k in index if key and key in k and k not in close][: 5 - len(close)]
    if close:
        hint = f"did you mean {', '.join(shown(written[k]) for k in close)}?"
    else:
        biggest = sorted(members, key=lambda c: (not c.startswith(PG), -len(members[c]), c))[:6]
        named = [f"{reader.labels(ox.NamedNode(c)).get('zh', '')} {compact(c)}".strip() for c in biggest]
        hint = f"classes of the graph include {', '.join(named)}"
    problem = "not a class of the graph" if iri is not None else "no class of the graph has this name"
    raise UnknownName(f"{shown(name)}: {problem}; {hint}")


def construct(context: ox.Store, query: str, origin: str = "query") -> ox.Store:
    """The triples a CONSTRUCT (or DESCRIBE) query returns, in a store of their own."""
    from parkgraph.sparqltext import QueryText  # SERVICE decided from the parse tree

    if QueryText(query).service:
        raise QueryError(f"{origin}: SERVICE is not allowed here (the page is drawn from the local graph)")
    try:
        result = context.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"{origin}: {err.msg or err}") from None
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"{origin}: the query failed: {err}") from None
    if not isinstance(result, ox.QueryTriples):
        kind = "SELECT" if isinstance(result, ox.QuerySolutions) else "ASK"
        raise QueryError(f"{origin}: a {kind} query gives no graph to draw; write a CONSTRUCT query")
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in result)
    return store


def read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise QueryError(f"{path}: cannot read the query ({reason})") from None


# --------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------


def build_model(
    graph: object,
    *,
    focus: str | None = None,
    hops: int = 2,
    query: str | None = None,
    classes: Iterable[str] = (),
    max_nodes: int | None = None,
    context: object | None = None,
    query_origin: str = "query",
) -> VizModel:
    """Select what to draw from `graph` and describe each node.

    `graph` is anything `as_store` takes. `query` (SPARQL CONSTRUCT text) draws its result
    instead of the whole graph; `focus` (a name, resolved as `describe` does) keeps the
    nodes within `hops` links of it; `classes` (names of classes) keeps nodes of those
    classes or their subclasses; `max_nodes` keeps the best-connected nodes and records
    how many were left out. Labels and details come from `context` (default: `graph`).

    Raises UnknownName for a focus or class that names nothing, QueryError for a bad query.
    """
    ctx = as_store(context if context is not None else graph)
    base = as_store(graph) if context is not None else ctx
    reader = Reader(ctx)
    words: dict[str, list[str]] = {"zh": [], "en": []}
    if query is not None:
        base = construct(ctx, query, query_origin)
        words["zh"].append("查询结果")
        words["en"].append("query result")

    wanted = [resolve_class(ctx, reader, name) for name in classes]
    if focus is not None:
        center = resolve_node(ctx, reader, focus)
        if not any(True for _ in base.quads_for_pattern(center, None, None, None)) and not any(
            True for _ in base.quads_for_pattern(None, None, center, None)
        ):
            raise UnknownName(f"{focus!r} ({center.value}) is not in the graph being drawn")
        nodes = neighbourhood(base, reader, center, hops)
        name = reader.labels(center)
        words["zh"].append(f"“{name.get('zh', name.get('en', ''))}” 周围 {hops} 跳")
        words["en"].append(
            f"{hops} hop{'' if hops == 1 else 's'} around “{name.get('en', name.get('zh', ''))}”"
        )
    else:
        center = None
        nodes = drawable_nodes(base, reader)
    if wanted:
        nodes = {
            n
            for n in nodes
            if n == center or any(set(wanted) & reader.superclasses(t.value) for t in reader.types(n))
        }
        names = [reader.labels(ox.NamedNode(c)) for c in wanted]
        words["zh"].append("类: " + "、".join(n.get("zh", "") for n in names))
        words["en"].append("classes: " + ", ".join(n.get("en", "") for n in names))

    triples = edges_among(base, nodes)
    total_nodes, total_edges = len(nodes), len(triples)
    degree: dict[Resource, int] = dict.fromkeys(nodes, 0)
    for s, _p, o in triples:
        degree[s] += 1
        degree[o] += 1
    if max_nodes is not None and len(nodes) > max_nodes:
        # Keep the best-connected nodes (and the focus); ties by IRI, so the cut is stable.
        ranked = sorted(nodes, key=lambda n: (n != center, -degree[n], term_key(n)))
        nodes = set(ranked[:max_nodes])
        triples = {t for t in triples if t[0] in nodes and t[2] in nodes}

    model_nodes = [describe_node(reader, n) for n in sorted(nodes, key=term_key)]
    for node in model_nodes:
        node.degree = 0
    by_key = {n.key: n for n in model_nodes}
    edges = sorted(
        (Edge(term_key(s), p, term_key(o)) for s, p, o in triples),
        key=lambda e: (e.source, e.prop, e.target),
    )
    for edge in edges:
        by_key[edge.source].degree += 1
        by_key[edge.target].degree += 1
    sources: dict[str, Labels] = {}
    for node in model_nodes:
        for key, labels in zip(node.source_keys, node.sources, strict=True):
            sources.setdefault(key, labels)
        for number in node.numbers:
            for key in number.sources:
                sources.setdefault(key, source_labels(reader, _resource(key)))
    return VizModel(
        nodes=model_nodes,
        edges=edges,
        classes=class_infos(reader, model_nodes),
        properties=property_labels(reader, model_nodes, edges),
        total_nodes=total_nodes,
        total_edges=total_edges,
        triples=len(base),
        omitted_nodes=total_nodes - len(model_nodes),
        omitted_edges=total_edges - len(edges),
        selection={lang: "; ".join(parts) for lang, parts in words.items() if parts},
        source_docs=dict(sorted(sources.items())),
    )


def _resource(key: str) -> Resource:
    """The term a `term_key` was made from."""
    return ox.NamedNode(key[1:-1]) if key.startswith("<") else ox.BlankNode(key[2:])


def describe_node(reader: Reader, term: Resource) -> Node:
    node = Node(
        key=term_key(term),
        iri=term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}",
        cls=reader.main_class(term),
        labels=reader.labels(term),
    )
    for quad in sorted(reader.context.quads_for_pattern(term, None, None, None), key=lambda q: str(q.triple)):
        prop, obj = quad.predicate, quad.object
        if isinstance(obj, ox.Literal):
            if prop == EVIDENCE:
                node.evidence.append(obj.value)
            elif prop == ALT_LABEL:
                node.alt_labels.append(obj.value)
            elif prop not in OWN_SECTION:
                node.literals.append((prop.value, obj.value, obj.language or ""))
        elif prop == DERIVED_FROM and isinstance(obj, ox.NamedNode | ox.BlankNode):
            node.sources.append(source_labels(reader, obj))
            node.source_keys.append(term_key(obj))
        elif prop != RDF_TYPE and isinstance(obj, ox.NamedNode) and not reader.is_instance(obj):
            node.refs.append((prop.value, reader.labels(obj)))
    node.evidence = sorted(set(node.evidence))
    node.alt_labels = sorted(set(node.alt_labels) - set(node.labels.values()))
    node.numbers = numbers_for(reader, term, node.cls)
    supers = reader.superclasses(node.cls) if node.cls else frozenset()
    node.role = next((role for cls, role in ROLES if cls in supers), "")
    return node


def source_labels(reader: Reader, source: ox.NamedNode | ox.BlankNode) -> Labels:
    """A source document by its title (dcterms:title), else its label."""
    found: Labels = {}
    for o in sorted(reader.objects(source, DC_TITLE), key=str):
        if isinstance(o, ox.Literal):
            found.setdefault(lang_key(o.language) or "zh", o.value)
    return found or dict(reader.labels(source))


def numbers_for(reader: Reader, term: Resource, cls: str) -> list[Number]:
    """The numbers to show for `term`: itself if an observation, else the ones about it."""
    if cls and OBSERVATION in reader.superclasses(cls):
        observations: list[Resource] = [term]
    else:
        observations = sorted(
            (
                q.subject
                for q in reader.context.quads_for_pattern(None, ABOUT, term, None)
                if isinstance(q.subject, ox.NamedNode | ox.BlankNode)
            ),
            key=term_key,
        )
    return [number_of(reader, obs) for obs in observations]


def number_of(reader: Reader, obs: Resource) -> Number:
    def first(prop: str) -> Term | None:
        found = sorted(reader.objects(obs, ox.NamedNode(PG + prop)), key=str)
        return found[0] if found else None

    def named(prop: str) -> Labels:
        term = first(prop)
        return reader.labels(term) if isinstance(term, ox.NamedNode | ox.BlankNode) else {}

    value, stated, status = first("value"), first("statedAs"), first("status")
    period = named("period")
    period_term = first("period")
    years: list[str] = []
    if isinstance(period_term, ox.NamedNode | ox.BlankNode):
        years = [first_literal(reader, period_term, p) for p in ("startYear", "endYear")]
        if all(years):
            span = f"{years[0]}–{years[1]}" if years[0] != years[1] else str(years[0])
            period = {lang: f"{text} ({span})" for lang, text in period.items()}
    indicator, unit = first("indicator"), first("unit")
    indicator_labels = named("indicator")
    if not isinstance(indicator, ox.NamedNode | ox.BlankNode):
        # No concept yet (the extractor's wording only): group by that wording.
        text = first("indicatorText")
        indicator_labels = {"zh": text.value} if isinstance(text, ox.Literal) else {}
        indicator_key = f'"{text.value}"' if isinstance(text, ox.Literal) else ""
    else:
        indicator_key = term_key(indicator)
    derived = sorted(
        term_key(o) for o in reader.objects(obs, DERIVED_FROM) if isinstance(o, ox.NamedNode | ox.BlankNode)
    )
    return Number(
        observation=term_key(obs),
        indicator=indicator_labels,
        stated_as=stated.value if isinstance(stated, ox.Literal) else "",
        value=format_decimal(value.value) if isinstance(value, ox.Literal) else "",
        unit=named("unit"),
        comparator=named("comparator"),
        status=named("status"),
        status_kind=local_name(status.value).lower() if isinstance(status, ox.NamedNode) else "",
        period=period,
        about=named("about"),
        indicator_key=indicator_key,
        unit_key=term_key(unit) if isinstance(unit, ox.NamedNode | ox.BlankNode) else "",
        amount=value.value if isinstance(value, ox.Literal) else "",
        period_key=term_key(period_term) if isinstance(period_term, ox.NamedNode | ox.BlankNode) else "",
        start_year=_year(years[0]) if years else None,
        end_year=_year(years[1]) if years else None,
        evidence=sorted(
            {o.value for o in reader.objects(obs, EVIDENCE) if isinstance(o, ox.Literal)}
        ),
        sources=derived,
    )


def _year(text: str) -> int | None:
    """2026 from an xsd:gYear ("2026", "2026Z", "-0044"); None if it is not one."""
    match = re.match(r"-?\d{4,}", text)
    return int(match.group(0)) if match else None


def first_literal(reader: Reader, term: Resource, prop: str) -> str:
    found = sorted(
        o.value for o in reader.objects(term, ox.NamedNode(PG + prop)) if isinstance(o, ox.Literal)
    )
    return found[0] if found else ""


def format_decimal(text: str) -> str:
    """94000000000 → 94,000,000,000; 12.50 → 12.5; anything unparsable as it is."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def class_infos(reader: Reader, nodes: list[Node]) -> list[ClassInfo]:
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.cls] = counts.get(node.cls, 0) + 1
    known = [c for c in CLASS_STYLES if c in counts]
    others = sorted(c for c in counts if c not in CLASS_STYLES)
    out = []
    for i, cls in enumerate(others):
        style = ClassStyle(OTHER_COLORS[i % len(OTHER_COLORS)], "dot", 12)
        labels = reader.labels(ox.NamedNode(cls)) if cls else {"zh": "其他", "en": "other"}
        out.append(ClassInfo(cls, labels, style, counts[cls]))
    known_infos = [ClassInfo(c, reader.labels(ox.NamedNode(c)), CLASS_STYLES[c], counts[c]) for c in known]
    return known_infos + out


def property_labels(reader: Reader, nodes: list[Node], edges: list[Edge]) -> dict[str, Labels]:
    props = {e.prop for e in edges}
    for node in nodes:
        props.update(p for p, _v, _l in node.literals)
        props.update(p for p, _t in node.refs)
    return {p: reader.labels(ox.NamedNode(p)) for p in sorted(props)}
