"""Reviewing one source's queue: its state, decisions, and finishing into data/<source>.ttl.

`ReviewSession` is what the review server calls; it holds no state of its own beyond the
journal on disk, so a killed server resumes exactly where it stopped.

Finishing writes the accepted and corrected facts with the extractor's own writer (the same
form as `parkgraph extract`: evidence, Web Annotation selectors, PROV, the extraction activity),
then: entities linked to an existing one take its IRI (their name becomes an skos:altLabel
there, the existing labels stay), new entities whose IRI the graph already uses get a fresh
one, and every fact gets who reviewed it and when (prov:wasAttributedTo, prov:generatedAtTime).
The project's shapes and checks run before the file appears. Every decision, the rejected
ones with their reasons, is kept in review/<source>/decisions.json.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from parkgraph.curate.amend import AMENDED, REF_RULE, Amendments, graph_entities
from parkgraph.curate.init import REVIEW_DIR
from parkgraph.curate.journal import JOURNAL_FILE, REJECT_REASONS, DecisionError, Journal, now_iso
from parkgraph.curate.queue import extraction_from_json, read_json, write_json_atomically
from parkgraph.errors import NotConforming, OutputError, UnknownName
from parkgraph.extract.model import Extraction, Observation
from parkgraph.extract.vocabulary import concept_by_label
from parkgraph.extract.vocabulary import concepts as indicator_concepts
from parkgraph.project import DATA_DIR, Project

_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,120}")
EDITABLE = {
    "entity": ("label", "cls"),  # cls: the text may show a zone's kind only on reading on
    "observation": ("value", "unit", "comparator", "status", "indicator", "stated"),
    "relation": (),
    "code": ("label",),
}
EDITABLE["observation"] += AMENDED  # checked and applied by amend.py
COMPARATORS = ("AtLeast", "Exactly", "AtMost", "Approximately")
STATUSES = ("Actual", "Target")


def queue_dirs(project: Project) -> list[str]:
    review = project.path(REVIEW_DIR)
    if not os.path.isdir(review):
        return []
    return [n for n in sorted(os.listdir(review))
            if os.path.isfile(os.path.join(review, n, "queue.json")) and not n.startswith(".")]


def find_queue(project: Project, source: str | None) -> str:
    """The queue's source id (review/<id>/): `source` (with or without "source-"), else the
    first queue not yet finished. UnknownName for an id that is not a queue (or not an id)."""
    names = queue_dirs(project)
    if source is None:
        pending = [n for n in names if not os.path.exists(project.path(DATA_DIR, n + ".ttl"))]
        if not pending:
            raise UnknownName(f"{project.path(REVIEW_DIR)}: nothing to review; "
                              "`parkgraph add FILE` queues a document")
        return pending[0]
    sid = source.removeprefix("source-")
    if not _SOURCE_ID.fullmatch(sid):
        raise UnknownName(f"{source!r} is not a source id (lower-case letters, digits and -); "
                          f"queued: {', '.join(names) or 'none'}")
    if sid not in names:
        raise UnknownName(f"no review queue for {source!r} in {project.path(REVIEW_DIR)}; "
                          f"queued: {', '.join(names) or 'none'}")
    return sid


@dataclass(frozen=True)
class Finished:
    path: str
    accepted: int
    rejected: int
    corrected: int
    linked: int


class ReviewSession:
    def __init__(self, project: Project, sid: str, reviewer: str) -> None:
        self.project, self.sid, self.reviewer = project, sid, reviewer
        self.dir = project.path(REVIEW_DIR, sid)
        self.queue = read_json(os.path.join(self.dir, "queue.json"))
        self.source = read_json(os.path.join(self.dir, "source.json"))
        self.base_cards: list[dict[str, Any]] = self.queue["cards"]
        self.journal = Journal(os.path.join(self.dir, JOURNAL_FILE))
        self._graph: dict[str, Any] | None = None
        self.amend = Amendments(self.queue["extraction"]["document"]["text"], self.source.get("published"),
                                lambda: self.by_id, self.graph)

    def graph(self) -> dict[str, Any]:
        """The graph's entities an observation or a relation may point to (read once)."""
        if self._graph is None:
            from parkgraph.curate.known import project_store

            self._graph = graph_entities(project_store(self.project))
        return self._graph

    def added(self) -> list[dict[str, Any]]:
        """The add events that stand, in order."""
        return [e for e in self.journal.effective() if e.get("action") == "add"]

    @property
    def cards(self) -> list[dict[str, Any]]:
        """The queue's cards and, after them, those added in review."""
        return [*self.base_cards, *self.amend.cards(self.base_cards, self.added())]

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.cards}

    @property
    def output(self) -> str:
        return self.project.path(DATA_DIR, self.sid + ".ttl")

    def state(self) -> dict[str, Any]:
        all_cards = self.cards
        decisions = self.journal.decisions([c["id"] for c in all_cards])
        cards = [{**c, "decision": decisions[c["id"]].as_dict(), "editable": list(EDITABLE[c["kind"]]),
                  **_indicator_view(c, decisions[c["id"]].edits)} for c in all_cards]
        for c in cards:  # the years shown are those of the period as edited
            if "period" in c["decision"]["edits"]:
                c["fields"] = {**c["fields"], **self.amend.period_fields(c["decision"]["edits"]["period"])}
        return {
            "source": {k: self.source.get(k)
                       for k in ("slug", "iri", "title", "url", "published", "file_name")},
            "text": self.queue["extraction"]["document"]["text"],
            "cards": cards,
            "indicators": [{"id": k, "zh": zh, "en": en} for k, (zh, en) in indicator_concepts().items()],
            "remaining": sum(1 for d in decisions.values() if d.status == "pending"),
            "reasons": REJECT_REASONS,
            "recovered": self.journal.recovered,
            "finished": os.path.exists(self.output),
            "events": len(self.journal.effective()),
            "entities": self._choices(all_cards),
            "vocabulary": self.amend.vocabulary(),
        }

    def _choices(self, cards: list[dict[str, Any]]) -> list[dict[str, str]]:
        """What an observation's about or a relation's end may be: the queue's entity cards,
        then the graph entities its entity cards were offered as links."""
        out = [{"ref": c["id"], "label": c["fields"]["label"], "cls": c["fields"]["class"], "from": "queue"}
               for c in cards if c["kind"] == "entity"]
        seen: set[str] = set()
        for c in cards:
            for link in c.get("links") or []:
                if link["iri"] not in seen:
                    seen.add(link["iri"])
                    out.append({"ref": link["iri"], "label": link["label"], "cls": link.get("cls", ""),
                                "from": "graph"})
        return out

    def decide(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Check and journal one decision; the new state."""
        action = payload.get("action")
        if action == "undo":
            if not self.journal.effective():
                raise DecisionError("nothing to undo")
            self.journal.append({"action": "undo", "by": self.reviewer})
            return self.state()
        if action == "add":  # a fact the extractor missed: its card id is its journal line's
            added = self.amend.check_add(payload, f"a{len(self.journal.events) + 1}")
            self.journal.append({**added, "by": self.reviewer})
            return self.state()
        card = self.by_id.get(str(payload.get("card")))
        if card is None:
            raise DecisionError(f"no card {payload.get('card')!r}")
        event: dict[str, Any] = {"action": action, "card": card["id"], "by": self.reviewer}
        if action == "accept":
            link = payload.get("link")
            if link is not None:
                self._check_link(card, str(link))
                event["link"] = str(link)
        elif action == "reject":
            reason = str(payload.get("reason"))
            if reason not in REJECT_REASONS:
                raise DecisionError(f"unknown reason {reason!r}; one of {', '.join(REJECT_REASONS)}")
            event["reason"] = reason
        elif action == "edit":
            fld, value = str(payload.get("field")), str(payload.get("value", "")).strip()
            if fld not in EDITABLE[card["kind"]]:
                raise DecisionError(f"{card['kind']} cards have no editable field {fld!r}")
            if fld in AMENDED:
                value = self.amend.check_edit(fld, value)
            else:
                _check_value(fld, value)
            event["field"], event["value"] = fld, value
        elif action == "link":
            target = str(payload.get("target"))
            self._check_link(card, target)
            event["target"] = target
        else:
            raise DecisionError(f"unknown action {action!r}")
        self.journal.append(event)
        return self.state()

    def _check_link(self, card: dict[str, Any], target: str) -> None:
        if card["kind"] != "entity":
            raise DecisionError("only entity cards are linked")
        if target != "new" and target not in {c["iri"] for c in card.get("links", [])}:
            raise DecisionError(f"{target!r} is not a candidate of this card; "
                                "choose one of its candidates or new")

    # ---------------------------------------------------------------------------- finishing

    def finish(self) -> Finished:
        """Write data/<source>.ttl from the decisions; refuse while a card is undecided."""
        all_cards = self.cards
        decisions = self.journal.decisions([c["id"] for c in all_cards])
        pending = [c["id"] for c in all_cards if decisions[c["id"]].status == "pending"]
        if pending:
            raise DecisionError(f"{len(pending)} cards are not decided yet (first: {pending[0]})")
        if os.path.exists(self.output):
            raise OutputError(f"{self.output}: exists; this source has been reviewed already")
        extraction = extraction_from_json(self.queue["extraction"])
        cards, standins = self.amend.extend(extraction, self.base_cards, self.added(), decisions)
        curated, links, records = _apply(extraction, cards, decisions)
        curated.entities.extend(standins)
        # a period no kept observation refers to any more (rejected, or replaced by an edit) is
        # not a fact of the source: writing it would leave a pg:Period that nothing uses
        used = {o.period for o in curated.observations}
        curated.periods = [p for p in curated.periods if p.key in used]
        turtle = self._curated_turtle(curated, links)
        self._write_checked(turtle)
        write_json_atomically(os.path.join(self.dir, "decisions.json"), {
            "source": self.source["iri"], "reviewer": self.reviewer, "finished_at": now_iso(),
            "output": os.path.relpath(self.output, self.project.path()), "cards": records,
        })
        return Finished(self.output, sum(1 for r in records if r["status"] == "accepted"),
                        sum(1 for r in records if r["status"] == "rejected"),
                        sum(1 for r in records if r["edits"]), sum(1 for v in links.values() if v != "new"))

    def _curated_turtle(self, curated: Extraction, links: dict[tuple[str, str], str]) -> str:
        import rdflib
        from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

        from parkgraph import __version__
        from parkgraph.curate.known import project_store
        from parkgraph.extract.ids import slug
        from parkgraph.extract.writing import write_turtle
        from parkgraph.namespaces import PG, PGR

        try:
            text = write_turtle(curated, version=__version__)
        except ValueError as error:
            raise DecisionError(f"the corrected facts cannot be written: {error}") from None
        g = rdflib.Graph()
        g.parse(data=text, format="turtle")
        store = project_store(self.project)
        used = {str(r["s"].value) for r in store.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION "  # type: ignore[union-attr]
                                                        "{ GRAPH ?g { ?s ?p ?o } } FILTER(isIRI(?s)) }")}
        renames: dict[rdflib.term.Node, rdflib.URIRef] = {}
        drop_labels: set[rdflib.term.Node] = set()
        standin_nodes: set[rdflib.term.Node] = set()
        taken = set(used)

        def fresh(node: rdflib.term.Node) -> rdflib.URIRef:
            n = 2
            while f"{node}-{n}" in taken:
                n += 1
            taken.add(f"{node}-{n}")
            return rdflib.URIRef(f"{node}-{n}")

        # Stand-ins of graph entities (amend.py) are those entities: their IRI, none of their names.
        pg_rule = rdflib.URIRef(PG + "rule")
        for node, rule in g.subject_objects(pg_rule):
            if str(rule).startswith(REF_RULE + " "):
                renames[node] = rdflib.URIRef(str(rule).removeprefix(REF_RULE + " "))
                standin_nodes.add(node)
        for (cls, label), target in links.items():
            nodes = set(g.subjects(RDF.type, rdflib.URIRef(PG + cls))) & set(
                g.subjects(SKOS.prefLabel, rdflib.Literal(label, lang="zh")))
            for node in nodes:
                if target != "new":
                    renames[node] = rdflib.URIRef(target)
                    drop_labels.add(node)
                elif str(node) in used and cls in LINKED_CLASSES:
                    renames[node] = fresh(node)  # the reviewer said: another entity
        # Any other identifier the graph already uses (minted from the same words by another
        # source: 目前, 新能源汽车产业集群) is the same thing only for shared concepts whose
        # defining statements agree (an industry, an indicator, a period with the same years);
        # anything else gets a fresh identifier, so nothing merges on a name alone.
        for node in sorted({x for x in g.subjects() if isinstance(x, rdflib.URIRef)}, key=str):
            if node in renames or str(node) not in used or str(node) == self.source["iri"]:
                continue
            types = {str(t).removeprefix(PG) for t in g.objects(node, RDF.type)}
            shared = types & SHARED_CLASSES or str(PROV.SoftwareAgent) in types
            if not (shared and _agrees(g, store, node)):
                renames[node] = fresh(node)
        out = rdflib.Graph()
        for prefix, ns in g.namespaces():
            out.bind(prefix, ns)
        for s, p, o in g:
            if s in standin_nodes and (p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) or p == pg_rule):
                if p == pg_rule:
                    out.add((renames[s], p, rdflib.Literal(REF_RULE)))
                continue
            if s in drop_labels and p in (RDFS.label, SKOS.prefLabel):
                if isinstance(o, rdflib.Literal) and o.language == "zh":
                    out.add((renames[s], SKOS.altLabel, o))
                continue
            obj = renames.get(o, o) if isinstance(o, rdflib.URIRef | rdflib.BNode) else o
            out.add((renames.get(s, s), p, obj))
        source = rdflib.URIRef(self.source["iri"])
        person = rdflib.URIRef(PGR + slug(self.reviewer, "person"))
        out.add((person, RDF.type, PROV.Person))
        for lang in ("zh", "en"):
            out.add((person, RDFS.label, rdflib.Literal(self.reviewer, lang=lang)))
            out.add((person, SKOS.prefLabel, rdflib.Literal(self.reviewer, lang=lang)))
        when = rdflib.Literal(now_iso(), datatype=XSD.dateTime)
        for s in sorted(set(out.subjects(PROV.wasDerivedFrom, source)), key=str):
            out.add((s, PROV.wasAttributedTo, person))
            out.add((s, PROV.generatedAtTime, when))
        if self.source.get("revision_of"):
            out.add((source, PROV.wasRevisionOf, rdflib.URIRef(self.source["revision_of"])))
        header = (f"# Reviewed by {self.reviewer} at {when}: the accepted and corrected facts of "
                  f"{self.source['file_name']} ({self.source['iri']}).\n# Written by parkgraph review; "
                  "the decisions, rejected ones with their reasons, are in "
                  f"review/{self.sid}/decisions.json.\n")
        return header + out.serialize(format="turtle")

    def _write_checked(self, turtle: str) -> None:
        """Write the file, run the project's shapes and checks with it, keep it only if they pass."""
        from pathlib import Path

        from parkgraph.build import load_project_quads, unique_triples
        from parkgraph.validate import validate_triples

        fd, tmp = tempfile.mkstemp(dir=self.project.path(DATA_DIR), prefix=f".{self.sid}.", suffix=".ttl.tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(turtle)
        try:
            os.replace(tmp, self.output)
            tmp = ""
            report = validate_triples(unique_triples(load_project_quads(self.project)), self.project)
            if not report.conforms:
                errors = report.errors()
                first = errors[0]
                raise NotConforming(
                    f"{Path(self.output).name} does not pass the checks "
                    f"({len(errors)} violations; first: {first.focus}: {first.message}); "
                    "the decisions are kept in the journal", report)
        except BaseException:
            if os.path.exists(self.output):
                os.unlink(self.output)
            raise
        finally:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)


# Classes the reviewer links (a "new entity" of these never takes an identifier in use) and
# concepts that sources share when they say the same of them.
LINKED_CLASSES = frozenset({"Park", "HighTechZone", "EconomicDevelopmentZone", "AdministrativeArea",
                            "Organization"})
SHARED_CLASSES = frozenset({"Industry", "Indicator", "Category", "Title", "Period"})
_PROVENANCE = frozenset({
    "https://w3id.org/parkgraph/ontology#evidence", "https://w3id.org/parkgraph/ontology#rule",
    "https://w3id.org/parkgraph/ontology#confidence", "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/ns/prov#wasGeneratedBy", "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/ns/prov#wasAttributedTo", "http://www.w3.org/ns/prov#generatedAtTime",
})


def _term_key(term: object) -> tuple[str, str, str]:
    """A term of rdflib or pyoxigraph as (kind, lexical form, language or datatype)."""
    import rdflib

    if isinstance(term, rdflib.Literal):
        return ("lit", str(term), term.language or str(term.datatype or ""))
    if isinstance(term, ox.Literal):
        dt = "" if term.datatype.value.endswith("#string") else term.datatype.value
        return ("lit", term.value, term.language or dt)
    return ("iri", str(getattr(term, "value", term)), "")


def _agrees(g: Any, store: ox.Store, node: Any) -> bool:
    """Whether what `g` says of `node` (provenance aside) the graph already says of it."""
    mine = {(str(p), _term_key(o)) for p, o in g.predicate_objects(node) if str(p) not in _PROVENANCE}
    theirs = {(q.predicate.value, _term_key(q.object))
              for q in store.quads_for_pattern(ox.NamedNode(str(node)), None, None, None)}
    for key in list(mine):  # rdflib writes an untyped string literal with an empty datatype
        p, (kind, value, extra) = key
        if kind == "lit" and extra.endswith("#string"):
            mine.discard(key)
            mine.add((p, (kind, value, "")))
    return mine <= theirs


def _check_value(fld: str, value: str) -> None:
    if not value:
        raise DecisionError(f"{fld}: give a value")
    if fld == "value":
        try:
            Decimal(value)
        except InvalidOperation:
            raise DecisionError(f"value {value!r}: give a number such as 94000000000 or 18.6") from None
    elif fld == "comparator" and value not in COMPARATORS:
        raise DecisionError(f"comparator {value!r}: one of {', '.join(COMPARATORS)}")
    elif fld == "status" and value not in STATUSES:
        raise DecisionError(f"status {value!r}: one of {', '.join(STATUSES)}")
    elif fld == "cls":
        from parkgraph.extract.writing import CLASS_ALIASES, CLASSES

        if CLASS_ALIASES.get(value, value) not in CLASSES:
            raise DecisionError(f"class {value!r}: one of {', '.join(CLASSES)}")


def _choose_indicator(o: Observation, value: str) -> None:
    """The reviewer's indicator: a concept of the vocabulary (its id or one of its labels) keeps
    the text's words as pg:indicatorText; any other wording is a concept of its own, as written."""
    concept = concept_by_label(value)
    if concept is not None:
        o.concept = concept
    else:
        o.indicator, o.concept = value, None


def _indicator_view(card: dict[str, Any], edits: dict[str, str]) -> dict[str, Any]:
    """What an observation card's indicator will be: the words kept and the concept, if any."""
    if card["kind"] != "observation":
        return {}
    text, concept = card["fields"]["indicator"], card["fields"].get("concept")
    if "indicator" in edits:
        chosen = concept_by_label(edits["indicator"])
        text, concept = (text, chosen) if chosen else (edits["indicator"], None)
    zh_en = indicator_concepts().get(concept) if concept else None
    return {"indicator": {"text": text, "concept": {"id": concept, "zh": zh_en[0], "en": zh_en[1]}
                          if concept and zh_en else None}}


def _apply(x: Extraction, cards: list[dict[str, Any]], decisions: dict[str, Any],
           ) -> tuple[Extraction, dict[tuple[str, str], str], list[dict[str, Any]]]:
    """The extraction with the decisions applied; the link of each kept entity; the record."""
    by_ref = {(c["ref"][0], c["ref"][1]): c for c in cards}
    records: list[dict[str, Any]] = []
    dropped: set[str] = set()

    def decision(kind: str, i: int) -> tuple[dict[str, Any], Any]:
        card = by_ref[(kind, i)]
        return card, decisions[card["id"]]

    entities, links = [], {}
    for i, e in enumerate(x.entities):
        card, d = decision("entities", i)
        records.append({"card": card["id"], "kind": "entity", "claim": card["subject"], **d.as_dict(),
                        "evidence": card["evidence"], "rule": card["rule"]})
        if d.status == "rejected":
            dropped.add(e.key)
            continue
        if "label" in d.edits and d.edits["label"] != e.label:
            e.alt_labels = [a for a in [e.label, *e.alt_labels] if a != d.edits["label"]]
            e.label = d.edits["label"]
        if "cls" in d.edits:
            from parkgraph.extract.writing import CLASS_ALIASES

            e.cls = CLASS_ALIASES.get(d.edits["cls"], d.edits["cls"])
        entities.append(e)
        links[(_class_name(e.cls), e.label)] = d.link or "new"

    def keep(kind: str, i: int, refs: list[str]) -> tuple[bool, Any]:
        card, d = decision(kind, i)
        record = {"card": card["id"], "kind": card["kind"], "claim": f"{card['subject']} {card['predicate']} "
                  f"{card['value']}", **d.as_dict(), "evidence": card["evidence"], "rule": card["rule"],
                  "original": card["fields"]}
        gone = [r for r in refs if r in dropped]
        if d.status == "accepted" and gone:
            record["status"], record["reason"] = "rejected", "its entity was rejected"
        records.append(record)
        return record["status"] == "accepted", d

    relations = [r for i, r in enumerate(x.relations) if keep("relations", i, [r.subject, r.object])[0]]
    observations = []
    for i, o in enumerate(x.observations):
        ok, d = keep("observations", i, [o.about])
        if not ok:
            continue
        for fld, value in d.edits.items():
            if fld in AMENDED:
                continue  # applied by Amendments.extend
            if fld == "indicator":
                _choose_indicator(o, value)
            else:
                setattr(o, fld, Decimal(value) if fld == "value" else value)
        observations.append(o)
    codes = []
    for i, c in enumerate(x.codes):
        ok, d = keep("codes", i, [])
        if not ok:
            continue
        if "label" in d.edits:
            c.label = d.edits["label"]
        c.pursued_by = [k for k in c.pursued_by if k not in dropped]
        for m in c.components:
            m.members = [k for k in m.members if k not in dropped]
        codes.append(c)
    curated = Extraction(document=x.document, entities=entities, relations=relations,
                         observations=observations, periods=x.periods, codes=codes)
    return curated, links, records


def _class_name(cls: str) -> str:
    """The class the writer types an entity with (its pg: local name)."""
    from parkgraph.extract.writing import CLASS_ALIASES, CLASSES

    alias = CLASS_ALIASES.get(cls, cls)
    return CLASSES[alias][0] if alias in CLASSES else cls
