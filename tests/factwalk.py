"""Building blocks for the fact-by-fact walks of curated articles (tests/test_*facts*.py).

A walk is written from an article and the ontology contract (DESIGN.md) only, never from the
data files, so that it checks the data rather than restates it: entities are found by their
Chinese label (tolerant of the surface form, CONTAINS on the core words) because IRIs are the
curator's choice; facts are checked strictly (the contract's relation, the number, unit,
status, comparator, period, the evidence and the source document).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

PROLOGUE = """\
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX pgr: <https://w3id.org/parkgraph/resource/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""

LABELS = "(rdfs:label|skos:prefLabel|skos:altLabel)"
AUTHOR_PROPS = "(dcterms:creator|schema:author|<http://purl.org/dc/elements/1.1/creator>)"
NAME_PROPS = "(rdfs:label|skos:prefLabel|schema:name|<http://xmlns.com/foaf/0.1/name>)"

YUAN = ("元", "cny", "yuan", "rmb")
PERCENT = ("%", "percent", "百分")

_fresh = itertools.count()


def fresh(stem: str) -> str:
    """A variable name not used anywhere else."""
    return f"?_{stem}{next(_fresh)}"


def lit(text: str) -> str:
    """`text` as a SPARQL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def is_a(node: str, cls: str) -> str:
    """`node` is an instance of `cls` or of a subclass of it (the store does no inference)."""
    return f"{node} rdf:type/rdfs:subClassOf* {cls} .\n"


def zh_label(node: str, *words: str) -> str:
    """`node` has one Chinese label that contains every one of `words`."""
    label = fresh("label")
    conds = "".join(f" && CONTAINS(STR({label}), {lit(w)})" for w in words)
    return f'{node} {LABELS} {label} . FILTER(LANGMATCHES(LANG({label}), "zh"){conds})\n'


def zh_label_any(node: str, *alternatives: str) -> str:
    """`node` has a Chinese label that contains at least one of `alternatives`."""
    label = fresh("label")
    conds = " || ".join(f"CONTAINS(STR({label}), {lit(w)})" for w in alternatives)
    return f'{node} {LABELS} {label} . FILTER(LANGMATCHES(LANG({label}), "zh") && ({conds}))\n'


def names(node: str, word: str) -> str:
    """`node` is a literal containing `word`, or a resource whose label/name contains it."""
    name = fresh("name")
    return (
        f"OPTIONAL {{ {node} {NAME_PROPS}|skos:altLabel {name} }}\n"
        f"FILTER((isLiteral({node}) && CONTAINS(STR({node}), {lit(word)}))"
        f" || CONTAINS(STR({name}), {lit(word)}))\n"
    )


def notation(node: str, code: str) -> str:
    """`node` carries the code name `code` as its skos:notation."""
    var = fresh("notation")
    return f"{node} skos:notation {var} . FILTER(STR({var}) = {lit(code)})\n"


def code_or_label(node: str, code: str) -> str:
    """`node` carries `code` in its skos:notation or in a Chinese label."""
    var = fresh("name")
    return (
        f"{{ {node} skos:notation {var} . FILTER(CONTAINS(STR({var}), {lit(code)})) }}\n"
        f"UNION {{ {zh_label(node, code)} }}\n"
    )


def only(node: str, prop: str, value: str) -> str:
    """`node` has `prop` `value` and no other value for `prop`."""
    other = fresh("other")
    return (
        f"{node} {prop} {value} .\n"
        f"FILTER NOT EXISTS {{ {node} {prop} {other} . FILTER({other} != {value}) }}\n"
    )


def count_is(pattern: str, var: str, expected: int) -> str:
    """The number of distinct bindings of `var` in `pattern` is `expected`."""
    n = fresh("n")
    select = f"{{ SELECT (COUNT(DISTINCT {var}) AS {n}) WHERE {{\n{pattern}}} }}\n"
    return select + f"FILTER({n} = {expected})\n"


def ask(body: str) -> str:
    return f"ASK {{\n{body}}}\n"


def every(select: str, var: str, required: str) -> str:
    """At least one `var` matches `select`, and every one of them matches `required`.

    Both filters stand alone, so `select` binds its variables afresh inside each of them.
    """
    return ask(
        f"FILTER EXISTS {{\n{select}}}\n"
        f"FILTER NOT EXISTS {{\n{select}FILTER NOT EXISTS {{ {required} }}\n}}\n"
    )


def unit_matches(node: str, keys: tuple[str, ...]) -> str:
    unit, label, text = fresh("unit"), fresh("unitlabel"), fresh("unittext")
    pattern = (
        f"{node} pg:unit {unit} .\n"
        f"OPTIONAL {{ {unit} (rdfs:label|skos:prefLabel|skos:notation) {label} }}\n"
        f'BIND(LCASE(CONCAT(STR({unit}), " ", COALESCE(STR({label}), ""))) AS {text})\n'
    )
    if keys:
        conds = " || ".join(f"CONTAINS({text}, {lit(k)})" for k in keys)
        pattern += f"FILTER({conds})\n"
    return pattern


# --------------------------------------------------------------------------------------------
# Generic builders for any article.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One thing an article's sentence states, as an ASK query that must answer true."""

    article: str  # corpus id, e.g. "a1"
    sentence_id: str  # "P03.S2": paragraph 3, sentence 2 ("T" title, "G" the whole article)
    sentence_excerpt: str
    description: str
    ask_query: str

    @property
    def test_id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.description.lower()).strip("-")
        return f"{self.article}-{self.sentence_id}-{slug}"


