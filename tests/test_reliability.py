"""Regression tests for issue 13 (reliability): nothing lost, nothing half-written, no
request without permission, bounded time and memory. Concurrency and signal tests use real
processes, real signals and real loopback servers."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from parkgraph.build import build
from parkgraph.errors import OutputError
from parkgraph.project import Project
from parkgraph.store import open_store

PARKGRAPH = [sys.executable, "-m", "parkgraph"]
PG_EVIDENCE = "https://w3id.org/parkgraph/ontology#evidence"


def write_ntriples(path: Path, prefix: str, count: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(f'<http://example.org/{prefix}/{i}> <http://example.org/p> "{i}" .\n')


def subjects_with(store: ox.Store, prefix: str) -> int:
    base = f"http://example.org/{prefix}/"
    return sum(1 for q in store if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base))


# ------------------------------------------------------------------ load: concurrency, leftovers


def test_two_loads_at_once_keep_both_files(tmp_path: Path) -> None:
    """Two `load --store S` processes at once: the second waits for the first's lock, so
    the store ends with both files' triples (each used to swap in its own copy)."""
    store = tmp_path / "pg.db"
    base, a, b = tmp_path / "base.nt", tmp_path / "a.nt", tmp_path / "b.nt"
    write_ntriples(base, "base", 10)
    write_ntriples(a, "a", 100_000)
    write_ntriples(b, "b", 100_000)
    subprocess.run([*PARKGRAPH, "load", "--store", str(store), str(base)], check=True, capture_output=True)
    procs = [
        subprocess.Popen([*PARKGRAPH, "load", "--store", str(store), str(f)], stderr=subprocess.PIPE)
        for f in (a, b)
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
    opened = open_store(store)
    assert (subjects_with(opened, "base"), subjects_with(opened, "a"), subjects_with(opened, "b")) == (
        10,
        100_000,
        100_000,
    )
    del opened
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_killed_loads_leftovers_are_removed_by_the_next_load(tmp_path: Path) -> None:
    """A load killed with SIGKILL leaves `.S.loading-PID`; the next load removes it."""
    store = tmp_path / "pg.db"
    base = tmp_path / "base.nt"
    write_ntriples(base, "base", 10)
    subprocess.run([*PARKGRAPH, "load", "--store", str(store), str(base)], check=True, capture_output=True)
    stale = tmp_path / f".pg.db.loading-{2**22 + 7}"  # as a killed load leaves it
    stale.mkdir()
    (stale / "000001.sst").write_bytes(b"x" * 1000)
    subprocess.run([*PARKGRAPH, "load", "--store", str(store), str(base)], check=True, capture_output=True)
    assert not stale.exists()
    assert subjects_with(open_store(store), "base") == 10


def test_a_load_killed_between_its_renames_gets_its_store_back(tmp_path: Path) -> None:
    """Killed after moving the old store aside and before moving the new one in: the next
    load puts the old store back (and adds to it) instead of removing it."""
    store = tmp_path / "pg.db"
    base, more = tmp_path / "base.nt", tmp_path / "more.nt"
    write_ntriples(base, "base", 10)
    write_ntriples(more, "more", 5)
    subprocess.run([*PARKGRAPH, "load", "--store", str(store), str(base)], check=True, capture_output=True)
    os.replace(store, tmp_path / ".pg.db.old-4242")
    subprocess.run([*PARKGRAPH, "load", "--store", str(store), str(more)], check=True, capture_output=True)
    opened = open_store(store)
    assert (subjects_with(opened, "base"), subjects_with(opened, "more")) == (10, 5)


def test_load_into_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "base.nt"
    write_ntriples(data, "base", 1)
    done = subprocess.run(
        [*PARKGRAPH, "load", "--store", str(tmp_path / "a" / "b" / "c"), str(data)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == f"Error: {tmp_path}/a/b/c: the directory {tmp_path}/a/b does not exist; create it first\n"
    )
    assert not (tmp_path / "a").exists()


# ------------------------------------------------------------------ push: redirects, HTML 200s


class Hostile:
    """A real HTTP server on a free loopback port whose answer the test chooses."""

    def __init__(self, respond: Callable[[BaseHTTPRequestHandler], None]) -> None:
        self.requests: list[tuple[str, str, int]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self) -> None:
                length = int(self.headers.get("Content-Length", "0") or 0)
                body = self.rfile.read(length)
                outer.requests.append((self.command, self.path, len(body)))
                respond(self)

            do_GET = do_POST = do_PUT = answer

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # A short poll interval: shutdown() waits for it (0.5 s by default).
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Hostile:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


LOGIN_PAGE = (
    b'<html><body><form action="/login" method="post">Log in <input type="password"></form></body></html>'
)


def redirect_or_page(handler: BaseHTTPRequestHandler) -> None:
    if handler.path.startswith("/store"):
        send(handler, 302, b"", {"Location": "/login?next=/store"})
    else:
        send(handler, 200, LOGIN_PAGE, {"Content-Type": "text/html"})


def test_push_refuses_a_redirect_and_names_the_new_address(built_project: Project) -> None:
    """A POST answered by 302: urllib followed it as a body-less GET and reported the login
    page it found as "pushed 1575 triples (HTTP 200)"."""
    with Hostile(redirect_or_page) as server:
        done = subprocess.run(
            [*PARKGRAPH, "push", "--endpoint", f"{server.url}/store", "--root", str(built_project.root)],
            capture_output=True,
            text=True,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("Error: POST ") and done.stderr.count("\n") == 1, done.stderr
    assert f"HTTP 302 Found: the server redirects to {server.url}/login?next=/store" in done.stderr
    assert "nothing was pushed" in done.stderr
    assert [r[0] for r in server.requests] == ["POST"]  # never followed


def test_push_answered_by_an_html_page_is_not_a_success(built_project: Project) -> None:
    with Hostile(redirect_or_page) as server:
        done = subprocess.run(
            [*PARKGRAPH, "push", "--endpoint", f"{server.url}/portal", "--root", str(built_project.root)],
            capture_output=True,
            text=True,
        )
    assert done.returncode == 2, done.stderr
    assert "HTTP 200 with an HTML page holding a form (a login page?)" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "pushed" not in done.stderr


def test_push_acknowledged_by_an_html_page_without_a_form_is_a_success(built_project: Project) -> None:
    """Virtuoso answers a push with "201 Created" and a small HTML page: that is no login page."""

    def created(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 201, b"<html><body><h1>Created</h1></body></html>", {"Content-Type": "text/html"})

    with Hostile(created) as server:
        done = run("push", "--endpoint", f"{server.url}/store", "--root", str(built_project.root))
    assert done.returncode == 0, done.stderr
    assert "(HTTP 201)" in done.stderr


# ------------------------------------------------------------------ build and export: all or nothing


def snapshot(directory: Path) -> dict[str, bytes | str]:
    """Every entry of `directory` (recursively): a file's bytes, or "dir"."""
    out: dict[str, bytes | str] = {}
    for path in sorted(directory.rglob("*")):
        out[str(path.relative_to(directory))] = "dir" if path.is_dir() else path.read_bytes()
    return out


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PARKGRAPH, *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture()
def built_copy(project_copy: Project) -> Project:
    build(project_copy, check=False)
    return project_copy


def test_build_without_data_is_an_error_and_keeps_dist(built_copy: Project) -> None:
    before = snapshot(built_copy.dist)
    shutil.rmtree(built_copy.data_dir)
    done = run("build", "-q", "--no-check", "--root", str(built_copy.root))
    assert done.returncode == 2
    assert done.stderr == (
        f"Error: {built_copy.data_dir}: does not exist; the data files (one per source document) go there\n"
    )
    assert snapshot(built_copy.dist) == before


def test_build_with_an_output_name_taken_by_a_directory_changes_nothing(built_copy: Project) -> None:
    """dist/manifest.json is a directory: the build used to rename ttl and nt into place and
    then fail, leaving new files beside the old manifest."""
    (built_copy.data_dir / "extra.ttl").write_text(
        "@prefix pgr: <https://w3id.org/parkgraph/resource/> .\npgr:a pgr:b pgr:c .\n", encoding="utf-8"
    )
    manifest = built_copy.dist / "manifest.json"
    manifest.unlink()
    manifest.mkdir()
    before = snapshot(built_copy.dist)
    done = run("build", "-q", "--no-check", "--root", str(built_copy.root))
    assert done.returncode == 2
    assert (
        done.stderr
        == f"Error: {manifest}: is a directory, not a file; build stopped, {built_copy.dist} left unchanged\n"
    )
    assert snapshot(built_copy.dist) == before


def test_a_rename_that_fails_part_way_puts_every_output_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename failing after others succeeded (a mock: no real failure can be caused
    between two renames in one directory): the files already replaced are put back."""
    from parkgraph import atomic

    for name in ("a", "b", "c"):
        (tmp_path / name).write_text(f"old {name}")
    real_replace, calls = os.replace, []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(
        OutputError, match=r"c: cannot write \(No space left on device\); test left unchanged"
    ):
        atomic.write_all(
            tmp_path, {"a": b"new a", "b": b"new b", "c": b"new c", "d": b"new d"}, "test left unchanged"
        )
    assert snapshot(tmp_path) == {"a": b"old a", "b": b"old b", "c": b"old c"}


def test_csv_export_with_a_directory_in_the_way_changes_nothing(
    built_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    (out / "nodes.csv").write_text("old nodes")
    (out / "edges.csv").mkdir()
    done = run("export", "-f", "csv", "-o", str(out), "--root", str(built_project.root))
    assert done.returncode == 2
    assert (
        done.stderr.startswith(f"Error: {out / 'edges.csv'}: is a directory") and done.stderr.count("\n") == 1
    )
    assert snapshot(out) == {"edges.csv": "dir", "nodes.csv": b"old nodes"}


def test_export_files_get_the_usual_mode(built_project: Project, tmp_path: Path) -> None:
    """mkstemp makes 0600 files; outputs are 0666 less the umask, as other outputs are."""
    mask = os.umask(0o022)
    try:
        assert (
            run(
                "export", "-f", "nt", "-o", str(tmp_path / "g.nt"), "--root", str(built_project.root)
            ).returncode
            == 0
        )
        assert (
            run(
                "export", "-f", "csv", "-o", str(tmp_path / "csv"), "--root", str(built_project.root)
            ).returncode
            == 0
        )
    finally:
        os.umask(mask)
    for path in (tmp_path / "g.nt", tmp_path / "csv" / "nodes.csv", tmp_path / "csv" / "edges.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


@pytest.mark.parametrize("out", ["a/b/c", ""])
def test_build_into_a_missing_or_empty_path_is_an_error(
    built_copy: Project, tmp_path: Path, out: str
) -> None:
    work = tmp_path / "work"  # tmp_path is the project copy's root
    work.mkdir()
    done = run("build", "-q", "--no-check", "--root", str(built_copy.root), "--out", out, cwd=work)
    assert done.returncode == 2 and done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1
    assert list(work.iterdir()) == []


def test_query_output_leftovers_of_a_killed_writer_are_removed(
    built_project: Project, tmp_path: Path
) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = tmp_path / f".answer.csv.tmp-{gone.stdout.strip()}"  # its writer has exited
    stale.write_text("half")
    out = tmp_path / "answer.csv"
    done = run("query", "ASK {}", "-o", str(out), "--root", str(built_project.root))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.csv"]


def test_query_output_to_an_empty_path_is_one_error_line(built_project: Project, tmp_path: Path) -> None:
    done = run("query", "ASK {}", "-o", "", "--root", str(built_project.root), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "Error: -o '': give the file to write the answer to (an empty path names none)\n"


def test_export_output_to_an_empty_path_is_one_error_line(built_project: Project, tmp_path: Path) -> None:
    """-o '' used to be read as the current directory ("is a directory")."""
    done = run("export", "-f", "nt", "-o", "", "--root", str(built_project.root), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "Error: -o '': give the file to write the export to (an empty path names none)\n"
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ SERVICE: decided from the parse tree


def record_only(handler: BaseHTTPRequestHandler) -> None:
    send(
        handler,
        200,
        b'{"head":{"vars":[]},"results":{"bindings":[{}]}}',
        {"Content-Type": "application/sparql-results+json"},
    )


# A local name with an escaped `#` used to hide the SERVICE after it (taken for a comment).
ESCAPED_HASH = (
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(pgr:x\\# AS ?z) SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
)
ESCAPED_KEYWORD = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"


def load_dist(built_project: Project, store: Path) -> Path:
    subprocess.run(
        [*PARKGRAPH, "load", "--store", str(store), str(built_project.dist / "parkgraph.trig")],
        check=True,
        capture_output=True,
    )
    return store


@pytest.fixture()
def loaded_store(built_project: Project, tmp_path: Path) -> Path:
    """A store of the shipped graph for a test that changes it."""
    return load_dist(built_project, tmp_path / "pg.db")


@pytest.fixture(scope="module")
def shared_store(built_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the shipped graph that tests only read."""
    return load_dist(built_project, tmp_path_factory.mktemp("shared") / "pg.db")


@pytest.mark.parametrize("template", [ESCAPED_HASH, ESCAPED_KEYWORD], ids=["escaped-hash", "u-escape"])
@pytest.mark.parametrize("path", ["dist", "data", "store", "name", "export", "viz", "endpoint"])
def test_service_is_refused_on_every_path(
    built_project: Project, shared_store: Path, tmp_path: Path, template: str, path: str
) -> None:
    """The federated endpoint is a real loopback server: it must see no request at all."""
    with Hostile(record_only) as target, Hostile(record_only) as endpoint:
        query = template.format(url=target.url)
        root = ["--root", str(built_project.root)]
        if path == "name":
            project = tmp_path / "project"
            for sub in ("ontology", "data", "queries", "dist"):
                shutil.copytree(built_project.root / sub, project / sub)
            (project / "queries" / "sneaky.rq").write_text(
                "# title: sneaky\n" + query + "\n", encoding="utf-8"
            )
            root = ["--root", str(project)]
        query_file = tmp_path / "q.rq"
        query_file.write_text(query, encoding="utf-8")
        args = {
            "dist": ["query", query, *root],
            "data": ["query", query, "--data", str(built_project.dist / "parkgraph.nt")],
            "store": ["query", query, "--store", str(shared_store)],
            "name": ["query", "--name", "sneaky", *root],
            "export": ["export", "-f", "nt", "-q", query, *root],
            "viz": ["viz", "--query", str(query_file), "-o", str(tmp_path / "page.html"), *root],
            "endpoint": ["query", query, "--endpoint", f"{endpoint.url}/query"],
        }[path]
        done = run(*args)
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "SERVICE" in errors[0] and done.stderr.endswith(errors[0] + "\n")
    assert target.requests == [] and endpoint.requests == []
    assert not (tmp_path / "page.html").exists()


def test_service_in_a_build_check_is_refused(built_copy: Project) -> None:
    with Hostile(record_only) as target:
        (built_copy.checks_dir / "federated.rq").write_text(
            "SELECT ?focus ?message WHERE { BIND(pgr:x\\# AS ?z) "
            f"SERVICE <{target.url}/sparql> {{ ?focus ?p ?message }} }}\n",
            encoding="utf-8",
        )
        before = snapshot(built_copy.dist)
        done = run("build", "-q", "--root", str(built_copy.root))
    assert done.returncode == 2, done.stderr
    assert done.stderr.endswith(
        "federated.rq: SERVICE (a call to another endpoint) is not allowed in a check; "
        "checks run on the local graph only\n"
    )
    assert target.requests == []
    assert snapshot(built_copy.dist) == before


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x> {}" }',
        "SELECT * WHERE { ?s schema:serviceType ?o } # SERVICE <http://x> {}",
        'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, "\\\\d+")) }',
        "SELECT ?service WHERE { ?service ?p ?o }",
    ],
)
def test_service_only_in_strings_names_and_comments_is_no_service(query: str) -> None:
    from parkgraph.query import check

    assert check(query).service is False


def test_service_that_cannot_be_parsed_is_refused_as_a_maybe() -> None:
    from parkgraph.errors import QueryError
    from parkgraph.query import check

    with pytest.raises(QueryError, match="may be in this query"):
        check("SELECT * WHERE { BIND(pgr:x\\# AS ?z) SERVICE <http://127.0.0.1:1/s> { ?s ?p ?o } }")
    assert check("SELECT * WHERE { SERVICE <http://x/s> { ?s ?p ?o } }", allow_service=True).service


# ------------------------------------------------------------------ updates on a store with named graphs


def count_labels(store: Path) -> int:
    done = run(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }", "--store", str(store), "-F", "tsv"
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.splitlines()[1].split('"')[1])


