"""Exporting the graph for other tools: RDF syntaxes, network formats, spreadsheets.

    ttl, nt           the graph (union of all named graphs) as triples, sorted
    nq, trig          quads: one named graph per source document (from dist/parkgraph.trig)
    jsonld            compact JSON-LD with the project's @context
    rdfxml            RDF/XML (Protégé, older tools)
    graphml, gexf     the instance network (networkx) for Gephi, yEd, Cytoscape: nodes carry
                      label_zh, label_en, class, class_label_zh/en, evidence, source and their
                      other literal values; edges carry property, label_zh, label_en
    csv               a directory with nodes.csv and edges.csv, UTF-8 with a byte-order mark so
                      that Excel shows the Chinese

`render_export` is pure (format → file names and bytes); `export_graph` writes them
atomically (a temporary file beside each target, then a rename), so an error leaves nothing
half-written. A CONSTRUCT or DESCRIBE query can select a subset.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from parkgraph.errors import OutputError, QueryError, UnknownName, check_output_directory
from parkgraph.namespaces import PG, PGR, PREFIXES

TRIPLE_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
QUAD_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS: dict[str, str] = {
    "ttl": "Turtle",
    "nt": "N-Triples",
    "nq": "N-Quads (one named graph per source)",
    "trig": "TriG (one named graph per source)",
    "jsonld": "JSON-LD with the parkgraph @context",
    "rdfxml": "RDF/XML (Protégé)",
    "graphml": "GraphML (networkx; yEd, Cytoscape, Gephi)",
    "gexf": "GEXF (Gephi)",
    "csv": "nodes.csv + edges.csv in a directory (UTF-8 with BOM, for Excel)",
}
EXTENSIONS = {
    "ttl": "ttl",
    "nt": "nt",
    "nq": "nq",
    "trig": "trig",
    "jsonld": "jsonld",
    "rdfxml": "rdf",
    "graphml": "graphml",
    "gexf": "gexf",
}
MULTI_FILE = {"csv"}

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
SKOS_PREF = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
SUBCLASS = ox.NamedNode(PREFIXES["rdfs"] + "subClassOf")
EVIDENCE = ox.NamedNode(PG + "evidence")
DERIVED = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
# Resources typed with these are vocabulary, not instances: they are left out of the networks.
SCHEMA_TYPES = {
    PREFIXES["owl"] + t
    for t in (
        "Class",
        "ObjectProperty",
        "DatatypeProperty",
        "AnnotationProperty",
        "Ontology",
        "TransitiveProperty",
        "FunctionalProperty",
        "Restriction",
    )
} | {
    PREFIXES["rdfs"] + "Class",
    PREFIXES["rdf"] + "Property",
    PREFIXES["sh"] + "NodeShape",
    PREFIXES["skos"] + "ConceptScheme",
}
NODE_COLUMNS = ["id", "class", "label_zh", "label_en", "evidence", "source"]
EDGE_COLUMNS = ["source", "target", "property", "label_zh", "label_en"]
MULTI_SEPARATOR = " | "


def check_format(fmt: str) -> str:
    key = fmt.lower().lstrip(".")
    key = {
        "turtle": "ttl",
        "ntriples": "nt",
        "nquads": "nq",
        "json-ld": "jsonld",
        "rdf": "rdfxml",
        "xml": "rdfxml",
        "owl": "rdfxml",
    }.get(key, key)
    if key not in FORMATS:
        raise UnknownName(f"{fmt!r}: unknown export format; use one of {', '.join(FORMATS)}")
    return key


# ---------------------------------------------------------------------------------------- input


def quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def triple_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


NOT_CONSTRUCT = "export --query needs a CONSTRUCT or DESCRIBE query (it makes the triples to export)"


def construct(store: ox.Store, query: str) -> list[ox.Triple]:
    """The triples a CONSTRUCT or DESCRIBE `query` makes from `store` (all graphs as one)."""
    from parkgraph.sparqltext import QueryText, syntax_error_message

    text = QueryText(query)
    if text.service:
        raise QueryError("export --query: SERVICE (a call to a remote endpoint) is not allowed here")
    if not text.is_graph:
        raise QueryError(NOT_CONSTRUCT)
    try:
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(syntax_error_message(query, str(err.msg or err), "export --query")) from None
    except OSError as err:
        raise QueryError(f"export --query: the query failed ({err})") from None
    if not isinstance(result, ox.QueryTriples):
        raise QueryError(NOT_CONSTRUCT)
    return sorted(set(result), key=triple_key)


def all_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Every triple of every graph once, sorted (the same order as dist/parkgraph.nt)."""
    return sorted({q.triple for q in quads}, key=triple_key)


GraphSource = ox.Store | Sequence[ox.Quad]


def as_store(source: GraphSource) -> ox.Store:
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    store.extend(source)
    return store