def doc(node: str, *title_words: str) -> str:
    """`node` is the pg:SourceDocument whose title contains every one of `title_words`."""
    title = fresh("title")
    conds = " && ".join(f"CONTAINS(STR({title}), {lit(w)})" for w in title_words) or "true"
    return is_a(node, "pg:SourceDocument") + f"{node} dcterms:title {title} . FILTER({conds})\n"


def entity(node: str, cls: str, *words: str) -> str:
    """`node` is an instance of `cls` with a Chinese label containing every one of `words`."""
    return is_a(node, cls) + zh_label(node, *words)


def derived_from(node: str, doc_pattern: str, doc_var: str) -> str:
    """`node` is derived from the document `doc_var` (found by `doc_pattern`)."""
    return f"{node} prov:wasDerivedFrom {doc_var} .\n" + doc_pattern


@dataclass(frozen=True)
class Number:
    """A number as an article states it and as the contract says it must be modelled."""

    value: str  # normalised pg:value as a SPARQL numeric literal ("94000000000", "3.5")
    surface: str  # what pg:statedAs and the evidence contain
    about: tuple[str, str]  # (pattern, variable) finding the subject of the number
    indicator: tuple[str, ...]  # words the indicator text or the indicator's zh label contains
    unit: tuple[str, ...]  # words one of which the unit's IRI or label contains; () = any
    status: str  # "pg:Actual" or "pg:Target"
    comparator: str | None  # None: pg:Exactly or no comparator
    years: tuple[int, int] | None  # the period's start and end years; None: no period


def number(n: Number, obs: str = "?obs") -> str:
    """`obs` is the pg:Observation with the stated value about the stated subject."""
    value = fresh("value")
    pattern, subject = n.about
    return (
        pattern
        + f"{obs} rdf:type pg:Observation ; pg:about {subject} ; pg:value {value} .\n"
        + f"FILTER({value} = {n.value})\n"
    )


def indicator_words(obs: str, words: tuple[str, ...]) -> str:
    """The observation's indicator text, or its indicator's Chinese label, has all `words`."""
    if not words:
        return ""
    ind, text, label = fresh("ind"), fresh("indtext"), fresh("indlabel")
    conds = " && ".join(f"CONTAINS({text}, {lit(w)})" for w in words)
    return (
        f"{obs} pg:indicator {ind} .\n"
        + is_a(ind, "pg:Indicator")
        + f"{{ {obs} pg:indicatorText {label} }} UNION {{ {ind} {LABELS} {label} }}\n"
        + f"BIND(STR({label}) AS {text}) FILTER({conds})\n"
    )


def number_core(n: Number, doc_pattern: str, doc_var: str) -> str:
    """Subject, value, indicator, unit, surface form, evidence and source of the number."""
    surface, evidence = fresh("statedas"), fresh("evidence")
    return ask(
        number(n)
        + indicator_words("?obs", n.indicator)
        + unit_matches("?obs", n.unit)
        + f"?obs pg:statedAs {surface} . FILTER(CONTAINS(STR({surface}), {lit(n.surface)}))\n"
        + f"?obs pg:evidence {evidence} . FILTER(CONTAINS(STR({evidence}), {lit(n.surface)}))\n"
        + derived_from("?obs", doc_pattern, doc_var)
    )


def number_qualifiers(n: Number) -> str:
    """Status, comparator and period of the number, each the only one it has."""
    if n.comparator is None:
        comparator = "FILTER NOT EXISTS { ?obs pg:comparator ?cmp . FILTER(?cmp != pg:Exactly) }\n"
    else:
        comparator = only("?obs", "pg:comparator", n.comparator)
    if n.years is None:
        period = "FILTER NOT EXISTS { ?obs pg:period ?period }\n"
    else:
        start, end = n.years
        period = (
            only("?obs", "pg:period", "?period")
            + "?period pg:startYear ?start ; pg:endYear ?end .\n"
            + f'FILTER(STR(?start) = "{start}" && STR(?end) = "{end}")\n'
        )
    return ask(number(n) + only("?obs", "pg:status", n.status) + comparator + period)


