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
# More generic builders: source records, exact names, periods within a year, whole-article
# counts.
# --------------------------------------------------------------------------------------------

DATE_PROPS = (
    "(dcterms:issued|dcterms:date|dcterms:created|dcterms:available"
    "|schema:datePublished|schema:dateCreated)"
)

RANK = ("rank", "名次")
COUNT = ("count", "个数")
# Units the ontology has an individual for where the corpus conventions say "other": either is
# right, so a walk accepts both (the surface form keeps the text's unit).
OTHER = ("otherunit", "其他单位")


def doc_file(node: str, file_name: str) -> str:
    """`node` is the pg:SourceDocument recorded with the file name `file_name`."""
    var = fresh("file")
    return (
        is_a(node, "pg:SourceDocument")
        + f"{node} pg:fileName {var} . FILTER(STR({var}) = {lit(file_name)})\n"
    )


def zh_label_is(node: str, text: str) -> str:
    """`node` has a Chinese label that is exactly `text`."""
    label = fresh("label")
    return (
        f'{node} {LABELS} {label} . FILTER(LANGMATCHES(LANG({label}), "zh")'
        f" && STR({label}) = {lit(text)})\n"
    )


def named(node: str, cls: str, text: str) -> str:
    """`node` is an instance of `cls` with a Chinese label that is exactly `text`."""
    return is_a(node, cls) + zh_label_is(node, text)


def issued_on(doc_pattern: str, doc_var: str, date: str) -> str:
    """The document has a publication date, and every one it has is `date` (YYYY-MM-DD)."""
    when = fresh("date")
    return ask(
        doc_pattern
        + f"{doc_var} {DATE_PROPS} ?_any_date .\n"
        + f"FILTER NOT EXISTS {{ {doc_var} {DATE_PROPS} {when} ."
        + f" FILTER(!STRSTARTS(STR({when}), {lit(date)})) }}\n"
    )


def number_stated(n: Number, obs: str = "?obs") -> str:
    """Like `number`, and the observation is stated as `n.surface`: two numbers of one value
    about one subject (20亩, 20%) are told apart."""
    surface = fresh("statedas")
    return number(n, obs) + (
        f"{obs} pg:statedAs {surface} . FILTER(CONTAINS(STR({surface}), {lit(n.surface)}))\n"
    )


def qualifiers_stated(n: Number, as_of: bool = False) -> str:
    """`number_qualifiers` of the observation stated as `n.surface` with `n.indicator`'s words
    (three ranks 第七 about one park are three observations).

    `as_of`: the text dates the number by 目前, 当前 or 截至目前, a point in time rather than a
    span: the period ends in `n.years`' end year and starts then too or is left open.
    """
    if n.comparator is None:
        comparator = "FILTER NOT EXISTS { ?obs pg:comparator ?cmp . FILTER(?cmp != pg:Exactly) }\n"
    else:
        comparator = only("?obs", "pg:comparator", n.comparator)
    if n.years is None:
        period = "FILTER NOT EXISTS { ?obs pg:period ?period }\n"
    elif as_of:
        end = n.years[1]
        period = (
            only("?obs", "pg:period", "?period")
            + f'?period pg:endYear ?end . FILTER(STR(?end) = "{end}")\n'
            + f'FILTER NOT EXISTS {{ ?period pg:startYear ?start . FILTER(STR(?start) != "{end}") }}\n'
        )
    else:
        start, end = n.years
        period = (
            only("?obs", "pg:period", "?period")
            + "?period pg:startYear ?start ; pg:endYear ?end .\n"
            + f'FILTER(STR(?start) = "{start}" && STR(?end) = "{end}")\n'
        )
    return ask(
        number_stated(n)
        + indicator_words("?obs", n.indicator)
        + only("?obs", "pg:status", n.status)
        + comparator
        + period
    )


def stated_number_facts(
    article: str, sentence_id: str, excerpt: str, n: Number, name: str, doc_pattern: str,
    doc_var: str = "?doc", as_of: bool = False,
) -> list[Fact]:
    """`number_facts` named in English (test ids keep only ASCII), the qualifiers checked on the
    observation stated as `n.surface` (`as_of`: see `qualifiers_stated`)."""
    return [
        Fact(article, sentence_id, excerpt, f"{name} value unit evidence source",
             number_core(n, doc_pattern, doc_var)),
        Fact(article, sentence_id, excerpt, f"{name} status comparator period", qualifiers_stated(n, as_of)),
    ]


