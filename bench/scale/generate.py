"""A realistic synthetic park graph in parkgraph's terms, at a given size, as N-Triples.

Deterministic (seeded): the same size and seed give byte-identical output. The shape follows
the curated data: provinces → cities → districts (pg:AdministrativeArea), parks (pg:Park /
pg:HighTechZone) located in districts, each with industrial clusters of shared industries
(skos concepts), strategies with components, enterprises (pg:Organization), and numbers as
pg:Observation about a park or a cluster over a pg:Period (actual for 十三五/十四五 and each
year, targets for 十五五), each with its source document and evidence, labels in zh and en.

    python bench/scale/generate.py 1000000 -o bench/out/synthetic-1m.nt
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

PG = "https://w3id.org/parkgraph/ontology#"
PGR = "https://w3id.org/parkgraph/resource/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS_PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
SKOS_NOTATION = "<http://www.w3.org/2004/02/skos/core#notation>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
SCHEMA_LOCATION = "<https://schema.org/location>"
XSD = "http://www.w3.org/2001/XMLSchema#"

PROVINCES = [
    ("chongqing", "重庆"),
    ("sichuan", "四川"),
    ("zhejiang", "浙江"),
    ("jiangsu", "江苏"),
    ("guangdong", "广东"),
    ("hubei", "湖北"),
    ("hunan", "湖南"),
    ("shaanxi", "陕西"),
    ("anhui", "安徽"),
    ("shandong", "山东"),
    ("henan", "河南"),
    ("fujian", "福建"),
]
CITY_SYLLABLES = [
    ("yong", "永"),
    ("chuan", "川"),
    ("jiang", "江"),
    ("bin", "滨"),
    ("hang", "杭"),
    ("zhou", "州"),
    ("nan", "南"),
    ("bei", "北"),
    ("dong", "东"),
    ("xi", "西"),
    ("an", "安"),
    ("ning", "宁"),
    ("ping", "平"),
    ("shan", "山"),
    ("he", "河"),
    ("hu", "湖"),
    ("cheng", "城"),
    ("yang", "阳"),
]
INDUSTRIES = [
    ("nev", "新能源汽车", "New-energy vehicles"),
    ("new-materials", "新材料", "New materials"),
    ("big-data", "大数据", "Big data"),
    ("ai", "人工智能", "Artificial intelligence"),
    ("motorcycles", "摩托车", "Motorcycles"),
    ("biomedicine", "生物医药", "Biomedicine"),
    ("semiconductors", "集成电路", "Integrated circuits"),
    ("robotics", "机器人", "Robotics"),
    ("aerospace", "航空航天", "Aerospace"),
    ("energy-storage", "新型储能", "Energy storage"),
    ("photovoltaics", "光伏", "Photovoltaics"),
    ("smart-equipment", "智能装备", "Smart equipment"),
    ("food", "食品加工", "Food processing"),
    ("textiles", "纺织服装", "Textiles and apparel"),
    ("chemicals", "精细化工", "Fine chemicals"),
    ("logistics", "现代物流", "Modern logistics"),
    ("software", "软件信息", "Software and IT"),
    ("hydrogen", "氢能", "Hydrogen energy"),
    ("low-altitude", "低空经济", "Low-altitude economy"),
    ("medical-devices", "医疗器械", "Medical devices"),
]
INDICATORS = [
    ("industrial-output", "规模以上工业总产值", "Industrial output above designated size", "CNY"),
    ("high-tech-enterprises", "高新技术企业数量", "Number of high-tech enterprises", "Count"),
    ("rd-intensity", "研发投入强度", "R&D intensity", "Percent"),
    ("innovation-platforms", "市级以上创新平台数量", "Innovation platforms at city level or above", "Count"),
]
PERIODS = [
    ("13th-fyp", "十三五", "13th Five-Year Plan", 2016, 2020),
    ("14th-fyp", "十四五", "14th Five-Year Plan", 2021, 2025),
    ("15th-fyp", "十五五", "15th Five-Year Plan", 2026, 2030),
]
PERIODS += [(f"year-{y}", f"{y}年", f"Year {y}", y, y) for y in range(2016, 2026)]


def iri(local: str) -> str:
    return f"<{PGR}{local}>"


def pg(local: str) -> str:
    return f"<{PG}{local}>"


def lit(text: str, lang: str | None = None, dtype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if dtype:
        return f'"{escaped}"^^<{XSD}{dtype}>'
    return f'"{escaped}"'


def triples(parks: int, seed: int) -> Iterator[str]:
    """N-Triples lines for a graph of `parks` parks (about 730 triples each)."""
    rnd = random.Random(seed)
    t = RDF_TYPE
    for key, zh, en, start, end in PERIODS:
        yield from (
            f"{iri('period-' + key)} {t} {pg('Period')} .",
            f"{iri('period-' + key)} {RDFS_LABEL} {lit(zh, 'zh')} .",
            f"{iri('period-' + key)} {RDFS_LABEL} {lit(en, 'en')} .",
            f"{iri('period-' + key)} {pg('startYear')} {lit(str(start), dtype='gYear')} .",
            f"{iri('period-' + key)} {pg('endYear')} {lit(str(end), dtype='gYear')} .",
        )
    for key, zh, en in INDUSTRIES:
        yield from (
            f"{iri('industry-' + key)} {t} {pg('Industry')} .",
            f"{iri('industry-' + key)} {RDFS_LABEL} {lit(zh, 'zh')} .",
            f"{iri('industry-' + key)} {RDFS_LABEL} {lit(en, 'en')} .",
            f"{iri('industry-' + key)} {SKOS_PREF} {lit(zh, 'zh')} .",
        )
    for key, zh, en, _unit in INDICATORS:
        yield from (
            f"{iri('indicator-' + key)} {t} {pg('Indicator')} .",
            f"{iri('indicator-' + key)} {RDFS_LABEL} {lit(zh, 'zh')} .",
            f"{iri('indicator-' + key)} {RDFS_LABEL} {lit(en, 'en')} .",
        )
    for key, zh in PROVINCES:
        yield f"{iri('area-' + key)} {t} {pg('AdministrativeArea')} ."
        yield f"{iri('area-' + key)} {RDFS_LABEL} {lit(zh + '省', 'zh')} ."
        yield f"{iri('area-' + key)} {RDFS_LABEL} {lit(key.title() + ' Province', 'en')} ."
    for p in range(parks):
        yield from park(p, rnd)


def place_name(rnd: random.Random) -> tuple[str, str]:
    a, b = rnd.sample(CITY_SYLLABLES, 2)
    return a[0] + b[0], a[1] + b[1]


def park(p: int, rnd: random.Random) -> Iterator[str]:
    t = RDF_TYPE
    prov_key, prov_zh = PROVINCES[p % len(PROVINCES)]
    city_en, city_zh = place_name(rnd)
    key = f"{city_en}-{p}"
    area, city = iri(f"area-{key}-district"), iri(f"area-{key}-city")
    park_iri, source = iri(f"park-{key}-htz"), iri(f"source-{key}-article")
    high_tech = rnd.random() < 0.6
    kind_zh, kind_en = ("高新区", "High-tech Zone") if high_tech else ("经开区", "Economic Development Zone")
    park_zh, park_en = f"{city_zh}{kind_zh}", f"{city_en.title()} {kind_en} {p}"
    yield from (
        f"{city} {t} {pg('AdministrativeArea')} .",
        f"{city} {RDFS_LABEL} {lit(city_zh + '市', 'zh')} .",
        f"{city} {pg('locatedIn')} {iri('area-' + prov_key)} .",
        f"{area} {t} {pg('AdministrativeArea')} .",
        f"{area} {RDFS_LABEL} {lit(city_zh + '区', 'zh')} .",
        f"{area} {pg('locatedIn')} {city} .",
        f"{source} {t} {pg('SourceDocument')} .",
        f"{source} {RDFS_LABEL} {lit(f'{park_zh}迈向高质量发展（{prov_zh}）', 'zh')} .",
        f"{park_iri} {t} {pg('HighTechZone' if high_tech else 'Park')} .",
        f"{park_iri} {RDFS_LABEL} {lit(park_zh, 'zh')} .",
        f"{park_iri} {RDFS_LABEL} {lit(park_en, 'en')} .",
        f"{park_iri} {SKOS_PREF} {lit(park_zh, 'zh')} .",
        f"{park_iri} {pg('locatedIn')} {area} .",
        f"{park_iri} {DERIVED} {source} .",
        f"{park_iri} {pg('evidence')} {lit(f'{park_zh}立足“十四五”坚实根基')} .",
    )
    strategy = iri(f"strategy-{key}")
    code = "".join(str(rnd.randint(1, 3)) for _ in range(4))  # "3322" in about 1 park of 81
    yield from (
        f"{strategy} {t} {pg('Strategy')} .",
        f"{strategy} {RDFS_LABEL} {lit(f'“{code}”现代制造业集群体系', 'zh')} .",
        f"{strategy} {SKOS_NOTATION} {lit(code)} .",
        f"{park_iri} {pg('pursues')} {strategy} .",
    )
    for i, digit in enumerate(code[:2]):
        comp = iri(f"strategy-{key}-component-{i + 1}")
        yield from (
            f"{strategy} {pg('hasComponent')} {comp} .",
            f"{comp} {t} {pg('StrategyComponent')} .",
            f"{comp} {pg('declaredCount')} {lit(digit, dtype='integer')} .",
            f"{comp} {pg('position')} {lit(str(i + 1), dtype='integer')} .",
        )
    industries = rnd.sample(INDUSTRIES, 4)
    clusters = []
    for ind_key, ind_zh, ind_en in industries:
        cluster = iri(f"cluster-{key}-{ind_key}")
        clusters.append((cluster, ind_key))
        yield from (
            f"{cluster} {t} {pg('IndustrialCluster')} .",
            f"{cluster} {RDFS_LABEL} {lit(f'{park_zh}{ind_zh}产业集群', 'zh')} .",
            f"{cluster} {RDFS_LABEL} {lit(f'{park_en} {ind_en} cluster', 'en')} .",
            f"{cluster} {pg('industry')} {iri('industry-' + ind_key)} .",
            f"{park_iri} {pg('hasCluster')} {cluster} .",
            f"{park_iri} {pg('hasIndustry')} {iri('industry-' + ind_key)} .",
            f"{comp} {pg('member')} {cluster} .",
            f"{cluster} {DERIVED} {source} .",
            f"{cluster} {pg('evidence')} {lit(f'将重点打造{ind_zh}产业集群')} .",
        )
    for e in range(30):
        ent = iri(f"org-{key}-enterprise-{e}")
        ind_key = industries[e % 4][0]
        yield from (
            f"{ent} {t} {pg('Organization')} .",
            f"{ent} {RDFS_LABEL} {lit(f'{city_zh}{industries[e % 4][1]}企业{e}号', 'zh')} .",
            f"{ent} {RDFS_LABEL} {lit(f'{city_en.title()} {industries[e % 4][2]} Co. {e}', 'en')} .",
            f"{ent} {SCHEMA_LOCATION} {park_iri} .",
            f"{ent} {pg('industry')} {iri('industry-' + ind_key)} .",
            f"{ent} {DERIVED} {source} .",
            f"{ent} {pg('evidence')} {lit(f'{city_zh}企业{e}号落户园区')} .",
            f"{ent} {pg('locatedIn')} {area} .",
        )
    subjects = [(park_iri, park_zh)] + [(c, park_zh) for c, _ in clusters]
    for o in range(40):
        about, _ = subjects[o % len(subjects)]
        ind_key, ind_zh, ind_en, unit = INDICATORS[o % len(INDICATORS)]
        period = rnd.choice(PERIODS)  # drawn, not cycled with `o`: every combination occurs
        target = period[0] == "15th-fyp"
        scale = {"CNY": 10**9, "Count": 1, "Percent": 1}[unit]
        amount = rnd.randint(5, 1500) * scale if unit != "Percent" else rnd.randint(1, 95)
        stated = {"CNY": f"{amount // 10**8}亿元", "Count": f"{amount}家", "Percent": f"{amount}%"}[unit]
        obs = iri(f"obs-{key}-{ind_key}-{period[0]}-{o}")
        yield from (
            f"{obs} {t} {pg('Observation')} .",
            f"{obs} {pg('about')} {about} .",
            f"{obs} {pg('indicator')} {iri('indicator-' + ind_key)} .",
            f"{obs} {pg('value')} {lit(str(amount), dtype='decimal')} .",
            f"{obs} {pg('unit')} {pg(unit)} .",
            f"{obs} {pg('period')} {iri('period-' + period[0])} .",
            f"{obs} {pg('status')} {pg('Target' if target else 'Actual')} .",
            f"{obs} {pg('comparator')} {pg('AtLeast' if o % 3 else 'Exactly')} .",
            f"{obs} {pg('statedAs')} {lit(stated)} .",
            f"{obs} {DERIVED} {source} .",
            f"{obs} {pg('evidence')} {lit(f'{ind_zh}突破{stated}')} .",
        )


TRIPLES_PER_PARK = 743  # measured; used only to pick the number of parks for a target size


def write(target_triples: int, out: TextIO, seed: int = 20251128) -> int:
    """Write about `target_triples` triples (whole parks, at least one); return the count."""
    parks = max(1, round(target_triples / TRIPLES_PER_PARK))
    n = 0
    buffer: list[str] = []
    for line in triples(parks, seed):
        buffer.append(line)
        n += 1
        if len(buffer) >= 50_000:
            out.write("\n".join(buffer) + "\n")
            buffer.clear()
    if buffer:
        out.write("\n".join(buffer) + "\n")
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("triples", type=int, help="target number of triples (whole parks)")
    parser.add_argument("-o", "--out", type=Path, help="output .nt file (default: stdout)")
    parser.add_argument("--seed", type=int, default=20251128)
    args = parser.parse_args(argv)
    if args.out is None:
        n = write(args.triples, sys.stdout, args.seed)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8", newline="\n") as fh:
            n = write(args.triples, fh, args.seed)
    print(f"{n} triples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