def number_facts(
    article: str, sentence_id: str, excerpt: str, n: Number, doc_pattern: str, doc_var: str = "?doc"
) -> list[Fact]:
    """The two checks of one stated number: what it is, and its status, comparator and period."""
    what = f"{n.surface} {' '.join(n.indicator)}".strip()
    return [
        Fact(
            article,
            sentence_id,
            excerpt,
            f"{what} value unit evidence source",
            number_core(n, doc_pattern, doc_var),
        ),
        Fact(article, sentence_id, excerpt, f"{what} status comparator period", number_qualifiers(n)),
    ]


def related(subject_pattern: str, subject: str, props: str, cls: str | None, *words: str) -> str:
    """`subject` -props-> a node (of class `cls`) with a Chinese label containing `words`."""
    target = fresh("target")
    return ask(
        subject_pattern
        + f"{subject} {props} {target} .\n"
        + (is_a(target, cls) if cls else "")
        + zh_label(target, *words)
    )


# --------------------------------------------------------------------------------------------
# More generic builders (added for the corpus walks a5, a6, b1, b2).
# --------------------------------------------------------------------------------------------

# A park's industries: through a cluster (the contract) or, where the text names an industry
# but no cluster, directly (pg:hasIndustry).
PARK_INDUSTRIES = "((pg:hasCluster/pg:industry?)|pg:hasIndustry)"

COUNT = ("count", "个数")
RANK = ("rank", "名次")
USD = ("usd", "美元")
SQUARE_KM = ("squarekilometre", "平方公里")

DATE_PROPS = "(dcterms:issued|dcterms:date|dcterms:created|schema:datePublished)"


def source_doc(node: str, file_name: str, *title_words: str) -> str:
    """`node` is the pg:SourceDocument with the title words and exactly this pg:fileName."""
    name = fresh("file")
    return doc(node, *title_words) + f"{node} pg:fileName {name} . FILTER(STR({name}) = {lit(file_name)})\n"


def dated(node: str, date: str) -> str:
    """`node` (a document) carries the date `date` (YYYY-MM-DD) and no other date."""
    var, other = fresh("date"), fresh("otherdate")
    return (
        f"{node} {DATE_PROPS} {var} . FILTER(STRSTARTS(STR({var}), {lit(date)}))\n"
        f"FILTER NOT EXISTS {{ {node} {DATE_PROPS} {other} . "
        f"FILTER(!STRSTARTS(STR({other}), {lit(date)})) }}\n"
    )


def park_industry(park: str, *words: str) -> str:
    """`park` develops an industry or cluster whose Chinese label contains every one of `words`."""
    industry = fresh("industry")
    return f"{park} {PARK_INDUSTRIES} {industry} .\n" + zh_label(industry, *words)


def industry_of(park_pattern: str, park: str, node: str, *words: str) -> tuple[str, str]:
    """An `about` for Number: the park's industry or cluster `node` labelled with `words`."""
    return (park_pattern + f"{park} {PARK_INDUSTRIES} {node} .\n" + zh_label(node, *words), node)


def number_months(
    article: str, sentence_id: str, excerpt: str, n: Number, months: tuple[int, int]
) -> Fact:
    """The number's period starts and ends in the given months (前三季度 = 1–9, 上半年 = 1–6)."""
    start, end = months
    return Fact(
        article,
        sentence_id,
        excerpt,
        f"{n.surface} {' '.join(n.indicator)} period months {start}-{end}".strip(),
        ask(
            number(n)
            + "?obs pg:period ?period .\n"
            + "?period pg:startMonth ?m1 ; pg:endMonth ?m2 .\n"
            + f"FILTER(?m1 = {start} && ?m2 = {end})\n"
        ),
    )


def derived_count(cls: str, doc_pattern: str, doc_var: str, expected: int) -> str:
    """The document exists and exactly `expected` distinct instances of `cls` are derived from it."""
    node = fresh("node")
    pattern = is_a(node, cls) + f"{node} prov:wasDerivedFrom {doc_var} .\n" + doc_pattern
    return ask(doc_pattern + count_is(pattern, node, expected))


def values_only(doc_pattern: str, doc_var: str, values: tuple[str, ...]) -> str:
    """Some observation is derived from the document, and each has one of `values`."""
    some, obs, value = fresh("obs"), fresh("obs"), fresh("value")
    return ask(
        f"{some} rdf:type pg:Observation ; prov:wasDerivedFrom {doc_var} .\n"
        + doc_pattern
        + "FILTER NOT EXISTS {\n"
        + f"{obs} rdf:type pg:Observation ; prov:wasDerivedFrom {doc_var} ; pg:value {value} .\n"
        + doc_pattern
        + f"FILTER({value} NOT IN ({', '.join(values)}))\n"
        + "}\n"
    )


def no_label_with(pattern: str, node: str, word: str) -> str:
    """The node found by `pattern` has no label (of any kind) containing `word`."""
    name = fresh("name")
    return ask(
        pattern
        + f"FILTER NOT EXISTS {{ {node} {LABELS}|skos:hiddenLabel {name} . "
        + f"FILTER(CONTAINS(STR({name}), {lit(word)})) }}\n"
    )
