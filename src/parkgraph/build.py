"""Build: merge the ontology and the curated data, check them, and write dist/.

    ontology/ + data/  ->  parse  ->  SHACL + checks  ->  dist/ (ttl, nt, jsonld, trig, void)

Outputs are deterministic (blank nodes are canonicalised with RDFC-1.0 and every file is
written in sorted order) and atomic: everything is written to a temporary directory first and
only moved into dist/ once the whole build has succeeded.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from parkgraph import __version__
from parkgraph.errors import InputFileError, NotConforming, OutputError
from parkgraph.graphsource import MANIFEST, sha256_file
from parkgraph.namedqueries import is_decimal
from parkgraph.namespaces import PG_GRAPH, PGR, PREFIXES
from parkgraph.portability import check_portability
from parkgraph.project import Project
from parkgraph.rdfio import read_files

DIST_NAME = "parkgraph"
ONTOLOGY_GRAPH = ox.NamedNode(PG_GRAPH + "ontology")
DATASET = ox.NamedNode(PGR + "dataset-parkgraph")
XSD_DECIMAL = ox.NamedNode(PREFIXES["xsd"] + "decimal")

# The files a build writes, in the order the VoID description lists them.
DUMPS: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "trig": (ox.RdfFormat.TRIG, "application/trig"),
}

Progress = Callable[[str], None]


def graph_name_for(path: Path) -> ox.NamedNode:
    """The named graph of a data file: one per source document, named after the file."""
    try:
        return ox.NamedNode(PG_GRAPH + path.stem)
    except ValueError as err:  # a space, quote or angle bracket in the file name
        raise InputFileError(
            f"{path}: this file name cannot name its graph <{PG_GRAPH}{path.stem}> ({err}); "
            "rename it, e.g. to ascii-kebab-case.ttl"
        ) from None


def quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def load_project_quads(project: Project) -> list[ox.Quad]:
    """Ontology and data as quads, each file in its own named graph, blank nodes canonical."""
    ontology = project.ontology_files()
    graphs = dict.fromkeys(ontology, ONTOLOGY_GRAPH)
    data = project.data_files()
    if not project.data_dir.is_dir():  # a wrong --root, or a deleted data/: not a graph to publish
        raise InputFileError(
            f"{project.data_dir}: does not exist; the data files (one per source document) go there")
    # an empty data/ is a new project (`parkgraph init`): its graph is the ontology until `review`
    graphs.update({p: graph_name_for(p) for p in data})
    quads = read_files(graphs, graphs)
    filled = {q.graph_name for q in quads}
    empty = next((p for p, g in graphs.items() if g not in filled and p not in ontology), None)
    if empty is not None:  # only prefixes and comments, or nothing: surely a mistake
        raise InputFileError(f"{empty}: no triples; a data file holds the facts of one source document")
    dataset = ox.Dataset(canonical_decimals(quads))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=quad_key)


def canonical_decimal(lexical: str) -> str:
    """The XSD 1.1 canonical form of an xsd:decimal: no "+", no leading or trailing zeros, and
    no decimal point for a whole number ("94000000000.0" → "94000000000", "0.50" → "0.5").
    pyoxigraph and Virtuoso answer in this form whatever the input spelling, while Comunica
    and rdflib echo the input: written canonically, every engine gives the same literal."""
    value = Decimal(lexical)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def canonical_decimals(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """`quads` with every valid xsd:decimal literal in its canonical lexical form."""
    out = []
    for quad in quads:
        term = quad.object
        if isinstance(term, ox.Literal) and term.datatype == XSD_DECIMAL:
            # An ill-typed literal stays as written, for the checks to report.
            canonical = canonical_decimal(term.value) if is_decimal(term.value.strip()) else term.value
            if canonical != term.value:
                literal = ox.Literal(canonical, datatype=XSD_DECIMAL)
                quad = ox.Quad(quad.subject, quad.predicate, literal, quad.graph_name)
        out.append(quad)
    return out


def unique_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs as triples, without duplicates, sorted."""
    seen = {q.triple for q in quads}
    return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


