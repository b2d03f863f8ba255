"""`parkgraph describe` and `parkgraph search` on the shipped graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_ascii_stdout_is_one_error_line
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.errors import UnknownName
from parkgraph.explore import describe_entity, search_labels
from parkgraph.graphsource import load_files

runner = CliRunner()


@pytest.fixture(scope="module")
def nt(seed_dist: Path) -> Path:
    """The seed graph: these names and hits were checked by hand against the seed article."""
    return seed_dist / "parkgraph.nt"


@pytest.mark.parametrize(
    "name",
    [
        "pgr:strategy-3322",
        "https://w3id.org/parkgraph/resource/strategy-3322",
        "<https://w3id.org/parkgraph/resource/strategy-3322>",
        "3322",  # skos:notation
        "“3322”",  # curly quotes
        "＂３３２２＂",  # full-width quote marks and digits
        "“3322”现代制造业集群体系",  # @zh label
        '"3322" Modern Manufacturing Cluster System',  # @en label, other case
    ],
)
def test_describe_resolves_every_spelling(nt: Path, name: str) -> None:
    # Article: "“3322”现代制造业集群体系(做强三大重点产业、做优三大特色优势产业,前瞻布局两大未来产业,
    # 壮大两大新兴产业)" and "永川高新区将聚焦“3322”现代制造业集群体系".
    found = describe_entity(load_files([nt]), name)
    assert found.iri == "https://w3id.org/parkgraph/resource/strategy-3322"
    components = {v.label for g in found.outgoing if g.prop.endswith("#hasComponent") for v in g.values}
    assert components == {"三大重点产业", "三大特色优势产业", "两大未来产业", "两大新兴产业"}
    assert set(found.evidence) == {"“3322”现代制造业集群体系", "永川高新区将聚焦“3322”现代制造业集群体系"}
    assert [v.label for v in found.sources] == ["永川高新区以实干实绩迈向“百强千亿”"]


def test_describe_alt_label(nt: Path) -> None:
    # Advertisement: "杭州高新技术产业开发区欢迎您" (alt label), full-width brackets in the query.
    store = load_files([nt])
    assert describe_entity(store, "杭州高新技术产业开发区").iri.endswith("park-hangzhou-htz")
    assert describe_entity(store, "杭州高新区（滨江）").iri.endswith("park-hangzhou-htz")


def test_describe_cli_groups_and_evidence(nt: Path) -> None:
    result = runner.invoke(app, ["describe", "永川高新区", "--data", str(nt)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("永川高新区 — Yongchuan High-tech Zone")
    assert "pg:holdsTitle" in out and "国家高新区" in out
    assert "\nevidence" in out and "国家高新区使命在肩" in out  # "“十五五”征程启幕,国家高新区使命在肩"
    assert "linked from" in out and "pg:about ←" in out
    doc = json.loads(runner.invoke(app, ["describe", "永川高新区", "--data", str(nt), "--json"]).stdout)
    assert doc["id"] == "pgr:park-yongchuan-htz"
    assert {v["label"] for v in doc["properties"]["pg:locatedIn"]} == {"永川区"}


def test_describe_unknown_name_suggests(nt: Path) -> None:
    with pytest.raises(UnknownName, match="永川高新区"):
        describe_entity(load_files([nt]), "永川高兴区")
    result = runner.invoke(app, ["describe", "永川高兴区", "--data", str(nt)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "did you mean" in result.stderr and "'永川高新区'" in result.stderr


def test_search_either_language(nt: Path) -> None:
    store = load_files([nt])
    # "建成全国最大中高端皮卡生产基地" — found by its Chinese label and by its English one.
    zh = search_labels(store, "皮卡")
    en = search_labels(store, "PICKUP")
    assert [h.iri.rsplit("/", 1)[-1] for h in zh] == ["platform-pickup-production-base"]
    assert [h.iri for h in en] == [h.iri for h in zh]
    assert zh[0].classes == ["pg:Platform"]


def test_search_ranks_exact_names_first(nt: Path) -> None:
    # "汽摩、新材料、大数据与人工智能等产业协同发力": 新材料 is an industry; "打造西南新材料创新应用
    # 高地" is a goal whose name contains it.
    hits = search_labels(load_files([nt]), "新材料")
    assert hits[0].iri.endswith("industry-new-materials") and hits[0].classes == ["pg:Industry"]
    assert any(h.iri.endswith("goal-southwest-new-materials-highland") for h in hits)


def test_search_cli(nt: Path) -> None:
    result = runner.invoke(app, ["search", "抖音", "--data", str(nt)])
    assert result.exit_code == 0
    assert "pgr:account-hangzhou-htz-douyin" in result.stdout and "pg:MediaAccount" in result.stdout
    hits = json.loads(runner.invoke(app, ["search", "抖音", "--data", str(nt), "--json"]).stdout)
    assert [h["id"] for h in hits] == ["pgr:account-hangzhou-htz-douyin"]
    none = runner.invoke(app, ["search", "火星基地", "--data", str(nt)])
    assert none.exit_code == 0 and none.stdout == "" and "no entity" in none.stderr


# ---------------------------------------------------------------- exploratory QA: hostile names


def one_error_line(result: object, contains: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, (result.exception, stderr)  # type: ignore[attr-defined]
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert contains in stderr, stderr
    assert result.stdout == ""  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["<script>", "<>", "<http://a b>", "http://a b", 'pgr:a"b'])
def test_describe_a_name_that_is_not_a_valid_iri(nt: Path, name: str) -> None:
    with pytest.raises(UnknownName, match="not a valid IRI"):
        describe_entity(load_files([nt]), name)
    one_error_line(runner.invoke(app, ["describe", "--data", str(nt), name]), "not a valid IRI")


@pytest.mark.parametrize("name", ["", "   ", "“”"])
def test_describe_an_empty_name_asks_for_one(nt: Path, name: str) -> None:
    one_error_line(runner.invoke(app, ["describe", "--data", str(nt), name]), "give a name")


def test_describe_refuses_an_unknown_language(nt: Path) -> None:
    one_error_line(
        runner.invoke(app, ["describe", "--data", str(nt), "永川高新区", "--lang", "fr"]), "zh or en"
    )


def test_search_refuses_a_negative_limit(nt: Path) -> None:
    # --limit -1 used to drop the last hit silently (hits[:-1]).
    one_error_line(runner.invoke(app, ["search", "--data", str(nt), "永川", "--limit", "-1"]), "--limit -1")


@pytest.mark.parametrize("command", [["describe", "永川高新区"], ["search", "永川"], ["queries"]])
def test_answer_the_output_encoding_cannot_show(nt: Path, command: list[str]) -> None:

    data = ["--data", str(nt)] if command[0] != "queries" else []
    assert_ascii_stdout_is_one_error_line([*command, *data])
