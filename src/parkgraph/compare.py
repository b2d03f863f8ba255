"""Parks side by side: `compare_parks(engine, ["永川高新区", "杭州高新区(滨江)"])`.

Rows are the things parks can share — numbers by indicator, period and actual/target,
titles held or aspired to, clusters and industries, code names — and columns are the parks.
Every cell keeps the facts it was made from, each with its source and evidence, so that a
table can mark a cell with a footnote and JSON/CSV can carry the source beside the value.

The graph is read through a `parkgraph.query.Engine` (a local store or a remote endpoint),
with a few SELECTs whose parks are a VALUES block of resolved IRIs; everything else
(matching an indicator word or a period, grouping into rows) is done here, in Python, so that
every engine gives the same comparison.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from parkgraph.errors import QueryError, UnknownName
from parkgraph.names import expand, normalize, shown
from parkgraph.namespaces import PREFIXES
from parkgraph.query import Engine, Term
from parkgraph.sparqltext import QueryText

PG, PGR = PREFIXES["pg"], PREFIXES["pgr"]
SECTIONS = ("indicator", "title", "cluster", "code")
COMPARATOR_SIGNS = {"AtLeast": "≥", "AtMost": "≤", "Approximately": "≈", "Exactly": ""}


@dataclass(frozen=True)
class Fact:
    """What one cell says, and where it was said."""

    text: str
    source: str | None  # the source document's IRI
    evidence: tuple[str, ...] = ()


@dataclass
class Row:
    section: str  # one of SECTIONS
    label: str
    cells: dict[str, list[Fact]] = field(default_factory=dict)  # park IRI -> facts
    order: tuple[object, ...] = ()


@dataclass(frozen=True)
class ParkRef:
    iri: str
    label: str

    @property
    def id(self) -> str:
        return self.iri[len(PGR) :] if self.iri.startswith(PGR) else self.iri


@dataclass
class Comparison:
    parks: list[ParkRef]
    rows: list[Row]
    source_titles: dict[str, str]  # source IRI -> its title (or label)


# --------------------------------------------------------------------------- choosing parks

PARK_NAMES = """
SELECT ?park ?name ?zh WHERE {
  # pg:Park or a subclass up to two levels down (Virtuoso answers nothing for subClassOf*
  # after a join; see queries/indicator-across-parks.rq).
  { ?park a pg:Park } UNION { ?park a/rdfs:subClassOf pg:Park }
  UNION { ?park a/rdfs:subClassOf/rdfs:subClassOf pg:Park }
  OPTIONAL { ?park rdfs:label|skos:prefLabel|skos:altLabel ?name }
  OPTIONAL { ?park rdfs:label ?zh . FILTER(LANG(?zh) = "zh") }
}
"""


def park_names(engine: Engine) -> dict[str, list[str]]:
    """Every park's IRI -> its names, its Chinese labels first (the column heading is the
    first), each list sorted so that every engine gives the same headings."""
    names: dict[str, tuple[set[str], set[str]]] = {}
    for park, name, zh in select(engine, PARK_NAMES):
        if park:
            main, other = names.setdefault(park, (set(), set()))
            main.update([zh] if zh else [])
            other.update([name] if name else [])
    return {park: [*sorted(main), *sorted(other - main)] for park, (main, other) in names.items()}


def resolve_parks(engine: Engine, wanted: Sequence[str]) -> list[ParkRef]:
    """The parks `wanted` names, in order: each an IRI, a prefixed name, a pgr: local name
    (park-yongchuan-htz) or a name that matches one park exactly, or else as a part of its
    names. UnknownName (listing the candidates) when a name matches none or several."""
    if len(wanted) < 2:
        raise QueryError(
            "compare needs two or more parks, e.g. `parkgraph compare 永川高新区 '杭州高新区(滨江)'`"
        )
    names = park_names(engine)
    if not names:
        raise UnknownName("the graph has no parks (nothing of class pg:Park or a subclass)")
    chosen: list[ParkRef] = []
    for name in wanted:
        iri = choose_park(name, names)
        if any(p.iri == iri for p in chosen):
            raise QueryError(f"{shown(name)} names {compact_iri(iri)} again; give each park once")
        chosen.append(ParkRef(iri, display_name(names[iri], iri)))
    return chosen


def choose_park(name: str, names: dict[str, list[str]]) -> str:
    iri = expand(name)
    if (
        iri is None
        and name.strip()
        and all(c.isascii() and (c.isalnum() or c in "-._") for c in name.strip())
    ):
        iri = PGR + name.strip()  # a pgr: local name as typed (park-yongchuan-htz)
        if iri not in names:
            iri = None
    if iri is not None:
        if iri in names:
            return iri
        raise UnknownName(f"{shown(name)}: no park has this IRI; parks: {candidates(names, list(names))}")
    key = normalize(name)
    if not key:
        raise UnknownName(f"{shown(name)}: give a park's name, its pgr: id or its IRI")
    exact = [p for p, ns in names.items() if any(normalize(n) == key for n in ns)]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [p for p, ns in names.items() if any(key in normalize(n) for n in ns)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise UnknownName(
            f"{shown(name)} is ambiguous: it names {candidates(names, partial)}; give one of the ids"
        )
    close = {
        p
        for p, ns in names.items()
        for n in ns
        if difflib.get_close_matches(key, [normalize(n)], n=1, cutoff=0.5)
    }
    hint = candidates(names, sorted(close)) if close else candidates(names, list(names))
    raise UnknownName(f"{shown(name)}: no park has this name; {'did you mean' if close else 'parks:'} {hint}")


def candidates(names: dict[str, list[str]], iris: Iterable[str], limit: int = 8) -> str:
    """`永川高新区 (park-yongchuan-htz), …` for a one-line message."""
    listed = sorted(iris)
    shown_ = [f"{display_name(names[i], i)} ({compact_iri(i)})" for i in listed[:limit]]
    more = f" and {len(listed) - limit} more" if len(listed) > limit else ""
    return ", ".join(shown_) + more


def display_name(names: list[str], iri: str) -> str:
    """The park's Chinese label (the first name), else its id."""
    return names[0] if names else compact_iri(iri)


