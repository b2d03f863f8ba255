"""Real SPARQL engines on free loopback ports, for the cross-engine tests (test_engines.py).

* Virtuoso 7 (Debian `virtuoso-opensource`): a throw-away database in a temporary
  directory, the TriG bulk-loaded with `ld_dir` + `rdf_loader_run` through `isql-vt`;
* Comunica (`@comunica/query-sparql-file`, pinned in package.json, installed into
  node_modules/ by `make test`): `comunica-sparql-file-http` serving dist/parkgraph.ttl;
* rdflib: its SPARQL engine behind a small SPARQL 1.1 Protocol server, in a process of its
  own (engines/rdflib_endpoint.py).

Each starts once per session and is stopped (and its files removed) at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from oxigraph_server import free_port

ROOT = Path(__file__).resolve().parents[1]
COMUNICA = ROOT / "node_modules" / ".bin" / "comunica-sparql-file-http"
LOOPBACK_PRELOAD = Path(__file__).resolve().parent / "engines" / "loopback.cjs"
VIRTUOSO_VSP = "/var/lib/virtuoso-opensource-7/vsp"  # the HTTP server's root (Debian package)
DBA_PASSWORD = "dba"  # a fresh database's; the database lives only as long as the session


@dataclass
class Engine:
    name: str
    query_url: str
    process: subprocess.Popen[bytes] | None = None
    crud_auth_url: str = ""  # Virtuoso's Graph Store endpoint that demands digest auth
    default_graphs: tuple[str, ...] = ()  # what --default-graph-uri must name (Virtuoso)


def wait_until(ready: Callable[[], bool], proc: subprocess.Popen[bytes] | None, what: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while not ready():
        if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
            text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not start: {text}")
        time.sleep(0.2)


def answers(url: str) -> bool:
    body = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Accept": "application/sparql-results+json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ---------------------------------------------------------------------------------- Virtuoso

# StopCompilerWhenXOverRunTime: Virtuoso's optimiser otherwise spends seconds on the join
# order of `observations` (13 patterns), longer than running it.
VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 0
DirsAllowed        = {data}
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
StopCompilerWhenXOverRunTime = 1
[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {vsp}
ServerThreads      = 4
MaxClientConnections = 4
Charset            = UTF-8
[SPARQL]
ResultSetMaxRows   = 100000
MaxQueryExecutionTime = 60
"""


def isql(sql_port: int, statements: str) -> str:
    done = subprocess.run(
        ["isql-vt", f"127.0.0.1:{sql_port}", "dba", DBA_PASSWORD, f"exec={statements}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")
    return done.stdout


MERGED_GRAPH = "https://w3id.org/parkgraph/graph/merged"


@contextmanager
def virtuoso(trig: Path, workdir: Path) -> Iterator[Engine]:
    """Virtuoso on loopback with `trig` bulk-loaded into its named graphs, and the merge of
    them (the N-Triples beside it) into the graph MERGED_GRAPH: Virtuoso, like pyoxigraph,
    answers over several default graphs as a multiset, so a fact two sources state would
    count twice; the merge is what a query without GRAPH is meant to see."""
    db, data = workdir / "db", workdir / "data"
    db.mkdir()
    data.mkdir()
    shutil.copy(trig, data / trig.name)
    shutil.copy(trig.with_suffix(".nt"), data / "merged.nt")
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(db=db, data=data, sql_port=sql_port, http_port=http_port, vsp=VIRTUOSO_VSP)
    )
    log = db / "stdout.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(db / "virtuoso.ini")],
            cwd=db,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until(lambda: answers(f"{base}/sparql"), proc, "virtuoso-t", log)
        isql(
            sql_port,
            f"ld_dir('{data}', '{trig.name}', 'https://w3id.org/parkgraph/graph/unnamed'); "
            f"ld_dir('{data}', 'merged.nt', '{MERGED_GRAPH}'); "
            "rdf_loader_run(); checkpoint;",
        )
        failed = isql(sql_port, "select ll_file, ll_error from DB.DBA.load_list where ll_error is not null;")
        if "0 Rows" not in failed:
            raise RuntimeError(f"Virtuoso's loader failed: {failed}")
        yield Engine("virtuoso", f"{base}/sparql", proc, crud_auth_url=f"{base}/sparql-graph-crud-auth")
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------- Comunica


@contextmanager
def comunica(data: Path, workdir: Path) -> Iterator[Engine]:
    """comunica-sparql-file-http serving `data` on loopback."""
    port = free_port()
    log = workdir / "comunica.log"
    env = {**os.environ, "NODE_OPTIONS": f"--require {LOOPBACK_PRELOAD}"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(COMUNICA), str(data), "--port", str(port), "--workers", "1"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # it forks a worker: stop the whole group
        )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        wait_until(lambda: answers(url), proc, "comunica-sparql-file-http", log)
        yield Engine("comunica", url, proc)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        stop(proc)


# ---------------------------------------------------------------------------------- rdflib

RDFLIB_ENDPOINT = Path(__file__).resolve().parent / "engines" / "rdflib_endpoint.py"


@contextmanager
def rdflib_endpoint(data: Path, workdir: Path) -> Iterator[Engine]:
    """rdflib's SPARQL engine over `data`, behind a SPARQL 1.1 Protocol server (POST query=…)."""
    port = free_port()
    log = workdir / "rdflib.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(RDFLIB_ENDPOINT), str(data), str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        wait_until(lambda: answers(url), proc, "rdflib's endpoint", log)
        yield Engine("rdflib", url, proc)
    finally:
        stop(proc)
