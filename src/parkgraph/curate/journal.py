"""The review journal: every decision appended at once (one JSON object a line, flushed and
fsynced), so that a closed tab, a killed server or a crash loses nothing.

Events: accept (optionally with the link chosen), reject (with a reason), edit (a field and
its new value: the claim is accepted as corrected), link (an entity: an existing IRI or
"new"), add (a fact the extractor missed, see amend.py: the card it makes is accepted),
undo (takes back the last event not yet taken back). The state of the review is the events
folded in order (`Journal.decisions`).

A half-written last line (a crash in the middle of a write) is cut off when the journal is
opened, and said so (`Journal.recovered`); a broken line anywhere else is an error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from parkgraph.errors import InputFileError, OutputError, ParkgraphError

JOURNAL_FILE = "journal.jsonl"
ACTIONS = ("accept", "reject", "edit", "link", "add", "undo")
REJECT_REASONS = {
    "not-stated": "not what the text says",
    "wrong-value": "wrong number, unit or period",
    "wrong-subject": "about something else",
    "not-a-fact": "not a fact (noise, a heading, a generic phrase)",
    "duplicate": "a duplicate of another claim",
}


class DecisionError(ParkgraphError):
    """A decision the review cannot take (unknown card, action, reason or field)."""


@dataclass
class Decision:
    """Where one card stands."""

    status: str = "pending"  # pending | accepted | rejected
    reason: str | None = None
    edits: dict[str, str] = field(default_factory=dict)
    link: str | None = None  # an existing entity's IRI, or "new"

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "edits": dict(self.edits), "link": self.link}


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Journal:
    """The journal of one review queue (review/<source>/journal.jsonl)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.events: list[dict[str, Any]] = []
        self.recovered: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            return
        except OSError as error:
            raise InputFileError(f"{self.path}: cannot read ({error.strerror or error})") from None
        lines = data.split(b"\n")
        tail = lines.pop()  # after the last newline: b"" when the file ends with one
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                self.events.append(json.loads(line))
            except ValueError:
                raise InputFileError(
                    f"{self.path}:{number}: not a journal line; the journal is damaged before its end, "
                    "fix or remove that line"
                ) from None
        if tail.strip():
            try:
                self.events.append(json.loads(tail))  # complete, only its newline is missing
                with open(self.path, "ab") as fh:
                    fh.write(b"\n")
            except ValueError:
                keep = len(data) - len(tail)
                try:
                    with open(self.path, "r+b") as fh:
                        fh.truncate(keep)
                except OSError as error:
                    raise OutputError(f"{self.path}: cannot repair ({error.strerror or error})") from None
                self.recovered = (
                    f"{self.path}: dropped a half-written last line ({len(tail)} bytes); "
                    f"the {len(self.events)} decisions before it are kept"
                )

    def append(self, event: dict[str, Any]) -> dict[str, Any]:
        """Write `event` (stamped with a sequence number and the time) to disk before returning."""
        event = {**event, "seq": len(self.events) + 1, "at": event.get("at") or now_iso()}
        line = (json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise OutputError(f"{self.path}: cannot save the decision ({error.strerror or error})") from None
        self.events.append(event)
        return event

    def effective(self) -> list[dict[str, Any]]:
        """The events that stand: each undo takes back the last event still standing."""
        stack: list[dict[str, Any]] = []
        for e in self.events:
            if e.get("action") == "undo":
                if stack:
                    stack.pop()
            else:
                stack.append(e)
        return stack

    def decisions(self, card_ids: list[str]) -> dict[str, Decision]:
        out = {c: Decision() for c in card_ids}
        for e in self.effective():
            d = out.get(str(e.get("card")))
            if d is None:
                continue
            action = e.get("action")
            if action in ("accept", "add"):
                d.status, d.reason = "accepted", None
                if e.get("link"):
                    d.link = str(e["link"])
            elif action == "reject":
                d.status, d.reason = "rejected", str(e.get("reason"))
            elif action == "edit":
                d.status, d.reason = "accepted", None
                d.edits[str(e["field"])] = str(e["value"])
            elif action == "link":
                d.status, d.reason, d.link = "accepted", None, str(e["target"])
        return out