def compact_iri(iri: str) -> str:
    return iri[len(PGR) :] if iri.startswith(PGR) else iri


# --------------------------------------------------------------------------- reading facts


def select(engine: Engine, text: str) -> list[tuple[str | None, ...]]:
    """A SELECT's rows as plain strings (None for unbound)."""
    result = engine.run(QueryText(text), {})
    return [tuple(None if t is None else plain(t) for t in row) for row in result.rows]


def plain(term: Term) -> str:
    return str(term) if isinstance(term, ox.Triple) else str(term.value)


def values(parks: Sequence[ParkRef]) -> str:
    # Resolved IRIs written by pyoxigraph (N-Triples syntax): nothing typed is pasted in.
    return "VALUES ?park { " + " ".join(str(ox.NamedNode(p.iri)) for p in parks) + " }"


OBSERVATIONS = """
SELECT ?park ?obs ?about ?aboutLabel ?ind ?indicatorLabel ?value ?unit ?comparator ?statedAs ?status
       ?periodName ?periodLabel ?start ?end ?source ?evidence WHERE {
  %(values)s
  { ?obs pg:about ?park . BIND(?park AS ?about) }
  UNION { ?park pg:hasCluster ?about . ?obs pg:about ?about }
  UNION { ?park pg:hasIndustry ?about . ?obs pg:about ?about ; prov:wasDerivedFrom ?shared .
          ?park prov:wasDerivedFrom ?shared }
  ?obs a pg:Observation ; pg:indicator ?ind ; pg:value ?value ; pg:status ?status .
  OPTIONAL { ?about rdfs:label ?aboutLabel . FILTER(LANG(?aboutLabel) = "zh") }
  OPTIONAL { ?ind rdfs:label ?indicatorLabel . FILTER(LANG(?indicatorLabel) = "zh") }
  OPTIONAL { ?obs pg:unit ?unit } OPTIONAL { ?obs pg:comparator ?comparator }
  OPTIONAL { ?obs pg:statedAs ?statedAs } OPTIONAL { ?obs prov:wasDerivedFrom ?source }
  OPTIONAL { ?obs pg:evidence ?evidence }
  OPTIONAL { ?obs pg:period ?per . ?per skos:notation ?periodName }
  OPTIONAL { ?obs pg:period ?per . ?per rdfs:label ?periodLabel . FILTER(LANG(?periodLabel) = "zh") }
  OPTIONAL { ?obs pg:period ?per . ?per pg:startYear ?start }
  OPTIONAL { ?obs pg:period ?per . ?per pg:endYear ?end }
}
"""