def within_year(n: Number, start_month: int, end_month: int) -> str:
    """The number's period runs from `start_month` to `end_month` of its years (一季度: 1–3)."""
    return ask(
        number_stated(n)
        + "?obs pg:period ?period .\n"
        + "?period pg:startMonth ?sm ; pg:endMonth ?em .\n"
        + f"FILTER(?sm = {start_month} && ?em = {end_month})\n"
    )


def percentage_points(n: Number) -> str:
    """A change of a share: unit pg:PercentagePoint, or percent with 百分点 in the indicator."""
    return ask(
        number_stated(n)
        + "{ ?obs pg:unit pg:PercentagePoint }\n"
        + "UNION { ?obs pg:unit pg:Percent . "
        + indicator_words("?obs", ("百分点",))
        + "}\n"
    )


def derived_observations(doc_pattern: str, doc_var: str, obs: str = "?o") -> str:
    """`obs` is an observation derived from the document."""
    return f"{obs} rdf:type pg:Observation ; prov:wasDerivedFrom {doc_var} .\n" + doc_pattern


def observation_count(doc_pattern: str, doc_var: str, expected: int) -> str:
    """Exactly `expected` observations are derived from the document."""
    return ask(count_is(derived_observations(doc_pattern, doc_var), "?o", expected))


def values_among(doc_pattern: str, doc_var: str, values: tuple[str, ...]) -> str:
    """Every observation derived from the document has one of `values` (the text's numbers)."""
    return ask(
        "FILTER NOT EXISTS {\n"
        + derived_observations(doc_pattern, doc_var)
        + "?o pg:value ?v .\n"
        + f"FILTER(?v NOT IN ({', '.join(values)}))\n"
        + "}\n"
    )


def derived_from_both(node_pattern: str, node: str, doc_a: str, doc_b: str) -> str:
    """`node` (one entity) is derived from two documents: `doc_a` and `doc_b` bind ?da, ?db."""
    return ask(
        node_pattern
        + f"{node} prov:wasDerivedFrom ?da , ?db .\n"
        + doc_a
        + doc_b
        + "FILTER(?da != ?db)\n"
    )


def components_are(strategy_pattern: str, strategy: str, expected: int) -> str:
    """The strategy has exactly `expected` components."""
    comp = fresh("component")
    return ask(count_is(strategy_pattern + f"{strategy} pg:hasComponent {comp} .\n", comp, expected))


def component(
    strategy_pattern: str, strategy: str, label_word: str, declared: int, members: tuple[str, ...]
) -> str:
    """A component of the strategy labelled with `label_word` declares `declared` and names
    every one of `members` (and no more than it declares: checked by the shapes)."""
    comp = fresh("component")
    count = fresh("declared")
    body = (
        strategy_pattern
        + f"{strategy} pg:hasComponent {comp} .\n"
        + is_a(comp, "pg:StrategyComponent")
        + f"{comp} pg:declaredCount {count} . FILTER({count} = {declared})\n"
        + zh_label(comp, label_word)
    )
    for word in members:
        member = fresh("member")
        body += f"{comp} pg:member {member} .\n" + names(member, word)
    return ask(body)


def no_park_named(doc_pattern: str, doc_var: str, *words: str) -> str:
    """No park derived from the document has a label containing any of `words`."""
    park, label = fresh("park"), fresh("label")
    conds = " || ".join(f"CONTAINS(STR({label}), {lit(w)})" for w in words)
    return ask(
        "FILTER NOT EXISTS {\n"
        + is_a(park, "pg:Park")
        + f"{park} prov:wasDerivedFrom {doc_var} ; {LABELS} {label} . FILTER({conds})\n"
        + doc_pattern
        + "}\n"
    )


def no_label_containing(node_pattern: str, node: str, word: str) -> str:
    """The entity has no label (hidden ones included) containing `word`."""
    label = fresh("label")
    return ask(
        node_pattern
        + f"FILTER NOT EXISTS {{ {node} (rdfs:label|skos:prefLabel|skos:altLabel|skos:hiddenLabel)"
        + f" {label} . FILTER(CONTAINS(STR({label}), {lit(word)})) }}\n"
    )


def related_from(
    subject_pattern: str, subject: str, props: str, cls: str | None, doc_pattern: str, doc_var: str,
    *words: str,
) -> str:
    """Like `related`, and the target is derived from the document (found by `doc_pattern`), so
    a like-named node of another source does not answer for this one."""
    target = fresh("target")
    return ask(
        subject_pattern
        + f"{subject} {props} {target} .\n"
        + (is_a(target, cls) if cls else "")
        + zh_label(target, *words)
        + derived_from(target, doc_pattern, doc_var)
    )


