"""Small graphs for the network-page tests: a park with one cluster and one number, labels
that try to break out of the page, and a synthetic graph of any size."""

from __future__ import annotations

import pyoxigraph as ox

from parkgraph.namespaces import PG, PGR, PREFIXES

# How the browser tests and the page benchmark start Debian's Chromium: headless, as root, and
# without the background connections that this machine's closed network would refuse.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PREAMBLE = """\
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix pgr: <https://w3id.org/parkgraph/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

VOCAB = """\
<https://w3id.org/parkgraph/ontology> a owl:Ontology ; rdfs:label "本体"@zh, "ontology"@en .
pg:Park a owl:Class ; rdfs:label "园区"@zh, "park"@en .
pg:HighTechZone a owl:Class ; rdfs:subClassOf pg:Park ; rdfs:label "高新区"@zh, "high-tech zone"@en .
pg:IndustrialCluster a owl:Class ; rdfs:label "产业集群"@zh, "industrial cluster"@en .
pg:Observation a owl:Class ; rdfs:label "观测值"@zh, "observation"@en .
pg:Period a owl:Class ; rdfs:label "时期"@zh, "period"@en .
pg:SourceDocument a owl:Class ; rdfs:label "来源文献"@zh, "source document"@en .
pg:Status a owl:Class ; owl:oneOf ( pg:Actual pg:Target ) .
pg:hasCluster a owl:ObjectProperty ; rdfs:label "拥有产业集群"@zh, "has cluster"@en .
pg:about a owl:ObjectProperty ; rdfs:label "关于"@zh, "about"@en .
pg:period a owl:ObjectProperty ; rdfs:label "时期"@zh, "period"@en .
pg:statedAs a owl:DatatypeProperty ; rdfs:label "原文写法"@zh, "stated as"@en .
pg:slogan a owl:DatatypeProperty ; rdfs:label "口号"@zh, "slogan"@en .
pg:Target a pg:Status ; rdfs:label "目标值"@zh, "target"@en .
pg:Actual a pg:Status ; rdfs:label "实际值"@zh, "actual"@en .
pg:CNY a pg:Unit ; rdfs:label "元(人民币)"@zh, "Chinese yuan (CNY)"@en .
"""

PARK = """\
pgr:source-a a pg:SourceDocument ; dcterms:title "永川高新区以实干实绩迈向“百强千亿”"@zh ;
  rdfs:label "文章"@zh, "article"@en .
pgr:park-yongchuan-htz a pg:HighTechZone ; rdfs:label "永川高新区"@zh, "Yongchuan High-tech Zone"@en ;
  skos:altLabel "重庆永川高新技术产业开发区"@zh ; pg:slogan "勇当先锋"@zh ;
  pg:hasCluster pgr:cluster-nev ; prov:wasDerivedFrom pgr:source-a ;
  pg:evidence "永川高新区立足“十四五”坚实根基" .
pgr:cluster-nev a pg:IndustrialCluster ;
  rdfs:label "智能网联新能源汽车产业集群"@zh, "intelligent connected NEV cluster"@en ;
  prov:wasDerivedFrom pgr:source-a ; pg:evidence "将重点打造智能网联新能源汽车产业集群" .
pgr:period-15th a pg:Period ; rdfs:label "十五五"@zh, "15th Five-Year Plan"@en ;
  pg:startYear "2026"^^xsd:gYear ; pg:endYear "2030"^^xsd:gYear .
pgr:obs-nev-output-2030 a pg:Observation ;
  rdfs:label "新能源汽车产业集群产值目标"@zh, "NEV cluster output target"@en ;
  pg:about pgr:cluster-nev ; pg:value 80000000000.0 ; pg:unit pg:CNY ; pg:status pg:Target ;
  pg:period pgr:period-15th ; pg:statedAs "800亿元" ;
  prov:wasDerivedFrom pgr:source-a ; pg:evidence "力争产值突破800亿元" .
"""

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>window.__pwned=1</script>"
HOSTILE = f"""\
pgr:park-evil a pg:Park ; rdfs:label "{IMG}"@zh, "{SCRIPT}"@en ;
  skos:altLabel "<!-- <script>window.__pwned=2</script>"@zh ;
  pg:hasCluster pgr:cluster-nev ;
  prov:wasDerivedFrom pgr:source-a ;
  pg:evidence "{SCRIPT}{IMG}\u2028&amp; \\u2029" .
"""