# The words an indicator answers to: its names, a broader concept's, the observation's own.
INDICATOR_NAMES = """
SELECT ?obs ?concept ?name WHERE {
  %(values)s
  { ?obs pg:about ?park } UNION { ?park pg:hasCluster ?about . ?obs pg:about ?about }
  UNION { ?park pg:hasIndustry ?about . ?obs pg:about ?about }
  ?obs a pg:Observation .
  { ?obs pg:indicator ?concept } UNION { ?obs pg:indicator ?narrower . ?narrower skos:broader+ ?concept }
  OPTIONAL { ?concept rdfs:label|skos:prefLabel|skos:altLabel ?name }
}
"""
INDICATOR_TEXTS = """
SELECT ?obs ?name WHERE {
  %(values)s
  { ?obs pg:about ?park } UNION { ?park pg:hasCluster ?about . ?obs pg:about ?about }
  UNION { ?park pg:hasIndustry ?about . ?obs pg:about ?about }
  ?obs pg:indicatorText ?name .
}
"""

# Pairs in VALUES, not a UNION of branches that BIND a constant: Virtuoso 7 drops the join
# with the parks' VALUES from such branches and answers for every park in the graph.
TITLES = """
SELECT ?park ?kind ?item ?label ?source ?evidence WHERE {
  %(values)s
  VALUES (?relation ?kind) { (pg:holdsTitle "held") (pg:aspiresTo "aspired") }
  ?park ?relation ?item .
  OPTIONAL { ?item rdfs:label ?label . FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?item prov:wasDerivedFrom ?source } OPTIONAL { ?item pg:evidence ?evidence }
}
"""

CLUSTERS = """
SELECT ?park ?via ?item ?label ?industry ?industryLabel ?source ?evidence WHERE {
  %(values)s
  VALUES (?relation ?via) { (pg:hasCluster "cluster") (pg:hasIndustry "industry") }
  ?park ?relation ?item .
  OPTIONAL { ?item rdfs:label ?label . FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?item pg:industry ?industry .
             OPTIONAL { ?industry rdfs:label ?industryLabel . FILTER(LANG(?industryLabel) = "zh") } }
  OPTIONAL { ?item prov:wasDerivedFrom ?source } OPTIONAL { ?item pg:evidence ?evidence }
}
"""

CODES = """
SELECT ?park ?strategy ?code ?label ?component ?position ?declared ?member ?source ?evidence WHERE {
  %(values)s
  VALUES ?relation { pg:pursues pg:aspiresTo pg:runs pg:integratesInto }
  ?park ?relation ?strategy . ?strategy skos:notation ?code .
  OPTIONAL { ?strategy rdfs:label ?label . FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?strategy pg:hasComponent ?component .
             OPTIONAL { ?component pg:position ?position } OPTIONAL { ?component pg:declaredCount ?declared }
             OPTIONAL { ?component pg:member ?member } }
  OPTIONAL { ?strategy prov:wasDerivedFrom ?source } OPTIONAL { ?strategy pg:evidence ?evidence }
}
"""

PARK_SOURCES = """
SELECT ?park ?source WHERE { %(values)s ?park prov:wasDerivedFrom ?source }
"""