def published_by(doc_pattern: str, doc_var: str, outlet: str) -> str:
    """The document names its outlet `outlet` (dcterms:publisher, a literal or a named node)."""
    publisher = fresh("publisher")
    return ask(
        doc_pattern
        + f"{doc_var} dcterms:publisher|schema:publisher {publisher} .\n"
        + names(publisher, outlet)
    )


def revision_of(doc_pattern: str, doc_var: str, address: str) -> str:
    """The text held is a rewrite of the page at `address`: prov:wasRevisionOf that page (its
    IRI, or a node whose dcterms:source or schema:url is it)."""
    page, url = fresh("page"), fresh("url")
    return ask(
        doc_pattern
        + f"{doc_var} prov:wasRevisionOf {page} .\n"
        + f"OPTIONAL {{ {page} dcterms:source|schema:url {url} }}\n"
        + f"FILTER(STR({page}) = {lit(address)} || STR({url}) = {lit(address)})\n"
    )


# --------------------------------------------------------------------------------------------
# Numbers identified by value, subject, surface form and indicator words, with their period as
# the text gives it (years and months, or none), and whole-article checks.
# --------------------------------------------------------------------------------------------

# A park's industries: through a cluster (the contract) or, where the text names an industry
# but no cluster, directly (pg:hasIndustry); the node reached is the cluster or its industry.
PARK_INDUSTRY = "((pg:hasCluster/pg:industry?)|pg:hasIndustry)"

SQUARE_KM = ("ontology#squarekilometre",)
# Units the corpus conventions call "other" and the ontology has an individual for: either is
# the text's meaning, so both are accepted (the stated form keeps the text's unit).
YEARS = ("ontology#year", "ontology#otherunit")
HOURS = ("ontology#hour", "ontology#otherunit")
SETS = ("ontology#set", "ontology#otherunit")
USD = ("ontology#usd", "ontology#otherunit")


@dataclass(frozen=True)
class When:
    """The period of a number as the text gives it; None: the text gives no such bound.

    "2023年" is When(2023, 2023); "上半年" of 2023 is When(2023, 2023, 1, 6); "截至目前" in a
    2021 article is When(None, 2021): an end and no start.
    """

    start: int | None
    end: int | None
    start_month: int | None = None
    end_month: int | None = None


def period_is(obs: str, when: When | None) -> str:
    """`obs` has exactly the period `when` (years and months, nothing invented), or none."""
    if when is None:
        return f"FILTER NOT EXISTS {{ {obs} pg:period {fresh('period')} }}\n"
    period = fresh("period")
    pattern = only(obs, "pg:period", period)
    for prop, bound in (("pg:startYear", when.start), ("pg:endYear", when.end)):
        var = fresh("year")
        if bound is None:
            pattern += f"FILTER NOT EXISTS {{ {period} {prop} {var} }}\n"
        else:
            pattern += only(period, prop, var) + f'FILTER(STR({var}) = "{bound}")\n'
    for prop, month in (("pg:startMonth", when.start_month), ("pg:endMonth", when.end_month)):
        var = fresh("month")
        if month is None:
            pattern += f"FILTER NOT EXISTS {{ {period} {prop} {var} }}\n"
        else:
            pattern += only(period, prop, var) + f"FILTER({var} = {month})\n"
    return pattern


def stated(n: Number, obs: str = "?obs") -> str:
    """`obs` is the observation of `n`: its value, subject, surface form and indicator words.

    The surface form and the indicator tell apart numbers with one value and one subject
    (两镇 and 两处 are both 2 about the park).
    """
    surface = fresh("statedas")
    return (
        number(n, obs)
        + indicator_words(obs, n.indicator)
        + f"{obs} pg:statedAs {surface} . FILTER(CONTAINS(STR({surface}), {lit(n.surface)}))\n"
    )


def comparator_is(obs: str, comparator: str | None) -> str:
    """`obs` has the comparator, the only one; None: pg:Exactly or none."""
    if comparator is None:
        cmp = fresh("cmp")
        return f"FILTER NOT EXISTS {{ {obs} pg:comparator {cmp} . FILTER({cmp} != pg:Exactly) }}\n"
    return only(obs, "pg:comparator", comparator)


