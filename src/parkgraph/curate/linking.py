"""Linking: which entities already in the graph a mention in a new document may be.

Nothing is merged here. `link_candidates(...)` proposes, for each park, area and organisation
an extraction names, the known entities it may be, each with the named features that made it
(`Feature`), a score and a verdict (`likely` or `possible`); the reviewer decides.

Park names are compared through an alias grammar (`parse_park_name`):

    [province][city] distinctive [国家级|省级|国家] suffix [（qualifier）]

- the suffix gives the kind: 高新技术产业开发区 = 高新技术开发区 = 高新区 (a high-tech zone),
  经济技术开发区 = 经开区, 经济开发区, 开发区 (unspecific), 工业园区 = 工业园, 产业园 …;
- 国家级 / 省级 and 国家高新区 give the level where the name states it;
- leading place names (from the GB/T 2260 table) are the province and city prefixes; the
  last of them, or what follows them, is the distinctive part (永川, 芜湖, 新芜, 凤凰湖);
- a bracket, full- or half-width, is a qualifier (杭州高新区（滨江）).

Two names are the same park only when the distinctive parts agree; the shared suffix counts
for nothing by itself. Kind and level are hard constraints: a high-tech zone is never an
economic-development zone, a national zone never a provincial one, a place written as a
district never one written as a city. A name without a distinctive part (高新区, 高新区（滨江）)
takes it from the document's own parks, never from the graph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from parkgraph.extract.lexicon import Division, divisions, table
from parkgraph.extract.model import PARK_CLASSES, Entity, Extraction

Verdict = Literal["likely", "possible"]

# Name endings, longest first: (ending, kind), from the extractor's lexicon of park endings
# (extract/lexicons/park_suffixes.tsv, one list for both); the kind is this module's code for
# the ending's normal form where the constraints below name it, else the normal form itself.
_KIND_CODES = {"高新区": "htz", "经开区": "etdz", "经济开发区": "edz", "开发区": "devzone",
               "工业集中区": "industrial-cluster-zone", "工业园区": "industrial-park",
               "产业园": "industry-park", "科技园": "science-park", "创业园": "incubator-park",
               "创新园": "innovation-park"}
PARK_SUFFIXES: tuple[tuple[str, str], ...] = tuple(sorted(
    ((suffix, _KIND_CODES.get(normal, normal))
     for suffix, (cls, normal) in table("park_suffixes.tsv").items()
     if cls != "FunctionalArea"),  # 综合保税区, 片区: not parks
    key=lambda row: -len(row[0])))
# The suffix as a reviewer reads it (the feature values name the normal form).
KIND_LABELS = {
    "htz": "高新区", "etdz": "经开区", "edz": "经济开发区", "devzone": "开发区",
    "industrial-cluster-zone": "工业集中区", "industrial-park": "工业园区", "industry-park": "产业园",
    "science-park": "科技园", "incubator-park": "创业园", "innovation-park": "创新园", "park": "园区",
}
# The ontology class each kind belongs to (pg: local names).
KIND_CLASSES = {"htz": "HighTechZone", "etdz": "EconomicDevelopmentZone", "edz": "EconomicDevelopmentZone",
                "devzone": "EconomicDevelopmentZone"}
# 开发区 alone is what people call an 经开区 or an 经济开发区 (天津开发区 = 天津经济技术开发区): it
# may be either, never a high-tech zone; the reviewer is told the kind is unspecific.
_UNSPECIFIC = {"devzone": frozenset({"etdz", "edz"})}
_LEVEL_WORDS = (("国家级", "national"), ("省级", "provincial"), ("市级", "city"))
_BRACKETS = re.compile(r"[(\[【〔]([^()\[\]【】〔〕]*)[)\]】〕]")
_QUOTES = re.compile(r"[“”‘’\"'《》「」\s]")

# Weights of the features in the score (a ranking aid only: the verdict is the rules').
_WEIGHTS = {
    "distinctive": 0.5, "kind": 0.2, "qualifier": 0.1, "prefix": 0.1, "location": 0.1, "context": -0.1,
    "level": 0.05, "kind-unspecific": -0.2, "exact-label": 0.1, "prefix-unconfirmed": -0.2,
}


@dataclass(frozen=True)
class Feature:
    """One reason a candidate was proposed (or weakened): a name and its value, for the reviewer."""

    name: str  # distinctive | kind | level | qualifier | prefix | location | context | exact-label …
    value: str  # e.g. "永川 = 永川", "高新区 = 高新区", "national = national"

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "value": self.value}


@dataclass(frozen=True)
class Place:
    """A place name in a park's name: its short form, and the level its full form states."""

    short: str  # 永川
    written: str  # as written: 永川区 or 永川
    level: str | None  # province | city | district | county, when the written form says
    codes: tuple[str, ...]  # GB/T 2260 codes it may name


