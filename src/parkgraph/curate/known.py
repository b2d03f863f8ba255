"""The entities a project's graph already holds, as linking sees them (`KnownEntity`).

Read from the files a build merges (the ontology, the indicator vocabulary, data/*.ttl): a
project's graph is what `build` merges, and data/ is where every fact of it comes from.
"""

from __future__ import annotations

import pyoxigraph as ox

from parkgraph.curate.linking import KnownEntity
from parkgraph.graphsource import load_files
from parkgraph.namespaces import PG
from parkgraph.project import Project

_CLASSES = ("Park", "HighTechZone", "EconomicDevelopmentZone", "AdministrativeArea", "Organization")

_QUERY = """
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?s ?cls ?label ?level ?code ?areaCode ?source WHERE {
  { ?s a ?cls } UNION { GRAPH ?g { ?s a ?cls } }
  VALUES ?cls { CLASSES }
  OPTIONAL { { ?s rdfs:label|skos:prefLabel|skos:altLabel ?label }
             UNION { GRAPH ?g2 { ?s rdfs:label|skos:prefLabel|skos:altLabel ?label } }
             FILTER(LANG(?label) = "zh" || LANG(?label) = "") }
  OPTIONAL { { ?s pg:level ?level } UNION { GRAPH ?g3 { ?s pg:level ?level } } }
  OPTIONAL { { ?s pg:gbCode ?code } UNION { GRAPH ?g4 { ?s pg:gbCode ?code } } }
  OPTIONAL { { ?s pg:locatedIn/pg:gbCode ?areaCode }
             UNION { GRAPH ?g5 { ?s pg:locatedIn ?a } ?a pg:gbCode ?areaCode } }
  OPTIONAL { { ?s prov:wasDerivedFrom ?source } UNION { GRAPH ?g6 { ?s prov:wasDerivedFrom ?source } } }
}
""".replace("CLASSES", " ".join(f"pg:{c}" for c in _CLASSES))


def known_in_store(store: ox.Store) -> list[KnownEntity]:
    """Every park, area and organisation of `store`, with its zh labels, level and codes."""
    rows: dict[str, dict[str, object]] = {}
    for solution in store.query(_QUERY):  # type: ignore[union-attr]
        s = solution["s"]
        if not isinstance(s, ox.NamedNode):
            continue
        entry = rows.setdefault(s.value, {"cls": set(), "labels": [], "level": None, "code": None,
                                          "areas": set(), "sources": set()})
        cls = solution["cls"]
        if isinstance(cls, ox.NamedNode):
            entry["cls"].add(cls.value.removeprefix(PG))  # type: ignore[attr-defined]
        for var, key in (("label", "labels"),):
            term = solution[var]
            if isinstance(term, ox.Literal) and term.value not in entry[key]:  # type: ignore[operator]
                entry[key].append(term.value)  # type: ignore[attr-defined]
        level = solution["level"]
        if isinstance(level, ox.NamedNode):
            entry["level"] = level.value.removeprefix(PG)
        code = solution["code"]
        if isinstance(code, ox.Literal):
            entry["code"] = code.value
        area = solution["areaCode"]
        if isinstance(area, ox.Literal):
            entry["areas"].add(area.value)  # type: ignore[attr-defined]
        source = solution["source"]
        if isinstance(source, ox.NamedNode):
            entry["sources"].add(source.value)  # type: ignore[attr-defined]
    out = []
    for iri, e in sorted(rows.items()):
        classes: set[str] = e["cls"]  # type: ignore[assignment]
        # the most specific class: HighTechZone before Park
        cls = next(c for c in (*_CLASSES[1:3], *_CLASSES[3:], "Park") if c in classes)
        out.append(KnownEntity(
            iri=iri, cls=cls, labels=tuple(sorted(e["labels"])),  # type: ignore[call-overload]
            level=e["level"], gb_code=e["code"],  # type: ignore[arg-type]
            area_codes=tuple(sorted(e["areas"])), sources=tuple(sorted(e["sources"])),  # type: ignore[call-overload]
        ))
    return out


def project_store(project: Project) -> ox.Store:
    """The project's graph as a build would merge it — its ontology (with the indicator
    vocabulary) and curated data — read from the files themselves, not from dist/: a build
    may be older than data/ (a source just removed to be curated again is not "added")."""
    return load_files([str(p) for p in (*project.ontology_files(), *project.data_files())])


def known_entities(project: Project) -> list[KnownEntity]:
    """Every park, area and organisation the project's graph holds."""
    return known_in_store(project_store(project))


_OBSERVATIONS = """
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?o ?about ?i ?indicator ?start ?end ?status ?value ?stated ?evidence ?source WHERE {
  { ?o a pg:Observation } UNION { GRAPH ?g0 { ?o a pg:Observation } }
  { ?o pg:about ?about ; pg:indicator ?i ; pg:status ?status ; pg:value ?value ; prov:wasDerivedFrom ?source }
  UNION { GRAPH ?g1 { ?o pg:about ?about ; pg:indicator ?i ; pg:status ?status ; pg:value ?value ;
                      prov:wasDerivedFrom ?source } }
  { ?i rdfs:label ?indicator } UNION { GRAPH ?g2 { ?i rdfs:label ?indicator } }
  FILTER(LANG(?indicator) = "zh")
  OPTIONAL { { ?o pg:period ?p } UNION { GRAPH ?g3 { ?o pg:period ?p } }
             OPTIONAL { { ?p pg:startYear ?start } UNION { GRAPH ?g4 { ?p pg:startYear ?start } } }
             OPTIONAL { { ?p pg:endYear ?end } UNION { GRAPH ?g5 { ?p pg:endYear ?end } } } }
  OPTIONAL { { ?o pg:statedAs ?stated } UNION { GRAPH ?g6 { ?o pg:statedAs ?stated } } }
  OPTIONAL { { ?o pg:evidence ?evidence } UNION { GRAPH ?g7 { ?o pg:evidence ?evidence } } }
}
"""


def known_observations(store: ox.Store) -> list[dict[str, str]]:
    """Every observation of the graph, flat: about, i (the indicator), indicator (its zh label),
    start/end year, status (local name), value, stated, evidence, source: what a new number is
    compared with."""
    out: dict[str, dict[str, str]] = {}
    for row in store.query(_OBSERVATIONS):  # type: ignore[union-attr]
        iri = str(row["o"].value)
        entry = out.setdefault(iri, {"iri": iri})
        for var in ("about", "i", "indicator", "start", "end", "status", "value", "stated", "evidence",
                    "source"):
            term = row[var]
            if term is not None and var not in entry:
                value = str(term.value)
                entry[var] = value.removeprefix(PG) if var == "status" else value
    return [out[k] for k in sorted(out)]
