"""The extractor scored against reviewed decisions: per rule, how many of its proposals a
reviewer accepted as they were, corrected, or rejected (and why).

    python bench/curate/score_reviewed.py PROJECT_DIR [--json]

Reads every review/*/decisions.json that `parkgraph review` wrote when a review finished. A
proposal accepted unchanged counts as right; corrected and rejected ones count against the
rule; precision = accepted unchanged / all decided. (bench/extract scores the extractor
against the gold files of the corpus; this scores it against what analysts decided.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def score(project: Path) -> dict[str, dict[str, Any]]:
    rules: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for path in sorted((project / "review").glob("*/decisions.json")):
        for card in json.loads(path.read_text(encoding="utf-8"))["cards"]:
            rule = card.get("rule") or "?"
            if card["status"] == "rejected":
                rules[rule]["rejected"] += 1
                reasons[rule][card.get("reason") or "?"] += 1
            elif card.get("edits"):
                rules[rule]["corrected"] += 1
            else:
                rules[rule]["accepted"] += 1
    out = {}
    for rule, c in sorted(rules.items()):
        total = sum(c.values())
        out[rule] = {"accepted": c["accepted"], "corrected": c["corrected"], "rejected": c["rejected"],
                     "precision": round(c["accepted"] / total, 3) if total else None,
                     "reasons": dict(sorted(reasons[rule].items()))}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    table = score(args.project)
    if not table:
        print(f"{args.project}: no finished reviews (review/*/decisions.json)", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=1))
        return 0
    print(f"{'rule':<28} {'accepted':>8} {'corrected':>9} {'rejected':>8} {'precision':>9}  reasons")
    for rule, row in table.items():
        why = ", ".join(f"{k} {v}" for k, v in row["reasons"].items())
        print(f"{rule:<28} {row['accepted']:>8} {row['corrected']:>9} {row['rejected']:>8} "
              f"{row['precision']:>9}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
