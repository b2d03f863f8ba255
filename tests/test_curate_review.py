"""Review without a browser: the journal (and its recovery), decisions, finishing into the
curated form, and the server's security on a real uvicorn on loopback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.namespace import PROV, RDF, SKOS
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.curate.journal import DecisionError, Journal
from parkgraph.curate.review import ReviewSession, find_queue
from parkgraph.curate.server import ReviewServer
from parkgraph.errors import InputFileError, UnknownName
from parkgraph.project import Project

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles"
A1 = DEV / "a1_yongchuan-htz-nev-auto-cluster-2024.txt"
PG = rdflib.Namespace("https://w3id.org/parkgraph/ontology#")
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def queued(tmp_path: Path) -> tuple[Project, str]:
    """A project with this repository's curated data, built, and a1 added."""
    p = tmp_path / "proj"
    assert run("init", str(p))[0] == 0
    for f in (ROOT / "data").glob("*.ttl"):
        shutil.copyfile(f, p / "data" / f.name)
    assert run("build", "--root", str(p), "-q")[0] == 0
    code, out, err = run("add", str(A1), "--root", str(p))
    assert code == 0, err
    return Project(p), Path(out.strip()).name


# ---------------------------------------------------------------------------- the journal


def test_the_journal_keeps_every_decision(tmp_path: Path) -> None:
    path = str(tmp_path / "journal.jsonl")
    j = Journal(path)
    j.append({"action": "accept", "card": "c1"})
    j.append({"action": "reject", "card": "c2", "reason": "duplicate"})
    j.append({"action": "undo"})
    again = Journal(path)
    assert again.recovered is None
    assert [e["action"] for e in again.events] == ["accept", "reject", "undo"]
    d = again.decisions(["c1", "c2"])
    assert d["c1"].status == "accepted" and d["c2"].status == "pending"


def test_a_half_written_last_line_is_dropped_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    j = Journal(str(path))
    j.append({"action": "accept", "card": "c1"})
    j.append({"action": "accept", "card": "c2"})
    with open(path, "ab") as fh:
        fh.write(b'{"action": "reject", "card": "c3", "rea')  # the crash
    again = Journal(str(path))
    assert again.recovered is not None
    assert "half-written" in again.recovered and "2 decisions" in again.recovered
    assert [e["card"] for e in again.events] == ["c1", "c2"]
    assert path.read_bytes().endswith(b"}\n")  # the file is whole again
    again.append({"action": "accept", "card": "c3"})
    assert [e["card"] for e in Journal(str(path)).events] == ["c1", "c2", "c3"]


def test_a_complete_last_line_without_its_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    path.write_bytes(b'{"action": "accept", "card": "c1", "seq": 1}')
    j = Journal(str(path))
    assert j.recovered is None and len(j.events) == 1
    assert path.read_bytes().endswith(b"\n")


def test_a_damaged_line_before_the_end_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    path.write_bytes(b'{"action": "accept", "card": "c1"}\nnot json\n{"action": "undo"}\n')
    with pytest.raises(InputFileError, match=r"journal.jsonl:2: not a journal line"):
        Journal(str(path))


# ---------------------------------------------------------------------------- decisions


def test_find_queue_refuses_unknown_and_traversing_ids(queued: tuple[Project, str]) -> None:
    project, sid = queued
    assert find_queue(project, None) == sid
    assert find_queue(project, f"source-{sid}") == sid
    for bad in ("../../etc/passwd", "..", "a/b", "nope", "source-../x", "A1"):
        with pytest.raises(UnknownName):
            find_queue(project, bad)


def test_review_of_an_unknown_source_is_one_line(queued: tuple[Project, str]) -> None:
    project, _ = queued
    for bad in ("nope", "../review"):
        code, out, err = run("review", bad, "--no-open", "--root", str(project.root))
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("Error: ")


def test_decisions_are_checked(queued: tuple[Project, str]) -> None:
    project, sid = queued
    s = ReviewSession(project, sid, "tester")
    obs = next(c for c in s.cards if c["kind"] == "observation")
    ent = next(c for c in s.cards if c["kind"] == "entity")
    for payload in ({"action": "reject", "card": obs["id"], "reason": "because"},
                    {"action": "edit", "card": obs["id"], "field": "value", "value": "a lot"},
                    {"action": "edit", "card": obs["id"], "field": "comparator", "value": "Sometimes"},
                    {"action": "edit", "card": obs["id"], "field": "sha256", "value": "x"},
                    {"action": "link", "card": ent["id"], "target": "https://example.org/x"},
                    {"action": "link", "card": obs["id"], "target": "new"},
                    {"action": "accept", "card": "c99999"},
                    {"action": "explode", "card": obs["id"]}):
        with pytest.raises(DecisionError):
            s.decide(payload)
    assert s.journal.events == []
    with pytest.raises(DecisionError, match="not decided yet"):
        s.finish()


