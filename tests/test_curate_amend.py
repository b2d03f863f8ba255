"""Review making a document's facts right: an observation's about and period edited, facts the
extractor missed added from a span of the text, and decisions replayed from a file (the same
Turtle as through the server, all or nothing)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from conftest import copy_seed_data
from rdflib.namespace import PROV, RDF
from test_curate_review import A1, own, request, run

from parkgraph.curate.journal import DecisionError
from parkgraph.curate.review import ReviewSession
from parkgraph.curate.server import ReviewServer
from parkgraph.project import Project

PG = rdflib.Namespace("https://w3id.org/parkgraph/ontology#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PGR = "https://w3id.org/parkgraph/resource/"
PARK = PGR + "park-yongchuan-htz"  # in this repository's curated data
AREA = PGR + "area-yongchuan-district"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with this repository's curated data, built, and a1 added (copied per test)."""
    p = tmp_path_factory.mktemp("amend") / "proj"
    assert run("init", str(p))[0] == 0
    copy_seed_data(p / "data")
    assert run("build", "--root", str(p), "-q")[0] == 0
    code, _out, err = run("add", str(A1), "--root", str(p))
    assert code == 0, err
    return p


def copy_of(base: Path, tmp_path: Path, name: str = "proj") -> tuple[Project, str]:
    p = tmp_path / name
    shutil.copytree(base, p, symlinks=True)
    sid = next(d.name for d in (p / "review").iterdir() if not d.name.startswith("."))
    return Project(p), sid


@pytest.fixture
def session(base: Path, tmp_path: Path) -> ReviewSession:
    project, sid = copy_of(base, tmp_path)
    return ReviewSession(project, sid, "Li Ming")


def card_with(s: ReviewSession, kind: str, **fields: Any) -> dict[str, Any]:
    return next(c for c in s.cards if c["kind"] == kind
                and all(c["fields"].get(k) == v for k, v in fields.items()))


def accept_the_rest(s: ReviewSession) -> None:
    state = s.state()
    for c in state["cards"]:
        if c["decision"]["status"] == "pending":
            s.decide({"action": "accept", "card": c["id"]})


def observation_node(g: rdflib.Graph, evidence: str, stated: str) -> rdflib.term.Node:
    nodes = [n for n in g.subjects(RDF.type, PG.Observation)
             if (n, PG.evidence, rdflib.Literal(evidence)) in g
             and (n, PG.statedAs, rdflib.Literal(stated)) in g]
    assert len(nodes) == 1, (evidence, stated, nodes)
    return nodes[0]


def years(g: rdflib.Graph, obs: rdflib.term.Node) -> tuple[Any, ...]:
    p = g.value(obs, PG.period)
    assert p is not None
    return tuple(None if g.value(p, q) is None else int(str(g.value(p, q)))
                 for q in (PG.startYear, PG.endYear, PG.startMonth, PG.endMonth))


# ---------------------------------------------------------------------------- about and period


