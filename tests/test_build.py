"""`parkgraph build` and `validate`: outputs, determinism, portability, and broken input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_isomorphic, run_reader_closes_early
from typer.testing import CliRunner

from parkgraph.build import BuildResult, build, canonical_decimal
from parkgraph.cli import app
from parkgraph.project import Project

runner = CliRunner()
OUTPUTS = [
    "parkgraph.ttl",
    "parkgraph.nt",
    "parkgraph.jsonld",
    "parkgraph.trig",
    "void.ttl",
    "context.jsonld",
]


def digest_dir(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir()) if p.is_file()}


def test_build_writes_every_output(built: BuildResult) -> None:
    for name in OUTPUTS:
        assert (built.dist / name).stat().st_size > 0, name
    assert built.triples > 500  # the article alone gives several hundred triples


def test_turtle_loads_the_same_in_pyoxigraph_and_rdflib(dist: Path, built: BuildResult) -> None:
    store = ox.Store()
    store.load(path=str(dist / "parkgraph.ttl"), format=ox.RdfFormat.TURTLE)
    graph = rdflib.Graph().parse(dist / "parkgraph.ttl", format="turtle")
    assert len(store) == len(graph) == built.triples
    nt = rdflib.Graph().parse(dist / "parkgraph.nt", format="nt")
    assert_isomorphic(graph, nt)


def test_decimals_are_written_in_canonical_form(dist: Path, project: Project) -> None:
    """The data says 94000000000.0; dist/ says 94000000000 (XSD 1.1's canonical form, which
    pyoxigraph and Virtuoso answer with while Comunica and rdflib echo what they read)."""
    decimal = "http://www.w3.org/2001/XMLSchema#decimal"
    for name in ("parkgraph.nt", "parkgraph.ttl", "parkgraph.trig"):
        values = [
            q.object.value
            for q in ox.parse(path=str(dist / name))
            if isinstance(q.object, ox.Literal) and q.object.datatype.value == decimal
        ]
        assert values and all(canonical_decimal(v) == v for v in values), (name, values)
        assert "94000000000" in values and "94000000000.0" not in values
    assert "94000000000.0" in (project.root / "data" / "yongchuan-htz-article.ttl").read_text()


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("94000000000.0", "94000000000"), ("0.50", "0.5"), (".5", "0.5"), ("-0.0", "0"), ("+12.340", "12.34"),
     ("0.000001", "0.000001"), ("7", "7"), ("-3.25", "-3.25")],
)
def test_canonical_decimal(written: str, canonical: str) -> None:
    assert canonical_decimal(written) == canonical


def test_jsonld_and_trig_hold_the_same_graph(dist: Path) -> None:
    ttl = rdflib.Graph().parse(dist / "parkgraph.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(dist / "parkgraph.jsonld", format="json-ld")
    assert_isomorphic(ttl, jsonld)
    dataset = rdflib.Dataset()
    dataset.parse(dist / "parkgraph.trig", format="trig")
    union = rdflib.Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert_isomorphic(ttl, union)


def test_jsonld_context_is_reusable(dist: Path) -> None:
    context = json.loads((dist / "context.jsonld").read_text(encoding="utf-8"))
    doc = json.loads((dist / "parkgraph.jsonld").read_text(encoding="utf-8"))
    assert context["@context"] == doc["@context"]
    assert context["@context"]["pg"] == "https://w3id.org/parkgraph/ontology#"


def test_trig_has_one_named_graph_per_source_document(dist: Path, project: Project) -> None:
    store = ox.Store()
    store.load(path=str(dist / "parkgraph.trig"), format=ox.RdfFormat.TRIG)
    names = {g.value for g in store.named_graphs()}
    expected = {f"https://w3id.org/parkgraph/graph/{p.stem}" for p in project.data_files()}
    assert names == expected | {"https://w3id.org/parkgraph/graph/ontology"}


def test_void_counts_match_the_graph(dist: Path, built: BuildResult) -> None:
    void = rdflib.Graph().parse(dist / "void.ttl", format="turtle")
    ns = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/parkgraph/resource/dataset-parkgraph")
    assert int(void.value(dataset, ns.triples)) == built.triples  # type: ignore[arg-type]
    dumps = {str(o).rsplit("/", 1)[-1] for o in void.objects(dataset, ns.dataDump)}
    assert dumps == {"parkgraph.ttl", "parkgraph.nt", "parkgraph.jsonld", "parkgraph.trig"}


def test_build_is_byte_identical_across_processes(project: Project, tmp_path: Path) -> None:
    """Two builds in fresh interpreters (different hash seeds) write the same bytes."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"dist{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "parkgraph",
                "build",
                "--root",
                str(project.root),
                "--out",
                str(out),
                "-q",
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        outs.append(digest_dir(out))
    assert outs[0] == outs[1]
    assert set(OUTPUTS) <= set(outs[0])


def test_validate_cli_conforms_on_shipped_data(project: Project) -> None:
    result = runner.invoke(app, ["validate", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


# --- broken input: one-line error naming file and line, right exit code, dist/ untouched ---


def build_cli(project: Project) -> tuple[int, str, dict[str, str]]:
    dist = project.dist
    before = digest_dir(dist)
    result = runner.invoke(app, ["build", "--root", str(project.root), "-q"])
    return result.exit_code, result.stderr, before


@pytest.fixture()
def copy_with_dist(project_copy: Project) -> Project:
    build(project_copy)  # a good dist/ that a broken build must not touch
    return project_copy


def error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, stderr
    return lines[0]


def first_data_file(project: Project) -> Path:
    return next(p for p in project.data_files() if p.name != "sources.ttl")


def test_turtle_syntax_error_names_file_line_and_column(copy_with_dist: Project) -> None:
    target = first_data_file(copy_with_dist)
    lines = target.read_text(encoding="utf-8").splitlines()
    lines.append('pgr:broken rdfs:label "unterminated .')
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, stderr, before = build_cli(copy_with_dist)
    assert code == 2
    line = error_line(stderr)
    assert f"{target}:{len(lines)}:" in line, line
    assert digest_dir(copy_with_dist.dist) == before


def test_unknown_prefix_names_file_and_line(copy_with_dist: Project) -> None:
    target = first_data_file(copy_with_dist)
    text = target.read_text(encoding="utf-8")
    n = text.count("\n") + 1
    target.write_text(text + 'nope:thing rdfs:label "x"@en .\n', encoding="utf-8")
    code, stderr, before = build_cli(copy_with_dist)
    assert code == 2
    line = error_line(stderr)
    assert f"{target}:{n}:" in line and "nope" in line, line
    assert digest_dir(copy_with_dist.dist) == before


@pytest.mark.parametrize("text", ["", "@prefix pg: <https://w3id.org/parkgraph/ontology#> .\n# to come\n"])
def test_data_file_without_triples_is_an_error(copy_with_dist: Project, text: str) -> None:
    empty = copy_with_dist.data_dir / "empty.ttl"
    empty.write_text(text, encoding="utf-8")
    expected = f"Error: {empty}: no triples; a data file holds the facts of one source document"
    code, stderr, before = build_cli(copy_with_dist)
    assert code == 2 and stderr == expected + "\n", stderr
    assert digest_dir(copy_with_dist.dist) == before
    result = runner.invoke(app, ["validate", "--root", str(copy_with_dist.root)])
    assert result.exit_code == 2 and result.stderr == expected + "\n" and result.stdout == ""


def test_shape_violation_exits_1_and_names_the_file(copy_with_dist: Project) -> None:
    target = first_data_file(copy_with_dist)
    text = target.read_text(encoding="utf-8")
    n = text.count("\n") + 1
    # A park with no @zh label, no source and no evidence.
    target.write_text(
        text + 'pgr:park-broken a pg:Park ;\n  rdfs:label "Broken Park"@en .\n', encoding="utf-8"
    )
    code, stderr, before = build_cli(copy_with_dist)
    assert code == 1
    line = error_line(stderr)
    assert f"{target.relative_to(copy_with_dist.root)}:{n}: pgr:park-broken" in line, line
    assert digest_dir(copy_with_dist.dist) == before
    # validate gives the same verdict, with the full report on stdout.
    result = runner.invoke(app, ["validate", "--root", str(copy_with_dist.root)])
    assert result.exit_code == 1
    assert "pgr:park-broken" in result.stdout and "does not conform" in result.stdout


def test_validate_missing_and_broken_files(project: Project, tmp_path: Path) -> None:
    missing = tmp_path / "nope.ttl"
    result = runner.invoke(app, ["validate", "--root", str(project.root), str(missing)])
    assert result.exit_code == 2
    assert error_line(result.stderr) == f"Error: {missing}: no such file"
    broken = tmp_path / "broken.nt"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--root", str(project.root), str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:1:" in error_line(result.stderr)
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix pg: <https://w3id.org/parkgraph/ontology#> .\n# none yet\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--root", str(project.root), str(empty)])
    assert result.exit_code == 2
    assert error_line(result.stderr) == f"Error: {empty}: no triples to validate"


def test_unwritable_dist_is_a_clear_error(project: Project, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = runner.invoke(app, ["build", "--root", str(project.root), "--out", str(blocker / "dist"), "-q"])
    assert result.exit_code == 2
    assert str(blocker / "dist") in error_line(result.stderr)


def test_outside_a_project_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a parkgraph project" in error_line(result.stderr)


def test_ontology_file_that_is_a_directory_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ontology = tmp_path / "ontology" / "parkgraph.ttl"
    ontology.mkdir(parents=True)
    (tmp_path / "data").mkdir()
    expected = f"Error: {ontology}: is a directory, not a file; the ontology must be a Turtle file"
    result = runner.invoke(app, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 2 and error_line(result.stderr) == expected
    monkeypatch.chdir(tmp_path / "data")  # found from the current directory upwards, and by `query`
    done = subprocess.run(
        [sys.executable, "-m", "parkgraph", "query", "ASK {}"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr, done.stdout) == (2, expected + "\n", "")


def test_stats_lists_classes_and_parks(project_copy: Project) -> None:
    build(project_copy)
    result = runner.invoke(app, ["stats", "--root", str(project_copy.root), "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    classes = dict((name, n) for name, n in stats["classes"])
    # every observation of the data files: the seed article's seven and the curated articles'
    data = ox.Store()
    for path in project_copy.data_files():
        data.load(path=str(path), format=ox.RdfFormat.TURTLE)
    observations = {r["o"] for r in data.query(  # type: ignore[union-attr]
        "SELECT DISTINCT ?o WHERE { ?o a <https://w3id.org/parkgraph/ontology#Observation> }")}
    assert len(observations) >= 7  # the seed article states seven numbers
    assert classes["pg:Observation"] == len(observations)
    labels = {park["label"] for park in stats["parks"]}
    assert {"永川高新区", "杭州高新区(滨江)"} <= labels
    yongchuan = next(p for p in stats["parks"] if p["label"] == "永川高新区")
    assert any(stated == "1500亿元" and status == "Target" for _i, stated, status, _p in yongchuan["numbers"])


# ---------------------------------------------------------------- exploratory QA: broken inputs


def one_error_line(result: object, contains: str) -> None:
    """Exit status 2, exactly one `Error:` line on stderr that says `contains`, no traceback."""
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, (result.exception, stderr)  # type: ignore[attr-defined]
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert contains in stderr, stderr


def test_data_file_name_that_cannot_name_its_graph(copy_with_dist: Project) -> None:
    # data/my file.ttl would be the graph <…/graph/my file>: a space is not allowed in an IRI.
    source = first_data_file(copy_with_dist)
    (source.parent / "my file.ttl").write_bytes(source.read_bytes())
    code, stderr, before = build_cli(copy_with_dist)
    assert code == 2
    assert "my file.ttl: this file name cannot name its graph" in error_line(stderr)
    assert "Traceback" not in stderr
    assert digest_dir(copy_with_dist.dist) == before


def test_check_that_is_not_utf8_or_a_directory(project_copy: Project) -> None:
    checks = project_copy.root / "ontology" / "checks"
    (checks / "zz-binary.rq").write_bytes(b"SELECT \xff\xfe ?focus")
    result = runner.invoke(app, ["validate", "--root", str(project_copy.root)])
    one_error_line(result, "zz-binary.rq: the check is not UTF-8 text")
    (checks / "zz-binary.rq").unlink()
    (checks / "zz-dir.rq").mkdir()
    result = runner.invoke(app, ["validate", "--root", str(project_copy.root)])
    one_error_line(result, "zz-dir.rq: cannot read the check")


def test_shapes_file_that_is_a_directory(project_copy: Project) -> None:
    shapes = project_copy.root / "ontology" / "shapes.ttl"
    shapes.unlink()
    shapes.mkdir()
    result = runner.invoke(app, ["validate", "--root", str(project_copy.root)])
    one_error_line(result, "shapes.ttl: cannot read the shapes")


def test_validate_a_directory_says_so(project: Project) -> None:
    result = runner.invoke(app, ["validate", "--root", str(project.root), str(project.root / "data")])
    one_error_line(result, "data: is a directory, not an RDF file")


def test_stats_on_a_truncated_dist_names_file_and_line(copy_with_dist: Project) -> None:
    nt = copy_with_dist.dist / "parkgraph.nt"
    nt.write_bytes(nt.read_bytes()[:3000])
    result = runner.invoke(app, ["stats", "--root", str(copy_with_dist.root)])
    one_error_line(result, f"{nt}:")


def test_stats_output_that_the_encoding_cannot_show_is_one_line(copy_with_dist: Project) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "parkgraph", "stats", "--root", str(copy_with_dist.root)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("Error: stdout:") and done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["build", "--bogus"], "No such option: --bogus"),
        (["describe"], "Missing argument"),
        (["nosuch"], "No such command 'nosuch'"),
        (["search", "x", "--limit", "abc"], "--limit"),
    ],
)
def test_usage_errors_are_one_line_with_status_2(args: list[str], words: str) -> None:
    """The console script turns click's framed usage errors into one `Error:` line."""
    done = subprocess.run(
        [sys.executable, "-m", "parkgraph", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("Error: "), done.stderr
    assert words in done.stderr and "--help" in done.stderr


def test_build_and_validate_into_a_pipe_closed_early(copy_with_dist: Project, tmp_path: Path) -> None:
    """`parkgraph validate | head -1`: a reader that goes away is no error, and the status
    stays what the data earned (1 means "does not conform", never "the pipe closed")."""
    root = ["--root", str(copy_with_dist.root)]
    for args in (["validate", *root], ["build", "-q", "--out", str(tmp_path / "d"), *root]):
        code, stderr = run_reader_closes_early(args, lines=0)
        assert (code, stderr) == (0, ""), args
    target = first_data_file(copy_with_dist)
    target.write_text(target.read_text(encoding="utf-8") + "pgr:park-broken a pg:Park .\n", encoding="utf-8")
    code, stderr = run_reader_closes_early(["validate", *root], lines=0)
    assert (code, stderr) == (1, "")


@pytest.mark.parametrize("command", [["build", "-q", "--out"], ["export", "-f", "csv", "-o"]])
def test_written_paths_print_whatever_the_output_encoding(
    copy_with_dist: Project, tmp_path: Path, command: list[str]
) -> None:
    """Paths go to stdout as the file system spells them (bytes), so an ASCII-only output
    encoding neither fails the command after its files are written nor mangles the path."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    out = tmp_path / "永川"
    args = [sys.executable, "-m", "parkgraph", *command, str(out), "--root", str(copy_with_dist.root)]
    done = subprocess.run(args, capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    printed = [Path(os.fsdecode(line)) for line in done.stdout.splitlines()]
    assert printed and all(p.parent == out and p.is_file() for p in printed), printed
    assert sorted(printed) == sorted(p for p in out.iterdir() if not p.name.startswith("."))


def test_validate_report_the_encoding_cannot_show(copy_with_dist: Project) -> None:
    target = first_data_file(copy_with_dist)
    text = target.read_text(encoding="utf-8")
    target.write_text(text + 'pgr:park-坏 a pg:Park ; rdfs:label "坏"@zh .\n', encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "parkgraph", "validate", "--root", str(copy_with_dist.root)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.startswith("Error: stdout:") and done.stderr.count("\n") == 1, done.stderr