# Numbers of the hostile park over two periods, so that its panel draws a chart whose
# indicator, tooltips and source title are all hostile text.
HOSTILE_NUMBERS = f"""\
pgr:source-evil a pg:SourceDocument ; dcterms:title "{SCRIPT}"@zh .
pgr:period-14th a pg:Period ; rdfs:label "{IMG}"@zh ;
  pg:startYear "2021"^^xsd:gYear ; pg:endYear "2025"^^xsd:gYear .
pgr:obs-evil-1 a pg:Observation ; pg:about pgr:park-evil ; pg:indicatorText "{SCRIPT}" ; pg:value 1 ;
  pg:period pgr:period-14th ; pg:status pg:Actual ; pg:statedAs "{IMG}" ;
  prov:wasDerivedFrom pgr:source-evil ; pg:evidence "{IMG}{SCRIPT}" .
pgr:obs-evil-2 a pg:Observation ; pg:about pgr:park-evil ; pg:indicatorText "{SCRIPT}" ; pg:value 2 ;
  pg:period pgr:period-15th ; pg:status pg:Target ; pg:statedAs "{SCRIPT}" ;
  prov:wasDerivedFrom pgr:source-evil ; pg:evidence "{SCRIPT}" .
"""


def store_of(*parts: str) -> ox.Store:
    store = ox.Store()
    store.load(PREAMBLE + "".join(parts), format=ox.RdfFormat.TURTLE)
    return store


def small_store() -> ox.Store:
    return store_of(VOCAB, PARK)


def hostile_store(numbers: bool = False) -> ox.Store:
    return store_of(VOCAB, PARK, HOSTILE, HOSTILE_NUMBERS if numbers else "")


