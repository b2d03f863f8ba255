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


def store_of(*parts: str) -> ox.Store:
    store = ox.Store()
    store.load(PREAMBLE + "".join(parts), format=ox.RdfFormat.TURTLE)
    return store


def small_store() -> ox.Store:
    return store_of(VOCAB, PARK)


def hostile_store() -> ox.Store:
    return store_of(VOCAB, PARK, HOSTILE)


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