def test_an_update_that_sees_only_the_default_graph_is_refused(loaded_store: Path) -> None:
    """Queries see the union of the named graphs; `DELETE WHERE` without GRAPH deleted 8 of
    352 labels (those in the default graph) and said "update done"."""
    labels = count_labels(loaded_store)
    done = run("query", "DELETE WHERE { ?s rdfs:label ?l }", "--store", str(loaded_store), "--allow-update")
    assert done.returncode == 2
    assert (
        done.stderr.startswith("Error: this store keeps its triples in named graphs")
        and "DELETE WHERE" in done.stderr
    )
    assert count_labels(loaded_store) == labels


def test_an_update_that_names_its_graphs_runs(loaded_store: Path) -> None:
    done = run(
        "query",
        "DELETE WHERE { GRAPH ?g { ?s rdfs:label ?l } }",
        "--store",
        str(loaded_store),
        "--allow-update",
    )
    assert done.returncode == 0, done.stderr
    assert count_labels(loaded_store) == 0
    done = run(
        "query", 'INSERT DATA { pgr:a rdfs:label "a" }', "--store", str(loaded_store), "--allow-update"
    )
    assert done.returncode == 0, done.stderr
    assert count_labels(loaded_store) == 1  # an insert into the default graph is seen by queries


# ------------------------------------------------------------------ time and signals


