"""Does the extractor write the same Turtle as at another commit? (the check of a speed change)

    .venv/bin/python bench/extract/same_output.py 8494ee0              # dev + synthetic + 600 generated
    .venv/bin/python bench/extract/same_output.py HEAD~3 --generated 3000 --seed 5

A change meant only to make `parkgraph extract` faster must leave every output byte-identical.
This extracts, with this checkout's src/ and with REV's (checked out into a temporary git
worktree), the development articles, the synthetic ones and --generated texts made from their
sentences (shuffled, with digits changed, characters deleted and snippets inserted: dates,
numerals, ranks, names, punctuation), and compares the Turtle, or the error, text for text.
Exit status 1 and the names of the texts that differ when any does.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ["2023年1-9月", "1—11月", "十四五", "“十五五”期末", "前三季度", "100年来", "第27位",
            "1.5万亿元", "上升3位", "由第九位升至第六位", "翻了一番", "4.9个百分点", "60多家", "前三",
            "2016-2020年", "截至目前", "上半年", "今年以来", "二〇二四年", "1-3季度", "数十家", "百分之五",
            "连续5年", "1,234.5亿元", "有限公司", "“", "”", "、", "，", "；", "\n", "高新区", "药业", "产业",
            "平方公里", "8月21日", "3+2+1", "1+X", "千亿级", "30%以上", "超百亿元的", "约200亿元",
            "同比增长8.5%", "前15个月", "市", "区", "县"]

# Run with one checkout's src/ first on sys.path: texts (a JSON list) in, outputs (JSON) out.
CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from parkgraph.extract import extract_text
from parkgraph.extract.model import Document
from parkgraph.extract.reading import read_document
from parkgraph.extract.writing import write_turtle
out = []
for item in json.load(open(sys.argv[2], encoding="utf-8")):
    try:
        doc = (read_document(item["path"]) if "path" in item else
               Document(text=item["text"], sha256="0" * 64, file_name=item["name"], published="2024-06-30"))
        out.append(write_turtle(extract_text(doc)))
    except Exception as error:
        out.append(f"ERROR {type(error).__name__}: {error}")
json.dump(out, open(sys.argv[3], "w", encoding="utf-8"))
"""


def inputs(corpus: Path, generated: int, seed: int) -> list[dict[str, str]]:
    paths = sorted((corpus / "dev" / "articles").glob("*.txt"))
    for name in ("synthetic", "synthetic2", "synthetic3"):
        paths += sorted((ROOT / "bench" / "extract" / name / "articles").glob("*.txt"))
    items: list[dict[str, str]] = [{"name": p.name, "path": str(p)} for p in paths]
    sentences = [s + "。" for p in paths for s in re.split("。", p.read_text(encoding="utf-8")) if s.strip()]
    rng = random.Random(seed)
    for i in range(generated):
        chars = list("".join(rng.sample(sentences, rng.randint(5, 25))))
        for _ in range(rng.randint(0, 60)):
            k = rng.randrange(len(chars))
            r = rng.random()
            if r < 0.4 and chars[k].isdigit():
                chars[k] = rng.choice("0123456789")
            elif r < 0.8:
                chars.insert(k, rng.choice(SNIPPETS))
            else:
                del chars[k]
        items.append({"name": f"generated-{seed}-{i}.txt", "text": "".join(chars)})
    return items


def outputs(src: Path, items_file: Path, out_file: Path) -> list[str]:
    subprocess.run([sys.executable, "-c", CHILD, str(src), str(items_file), str(out_file)], check=True)
    result: list[str] = json.loads(out_file.read_text(encoding="utf-8"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the commit to compare with (e.g. main, HEAD~1, 8494ee0)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--generated", type=int, default=600, help="generated texts (default 600)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reference = work / "reference"
        git = ["git", "-C", str(ROOT), "worktree"]
        subprocess.run([*git, "add", "--detach", "-q", str(reference), args.rev], check=True)
        try:
            items = inputs(args.corpus, args.generated, args.seed)
            (work / "items.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
            before = outputs(reference / "src", work / "items.json", work / "before.json")
            after = outputs(ROOT / "src", work / "items.json", work / "after.json")
        finally:
            subprocess.run([*git, "remove", "--force", str(reference)], check=False)
    differ = [item["name"] for item, a, b in zip(items, before, after, strict=True) if a != b]
    errors = [sum(o.startswith("ERROR ") for o in side) for side in (before, after)]
    print(f"{len(items)} texts, {len(differ)} differ from {args.rev}; the extractor raised on {errors[1]} "
          f"here, on {errors[0]} there")
    for name in differ[:20]:
        print(f"  differs: {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