SOURCE_TITLES = """
SELECT ?source ?title ?label WHERE {
  VALUES ?source { %(sources)s }
  OPTIONAL { ?source dcterms:title ?title . FILTER(LANG(?title) IN ("zh", "")) }
  OPTIONAL { ?source rdfs:label ?label . FILTER(LANG(?label) = "zh") }
}
"""


def compare_parks(
    engine: Engine, names: Sequence[str], *, indicator: str | None = None, period: str | None = None
) -> Comparison:
    """The parks `names` side by side (see the module's docstring).

    `indicator`: only numbers whose indicator (or a broader concept, or the observation's own
    words) has this word in a name, or has this IRI; `period`: only numbers of the period with
    this notation, Chinese label, start or end year. With either, only numbers are compared.
    Raises UnknownName, QueryError, EndpointError."""
    parks = resolve_parks(engine, names)
    block = {"values": values(parks)}
    rows: dict[tuple[str, str], Row] = {}
    park: str | None

    def cell(section: str, label: str, order: tuple[object, ...], park: str) -> list[Fact]:
        row = rows.setdefault((section, label), Row(section, label, order=order))
        return row.cells.setdefault(park, [])

    if indicator is not None and not indicator.strip():
        raise QueryError("--indicator: give a word of the indicator's name, or its IRI")
    wanted_obs = matching_observations(engine, block, indicator) if indicator else None
    for obs in group(select(engine, OBSERVATIONS % block), 0, 1):
        park, _, about, about_label, ind, ind_label, value, unit, cmp, stated, status = obs[0][:11]
        if wanted_obs is not None and obs[0][1] not in wanted_obs:
            continue
        period_name, period_label, start, end = obs[0][11:15]
        if period is not None and not period_matches(period, period_name, period_label, start, end):
            continue
        what = ind_label or compact_iri(ind or "")
        if about != park:
            what = f"{about_label or compact_iri(about or '')}: {what}"
        when = period_name or period_label or ""
        years = "–".join(dict.fromkeys(y for y in (start, end) if y))
        if years and years not in when:
            when = f"{when} ({years})" if when else years
        kind = local(status).lower()
        row_label = " · ".join(x for x in (what, when, kind) if x)
        text = COMPARATOR_SIGNS.get(local(cmp), "") + (stated or f"{value} {local(unit)}".strip())
        order = (0, what, start or end or "", end or "", kind)
        assert park is not None
        for source, evidence in facts_of(obs, 15, 16):
            cell("indicator", row_label, order, park).append(Fact(text, source, evidence))

    if indicator is not None or period is not None:  # asked about numbers: only numbers
        return finish(engine, parks, rows)

    own_sources: dict[str, set[str]] = {}
    for park, source in select(engine, PARK_SOURCES % block):
        if park and source:
            own_sources.setdefault(park, set()).add(source)

    for item in group(select(engine, TITLES % block), 0, 1, 2):
        park, how, iri, label = item[0][:4]
        assert park is not None
        row_label = f"{how}: {label or compact_iri(iri or '')}"
        for source, evidence in facts_of(item, 4, 5, own_sources.get(park)):
            cell("title", row_label, (1, how == "aspired", row_label), park).append(
                Fact("✓", source, evidence)
            )

    for item in group(select(engine, CLUSTERS % block), 0, 1, 2):
        park, via, iri, label = item[0][:4]
        industries = sorted({r[5] or compact_iri(r[4]) for r in item if r[4]})
        assert park is not None
        name = label or compact_iri(iri or "")
        # A row per industry, so parks with clusters of one industry line up; a cluster whose
        # industry the text does not name is a row of its own.
        for industry in industries or [name]:
            text = name if via == "cluster" else "✓"
            for source, evidence in facts_of(item, 6, 7, own_sources.get(park)):
                cell("cluster", industry, (2, industry), park).append(Fact(text, source, evidence))

    for item in group(select(engine, CODES % block), 0, 1):
        park, _, code, label = item[0][:4]
        assert park is not None
        components: dict[str, tuple[str, str | None, set[str]]] = {}
        for r in item:
            if r[4]:
                position, declared, members = components.get(r[4], (r[5] or "", r[6], set()))
                if r[7]:
                    members.add(r[7])
                components[r[4]] = (position, declared, members)
        parts = [components[c] for c in sorted(components, key=lambda c: (int_or(components[c][0]), c))]
        text = label or code or ""
        if parts:
            declared = "+".join(d or "?" for _, d, _ in parts)
            named = sum(len(m) for _, _, m in parts)
            text += f" (declared {declared}, named {named})"
        for source, evidence in facts_of(item, 8, 9, own_sources.get(park)):
            cell("code", code or "", (3, code or ""), park).append(Fact(text, source, evidence))

    return finish(engine, parks, rows)