@dataclass(frozen=True)
class ParkName:
    """A park name taken apart by the alias grammar."""

    surface: str  # as written
    kind: str  # htz | etdz | edz | devzone | industrial-park | … | park (no known ending)
    distinctive: str  # 永川, 新芜, 凤凰湖; "" for a bare 高新区
    distinctive_place: Place | None  # when the distinctive part is a place name
    prefixes: tuple[Place, ...] = ()  # the province / city prefixes before it
    qualifier: str = ""  # 滨江 in 杭州高新区（滨江）
    level: str | None = None  # national | provincial | city, when the name states it
    resolved_from: str | None = None  # the document's park name a bare name took its part from

    @property
    def bare(self) -> bool:
        return not self.distinctive


def _normal(name: str) -> str:
    """NFKC (full-width brackets and letters to half-width), without quote marks and spaces."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


def _place(text: str, at: int) -> Place | None:
    """The longest place name of the GB/T 2260 table that starts at `at` (two characters at least)."""
    table = divisions()
    for end in range(min(len(text), at + 12), at + 1, -1):
        found: tuple[Division, ...] | None = table.get(text[at:end])
        if found:
            written = text[at:end]
            full = [d for d in found if d.name == written]
            level = full[0].level if full else None
            short = _short_of(written, found)
            return Place(short=short, written=written, level=level, codes=tuple(d.code for d in found))
    return None


def _short_of(written: str, found: Sequence[Division]) -> str:
    for d in found:
        if d.name == written:
            for ending in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市",
                           "地区", "盟", "新区", "区", "县", "旗"):
                if written.endswith(ending) and len(written) - len(ending) >= 2:
                    return written[: -len(ending)]
    return written


def parse_park_name(name: str) -> ParkName:
    """Take a park name apart (see the module docstring). Never fails: a name the grammar does
    not know is a `park` whose distinctive part is the whole name."""
    text = _normal(name)
    qualifier = ""
    brackets = list(_BRACKETS.finditer(text))
    if brackets:  # the last one: 杭州高新区（滨江）
        m = brackets[-1]
        qualifier = m.group(1)
        text = (text[: m.start()] + text[m.end():]).strip()
    level: str | None = None
    for word, lv in _LEVEL_WORDS:
        if word in text:
            level = lv
            text = text.replace(word, "")
    if "国家高新" in text:  # 宁波国家高新区, 国家高新技术产业开发区
        level = "national"
        text = text.replace("国家高新", "高新")
    if text.startswith("国家") and len(text) > 2:
        level = level or "national"
        text = text[2:]
    if qualifier.startswith("中国") and len(qualifier) > 3:  # （中国光谷）: the alias 光谷
        qualifier = qualifier[2:]
    kind, stem = "park", text
    for suffix, k in PARK_SUFFIXES:
        if text.endswith(suffix):
            kind, stem = k, text[: -len(suffix)]
            break
    places: list[Place] = []
    at = 0
    while at < len(stem):
        p = _place(stem, at)
        if p is None:
            break
        places.append(p)
        at += len(p.written)
    rest = stem[at:]
    if len(rest) == 1 and places:  # 凤凰湖: not the place 凤凰 and a 湖
        rest = places.pop().written + rest
    if rest:
        distinctive, dplace, prefixes = rest, None, tuple(places)
    elif places:
        dplace = places[-1]
        distinctive, prefixes = dplace.short, tuple(places[:-1])
        if any(not _codes_agree(p, dplace) for p in prefixes):
            dplace = None  # 武汉东湖: this 东湖 is not Nanchang's 东湖区, whatever the table says
    else:
        distinctive, dplace, prefixes = "", None, ()
    return ParkName(surface=name, kind=kind, distinctive=distinctive, distinctive_place=dplace,
                    prefixes=prefixes, qualifier=qualifier, level=level)


def resolve_in_context(name: ParkName, document_parks: Iterable[str]) -> ParkName:
    """A bare name (高新区, 高新区（滨江）) with the distinctive part of the one park of its kind
    that its own document names with one; unchanged when there is none or more than one."""
    if not name.bare:
        return name
    found: dict[str, ParkName] = {}
    kinds = {name.kind, *_UNSPECIFIC.get(name.kind, ())}  # a bare 开发区: the document's 经开区 …
    for other in document_parks:
        p = parse_park_name(other)
        if p.bare or p.kind not in kinds:
            continue
        if name.qualifier and p.qualifier and p.qualifier != name.qualifier:
            continue
        found.setdefault(p.distinctive, p)
    if len(found) != 1:
        return name
    (p,) = found.values()
    return replace(name, kind=p.kind, distinctive=p.distinctive, distinctive_place=p.distinctive_place,
                   prefixes=p.prefixes, qualifier=name.qualifier or p.qualifier,
                   level=name.level or p.level, resolved_from=p.surface)


@dataclass(frozen=True)
class Comparison:
    """Two park names compared: the features, and a verdict (None: not the same park)."""

    features: tuple[Feature, ...]
    verdict: Verdict | None
    conflict: str | None = None  # the hard constraint that failed, for tests and diagnostics

    @property
    def score(self) -> float:
        if self.verdict is None:
            return 0.0
        s = sum(_WEIGHTS.get(f.name, 0.0) for f in self.features)
        return round(max(0.0, min(1.0, s)), 3)


def _codes_agree(a: Place, b: Place) -> bool:
    """Whether two places may be the same or one inside the other (GB/T 2260 code prefixes)."""
    for x in a.codes:
        for y in b.codes:
            if _within(x, y) or _within(y, x):
                return True
    return False


def _within(inner: str, outer: str) -> bool:
    trimmed = outer.rstrip("0")
    if len(trimmed) % 2:
        trimmed += "0"
    return inner.startswith(trimmed)


def _no(features: list[Feature], conflict: str) -> Comparison:
    return Comparison(tuple(features), None, conflict)


def _bracket_alias(short: ParkName, full: ParkName) -> Comparison | None:
    """A name without a park ending (光谷) that is the other's bracketed alias (东湖高新区（中国光谷）),
    not a place: a possible link, for the reviewer to confirm."""
    if short.kind != "park" or short.prefixes or short.qualifier or not full.qualifier:
        return None
    if short.distinctive != full.qualifier or _place(full.qualifier, 0) is not None:
        return None
    feature = Feature("alias", f"{short.surface} = （{full.qualifier}） of {full.surface}")
    return Comparison((feature,), "possible")


def compare_park_names(a: ParkName, b: ParkName, *, level_a: str | None = None,
                       level_b: str | None = None) -> Comparison:
    """Whether `a` and `b` may name the same park, and why (see the module docstring).
    `level_a` / `level_b`: a level known from elsewhere (pg:level in the graph)."""
    features: list[Feature] = []
    alias = _bracket_alias(a, b) or _bracket_alias(b, a)
    if alias is not None:
        return alias
    # Kind: a hard constraint; 开发区 alone may be an 经开区 or an 经济开发区.
    ka, kb = KIND_LABELS.get(a.kind, a.kind), KIND_LABELS.get(b.kind, b.kind)
    if a.kind == b.kind:
        features.append(Feature("kind", f"{ka} = {kb}"))
    elif b.kind in _UNSPECIFIC.get(a.kind, ()) or a.kind in _UNSPECIFIC.get(b.kind, ()):
        features.append(Feature("kind-unspecific", f"{ka} ~ {kb}"))
    else:
        return _no([Feature("kind", f"{ka} ≠ {kb}")], "kind")
    # Level: a hard constraint where both sides state one.
    la, lb = a.level or level_a, b.level or level_b
    if la and lb:
        if la != lb:
            return _no([*features, Feature("level", f"{la} ≠ {lb}")], "level")
        features.append(Feature("level", f"{la} = {lb}"))
    # The distinctive part must agree before anything else counts.
    if a.bare or b.bare:
        return _no([*features, Feature("distinctive", "missing: a bare name links only in its own document")],
                   "bare")
    pa, pb = a.distinctive_place, b.distinctive_place
    if a.distinctive != b.distinctive:
        return _no([*features, Feature("distinctive", f"{a.distinctive} ≠ {b.distinctive}")], "distinctive")
    if pa and pb:
        if pa.level and pb.level and pa.level != pb.level:
            clash = f"{pa.written} ({pa.level}) ≠ {pb.written} ({pb.level})"
            return _no([*features, Feature("distinctive", clash)], "place-level")
        if not _codes_agree(pa, pb):
            clash = f"{pa.written} ≠ {pb.written} (GB/T 2260)"
            return _no([*features, Feature("distinctive", clash)], "place")
    features.append(Feature("distinctive", f"{a.distinctive} = {b.distinctive}"))
    # Qualifiers (the bracket): different ones are different parks.
    if a.qualifier and b.qualifier:
        if a.qualifier != b.qualifier:
            return _no([*features, Feature("qualifier", f"{a.qualifier} ≠ {b.qualifier}")], "qualifier")
        features.append(Feature("qualifier", f"{a.qualifier} = {b.qualifier}"))
    elif a.qualifier or b.qualifier:
        features.append(Feature("qualifier-one-side", a.qualifier or b.qualifier))
    # Province / city prefixes: written on one side only they are neutral; they must not clash
    # with the other side's prefixes, nor with its distinctive place where that is written in
    # full (永川区): a short form (东湖) is too weak a sign of which place it is.
    for x in a.prefixes:
        for y in (*b.prefixes, *([pb] if pb and pb.level else [])):
            if not _codes_agree(x, y):
                return _no([*features, Feature("prefix", f"{x.written} ≠ {y.written}")], "prefix")
    for y in b.prefixes:
        for x in ([pa] if pa and pa.level else []):
            if not _codes_agree(x, y):
                return _no([*features, Feature("prefix", f"{y.written} ≠ {x.written}")], "prefix")
    # A prefix on one side against a short place name on the other (武汉 / 东湖): only possible.
    unsure = [f"{x.written} / {other.written}" for side, other in ((a, pb), (b, pa))
              if other and not other.level for x in side.prefixes if not _codes_agree(x, other)]
    if unsure:
        features.append(Feature("prefix-unconfirmed", "; ".join(unsure)))
    shared = sorted({p.short for p in a.prefixes} & {p.short for p in b.prefixes})
    if shared:
        features.append(Feature("prefix", " ".join(shared)))
    for side in (a, b):
        if side.resolved_from:
            features.append(Feature("context", f"{side.surface} → {side.resolved_from} (same document)"))
    if _normal(a.surface) == _normal(b.surface):
        features.append(Feature("exact-label", _normal(a.surface)))
    # A distinctive part that is no place name (凤凰湖, 中小企业) is only as good as a location
    # that agrees: `link_candidates` adds it; without it the match is only possible.
    verdict: Verdict = "likely"
    weak = ("kind-unspecific", "prefix-unconfirmed")
    if any(f.name in weak for f in features) or (pa is None and pb is None):
        verdict = "possible"
    return Comparison(tuple(features), verdict)


# --------------------------------------------------------------------------- the graph side


@dataclass(frozen=True)
class KnownEntity:
    """An entity already in the graph, as linking sees it."""

    iri: str
    cls: str  # pg: local name
    labels: tuple[str, ...]  # every zh label (rdfs:label, skos:prefLabel, skos:altLabel)
    level: str | None = None  # national | provincial | province | city | district | county | town
    gb_code: str | None = None
    area_codes: tuple[str, ...] = ()  # GB/T 2260 codes of the areas it is located in
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One entity a mention may be, with the features that made it."""

    iri: str
    label: str  # the known label that matched best
    verdict: Verdict
    score: float
    features: tuple[Feature, ...]

    def as_dict(self) -> dict[str, object]:
        return {"iri": self.iri, "label": self.label, "verdict": self.verdict, "score": self.score,
                "features": [f.as_dict() for f in self.features]}