def test_about_and_period_edits_reach_the_turtle(session: ReviewSession) -> None:
    s = session
    org = card_with(s, "entity", label="长城汽车", **{"class": "Organization"})
    dated = next(c for c in s.cards if c["kind"] == "observation" and c["fields"]["period"])
    undated = [c for c in s.cards if c["kind"] == "observation" and not c["fields"]["period"]]
    to_org, to_park = undated[0], undated[1]
    assert to_org["subject"] != org["fields"]["label"] and to_park["subject"] != "永川高新区"
    s.decide({"action": "edit", "card": to_org["id"], "field": "about", "value": org["id"]})
    s.decide({"action": "edit", "card": to_park["id"], "field": "about", "value": PARK})
    s.decide({"action": "edit", "card": to_park["id"], "field": "period", "value": "2024年1—7月"})
    s.decide({"action": "edit", "card": to_org["id"], "field": "period", "value": "“十四五”期间"})
    s.decide({"action": "edit", "card": dated["id"], "field": "period", "value": "none"})
    accept_the_rest(s)
    g = rdflib.Graph().parse(s.finish().path, format="turtle")
    org_node = [n for n in g.subjects(PG.rule, None) if (n, RDF.type, PG.Organization) in g
                and (n, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
                     rdflib.Literal("长城汽车", lang="zh")) in g]
    assert len(org_node) == 1
    o1 = observation_node(g, to_org["evidence"]["text"], to_org["fields"]["stated"])
    assert g.value(o1, PG.about) == org_node[0]
    assert years(g, o1) == (2021, 2025, None, None)
    o2 = observation_node(g, to_park["evidence"]["text"], to_park["fields"]["stated"])
    assert g.value(o2, PG.about) == rdflib.URIRef(PARK)
    assert years(g, o2) == (2024, 2024, 1, 7)
    # the graph's park keeps its names: this file says only where this source speaks of it
    assert (rdflib.URIRef(PARK), PG.rule, rdflib.Literal("review-ref")) in g
    assert not list(g.objects(rdflib.URIRef(PARK), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#altLabel")))
    o3 = observation_node(g, dated["evidence"]["text"], dated["fields"]["stated"])
    assert g.value(o3, PG.period) is None
    decisions = json.loads((s.project.root / "review" / s.sid / "decisions.json").read_text(encoding="utf-8"))
    record = next(r for r in decisions["cards"] if r["card"] == to_park["id"])
    assert record["edits"] == {"about": PARK, "period": "2024年1—7月"}
    code, _out, err = run("build", "--root", str(s.project.root), "-q")
    assert code == 0, err


def test_bad_about_and_period_edits_are_refused(session: ReviewSession) -> None:
    s = session
    obs = next(c for c in s.cards if c["kind"] == "observation")
    for value, message in ((obs["id"], "not an entity card"), ("c99999", "no entity card"),
                           (PGR + "no-such-park", "not a park, cluster, industry, organisation or area"),
                           ("https://w3id.org/parkgraph/ontology#Park", "not a park"), ("", "give")):
        with pytest.raises(DecisionError, match=message):
            s.decide({"action": "edit", "card": obs["id"], "field": "about", "value": value})
    for value in ("明天", "2024年8月21日", "1—11月", "2031-2025", "十四五和十五五"):
        with pytest.raises(DecisionError, match="period"):
            s.decide({"action": "edit", "card": obs["id"], "field": "period", "value": value})
    ent = next(c for c in s.cards if c["kind"] == "entity")
    with pytest.raises(DecisionError, match="no editable field 'period'"):
        s.decide({"action": "edit", "card": ent["id"], "field": "period", "value": "2024年"})
    assert s.journal.events == []


# ---------------------------------------------------------------------------- adding facts


def test_an_added_observation_is_anchored_to_its_words(session: ReviewSession) -> None:
    s = session
    text = s.state()["text"]
    words = "长城炮已累计37个月"
    start = text.index(words)
    who = card_with(s, "entity", label="长城汽车重庆分公司")
    state = s.decide({"action": "add", "what": "observation", "start": start, "end": start + len(words),
                      "text": words, "about": who["id"], "value": "37", "unit": "Month", "status": "Actual",
                      "comparator": "AtLeast", "period": "2024年", "indicator": "长城炮累计下线月数"})
    added = state["cards"][-1]
    assert added["added"] and added["decision"]["status"] == "accepted"
    assert added["evidence"] == {"start": start, "end": start + len(words), "text": words}
    accept_the_rest(s)
    g = rdflib.Graph().parse(s.finish().path, format="turtle")
    node = observation_node(g, words, words)
    assert (node, PG.rule, rdflib.Literal("review-added")) in g
    assert (node, PROV.wasDerivedFrom, rdflib.URIRef(s.source["iri"])) in g
    assert (node, PROV.wasAttributedTo, rdflib.URIRef(PGR + "person-li-ming")) in g
    assert g.value(node, PG.comparator) == PG.AtLeast and str(g.value(node, PG.value)) in ("37", "37.0")
    assert years(g, node) == (2024, 2024, None, None)
    # the selectors the writer computed point at the very words of the evidence
    (ann,) = [a for a in g.subjects(OA.hasBody, node)]
    target = g.value(ann, OA.hasTarget)
    selectors = list(g.objects(target, OA.hasSelector))
    position = next(x for x in selectors if (x, RDF.type, OA.TextPositionSelector) in g)
    quote = next(x for x in selectors if (x, RDF.type, OA.TextQuoteSelector) in g)
    a, b = int(g.value(position, OA.start)), int(g.value(position, OA.end))  # type: ignore[arg-type]
    assert text[a:b] == str(g.value(node, PG.evidence)) == str(g.value(quote, OA.exact)) == words
    code, _out, err = run("build", "--root", str(s.project.root), "-q")
    assert code == 0, err


def test_added_entities_and_relations_are_written_like_extracted_ones(session: ReviewSession) -> None:
    s = session
    text = s.state()["text"]
    words = "凤凰湖产业园"
    start = text.index(words)
    state = s.decide({"action": "add", "what": "entity", "start": start, "end": start + len(words),
                      "cls": "Park", "label": "永川高新区凤凰湖产业园"})
    park = state["cards"][-1]["id"]
    sentence_start = text.rindex("，", 0, start) + 1
    s.decide({"action": "add", "what": "relation", "start": sentence_start, "end": start + len(words),
              "predicate": "locatedIn", "subject": park, "object": AREA})
    relation = s.state()["cards"][-1]
    assert (relation["subject"], relation["predicate"], relation["value"]) == (
        "永川高新区凤凰湖产业园", "locatedIn", "永川区")
    accept_the_rest(s)
    g = rdflib.Graph().parse(s.finish().path, format="turtle")
    (node,) = [n for n in g.subjects(RDF.type, PG.Park) if (n, PG.rule, rdflib.Literal("review-added")) in g]
    assert (node, PG.evidence, rdflib.Literal(words)) in g
    assert (node, PG.locatedIn, rdflib.URIRef(AREA)) in g
    (stmt,) = [n for n in g.subjects(RDF.subject, node) if (n, RDF.predicate, PG.locatedIn) in g]
    assert (stmt, PG.evidence, rdflib.Literal(text[sentence_start:start + len(words)])) in g


def test_a_class_edit_a_sub_park_and_no_period_left_behind(session: ReviewSession) -> None:
    """An entity's class is corrected; a sub-park is part of its park (pg:partOfPark); a period
    replaced by an edit is not written as a pg:Period nothing uses."""
    s = session
    text = s.state()["text"]
    area = card_with(s, "entity", **{"class": "AdministrativeArea"})
    with pytest.raises(DecisionError, match="class 'Planet'"):
        s.decide({"action": "edit", "card": area["id"], "field": "cls", "value": "Planet"})
    words = "凤凰湖产业园"
    start = text.index(words)
    state = s.decide({"action": "add", "what": "entity", "start": start, "end": start + len(words),
                      "cls": "Organization", "label": "永川高新区凤凰湖产业园"})
    sub = state["cards"][-1]
    s.decide({"action": "edit", "card": sub["id"], "field": "cls", "value": "Park"})
    s.decide({"action": "add", "what": "relation", "start": start, "end": start + len(words),
              "predicate": "partOfPark", "subject": sub["id"], "object": PARK})
    dated = next(c for c in s.cards if c["kind"] == "observation" and c["fields"]["period"])
    s.decide({"action": "edit", "card": dated["id"], "field": "period", "value": "2021—2025年"})
    accept_the_rest(s)
    g = rdflib.Graph().parse(s.finish().path, format="turtle")
    (node,) = [n for n in g.subjects(PG.rule, rdflib.Literal("review-added"))
               if (n, PG.evidence, rdflib.Literal(words)) in g and (n, RDF.type, None) in g
               and (n, RDF.subject, None) not in g]
    assert set(g.objects(node, RDF.type)) == {PG.Park}
    assert (node, PG.partOfPark, rdflib.URIRef(PARK)) in g
    used = set(g.objects(None, PG.period))
    assert set(g.subjects(RDF.type, PG.Period)) == used
    code, _out, err = run("build", "--root", str(s.project.root), "-q")
    assert code == 0, err


def test_bad_adds_are_refused_with_a_clear_error(session: ReviewSession) -> None:
    s = session
    text = s.state()["text"]
    at = text.index("凤凰湖产业园")
    who = next(c for c in s.cards if c["kind"] == "entity")["id"]
    obs = {"action": "add", "what": "observation", "start": at, "end": at + 6, "about": who, "value": "1",
           "unit": "Count", "indicator": "园区数"}
    for payload, message in (
        ({"action": "add", "what": "entity", "start": at, "end": at + 6, "cls": "Spaceship"},
         "unknown class"),
        ({"action": "add", "what": "entity", "start": -1, "end": 6, "cls": "Park"}, "not within the text"),
        ({"action": "add", "what": "entity", "start": 10, "end": len(text) + 1, "cls": "Park"}, "not within"),
        ({"action": "add", "what": "entity", "start": 9, "end": 9, "cls": "Park"}, "not within"),
        ({"action": "add", "what": "entity", "start": "0", "end": 6, "cls": "Park"}, "whole numbers"),
        ({"action": "add", "what": "entity", "start": at, "end": at + 6, "cls": "Park", "text": "高新区"},
         "is '凤凰湖产业园', not '高新区'"),
        ({"action": "add", "what": "entity", "start": 0, "end": 200, "cls": "Park"}, "select at most 80"),
        ({"action": "add", "what": "entity", "start": at, "end": at + 6, "cls": "Park", "label": "a\x1bb"},
         "control"),
        ({"action": "add", "what": "spaceship", "start": at, "end": at + 6}, "add what"),
        ({"action": "add", "what": "entity", "start": at, "end": at + 6, "cls": "Park", "colour": "red"},
         "unknown field 'colour'"),
        ({**obs, "value": "lots"}, "give a number"),
        ({**obs, "value": "NaN"}, "give a number"),
        ({**obs, "unit": "Furlong"}, "unknown unit"),
        ({**obs, "status": "Hoped"}, "status"),
        ({**obs, "comparator": "Roughly"}, "comparator"),
        ({**obs, "period": "后天"}, "period"),
        ({**obs, "about": PGR + "nowhere"}, "not a park"),
        ({**obs, "indicator": ""}, "indicator: give a label"),
        ({"action": "add", "what": "relation", "start": at, "end": at + 6, "predicate": "owns",
          "subject": who, "object": AREA}, "predicate 'owns'"),
        ({"action": "add", "what": "relation", "start": at, "end": at + 6, "predicate": "locatedIn",
          "subject": who, "object": who}, "the same entity"),
    ):
        with pytest.raises(DecisionError, match=message):
            s.decide(payload)
    whitespace = next(i for i, ch in enumerate(text) if ch == "\n" and text[i + 1] == "\n")
    with pytest.raises(DecisionError, match="only white space"):
        s.decide({"action": "add", "what": "entity", "start": whitespace, "end": whitespace + 2,
                  "cls": "Park"})
    assert s.journal.events == []


def test_an_add_is_undone_and_survives_a_new_session(session: ReviewSession) -> None:
    s = session
    text = s.state()["text"]
    at = text.index("凤凰湖产业园")
    before = len(s.cards)
    s.decide({"action": "add", "what": "entity", "start": at, "end": at + 6, "cls": "Park"})
    again = ReviewSession(s.project, s.sid, "Li Ming")  # what a restarted server sees
    assert len(again.cards) == before + 1 and again.cards[-1]["fields"]["label"] == "凤凰湖产业园"
    state = again.decide({"action": "undo"})
    assert len(state["cards"]) == before
    assert len(ReviewSession(s.project, s.sid, "Li Ming").cards) == before
    # the next add gets a new id: an id never names two cards
    state = again.decide({"action": "add", "what": "entity", "start": at, "end": at + 6, "cls": "Park"})
    assert state["cards"][-1]["id"] == "a3"


# ---------------------------------------------------------------------------- replay


def _decisions(s: ReviewSession) -> list[dict[str, Any]]:
    """A review of a1 as a file: every card named with what it is expected to be."""
    text = s.state()["text"]
    at = text.index("凤凰湖产业园")
    words = "长城炮已累计37个月"
    w = text.index(words)
    obs = [c for c in s.cards if c["kind"] == "observation"]
    out: list[dict[str, Any]] = [
        {"action": "reject", "card": obs[0]["id"], "reason": "not-a-fact",
         "expect": {"evidence": obs[0]["evidence"]["text"]}},
        {"action": "edit", "card": obs[1]["id"], "field": "about", "value": PARK,
         "expect": {"value": obs[1]["value"]}},
        {"action": "edit", "card": obs[1]["id"], "field": "period", "value": "2024年上半年",
         "expect": {"subject": obs[1]["subject"]}},
        {"action": "add", "what": "entity", "start": at, "end": at + 6, "text": "凤凰湖产业园",
         "cls": "Park"},
        {"action": "add", "what": "relation", "start": at, "end": at + 6, "predicate": "locatedIn",
         "subject": "@4", "object": AREA},
        {"action": "add", "what": "observation", "start": w, "end": w + len(words), "about": "@4",
         "value": "37", "unit": "Month", "indicator": "累计月数", "period": "2024年"},
        {"action": "edit", "card": "@6", "field": "value", "value": "38", "expect": {"value": "37"}},
        {"action": "undo"},
    ]
    for c in s.cards:
        if c["id"] not in (obs[0]["id"], obs[1]["id"]):
            expect = {"evidence": (c["evidence"] or {}).get("text"), "subject": c["subject"]}
            out.append({"action": "accept", "card": c["id"], "expect": expect})
    return out


def _facts(path: Path) -> set[tuple[Any, Any, Any]]:
    g = rdflib.Graph().parse(path, format="turtle")
    return {t for t in g if t[1] != PROV.generatedAtTime}


@pytest.fixture
def served(base: Path, tmp_path: Path) -> Iterator[ReviewServer]:
    project, sid = copy_of(base, tmp_path, "api")
    srv = ReviewServer(ReviewSession(project, sid, "Li Ming"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield srv
    srv.stop()
    thread.join(10)


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            request(url + "api/state")
            return
        except OSError:
            threading.Event().wait(0.05)


def test_a_decisions_file_gives_the_turtle_the_server_gives(base: Path, tmp_path: Path,
                                                             served: ReviewServer) -> None:
    decisions = _decisions(served.session)
    _wait(served.url)
    for entry in decisions:  # through the API, as the page sends them ("@N" as the page knows ids)
        payload = {k: v for k, v in entry.items() if k != "expect"}
        for key in ("card", "subject", "about"):
            if isinstance(payload.get(key), str) and payload[key].startswith("@"):
                payload[key] = f"a{payload[key][1:]}"  # entry N is journal line N here
        status, body = request(served.url + "api/decide", data=payload, headers=own(served))
        assert status == 200, (entry, body)
    status, body = request(served.url + "api/finish", data={}, headers=own(served))
    assert status == 200, body
    api_ttl = Path(json.loads(body)["written"])

    project, sid = copy_of(base, tmp_path, "replayed")
    file = tmp_path / "a1-decisions.json"
    file.write_text(json.dumps({"decisions": decisions}, ensure_ascii=False), encoding="utf-8")
    code, out, err = run("review", sid, "--root", str(project.root), "--decisions", str(file), "--finish",
                         "--reviewer", "Li Ming")
    assert code == 0, err
    replayed = Path(out.strip())
    assert replayed == project.root / "data" / f"{sid}.ttl"
    assert _facts(replayed) == _facts(api_ttl)
    journal = [json.loads(line) for line in (project.root / "review" / sid / "journal.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert len(journal) == len(decisions) and journal[3]["action"] == "add" and journal[3]["card"] == "a4"


def _replay(project: Project, sid: str, tmp_path: Path, decisions: list[Any],
            *extra: str) -> tuple[int, str, str]:
    file = tmp_path / "decisions.json"
    file.write_text(json.dumps(decisions, ensure_ascii=False), encoding="utf-8")
    return run("review", sid, "--root", str(project.root), "--decisions", str(file), *extra)


def _nothing_written(project: Project, sid: str) -> None:
    assert not (project.root / "review" / sid / "journal.jsonl").exists()
    assert not (project.root / "data" / f"{sid}.ttl").exists()


@pytest.mark.parametrize("bad, message", [
    ({"action": "reject", "card": "c1", "reason": "because", "expect": "FROM_CARD"},
     "unknown reason 'because'"),
    ({"action": "accept", "card": "c1"}, "say what you expect it to be"),
    ({"action": "accept", "card": "c1", "expect": {"evidence": "别的话"}}, "the extraction changed"),
    ({"action": "accept", "card": "c9999", "expect": {"subject": "x"}}, "no card 'c9999'"),
    ({"action": "edit", "card": "@1", "field": "value", "value": "1", "expect": {"value": "1"}},
     "no earlier entry 1"),
    ({"action": "add", "what": "entity", "start": 0, "end": 99999, "cls": "Park"}, "not within the text"),
    ("accept c1", "a JSON object"),
])
def test_a_bad_entry_is_one_line_naming_it_and_nothing_is_saved(base: Path, tmp_path: Path, bad: Any,
                                                                message: str) -> None:
    project, sid = copy_of(base, tmp_path)
    s = ReviewSession(project, sid, "x")
    c1 = s.by_id["c1"]
    good = {"action": "accept", "card": "c1", "expect": {"subject": c1["subject"]}}
    if isinstance(bad, dict) and bad.get("expect") == "FROM_CARD":
        bad = {**bad, "expect": {"subject": c1["subject"]}}
    code, out, err = _replay(project, sid, tmp_path, [good, good, bad, good], "--finish")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("Error: decisions.json: entry 3: "), err
    assert message in err, err
    _nothing_written(project, sid)


def test_a_stale_expectation_says_what_the_card_is_now(base: Path, tmp_path: Path) -> None:
    project, sid = copy_of(base, tmp_path)
    s = ReviewSession(project, sid, "x")
    obs = next(c for c in s.cards if c["kind"] == "observation")
    code, _out, err = _replay(project, sid, tmp_path, [
        {"action": "accept", "card": obs["id"], "expect": {"value": "940"}}])
    assert code == 2
    assert f"card {obs['id']} is now observation {obs['subject']!r}" in err and "not value '940'" in err, err
    assert "the extraction changed" in err
    _nothing_written(project, sid)


def test_finish_after_a_partial_file_is_refused_before_anything_is_saved(base: Path, tmp_path: Path) -> None:
    project, sid = copy_of(base, tmp_path)
    s = ReviewSession(project, sid, "x")
    c1 = s.by_id["c1"]
    code, _out, err = _replay(project, sid, tmp_path, [
        {"action": "accept", "card": "c1", "expect": {"subject": c1["subject"]}}], "--finish")
    assert code == 2 and "are not decided yet" in err and "nothing was saved" in err
    _nothing_written(project, sid)
    code, _out, err = _replay(project, sid, tmp_path, [
        {"action": "accept", "card": "c1", "expect": {"subject": c1["subject"]}}])  # without --finish: saved
    assert code == 0, err
    assert ReviewSession(project, sid, "x").state()["events"] == 1


@pytest.mark.parametrize("content, message", [(b"{not json", "not valid JSON"), (b'{"x": 1}', "a JSON list"),
                                              (b"\xff\xfe", "not UTF-8")])
def test_an_unreadable_decisions_file_is_one_line(base: Path, tmp_path: Path, content: bytes,
                                                  message: str) -> None:
    project, sid = copy_of(base, tmp_path)
    file = tmp_path / "d.json"
    file.write_bytes(content)
    code, out, err = run("review", sid, "--root", str(project.root), "--decisions", str(file))
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err
    _nothing_written(project, sid)


@pytest.mark.parametrize("where", ["missing", "directory"])
def test_a_decisions_file_that_cannot_be_read_is_one_line(base: Path, tmp_path: Path, where: str) -> None:
    project, sid = copy_of(base, tmp_path)
    path = tmp_path / "d.json"
    if where == "directory":
        path.mkdir()
    code, out, err = run("review", sid, "--root", str(project.root), "--decisions", str(path), "--finish")
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith(f"Error: {path}: cannot read")
    _nothing_written(project, sid)