def finish(engine: Engine, parks: list[ParkRef], rows: dict[tuple[str, str], Row]) -> Comparison:
    """The rows in order, each cell's facts sorted and unique, with the sources' titles."""
    ordered = sorted(rows.values(), key=lambda r: tuple(str(x) for x in r.order))
    for row in ordered:
        for facts in row.cells.values():
            facts[:] = sorted(set(facts), key=lambda f: (f.text, f.source or "", f.evidence))
    sources = sorted({f.source for r in ordered for fs in r.cells.values() for f in fs if f.source})
    return Comparison(parks, ordered, source_titles(engine, sources))


def matching_observations(engine: Engine, block: dict[str, str], word: str) -> set[str]:
    """The observations of the parks whose indicator answers to `word` (or is the IRI `word`)."""
    iri = expand(word) if word.strip() else None
    key = normalize(word)
    found: set[str] = set()
    for obs, concept, name in select(engine, INDICATOR_NAMES % block):
        if obs and (concept == iri or (name is not None and key in normalize(name))):
            found.add(obs)
    for obs, name in select(engine, INDICATOR_TEXTS % block):
        if obs and name is not None and key in normalize(name):
            found.add(obs)
    return found


def period_matches(
    wanted: str, name: str | None, label: str | None, start: str | None, end: str | None
) -> bool:
    key = normalize(wanted)
    return any(v is not None and normalize(v) == key for v in (name, label, start, end))


def group(rows: list[tuple[str | None, ...]], *key: int) -> list[list[tuple[str | None, ...]]]:
    """Rows grouped by the columns `key`, in first-seen order."""
    groups: dict[tuple[str | None, ...], list[tuple[str | None, ...]]] = {}
    for row in rows:
        groups.setdefault(tuple(row[i] for i in key), []).append(row)
    return list(groups.values())


def facts_of(
    rows: list[tuple[str | None, ...]], source_at: int, evidence_at: int, prefer: set[str] | None = None
) -> list[tuple[str | None, tuple[str, ...]]]:
    """(source, evidence spans) for one thing's rows: one pair per source. When the thing has
    several sources and some are the park's own (`prefer`), only those: a title two parks
    share keeps the evidence of each park's document in that park's cell."""
    sources = sorted({s for r in rows if (s := r[source_at])})
    if prefer and set(sources) & prefer:
        sources = [s for s in sources if s in prefer]
    spans = tuple(sorted({e for r in rows if (e := r[evidence_at])}))
    found: list[tuple[str | None, tuple[str, ...]]] = [(s, spans) for s in sources]
    return found or [(None, spans)]


def source_titles(engine: Engine, sources: list[str]) -> dict[str, str]:
    if not sources:
        return {}
    text = SOURCE_TITLES % {"sources": " ".join(str(ox.NamedNode(s)) for s in sources)}
    titles: dict[str, str] = {}
    for source, title, label in select(engine, text):
        if source and (title or label):
            titles.setdefault(source, title or label or "")
    return titles


def local(iri: str | None) -> str:
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def int_or(text: str, default: int = 1 << 30) -> int:
    try:
        return int(text)
    except ValueError:
        return default


# --------------------------------------------------------------------------- output


