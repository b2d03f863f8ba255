"""`parkgraph add`: registration, the copy under sources/, the review queue, links to the
project's graph, refusals (same bytes, unreadable file, not a project), new versions."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
import rdflib
from conftest import copy_seed_data
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.curate.queue import extraction_from_json, extraction_to_json
from parkgraph.extract import extract_document
from parkgraph.extract.writing import write_turtle

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles"
A1 = DEV / "a1_yongchuan-htz-nev-auto-cluster-2024.txt"
A2 = DEV / "a2_hangzhou-binjiang-htz-q1-industry-2014.txt"
runner = CliRunner()
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error: ")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    p = tmp_path / "proj"
    assert run("init", str(p))[0] == 0
    return p


def queues(project: Path) -> list[Path]:
    return sorted(p for p in (project / "review").iterdir() if p.is_dir())


def test_add_registers_copies_extracts_and_queues(project: Path) -> None:
    code, out, err = run("add", str(A1), "--root", str(project))
    assert code == 0, err
    (queue,) = queues(project)
    assert out.strip() == str(queue)
    assert "cards to review" in err
    reg = json.loads((queue / "source.json").read_text(encoding="utf-8"))
    data = A1.read_bytes()
    assert reg["sha256"] == hashlib.sha256(data).hexdigest()
    assert reg["title"] == "培育“永川造”新能源汽车产业集群"
    assert reg["revision_of"] is None
    assert (project / reg["copy"]).read_bytes() == data  # a copy of the text under sources/
    assert reg["copy"].startswith("sources/")
    assert not any((project / "data").iterdir())  # nothing enters data/ unreviewed
    g = rdflib.Graph().parse(queue / "candidates.ttl", format="turtle")
    assert len(g) > 100
    rdflib.Graph().parse(queue / "source.ttl", format="turtle")
    q = json.loads((queue / "queue.json").read_text(encoding="utf-8"))
    text = A1.read_text(encoding="utf-8")
    assert q["cards"] and len({c["id"] for c in q["cards"]}) == len(q["cards"])
    for card in q["cards"]:
        ev = card["evidence"]
        if ev is not None:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    assert {c["kind"] for c in q["cards"]} >= {"entity", "observation"}


def test_the_queue_holds_the_extraction_whole() -> None:
    x = extract_document(str(A1))
    back = extraction_from_json(json.loads(json.dumps(extraction_to_json(x))))
    assert back == x
    assert write_turtle(back) == write_turtle(x)


def test_the_same_bytes_twice_are_refused(project: Path, tmp_path: Path) -> None:
    assert run("add", str(A1), "--root", str(project))[0] == 0
    renamed = tmp_path / "other-name.txt"
    shutil.copyfile(A1, renamed)
    code, out, err = run("add", str(renamed), "--root", str(project))
    assert code == 2 and out == ""
    (line,) = error_lines(err)
    (queue,) = queues(project)
    assert f"already added as source-{queue.name}" in line


def test_an_edited_document_is_a_new_version(project: Path, tmp_path: Path) -> None:
    assert run("add", str(A1), "--root", str(project))[0] == 0
    (first,) = queues(project)
    edited_dir = tmp_path / "edited"
    edited_dir.mkdir()
    edited = edited_dir / A1.name
    edited.write_bytes(A1.read_bytes() + "\n（本文有更正。）\n".encode())
    code, _out, err = run("add", str(edited), "--root", str(project))
    assert code == 0, err
    assert f"replaces source-{first.name}" in err
    second = next(q for q in queues(project) if q != first)
    reg = json.loads((second / "source.json").read_text(encoding="utf-8"))
    assert reg["revision_of"].endswith(f"source-{first.name}")
    g = rdflib.Graph().parse(second / "source.ttl", format="turtle")
    assert (rdflib.URIRef(reg["iri"]), PROV.wasRevisionOf, rdflib.URIRef(reg["revision_of"])) in g


def test_bad_input_is_one_line_and_exit_2(project: Path, tmp_path: Path) -> None:
    code, _out, err = run("add", str(tmp_path / "missing.txt"), "--root", str(project))
    assert code == 2 and len(error_lines(err)) == 1 and "cannot read" in err
    code, _out, err = run("add", str(tmp_path), "--root", str(project))
    assert code == 2 and "is a directory" in error_lines(err)[0]
    code, _out, err = run("add", str(A1), "--root", str(tmp_path))
    assert code == 2 and error_lines(err) == [err.strip()] and "not a parkgraph project" in err
    fifo = tmp_path / "pipe.txt"  # unreadable as a document even for root (reading would block)
    os.mkfifo(fifo)
    code, _out, err = run("add", str(fifo), "--root", str(project))
    assert code == 2 and "not a regular file" in error_lines(err)[0]
    assert not (tmp_path / "review").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file(project: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    shutil.copyfile(A1, locked)
    locked.chmod(0)
    code, _out, err = run("add", str(locked), "--root", str(project))
    assert code == 2 and "cannot read" in error_lines(err)[0]


def test_a_batch_queues_the_good_files_and_fails_for_the_bad(project: Path, tmp_path: Path) -> None:
    code, out, err = run("add", str(A1), str(tmp_path / "missing.txt"), str(A2), "--root", str(project))
    assert code == 2
    assert len(error_lines(err)) == 1
    assert len(out.splitlines()) == 2 and len(queues(project)) == 2


def test_add_links_to_the_entities_of_the_project(project: Path) -> None:
    """A project holding this repository's curated data: a1's park gets the curated
    永川高新区 as its candidate, with the features that made it."""
    copy_seed_data(project / "data")
    assert run("build", "--root", str(project), "-q")[0] == 0
    code, _out, err = run("add", str(A1), "--root", str(project))
    assert code == 0, err
    assert "重庆永川高新区 → park-yongchuan-htz (likely; to be confirmed in review)" in err
    (queue,) = queues(project)
    cards = json.loads((queue / "queue.json").read_text(encoding="utf-8"))["cards"]
    park = next(c for c in cards if c["kind"] == "entity" and c["fields"]["class"] == "HighTechZone")
    assert park["links"], park
    best = park["links"][0]
    assert best["iri"].endswith("/park-yongchuan-htz") and best["verdict"] == "likely"
    assert {f["name"] for f in best["features"]} >= {"kind", "distinctive"}
    # the seed article of this repository is a source of its graph: the same bytes are refused
    seed_sha = "67688348c5b55df4f1a5b35085e499538499a5e3f074f981604b2079dd07d736"
    seeds = [p for p in (ROOT.parent / "shared" / "seeds").glob("*.txt")
             if hashlib.sha256(p.read_bytes()).hexdigest() == seed_sha]
    if seeds:
        code, _out, err = run("add", str(seeds[0]), "--root", str(project))
        assert code == 2 and "source-yongchuan-htz-article" in err and "already added as" in err


def test_a_source_removed_from_data_since_the_build_can_be_added_again(project: Path) -> None:
    """What is "already added" is read from data/, not from a dist/ older than it: a source
    taken out of data/ to be curated again is not refused by the last build."""
    copy_seed_data(project / "data")
    assert run("build", "--root", str(project), "-q")[0] == 0
    seed = ROOT.parent / "shared" / "seeds" / "000_3dca68174ba47f8d.txt"
    code, _out, err = run("add", str(seed), "--root", str(project))
    assert code == 2 and "already added as" in err
    (project / "data" / "sources.ttl").unlink()  # where the seed's SHA-256 is stated
    code, _out, err = run("add", str(seed), "--root", str(project))
    assert code == 0, err
    assert len(queues(project)) == 1


def test_a_card_shows_what_other_sources_say(project: Path, tmp_path: Path) -> None:
    """A short text that gives 永川高新区's 十四五 output as 950亿元 where the curated article says
    940亿元: the card names the other value with its words and source; 245家 agrees, no note."""
    copy_seed_data(project / "data")
    assert run("build", "--root", str(project), "-q")[0] == 0
    short = tmp_path / "yc-short.txt"
    short.write_text("# title: 永川高新区简讯\n\n永川高新区“十四五”期间规模以上工业总产值突破950亿元，"
                     "高新技术企业增至245家。\n", encoding="utf-8")
    code, _out, err = run("add", str(short), "--root", str(project))
    assert code == 0, err
    (queue,) = queues(project)
    cards = json.loads((queue / "queue.json").read_text(encoding="utf-8"))["cards"]
    by_stated = {c["fields"]["stated"]: c for c in cards if c["kind"] == "observation"}
    (other,) = by_stated["950亿元"]["disagrees"]
    assert other["stated"] == "940亿元" and other["source"].endswith("/source-yongchuan-htz-article")
    assert other["evidence"] == "规模以上工业总产值突破940亿元"
    assert by_stated["245家"]["disagrees"] == []
