"""Candidate Turtle for an Extraction: the ontology's terms, evidence, selectors and PROV.

Hand-written rather than rdflib's serialiser: the whole pipeline must keep up with jieba's
segmentation (≈ 150 k chars/s); rdflib takes ≈ 250 µs a triple to build and pretty-print the
seed article's 1731 triples, this writer ≈ 1 µs. The output is deterministic (no timestamps,
no blank nodes, a fixed order), so the same extraction gives byte-identical Turtle.

What is written (see DESIGN.md, "Ingestion"):
- the pg:SourceDocument (pg:sha256, pg:fileName, dcterms:title, dcterms:source for the
  address, dcterms:issued, dcterms:language, dcterms:format for the media type,
  pg:characterEncoding), one pg:ExtractionActivity that prov:used it, and the
  prov:SoftwareAgent (parkgraph and its schema:softwareVersion) associated with it;
- entities (CLASSES below; a kind of zone taken as a set, the subject of a count of national zones, is
  a pg:Category), strategies (codes) with their pg:StrategyComponent parts, periods,
  indicators (the vocabulary's concept the words name, else one pg:Indicator per distinct
  indicator text; the observation keeps the words as pg:indicatorText), observations, and one
  rdf:Statement per relation (the relation itself is written as a plain triple too), each with
  prov:wasDerivedFrom, prov:wasGeneratedBy, pg:rule, pg:confidence and pg:evidence;
- one oa:Annotation per distinct evidence span, whose bodies are all the nodes that span
  supports, targeting the source through an oa:TextQuoteSelector and an
  oa:TextPositionSelector (code points of Document.text).

pg:evidence is the span's text with its line breaks removed (the shapes' rule for evidence);
oa:exact is the span's text exactly. Spans are trimmed of surrounding white space and clipped
to their first EVIDENCE_MAX characters, and the selector describes the clipped span.

English labels are written only where known (Entity.label_en; a period's years): the others
are translations for review to add, and the shapes let a candidate (prov:wasGeneratedBy a
pg:ExtractionActivity) go without them until then.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter

from parkgraph.extract.ids import IdMinter, source_slug
from parkgraph.extract.model import (
    PARK_CLASSES,
    Code,
    Document,
    Entity,
    Extraction,
    Observation,
    Period,
    Span,
)
from parkgraph.namespaces import PREFIXES

EVIDENCE_MAX = 80  # code points; the shapes allow 100, DESIGN.md says "about 80"
CONTEXT_MAX = 32  # oa:prefix / oa:suffix length
MENTIONS_MAX = 8  # evidence spans written per entity (its first mentions)

# Entity.cls → (class local name, identifier prefix). A kind of zone taken as a set (国家高新区
# in a count of national zones, the subject of that number) is a pg:Category: not a park, so its class
# name holds neither "Park" nor "Zone" (the scorer counts such classes as parks).
CLASSES: dict[str, tuple[str, str]] = {
    "Park": ("Park", "park"),
    "HighTechZone": ("HighTechZone", "park"),
    "EconomicDevelopmentZone": ("EconomicDevelopmentZone", "park"),
    "AdministrativeArea": ("AdministrativeArea", "area"),
    "Organization": ("Organization", "org"),
    "IndustrialCluster": ("IndustrialCluster", "cluster"),
    "Industry": ("Industry", "industry"),
    "Title": ("Title", "title"),
    "Goal": ("Goal", "goal"),
    "Platform": ("Platform", "platform"),
    "Initiative": ("Initiative", "initiative"),
    "Strategy": ("Strategy", "strategy"),
    "FocusArea": ("FocusArea", "focus"),
    "MediaAccount": ("MediaAccount", "account"),
    "Category": ("Category", "category"),
    "FunctionalArea": ("FunctionalArea", "zone"),
    "Project": ("Project", "project"),
}
CLASS_ALIASES = {
    "ParkClass": "Category",
    "ZoneClass": "Category",
    "ParkCategory": "Category",
    "Organisation": "Organization",
    "Company": "Organization",
}

# Entity.level → pg: individual.
LEVELS = {
    "national": "NationalLevel",
    "province": "ProvinceLevel",
    "provincial": "ProvinceLevel",
    "municipality": "ProvinceLevel",
    "prefecture": "CityLevel",
    "city": "CityLevel",
    "municipal": "CityLevel",
    "district": "DistrictLevel",
    "county": "CountyLevel",
    "town": "TownLevel",
    "township": "TownLevel",
}

# Observation.unit → pg: unit individual. The referee classes units by how their local name
# begins (CNY…, Percent…, Rank…, Mu…, Count…; anything else is "other"), so a change of rank,
# "other" by the corpus conventions, is pg:PositionChange and not RankChange, and 个百分点 is
# pg:PercentagePoint, which the referee counts as percent, as the conventions want.
UNITS = frozenset({
    "CNY", "USD", "EUR", "Percent", "PercentagePoint", "Count", "Rank", "PositionChange", "Times",
    "Mu", "SquareKilometre", "SquareMetre", "Hectare", "Tonne", "TonnePerYear", "KilowattHour",
    "Year", "Month", "Day", "Hour", "Minute", "Second", "OtherUnit",
    # the rest of extract/lexicons/units.tsv (a test keeps the two in step)
    "AUD", "GBP", "HKD", "JPY", "KRW", "SGD", "Set", "TEU", "Kilometre", "Metre", "CubicMetre",
    "Kilowatt", "Megawatt", "Gigawatt", "PerMille", "Quarter", "Week", "GigawattHour", "Inch",
    "Kilogram", "MegawattHour", "Nanometre", "RUB", "TWD",
})  # fmt: skip
UNIT_ALIASES = {"RankChange": "PositionChange", "Other": "OtherUnit", "Percentage": "Percent",
                "SquareKilometer": "SquareKilometre", "SquareMeter": "SquareMetre"}  # fmt: skip

STATUSES = frozenset({"Actual", "Target"})
COMPARATORS = frozenset({"AtLeast", "Exactly", "AtMost", "Approximately"})
_PREDICATE = re.compile(r"[a-z][A-Za-z0-9]*")

PREFIX_NAMES = ("pg", "pgr", "rdf", "rdfs", "xsd", "skos", "prov", "dcterms", "schema")
OA = "http://www.w3.org/ns/oa#"
HEADER = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in PREFIX_NAMES) + f"@prefix oa: <{OA}> .\n"

# Turtle string escapes (ECHAR, and UCHAR for the other control characters); everything
# else, non-BMP characters included, is written as UTF-8.
_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_ESCAPES.update(
    {
        ord('"'): '\\"',
        ord("\\"): "\\\\",
        ord("\n"): "\\n",
        ord("\r"): "\\r",
        ord("\t"): "\\t",
        ord("\b"): "\\b",
        ord("\f"): "\\f",
    }
)
_OTHER_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_ESCAPES = {k: v for k, v in _ESCAPES.items() if chr(k) not in '"\\\n\r\t'}
_LINE_BREAKS = str.maketrans(
    {
        "\n": None,
        "\r": None,
        "\u2028": None,
        "\u2029": None,
        "\x0b": None,
        "\x0c": None,
        "\x85": None,
        "\t": " ",
    }
)
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_GB_CODE = re.compile(r"\d{6}(\d{3}|\d{6})?")  # (compiled here: re.fullmatch() looks its cache up each call)
_IRI_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|^`\\\x7f]")


def lit(text: str) -> str:
    # Most strings need no escape at all (no quote, no backslash, every character printable,
    # so no control character either); the others mostly hold
    # line breaks and quotes, which str.replace escapes in C (translate() looks every
    # character up in a dict: ≈ 5 µs for a clause). Backslashes go first, so that the
    # escapes added after them are not escaped again.
    if '"' not in text and "\\" not in text and text.isprintable():  # (faster than the regex)
        return f'"{text}"'
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    text = text.replace("\t", "\\t")
    if _OTHER_CONTROL.search(text) is not None:
        text = text.translate(_CONTROL_ESCAPES)  # the rest: \b, \f, \uXXXX
    return f'"{text}"'


def _plain(text: str) -> bool:
    """Whether, in every part of `text`, lit() escapes nothing but line feeds and evidence_text()
    does nothing but remove them: no quote, no backslash, no other unprintable character (an
    unprintable one that needs no escape, such as U+3000, only sends the text the general way).
    Contexts of 32 characters mostly hold a line feed: lit() replaces five characters and
    searches for the others, four times the work of one replace."""
    return '"' not in text and "\\" not in text and text.replace("\n", "").isprintable()


def _lit_plain(text: str) -> str:
    """lit() for a part of a text that _plain() accepts."""
    text = text.replace("\n", "\\n")
    return f'"{text}"'


def _evidence_plain(text: str) -> str:
    """lit(evidence_text()) for a part of a text that _plain() accepts."""
    text = text.replace("\n", "")
    return f'"{text}"'


def _evidence_lit(text: str) -> str:
    return lit(evidence_text(text))


def zh(text: str) -> str:
    return lit(text) + "@zh"


def en(text: str) -> str:
    return lit(text) + "@en"


def decimal_literal(value: Decimal | int | float) -> str:
    """xsd:decimal in its canonical lexical form (XSD 1.1): no exponent, no trailing zeros, no
    decimal point for a whole number ("94000000000"), "-0" as "0". Typed explicitly: a bare
    Turtle numeral without a point would be an xsd:integer."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite():
        raise ValueError(f"{value!r} is not a decimal number")
    text = format(d.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return f'"{text}"^^xsd:decimal'


def gyear(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is outside 1–9999")
    return f'"{year:04d}"^^xsd:gYear'


def evidence_text(text: str) -> str:
    """pg:evidence for a span's exact text: line breaks removed, a tab as a space."""
    if text.isprintable():  # every line break and the tab are unprintable
        return text
    return text.translate(_LINE_BREAKS)


@lru_cache(maxsize=1024)
def _confidence(value: float) -> str:
    if not 0 <= value <= 1:
        raise ValueError(f"confidence {value} is outside 0–1")
    return decimal_literal(round(value, 4))


def anchor(text: str, span: Span) -> Span | None:
    """The span trimmed of surrounding white space and clipped to EVIDENCE_MAX code points from
    its start (at least 2 characters where the text allows), or None when nothing is left."""
    a = _anchor(text, span.start, span.end)
    return None if a is None else Span(*a)


def _anchor(text: str, start: int, end: int) -> tuple[int, int] | None:
    """anchor() on plain offsets: the writer keys its annotations by (start, end) tuples,
    which hash and sort in C (the frozen dataclass does both in Python)."""
    n = len(text)
    if (
        start >= 0
        and end <= n
        and 2 <= end - start <= EVIDENCE_MAX
        and not text[start].isspace()
        and not text[end - 1].isspace()
    ):
        return start, end  # most spans: a mention as found, nothing to trim, clip or widen
    if start < 0:
        start = 0
    if end > n:
        end = n
    while start < end and text[start].isspace():
        start += 1
    if end > start + EVIDENCE_MAX:
        end = start + EVIDENCE_MAX
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2 and end < n and not text[end].isspace():
        end += 1  # a one-character mention: the shapes want at least two
    if end <= start:
        return None
    return start, end


def iri(address: str) -> str | None:
    """<address> when it is an absolute http(s) address (unsafe characters percent-encoded)."""
    if not re.match(r"https?://[^\s/]", address):
        return None
    return "<" + _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), address) + ">"