def dated_number_facts(
    article: str,
    sentence_id: str,
    excerpt: str,
    what: str,
    n: Number,
    when: When | None,
    doc_pattern: str,
    doc_var: str = "?doc",
) -> list[Fact]:
    """The two checks of one stated number, its period given by `when` (`n.years` is unused).

    `what` names the number in ASCII for the test id (Chinese is dropped from ids).
    """
    return [
        Fact(
            article,
            sentence_id,
            excerpt,
            f"{what} value unit evidence source",
            number_core(n, doc_pattern, doc_var),
        ),
        Fact(
            article,
            sentence_id,
            excerpt,
            f"{what} status comparator period",
            ask(
                stated(n)
                + only("?obs", "pg:status", n.status)
                + comparator_is("?obs", n.comparator)
                + period_is("?obs", when)
            ),
        ),
    ]


def zh_labels_within(node: str, *allowed: str) -> str:
    """Every Chinese label of `node` is one of `allowed` (the name forms the text gives)."""
    label = fresh("label")
    names_ = ", ".join(lit(a) for a in allowed)
    return (
        f"FILTER NOT EXISTS {{ {node} {LABELS} {label} . "
        f'FILTER(LANGMATCHES(LANG({label}), "zh") && STR({label}) NOT IN ({names_})) }}\n'
    )


def derived_count(cls: str, doc_pattern: str, doc_var: str, expected: int) -> str:
    """The document exists and exactly `expected` instances of `cls` (or a subclass) are
    derived from it."""
    node = fresh("node")
    return ask(
        doc_pattern
        + count_is(
            is_a(node, cls) + f"{node} prov:wasDerivedFrom {doc_var} .\n" + doc_pattern, node, expected
        )
    )


def observation_values_within(doc_pattern: str, doc_var: str, values: tuple[str, ...]) -> str:
    """Every observation derived from the document has one of `values` (the text's numbers)."""
    return ask(
        doc_pattern
        + "FILTER NOT EXISTS {\n"
        + f"?o rdf:type pg:Observation ; prov:wasDerivedFrom {doc_var} ; pg:value ?v .\n"
        + f"FILTER(?v NOT IN ({', '.join(values)}))\n"
        + "}\n"
    )


def no_observation_with_value(doc_pattern: str, doc_var: str, values: tuple[str, ...]) -> str:
    """No observation derived from the (existing) document has one of `values`."""
    return ask(
        doc_pattern
        + "FILTER NOT EXISTS {\n"
        + f"?o rdf:type pg:Observation ; prov:wasDerivedFrom {doc_var} ; pg:value ?v .\n"
        + f"FILTER(?v IN ({', '.join(values)}))\n"
        + "}\n"
    )


def file_name(doc_pattern: str, doc_var: str, name: str) -> str:
    """The document records the name of the file that holds its text."""
    var = fresh("file")
    return ask(doc_pattern + f"{doc_var} pg:fileName {var} . FILTER(STR({var}) = {lit(name)})\n")


def issued(doc_pattern: str, doc_var: str, date: str) -> str:
    """The document's date (dcterms:issued or dcterms:date) is `date` (YYYY-MM-DD), the only one."""
    var, other = fresh("date"), fresh("other")
    return ask(
        doc_pattern
        + f"{doc_var} dcterms:issued|dcterms:date {var} . FILTER(STR({var}) = {lit(date)})\n"
        + f"FILTER NOT EXISTS {{ {doc_var} dcterms:issued|dcterms:date {other} . "
        + f"FILTER(STR({other}) != {lit(date)}) }}\n"
    )


def no_components(strategy_pattern: str, strategy: str) -> str:
    """The strategy has no components: a digit code whose decomposition the text does not state."""
    return ask(strategy_pattern + f"FILTER NOT EXISTS {{ {strategy} pg:hasComponent {fresh('c')} }}\n")


def component_exactly(
    strategy_pattern: str, strategy: str, label_word: str, declared: int, members: tuple[str, ...]
) -> str:
    """The strategy has a component labelled `label_word` that declares `declared` and has
    exactly `members` (the text's names; none when the text names none)."""
    c, n, other = fresh("component"), fresh("n"), fresh("other")
    body = (
        strategy_pattern
        + f"{strategy} pg:hasComponent {c} .\n"
        + is_a(c, "pg:StrategyComponent")
        + zh_label(c, label_word)
        + f"{c} pg:declaredCount {n} . FILTER({n} = {declared})\n"
    )
    found = []
    for word in members:
        member = fresh("member")
        found.append(member)
        body += f"{c} pg:member {member} .\n" + names(member, word)
    # No member beyond those named (the NOT EXISTS sees the members bound above).
    others = f" FILTER({other} NOT IN ({', '.join(found)}))" if found else ""
    return ask(body + f"FILTER NOT EXISTS {{ {c} pg:member {other} .{others} }}\n")