class Legend:
    """Footnote numbers for (source, evidence) pairs, in the order cells first use them."""

    def __init__(self) -> None:
        self.marks: dict[tuple[str | None, tuple[str, ...]], int] = {}

    def mark(self, fact: Fact) -> int:
        return self.marks.setdefault((fact.source, fact.evidence), len(self.marks) + 1)


def cell_text(facts: list[Fact], legend: Legend) -> str:
    """`≥940亿元 [1]`; several facts (several sources) joined with "; "."""
    return "; ".join(f"{f.text} [{legend.mark(f)}]" for f in facts)


def grid(comparison: Comparison) -> tuple[list[str], list[list[str]], Legend]:
    """Header, rows of cells (with footnote marks) and the legend of the marks."""
    legend = Legend()
    header = ["section", "row", *(p.label for p in comparison.parks)]
    body = [
        [row.section, row.label, *(cell_text(row.cells.get(p.iri, []), legend) for p in comparison.parks)]
        for row in comparison.rows
    ]
    return header, body, legend


def legend_lines(comparison: Comparison, legend: Legend) -> list[str]:
    lines = []
    for (source, evidence), n in legend.marks.items():
        title = comparison.source_titles.get(source or "", "")
        where = f"{compact_iri(source)}" + (f" 《{title}》" if title else "") if source else "no source given"
        said = " / ".join(f"“{e}”" for e in evidence) or "(no evidence recorded)"
        lines.append(f"[{n}] {where}: {said}")
    return lines


def render_table(comparison: Comparison) -> str:
    from parkgraph.results import width

    header, body, legend = grid(comparison)
    widths = [max(width(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("─" * w for w in widths)
    out = [line(header), rule, *(line(r) for r in body)]
    if not body:
        out.append(
            "(nothing to compare: the graph states no numbers, titles, clusters or codes of these parks)"
        )
    return "\n".join([*out, "", *legend_lines(comparison, legend)]) + "\n"


def render_md(comparison: Comparison) -> str:
    header, body, legend = grid(comparison)

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    out = [row(header), "|" + "---|" * len(header), *(row(r) for r in body)]
    notes = [f"- {n}" for n in legend_lines(comparison, legend)]
    return "\n".join([*out, "", *notes]) + "\n"


def render_csv(comparison: Comparison) -> str:
    """One line per row; per park three columns: the value, its sources, its evidence."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    heads = ["section", "row"]
    for p in comparison.parks:
        heads += [p.label, f"{p.label} source", f"{p.label} evidence"]
    writer.writerow(heads)
    for row in comparison.rows:
        cells = [row.section, row.label]
        for p in comparison.parks:
            facts = row.cells.get(p.iri, [])
            cells.append("; ".join(f.text for f in facts))
            cells.append("; ".join(compact_iri(f.source) if f.source else "" for f in facts))
            cells.append("; ".join(" / ".join(f.evidence) for f in facts))
        writer.writerow(cells)
    return buffer.getvalue()


def as_json(comparison: Comparison) -> dict[str, object]:
    return {
        "parks": [{"id": p.id, "iri": p.iri, "label": p.label} for p in comparison.parks],
        "rows": [
            {
                "section": row.section,
                "row": row.label,
                "cells": {
                    p.id: [
                        {
                            "value": f.text,
                            "source": f.source,
                            "sourceTitle": comparison.source_titles.get(f.source or ""),
                            "evidence": list(f.evidence),
                        }
                        for f in row.cells.get(p.iri, [])
                    ]
                    for p in comparison.parks
                },
            }
            for row in comparison.rows
        ],
    }


FORMATS = ("table", "csv", "json", "md")


def render_comparison(comparison: Comparison, fmt: str) -> str:
    import json

    if fmt == "table":
        return render_table(comparison)
    if fmt == "md":
        return render_md(comparison)
    if fmt == "csv":
        return render_csv(comparison)
    if fmt == "json":
        return json.dumps(as_json(comparison), ensure_ascii=False, indent=2) + "\n"
    raise QueryError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
