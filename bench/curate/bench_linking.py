"""Linking precision and recall on the labelled park mentions of the development corpus.

    python bench/curate/bench_linking.py [--mentions FILE] [--json] [-v]

Reads park_mentions.tsv (one row per mention: article, name, the park it names, labelled by
hand; its header says how it was made). Every pair of rows is a labelled pair: "same" when
both name the same park. The linker's answer for a pair: each name is resolved in its own
article (a bare 高新区 takes its distinctive part from the article's other park names), then
`compare_park_names` compares the two; a pair is "linked" when it gives any verdict (likely or
possible: both would be offered to the reviewer as a candidate). Reported: precision and recall
over the pairs, the linked pairs whose names give different zone classes or stated levels (must
be none; a name with no park ending, such as 光谷, has no class), and with -v every wrong answer.

--pipeline measures the whole of `add` instead: the 13 articles are extracted in turn and each
one's parks are linked (`link_candidates`) to the parks of the articles before it, as if they
were added one after another; the extractor's parks are matched to the labelled rows by name
within their article (a park no row names counts as a park of its own).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from parkgraph.curate.linking import KIND_CLASSES, compare_park_names, parse_park_name, resolve_in_context

HERE = Path(__file__).resolve().parent
MENTIONS = HERE / "park_mentions.tsv"


@dataclass(frozen=True)
class Mention:
    doc: str
    name: str
    park: str


@dataclass
class Result:
    pairs: int
    same: int
    linked: int
    true_links: int
    cross_type_or_level: int
    errors: list[str]

    @property
    def precision(self) -> float:
        return self.true_links / self.linked if self.linked else 1.0

    @property
    def recall(self) -> float:
        return self.true_links / self.same if self.same else 1.0

    def as_dict(self) -> dict[str, object]:
        return {"pairs": self.pairs, "same": self.same, "linked": self.linked, "true_links": self.true_links,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "cross_type_or_level": self.cross_type_or_level}


def read_mentions(path: Path = MENTIONS) -> list[Mention]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        doc, name, park = line.split("\t")
        rows.append(Mention(doc, name, park))
    return rows


def measure(mentions: list[Mention]) -> Result:
    by_doc: dict[str, list[str]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m.name)
    resolved = {m: resolve_in_context(parse_park_name(m.name), [n for n in by_doc[m.doc] if n != m.name])
                for m in mentions}
    result = Result(0, 0, 0, 0, 0, [])
    for a, b in itertools.combinations(mentions, 2):
        ra, rb = resolved[a], resolved[b]
        same = a.park == b.park
        comparison = compare_park_names(ra, rb)
        linked = comparison.verdict is not None
        result.pairs += 1
        result.same += same
        result.linked += linked
        result.true_links += same and linked
        ca, cb = KIND_CLASSES.get(ra.kind), KIND_CLASSES.get(rb.kind)  # None: a name with no ending
        if linked and ((ca and cb and ca != cb) or (ra.level and rb.level and ra.level != rb.level)):
            result.cross_type_or_level += 1
        if same != linked:
            what = "missed" if same else "wrong link"
            why = "; ".join(f"{f.name}: {f.value}" for f in comparison.features)
            result.errors.append(f"{what}: {a.doc} {a.name} ~ {b.doc} {b.name} ({why})")
    return result


DEV = HERE.parents[2] / "shared" / "corpus" / "dev" / "articles"


def measure_pipeline(mentions: list[Mention], articles: Path = DEV) -> Result:
    from parkgraph.curate.linking import KnownEntity, link_candidates
    from parkgraph.extract import extract_document
    from parkgraph.extract.model import PARK_CLASSES

    park_of = {(m.doc, m.name): m.park for m in mentions}
    known: list[KnownEntity] = []
    gold: dict[str, str] = {}
    result = Result(0, 0, 0, 0, 0, [])
    for path in sorted(articles.glob("*.txt")):
        doc = path.name.split("_", 1)[0]
        extraction = extract_document(str(path))
        links = {m.key: m for m in link_candidates(extraction, known)}
        new: list[KnownEntity] = []
        for e in extraction.entities:
            if e.cls not in PARK_CLASSES:
                continue
            iri = f"{doc}:{e.key}"
            names = [e.label, *e.alt_labels]
            gold[iri] = next((park_of[(doc, n)] for n in names if (doc, n) in park_of), iri)
            proposed = {c.iri for c in links[e.key].candidates}
            for k in known:
                same, linked = gold[iri] == gold[k.iri], k.iri in proposed
                result.pairs += 1
                result.same += same
                result.linked += linked
                result.true_links += same and linked
                ca = KIND_CLASSES.get(parse_park_name(e.label).kind)
                cb = KIND_CLASSES.get(parse_park_name(k.labels[0]).kind)
                if linked and ca and cb and ca != cb:
                    result.cross_type_or_level += 1
                if same != linked:
                    result.errors.append(f"{'missed' if same else 'wrong link'}: {iri} {e.label} ~ {k.iri}")
            new.append(KnownEntity(iri, e.cls, tuple(names)))
        known.extend(new)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=Path, default=MENTIONS)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong answer")
    parser.add_argument("--pipeline", action="store_true",
                        help="extract the articles and link each to the ones before it (the whole of `add`)")
    args = parser.parse_args(argv)
    mentions = read_mentions(args.mentions)
    result = measure_pipeline(mentions) if args.pipeline else measure(mentions)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        what = "extracted park pairs across articles" if args.pipeline else "park mention pairs"
        print(f"{what}: {result.pairs} ({result.same} same park)")
        print(f"linked: {result.linked}, of which right: {result.true_links}")
        print(f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
              f"links across type or level: {result.cross_type_or_level}")
    if args.verbose:
        for e in result.errors:
            print(e, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