def synthetic_store(n_nodes: int, seed: int = 1) -> ox.Store:
    """About `n_nodes` linked resources in parks → clusters → platforms/observations, each
    with zh/en labels and evidence, like the curated data but many times over."""
    import random

    rng = random.Random(seed)
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    label = ox.NamedNode(PREFIXES["rdfs"] + "label")
    evidence = ox.NamedNode(PG + "evidence")
    classes = ["Park", "IndustrialCluster", "Platform", "Initiative", "Goal", "Observation"]
    links = {"Park": "hasCluster", "IndustrialCluster": "hasPlatform", "Platform": "runs"}
    quads: list[ox.Quad] = []
    nodes: list[tuple[ox.NamedNode, str]] = []
    for i in range(n_nodes):
        cls = "Park" if i < max(1, n_nodes // 25) else classes[1 + rng.randrange(len(classes) - 1)]
        node = ox.NamedNode(f"{PGR}{cls.lower()}-{i:05d}")
        nodes.append((node, cls))
        quads += [
            ox.Quad(node, rdf_type, ox.NamedNode(PG + cls)),
            ox.Quad(node, label, ox.Literal(f"测试{cls}{i}号", language="zh")),
            ox.Quad(node, label, ox.Literal(f"Test {cls} {i}", language="en")),
            ox.Quad(node, evidence, ox.Literal(f"第{i}句原文证据。")),
        ]
        if i:
            # a cluster hangs off a park; anything else off any earlier node
            parents = max(1, min(i, n_nodes // 25)) if cls == "IndustrialCluster" else i
            parent = nodes[rng.randrange(parents)][0]
            prop = links.get(cls, "contributesTo")
            quads.append(ox.Quad(parent, ox.NamedNode(PG + prop), node))
        if i > 10 and rng.random() < 0.3:
            other = nodes[rng.randrange(i)][0]
            quads.append(ox.Quad(node, ox.NamedNode(PG + "concerns"), other))
    store = ox.Store()
    store.extend(quads)
    return store


PARKS_VOCAB = """\
pg:Park a owl:Class ; rdfs:label "园区"@zh, "park"@en .
pg:HighTechZone a owl:Class ; rdfs:subClassOf pg:Park ; rdfs:label "高新区"@zh, "high-tech zone"@en .
pg:IndustrialCluster a owl:Class ; rdfs:label "产业集群"@zh, "industrial cluster"@en .
pg:Industry a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:label "产业"@zh, "industry"@en .
pg:Indicator a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:label "指标"@zh, "indicator"@en .
pg:Title a owl:Class ; rdfs:label "称号"@zh, "title"@en .
pg:Strategy a owl:Class ; rdfs:label "战略"@zh, "strategy"@en .
pg:StrategyComponent a owl:Class ; rdfs:label "战略组成"@zh, "strategy component"@en .
pg:Organization a owl:Class ; rdfs:label "机构"@zh, "organisation"@en .
pg:AdministrativeArea a owl:Class ; rdfs:label "行政区"@zh, "administrative area"@en .
pg:Observation a owl:Class ; rdfs:label "观测值"@zh, "observation"@en .
pg:Period a owl:Class ; rdfs:label "时期"@zh, "period"@en .
pg:SourceDocument a owl:Class ; rdfs:label "来源文献"@zh, "source document"@en .
pg:Target a pg:Status ; rdfs:label "目标值"@zh, "target"@en .
pg:Actual a pg:Status ; rdfs:label "实际值"@zh, "actual"@en .
pg:AtLeast a pg:Comparator ; rdfs:label "不少于"@zh, "at least"@en .
pg:CNY a pg:Unit ; rdfs:label "元"@zh, "CNY"@en .
pg:Count a pg:Unit ; rdfs:label "个"@zh, "count"@en .
pg:Percent a pg:Unit ; rdfs:label "%"@zh, "percent"@en .
pg:IndicatorScheme a skos:ConceptScheme ; rdfs:label "园区统计指标"@zh, "indicators"@en .
"""

# (local name, zh, en, unit, typical value): the indicators of the synthetic parks
INDICATORS = (
    ("indicator-output", "规上工业总产值", "gross industrial output", "CNY", 5e10),
    ("indicator-hte", "高新技术企业数量", "high-tech enterprises", "Count", 200),
    ("indicator-share", "高新技术企业占比", "high-tech enterprise share", "Percent", 60),
)
# (local name, zh, start, end): 十三五, 十四五, one year, 十五五
PERIODS = (
    ("period-13th", "十三五", 2016, 2020),
    ("period-14th", "十四五", 2021, 2025),
    ("period-2025", "2025年", 2025, 2025),
    ("period-15th", "十五五", 2026, 2030),
)


def parks_store(n_parks: int = 20, n_sources: int = 5, seed: int = 3) -> ox.Store:
    """A graph like the curated one will be at about twenty parks: parks (高新区 and others)
    in districts of a few provinces, with clusters of shared industries, titles, strategies
    with components and owners, and observations of three indicators over periods (actuals
    and targets, two sources disagreeing now and then), each fact derived from one of several
    sources with its evidence. Provinces have no source, so a source filter hides them."""
    import random

    rng = random.Random(seed)
    out: list[str] = [PREAMBLE, PARKS_VOCAB]

    def fact(source: int, text: str) -> str:
        return f' ; prov:wasDerivedFrom pgr:source-{source} ; pg:evidence "{text}"'

    for k in range(n_sources):
        out.append(f'pgr:source-{k} a pg:SourceDocument ; dcterms:title "第{k}篇来源:园区报道{k}"@zh .\n')
    for local, zh, en, _unit, _typical in INDICATORS:
        out.append(
            f'pgr:{local} a pg:Indicator ; skos:inScheme pg:IndicatorScheme ; '
            f'skos:prefLabel "{zh}"@zh, "{en}"@en .\n'
        )
    for local, zh, start, end in PERIODS:
        out.append(
            f'pgr:{local} a pg:Period ; rdfs:label "{zh}"@zh, "{zh} ({start}-{end})"@en ; '
            f'pg:startYear "{start}"^^xsd:gYear ; pg:endYear "{end}"^^xsd:gYear .\n'
        )
    for k in range(4):
        out.append(
            f"pgr:area-province-{k} a pg:AdministrativeArea ; "
            f'rdfs:label "测试省{k}"@zh, "Province {k}"@en .\n'
        )
    for k in range(8):
        out.append(
            f'pgr:industry-{k} a pg:Industry ; rdfs:label "产业{k}"@zh, "Industry {k}"@en'
            + fact(k % n_sources, f"发展产业{k}")
            + " .\n"
        )
    for k in range(3):
        out.append(
            f'pgr:title-{k} a pg:Title ; rdfs:label "称号{k}"@zh, "Title {k}"@en'
            + fact((k + 1) % n_sources, f"获评称号{k}")
            + " .\n"
        )
        out.append(
            f'pgr:org-{k} a pg:Organization ; rdfs:label "管委会{k}"@zh, "Committee {k}"@en'
            + fact(k % n_sources, f"管委会{k}提出")
            + " .\n"
        )
        out.append(
            f'pgr:strategy-{k} a pg:Strategy ; rdfs:label "战略{k}"@zh, "Strategy {k}"@en ; '
            f'skos:notation "{k}{k}{k}" ; pg:owner pgr:org-{k} ; '
            f"pg:hasComponent pgr:component-{k}-0, pgr:component-{k}-1"
            + (" ; pg:alignsWith pgr:strategy-0" if k else "")
            + fact(k % n_sources, f"实施“{k}{k}{k}”战略")
            + " .\n"
        )
        for j in range(2):
            out.append(
                f"pgr:component-{k}-{j} a pg:StrategyComponent ; "
                f'rdfs:label "组成{k}-{j}"@zh, "Part {k}-{j}"@en ; '
                f"pg:declaredCount {j + 2}" + fact(k % n_sources, f"“{k}{k}{k}”之{j}") + " .\n"
            )
    for i in range(n_parks):
        sources = [i % n_sources] + ([(i + 1) % n_sources] if i % 5 == 0 else [])
        src = sources[0]
        kind = "pg:HighTechZone" if i % 2 else "pg:Park"
        clusters = [f"pgr:cluster-{i:02d}-{j}" for j in range(2 + i % 2)]
        park = (
            f'pgr:park-{i:02d} a {kind} ; rdfs:label "测试{i}号园区"@zh, "Test Park {i}"@en ; '
            f"pg:locatedIn pgr:area-district-{i:02d} ; pg:hasCluster {', '.join(clusters)} ; "
            f"pg:pursues pgr:strategy-{i % 3}"
            + (f" ; pg:holdsTitle pgr:title-{i % 3}" if i % 4 != 3 else "")
            + f" ; prov:wasDerivedFrom {', '.join(f'pgr:source-{s}' for s in sources)}"
            + f' ; pg:evidence "测试{i}号园区位于测试区{i}" .\n'
        )
        out.append(park)
        out.append(
            f"pgr:area-district-{i:02d} a pg:AdministrativeArea ; "
            f'rdfs:label "测试区{i}"@zh, "District {i}"@en ; '
            f"pg:locatedIn pgr:area-province-{i % 4}" + fact(src, f"测试区{i}") + " .\n"
        )
        for j, cluster in enumerate(clusters):
            industries = {rng.randrange(8) for _ in range(2)}
            out.append(
                f"{cluster} a pg:IndustrialCluster ; "
                f'rdfs:label "测试{i}号园区集群{j}"@zh, "Park {i} cluster {j}"@en ; '
                f"pg:industry {', '.join(f'pgr:industry-{k}' for k in sorted(industries))}"
                + fact(sources[j % len(sources)], f"打造集群{i}-{j}")
                + " .\n"
            )
        out.append(f"pgr:component-{i % 3}-0 pg:member {clusters[0]} .\n")
        # Observations: output over three or four periods (actuals, then a target; a second
        # source's target beside the first now and then), enterprises over two, a share once.
        series = [("indicator-output", p) for p in ("period-14th", "period-15th")]
        if i % 3 == 0:
            series.insert(0, ("indicator-output", "period-13th"))
        if i % 2 == 0:
            series.insert(-1, ("indicator-output", "period-2025"))
            series += [("indicator-hte", "period-14th"), ("indicator-hte", "period-15th")]
        series.append(("indicator-share", "period-14th"))
        if i % 5 == 0:
            series.append(("indicator-output", "period-15th"))
        for n, (indicator, period) in enumerate(series):
            meta = next(x for x in INDICATORS if x[0] == indicator)
            target = period == "period-15th"
            value = round(meta[4] * (1 + i / 10) * (1.6 if target else 1.0 + n / 8) * (1.1 if n > 4 else 1))
            # the last, a second 十五五 target, comes from the park's other source
            s = sources[-1] if n == len(series) - 1 and i % 5 == 0 else sources[0]
            out.append(
                f"pgr:obs-{i:02d}-{n} a pg:Observation ; pg:about pgr:park-{i:02d} ; "
                f"pg:indicator pgr:{indicator} ; "
                f"pg:value {value}.0 ; pg:unit pg:{meta[3]} ; pg:period pgr:{period} ; "
                f"pg:status pg:{'Target' if target else 'Actual'} ; pg:comparator pg:AtLeast ; "
                f'pg:statedAs "{value}"' + fact(s, f"测试{i}号园区{meta[1]}达{value}") + " .\n"
            )
        # One number about a cluster (in the cluster's panel, not the park's).
        out.append(
            f"pgr:obs-{i:02d}-cluster a pg:Observation ; pg:about {clusters[0]} ; "
            "pg:indicator pgr:indicator-output ; pg:value 1000000000.0 ; pg:unit pg:CNY ; "
            'pg:period pgr:period-15th ; pg:status pg:Target ; pg:statedAs "10亿元"'
            + fact(src, f"集群{i}产值10亿元")
            + " .\n"
        )
    store = ox.Store()
    store.load("".join(out), format=ox.RdfFormat.TURTLE)
    return store