def _decide_all(s: ReviewSession) -> dict[str, Any]:
    """Accept every card, but: reject the first observation, correct the second's value, link
    the park to the curated 永川高新区, make the first area a new entity."""
    park = next(c for c in s.cards if c["kind"] == "entity" and c["fields"]["class"] == "HighTechZone")
    area = next(c for c in s.cards if c["kind"] == "entity" and c["fields"]["class"] == "AdministrativeArea")
    observations = [c for c in s.cards if c["kind"] == "observation"]
    rejected, corrected = observations[0], observations[1]
    s.decide({"action": "reject", "card": rejected["id"], "reason": "wrong-value"})
    s.decide({"action": "edit", "card": corrected["id"], "field": "value", "value": "123456"})
    s.decide({"action": "link", "card": park["id"], "target": park["links"][0]["iri"]})
    s.decide({"action": "link", "card": area["id"], "target": "new"})
    for c in s.cards:
        if c["id"] not in (rejected["id"], corrected["id"], park["id"], area["id"]):
            s.decide({"action": "accept", "card": c["id"]})
    return {"park": park, "rejected": rejected, "corrected": corrected, "area": area}


def test_finishing_writes_the_curated_form(queued: tuple[Project, str]) -> None:
    project, sid = queued
    s = ReviewSession(project, sid, "Li Ming")
    picked = _decide_all(s)
    assert s.state()["remaining"] == 0
    done = s.finish()
    out = Path(done.path)
    assert out == project.root / "data" / f"{sid}.ttl"
    assert done.rejected >= 1 and done.corrected == 1 and done.linked == 1
    g = rdflib.Graph().parse(out, format="turtle")
    source = rdflib.URIRef(s.source["iri"])
    person = rdflib.URIRef("https://w3id.org/parkgraph/resource/person-li-ming")
    facts = set(g.subjects(PROV.wasDerivedFrom, source))
    assert facts
    for f in facts:
        assert (f, PROV.wasAttributedTo, person) in g
        assert any(True for _ in g.objects(f, PROV.generatedAtTime))
        assert any(True for _ in g.objects(f, PG.evidence)), f
    # the park is the curated entity now; its name from a1 is an alt label, its labels stay the curated ones
    park = rdflib.URIRef(picked["park"]["links"][0]["iri"])
    assert (park, PROV.wasDerivedFrom, source) in g
    assert (park, SKOS.altLabel, rdflib.Literal(picked["park"]["fields"]["label"], lang="zh")) in g
    assert not list(g.objects(park, SKOS.prefLabel))
    # the rejected number is absent, the corrected one present
    rejected = picked["rejected"]
    assert not [n for n in g.subjects(PG.statedAs, rdflib.Literal(rejected["fields"]["stated"]))
                if (n, PG.evidence, rdflib.Literal(rejected["evidence"]["text"])) in g
                and (n, PG.indicator, None) in g and str(g.value(n, PG.value)) == rejected["fields"]["value"]]
    assert Decimal("123456") in {o.toPython() for o in g.objects(None, PG.value)}
    # the Web Annotation selectors came along
    assert list(g.subjects(RDF.type, rdflib.URIRef("http://www.w3.org/ns/oa#TextPositionSelector")))
    decisions = json.loads((project.root / "review" / sid / "decisions.json").read_text(encoding="utf-8"))
    gone = [r for r in decisions["cards"] if r["status"] == "rejected"]
    assert any(r["card"] == rejected["id"] and r["reason"] == "wrong-value" for r in gone)
    # the extractor scored against the decisions (bench/curate/score_reviewed.py)
    scored = subprocess.run([sys.executable, str(ROOT / "bench" / "curate" / "score_reviewed.py"),
                             str(project.root), "--json"], capture_output=True, text=True, check=True)
    table = json.loads(scored.stdout)
    assert sum(r["rejected"] for r in table.values()) == done.rejected
    assert sum(r["corrected"] for r in table.values()) == 1
    assert table[rejected["rule"]]["reasons"].get("wrong-value", 0) >= 1
    # the project builds with it, and the park keeps both sources' evidence
    code, _out, err = run("build", "--root", str(project.root), "-q")
    assert code == 0, err
    with pytest.raises(Exception, match="exists"):
        s.finish()


# ---------------------------------------------------------------------------- the server