def actual(
    value: str,
    surface: str,
    about: tuple[str, str],
    indicator: tuple[str, ...],
    unit: tuple[str, ...],
    comparator: str | None = None,
) -> Number:
    """A number the text states as reached (its period goes to Walk.number)."""
    return Number(value, surface, about, indicator, unit, "pg:Actual", comparator, None)


def target(
    value: str,
    surface: str,
    about: tuple[str, str],
    indicator: tuple[str, ...],
    unit: tuple[str, ...],
    comparator: str | None = None,
) -> Number:
    """A number the text states as planned or striven for (力争, 将, 计划)."""
    return Number(value, surface, about, indicator, unit, "pg:Target", comparator, None)


class Walk:
    """One article's walk as it is written: its facts in order, and the numbers it states.

    `whole_article()` adds the checks that need all of them: one observation derived from the
    article per stated number, and no value the text does not state.
    """

    def __init__(self, article: str, doc_pattern: str, doc_var: str = "?doc") -> None:
        self.article = article
        self.doc = doc_pattern
        self.doc_var = doc_var
        self.facts: list[Fact] = []
        self.numbers: list[Number] = []

    def fact(self, sentence_id: str, excerpt: str, description: str, query: str) -> None:
        self.facts.append(Fact(self.article, sentence_id, excerpt, description, query))

    def number(self, sentence_id: str, excerpt: str, what: str, n: Number, when: When | None) -> None:
        """A stated number, checked by dated_number_facts."""
        self.numbers.append(n)
        self.facts.extend(
            dated_number_facts(self.article, sentence_id, excerpt, what, n, when, self.doc, self.doc_var)
        )

    def count_number(self, n: Number) -> None:
        """A stated number whose checks the walk writes itself."""
        self.numbers.append(n)

    def whole_article(self) -> None:
        obs, count = fresh("o"), fresh("n")
        self.fact(
            "G",
            f"({len(self.numbers)} stated numbers)",
            "one observation per stated number",
            ask(
                f"{{ SELECT (COUNT(DISTINCT {obs}) AS {count}) WHERE {{\n"
                f"{obs} rdf:type pg:Observation ; prov:wasDerivedFrom {self.doc_var} .\n"
                f"{self.doc}}} }}\nFILTER({count} = {len(self.numbers)})\n"
            ),
        )
        values = tuple(sorted({n.value for n in self.numbers}, key=float))
        self.fact(
            "G",
            " ".join(values),
            "every value is a number in the text",
            observation_values_within(self.doc, self.doc_var, values),
        )


# --------------------------------------------------------------------------------------------
# More generic builders (added for the corpus walks a5, a6, b1, b2).
# --------------------------------------------------------------------------------------------


USD_OR_DOLLAR = ("usd", "美元")
KM2 = ("squarekilometre", "平方公里")

DATE_PATH = "(dcterms:issued|dcterms:date|dcterms:created|schema:datePublished)"


def source_doc(node: str, file_name: str, *title_words: str) -> str:
    """`node` is the pg:SourceDocument with the title words and exactly this pg:fileName."""
    name = fresh("file")
    return doc(node, *title_words) + f"{node} pg:fileName {name} . FILTER(STR({name}) = {lit(file_name)})\n"


def dated(node: str, date: str) -> str:
    """`node` (a document) carries the date `date` (YYYY-MM-DD) and no other date."""
    var, other = fresh("date"), fresh("otherdate")
    return (
        f"{node} {DATE_PATH} {var} . FILTER(STRSTARTS(STR({var}), {lit(date)}))\n"
        f"FILTER NOT EXISTS {{ {node} {DATE_PATH} {other} . "
        f"FILTER(!STRSTARTS(STR({other}), {lit(date)})) }}\n"
    )


def park_industry(park: str, *words: str) -> str:
    """`park` develops an industry or cluster whose Chinese label contains every one of `words`."""
    industry = fresh("industry")
    return f"{park} {PARK_INDUSTRY} {industry} .\n" + zh_label(industry, *words)


def industry_of(park_pattern: str, park: str, node: str, *words: str) -> tuple[str, str]:
    """An `about` for Number: the park's industry or cluster `node` labelled with `words`."""
    return (park_pattern + f"{park} {PARK_INDUSTRY} {node} .\n" + zh_label(node, *words), node)


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