def test_describe_of_an_entity_with_100k_values_for_one_property_is_linear(tmp_path: Path) -> None:
    """Each value was compared with every earlier one (10 k values 4.7 s, 40 k 67 s): 100 k
    would take minutes. The limit here is only a guard against hanging, not a timing."""
    data = tmp_path / "many.nt"
    with data.open("w", encoding="utf-8") as fh:
        fh.write(
            '<https://w3id.org/parkgraph/resource/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@zh .\n'
        )
        for i in range(100_000):
            fh.write(f'<https://w3id.org/parkgraph/resource/x> <http://example.org/value> "{i}" .\n')
            fh.write(f'<https://w3id.org/parkgraph/resource/x> <{PG_EVIDENCE}> "e{i}" .\n')
    done = subprocess.run(
        [*PARKGRAPH, "describe", "pgr:x", "--data", str(data), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    import json

    found = json.loads(done.stdout)
    assert len(found["properties"]["<http://example.org/value>"]) == 100_000
    assert len(found["evidence"]) == 100_000


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def alive(pid: int) -> bool:
    """Running and not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Poll until `condition` holds (a wait for an event, not a timing assertion)."""
    import time

    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_query_with_timeout_takes_its_child_along(built_project: Project, signum: int) -> None:
    """`query --timeout 60` runs the query in a forked child; killing the parent left the
    child running at full CPU, orphaned, for minutes."""
    proc = subprocess.Popen(
        [*PARKGRAPH, "query", RUNAWAY, "--timeout", "60", "--data", str(built_project.dist / "parkgraph.nt")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    found: list[int] = []
    try:
        wait_for(lambda: bool(children(proc.pid)), "the query child")
        found = children(proc.pid)
        os.kill(proc.pid, signum)
        proc.wait(timeout=30)
        wait_for(lambda: not any(alive(pid) for pid in found), "the orphaned child to die", limit=30)
    finally:
        proc.kill()
        proc.wait()
        for pid in found:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("source", ["data", "store"])
def test_ctrl_c_stops_a_runaway_local_query(built_project: Project, shared_store: Path, source: str) -> None:
    """Without --timeout the query runs inside pyoxigraph, where KeyboardInterrupt never
    arrives: only SIGTERM/SIGKILL used to stop it."""
    where = (
        ["--data", str(built_project.dist / "parkgraph.nt")]
        if source == "data"
        else ["--store", str(shared_store)]
    )
    proc = subprocess.Popen(
        [*PARKGRAPH, "query", RUNAWAY, *where], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        # Start-up and loading take well under 2 s of CPU; past that, the query is running.
        wait_for(lambda: cpu_seconds(proc.pid) > 2.0, "the query to run")
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130
    assert stderr == "Error: interrupted\n" and stdout == ""


# ------------------------------------------------------------------ remote: whole-request deadline, size


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """A byte every 0.2 s, forever: each read is quick, the answer never ends."""
    import time

    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.end_headers()
    try:
        while True:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.2)
    except OSError:
        return


def endless(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.end_headers()
    block = b" " * (1 << 16)
    try:
        while True:
            handler.wfile.write(block)
    except OSError:
        return


def short(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"head":{"vars":[]}')
    handler.close_connection = True


def test_endpoint_timeout_bounds_the_whole_request() -> None:
    """--timeout bounded each socket read only: a byte every 0.2 s never timed out."""
    with Hostile(trickle) as server:
        done = subprocess.run(
            [*PARKGRAPH, "query", "ASK {}", "--endpoint", f"{server.url}/query", "--timeout", "2"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == f"Error: {server.url}/query: no answer within 2 s (timed out)\n"


def test_endpoint_answer_size_is_bounded() -> None:
    """An endless body was read into memory (4 GiB, 8.5 GB resident) before failing."""
    with Hostile(endless) as server:
        done = subprocess.run(
            [*PARKGRAPH, "query", "ASK {}", "--endpoint", f"{server.url}/query"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PARKGRAPH_MAX_ANSWER_BYTES": "1000000"},
        )
    assert done.returncode == 2
    assert done.stderr.startswith(f"Error: {server.url}/query: the answer is larger than 1,000,000 bytes")
    assert done.stderr.count("\n") == 1


def test_endpoint_answer_shorter_than_its_content_length() -> None:
    with Hostile(short) as server:
        done = run("query", "ASK {}", "--endpoint", f"{server.url}/query")
    assert done.returncode == 2
    assert (
        done.stderr
        == f"Error: {server.url}/query: the answer ended early (19 bytes of 1000 announced); try again\n"
    )


# ------------------------------------------------------------------ ill-typed literals


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            'pg:startYear "2021"^^xsd:gYear',
            'pg:startYear "twenty"^^xsd:gYear',
            '"twenty", which is not an xsd:gYear',
        ),
        (
            'pg:startYear "2021"^^xsd:gYear',
            'pg:startYear "2021"^^xsd:gYear ; pg:value "abc"^^xsd:integer',
            '"abc", which is not an xsd:integer',
        ),
    ],
    ids=["gYear", "integer"],
)
def test_ill_typed_literals_fail_the_build_without_a_traceback(
    built_copy: Project, old: str, new: str, words: str
) -> None:
    """ "twenty"^^xsd:gYear was published in dist/ (exit 0); "abc"^^xsd:integer exited 1
    but printed rdflib's warning and a traceback first."""
    data = built_copy.data_dir / "yongchuan-htz-article.ttl"
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = snapshot(built_copy.dist)
    done = run("build", "-q", "--root", str(built_copy.root))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Failed to convert" not in done.stderr, done.stderr
    assert words in done.stderr and "[ill-typed-literals.rq]" in done.stderr
    assert snapshot(built_copy.dist) == before


# ------------------------------------------------------------------ time limits beyond `query`

RUNAWAY_PATTERN = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o"


def test_export_query_has_a_time_limit(built_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    done = run(
        "export", "-f", "nt", "-o", str(out), "--timeout", "1",
        "-q", f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {RUNAWAY_PATTERN} }}",
        "--root", str(built_project.root),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "Error: the export ran past its time limit of 1 s and was stopped\n"
    assert list(tmp_path.iterdir()) == []


def test_viz_query_has_a_time_limit(built_project: Project, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {RUNAWAY_PATTERN} }}", encoding="utf-8")
    page = tmp_path / "page.html"
    done = run(
        "viz", "--query", str(query), "-o", str(page), "--timeout", "1", "--root", str(built_project.root)
    )
    assert done.returncode == 2
    assert done.stderr.endswith(
        "Error: drawing the page (its --query included) ran past its time limit of 1 s and was stopped\n"
    )
    assert not page.exists()


def test_build_checks_have_a_time_limit(built_copy: Project) -> None:
    (built_copy.checks_dir / "endless.rq").write_text(
        f"SELECT ?focus ?message WHERE {{ {RUNAWAY_PATTERN} BIND(?a AS ?focus) BIND(STR(?c) AS ?message) }}",
        encoding="utf-8",
    )
    before = snapshot(built_copy.dist)
    done = run("build", "-q", "--timeout", "3", "--root", str(built_copy.root))
    assert done.returncode == 2
    assert done.stderr == "Error: the shapes and checks ran past its time limit of 3 s and was stopped\n"
    assert snapshot(built_copy.dist) == before


# ------------------------------------------------------------------ streamed rows


UTF8 = {**os.environ, "PYTHONIOENCODING": "utf-8"}


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_the_first_row_comes_before_the_answer_is_found(built_project: Project, fmt: str) -> None:
    """A 2.5-million-row answer was materialised before the first row was printed (1.6 GB
    here, and `| head -1` waited for all of it). Read two lines, then look at the peak
    memory of the still-running process: rows are written as the engine finds them."""
    proc = subprocess.Popen(
        [*PARKGRAPH, "query", "SELECT ?a ?b WHERE { ?a ?p ?o . ?b ?q ?r }", "-F", fmt,
         "--data", str(built_project.dist / "parkgraph.nt")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=UTF8,
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        lines = [proc.stdout.readline() for _ in range(2)]
        peak = next(
            line for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines() if "VmHWM" in line
        )
        assert proc.poll() is None  # still producing rows
    finally:
        proc.kill()
        proc.wait()
    assert all(lines)
    assert int(peak.split()[1]) < 200_000, peak  # kB; the whole answer took 1.6 GB


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?l ?x WHERE { ?s rdfs:label ?l OPTIONAL { ?s pg:value ?x } } ORDER BY ?s ?l LIMIT 40",
        "SELECT ?s WHERE { ?s a pg:NoSuchClass }",
        "ASK { ?s a pg:Park }",
    ],
    ids=["rows", "empty", "ask"],
)
def test_streamed_answers_are_the_whole_answers(
    built_project: Project, tmp_path: Path, fmt: str, query: str
) -> None:
    from parkgraph.query import Source, run_query
    from parkgraph.results import render

    data = str(built_project.dist / "parkgraph.nt")
    expected = render(run_query(Source.files([data]), query), fmt)
    done = subprocess.run(
        [*PARKGRAPH, "query", query, "-F", fmt, "--data", data], capture_output=True, env=UTF8
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == expected
    out = tmp_path / f"answer.{fmt}"
    assert run("query", query, "-F", fmt, "--data", data, "-o", str(out)).returncode == 0
    assert out.read_bytes().decode("utf-8") == expected


# ------------------------------------------------------------------ messages that say what is wrong


@pytest.fixture()
def project_with_dist(built_project: Project, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for sub in ("ontology", "data", "queries", "dist"):
        shutil.copytree(built_project.root / sub, root / sub)
    return root


def test_a_named_query_that_is_a_directory_says_so(project_with_dist: Path) -> None:
    (project_with_dist / "queries" / "dir.rq").mkdir()
    done = run("query", "--name", "dir", "--root", str(project_with_dist))
    assert done.returncode == 2
    assert (
        done.stderr
        == f"Error: named query 'dir': {project_with_dist}/queries/dir.rq: is a directory, not a file\n"
    )


def test_a_named_query_that_is_not_utf8_is_one_error_line(project_with_dist: Path) -> None:
    (project_with_dist / "queries" / "latin.rq").write_bytes(b"# title: caf\xe9\nASK {}\n")
    done = run("query", "--name", "latin", "--root", str(project_with_dist))
    assert done.returncode == 2
    assert done.stderr == f"Error: {project_with_dist}/queries/latin.rq: the named query is not UTF-8 text\n"


def test_a_missing_manifest_is_not_called_not_built_yet(project_with_dist: Path) -> None:
    (project_with_dist / "dist" / "manifest.json").unlink()
    done = run("query", "ASK {}", "--root", str(project_with_dist))
    assert done.returncode == 0
    assert "not built yet" not in done.stderr
    assert f"{project_with_dist}/dist/manifest.json is missing" in done.stderr


def test_load_into_a_directory_with_only_a_current_file_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "odd"
    target.mkdir()
    (target / "CURRENT").write_text("MANIFEST-000001\n")
    data = tmp_path / "base.nt"
    write_ntriples(data, "base", 1)
    done = run("load", "--store", str(target), str(data))
    assert done.returncode == 2 and "not a parkgraph store and not empty" in done.stderr
    assert sorted(p.name for p in target.iterdir()) == ["CURRENT"]  # no LOCK, no LOG


def test_bidi_overrides_in_labels_are_isolated_and_shown_on_the_page(tmp_path: Path) -> None:
    """A right-to-left override made "gnp.exe" read as "exe.png" on the page."""
    import json
    import re

    data = tmp_path / "rlo.nt"
    label = "<https://w3id.org/parkgraph/resource/file> <http://www.w3.org/2000/01/rdf-schema#label>"
    data.write_text(f'{label} "\\u202Egnp.exe"@en .\n{label} "文件"@zh .\n', encoding="utf-8")
    page = tmp_path / "page.html"
    done = run("viz", "--data", str(data), "-o", str(page))
    assert done.returncode == 0, done.stderr
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page.read_text(), re.S)
    assert match
    (node,) = json.loads(match.group(1))["nodes"]
    assert node["en"] == "\u2068⟨U+202E⟩gnp.exe\u2069" and node["zh"] == "文件"


def test_build_into_a_dist_that_is_a_file_says_so(built_copy: Project) -> None:
    """Was "File exists"."""
    out = built_copy.root / "taken"
    out.write_text("a file")
    done = run("build", "-q", "--no-check", "--root", str(built_copy.root), "--out", str(out))
    assert done.returncode == 2
    assert done.stderr == f"Error: {out}: is a file, not a directory; build stopped, nothing written\n"
    assert out.read_text() == "a file"