@dataclass
class MentionLinks:
    """The candidates for one entity of an extraction, best first (empty: a new entity)."""

    key: str  # the extraction's entity key
    label: str
    cls: str
    candidates: list[Candidate] = field(default_factory=list)
    note: str = ""  # e.g. "bare name, not resolved in its document"

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "cls": self.cls, "note": self.note,
                "candidates": [c.as_dict() for c in self.candidates]}


_PARK_LEVELS = {"NationalLevel": "national", "ProvinceLevel": "provincial", "CityLevel": "city"}
_AREA_LEVELS = {"ProvinceLevel": "province", "CityLevel": "city", "DistrictLevel": "district",
                "CountyLevel": "county", "TownLevel": "town"}


def _kind_of_class(cls: str) -> str | None:
    return {"HighTechZone": "htz"}.get(cls)


def _class_conflict(cls: str, name: ParkName) -> bool:
    """The class in the graph against the kind the name gives (an HTZ name on an EDZ entity)."""
    expected = KIND_CLASSES.get(name.kind)
    if cls == "Park" or expected is None:
        return False
    return cls != expected


def _park_candidates(entity: Entity, context: list[str], doc_area_codes: set[str],
                     known: Sequence[KnownEntity]) -> tuple[list[Candidate], str]:
    forms = dict.fromkeys([entity.label, *entity.alt_labels])
    names = [resolve_in_context(parse_park_name(n), context) for n in forms]
    usable = [n for n in names if not n.bare]
    note = "" if usable else "a bare name its document does not resolve: no candidates"
    out: list[Candidate] = []
    for k in known:
        if k.cls not in PARK_CLASSES:
            continue
        if entity.cls in ("HighTechZone", "EconomicDevelopmentZone") and k.cls in PARK_CLASSES - {"Park"} \
                and entity.cls != k.cls:
            continue  # a hard constraint on the classes themselves
        best: tuple[float, str, Comparison] | None = None
        for n in usable:
            if _class_conflict(k.cls, n):
                continue
            for label in k.labels:
                c = compare_park_names(n, parse_park_name(label), level_b=_PARK_LEVELS.get(k.level or ""))
                if c.verdict is None:
                    continue
                if best is None or c.score > best[0]:
                    best = (c.score, label, c)
        if best is None:
            continue
        _, label, c = best
        features = list(c.features)
        verdict = c.verdict
        assert verdict is not None
        if k.area_codes and doc_area_codes:
            agree = sorted(x for x in k.area_codes
                           if any(_within(x, y) or _within(y, x) for y in doc_area_codes))
            if agree:
                features.append(Feature("location", f"located in {', '.join(agree)}, named in the document"))
            elif verdict == "possible":
                continue  # a generic name (集成电路产业园) elsewhere: not the same park
            else:
                features.append(Feature("location-unconfirmed", "no area of the document contains it"))
        comparison = Comparison(tuple(features), verdict)
        out.append(Candidate(k.iri, label, verdict, comparison.score, tuple(features)))
    out.sort(key=lambda c: (c.verdict != "likely", -c.score, c.iri))
    return out, note