@dataclass
class BuildResult:
    dist: Path
    triples: int
    graphs: dict[str, int]
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def build(
    project: Project,
    out_dir: Path | None = None,
    *,
    check: bool = True,
    progress: Progress | None = None,
    check_timeout: float | None = None,
) -> BuildResult:
    """Build the graph of `project` into `out_dir` (default: the project's dist/).

    Raises RdfSyntaxError / InputFileError for unreadable inputs, NotConforming (with the
    validation report) when a shape or check fails, QueryTimeout when they run longer than
    `check_timeout` seconds, OutputError when dist/ can't be written.
    In every error case out_dir is left exactly as it was.
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    dist = out_dir or project.dist

    say(f"parsing {1 + len(project.data_files())} files")
    quads = load_project_quads(project)
    check_portability(quads)  # terms other stores reject (digit-initial names, zh_CN …)
    triples = unique_triples(quads)

    if check:
        from parkgraph.validate import validate_triples  # pyshacl is heavy; only here

        say("validating (SHACL shapes and checks)")
        if check_timeout is None:
            report = validate_triples(triples, project)
        else:  # in a child process that is killed when time is up (a check may never end)
            from parkgraph.query import in_child

            report = in_child(
                lambda: validate_triples(triples, project), check_timeout, "the shapes and checks"
            )
        if not report.conforms:
            raise NotConforming(f"{report.summary()}; build stopped, dist/ left unchanged", report)

    say(f"writing {len(triples)} triples to {dist}")
    graphs = Counter(str(q.graph_name.value) for q in quads)  # type: ignore[union-attr]
    files = render_outputs(project, quads, triples, graphs)
    written = write_atomically(dist, files)
    return BuildResult(
        dist=dist,
        triples=len(triples),
        graphs=dict(sorted(graphs.items())),
        outputs=written,
        seconds=time.perf_counter() - started,
    )


def serialize(items: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """pyoxigraph's serializer into bytes (it returns None only when given an output)."""
    data = ox.serialize(items, format=fmt, prefixes=PREFIXES)
    assert data is not None
    return data


def render_outputs(
    project: Project, quads: list[ox.Quad], triples: list[ox.Triple], graphs: Counter[str]
) -> dict[str, bytes]:
    """Every output file's name and bytes. Pure: nothing is written here."""
    ntriples = serialize(triples, ox.RdfFormat.N_TRIPLES)
    files: dict[str, bytes] = {
        f"{DIST_NAME}.ttl": serialize(triples, ox.RdfFormat.TURTLE),
        f"{DIST_NAME}.nt": ntriples,
        f"{DIST_NAME}.trig": serialize(quads, ox.RdfFormat.TRIG),
        f"{DIST_NAME}.jsonld": jsonld_bytes(ntriples),
        "context.jsonld": json_bytes({"@context": jsonld_context()}),
    }
    files["void.ttl"] = void_description(triples, graphs, files)
    files[MANIFEST] = json_bytes(manifest(project, files, len(triples)))
    return files


def jsonld_context() -> dict[str, object]:
    """A reusable JSON-LD @context: the prefixes plus typed shorthands for common terms."""
    ctx: dict[str, object] = dict(PREFIXES)
    ctx.update(
        {
            "label": {"@id": "rdfs:label", "@container": "@language"},
            "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
            "value": {"@id": "pg:value", "@type": "xsd:decimal"},
            "evidence": {"@id": "pg:evidence"},
            "derivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
        }
    )
    return ctx