# ---------------------------------------------------------------------------------------- render


def serialize(items: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    data = ox.serialize(items, format=fmt, prefixes=PREFIXES)
    assert data is not None
    return data


def render_export(source: GraphSource, fmt: str, query: str | None = None) -> dict[str, bytes]:
    """The files of an export: {file name: bytes}. One file, except for csv (two).

    `source` is the graph (with the ontology, whose labels name classes and properties): a
    store, or quads as parsed from a file. Quads are written as they are; a pyoxigraph store
    gives literals in canonical form (94000000000.0 → 94000000000, the same xsd:decimal).
    `query` (CONSTRUCT/DESCRIBE) selects a subset. Quad formats keep the named graphs of
    `source`; with a query their triples are in the default graph.
    """
    fmt = check_format(fmt)
    if fmt in QUAD_FORMATS:
        quads = (
            [ox.Quad(t.subject, t.predicate, t.object) for t in construct(as_store(source), query)]
            if query
            else sorted(source, key=quad_key)
        )
        return {f"parkgraph.{fmt}": serialize(quads, QUAD_FORMATS[fmt])}
    triples = construct(as_store(source), query) if query else all_triples(source)
    if fmt in TRIPLE_FORMATS:
        return {f"parkgraph.{EXTENSIONS[fmt]}": serialize(triples, TRIPLE_FORMATS[fmt])}
    if fmt == "jsonld":
        from parkgraph.build import jsonld_bytes  # rdflib's JSON-LD writer, with our @context

        return {"parkgraph.jsonld": jsonld_bytes(serialize(triples, ox.RdfFormat.N_TRIPLES))}
    network = instance_network(triples, as_store(source))
    if fmt == "csv":
        return {"nodes.csv": nodes_csv(network), "edges.csv": edges_csv(network)}
    return {f"parkgraph.{fmt}": network_bytes(network, fmt)}


# ---------------------------------------------------------------------------------------- network


@dataclass
class Network:
    """Instances as nodes (with their literal values) and the links between them as edges."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[dict[str, str]] = field(default_factory=list)


def node_id(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)  # a blank node: _:id


def curie(iri: str) -> str:
    """`pg:Park` for an IRI in a known namespace, else the IRI."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1] or iri


class Labels:
    """rdfs:label / skos:prefLabel by language, read from the whole store (ontology included)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.cache: dict[str, dict[str, str]] = {}

    def of(self, iri: str) -> dict[str, str]:
        if iri not in self.cache:
            found: dict[str, list[str]] = defaultdict(list)
            for prop in (RDFS_LABEL, SKOS_PREF):
                for quad in self.store.quads_for_pattern(ox.NamedNode(iri), prop, None, None):
                    lit = quad.object
                    if isinstance(lit, ox.Literal) and lit.language:
                        found[lit.language.split("-")[0].lower()].append(lit.value)
            self.cache[iri] = {lang: sorted(set(vals))[0] for lang, vals in found.items()}
        return self.cache[iri]


def most_specific(types: set[str], store: ox.Store) -> str:
    """Of a node's classes, one that is not a superclass of another, preferring pg: ones."""
    if not types:
        return ""
    supers: set[str] = set()
    for cls in types:
        for quad in store.quads_for_pattern(ox.NamedNode(cls), SUBCLASS, None, None):
            if isinstance(quad.object, ox.NamedNode):
                supers.add(quad.object.value)
    leaves = sorted(types - supers) or sorted(types)
    own = [c for c in leaves if c.startswith(PG)]
    return (own or leaves)[0]


def attribute_name(prop: str, lang: str | None, taken: dict[str, str]) -> str:
    """A node attribute for `prop` (+ language): its local name, or prefix_local on a clash."""
    base = {PREFIXES["rdfs"] + "label": "label", PG + "evidence": "evidence"}.get(prop, local_name(prop))
    name = f"{base}_{lang}" if lang else base
    if taken.setdefault(name, prop) != prop:
        name = curie(prop).replace(":", "_") + (f"_{lang}" if lang else "")
    return name


def instance_network(triples: list[ox.Triple], store: ox.Store) -> Network:
    """Nodes: every subject that is not vocabulary; edges: the links between two nodes."""
    labels = Labels(store)
    types: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            types[node_id(t.subject)].add(t.object.value)
    subjects = {node_id(t.subject) for t in triples if not isinstance(t.subject, ox.Triple)}
    # Typed resources and anything under pgr:; the ontology's terms and its untyped helper
    # nodes (owl:oneOf lists, restrictions) are vocabulary.
    nodes = {
        s
        for s in subjects
        if (types.get(s) or s.startswith(PGR))
        and not types[s] & SCHEMA_TYPES
        and not s.startswith((PG, PREFIXES["sh"]))
    }
    values: dict[str, dict[str, set[str]]] = {n: defaultdict(set) for n in nodes}
    # Names the export sets itself; a property whose local name clashes gets prefix_local.
    taken = {name: "" for name in ("id", "label", "class", "class_label_zh", "class_label_en", "source")}
    taken["label_zh"], taken["label_en"] = RDFS_LABEL.value, RDFS_LABEL.value
    network = Network()
    for t in triples:
        s = node_id(t.subject)
        if s not in nodes or t.predicate == RDF_TYPE:
            continue
        prop = t.predicate.value
        obj = t.object
        if isinstance(obj, ox.Literal):
            lang = obj.language.replace("-", "_") if obj.language else None
            values[s][attribute_name(prop, lang, taken)].add(obj.value)
        elif node_id(obj) in nodes:
            plabels = labels.of(prop)
            network.edges.append(
                {
                    "source": s,
                    "target": node_id(obj),
                    "property": curie(prop),
                    "label_zh": plabels.get("zh", ""),
                    "label_en": plabels.get("en", local_name(prop)),
                }
            )
            if t.predicate == DERIVED:
                values[s]["source"].add(node_id(obj))
        elif isinstance(obj, ox.NamedNode):
            # A link to vocabulary (pg:CNY, pg:Actual …) is a property of the node, not an edge.
            olabels = labels.of(obj.value)
            values[s][attribute_name(prop, None, taken)].add(olabels.get("en", local_name(obj.value)))
    for n in sorted(nodes):
        attrs = {k: MULTI_SEPARATOR.join(sorted(v)) for k, v in sorted(values[n].items())}
        cls = most_specific(types[n], store)
        clabels = labels.of(cls) if cls else {}
        attrs["class"] = curie(cls) if cls else ""
        attrs["class_label_zh"] = clabels.get("zh", "")
        attrs["class_label_en"] = clabels.get("en", local_name(cls) if cls else "")
        attrs["label"] = attrs.get("label_zh") or attrs.get("label_en") or curie(n)
        network.nodes[n] = attrs
    network.edges.sort(key=lambda e: (e["source"], e["property"], e["target"]))
    return network


def network_bytes(network: Network, fmt: str) -> bytes:
    import networkx as nx

    graph = nx.MultiDiGraph()
    for n, attrs in network.nodes.items():
        graph.add_node(n, **attrs)
    for e in network.edges:
        extra = {k: v for k, v in e.items() if k not in ("source", "target")}
        graph.add_edge(e["source"], e["target"], key=e["property"], label=e["property"], **extra)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    else:
        gexf_writer(graph).write(buffer)
    return buffer.getvalue()


def gexf_writer(graph: object) -> Any:
    """networkx's GEXF writer for `graph`, without the date of the day.

    `nx.write_gexf` stamps `<meta lastmodifieddate="…">` with today's date and has no
    parameter for it, so the same graph exported on two days would differ. This does what
    `write_gexf` does, after dropping that (optional) attribute from the `<meta>` element.
    """
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    return writer


def csv_bytes(columns: list[str], rows: Iterable[dict[str, str]]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8-sig")


def nodes_csv(network: Network) -> bytes:
    return csv_bytes(NODE_COLUMNS, ({"id": n, **a} for n, a in network.nodes.items()))


def edges_csv(network: Network) -> bytes:
    return csv_bytes(EDGE_COLUMNS, network.edges)


# ---------------------------------------------------------------------------------------- write


def export_graph(
    source: GraphSource,
    fmt: str,
    out: Path,
    query: str | None = None,
    *,
    rendered: dict[str, bytes] | None = None,
) -> list[Path]:
    """Export `source` as `fmt` to `out` (a file; for csv, a directory) and return the paths.

    `rendered` is what `render_export` already made, if it was called first. Raises
    UnknownName for an unknown format, QueryError for a bad query, OutputError when `out`
    can't be written; on any error nothing is left half-written.
    """
    fmt = check_format(fmt)
    files = rendered if rendered is not None else render_export(source, fmt, query)
    if fmt in MULTI_FILE:
        return write_files(out, files)
    ((_, data),) = files.items()
    write_atomically(out, data)
    return [out]


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file beside it and a rename."""
    from parkgraph.atomic import write_all

    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the export")
    check_output_directory(path)
    write_all(path.parent, {path.name: data}, "nothing exported")


def write_files(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write several files into `directory`, all or nothing (see parkgraph.atomic)."""
    from parkgraph.atomic import write_all

    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: is a file; csv export writes a directory (nodes.csv, edges.csv)")
    check_output_directory(directory)  # the csv directory itself is made, not its parents
    try:
        directory.mkdir(exist_ok=True)
    except OSError as err:
        raise OutputError(f"{directory}: cannot write the export ({err.strerror or err})") from None
    return write_all(directory, files, f"nothing exported, {directory} left as it was")