def date_literal(value: str) -> str:
    """xsd:date, xsd:gYearMonth or xsd:gYear for a valid ISO date of that shape; anything else
    stays a plain string (typed, an invalid date would be an ill-typed literal)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and datetime.date.fromisoformat(value):
            return f'"{value}"^^xsd:date'
        if re.fullmatch(r"\d{4}-\d{2}", value) and datetime.date.fromisoformat(value + "-01"):
            return f'"{value}"^^xsd:gYearMonth'
    except ValueError:
        return lit(value)
    if re.fullmatch(r"\d{4}", value):
        return f'"{value}"^^xsd:gYear'
    return lit(value)


# A label that names its years (2024年, 十四五) names one period in every document; a relative
# one (目前, 上半年, 今年) names other years in another document, so its identifier carries them:
# two sources' 目前 must not become one node with two sets of years.
_NAMES_ITS_YEARS = re.compile(r"\d{4}|[一二三四五六七八九十]+五")


def _period_name(p: Period) -> str:
    if _NAMES_ITS_YEARS.search(p.label) or p.end_year is None:
        return p.label
    years = str(p.end_year) if p.start_year in (None, p.end_year) else f"{p.start_year}-{p.end_year}"
    return f"{p.label} {years}"


def period_label_en(period: Period) -> str | None:
    """An English name made from the years and months alone (a rendering, not a translation)."""
    sy, ey, sm, em = period.start_year, period.end_year, period.start_month, period.end_month
    if sy is None and ey is None:
        return None

    def ym(y: int | None, m: int | None) -> str:
        return "?" if y is None else (f"{y:04d}-{m:02d}" if m else f"{y:04d}")

    if sm is None and em is None:
        if sy == ey:
            return f"{sy:04d}"
        return f"{ym(sy, None)}–{ym(ey, None)}" if sy is not None else f"until {ey:04d}"
    return f"{ym(sy, sm)} to {ym(ey, em)}"


@dataclass
class _Writer:
    document: Document
    version: str
    minter: IdMinter
    source: str
    activity: str
    anchors: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (start, end) → bodies
    evidence: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) → its pg:evidence
    exact: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) → its oa:exact
    # (subject, its "predicate object" lines): plain lists, appended to directly (a node class
    # cost a Python call per node and per line). Every line but a node's first begins with the
    # " ;\n    " that ends the line before, so the lines go into the Turtle as they are (a
    # join a node copied every node once more).
    nodes: list[tuple[str, list[str]]] = field(default_factory=list)
    extra: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # relations by subject
    heads: dict[tuple[str, float | None], str] = field(default_factory=dict)  # (rule, confidence) → lines
    plain: bool = False  # _plain(document.text)
    quote: Callable[[str], str] = lit  # lit() for parts of the document's text
    evidence_literal: Callable[[str], str] = _evidence_lit  # and lit(evidence_text())

    def __post_init__(self) -> None:
        if _plain(self.document.text):
            self.plain, self.quote, self.evidence_literal = True, _lit_plain, _evidence_plain

    def node(self, subject: str) -> list[str]:
        lines: list[str] = []
        self.nodes.append((subject, lines))
        return lines

    def provenance(
        self,
        subject: str,
        lines: list[str],
        spans: Iterable[Span | None],
        rule: str,
        confidence: float | None,
    ) -> None:
        head = self.heads.get((rule, confidence))
        if head is None:  # the lines every node of this rule and confidence has, joined once
            head_lines = [f"prov:wasDerivedFrom {self.source}", f"prov:wasGeneratedBy {self.activity}"]
            if rule:
                head_lines.append(_rule_line(rule))
            if confidence is not None:
                head_lines.append(_confidence_line(confidence))
            head = self.heads[(rule, confidence)] = " ;\n    " + " ;\n    ".join(head_lines)
        lines.append(head)
        text = self.document.text
        anchors = self.anchors
        for span in spans:
            a = None if span is None else _anchor(text, span.start, span.end)
            if a is None:
                continue
            bodies = anchors.get(a)
            if bodies is None:
                anchors[a] = [subject]
                part = text[a[0] : a[1]]
                exact = self.exact[a] = self.quote(part)
                # a printable part has no line break to remove: its evidence is its exact text
                flat = exact if part.isprintable() else self.evidence_literal(part)
                evidence = self.evidence[a] = " ;\n    pg:evidence " + flat
            elif subject in bodies:
                continue
            else:
                bodies.append(subject)
                evidence = self.evidence[a]  # a span that supports several nodes: written once
            # One mention word at two places: one pg:evidence. Looked for among the node's lines
            # (no set made a node): no other line of a node is pg:evidence with a string.
            if evidence not in lines:
                lines.append(evidence)


@lru_cache(maxsize=1024)
def _rule_line(rule: str) -> str:
    return f"pg:rule {lit(rule)}"


@lru_cache(maxsize=1024)
def _confidence_line(value: float) -> str:
    return f"pg:confidence {_confidence(value)}"


def _find(text: str, needle: str, start: int) -> Span | None:
    """The first occurrence of `needle` in the body, else in the header (a title), else None."""
    if not needle:
        return None
    at = text.find(needle, start)
    if at < 0:
        at = text.find(needle)
    return Span(at, at + len(needle)) if at >= 0 else None


def _version_slug(version: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", version.lower()).strip("-") or "unknown"


def write_turtle(extraction: Extraction, *, version: str = "0.1.0") -> str:
    """Deterministic Turtle for everything in `extraction`.

    Raises ValueError when the extraction refers to an entity, code or period key it does not
    define, or uses a class, level, unit, status or comparator the ontology does not have."""
    doc = extraction.document
    src_slug = source_slug(doc.file_name, doc.sha256)
    vslug = _version_slug(version)
    minter = IdMinter(src_slug)
    source = f"pgr:source-{src_slug}"
    agent = f"pgr:agent-parkgraph-{vslug}"
    activity = f"pgr:activity-{src_slug}-parkgraph-{vslug}"
    w = _Writer(doc, version, minter, source, activity)

    # Identifiers first, in a fixed order, so that -2, -3 … do not depend on list order.
    names: dict[str, str] = {}
    classes: dict[str, str] = {}
    classed = [(_class_of(e), e) for e in extraction.entities]  # (an error: the first in list order)
    for (cls, prefix), e in sorted(classed, key=lambda ce: (ce[0][1], ce[1].label, ce[1].key)):
        if e.key in names:
            raise ValueError(f"entity key {e.key!r} is defined twice")
        names[e.key] = "pgr:" + minter.named(prefix, e.label, "entity:" + e.key)
        classes[e.key] = cls
    for c in sorted(extraction.codes, key=lambda c: (c.label or c.notation, c.key)):
        if c.key in names:
            raise ValueError(f"code key {c.key!r} is also an entity key")
        names[c.key] = "pgr:" + minter.named("strategy", c.label or c.notation, "code:" + c.key)
    periods: dict[str, str] = {}
    for p in sorted(extraction.periods, key=lambda p: (p.label, p.key)):
        periods[p.key] = "pgr:" + minter.named("period", _period_name(p), "period:" + p.key)

    def ref(key: str, what: str) -> str:
        try:
            return names[key]
        except KeyError:
            raise ValueError(f"{what} refers to {key!r}, which no entity or code defines") from None

    for r in extraction.relations:
        if not _PREDICATE.fullmatch(r.predicate):
            raise ValueError(f"relation predicate {r.predicate!r} is not a pg: property name")

    # The source, the activity and the agent.
    s = w.node(source)
    s.append("a pg:SourceDocument")
    title = doc.title.strip() if doc.title else ""
    s.append(" ;\n    rdfs:label " + zh(title or f"来源文件 {doc.file_name}"))
    s.append(" ;\n    rdfs:label " + en(f"source document {doc.file_name}"))
    s.append(" ;\n    skos:prefLabel " + zh(title or f"来源文件 {doc.file_name}"))
    s.append(" ;\n    skos:prefLabel " + en(f"source document {doc.file_name}"))
    if title:
        s.append(" ;\n    dcterms:title " + zh(title))
    s.append(" ;\n    pg:fileName " + lit(doc.file_name.replace("\\", "/").rsplit("/", 1)[-1]))
    s.append(" ;\n    pg:sha256 " + lit(doc.sha256.lower()))
    s.append(" ;\n    dcterms:language " + lit("zh"))
    s.append(" ;\n    dcterms:format " + lit(doc.media_type))
    s.append(" ;\n    pg:characterEncoding " + lit(doc.encoding))
    if doc.url:
        address = iri(doc.url)
        s.append(" ;\n    dcterms:source " + (address if address else lit(doc.url)))
    if doc.published:
        s.append(" ;\n    dcterms:issued " + date_literal(doc.published))
    if doc.note:
        s.append(" ;\n    skos:note " + lit(doc.note))
    for warning in doc.warnings:
        s.append(" ;\n    skos:editorialNote " + lit(warning))

    a = w.node(activity)
    a.append("a pg:ExtractionActivity")
    a.append(" ;\n    a prov:Activity")
    a.append(" ;\n    rdfs:label " + zh(f"parkgraph {version} 抽取 {doc.file_name}"))
    a.append(" ;\n    rdfs:label " + en(f"extraction of {doc.file_name} by parkgraph {version}"))
    a.append(" ;\n    prov:used " + source)
    a.append(" ;\n    prov:wasAssociatedWith " + agent)

    g = w.node(agent)
    g.append("a prov:SoftwareAgent")
    g.append(" ;\n    rdfs:label " + zh(f"parkgraph {version} 抽取程序"))
    g.append(" ;\n    rdfs:label " + en(f"parkgraph {version} extractor"))
    g.append(" ;\n    schema:softwareVersion " + lit(version))

    # Relations: a plain triple on the subject's node, and a reified statement for its evidence.
    statements: list[tuple[str, str, str, Span, str, float]] = []
    for r in extraction.relations:
        subj, obj = ref(r.subject, f"relation {r.predicate}"), ref(r.object, f"relation {r.predicate}")
        statements.append((subj, "pg:" + r.predicate, obj, r.evidence, r.rule, r.confidence))
    for c in extraction.codes:
        for key in c.pursued_by:
            who = ref(key, f"code {c.notation}")
            # pg:pursues has the domain pg:Park: a city or a body that pursues a code (芜湖市 and
            # its 5511工程) is the strategy's pg:owner instead, so no store infers it is a park.
            if classes.get(key) in PARK_CLASSES:
                statements.append((who, "pg:pursues", names[c.key], c.evidence, c.rule, c.confidence))
            else:
                statements.append((names[c.key], "pg:owner", who, c.evidence, c.rule, c.confidence))
    for subj, pred, obj, *_ in statements:
        pairs = w.extra.setdefault(subj, [])
        if (pred, obj) not in pairs:
            pairs.append((pred, obj))

    # Entities, in identifier order.
    for e in sorted(extraction.entities, key=lambda e: names[e.key]):
        _write_entity(w, e, names[e.key], classes[e.key])

    # Strategies and their components.
    for c in sorted(extraction.codes, key=lambda c: names[c.key]):
        _write_code(w, c, names)

    # Periods.
    period_obs: dict[str, Observation] = {}
    for o in extraction.observations:
        if o.period is not None:
            period_obs.setdefault(o.period, o)
    for p in sorted(extraction.periods, key=lambda p: periods[p.key]):
        _write_period(w, p, periods[p.key], period_obs.get(p.key))

    # Indicators: a concept of the vocabulary (ontology/indicators.ttl, defined there) where
    # the words name one, else one concept per distinct indicator text, named from it.
    indicators: dict[str, str] = {}
    measured: dict[str, list[Observation]] = {}
    for o in extraction.observations:
        if o.concept is not None:
            continue
        if o.indicator not in indicators:
            indicators[o.indicator] = "pgr:" + minter.named(
                "indicator", o.indicator, "indicator:" + o.indicator
            )
        measured.setdefault(o.indicator, []).append(o)
    for text_, local in sorted(indicators.items(), key=itemgetter(1)):
        obs = measured[text_]
        label = zh(text_)
        n = w.node(local)
        n.append(f"a pg:Indicator ;\n    rdfs:label {label} ;\n    skos:prefLabel {label}")
        w.provenance(local, n, [o.evidence for o in obs], obs[0].rule, None)

    # Observations, numbered in the extraction's order.
    labels = {e.key: e.label for e in extraction.entities}
    labels.update({c.key: c.label or c.notation for c in extraction.codes})
    period_labels = {p.key: p.label for p in extraction.periods}
    for i, o in enumerate(extraction.observations, 1):
        _write_observation(
            w,
            o,
            "pgr:" + minter.scoped("obs", i),
            ref(o.about, "an observation"),
            labels[o.about],
            "pgr:" + o.concept if o.concept is not None else indicators[o.indicator],
            periods,
            period_labels,
        )

    # Reified statements.
    for i, (subj, pred, obj, span, rule, conf) in enumerate(statements, 1):
        stmt = "pgr:" + minter.scoped("stmt", i)
        n = w.node(stmt)
        n.append(
            f"a rdf:Statement ;\n    rdf:subject {subj} ;\n    rdf:predicate {pred} ;\n    rdf:object {obj}"
        )
        w.provenance(stmt, n, [span], rule, conf)

    # Annotations, in text order; four small nodes a span, written as one block of text
    # (they are a third of all triples).
    text = doc.text
    scope = minter.source
    blocks = []
    plain = w.plain
    # Sorted by the (start, end) keys alone: sort compares them as pairs of ints, but the
    # items as tuples holding tuples, one generic comparison more each time.
    for i, at in enumerate(sorted(w.anchors), 1):
        start, end = at
        ann = f"{scope}-{i}"  # the number made a string once, not once for each of 8 names
        before = text[start - CONTEXT_MAX if start > CONTEXT_MAX else 0 : start]
        after = text[end : end + CONTEXT_MAX]
        if plain:  # _lit_plain() in line: its call cost more than its replace, twice a block
            before, after = before.replace("\n", "\\n"), after.replace("\n", "\\n")
            prefix = f' ;\n    oa:prefix "{before}"' if before else ""
            suffix = f' ;\n    oa:suffix "{after}"' if after else ""
        else:
            prefix = f" ;\n    oa:prefix {lit(before)}" if before else ""
            suffix = f" ;\n    oa:suffix {lit(after)}" if after else ""
        blocks.append(
            f"\npgr:ann-{ann}\n    a oa:Annotation ;\n    oa:hasBody {' , '.join(w.anchors[at])} ;\n"
            f"    oa:hasTarget pgr:target-{ann} .\n"
            f"\npgr:target-{ann}\n    a oa:SpecificResource ;\n    oa:hasSource {source} ;\n"
            f"    oa:hasSelector pgr:quote-{ann} , pgr:position-{ann} .\n"
            f"\npgr:quote-{ann}\n    a oa:TextQuoteSelector ;\n"
            f"    oa:exact {w.exact[at]}{prefix}{suffix} .\n"
            f"\npgr:position-{ann}\n    a oa:TextPositionSelector ;\n"
            f"    oa:start {start} ;\n    oa:end {end} .\n"
        )
    name = _CONTROL.sub(" ", doc.file_name)  # a line break would end the comment early
    banner = (
        f"# Candidate facts proposed by parkgraph {version} from {name}\n"
        f"# (SHA-256 {doc.sha256.lower()}), each with its evidence: review them before data/.\n\n"
    )
    return _render(banner, w.nodes, blocks)


def _class_of(e: Entity) -> tuple[str, str]:
    if not e.label.strip():
        raise ValueError(f"entity {e.key!r} has no label")
    cls = CLASS_ALIASES.get(e.cls, e.cls)
    try:
        return CLASSES[cls]
    except KeyError:
        raise ValueError(f"entity {e.key!r}: unknown class {e.cls!r} (known: {', '.join(CLASSES)})") from None


def _write_entity(w: _Writer, e: Entity, name: str, cls: str) -> None:
    lines = w.node(name)
    label = zh(e.label)
    # Fixed runs of lines as one element, without a string and a list item a line.
    if e.label_en:
        label_en = en(e.label_en)
        lines.append(
            f"a pg:{cls} ;\n    rdfs:label {label} ;\n    rdfs:label {label_en} ;\n"
            f"    skos:prefLabel {label} ;\n    skos:prefLabel {label_en}"
        )
    else:
        lines.append(f"a pg:{cls} ;\n    rdfs:label {label} ;\n    skos:prefLabel {label}")
    for alt in dict.fromkeys(e.alt_labels) if e.alt_labels else ():
        if alt != e.label:
            lines.append(" ;\n    skos:altLabel " + zh(alt))
    if e.level:
        try:
            lines.append(" ;\n    pg:level pg:" + LEVELS[e.level])
        except KeyError:
            raise ValueError(
                f"entity {e.key!r}: unknown level {e.level!r} (known: {', '.join(LEVELS)})"
            ) from None
    if e.gb_code:
        if not _GB_CODE.fullmatch(e.gb_code):
            raise ValueError(f"entity {e.key!r}: GB/T 2260 code {e.gb_code!r} is not 6, 9 or 12 digits")
        lines.append(" ;\n    pg:gbCode " + lit(e.gb_code))
    for pred, obj in w.extra.get(name, ()):
        lines.append(f" ;\n    {pred} {obj}")
    spans: Iterable[Span | None] = e.evidence[:MENTIONS_MAX]
    if not spans:  # no mention recorded: the label's first occurrence in the body
        spans = [_find(w.document.text, e.label, w.document.body_start)]
    w.provenance(name, lines, spans, e.rule, e.confidence)


def _write_code(w: _Writer, c: Code, names: dict[str, str]) -> None:
    name = names[c.key]
    local = name[4:]
    n = w.node(name)
    n.append("a pg:Strategy")
    n.append(" ;\n    rdfs:label " + zh(c.label or c.notation))
    n.append(" ;\n    skos:prefLabel " + zh(c.label or c.notation))
    n.append(" ;\n    skos:notation " + lit(c.notation))
    comps = [f"pgr:component-{local.removeprefix('strategy-')}-{i}" for i in range(1, len(c.components) + 1)]
    for comp in comps:
        n.append(" ;\n    pg:hasComponent " + comp)
    for pred, obj in w.extra.get(name, []):
        n.append(f" ;\n    {pred} {obj}")
    w.provenance(name, n, [c.evidence], c.rule, c.confidence)
    for i, (comp, part) in enumerate(zip(comps, c.components, strict=True), 1):
        if part.declared_count < 1:
            raise ValueError(f"code {c.notation!r}: component {i} declares {part.declared_count}")
        m = w.node(comp)
        m.append("a pg:StrategyComponent")
        m.append(" ;\n    rdfs:label " + zh(part.role))
        m.append(" ;\n    skos:prefLabel " + zh(part.role))
        m.append(" ;\n    pg:position " + str(i))
        m.append(" ;\n    pg:declaredCount " + str(part.declared_count))
        for key in dict.fromkeys(part.members):
            if key not in names:
                raise ValueError(f"code {c.notation!r}: member {key!r} is not an entity or code")
            m.append(" ;\n    pg:member " + names[key])
        w.provenance(comp, m, [part.evidence or c.evidence], c.rule, c.confidence)


def _write_period(w: _Writer, p: Period, name: str, first: Observation | None) -> None:
    n = w.node(name)
    label_en = period_label_en(p)
    label = zh(p.label)
    if label_en:  # (as in _write_entity)
        label_en = en(label_en)
        n.append(
            f"a pg:Period ;\n    rdfs:label {label} ;\n    rdfs:label {label_en} ;\n"
            f"    skos:prefLabel {label} ;\n    skos:prefLabel {label_en}"
        )
    else:
        n.append(f"a pg:Period ;\n    rdfs:label {label} ;\n    skos:prefLabel {label}")
    if p.start_year is not None:
        n.append(" ;\n    pg:startYear " + gyear(p.start_year))
    if p.end_year is not None:
        n.append(" ;\n    pg:endYear " + gyear(p.end_year))
    for prop, month in (("pg:startMonth", p.start_month), ("pg:endMonth", p.end_month)):
        if month is not None:
            if not 1 <= month <= 12:
                raise ValueError(f"period {p.label!r}: month {month} is outside 1–12")
            n.append(f" ;\n    {prop} {month}")
    span = p.evidence or _find(w.document.text, p.label, w.document.body_start)
    if span is None and first is not None:
        span = first.evidence
    w.provenance(name, n, [span], first.rule if first else "", None)


def _write_observation(
    w: _Writer,
    o: Observation,
    name: str,
    about: str,
    about_label: str,
    indicator: str,
    periods: dict[str, str],
    period_labels: dict[str, str],
) -> None:
    unit = UNIT_ALIASES.get(o.unit, o.unit)
    if unit not in UNITS:
        raise ValueError(
            f"observation {o.stated!r}: unknown unit {o.unit!r} (known: {', '.join(sorted(UNITS))})"
        )
    if o.status not in STATUSES or o.comparator not in COMPARATORS:
        raise ValueError(f"observation {o.stated!r}: status {o.status!r} / comparator {o.comparator!r}")
    period_label = period_labels.get(o.period, "") if o.period else ""
    label = zh(f"{about_label}{period_label}{o.indicator} {o.stated}")
    value = decimal_literal(o.value)  # (its error before the period's)
    period = ""
    if o.period is not None:
        try:
            period = f" ;\n    pg:period {periods[o.period]}"
        except KeyError:
            raise ValueError(f"observation {o.stated!r}: unknown period key {o.period!r}") from None
    lines = w.node(name)
    lines.append(  # one element for all the lines (see _write_entity)
        f"a pg:Observation ;\n    rdfs:label {label} ;\n    skos:prefLabel {label} ;\n"
        f"    pg:about {about} ;\n    pg:indicator {indicator} ;\n    pg:indicatorText {lit(o.indicator)} ;\n"
        f"    pg:value {value} ;\n    pg:unit pg:{unit}{period} ;\n    pg:status pg:{o.status} ;\n"
        f"    pg:comparator pg:{o.comparator} ;\n    pg:statedAs {lit(o.stated)}"
    )
    w.provenance(name, lines, (o.evidence,), o.rule, o.confidence)


def _render(banner: str, nodes: list[tuple[str, list[str]]], blocks: list[str]) -> str:
    # One join of all the pieces: each concatenation would copy (and widen to the Chinese
    # text's width) everything before it again.
    out = [banner, HEADER]
    for subject, lines in nodes:
        out += ("\n", subject, "\n    ", *lines, " .\n")
    out += blocks
    return "".join(out)
