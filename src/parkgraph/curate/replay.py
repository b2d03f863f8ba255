"""`parkgraph review SOURCE --decisions FILE.json`: the decisions of a review, from a file.

The file is a JSON list of decisions (or an object whose "decisions" is that list), each what
the page sends to the server (the format: `parkgraph review --help`, the README). Card ids
depend on the extraction, so an entry that names a card also says what it expects that card
to be ("expect": its evidence, subject, predicate, value or kind); a card that is no longer
so is an error, as is anything the server would refuse. Entries are numbered from 1; "@N"
in place of a card id is the card that entry N added.

All or nothing: every entry is first applied to a scratch copy of the journal; only when all
pass (and, with finish, no card is left undecided) are they journaled for real.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any

from parkgraph.curate.journal import DecisionError, Journal
from parkgraph.curate.review import Finished, ReviewSession
from parkgraph.errors import InputFileError, OutputError

EXPECTABLE = ("evidence", "subject", "predicate", "value", "kind")
_KEYS = {"action", "card", "expect", "reason", "field", "value", "link", "target"}
_REFS = ("card", "about", "subject", "object")  # fields that may hold "@N"

@dataclass(frozen=True)
class Replayed:
    applied: int
    finished: Finished | None


def read_decisions(path: str) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as error:
        raise InputFileError(f"{path}: cannot read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise InputFileError(f"{path}: not UTF-8") from None
    except ValueError as error:
        raise InputFileError(f"{path}: not valid JSON ({error})") from None
    if isinstance(data, dict) and isinstance(data.get("decisions"), list):
        data = data["decisions"]
    if not isinstance(data, list):
        raise InputFileError(f'{path}: a JSON list of decisions (or {{"decisions": [...]}}), please')
    return data


def _describe(card: dict[str, Any]) -> str:
    evidence = (card.get("evidence") or {}).get("text")
    return (f"{card['kind']} {card['subject']!r} {card['predicate']} {card['value']!r}"
            + (f" (evidence {evidence!r})" if evidence else ""))


def _check_expect(card: dict[str, Any], expect: Any) -> None:
    if not isinstance(expect, dict) or not expect:
        raise DecisionError(f"card {card['id']}: say what you expect it to be (\"expect\": "
                            f"{{\"evidence\": …}} or {', '.join(EXPECTABLE[1:])}); it is {_describe(card)}")
    for key, wanted in expect.items():
        if key not in EXPECTABLE:
            raise DecisionError(f"expect: unknown key {key!r}; one of {', '.join(EXPECTABLE)}")
        have = (card.get("evidence") or {}).get("text") if key == "evidence" else card.get(key)
        if str(have) != str(wanted):
            raise DecisionError(f"card {card['id']} is now {_describe(card)}, not {key} {wanted!r}; "
                                "the extraction changed")


def _resolve(entry: dict[str, Any], added: dict[int, str], index: int) -> dict[str, Any]:
    out = dict(entry)
    fields = list(_REFS) + (["value"] if entry.get("field") == "about" else [])
    for key in fields:
        value = out.get(key)
        if isinstance(value, str) and value.startswith("@"):
            n = value[1:]
            if not n.isdigit() or int(n) not in added:
                adders = ", ".join(map(str, sorted(added))) or "none"
                raise DecisionError(f"{key} {value!r}: no earlier entry {n} added a card "
                                    f"(entries that added one: {adders})")
            out[key] = added[int(n)]
    return out


def _apply_one(session: ReviewSession, entry: Any, index: int, added: dict[int, str]) -> dict[str, Any]:
    """Check and journal one entry on `session`; the payload as sent."""
    if not isinstance(entry, dict):
        raise DecisionError("a JSON object, please")
    action = entry.get("action")
    payload = _resolve(entry, added, index)
    if action not in ("add", "undo"):
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise DecisionError(f"unknown field {unknown[0]!r}")
        card = session.by_id.get(str(payload.get("card")))
        if card is None:
            raise DecisionError(f"no card {payload.get('card')!r}; the extraction changed, "
                                "or the id is wrong")
        _check_expect(card, payload.get("expect"))
    payload.pop("expect", None)
    session.decide(payload)
    if action == "add":
        added[index] = str(session.journal.events[-1]["card"])
    return payload


def replay(session: ReviewSession, path: str, *, finish: bool = False) -> Replayed:
    """Apply the decisions of `path` to `session` (see the module docstring); with `finish`,
    write data/<source>.ttl. DecisionError names the first bad entry; nothing is journaled then."""
    entries = read_decisions(path)
    name = os.path.basename(path)
    if finish and os.path.exists(session.output):
        raise OutputError(f"{session.output}: exists; this source has been reviewed already")
    scratch_dir = tempfile.mkdtemp(prefix="parkgraph-replay-")
    try:
        scratch_journal = os.path.join(scratch_dir, "journal.jsonl")
        if os.path.exists(session.journal.path):
            shutil.copyfile(session.journal.path, scratch_journal)
        scratch = ReviewSession(session.project, session.sid, session.reviewer)
        scratch.journal = Journal(scratch_journal)
        scratch._graph = session._graph
        added: dict[int, str] = {}
        payloads = []
        for i, entry in enumerate(entries, 1):
            try:
                payloads.append(_apply_one(scratch, entry, i, added))
            except DecisionError as error:
                raise DecisionError(f"{name}: entry {i}: {error.message}") from None
        session._graph = scratch._graph
        if finish:
            state = scratch.state()
            pending = [c["id"] for c in state["cards"] if c["decision"]["status"] == "pending"]
            if pending:
                raise DecisionError(f"{name}: after its {len(entries)} entries {len(pending)} cards are not "
                                    f"decided yet (first: {pending[0]}); nothing was saved")
    finally:
        shutil.rmtree(scratch_dir, ignore_errors=True)
    for payload in payloads:
        session.decide(payload)
    return Replayed(len(payloads), session.finish() if finish else None)
