"""The extractor's data model: what each stage hands to the next.

Every position is a `Span` in code points of `Document.text`, the text as read (decoded, and
for HTML or PDF the extracted text), before any normalisation: `Document.text[s.start:s.end]`
is always the verbatim evidence. Stages that work on normalised text (`text.Text`) map their
positions back before they build a `Span`.

Entities are referred to by `key` (unique within one extraction, e.g. "park:永川高新区"); the
writer turns keys into IRIs (`ids.py`), so rules never mint identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Status = Literal["Actual", "Target"]
Comparator = Literal["AtLeast", "Exactly", "AtMost", "Approximately"]


@dataclass(frozen=True, order=True)
class Span:
    """[start, end) in code points of Document.text."""

    start: int
    end: int


@dataclass
class Document:
    """A source document as read, with its metadata."""

    text: str  # the text as read; every Span points into it
    sha256: str  # of the bytes read
    file_name: str
    media_type: str = "text/plain"  # text/plain | text/html | application/pdf
    encoding: str = "utf-8"  # as detected (or given)
    body_start: int = 0  # where the body begins (after `# source:` header lines, an HTML title …)
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD, YYYY-MM or YYYY) where stated
    note: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. "decoded as GB18030 (detected)"


@dataclass
class Entity:
    """A thing the text names: a park, an area, an organisation, an industry, a title …

    `cls` is the ontology class local name (HighTechZone, EconomicDevelopmentZone, Park,
    AdministrativeArea, Organization, IndustrialCluster, Industry, Title, Goal, Platform …).
    """

    key: str
    cls: str
    label: str  # the preferred Chinese name, as written
    alt_labels: list[str] = field(default_factory=list)  # other name forms the text uses
    evidence: list[Span] = field(default_factory=list)  # mentions; the first is the main one
    # areas: province | city | district | county | town; parks: national | provincial
    level: str | None = None
    gb_code: str | None = None  # GB/T 2260 code of an administrative area
    label_en: str | None = None
    rule: str = ""
    confidence: float = 0.8


@dataclass
class Relation:
    """subject --pg:predicate--> object, both entity keys (predicate: a pg: local name)."""

    subject: str
    predicate: str  # locatedIn | hasCluster | hasIndustry | holdsTitle | aspiresTo | pursues …
    object: str
    evidence: Span
    rule: str = ""
    confidence: float = 0.8


@dataclass
class Period:
    """A time span a number refers to: 十四五 = 2021–2025, 2024年上半年 = 2024–2024 …"""

    key: str
    label: str  # as the text states it (“十四五”期间, 2024年1—11月)
    start_year: int | None
    end_year: int | None
    start_month: int | None = None
    end_month: int | None = None
    evidence: Span | None = None


@dataclass
class Observation:
    """One stated number with what it measures."""

    about: str  # entity key
    indicator: str  # the text's words for what is measured
    stated: str  # the surface form: 940亿元, 60多家, 第27位
    value: Decimal
    unit: str  # pg: local name of a unit individual (CNY, Percent, Count, Rank, Mu …)
    comparator: Comparator
    status: Status
    evidence: Span
    period: str | None = None  # Period key
    rule: str = ""
    confidence: float = 0.7
    # the pgr: local name of the vocabulary's concept the indicator words name
    # (ontology/indicators.ttl), None for a wording of its own (a concept named after it)
    concept: str | None = None


@dataclass
class Component:
    """One part of a code name's stated decomposition: “3322” → 3 重点产业 …"""

    declared_count: int
    role: str  # the role label the text gives (重点产业, 两中心)
    members: list[str] = field(default_factory=list)  # entity keys, only those the text names
    evidence: Span | None = None


@dataclass
class Code:
    """A strategy, programme or layout named by a code with a numeral (“3322”, 一区三园)."""

    key: str
    notation: str  # the code as written, without quote marks
    label: str  # the name as written (“4610”行动计划)
    evidence: Span
    components: list[Component] = field(default_factory=list)
    pursued_by: list[str] = field(default_factory=list)  # entity keys
    rule: str = ""
    confidence: float = 0.8


@dataclass
class Extraction:
    """Everything proposed for one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        parks = sum(1 for e in self.entities if e.cls in PARK_CLASSES)
        titles = sum(1 for r in self.relations if r.predicate in ("holdsTitle", "aspiresTo"))
        return {"parks": parks, "observations": len(self.observations), "codes": len(self.codes),
                "titles": titles}


PARK_CLASSES = frozenset({"Park", "HighTechZone", "EconomicDevelopmentZone"})
