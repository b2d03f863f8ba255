"""Statistics of a built graph: counts by class and property, and each park's headline numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from parkgraph.namespaces import PREFIXES
from parkgraph.validate import short

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""
PROPERTY_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o }
GROUP BY ?p ORDER BY DESC(?n) ?p
"""
# Each park's observations: the numbers people ask for first.
PARK_NUMBERS = """
SELECT ?park ?parkLabel ?indicatorLabel ?statedAs ?status ?start ?end ?aboutLabel WHERE {
  ?park a/rdfs:subClassOf* pg:Park ; rdfs:label ?parkLabel .
  FILTER(lang(?parkLabel) = "zh")
  OPTIONAL {
    ?obs a pg:Observation ; pg:about ?about ; pg:indicator ?ind ; pg:statedAs ?statedAs ;
         pg:status ?status ; pg:period ?period .
    ?period pg:startYear ?start ; pg:endYear ?end .
    FILTER(?about = ?park || EXISTS { ?park pg:hasCluster ?about })
    ?ind rdfs:label ?indicatorLabel . FILTER(lang(?indicatorLabel) = "zh")
    ?about rdfs:label ?aboutLabel . FILTER(lang(?aboutLabel) = "zh")
  }
}
ORDER BY ?parkLabel ?start ?status ?indicatorLabel ?statedAs
"""


@dataclass
class ParkNumbers:
    park: str
    label: str
    numbers: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (indicator, stated as, status, period) — about the park itself or one of its clusters


@dataclass
class Stats:
    triples: int
    classes: list[tuple[str, int]]
    properties: list[tuple[str, int]]
    parks: list[ParkNumbers]


def value(term: object) -> str:
    return str(getattr(term, "value", "")) if term is not None else ""


def graph_stats(store: ox.Store) -> Stats:
    """Compute the statistics of everything in `store` (all graphs as one)."""

    def select(query: str) -> ox.QuerySolutions:
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        return result

    classes = [(short(value(r["class"])), int(value(r["n"]))) for r in select(CLASS_COUNTS)]
    properties = [(short(value(r["p"])), int(value(r["n"]))) for r in select(PROPERTY_COUNTS)]
    parks: dict[str, ParkNumbers] = {}
    for r in select(PARK_NUMBERS):
        iri = value(r["park"])
        entry = parks.setdefault(iri, ParkNumbers(short(iri), value(r["parkLabel"])))
        if r["statedAs"] is not None:
            indicator = value(r["indicatorLabel"])
            if value(r["aboutLabel"]) != entry.label:
                indicator = f"{value(r['aboutLabel'])} · {indicator}"
            period = f"{value(r['start'])}–{value(r['end'])}"
            status = short(value(r["status"])).removeprefix("pg:")
            entry.numbers.append((indicator, value(r["statedAs"]), status, period))
    triples = len(store)
    return Stats(triples, classes, properties, list(parks.values()))