@pytest.fixture
def server(queued: tuple[Project, str]) -> Iterator[ReviewServer]:
    project, sid = queued
    srv = ReviewServer(ReviewSession(project, sid, "tester"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # started: the socket answers
        try:
            with socket.create_connection(("127.0.0.1", srv.port), timeout=0.05):
                break
        except OSError:
            threading.Event().wait(0.02)
    yield srv
    srv.stop()
    thread.join(10)


def request(url: str, *, data: Any = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    body = None if data is None else json.dumps(data).encode()
    req = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def own(srv: ReviewServer) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{srv.port}", "Content-Type": "application/json"}


def test_the_server_answers_only_with_its_token(server: ReviewServer) -> None:
    root = f"http://127.0.0.1:{server.port}/"
    assert request(server.url)[0] == 200
    assert request(server.url + "api/state")[0] == 200
    for path in ("", "api/state", "wrong-token/api/state", server.token[:-1] + "/api/state",
                 server.token.upper() + "/"):
        assert request(root + path)[0] == 403, path


def test_the_server_refuses_other_origins_and_hosts(server: ReviewServer) -> None:
    state = json.loads(request(server.url + "api/state")[1])
    card = state["cards"][0]["id"]
    decide = server.url + "api/decide"
    payload = {"action": "reject", "card": card, "reason": "duplicate"}
    assert request(decide, data=payload, headers={**own(server), "Origin": "http://evil.example"})[0] == 403
    assert request(decide, data=payload, headers={"Content-Type": "application/json"})[0] == 403  # no Origin
    assert request(decide, data=payload, headers={**own(server), "Content-Type": "text/plain"})[0] == 403
    assert request(decide, data=payload, headers={**own(server), "Sec-Fetch-Site": "cross-site"})[0] == 403
    assert request(server.url, headers={"Host": f"evil.example:{server.port}"})[0] == 403  # DNS rebinding
    assert json.loads(request(server.url + "api/state")[1])["events"] == 0  # nothing was recorded
    status, body = request(decide, data=payload, headers=own(server))
    assert status == 200 and json.loads(body)["events"] == 1


def test_assets_are_a_fixed_list(server: ReviewServer) -> None:
    assert request(server.url + "assets/review.js")[0] == 200
    for path in ("assets/..%2f..%2fqueue.json", "assets/%2e%2e/journal.jsonl", "assets/server.py",
                 "../../../etc/passwd"):
        assert request(server.url + path)[0] in (403, 404), path


def test_the_answers_carry_a_strict_policy(server: ReviewServer) -> None:
    with urllib.request.urlopen(server.url, timeout=10) as response:
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_server_listens_on_loopback_only(server: ReviewServer) -> None:
    assert server.socket.getsockname()[0] == "127.0.0.1"
    others = {ip for *_, (ip, *_) in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    others -= {"127.0.0.1"}
    try:  # the address this machine would use to reach the outside, if it has one
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent over UDP connect
            others.add(probe.getsockname()[0])
    except OSError:
        pass
    others = {ip for ip in others if not ip.startswith("127.")}
    if not others:
        pytest.skip("this machine has no address but loopback")
    for ip in others:
        with pytest.raises(OSError):
            socket.create_connection((ip, server.port), timeout=1).close()


def test_a_killed_review_resumes_with_every_decision(queued: tuple[Project, str]) -> None:
    """`parkgraph review --no-open` as a process: decide, SIGKILL it, start it again."""
    project, _sid = queued
    env = {**os.environ, "PARKGRAPH_REVIEWER": "tester"}

    def start() -> tuple[subprocess.Popen[str], str]:
        proc = subprocess.Popen([sys.executable, "-m", "parkgraph", "review", "--no-open", "--root",
                                 str(project.root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
        assert proc.stdout is not None
        return proc, proc.stdout.readline().strip()

    proc, url = start()
    try:
        assert url.startswith("http://127.0.0.1:")
        port = int(url.split(":")[2].split("/")[0])
        headers = {"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"}
        state = _wait_state(url)
        ids = [c["id"] for c in state["cards"][:3]]
        for i in ids:
            payload = {"action": "accept", "card": i}
            assert request(url + "api/decide", data=payload, headers=headers)[0] == 200
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    proc, url2 = start()
    try:
        assert url2 != url  # a new token
        state = _wait_state(url2)
        decided = [c["id"] for c in state["cards"] if c["decision"]["status"] == "accepted"]
        assert decided == ids
        assert state["remaining"] == len(state["cards"]) - 3
    finally:
        proc.terminate()
        proc.wait(10)


def _wait_state(url: str) -> Any:
    for _ in range(300):
        try:
            return json.loads(request(url + "api/state")[1])
        except OSError:
            threading.Event().wait(0.05)
    raise AssertionError(f"{url} never answered")


def test_review_recovers_a_truncated_journal_and_says_so(queued: tuple[Project, str]) -> None:
    project, sid = queued
    journal = project.root / "review" / sid / "journal.jsonl"
    s = ReviewSession(project, sid, "tester")
    first = s.cards[0]["id"]
    s.decide({"action": "accept", "card": first})
    with open(journal, "ab") as fh:
        fh.write(b'{"action": "accept", "ca')
    command = [sys.executable, "-m", "parkgraph", "review", "--no-open", "--root", str(project.root)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PARKGRAPH_REVIEWER": "tester"})
    try:
        assert proc.stderr is not None and proc.stdout is not None
        message = proc.stderr.readline()
        assert message.startswith("recovered: ") and "half-written last line" in message
        assert "the 1 decisions before it are kept" in message
        url = proc.stdout.readline().strip()
        state = _wait_state(url)
        assert [c["id"] for c in state["cards"] if c["decision"]["status"] == "accepted"] == [first]
    finally:
        proc.terminate()
        proc.wait(10)


def _accept_all(project: Project, path: Path) -> Path:
    code, out, err = run("add", str(path), "--root", str(project.root))
    assert code == 0, err
    s = ReviewSession(project, Path(out.strip()).name, "tester")
    for c in s.cards:
        link = None
        if c["kind"] == "entity":
            best = (c["links"] or [None])[0]
            link = best["iri"] if best and best["verdict"] == "likely" else "new"
        s.decide({"action": "accept", "card": c["id"], **({"link": link} if link else {})})
    return Path(s.finish().path)


def test_identifiers_minted_by_two_sources_do_not_merge(tmp_path: Path) -> None:
    """a3 and b5 both say 截至目前 (of different years): the second source's period gets an
    identifier of its own; an industry both name with the same words stays one concept."""
    p = tmp_path / "proj"
    assert run("init", str(p))[0] == 0
    project = Project(p)
    first = _accept_all(project, DEV / "a3_suzhou-sip-321-industry-system-2023.txt")
    second = _accept_all(project, DEV / "b5_yanling-provincial-htz-approval-2021.txt")
    g1 = rdflib.Graph().parse(first, format="turtle")
    g2 = rdflib.Graph().parse(second, format="turtle")
    periods1 = set(g1.subjects(RDF.type, PG.Period))
    periods2 = set(g2.subjects(RDF.type, PG.Period))
    shared = periods1 & periods2
    for node in shared:  # the same identifier only where both give the same years
        assert set(g1.objects(node, PG.startYear)) == set(g2.objects(node, PG.startYear))
    assert any(str(n).rsplit("-", 1)[-1].isdigit() for n in periods2)  # a fresh one was needed
    code, _out, err = run("build", "--root", str(p), "-q")
    assert code == 0, err


def test_the_indicator_edit_chooses_a_concept_of_the_vocabulary(queued: tuple[Project, str]) -> None:
    project, sid = queued
    s = ReviewSession(project, sid, "Li Ming")
    observations = [c for c in s.cards if c["kind"] == "observation"]
    to_concept, to_wording = observations[0], observations[1]
    assert any(k["id"] == "indicator-gross-regional-product" for k in s.state()["indicators"])
    # by a label (an abbreviation): the card shows the concept beside the text's words
    state = s.decide({"action": "edit", "card": to_concept["id"], "field": "indicator", "value": "GDP"})
    shown = next(c for c in state["cards"] if c["id"] == to_concept["id"])["indicator"]
    assert shown["text"] == to_concept["fields"]["indicator"]
    assert shown["concept"]["id"] == "indicator-gross-regional-product"
    assert shown["concept"]["zh"] == "地区生产总值"
    s.decide({"action": "edit", "card": to_wording["id"], "field": "indicator", "value": "整车下线量"})
    shown = next(c for c in s.state()["cards"] if c["id"] == to_wording["id"])["indicator"]
    assert shown == {"text": "整车下线量", "concept": None}
    for c in s.cards:
        if c["id"] not in (to_concept["id"], to_wording["id"]):
            s.decide({"action": "accept", "card": c["id"]})
    s.decide({"action": "accept", "card": to_concept["id"]})
    s.decide({"action": "accept", "card": to_wording["id"]})
    g = rdflib.Graph().parse(s.finish().path, format="turtle")
    gdp = rdflib.URIRef("https://w3id.org/parkgraph/resource/indicator-gross-regional-product")
    chosen = [n for n in g.subjects(PG.indicator, gdp)
              if (n, PG.statedAs, rdflib.Literal(to_concept["fields"]["stated"])) in g]
    assert chosen and all((n, PG.indicatorText, rdflib.Literal(to_concept["fields"]["indicator"])) in g
                          for n in chosen)
    assert (gdp, None, None) not in g  # the concept is the vocabulary's, not redefined here
    worded = next(g.subjects(PG.indicatorText, rdflib.Literal("整车下线量")))
    new = g.value(worded, PG.indicator)
    assert new != gdp and (new, SKOS.prefLabel, rdflib.Literal("整车下线量", lang="zh")) in g
