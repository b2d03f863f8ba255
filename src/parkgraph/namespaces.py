"""Namespace IRIs and the prefixes every parkgraph query may use without declaring them.

Kept free of rdflib so that `parkgraph query` can import it without paying for rdflib.
"""

PG = "https://w3id.org/parkgraph/ontology#"
PGR = "https://w3id.org/parkgraph/resource/"
PG_GRAPH = "https://w3id.org/parkgraph/graph/"

PREFIXES: dict[str, str] = {
    "pg": PG,
    "pgr": PGR,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "qb": "http://purl.org/linked-data/cube#",
    "org": "http://www.w3.org/ns/org#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "oa": "http://www.w3.org/ns/oa#",  # the evidence's place in its text (Web Annotation)
}


def prefixes_in(text: str) -> dict[str, str]:
    """The PREFIXES that `text` may use (`p:` occurs in it): the engine validates each
    prefix it is given on every query, ≈1 µs apiece, which counts on a point lookup."""
    return {p: iri for p, iri in PREFIXES.items() if p + ":" in text}


def sparql_prologue(prefixes: dict[str, str] | None = None) -> str:
    """PREFIX lines for `prefixes` (default: all of PREFIXES), one per line."""
    items = (prefixes or PREFIXES).items()
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in items)
