"""`parkgraph query`: sources, prefixes, formats, parameters, safety, bad input, start-up."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import assert_ascii_stdout_is_one_error_line
from typer.testing import CliRunner

from parkgraph.build import build
from parkgraph.cli import app
from parkgraph.cli.query_cmd import build_parser, scan
from parkgraph.cli.query_cmd import main as query_main
from parkgraph.errors import QueryError, QueryTimeout
from parkgraph.namedqueries import (
    COMPUTE_FUNCTIONS,
    PARAM_TYPES,
    header_field,
    is_decimal,
    is_integer,
    parse_compute,
    parse_param,
)
from parkgraph.project import Project
from parkgraph.query import Source, run_query
from parkgraph.results import width
from parkgraph.sparqltext import QUERY_FORMS, UPDATE_FORMS, QueryText, tokens

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

TINY = """\
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix pgr: <https://w3id.org/parkgraph/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
pgr:park-a a pg:Park ; rdfs:label "甲园区"@zh , "Park A"@en ; pg:value 3 .
pgr:park-b a pg:Park ; rdfs:label "乙园区"@zh , "Park B, \\"the second\\""@en ; pg:value 12 .
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    return path


def q(*args: str) -> object:
    return runner.invoke(app, ["query", *args])


def one_line_error(result: object, *, contains: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, (result.stdout, stderr)  # type: ignore[attr-defined]
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert contains in stderr, stderr
    assert result.stdout == ""  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the query and the graph


def test_prefixes_are_predeclared(tiny: Path) -> None:
    result = q("SELECT ?p WHERE { ?p a pg:Park } ORDER BY ?p", "--data", str(tiny), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "p",
        "https://w3id.org/parkgraph/resource/park-a",
        "https://w3id.org/parkgraph/resource/park-b",
    ]


def test_every_prefix_the_readme_lists_is_predeclared(dist: Path) -> None:
    """`oa:` too: where each evidence span sits in its text (Web Annotation selectors)."""
    listed = "pg: pgr: rdf: rdfs: owl: xsd: skos: prov: time: dcterms: schema: qb: org: sh: void: dcat: oa:"
    asks = " ".join(f"{{ BIND({p}x AS ?t) }}" for p in listed.split())
    assert q(f"ASK {{ {asks} }}", "--data", str(dist / "parkgraph.nt")).exit_code == 0
    result = q(
        "SELECT (COUNT(*) AS ?n) WHERE { ?sel a oa:TextPositionSelector ; oa:start ?start }",
        *("--data", str(dist / "parkgraph.nt"), "--format", "csv"),
    )
    assert result.exit_code == 0, result.stderr
    assert int(result.stdout.splitlines()[1]) > 0


def test_query_from_file_and_stdin(tiny: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { pgr:park-a a pg:Park }", encoding="utf-8")
    assert q("-f", str(rq), "--data", str(tiny), "--format", "csv").stdout.strip() == "true"
    result = runner.invoke(
        app, ["query", "-", "--data", str(tiny), "--format", "tsv"], input="ASK { ?s a pg:X }"
    )
    assert result.stdout.strip() == "false"


def test_runs_on_dist_by_default(seed_project: Project) -> None:
    """On the seed project (built): its two parks were checked by hand against the seed article."""
    result = q(
        "SELECT ?p WHERE { ?p a pg:HighTechZone } ORDER BY ?p", "--root", str(seed_project.root), "-F", "csv"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "https://w3id.org/parkgraph/resource/park-hangzhou-htz",
        "https://w3id.org/parkgraph/resource/park-yongchuan-htz",
    ]
    assert result.stderr == ""


def test_stale_dist_is_reported_or_rebuilt(project_copy: Project) -> None:
    build(project_copy)
    data = project_copy.data_dir / "hangzhou-htz-advert.ttl"
    data.write_text(data.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    args = ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--root", str(project_copy.root), "-F", "csv"]
    stale = q(*args)
    assert stale.exit_code == 0
    assert "out of date" in stale.stderr and "data/hangzhou-htz-advert.ttl" in stale.stderr
    rebuilt = q(*args, "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert "rebuilding" in rebuilt.stderr
    assert "out of date" not in q(*args).stderr


def test_missing_dist_says_build(project_copy: Project) -> None:
    one_line_error(q("ASK {}", "--root", str(project_copy.root)), contains="parkgraph build")


def test_store_source(tiny: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = ox.Store(str(location))
    store.bulk_load(path=str(tiny), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    result = q("SELECT (COUNT(?p) AS ?n) WHERE { ?p a pg:Park }", "--store", str(location), "-F", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["n", "2"]
    # An update needs the flag, and then changes the store.
    insert = "INSERT DATA { pgr:park-c a pg:Park }"
    one_line_error(q(insert, "--store", str(location)), contains="--allow-update")
    assert q(insert, "--store", str(location), "--allow-update").exit_code == 0
    result = q("SELECT (COUNT(?p) AS ?n) WHERE { ?p a pg:Park }", "--store", str(location), "-F", "csv")
    assert result.stdout.splitlines() == ["n", "3"]


def test_not_a_store(tmp_path: Path) -> None:
    one_line_error(q("ASK {}", "--store", str(tmp_path)), contains="not a parkgraph store")


# ---------------------------------------------------------------- formats


def test_formats(tiny: Path) -> None:
    query = (
        "SELECT ?p ?en ?v WHERE { ?p a pg:Park ; rdfs:label ?en ; pg:value ?v FILTER(lang(?en)='en') } "
        "ORDER BY ?p"
    )
    out = {
        f: q(query, "--data", str(tiny), "--format", f).stdout
        for f in ("csv", "tsv", "json", "xml", "md", "table")
    }
    assert (
        out["csv"].splitlines()[2] == 'https://w3id.org/parkgraph/resource/park-b,"Park B, ""the second""",12'
    )
    assert out["tsv"].splitlines()[0] == "?p\t?en\t?v"
    assert '"Park A"@en' in out["tsv"]
    doc = json.loads(out["json"])
    assert doc["head"]["vars"] == ["p", "en", "v"]
    assert doc["results"]["bindings"][0]["en"] == {"type": "literal", "value": "Park A", "xml:lang": "en"}
    parsed = ox.parse_query_results(out["xml"].encode(), format=ox.QueryResultsFormat.XML)
    assert len(list(parsed)) == 2  # type: ignore[arg-type]
    assert out["md"].splitlines()[0] == "| p | en | v |"
    assert "pgr:park-a" in out["table"] and "(2 rows)" in out["table"]


def test_table_is_cjk_width_aware(tiny: Path) -> None:
    out = q(
        "SELECT ?zh ?v WHERE { ?p rdfs:label ?zh ; pg:value ?v FILTER(lang(?zh)='zh') } ORDER BY ?v",
        "--data",
        str(tiny),
        "-F",
        "table",
    ).stdout
    lines = out.splitlines()
    assert width("甲园区") == 6
    # The value column starts at the same display column on every row.
    assert {width(line.rstrip()) for line in lines[2:4]} == {width(lines[0].rstrip())}


def test_labels_stand_in_for_iris(tiny: Path) -> None:
    out = q(
        "SELECT ?p WHERE { ?p a pg:Park } ORDER BY ?p", "--data", str(tiny), "-F", "csv", "--labels", "zh"
    )
    assert out.stdout.splitlines() == ["p", "甲园区", "乙园区"]


def test_construct_formats(tiny: Path) -> None:
    query = "CONSTRUCT { ?p a pg:Park } WHERE { ?p a pg:Park }"
    ttl = q(query, "--data", str(tiny)).stdout
    assert "@prefix pg:" in ttl and "pgr:park-a" in ttl
    assert len(q(query, "--data", str(tiny), "-F", "nt").stdout.splitlines()) == 2
    assert json.loads(q(query, "--data", str(tiny), "-F", "jsonld").stdout)
    one_line_error(q(query, "--data", str(tiny), "-F", "csv"), contains="ttl, nt, jsonld")


def test_output_file(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert q("ASK {}", "--data", str(tiny), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").strip() == "true"
    missing = tmp_path / "missing" / "a.csv"
    result = q("ASK {}", "--data", str(tiny), "-o", str(missing))
    one_line_error(result, contains=f"{missing}: the directory {missing.parent} does not exist; create it")
    assert not missing.parent.exists()


# ---------------------------------------------------------------- parameters


def test_param_is_bound_as_a_term_not_pasted(tiny: Path) -> None:
    query = "SELECT ?p ?name WHERE { ?p rdfs:label ?name }"
    # A value that would break out of a string if pasted is just a string.
    result = run_query(Source.files([tiny]), query, params={"name": '"x" } ; DROP ALL ; #"'})
    assert result.rows == []
    ok = run_query(Source.files([tiny]), query, params={"name": '"Park A"'})
    assert ok.rows == []  # "Park A" has a language tag: a plain string does not match
    named = run_query(Source.files([tiny]), "SELECT ?p ?v WHERE { ?p pg:value ?v }", params={"p": "甲园区"})
    assert named.values() == [("https://w3id.org/parkgraph/resource/park-a", "3")]


def test_unknown_name_suggests(tiny: Path) -> None:
    result = q("SELECT ?p ?v WHERE { ?p pg:value ?v }", "--data", str(tiny), "-p", "p=甲园")
    one_line_error(result, contains="did you mean")


def test_unknown_named_query(project: Project) -> None:
    one_line_error(q("--name", "park-overveiw"), contains="park-overview")


def test_queries_lists_them() -> None:
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0
    assert "park-overview" in result.stdout and "[park=永川高新区]" in result.stdout


# ---------------------------------------------------------------- safety and bad input


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?s WHERE {\n  ?s ?p\n}", "query line 3, column"),
        ("INSERT DATA { pgr:a pgr:b pgr:c }", "--allow-update"),
        ("delete where { ?s ?p ?o }", "--allow-update"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--allow-service"),
        ("SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }", "--allow-service"),
        ("SELECT*{VALUES?e{<http://example.org/sparql>}SERVICE?e{?s ?p ?o}}", "--allow-service"),
        ("SELECT ?s WHERE { ?s ex:p ?o }", "query line 1, column 22: unknown prefix ex:"),
    ],
)
def test_bad_queries_are_one_line_errors_and_write_nothing(
    tiny: Path, tmp_path: Path, query: str, message: str
) -> None:
    out = tmp_path / "answer.csv"
    one_line_error(q(query, "--data", str(tiny), "-o", str(out)), contains=message)
    assert not out.exists()


def test_service_in_strings_iris_and_comments_is_not_service(tiny: Path) -> None:
    query = """SELECT ?service WHERE {  # SERVICE <http://x>
      BIND("SERVICE <http://x> { }" AS ?service) FILTER(?service != <http://x/SERVICE>) }"""
    assert not QueryText(query).service
    assert q(query, "--data", str(tiny), "-F", "csv").exit_code == 0


def test_update_on_an_in_memory_copy_is_refused(tiny: Path) -> None:
    one_line_error(
        q("INSERT DATA { pgr:a pgr:b pgr:c }", "--data", str(tiny), "--allow-update"), contains="--store"
    )


def test_missing_query_file(tiny: Path) -> None:
    one_line_error(q("-f", "/nonexistent/q.rq", "--data", str(tiny)), contains="/nonexistent/q.rq")


def test_missing_data_file() -> None:
    one_line_error(q("ASK {}", "--data", "/nonexistent/a.ttl"), contains="no such file")


def test_no_query_given() -> None:
    one_line_error(q("--data", "x.ttl"), contains="exactly one query")


def test_bad_option_is_one_line() -> None:
    one_line_error(q("ASK {}", "--frobnicate"), contains="unrecognized arguments")


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_timeout_stops_a_runaway_query(dist: Path, tmp_path: Path) -> None:
    out = tmp_path / "n.csv"
    result = q(CARTESIAN, "--data", str(dist / "parkgraph.nt"), "--timeout", "1", "-o", str(out))
    one_line_error(result, contains="time limit of 1 s")
    assert not out.exists()


def test_timeout_child_is_killed(dist: Path) -> None:
    import multiprocessing

    before = set(multiprocessing.active_children())
    with pytest.raises(QueryTimeout):
        run_query(Source.files([dist / "parkgraph.nt"]), CARTESIAN, timeout=0.5)
    assert set(multiprocessing.active_children()) == before


def test_timeout_passes_the_answer_and_errors_back(tiny: Path) -> None:
    result = run_query(Source.files([tiny]), "SELECT ?p WHERE { ?p a pg:Park }", timeout=30)
    assert len(result.rows) == 2
    with pytest.raises(QueryError, match="column"):
        run_query(Source.files([tiny]), "SELECT ?p WHERE { ?p a }", timeout=30)


# ---------------------------------------------------------------- start-up


# Not imported on the usual paths of `parkgraph query`: the heavy libraries, and the standard
# modules that cost start-up time (the fast argument scanner, os.path, hand-written scanners).
# `--format json` and `xml` import their writers; they are not the defaults.
SLOW_MODULES = {"typer", "rich", "rdflib", "pyshacl", "pyvis", "click"}
SLOW_MODULES |= {"re", "pathlib", "enum", "argparse", "typing", "dataclasses", "json", "urllib", "shutil"}


@pytest.mark.parametrize(
    "args",
    [
        ["ASK { ?s ?p ?o }", "--data", "@nt", "-F", "csv"],
        ["SELECT ?p WHERE { ?p a pg:Park }", "--root", "@root", "--format", "table"],
        ["-f", "@rq", "--root", "@root", "-F", "tsv"],
        ["--name", "park-overview", "--param", "park=永川高新区", "--root", "@root", "-F", "csv"],
        ["-n", "targets-vs-actuals", "-p", "park=pgr:park-yongchuan-htz", "--root", "@root", "-F", "md"],
        ["-n", "keyword", "-p", 'keyword="新材料"', "--root", "@root", "--data", "@nt", "--labels", "zh"],
    ],
)
def test_query_starts_without_slow_imports(built_project: Project, tmp_path: Path, args: list[str]) -> None:
    """`parkgraph query` must start fast: no typer, rdflib …, nor re, pathlib, argparse, typing."""
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?p WHERE { ?p a pg:HighTechZone }", encoding="utf-8")
    root = built_project.root
    places = {"@nt": str(root / "dist" / "parkgraph.nt"), "@root": str(root), "@rq": str(rq)}
    argv = ["parkgraph", "query", *(places.get(a, a) for a in args)]
    # What the console script does (python -m would import runpy and its friends first).
    script = f"import sys; sys.argv = {argv!r}; from parkgraph.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip()
    imported = {
        line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time")
    }
    assert {m for m in imported if m.split(".")[0] in SLOW_MODULES} == set()
    assert "parkgraph.query" in imported  # the check saw the query run


# ---------------------------------------------------------------- the fast argument scanner


USUAL_COMMAND_LINES = [
    ["SELECT * WHERE { ?s ?p ?o }"],
    ["ASK {}", "--data", "a.ttl", "b.nt", "-F", "csv"],
    ["--data", "a.ttl", "-F", "csv", "ASK {}"],
    ["--data", "a.ttl", "b.ttl", "ASK {}"],  # the query is taken as a file, as argparse does
    ["-f", "q.rq", "--format=json", "--output", "out.json", "--root=.."],
    ["-f", "-"],
    ["-"],
    [""],
    ["--name", "park-overview", "-p", "park=永川高新区", "--param", "year=2024", "--labels", "en"],
    ["-n", "x", "--name", "y", "--format", "csv", "-F", "tsv"],  # the last one wins
    ["ASK {}", "--data", "a.ttl", "--data", "b.ttl"],
    ["ASK {}", "--store", "db", "--allow-update", "--allow-service", "--rebuild"],
    ["ASK {}", "--endpoint", "http://x/sparql", "--timeout", "2.5"],
    ["ASK {}", "--timeout=1e3", "--labels=zh"],
    ["ASK {}", "--name="],
    ["ASK {}", "-p", "a=-1", "-p", "b="],
]
UNUSUAL_COMMAND_LINES = [
    ["ASK {}", "--form", "csv"],  # an abbreviation
    ["ASK {}", "-Fcsv"],
    ["ASK {}", "-F=csv"],
    ["--", "ASK {}"],
    ["ASK {}", "--timeout", "-1"],
    ["ASK {}", "--data", "-", "x.ttl"],
    ["--data=a.ttl", "b.ttl"],  # one file, then the query
]
BAD_COMMAND_LINES = [
    ["ASK {}", "--frobnicate"],
    ["ASK {}", "ASK {}"],
    ["ASK {}", "--format"],
    ["ASK {}", "--data"],
    ["ASK {}", "--labels", "fr"],
    ["ASK {}", "--timeout", "soon"],
    ["ASK {}", "--rebuild=yes"],
    ["ASK {}", "--name", "--data", "x"],
]


@pytest.mark.parametrize("argv", USUAL_COMMAND_LINES + UNUSUAL_COMMAND_LINES)
def test_scanner_agrees_with_argparse(argv: list[str]) -> None:
    fast = scan(argv)
    slow = build_parser().parse_args(argv, namespace=types.SimpleNamespace())
    if argv in USUAL_COMMAND_LINES:
        assert fast is not None
    if fast is not None:
        assert vars(fast) == vars(slow)


@pytest.mark.parametrize("argv", [*BAD_COMMAND_LINES, ["-h"], ["ASK {}", "--help"]])
def test_scanner_leaves_errors_and_help_to_argparse(argv: list[str]) -> None:
    assert scan(argv) is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv, namespace=types.SimpleNamespace())


# ---------------------------------------------------------------- hand-written scanners


# The regular expressions that the hand-written scanners replaced (for start-up time).
TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[?$]?(?:\\[_~.\-!$&'()*+,;=/?\#@%]|[^\s{}()\[\]<>"',;\#.^|!&=*/+\-?$])+
              (?:[.\-](?:\\[_~.\-!$&'()*+,;=/?\#@%]|[^\s{}()\[\]<>"',;\#.^|!&=*/+\-?$])+)*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
HEADER_RE = re.compile(r"^#\s?(title|description|param|compute):\s*(.*)$")
PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<type>\w+)\))?\s*(?:[—–-]+\s*)?(?P<meaning>.*?)"
    r"\s*(?:\(default:?\s*(?P<default>[^)]*)\))?\s*$"
)
COMPUTE_RE = re.compile(r"^(?P<out>[A-Za-z_]\w*)\s*=\s*(?P<fn>\w+)\((?P<args>[^)]*)\)\s*$")


def reference_tokens(text: str) -> list[tuple[str, str, int]] | int:
    """The tokens, or the offset of the first unterminated string."""
    out = []
    for match in TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "other" and match.group() in "'\"":
            return match.start()
        if kind not in ("ws", "comment"):
            out.append((kind, match.group(), match.start()))
    return out


def our_tokens(text: str) -> list[tuple[str, str, int]] | int:
    try:
        return [(t.kind, t.text, t.pos) for t in tokens(text)]
    except QueryError as err:  # "query line L, column C: unterminated string"
        line, col = (int(n) for n in err.message.split(":")[0].removeprefix("query line ").split(", column "))
        return sum(len(x) for x in text.splitlines(keepends=True)[: line - 1]) + col - 1


def random_texts(pieces: list[str], count: int, longest: int = 12) -> list[str]:
    rnd = random.Random(20240607)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def test_tokenizer_matches_its_regular_expression() -> None:
    pieces = [*"ab?$:.-_'\"\\<>{}#\n \t()=*/+^|!&,;`\x00é中\u3000\u00a0xyz019", "'''", '"""', "SERVICE", "?x"]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))]
    for text in texts + random_texts([*pieces, "<http://x>", "pg:a.b"], 5000):
        assert our_tokens(text) == reference_tokens(text), repr(text)


def test_query_text_skips_the_scan_only_where_the_scan_would_agree() -> None:
    """Without an update word or SERVICE anywhere and with one query form, QueryText takes the
    form without tokenising; the tokens then say the same form, or the text is no query."""
    pieces = ["SELECT", "ask", "Construct", "DESCRIBE", "INSERT", "data", "service", "Service", "WITH"]
    pieces += ["selected", "?ask", "<http://x/select>", '"', "'", '"select"', "#", "\n", " ", "{", "}"]
    pieces += ["?s", "?p", "?o", "*", "WHERE", "pg:a", "<http://x/y>", ".", "task", "drop", "ADD"]
    fast = 0
    for text in random_texts(pieces, 5000, 10):
        try:
            words = [t.text.lower() for t in tokens(text) if t.kind == "word"]
        except QueryError:
            words = None  # an unterminated string
        try:
            qt = QueryText(text)
        except QueryError:  # scanned, and the scan refused the text
            assert words is None
            continue
        if qt._toks is not None:  # scanned
            continue
        fast += 1
        assert not qt.service and qt.form not in UPDATE_FORMS, text
        form = next((w for w in words or () if w in QUERY_FORMS or w in UPDATE_FORMS), "")
        if words is not None and form:
            assert (qt.form, "service" in words) == (form, False), text
        else:  # the scan would have found no form: the engine refuses the text
            with pytest.raises(SyntaxError):
                ox.Store().query(text)
    assert fast > 500  # the shortcut was exercised


def test_header_lines_read_as_their_regular_expressions() -> None:
    pieces = ["park", "p_1", "é", "_", "(", ")", "(iri)", "(foo)", " ", "\t", "—", "–", "-", "the park"]
    pieces += ["(default", "(default:", "永川", "1", ":", "=", "cagr", "(a, b)", ",", "?a", "\u3000", "２"]
    for text in (t.strip() for t in random_texts(pieces, 5000, 8)):
        match = PARAM_RE.match(text)
        try:
            param = parse_param("q.rq", text)
            ours: tuple[str, ...] | None = (param.name, param.type, param.meaning, param.default or "")
        except QueryError:
            ours = None
        if match and (match["type"] or "auto") in PARAM_TYPES:
            default = (match["default"] or "").strip()
            assert ours == (match["name"], match["type"] or "auto", match["meaning"], default), text
        else:
            assert ours is None, text
        match = COMPUTE_RE.match(text)
        try:
            comp = parse_compute("q.rq", text)
            assert match and (comp.output, comp.function) == (match["out"], match["fn"]), text
        except QueryError:
            assert not match or match["fn"] not in COMPUTE_FUNCTIONS, text
        for line in ("#" + text, "# " + text, "#  " + text, "# param:" + text, "#title: " + text):
            match = HEADER_RE.match(line.rstrip())
            assert header_field(line.rstrip()) == (match and (match[1], match[2].strip())), line


@pytest.mark.parametrize(
    ("pattern", "check"),
    [
        (r"[+-]?[0-9]+", is_integer),
        (r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)", is_decimal),
        (r"[+-]?[0-9]*\.[0-9]+", lambda v: is_decimal(v, point_needed=True)),
        (r"-?[0-9]{4,}", lambda v: is_integer(v, "-", 4)),
    ],
)
def test_number_checks_match_their_regular_expressions(pattern: str, check: Callable[[str], bool]) -> None:
    """ASCII digits only: a full-width ２ makes a name (resolved), not a number literal."""
    for value in random_texts([*"+-.0123456789a ", "２"], 5000, 7):
        assert check(value) == bool(re.fullmatch(pattern, value)), repr(value)


def test_argparse_main_and_typer_passthrough_agree(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert query_main(["ASK { ?s ?p ?o }", "--data", str(tiny), "-F", "csv"]) == 0
    direct = capsys.readouterr().out.replace("\r\n", "\n")  # CliRunner normalises line ends
    assert direct == q("ASK { ?s ?p ?o }", "--data", str(tiny), "-F", "csv").stdout
    helped = q("--help")
    assert helped.exit_code == 0 and "--allow-service" in helped.stdout
    assert " query " in runner.invoke(app, ["--help"]).stdout


# ---------------------------------------------------------------- exploratory QA: hostile input


@pytest.mark.parametrize("timeout", ["nan", "inf", "1e308"])
def test_timeout_that_is_not_a_finite_number_is_refused(tiny: Path, timeout: str) -> None:
    result = q("ASK { ?s ?p ?o }", "--data", str(tiny), f"--timeout={timeout}")
    one_line_error(result, contains="--timeout must be a positive number of seconds")


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "<>", "<http://a b>", 'pgr:a"b'])
def test_param_that_is_not_a_valid_iri(tiny: Path, value: str) -> None:
    result = q("SELECT ?p WHERE { ?p a pg:Park }", "--data", str(tiny), "-p", f"p={value}")
    one_line_error(result, contains="not a valid IRI")


def test_very_long_unknown_name_is_cut_short(tiny: Path) -> None:
    result = q("SELECT ?p WHERE { ?p a pg:Park }", "--data", str(tiny), "-p", "p=" + "永" * 5000)
    one_line_error(result, contains="no resource has this name")
    assert len(result.stderr) < 300


def test_stdin_closed_empty_or_not_utf8(tiny: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", None)
    assert query_main(["-", "--data", str(tiny)]) == 2
    assert capsys.readouterr().err == "Error: -: no standard input to read the query from (stdin is closed)\n"
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    assert query_main(["-", "--data", str(tiny)]) == 2
    assert "standard input was empty" in capsys.readouterr().err
    raw = io.TextIOWrapper(io.BytesIO(b"ASK { \xff }"), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", raw)
    assert query_main(["-", "--data", str(tiny)]) == 2
    assert capsys.readouterr().err == "Error: -: the query on standard input is not UTF-8 text\n"


def test_answer_the_output_encoding_cannot_show(tiny: Path) -> None:
    assert_ascii_stdout_is_one_error_line(
        ["query", "--data", str(tiny), "--format", "csv", "SELECT ?l WHERE { ?p rdfs:label ?l }"]
    )


@pytest.mark.parametrize("url", ["http://[::1/query", "http://127.0.0.1:99999/query", "http://:80/query"])
def test_endpoint_url_that_does_not_parse(url: str) -> None:
    one_line_error(q("ASK { ?s ?p ?o }", "--endpoint", url), contains=repr(url))
