"""Instructions an article: the pipeline (read → extract → Turtle) against `jieba.lcut`.

    .venv/bin/python bench/extract/count_instructions.py            # needs valgrind
    .venv/bin/python bench/extract/count_instructions.py --passes 5

The wall-clock ratio of bench_extract.py moves by 10–20 % with the load of this shared machine;
an instruction count does not (±0.02 M between runs: hash randomisation), so it tells a 1 %
change apart. Each side runs under `valgrind --tool=cachegrind --cache-sim=no` twice, with
--passes passes over the development articles and with none (both after one warm-up pass,
as in the benchmark), and the difference divided by passes × articles is what one article
costs, start-up and imports left out. Not a timed test; the goal stays the wall-clock ratio.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# One side's work: `python -c CHILD side corpus passes`.
CHILD = """
import logging, sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from parkgraph import __version__
from parkgraph.extract import extract_text
from parkgraph.extract.reading import read_document
from parkgraph.extract.writing import write_turtle
side, corpus, passes = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
paths = sorted((corpus / "dev" / "articles").glob("*.txt"))
if side == "jieba":
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [read_document(p).text for p in paths]
    work = lambda: [jieba.lcut(t) for t in texts]
else:
    work = lambda: [write_turtle(extract_text(read_document(p)), version=__version__) for p in paths]
for _ in range(passes + 1):
    work()
"""


def instructions(side: str, corpus: Path, passes: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", CHILD, side, str(corpus), str(passes), str(ROOT / "src")],
        capture_output=True, text=True, check=False)
    m = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or m is None:
        raise SystemExit(f"valgrind failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return int(m.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="the corpus (holds dev/articles); default ../shared/corpus")
    parser.add_argument("--passes", type=int, default=3, help="passes over the articles (default 3)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    articles = len(list((args.corpus / "dev" / "articles").glob("*.txt")))
    if not articles:
        raise SystemExit(f"{args.corpus}/dev/articles: no articles (give --corpus DIR)")
    per_article = {}
    for side in ("pipeline", "jieba"):
        spent = instructions(side, args.corpus, args.passes) - instructions(side, args.corpus, 0)
        per_article[side] = spent / args.passes / articles
        print(f"{side:8s} {per_article[side] / 1e6:6.2f} M instructions an article")
    print(f"ratio (jieba ÷ pipeline): {per_article['jieba'] / per_article['pipeline']:.2f}")


if __name__ == "__main__":
    main()