def jsonld_bytes(ntriples: bytes) -> bytes:
    """Compact JSON-LD with the project @context, nodes and values in a stable order."""
    import rdflib  # only the JSON-LD writer needs rdflib

    graph = rdflib.Graph()
    graph.parse(data=ntriples, format="nt")
    doc = json.loads(graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    nodes = doc.get("@graph", [doc]) if isinstance(doc, dict) else doc
    nodes = [n for n in nodes if isinstance(n, dict)]
    for node in nodes:
        node.pop("@context", None)
        for key, val in node.items():
            if isinstance(val, list):
                node[key] = sorted(val, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    return json_bytes({"@context": jsonld_context(), "@graph": nodes})


def json_bytes(obj: object) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def void_description(triples: list[ox.Triple], graphs: Counter[str], files: dict[str, bytes]) -> bytes:
    """VoID + DCAT description of the dataset: size, classes, vocabularies, dumps."""
    void, dcat, dct, rdf, xsd = (PREFIXES[p] for p in ("void", "dcat", "dcterms", "rdf", "xsd"))

    def n(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    def lit(value: object, dtype: str | None = None, lang: str | None = None) -> ox.Literal:
        if lang:
            return ox.Literal(str(value), language=lang)
        return ox.Literal(str(value), datatype=n(xsd + dtype) if dtype else None)

    rdf_type = n(rdf + "type")
    out: list[ox.Triple] = []
    add = out.append
    ds = DATASET
    add(ox.Triple(ds, rdf_type, n(void + "Dataset")))
    add(ox.Triple(ds, rdf_type, n(dcat + "Dataset")))
    add(ox.Triple(ds, n(dct + "title"), lit("parkgraph：中国产业园区知识图谱", lang="zh")))
    add(
        ox.Triple(
            ds, n(dct + "title"), lit("parkgraph: a knowledge graph of Chinese industrial parks", lang="en")
        )
    )
    add(ox.Triple(ds, n(dct + "hasVersion"), lit(__version__)))
    add(ox.Triple(ds, n(void + "triples"), lit(len(triples), "integer")))
    subjects = {t.subject for t in triples}
    add(ox.Triple(ds, n(void + "distinctSubjects"), lit(len(subjects), "integer")))
    add(ox.Triple(ds, n(void + "properties"), lit(len({t.predicate for t in triples}), "integer")))
    add(ox.Triple(ds, n(void + "uriSpace"), lit(PGR)))
    vocabularies = {"pg", "rdfs", "owl", "skos", "prov", "time", "dcterms", "schema", "qb", "org", "oa"}
    for prefix in sorted(vocabularies):
        add(ox.Triple(ds, n(void + "vocabulary"), n(PREFIXES[prefix])))
    classes = Counter(str(t.object.value) for t in triples if t.predicate == rdf_type)  # type: ignore[union-attr]
    for i, (cls, count) in enumerate(sorted(classes.items())):
        part = n(f"{PGR}dataset-parkgraph-class-{i + 1}")
        add(ox.Triple(ds, n(void + "classPartition"), part))
        add(ox.Triple(part, n(void + "class"), n(cls)))
        add(ox.Triple(part, n(void + "entities"), lit(count, "integer")))
    for name, count in sorted(graphs.items()):
        add(ox.Triple(ds, n(void + "subset"), n(name)))
        add(ox.Triple(n(name), rdf_type, n(void + "Dataset")))
        add(ox.Triple(n(name), n(void + "triples"), lit(count, "integer")))
    for ext, (_fmt, media) in DUMPS.items():
        dump = n(f"{PGR}dataset-parkgraph-dump-{ext}")
        fname = f"{DIST_NAME}.{ext}"
        add(ox.Triple(ds, n(void + "dataDump"), n(f"{PGR}dump/{fname}")))
        add(ox.Triple(ds, n(dcat + "distribution"), dump))
        add(ox.Triple(dump, rdf_type, n(dcat + "Distribution")))
        add(ox.Triple(dump, n(dcat + "downloadURL"), n(f"{PGR}dump/{fname}")))
        add(ox.Triple(dump, n(dcat + "mediaType"), lit(media)))
        add(ox.Triple(dump, n(dcat + "byteSize"), lit(len(files[fname]), "integer")))
        add(ox.Triple(dump, n(dct + "title"), lit(fname)))
    out.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return serialize(out, ox.RdfFormat.TURTLE)


def manifest(project: Project, files: dict[str, bytes], triples: int) -> dict[str, object]:
    """What went in and what came out, so commands can tell when dist/ is stale."""
    return {
        "parkgraph": __version__,
        "triples": triples,
        "inputs": {str(p.relative_to(project.root)): sha256_file(p) for p in project.input_files()},
        "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }


def write_atomically(dist: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` into `dist` so that a failure part-way leaves every file of `dist` as it
    was (see parkgraph.atomic). `dist` itself is created if missing, its parents are not."""
    from parkgraph.atomic import write_all
    from parkgraph.errors import check_output_directory

    if dist.exists() and not dist.is_dir():
        raise OutputError(f"{dist}: is a file, not a directory; build stopped, nothing written")
    check_output_directory(dist)
    try:
        dist.mkdir(exist_ok=True)
    except OSError as err:
        raise OutputError(f"{dist}: cannot create the output directory ({err.strerror or err})") from None
    return write_all(dist, files, f"build stopped, {dist} left unchanged")