def _area_candidates(entity: Entity, known: Sequence[KnownEntity]) -> list[Candidate]:
    out: list[Candidate] = []
    names = {_normal(n) for n in (entity.label, *entity.alt_labels)}
    for k in known:
        if k.cls != "AdministrativeArea":
            continue
        if entity.gb_code and k.gb_code:
            if entity.gb_code == k.gb_code:
                out.append(Candidate(k.iri, k.labels[0] if k.labels else k.iri, "likely", 1.0,
                                     (Feature("gb-code", f"{entity.gb_code} = {k.gb_code}"),)))
            continue  # two codes that differ are two areas, whatever the names say
        level = _AREA_LEVELS.get(k.level or "", k.level)
        if entity.level and level and entity.level != level:
            continue  # a district is never a city
        same = sorted(names & {_normal(n) for n in k.labels})
        if same:
            features = [Feature("exact-label", same[0])]
            if entity.level and level:
                features.append(Feature("level", f"{entity.level} = {level}"))
            out.append(Candidate(k.iri, same[0], "possible", 0.6, tuple(features)))
    out.sort(key=lambda c: (c.verdict != "likely", -c.score, c.iri))
    return out


_ORG_ENDINGS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司")


def org_core(name: str) -> str:
    """An organisation's name without its legal form and a bracketed place: 英飞特电子(杭州)股份有限公司
    → 英飞特电子."""
    text = _BRACKETS.sub("", _normal(name))
    for ending in _ORG_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def _org_candidates(entity: Entity, known: Sequence[KnownEntity]) -> list[Candidate]:
    out: list[Candidate] = []
    names = [_normal(n) for n in (entity.label, *entity.alt_labels)]
    cores = {org_core(n) for n in names}
    for k in known:
        if k.cls != "Organization":
            continue
        labels = [_normal(x) for x in k.labels]
        exact = sorted(set(names) & set(labels))
        if exact:
            out.append(Candidate(k.iri, exact[0], "likely", 1.0, (Feature("exact-label", exact[0]),)))
            continue
        alias = sorted(cores & {org_core(x) for x in labels})
        if alias:
            out.append(Candidate(k.iri, k.labels[0], "possible", 0.6,
                                 (Feature("alias", f"{alias[0]} (name without legal form or place)"),)))
    out.sort(key=lambda c: (c.verdict != "likely", -c.score, c.iri))
    return out


def link_candidates(extraction: Extraction, known: Sequence[KnownEntity]) -> list[MentionLinks]:
    """For each park, area and organisation of `extraction`, the known entities it may be.

    Proposals only: every candidate carries its features, and a mention with none is a new
    entity; the review decides which (if any) is taken."""
    parks = [e for e in extraction.entities if e.cls in PARK_CLASSES]
    context = [n for e in parks for n in (e.label, *e.alt_labels)]
    doc_codes = {e.gb_code for e in extraction.entities if e.cls == "AdministrativeArea" and e.gb_code}
    out: list[MentionLinks] = []
    for e in extraction.entities:
        if e.cls in PARK_CLASSES:
            cands, note = _park_candidates(e, context, doc_codes, known)
            out.append(MentionLinks(e.key, e.label, e.cls, cands, note))
        elif e.cls == "AdministrativeArea":
            out.append(MentionLinks(e.key, e.label, e.cls, _area_candidates(e, known)))
        elif e.cls == "Organization":
            out.append(MentionLinks(e.key, e.label, e.cls, _org_candidates(e, known)))
    return out
